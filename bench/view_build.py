"""Time the views ``kg view`` and ``/view`` build from a store: the entity graph of a
neighbourhood (read by SPARQL around the centre) and of whole views (read by SPARQL over every
relation of the view), then the page with its layout.

    python bench/view_build.py STORE NAME-OR-IRI [--repeat 3]

Prints one line per selection: the best of ``--repeat`` runs for the graph and for the page
(wall clock, and this process's CPU time: on a machine shared with other work the wall clock
also counts the waits), and its size. The store must not be open in another process (stop kg serve first).
"""
from __future__ import annotations

import argparse
import time

from kg.export.viewer import viewer_html
from kg.export.views import to_networkx
from kg.store import Store


def best(repeat: int, run):
    """The least wall-clock and CPU seconds of ``repeat`` runs, and the result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store")
    parser.add_argument("centre", help="a name or IRI to build neighbourhoods around")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    store = Store(args.store, read_only=True)
    selections = [("people", args.centre, 1), ("people", args.centre, 2), ("all", args.centre, 1),
                  ("all", args.centre, 2), ("people", None, 1), ("all", None, 1)]
    for view, around, depth in selections:
        graph_seconds, graph_cpu, graph = best(args.repeat, lambda: to_networkx(store, view, around=around,
                                                                               depth=depth))
        page_seconds, page_cpu, page = best(1 if around is None else args.repeat, lambda: viewer_html(graph))
        where = f"around {around!r} depth {depth}" if around else "whole"
        print(f"{view:7} {where:40} graph {graph_seconds:5.2f} s (cpu {graph_cpu:5.2f})  "
              f"page {page_seconds:5.2f} s (cpu {page_cpu:5.2f})  "
              f"{graph.number_of_nodes():5} nodes {graph.number_of_edges():6} edges {len(page) >> 10:6} KiB",
              flush=True)


if __name__ == "__main__":
    main()
