"""Start-up of the kg command: wall time of `kg --help`, `kg --version` and a named query on
a small store (the bundled articles), median of several runs, against the targets.

    python bench/startup.py [--runs 7] [--kg PATH-OF-kg]

Each run is a fresh process, as a user starts it; the small store is built once in a
temporary folder. Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# (what is run, its arguments, the target in seconds)
COMMANDS = [
    ("kg --help", ["--help"], 0.3),
    ("kg --version", ["--version"], 0.3),
    ("kg query --name people-posts (6 articles)", ["query", "--name", "people-posts", "--store", "{store}"], 0.6),
]


def wall_time(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each command (the median is shown)")
    parser.add_argument("--kg", default=shutil.which("kg") or str(Path(sys.executable).parent / "kg"),
                        help="the kg command to measure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        store = str(Path(work) / "kg-store")
        subprocess.run([args.kg, "build", str(REPO / "data" / "articles"), "--store", store], check=True,
                       stdout=subprocess.DEVNULL)
        print("| command | median s | min s | target s | met |")
        print("| --- | --- | --- | --- | --- |")
        for name, command, target in COMMANDS:
            argv = [args.kg, *(part.format(store=store) for part in command)]
            wall_time(argv)  # warm the file cache
            times = [wall_time(argv) for _ in range(args.runs)]
            median = statistics.median(times)
            print(f"| {name} | {median:.2f} | {min(times):.2f} | {target} | {'yes' if median <= target else 'no'} |")


if __name__ == "__main__":
    main()
