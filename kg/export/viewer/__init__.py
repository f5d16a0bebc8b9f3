"""The interactive viewer: one self-contained HTML page that works offline.

The page carries Cytoscape.js (bundled in ``vendor/``, MIT), its own script and style, and
the graph as JSON: nodes with their positions from ``kg.export.layout``, attributes, aliases and
source sentences, and the articles those sentences come from. Nothing is fetched when the
page opens, so it works where the network is closed and can be mailed as one file.
"""
from __future__ import annotations

import json
import math
import re
from importlib import resources

import networkx as nx

from ...errors import KgError
from ..layout import layout
from ..views import TYPE_STYLES, describe, find_entities, ontology_labels, type_labels

PIXELS_PER_UNIT = 90  # nearest neighbours are about one layout unit apart; the largest node is 56
_SHOWN_AS_ATTRIBUTES = {"rank": "https://w3id.org/kg-vn/ontology#rank",
                        "academic_titles": "https://w3id.org/kg-vn/ontology#academicTitle",
                        "event_type": "https://w3id.org/kg-vn/ontology#eventType",
                        "document_type": "https://schema.org/legislationType",
                        "posts": "http://www.w3.org/ns/org#Post"}
_ALIASES = ("alternateName", "altLabel")
_NOT_ATTRIBUTES = {"type", "iri", "label", "sources", *_ALIASES}  # the aliases are shown once, as "also written"


def viewer_html(graph: nx.MultiDiGraph) -> str:
    """The page showing ``graph``."""
    if graph.number_of_nodes() == 0:
        raise KgError("nothing to show: the selection has no entities")
    data = viewer_data(graph)
    files = resources.files(__name__)
    page = files.joinpath("page.html").read_text(encoding="utf-8")
    parts = {
        "/*kg:style*/": files.joinpath("viewer.css").read_text(encoding="utf-8"),
        "/*kg:cytoscape*/": files.joinpath("vendor", "cytoscape.min.js").read_text(encoding="utf-8"),
        "/*kg:viewer*/": files.joinpath("viewer.js").read_text(encoding="utf-8"),
        "/*kg:data*/": _script_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":"))),
        "<!--kg:title-->": _html_text(data["title"]),
    }
    for marker, text in parts.items():
        page = page.replace(marker, text)
    return page


def viewer_data(graph: nx.MultiDiGraph) -> dict:
    """What the page's script reads: types, nodes, edges, articles and sentences (a node's
    ``sources`` are indexes into ``sentences``, each an [article index, text] pair), and the
    ``centres`` of a neighbourhood, which the page draws first. Nodes and edges carry the
    ``dates`` (YYYY-MM-DD) of the articles they were read from, for the time slider."""
    positions = layout(graph)
    degree = dict(graph.degree())
    articles = graph.graph.get("articles", {})
    article_index = {iri: index for index, iri in enumerate(articles)}
    names = _attribute_names()
    sentences: dict[tuple[int, str], int] = {}  # (article, text) -> index; nodes share sentences
    nodes = []
    dates = _node_dates(graph, articles)
    for node, data in graph.nodes(data=True):
        x, y = positions[node]
        nodes.append({
            "id": node,
            "label": data["label"],
            "type": data["type"],
            "x": round(x * PIXELS_PER_UNIT, 1),
            "y": round(y * PIXELS_PER_UNIT, 1),
            "size": round(min(56.0, 16 + 5 * math.sqrt(degree[node])), 1),
            "aliases": sorted({alias for key in _ALIASES for alias in data.get(key, "").split(" | ") if alias}
                              - {data["label"]}),
            "attributes": [[*names.get(key, (key, key)), str(value)] for key, value in data.items()
                           if key not in _NOT_ATTRIBUTES and value not in ("", None)],
            "sources": [sentences.setdefault((article_index[s["article"]], s["text"]), len(sentences))
                        for s in data.get("sources", []) if s["article"] in article_index],
            "dates": sorted(dates[node]),
        })
    edges = [{"source": u, "target": v, "label": d["label"], "label_en": d.get("label_en", ""),
              "dates": sorted(dates[u] & dates[v] or dates[u] | dates[v])}
             for u, v, d in graph.edges(data=True)]
    kinds = sorted({d["type"] for _, d in graph.nodes(data=True)}, key=list(TYPE_STYLES).index)
    types = [{"type": kind, "vi": type_labels(kind)[0], "en": type_labels(kind)[1],
              "colour": TYPE_STYLES[kind].colour, "shape": TYPE_STYLES[kind].shape,
              "count": sum(1 for _, t in graph.nodes(data="type") if t == kind)} for kind in kinds]
    return {
        "title": describe(graph),
        "view": graph.graph.get("view", "all"),
        "centres": find_entities(graph, graph.graph["around"]) if graph.graph.get("around") else [],
        "types": types,
        "nodes": nodes,
        "edges": edges,
        "articles": [{"iri": iri, **info} for iri, info in articles.items()],
        "sentences": [list(key) for key in sentences],
    }


def _node_dates(graph: nx.MultiDiGraph, articles: dict) -> dict[str, set[str]]:
    """The publication days of the articles each node's sentences come from (an article node: its
    own). An edge is dated by the articles both its ends were read from: the relation was read
    there; by either end's when they share none."""
    dates = {}
    for node, data in graph.nodes(data=True):
        days = {articles[s["article"]].get("published", "")[:10] for s in data.get("sources", [])
                if s["article"] in articles}
        days |= {day[:10] for day in data.get("datePublished", "").split(" | ")}
        dates[node] = {day for day in days if re.fullmatch(r"\d{4}-\d\d-\d\d", day)}
    return dates


def _attribute_names() -> dict[str, tuple[str, str]]:
    """Vietnamese and English names of node attributes, from the ontology's labels."""
    labels = ontology_labels()
    names = {iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]: pair for iri, pair in labels.items()}
    names.update({key: labels[iri] for key, iri in _SHOWN_AS_ATTRIBUTES.items() if iri in labels})
    return names


def _script_safe(text: str) -> str:
    """JSON inside <script> must neither close it ('</script>') nor put the HTML parser in
    another state ('<!--<script>' would swallow the rest of the page): every '<' becomes
    '\\u003c', the same string to JSON, and JSON has '<' nowhere else."""
    return text.replace("<", "\\u003c")


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
