"""Profile extraction and mapping of the articles under a path with pyinstrument.

    python bench/profile_extract.py CORPUS [--top N] [--html FILE]

Articles are read before profiling starts, and each goes through ``kg.pipeline.map_article``
(what a build's workers run: records, then N-Triples): the profile shows only what the
extractor and the mapper spend. Prints the articles/s of the run (slowed by the profiler),
the call tree down to the functions that take more than 2% of the time, and the functions
with the most own time.
"""
from __future__ import annotations

import argparse
import time

from pyinstrument import Profiler
from pyinstrument.renderers import ConsoleRenderer

from kg.pipeline import map_article, start_worker
from kg.read import ReadFailure, read_inputs

BASE = "https://w3id.org/kg-vn/id/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="a folder of articles (or anything kg reads)")
    parser.add_argument("--top", type=int, default=15, help="how many functions to list")
    parser.add_argument("--html", help="also write pyinstrument's HTML report here")
    args = parser.parse_args()

    articles = [item for item in read_inputs([args.corpus]) if not isinstance(item, ReadFailure)]
    start_worker()  # as a build's workers start: lexicons and patterns built, the garbage collector tuned
    map_article(articles[0], BASE)
    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    profiler.start()
    for article in articles:
        map_article(article, BASE)
    profiler.stop()
    elapsed = time.perf_counter() - started
    print(f"{len(articles)} articles in {elapsed:.2f} s (profiled): {len(articles) / elapsed:.1f} articles/s")
    tree = profiler.output(ConsoleRenderer(color=False, processor_options={"filter_threshold": 0.02}))
    print(tree)
    print(f"top {args.top} functions by own time:")
    flat = profiler.output(ConsoleRenderer(flat=True, color=False, processor_options={"filter_threshold": 0}))
    print("\n".join(flat.splitlines()[: args.top + 8]))
    if args.html:
        with open(args.html, "w", encoding="utf-8") as out:
            out.write(profiler.output_html())


if __name__ == "__main__":
    main()
