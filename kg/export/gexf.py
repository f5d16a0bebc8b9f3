"""GEXF 1.3 for Gephi: the entity graph with colours, sizes and kg's layout.

networkx writes GEXF 1.2draft without the drawing; Gephi then opens a grey cloud. Here each
node carries ``viz:color`` (its type's colour, as in the viewer), ``viz:size`` (by degree)
and ``viz:position`` (kg's layout, y up as Gephi draws it), and the attributes are typed
columns. A MultiDiGraph may hold one relation twice between two entities (the same post
read from two articles): GEXF edges of one ``kind`` are one edge per pair in Gephi, so the
repeats become one edge whose ``weight`` counts them.
"""
from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TYPE_CHECKING

from .tables import JOIN, Scalar, edge_row, node_row, positions, sorted_edges, xml_ids
from .views import TYPE_STYLES, describe

if TYPE_CHECKING:
    import networkx as nx

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
SCALE = 20.0  # kg's layout puts nearest neighbours 1 apart; Gephi's nodes are about 10 across
GEPHI_SHAPES = {"person": "disc", "organization": "square", "event": "diamond", "document": "square",
                "place": "triangle", "article": "disc"}
_TYPES = {str: "string", int: "integer", float: "double"}


def node_size(degree: int) -> float:
    """Gephi's default size is 10: a node with one relation is 8, a hub of 100 is 35."""
    return round(5 + 3 * math.sqrt(degree), 2)


def gexf_bytes(graph: nx.MultiDiGraph) -> bytes:
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", VIZ_NS)
    root = ET.Element(_tag("gexf"), {"version": "1.3"})
    meta = ET.SubElement(root, _tag("meta"))
    ET.SubElement(meta, _tag("creator")).text = "kg"
    ET.SubElement(meta, _tag("description")).text = describe(graph)
    body = ET.SubElement(root, _tag("graph"), {"defaultedgetype": "directed", "mode": "static"})

    ids = xml_ids(graph)
    nodes = [(ids[node], node, node_row(graph.nodes[node])) for node in sorted(graph.nodes, key=ids.get)]
    edges = _merged_edges(graph, ids)
    _declare(body, "node", [row for *_, row in nodes], skip={"label"})
    _declare(body, "edge", [row for *_, row in edges], skip={"label"})

    where = positions(graph)
    node_list = ET.SubElement(body, _tag("nodes"), {"count": str(len(nodes))})
    for ident, node, row in nodes:
        element = ET.SubElement(node_list, _tag("node"), {"id": ident, "label": str(row.get("label", ident))})
        _attvalues(element, row, skip={"label"})
        kind = row.get("type", "")
        colour = TYPE_STYLES[kind].colour if kind in TYPE_STYLES else "#8C8C8C"
        red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        ET.SubElement(element, _viz("color"), {"r": str(red), "g": str(green), "b": str(blue)})
        if node in where:
            x, y = where[node]
            ET.SubElement(element, _viz("position"), {"x": f"{x * SCALE:.2f}", "y": f"{-y * SCALE:.2f}"})
        ET.SubElement(element, _viz("size"), {"value": str(node_size(graph.degree(node)))})
        ET.SubElement(element, _viz("shape"), {"value": GEPHI_SHAPES.get(kind, "disc")})

    edge_list = ET.SubElement(body, _tag("edges"), {"count": str(len(edges))})
    for index, (source, target, kind, weight, row) in enumerate(edges):
        element = ET.SubElement(edge_list, _tag("edge"), {
            "id": f"e{index}", "source": source, "target": target, "label": str(row.get("label", "")),
            "kind": kind, "weight": str(weight)})
        _attvalues(element, row, skip={"label"})
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _merged_edges(graph: nx.MultiDiGraph, ids: dict[str, str]) -> list[tuple[str, str, str, int, dict]]:
    """(source id, target id, kind, weight, row): one edge for each pair and relation, the
    values of its repeats joined."""
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for source, target, _, data in sorted_edges(graph):
        kind = str(data.get("predicate", "related")).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        groups[(ids[source], ids[target], kind)].append(edge_row(data))
    merged = []
    for (source, target, kind), rows in sorted(groups.items()):
        row: dict[str, Scalar] = {}
        for key in sorted({key for one in rows for key in one}):
            values = sorted({str(one[key]) for one in rows if key in one})
            row[key] = JOIN.join(values)
        merged.append((source, target, kind, len(rows), row))
    return merged


def _declare(graph: ET.Element, kind: str, rows: list[dict[str, Scalar]], skip: set[str]) -> None:
    types: dict[str, set[type]] = defaultdict(set)
    for row in rows:
        for key, value in row.items():
            if key not in skip:
                types[key].add(type(value))
    if not types:
        return
    attributes = ET.SubElement(graph, _tag("attributes"), {"class": kind, "mode": "static"})
    for key in sorted(types):
        [python_type] = types[key] if len(types[key]) == 1 else [str]
        ET.SubElement(attributes, _tag("attribute"), {"id": key, "title": key, "type": _TYPES[python_type]})


def _attvalues(element: ET.Element, row: dict[str, Scalar], skip: set[str]) -> None:
    values = [(key, value) for key, value in row.items() if key not in skip]
    if values:
        holder = ET.SubElement(element, _tag("attvalues"))
        for key, value in values:
            ET.SubElement(holder, _tag("attvalue"), {"for": key, "value": str(value)})


def _tag(name: str) -> str:
    return f"{{{GEXF_NS}}}{name}"


def _viz(name: str) -> str:
    return f"{{{VIZ_NS}}}{name}"
