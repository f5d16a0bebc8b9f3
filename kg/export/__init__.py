"""The export stage: RDF serialisations of the store, and graphs for people to look at.

For Gephi, Cytoscape and Graphviz the store is projected through networkx
(``kg.export.views``): entities as nodes with readable labels and literal attributes, relations
as edges labelled from the ontology, posts as person -> organisation edges named by the
role. A view, one article or the neighbourhood of an entity can be selected; png and svg
draw the selection as a picture for reports.

- ``views``: the store projected into the entity graph (``to_networkx``, ``VIEWS``);
- ``tables``, ``gexf``, ``cytoscape``, ``dot``: the graph as Gephi, Cytoscape and Graphviz take it;
- ``jsonld``: JSON-LD with a readable ``@context``;
- ``layout``: node positions, shared by the pictures and the viewer;
- ``picture``: PNG and SVG with matplotlib;
- ``viewer``: the offline HTML page of ``kg view`` (and ``kg serve``'s ``/view``).
"""
from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..errors import KgError
from ..rdf.namespaces import KGO
from ..store import Store
from .cytoscape import cytoscape_json
from .dot import dot_text
from .gexf import gexf_bytes
from .jsonld import jsonld_bytes
from .tables import canonical, edge_row, node_row, sorted_edges, xml_ids
from .views import to_networkx

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
    graphs; JSON-LD compacted with kg's prefixes, ``jsonld``); to ``publish``, without the
    paths of the files the articles were read from."""
    leave_out = str(KGO.sourcePath) if publish else None
    if fmt == "jsonld":
        return jsonld_bytes(q for q in store.quads() if q.predicate.value != leave_out)
    return store.dump(RDF_FORMATS[fmt], leave_out=leave_out)


def graph_bytes(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """An entity graph as GraphML, GEXF 1.3, Cytoscape JSON, node-link JSON, DOT, PNG or SVG;
    the same graph gives the same bytes, whatever order it was built in."""
    import networkx as nx

    if fmt == "graphml":
        out = io.BytesIO()
        nx.write_graphml(_graphml_ready(graph), out, encoding="utf-8")
        return out.getvalue()
    if fmt == "gexf":
        return gexf_bytes(graph)
    if fmt == "cytoscape":
        return _json(cytoscape_json(graph))
    if fmt == "json":
        return _json(nx.node_link_data(canonical(graph), edges="edges"))
    if fmt == "dot":
        return dot_text(graph).encode("utf-8")
    if fmt in PICTURE_FORMATS:
        from .picture import draw  # matplotlib is imported only when a picture is asked for

        return draw(graph, fmt)
    raise KgError(f"unknown graph format {fmt!r}; known: {', '.join(GRAPH_FORMATS + PICTURE_FORMATS)}")


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def _graphml_ready(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML's schema wants node and edge ids that are XML name tokens, which IRIs are not:
    nodes get readable ids ("person:tran-vi-dan-7366362a") and keep their IRI as the ``iri``
    attribute; attributes are scalars (``tables``). Nodes, edges and attributes are added in
    sorted order, so networkx numbers its keys (d0, d1, ...) the same way every run."""
    import networkx as nx

    ids = xml_ids(graph)
    copy = nx.MultiDiGraph()
    copy.graph.update({k: v for k, v in sorted(graph.graph.items()) if isinstance(v, str) and v})
    for node in sorted(graph.nodes, key=ids.get):
        copy.add_node(ids[node], **node_row(graph.nodes[node]))
    for index, (source, target, _, data) in enumerate(sorted_edges(graph)):
        copy.add_edge(ids[source], ids[target], key=f"e{index}", **edge_row(data))
    return copy


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
