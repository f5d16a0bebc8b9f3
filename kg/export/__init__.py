"""The export stage: RDF serialisations of the store, and graphs for people to look at.

For Gephi, Cytoscape and Graphviz the store is projected through networkx
(``kg.export.views``): entities as nodes with readable labels and literal attributes, relations
as edges labelled from the ontology, posts as person -> organisation edges named by the
role. A view, one article or the neighbourhood of an entity can be selected; png and svg
draw the selection as a picture for reports.

- ``views``: the store projected into the entity graph (``to_networkx``, ``VIEWS``);
- ``layout``: node positions, shared by the pictures and the viewer;
- ``picture``: PNG and SVG with matplotlib;
- ``viewer``: the offline HTML page of ``kg view`` (and ``kg serve``'s ``/view``).
"""
from __future__ import annotations

import io
import json
import re
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..errors import KgError
from ..rdf.namespaces import KGO
from ..store import Store
from .views import TYPE_STYLES, to_networkx

if TYPE_CHECKING:  # networkx is imported where a graph is written: 'kg --help' does without it
    import networkx as nx

RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
GRAPH_FORMATS = ("graphml", "gexf", "cytoscape", "json", "dot")
PICTURE_FORMATS = ("png", "svg")
FORMATS = tuple(RDF_FORMATS) + GRAPH_FORMATS + PICTURE_FORMATS
BINARY_FORMATS = ("png",)


def export_rdf(store: Store, fmt: str, *, publish: bool = False) -> bytes:
    """The store as Turtle, N-Triples, N-Quads, TriG or JSON-LD (triple formats: union of the
    graphs); to ``publish``, without the paths of the files the articles were read from."""
    return store.dump(RDF_FORMATS[fmt], leave_out=str(KGO.sourcePath) if publish else None)


def graph_bytes(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """An entity graph as GraphML, GEXF, Cytoscape JSON, node-link JSON, DOT, PNG or SVG."""
    import networkx as nx

    if fmt == "graphml":
        out = io.BytesIO()
        nx.write_graphml(_xml_ready(graph, with_graph_data=True), out, encoding="utf-8")
        return out.getvalue()
    if fmt == "gexf":
        out = io.BytesIO()
        nx.write_gexf(_xml_ready(graph), out, encoding="utf-8")
        return out.getvalue()
    if fmt == "cytoscape":
        return _json(nx.cytoscape_data(graph, name="label", ident="id"))
    if fmt == "json":
        return _json(nx.node_link_data(graph, edges="edges"))
    if fmt == "dot":
        return _dot(graph).encode("utf-8")
    if fmt in PICTURE_FORMATS:
        from .picture import draw  # matplotlib is imported only when a picture is asked for

        return draw(graph, fmt)
    raise KgError(f"unknown graph format {fmt!r}; known: {', '.join(GRAPH_FORMATS + PICTURE_FORMATS)}")


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


_NOT_NMTOKEN = re.compile(r"[^\w.:-]+")


def _xml_ready(graph: nx.MultiDiGraph, *, with_graph_data: bool = False) -> nx.MultiDiGraph:
    """GraphML and GEXF want string attributes, and GraphML's schema wants node and edge ids
    that are XML name tokens, which IRIs are not: nodes get readable ids ("person:tran-vi-dan-7366362a")
    and keep their IRI as the ``iri`` attribute. The sentences (lists) stay in the JSON formats."""
    import networkx as nx

    ids: dict[str, str] = {}
    used: set[str] = set()
    for node, kind in graph.nodes(data="type"):
        base = f"{kind}:{_NOT_NMTOKEN.sub('_', node.rstrip('/').rsplit('/', 1)[-1])}"
        ids[node] = base if base not in used else f"{base}.{len(used)}"
        used.add(ids[node])
    copy = nx.MultiDiGraph()
    if with_graph_data:
        copy.graph.update({k: str(v) for k, v in graph.graph.items() if isinstance(v, str) and v})
    for node, data in graph.nodes(data=True):
        copy.add_node(ids[node], **_scalars(data))
    for index, (source, target, data) in enumerate(graph.edges(data=True)):
        copy.add_edge(ids[source], ids[target], key=f"e{index}", **_scalars(data))
    return copy


def _scalars(data: dict) -> dict[str, str]:
    return {k: str(v) for k, v in data.items() if isinstance(v, (str, int, float)) and v != ""}


def _dot(graph: nx.MultiDiGraph) -> str:
    def quote(text: str) -> str:
        return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'

    ids = {node: f"n{index}" for index, node in enumerate(graph.nodes)}
    lines = ["digraph kg {", "  graph [rankdir=LR, overlap=false];",
             '  node [fontname="Noto Sans", style=filled, fontcolor="#111111"];', '  edge [fontname="Noto Sans", fontsize=10];']
    for node, data in graph.nodes(data=True):
        style = TYPE_STYLES[data["type"]]
        lines.append(f"  {ids[node]} [label={quote(data['label'])}, shape={style.dot_shape}, "
                     f'fillcolor="{style.colour}66", tooltip={quote(node)}];')
    for source, target, data in graph.edges(data=True):
        lines.append(f"  {ids[source]} -> {ids[target]} [label={quote(data['label'])}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def export(store: Store, fmt: str, *, view: str = "all", article: str | None = None,
           around: str | None = None, depth: int = 1, publish: bool = False) -> bytes:
    """The store in any export format; graph formats and pictures take a selection. To
    ``publish``: without the paths of the files the articles were read from (kgo:sourcePath)."""
    if fmt in RDF_FORMATS:
        if view != "all" or article or around is not None:
            raise KgError(f"a view, article or neighbourhood selects an entity graph; {fmt} writes the RDF "
                          f"itself (use one of {', '.join(GRAPH_FORMATS + PICTURE_FORMATS)})")
        return export_rdf(store, fmt, publish=publish)
    if fmt not in GRAPH_FORMATS + PICTURE_FORMATS:
        raise KgError(f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")
    return graph_bytes(to_networkx(store, view, article=article, around=around, depth=depth, publish=publish), fmt)
