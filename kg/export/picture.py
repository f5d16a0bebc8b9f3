"""Static pictures of an entity graph (PNG, SVG) for reports.

Drawn with matplotlib (pure PyPI, nothing to install on the machine) from the positions
of ``kg.export.layout``, so a picture looks like the viewer. Colours and shapes follow the entity
type, with a legend; with a few hundred nodes only the best-connected get a name, so the
names stay readable, and relation names are written only on small graphs.
"""
from __future__ import annotations

import io
import math

import networkx as nx
from matplotlib import rc_context
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..errors import KgError
from .layout import layout
from .views import TYPE_STYLES, describe, type_labels

_ALL_LABELS_UP_TO = 60  # nodes; above this, names that would cover others are left out
_NAMED_NODES = 150
_EDGE_LABELS_UP_TO = 60  # edges
_MAX_INCHES = 24.0
_DPI = 110
# names on a light box rather than with a stroke: stroked text becomes paths in SVG, unsearchable
_HALO = {"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none", "alpha": 0.75}


def draw(graph: nx.MultiDiGraph, fmt: str) -> bytes:
    """The graph drawn as PNG or SVG bytes."""
    if fmt not in ("png", "svg"):
        raise KgError(f"unknown picture format {fmt!r}; known: png, svg")
    if graph.number_of_nodes() == 0:
        raise KgError("nothing to draw: the selection has no entities")
    positions = layout(graph)
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    width, height = max(xs) - min(xs) + 3, max(ys) - min(ys) + 3
    small = graph.number_of_edges() <= _EDGE_LABELS_UP_TO
    # inches per layout unit (nearest neighbours ~1 apart); room for relation names on small graphs
    inches = min(1.6 if small else 0.9, _MAX_INCHES / max(width, height))
    header = 1.4  # inches for the title and the legend
    figure = Figure(figsize=(max(8.0, width * inches), max(6.0, height * inches) + header), dpi=_DPI)
    axes = figure.add_axes((0.01, 0.01, 0.98, 0.98 - header / figure.get_figheight()))
    axes.set_xlim(min(xs) - 1.5, max(xs) + 1.5)
    axes.set_ylim(max(ys) + 1.5, min(ys) - 1.5)  # y grows downwards, as in the viewer
    axes.set_aspect("equal")
    axes.axis("off")

    degree = dict(graph.degree())
    node_points = min(16.0, inches * 72 * 0.45)  # a node about half the nearest-neighbour distance
    _draw_edges(axes, graph, positions, small, node_points)
    counts = {}
    for kind, style in TYPE_STYLES.items():
        nodes = [n for n, t in graph.nodes(data="type") if t == kind]
        if not nodes:
            continue
        counts[kind] = len(nodes)
        sizes = [(node_points * min(2.2, 1 + 0.2 * math.sqrt(degree[n]))) ** 2 for n in nodes]
        axes.scatter([positions[n][0] for n in nodes], [positions[n][1] for n in nodes], s=sizes,
                     c=style.colour, marker=style.marker, edgecolors="white", linewidths=0.6, zorder=3)
    font = max(6.0, min(9.0, inches * 72 * 0.22))
    offset = node_points * 1.1 / 72 / inches
    for node, (x, y), va in _labels(graph, positions, degree, font / 72 / inches, offset):
        axes.text(x, y, _short(graph.nodes[node]["label"]), fontsize=font, ha="center", va=va,
                  zorder=4, color="#1a1a1a", bbox=_HALO)

    handles = [Line2D([], [], linestyle="", marker=TYPE_STYLES[k].marker, markersize=9,
                      markerfacecolor=TYPE_STYLES[k].colour, markeredgecolor="white",
                      label=f"{type_labels(k)[0]} · {type_labels(k)[1]} ({n})") for k, n in counts.items()]
    columns = max(1, min(len(handles), int(figure.get_figwidth() // 2.8)))
    figure.text(0.01, 0.99, describe(graph), fontsize=12, va="top", weight="bold")
    figure.legend(handles=handles, loc="upper left", ncol=columns, frameon=False, fontsize=10,
                  bbox_to_anchor=(0.005, 0.99 - 0.35 / figure.get_figheight()))
    out = io.BytesIO()
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "kg"}):
        figure.savefig(out, format=fmt, facecolor="white", metadata={"Date": None} if fmt == "svg" else None)
    return out.getvalue()


def _draw_edges(axes, graph, positions, small: bool, node_points: float) -> None:
    segments = [(positions[u], positions[v]) for u, v in graph.edges() if u != v]
    if not small:
        axes.add_collection(LineCollection(segments, colors="#9a9a9a", linewidths=0.5, alpha=0.6, zorder=1))
        return
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        axes.annotate("", xy=positions[v], xytext=positions[u], zorder=2,
                      arrowprops={"arrowstyle": "-|>", "color": "#8a8a8a", "lw": 0.9,
                                  "shrinkA": node_points * 0.7, "shrinkB": node_points * 0.9})
        (x1, y1), (x2, y2) = positions[u], positions[v]
        axes.text((x1 + x2) / 2, (y1 + y2) / 2, _short(data["label"], 28), fontsize=7, color="#555555",
                  ha="center", va="center", style="italic", zorder=2, bbox=_HALO)


def _labels(graph, positions, degree, line: float, offset: float):
    """Where to write names: best-connected nodes first, below the node or else above it,
    never over a name already written; a small graph names every node even where names touch."""
    every = graph.number_of_nodes() <= _ALL_LABELS_UP_TO
    taken: list[tuple[float, float, float, float]] = []
    for node in sorted(graph.nodes, key=lambda n: (-degree[n], graph.nodes[n]["label"])):
        if not every and len(taken) >= _NAMED_NODES:
            return
        x, y = positions[node]
        half = len(_short(graph.nodes[node]["label"])) * line * 0.3
        spots = [((x - half, y + offset, x + half, y + offset + line * 1.2), "top"),
                 ((x - half, y - offset - line * 1.2, x + half, y - offset), "bottom")]
        free = [(box, va) for box, va in spots if not any(_overlap(box, other) for other in taken)]
        if free or every:
            box, va = (free or spots)[0]
            taken.append(box)
            yield node, (x, box[1] if va == "top" else box[3]), va


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
