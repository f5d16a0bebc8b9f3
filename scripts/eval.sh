#!/usr/bin/env bash
# Score the extractor against the shared gold files.
#   scripts/eval.sh SHARED_DIR [--verbose]
# SHARED_DIR holds corpus/, gold/ and eval/ (in a checkout beside the project: ../shared).
# Prints the seed's score, the dev articles' score by kind, then the VLSP-2018 dev score.
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
vlsp="$shared/external/vlsp2018/dev"
if [ -d "$vlsp" ]; then
  for part in "$vlsp"/*/; do
    python3 "$shared/eval/vlsp_score.py" text --muc "$part" --out "$out/vlsp/$(basename "$part")" > /dev/null
  done
  kg extract --format jsonl "$out/vlsp" > "$out/vlsp.jsonl"
  echo "== VLSP-2018 dev ($(find "$vlsp" -name '*.muc' | wc -l) documents)"
  python3 "$shared/eval/vlsp_score.py" score --muc "$vlsp" --pred "$out/vlsp.jsonl" "$@"
  python3 "$(dirname "$0")/vlsp_without_credits.py" "$vlsp" "$out/vlsp-without-credits" > /dev/null
  echo "== VLSP-2018 dev without bylines and photo credits"
  python3 "$shared/eval/vlsp_score.py" score --muc "$out/vlsp-without-credits" --pred "$out/vlsp.jsonl" "$@"
fi
