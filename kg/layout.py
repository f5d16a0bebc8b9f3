"""Node positions for drawing an entity graph, shared by the viewer and the pictures.

A force layout of a whole news graph puts a few hundred small components (one official
and their unit) in a ring around one hairball, each too small to read. So each connected
component is laid out on its own, scaled so that an edge is about one unit long, and the
components are packed in rows, biggest first. Positions are deterministic: nodes are
sorted and the force layout is seeded, so the same graph always looks the same.
"""
from __future__ import annotations

import math

import networkx as nx

_KAMADA_KAWAI_MAX = 250  # Kamada-Kawai reads better but costs O(n^2) memory and time
_GAP = 1.5  # units between packed components


def layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """(x, y) of every node, y growing downwards as on a screen; an edge is about 1 long."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    components = sorted(nx.connected_components(simple), key=lambda nodes: (-len(nodes), min(nodes)))
    placed = [_component(simple.subgraph(sorted(nodes))) for nodes in components]
    return _pack(placed)


def _component(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    nodes = list(graph.nodes)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) <= _KAMADA_KAWAI_MAX:
        positions = nx.kamada_kawai_layout(graph)
    else:
        positions = nx.spring_layout(graph, seed=7, iterations=80, k=1.5 / math.sqrt(len(nodes)))
    lengths = sorted(math.dist(positions[u], positions[v]) for u, v in graph.edges())
    unit = lengths[len(lengths) // 2] or 1.0
    return {node: (float(x) / unit, float(y) / unit) for node, (x, y) in positions.items()}


def _pack(components: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Shelf packing: left to right in rows about as wide as the whole drawing is tall."""
    boxes = []
    for positions in components:
        xs, ys = zip(*positions.values())
        boxes.append((positions, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    area = sum((width + _GAP) * (height + _GAP) for *_, width, height in boxes)
    row_width = max(max((width for *_, width, _ in boxes), default=0.0), math.sqrt(area) * 1.4)
    placed: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for positions, left, top, width, height in boxes:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + _GAP, 0.0
        for node, (px, py) in positions.items():
            placed[node] = (x + px - left, y + py - top)
        x += width + _GAP
        row_height = max(row_height, height)
    return placed
