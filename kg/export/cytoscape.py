"""Cytoscape JSON (.cyjs) that Cytoscape Desktop imports into its tables, and Cytoscape.js reads.

networkx's ``cytoscape_data`` writes the graph's ``data`` as a list of pairs and keeps each
node's sentences as a list of objects: Cytoscape Desktop's network and node tables take
scalars only. Here ``data`` is an object, every node and edge value a string or a number
(``tables``), nodes carry ``name`` (the column Cytoscape labels by) and kg's layout as their
``position``, edges their relation as ``interaction``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .tables import edge_row, node_row, positions, sorted_edges
from .views import describe

if TYPE_CHECKING:
    import networkx as nx

SCALE = 40.0  # Cytoscape's nodes are about 40 pixels across; kg's layout puts neighbours 1 apart


def cytoscape_json(graph: nx.MultiDiGraph) -> dict:
    where = positions(graph)
    nodes = []
    for node in sorted(graph.nodes):
        row = node_row(graph.nodes[node])
        # "value": the node as networkx's cytoscape_graph reads it back
        element = {"data": {"id": node, "value": node, **row, "name": str(row.get("label", node))}}
        if node in where:
            x, y = where[node]
            element["position"] = {"x": round(x * SCALE, 2), "y": round(y * SCALE, 2)}
        nodes.append(element)
    edges = []
    for index, (source, target, key, data) in enumerate(sorted_edges(graph)):
        row = edge_row(data)
        edges.append({"data": {"id": f"e{index}", "source": source, "target": target, "key": str(key), **row,
                               "interaction": str(row.get("label", ""))}})
    info = {key: value for key, value in graph.graph.items() if isinstance(value, str) and value}
    return {
        "format_version": "1.0",
        "generated_by": "kg",
        "target_cytoscapejs_version": "~2.1",
        "data": {"name": describe(graph), **info, "articles": len(graph.graph.get("articles", {}))},
        "directed": True,
        "multigraph": True,
        "elements": {"nodes": nodes, "edges": edges},
    }
