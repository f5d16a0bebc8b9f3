"""Time the identity pass (kg/identities.py) on a corpus: build it into a fresh store with the
pass held back, then time the first pass (every join written) and a second one (nothing to
change, what every later build and removal costs at least).

    python bench/identity_pass.py PATH [PATH ...] [--jobs N]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import kg.pipeline
from kg.identities import join_identities
from kg.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--jobs", type=int, default=kg.pipeline.default_jobs())
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "store")
        kg.pipeline.join_identities = lambda store: None  # held back, to be timed on its own
        start = time.perf_counter()
        report = kg.pipeline.build(args.paths, store, jobs=args.jobs)
        print(f"build without the pass  {time.perf_counter() - start:6.2f} s  {report.summary}")
        for label in ("first pass", "pass again"):
            start = time.perf_counter()
            done = join_identities(store)
            print(f"{label:23} {time.perf_counter() - start:6.2f} s  {done.joined} joined, "
                  f"{done.kept_apart} kept apart, {done.rewritten} graphs edited")


if __name__ == "__main__":
    main()
