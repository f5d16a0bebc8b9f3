"""Check that a change to the extractor or the mapper leaves their output byte for byte the same.

    python bench/same_output.py --write BASE.jsonl PATH...     # with the old code (its venv's python)
    python bench/same_output.py --against BASE.jsonl PATH...   # with the new code

For every article under the paths: the record as ``kg extract --format jsonl`` prints it
(``extract_paths``, then ``json.dumps``, as the command does) and the N-Triples of
``kg.pipeline.map_article`` (what a build's worker writes). Run with the other checkout's
python (or with PYTHONPATH=OTHER_CHECKOUT), this file imports that checkout's kg, so one
script serves both sides; it says on stderr which kg it imported. Give the paths the same
way on both sides (records hold their source path). ``--against`` exits 1 and names the
first articles that differ.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import kg
from kg.pipeline import extract_article, map_article
from kg.read import ReadFailure, read_inputs

BASE = "https://w3id.org/kg-vn/id/"


def outputs(paths: list[str]):
    """(source, record line, N-Triples) of every article under ``paths``."""
    for article in read_inputs(paths):
        if isinstance(article, ReadFailure):
            yield article.source, f"failure: {article.reason}", ""
            continue
        record = extract_article(article)
        line = f"failure: {record.reason}" if isinstance(record, ReadFailure) else \
            json.dumps(record.to_json(), ensure_ascii=False)
        mapped = map_article(article, BASE)
        ntriples = f"failure: {mapped.reason}" if isinstance(mapped, ReadFailure) else mapped.ntriples
        yield article.source, line, ntriples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    side = parser.add_mutually_exclusive_group(required=True)
    side.add_argument("--write", metavar="DUMP", help="write the outputs here")
    side.add_argument("--against", metavar="DUMP", help="compare the outputs with this dump")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    print(f"kg from {Path(kg.__file__).parent}", file=sys.stderr)
    if args.write:
        with open(args.write, "w", encoding="utf-8") as out:
            for source, line, ntriples in outputs(args.paths):
                out.write(json.dumps([source, line, ntriples], ensure_ascii=False) + "\n")
        return
    with open(args.against, encoding="utf-8") as dump:
        base = [json.loads(line) for line in dump]
    current = [list(item) for item in outputs(args.paths)]
    differing = [(old, new) for old, new in zip(base, current) if old != new]
    if len(base) != len(current):
        print(f"{len(current)} articles, the dump has {len(base)}")
    for old, new in differing[:5]:
        what = "record" if old[1] != new[1] else "N-Triples"
        print(f"{new[0]}: the {what} differs")
    print(f"{len(current)} articles, {len(differing)} differ")
    sys.exit(1 if differing or len(base) != len(current) else 0)


if __name__ == "__main__":
    main()
