#!/usr/bin/env bash
# Score the extractor against the shared gold files.
#   scripts/eval.sh SHARED_DIR [--verbose]
# SHARED_DIR holds corpus/, gold/ and eval/ (in a checkout beside the project: ../shared).
# Prints the seed's score, then the dev articles' score by kind.
set -euo pipefail
shared=${1:?usage: scripts/eval.sh SHARED_DIR [--verbose]}
shift
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
kg extract --format jsonl "$shared"/corpus/seed/*.txt > "$out/seed.jsonl"
echo "== seed"
python3 "$shared/eval/kgscore.py" --gold "$shared/gold/seed" --pred "$out/seed.jsonl" "$@"
dev=()
for gold in "$shared"/gold/dev/*.json; do
  dev+=("$shared/corpus/articles/$(basename "${gold%.json}").txt")
done
kg extract --format jsonl "${dev[@]}" > "$out/dev.jsonl"
echo "== dev (${#dev[@]} articles)"
python3 "$shared/eval/kgscore.py" --gold "$shared/gold/dev" --pred "$out/dev.jsonl" "$@"
