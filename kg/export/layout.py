"""Node positions for drawing an entity graph, shared by the viewer and the pictures.

A force layout of a whole news graph puts a few hundred small components (one official
and their unit) in a ring around one hairball, each too small to read. So each connected
component is laid out on its own, scaled so that nearest neighbours are about one unit
apart, and the components are packed, biggest first. Positions are deterministic: nodes
are sorted and the force layout is seeded, so the same graph always looks the same.
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np
from scipy.sparse.csgraph import shortest_path
from scipy.spatial import cKDTree

_STRESS_MAX = 250  # stress majorization reads best but costs O(n^2) memory and O(n^3) once
_STRESS_TOLERANCE = 1e-4  # relative drop in stress under which an iteration is the last
_PIVOTS = 50
_GAP = 1.5  # units between packed components
_CELL = 0.5  # width of a skyline column


def layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """(x, y) of every node, y growing downwards as on a screen; nearest neighbours about 1 apart."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    components = sorted(nx.connected_components(simple), key=lambda nodes: (-len(nodes), min(nodes)))
    placed = [_component(_sorted_subgraph(simple, nodes)) for nodes in components]
    return _pack(placed)


def _sorted_subgraph(graph: nx.Graph, nodes: set[str]) -> nx.Graph:
    """One component, nodes and edges in sorted order: a subgraph view iterates a set, whose
    order changes with PYTHONHASHSEED, and the layouts start from the node order."""
    component = nx.Graph()
    component.add_nodes_from(sorted(nodes))
    component.add_edges_from(sorted(tuple(sorted(edge)) for edge in graph.subgraph(nodes).edges()))
    return component


def _component(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    nodes = list(graph.nodes)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) <= _STRESS_MAX:
        positions = dict(zip(nodes, _stress_majorization(graph)))
    else:
        positions = dict(zip(nodes, _large_component(graph)))
    points = np.array([positions[node] for node in nodes], dtype=float)
    spacing, _ = cKDTree(points).query(points, k=2)
    unit = float(np.median(spacing[:, 1])) or 1.0
    return {node: (float(x) / unit, float(y) / unit) for node, (x, y) in zip(nodes, points)}


def _stress_majorization(graph: nx.Graph, iterations: int = 300) -> np.ndarray:
    """Kamada and Kawai's energy (distances on the page like those in the graph, weighted by
    1/d^2) minimised by stress majorization (Gansner, Koren & North 2004) from classical MDS:
    each step solves a linear system instead of moving one node at a time, so 120 nodes take
    tens of milliseconds where networkx's Kamada-Kawai took 1.5 s, at the same energy or lower."""
    adjacency = nx.to_scipy_sparse_array(graph, format="csr")
    target = shortest_path(adjacency, unweighted=True, directed=False)
    count = len(target)
    weights = np.zeros_like(target)
    off = ~np.eye(count, dtype=bool)
    weights[off] = target[off] ** -2.0
    squared = target ** 2
    centred = -0.5 * (squared - squared.mean(axis=0) - squared.mean(axis=1, keepdims=True) + squared.mean())
    values, vectors = np.linalg.eigh(centred)
    positions = vectors[:, -2:] * np.sqrt(np.maximum(values[-2:], 1e-9))
    # leaves of one hub have the same distances to all: jitter them apart, or they stay as one
    positions += np.random.default_rng(7).normal(scale=0.05, size=positions.shape)
    laplacian = -weights
    laplacian[np.diag_indices(count)] = weights.sum(axis=1)
    inverse = np.linalg.pinv(laplacian)
    previous = np.inf
    for _ in range(iterations):
        distance = np.linalg.norm(positions[:, None, :] - positions[None, :, :], axis=2)
        stress = float((weights * (distance - target) ** 2).sum())
        if previous - stress < _STRESS_TOLERANCE * previous:
            break
        previous = stress
        ratio = np.divide(weights * target, distance, out=np.zeros_like(distance), where=distance > 1e-12)
        pull = -ratio
        pull[np.diag_indices(count)] = ratio.sum(axis=1)
        positions = inverse @ (pull @ positions)
    return positions


def _large_component(graph: nx.Graph) -> np.ndarray:
    """Pivot MDS for the overall shape (Brandes & Pich 2006), then force iterations whose
    repulsion reaches only near neighbours (a k-d tree finds them), so a few thousand nodes
    take seconds where networkx's spring layout takes minutes."""
    adjacency = nx.to_scipy_sparse_array(graph, format="csr")
    count = adjacency.shape[0]
    pivots = [int(np.argmax(np.asarray(adjacency.sum(axis=0)).ravel()))]
    nearest = np.full(count, np.inf)
    distances = []
    while len(pivots) < min(_PIVOTS, count):
        row = shortest_path(adjacency, unweighted=True, indices=pivots[-1])
        distances.append(row)
        nearest = np.minimum(nearest, row)
        pivots.append(int(np.argmax(nearest)))
    squared = np.array(distances).T ** 2  # count x pivots
    centred = -0.5 * (squared - squared.mean(axis=0) - squared.mean(axis=1, keepdims=True) + squared.mean())
    _, vectors = np.linalg.eigh(centred.T @ centred)
    positions = centred @ vectors[:, -2:]
    edges = _edge_array(graph)
    # room for every node: the middle 80% of the drawing about as wide as the node count asks;
    # the extremes are outliers that the forces pull in
    spread = np.percentile(positions, 90, axis=0) - np.percentile(positions, 10, axis=0)
    positions *= 0.8 * math.sqrt(2 * count) / max(float(spread.max()), 1e-9)
    # leaves of one hub have the same distances to every pivot: jitter them apart
    positions += np.random.default_rng(7).normal(scale=0.1, size=positions.shape)
    return _refine(positions, edges)


def _edge_array(graph: nx.Graph) -> np.ndarray:
    index = {node: i for i, node in enumerate(graph.nodes)}
    return np.array([(index[u], index[v]) for u, v in graph.edges()], dtype=int).reshape(-1, 2)


def _refine(positions: np.ndarray, edges: np.ndarray, iterations: int = 150) -> np.ndarray:
    """Fruchterman-Reingold with an edge length of 1 and repulsion cut off at 2 (the grid variant)."""
    positions = positions.copy()
    for step in range(iterations):
        temperature = 1.5 * (1 - step / iterations) + 0.02  # a node moves up to 1.5 units a step, less and less
        force = np.zeros_like(positions)
        pairs = cKDTree(positions).query_pairs(2.0, output_type="ndarray")
        if len(pairs):
            delta = positions[pairs[:, 0]] - positions[pairs[:, 1]]
            distance = np.maximum(np.linalg.norm(delta, axis=1), 0.01)
            push = delta / distance[:, None] ** 2
            np.add.at(force, pairs[:, 0], push)
            np.add.at(force, pairs[:, 1], -push)
        delta = positions[edges[:, 0]] - positions[edges[:, 1]]
        pull = delta * np.linalg.norm(delta, axis=1)[:, None]
        np.add.at(force, edges[:, 0], -pull)
        np.add.at(force, edges[:, 1], pull)
        length = np.maximum(np.linalg.norm(force, axis=1), 1e-9)
        positions += force / length[:, None] * np.minimum(length, temperature)[:, None]
    return positions


def _pack(components: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Skyline packing, biggest component first: each goes where it ends highest (then
    leftmost), so small components fill the room beside big ones instead of leaving it empty."""
    boxes = []
    for positions in components:
        xs, ys = zip(*positions.values())
        boxes.append((positions, min(xs), min(ys), max(xs) - min(xs) + _GAP, max(ys) - min(ys) + _GAP))
    area = sum(width * height for *_, width, height in boxes)
    width_total = max(max(width for *_, width, _ in boxes), math.sqrt(area) * 1.3)
    columns = int(math.ceil(width_total / _CELL))
    skyline = np.zeros(columns)
    placed: dict[str, tuple[float, float]] = {}
    for positions, left, top, width, height in boxes:
        span = min(columns, max(1, int(math.ceil(width / _CELL))))
        tops = np.lib.stride_tricks.sliding_window_view(skyline, span).max(axis=1)
        column = int(np.argmin(tops))
        x, y = column * _CELL, float(tops[column])
        skyline[column:column + span] = y + height
        for node, (px, py) in positions.items():
            placed[node] = (x + px - left, y + py - top)
    return placed
