"""Time, size and validity of each export format for a few views of a built store.

    python bench/exports.py STORE [--views people all] [--out DIR] [--gexf-schemas DIR]

Validity is checked by tools kg did not write: networkx reads GraphML, GEXF and node-link
JSON back; lxml checks GEXF against the 1.3 RELAX NG and XSD (when --gexf-schemas names a
folder with them); pyld expands the JSON-LD to the quads of the N-Quads export; Graphviz
draws the DOT file (with the engine the file names) within --dot-timeout seconds.
"""
from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.export import export, graph_bytes, to_networkx
from kg.store import Store


def check_gexf(data: bytes, schemas: Path | None) -> str:
    nx.read_gexf(io.BytesIO(data), version="1.3")
    if schemas is None:
        return "networkx reads it"
    from lxml import etree

    from kg.export.gexf import GEXF_NS, VIZ_NS

    tree = etree.parse(io.BytesIO(data))
    relax_ng = etree.RelaxNG(etree.parse(str(schemas / "gexf.rng")))
    verdicts = [f"RELAX NG {'valid' if relax_ng.validate(tree) else relax_ng.error_log.last_error}"]
    for element in tree.iter(f"{{{VIZ_NS}}}*"):  # the XSD declares the viz elements in the GEXF namespace
        element.tag = f"{{{GEXF_NS}}}{element.tag.split('}', 1)[1]}"
    xsd = etree.XMLSchema(etree.parse(str(schemas / "gexf.xsd")))
    verdicts.append(f"XSD {'valid' if xsd.validate(tree) else xsd.error_log.last_error}")
    return "networkx reads it; " + "; ".join(verdicts)


def check_dot(data: bytes, timeout: float) -> str:
    if shutil.which("dot") is None:
        return "Graphviz not installed"
    engine = "sfdp" if b"layout=sfdp" in data else "dot"
    start = time.perf_counter()
    try:
        done = subprocess.run([engine, "-Tsvg"], input=data, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"{engine} did not finish in {timeout:.0f} s"
    return f"{engine} -Tsvg {'drew it' if done.returncode == 0 else 'failed'} in {time.perf_counter() - start:.1f} s"


def check_jsonld(data: bytes, store: Store) -> str:
    from pyld import jsonld

    quads = jsonld.to_rdf(json.loads(data), {"format": "application/n-quads"})
    expanded = set(ox.parse(quads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
    exported = set(ox.parse(export(store, "nq"), format=ox.RdfFormat.N_QUADS))
    return f"pyld expands it to the {len(exported)} N-Quads" if expanded == exported else \
        f"pyld: {len(expanded ^ exported)} quads differ"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store")
    parser.add_argument("--views", nargs="+", default=["people", "all"])
    parser.add_argument("--out", type=Path, help="write the exports here too")
    parser.add_argument("--gexf-schemas", type=Path, help="folder with gexf.rng, gexf.xsd (gephi/gexf specs/1.3)")
    parser.add_argument("--dot-timeout", type=float, default=600)
    args = parser.parse_args()
    store = Store(args.store, read_only=True)
    rows = []
    for view in args.views:
        start = time.perf_counter()
        graph = to_networkx(store, view)
        rows.append((view, "(entity graph)", time.perf_counter() - start, 0,
                     f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"))
        for fmt in ("graphml", "gexf", "cytoscape", "json", "dot"):
            start = time.perf_counter()
            data = graph_bytes(graph, fmt)
            seconds = time.perf_counter() - start
            if fmt == "graphml":
                verdict = f"networkx reads {nx.read_graphml(io.BytesIO(data)).number_of_nodes()} nodes"
            elif fmt == "gexf":
                verdict = check_gexf(data, args.gexf_schemas)
            elif fmt == "dot":
                verdict = check_dot(data, args.dot_timeout)
            elif fmt == "cytoscape":
                verdict = f"networkx reads {nx.cytoscape_graph(json.loads(data)).number_of_nodes()} nodes"
            else:
                verdict = f"networkx reads {nx.node_link_graph(json.loads(data), edges='edges').number_of_nodes()} nodes"
            rows.append((view, fmt, seconds, len(data), verdict))
            if args.out:
                args.out.mkdir(parents=True, exist_ok=True)
                (args.out / f"{view}.{fmt}").write_bytes(data)
    for fmt in ("nq", "jsonld"):
        start = time.perf_counter()
        data = export(store, fmt)
        seconds = time.perf_counter() - start
        rows.append(("(store)", fmt, seconds, len(data), check_jsonld(data, store) if fmt == "jsonld" else ""))
        if args.out:
            (args.out / f"store.{fmt}").write_bytes(data)
    print("| view | format | seconds | bytes | check |\n| --- | --- | --- | --- | --- |")
    for view, fmt, seconds, size, verdict in rows:
        print(f"| {view} | {fmt} | {seconds:.2f} | {size:,} | {verdict} |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
