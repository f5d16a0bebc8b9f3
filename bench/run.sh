#!/usr/bin/env bash
# kg's benchmarks, printed as one table: bench/run.sh ARTICLES_DIR [options of bench/run.py]
#
#   bench/run.sh ../shared/corpus/articles                  # 1k, 10k, 50k (about an hour on 2 cores)
#   bench/run.sh ../shared/corpus/articles --sizes 1000     # a quick look (a few minutes)
#
# Installs kg with its benchmark dependencies into .venv (as the README's set-up does) the
# first time, then runs bench/run.py; `python bench/run.py --help` lists the options.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -eq 0 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
    sed -n '2,8s/^# \{0,1\}//p' "$0"
    exit 0
fi
if [ ! -x "$repo/.venv/bin/python" ]; then
    python3 -m venv "$repo/.venv"
fi
if ! "$repo/.venv/bin/python" -c "import kg, pyinstrument" 2>/dev/null; then
    "$repo/.venv/bin/python" -m pip install --quiet -e "$repo[bench]"
fi
exec "$repo/.venv/bin/python" "$repo/bench/run.py" "$@"
