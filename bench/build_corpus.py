"""Time ``kg build`` of a corpus: embedded store with 1 and N jobs, a rebuild of the unchanged
corpus, and optionally a SPARQL server; check both stores end with the same quads.

    python bench/build_corpus.py CORPUS [--jobs 1 2] [--server sparql+http://HOST:PORT/sparql
                                        --update-url URL]   # credentials: KG_SPARQL_USER/PASSWORD

Each build goes into a fresh store (the server's article graphs are removed first). Prints
one line per run: seconds, articles added/unchanged, triples (distinct, over all graphs).
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from kg.pipeline import build
from kg.store import GraphStore, Store, open_store


def triples(store: GraphStore) -> int:
    return len({(quad.subject, quad.predicate, quad.object) for quad in store.quads()})


def timed_build(label: str, corpus: str, store: GraphStore, jobs: int) -> None:
    start = time.perf_counter()
    report = build([corpus], store, jobs=jobs)
    seconds = time.perf_counter() - start
    print(f"{label:32} jobs={jobs}  {seconds:7.1f} s  {report.summary}  triples={triples(store)}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="a folder of articles (or anything kg reads)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="worker counts to time")
    parser.add_argument("--server", help="also build into this SPARQL server (sparql+http://...)")
    parser.add_argument("--update-url", help="the server's update endpoint (Virtuoso: .../sparql-auth)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        embedded = None
        for jobs in args.jobs:
            embedded = Store(Path(folder) / f"store-{jobs}")
            timed_build("embedded, empty store", args.corpus, embedded, jobs)
        timed_build("embedded, rebuild unchanged", args.corpus, embedded, max(args.jobs))
        if not args.server:
            return
        remote = open_store(args.server, update_url=args.update_url)
        remote.remove_articles(remote.articles())
        timed_build("server, empty store", args.corpus, remote, max(args.jobs))
        timed_build("server, rebuild unchanged", args.corpus, remote, max(args.jobs))
        print(f"server and embedded store hold the same quads: {set(remote.quads()) == set(embedded.quads())}")


if __name__ == "__main__":
    main()
