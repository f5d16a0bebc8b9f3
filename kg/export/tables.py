"""The entity graph as the attribute tables graph tools take: one scalar per cell.

Gephi, Cytoscape Desktop and yEd read node and edge attributes into table columns of
strings and numbers; a list of sentence objects has no column. So the sentences a node was
read from become a count and two joined strings, and every writer of GraphML, GEXF and
Cytoscape JSON takes its rows, ids and order from here: the same graph always gives the
same bytes, whatever order the graph was built in.
"""
from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

Scalar = str | int | float
JOIN = " | "  # the separator kg uses for several values in one attribute
_NOT_NMTOKEN = re.compile(r"[^\w.:-]+")


def node_row(data: dict) -> dict[str, Scalar]:
    """A node's attributes as scalars, by name; its sentences as ``sources`` (how many),
    ``source_text`` (the sentences) and ``source_articles`` (the articles they are in)."""
    row = {key: value for key, value in sorted(data.items()) if _is_scalar(value) and key != "sources"}
    sources = data.get("sources") or []
    row["sources"] = len(sources)
    if sources:
        row["source_text"] = JOIN.join(source["text"] for source in sources)
        row["source_articles"] = JOIN.join(sorted({source["article"] for source in sources}))
    return row


def edge_row(data: dict) -> dict[str, Scalar]:
    return {key: value for key, value in sorted(data.items()) if _is_scalar(value)}


def _is_scalar(value) -> bool:
    return isinstance(value, (str, int, float)) and value != "" and not (isinstance(value, float) and math.isnan(value))


def xml_ids(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Readable node ids that are XML name tokens, which IRIs are not: "person:tran-vi-dan-7366362a"."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for node in sorted(graph.nodes):
        kind = graph.nodes[node].get("type", "node")
        base = f"{kind}:{_NOT_NMTOKEN.sub('_', node.rstrip('/').rsplit('/', 1)[-1])}"
        ident, count = base, 1
        while ident in used:
            count += 1
            ident = f"{base}.{count}"
        ids[node] = ident
        used.add(ident)
    return ids


def sorted_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, str, dict]]:
    """(source, target, key, data) of every edge, in one order for any build of the graph."""
    return sorted(graph.edges(keys=True, data=True), key=lambda edge: (edge[0], edge[1], str(edge[2])))


def positions(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """kg's layout (the one the viewer and the pictures draw), or none without the pictures
    extra (numpy, scipy): then Gephi and Cytoscape lay the graph out themselves."""
    try:
        from .layout import layout
    except ImportError:
        return {}
    return layout(graph) if graph.number_of_nodes() else {}


def canonical(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with nodes, edges and attributes in sorted order, for writers that keep
    the order they are given (networkx's node-link JSON)."""
    import networkx as nx

    ordered = nx.MultiDiGraph()
    ordered.graph.update(sorted(graph.graph.items()))
    for node in sorted(graph.nodes):
        ordered.add_node(node, **dict(sorted(graph.nodes[node].items())))
    for source, target, key, data in sorted_edges(graph):
        ordered.add_edge(source, target, key=key, **dict(sorted(data.items())))
    return ordered
