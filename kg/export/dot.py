"""Graphviz DOT of the entity graph, laid out by the engine that finishes at its size.

``dot`` ranks a view left to right and reads well; its time grows with the relations: on a
corpus of 314 articles the citations view (1,066 nodes, 1,498 relations) took 3 s, the all
view (4,101 nodes, 10,625 relations) did not finish in 300 s. A view of more than
``DOT_EDGES`` relations says ``layout=sfdp`` (the multiscale force layout, which Graphviz uses whichever command
reads the file), its edges named in tooltips, as sfdp places no edge label. The first lines of the file
say what to run.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .tables import sorted_edges
from .views import TYPE_STYLES, describe

if TYPE_CHECKING:
    import networkx as nx

DOT_EDGES = 2000  # above this, sfdp (27 s for that all view)


def dot_text(graph: nx.MultiDiGraph) -> str:
    nodes = sorted(graph.nodes)
    ids = {node: f"n{index}" for index, node in enumerate(nodes)}
    large = graph.number_of_edges() > DOT_EDGES
    if large:
        header = [f"// {describe(graph)}: more than {DOT_EDGES} relations, so laid out by sfdp (layout=sfdp below).",
                  "// Draw with: sfdp -Tsvg FILE.dot -o FILE.svg   (or -Tpdf; dot -Tsvg reads layout=sfdp too)",
                  "digraph kg {",
                  "  graph [layout=sfdp, overlap=prism, outputorder=edgesfirst, splines=false];",
                  '  node [fontname="Noto Sans", style=filled, fontcolor="#111111", fontsize=10];',
                  '  edge [color="#88888866", arrowsize=0.5];']
    else:
        header = [f"// {describe(graph)}.",
                  "// Draw with: dot -Tsvg FILE.dot -o FILE.svg   (or -Tpdf, -Tpng)",
                  "digraph kg {",
                  "  graph [rankdir=LR, overlap=false];",
                  '  node [fontname="Noto Sans", style=filled, fontcolor="#111111"];',
                  '  edge [fontname="Noto Sans", fontsize=10];']
    lines = header
    for node in nodes:
        data = graph.nodes[node]
        style = TYPE_STYLES[data["type"]]
        lines.append(f"  {ids[node]} [label={_quote(data['label'])}, shape={style.dot_shape}, "
                     f'fillcolor="{style.colour}66", tooltip={_quote(node)}];')
    for source, target, _, data in sorted_edges(graph):
        label = "tooltip" if large else "label"  # sfdp places no edge label; an SVG shows the tooltip
        lines.append(f"  {ids[source]} -> {ids[target]} [{label}={_quote(data['label'])}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'
