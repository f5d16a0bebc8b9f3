"""The export stage: RDF serialisations of the store, and graphs for people to look at.

For Gephi, Cytoscape and Graphviz the RDF is projected through networkx: nodes are the
entities (people, organisations, events, documents, places, articles) with a readable
label, their type and their literal attributes; posts become person -> organisation
edges labelled with the role; every other relation is an edge labelled with the
property's label from the ontology ("tham dự"/"attended").
"""
from __future__ import annotations

import io
import json
from collections import defaultdict
from functools import lru_cache
from importlib import resources

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import ORG, RDF, RDFS, SDO, SKOS

from .errors import KgError
from .namespaces import KGO
from .store import Store

RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
GRAPH_FORMATS = ("graphml", "gexf", "cytoscape", "dot")
FORMATS = tuple(RDF_FORMATS) + GRAPH_FORMATS

ENTITY_TYPES = {
    str(SDO.Person): "person",
    str(ORG.Organization): "organization",
    str(SDO.Event): "event",
    str(SDO.Legislation): "document",
    str(SDO.Place): "place",
    str(SDO.NewsArticle): "article",
}
_LABEL_PROPERTIES = (str(SKOS.prefLabel), str(SDO.name), str(SDO.headline))
_CONCEPT_ATTRIBUTES = {str(KGO.rank): "rank", str(KGO.academicTitle): "academic_titles",
                       str(KGO.eventType): "event_type", str(SDO.legislationType): "document_type"}
_SKIPPED = {str(RDF.type), str(ORG.holds), str(ORG.heldBy), "http://groundedannotationframework.org/gaf#denotedBy",
            str(KGO.speech)}


@lru_cache(maxsize=1)
def property_labels() -> dict[str, tuple[str, str]]:
    """(Vietnamese, English) label of each property, from the ontology."""
    graph = Graph()
    graph.parse(data=resources.files("kg.schema").joinpath("kg.ttl").read_text(encoding="utf-8"), format="turtle")
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for subject, label in graph.subject_objects(RDFS.label):
        labels[str(subject)][label.language or "en"] = str(label)
    return {iri: (names.get("vi", names.get("en", "")), names.get("en", names.get("vi", ""))) for iri, names in labels.items()}


def export_rdf(store: Store, fmt: str) -> bytes:
    """The store as Turtle, N-Triples, N-Quads, TriG or JSON-LD (triple formats: union of the graphs)."""
    return store.dump(RDF_FORMATS[fmt])


def to_networkx(store: Store) -> nx.MultiDiGraph:
    """Entities as nodes, relations as labelled edges, literals as node attributes."""
    triples = {(q.subject, q.predicate, q.object) for q in store.quads()}
    types: dict[str, str] = {}
    literals: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    links: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for s, p, o in triples:
        if p.value == str(RDF.type) and o.value in ENTITY_TYPES:
            types[s.value] = ENTITY_TYPES[o.value]
        if isinstance(o, ox.Literal):
            if o.language in (None, "vi"):
                literals[s.value][p.value].append(o.value)
        elif isinstance(s, ox.NamedNode):
            links[s.value].append((p.value, o.value))

    labels = property_labels()
    graph = nx.MultiDiGraph()
    for node, kind in types.items():
        attributes = {"type": kind, "iri": node, "label": _label(literals[node]) or node.rsplit("/", 1)[-1]}
        for predicate, values in literals[node].items():
            if predicate in _LABEL_PROPERTIES[1:] and kind != "article":
                continue
            name = _local_name(predicate)
            if name not in ("contentHash",):
                attributes[name] = " | ".join(sorted(set(values)))
        for predicate, target in links[node]:
            if predicate in _CONCEPT_ATTRIBUTES:
                value = _label(literals[target])
                key = _CONCEPT_ATTRIBUTES[predicate]
                attributes[key] = " | ".join(sorted(filter(None, {attributes.get(key), value})))
        graph.add_node(node, **attributes)

    for node in types:
        for predicate, target in links[node]:
            if predicate in _SKIPPED or predicate in _CONCEPT_ATTRIBUTES:
                continue
            if target in types:
                vi, en = labels.get(predicate, (_local_name(predicate), _local_name(predicate)))
                graph.add_edge(node, target, key=predicate, label=vi, label_en=en, predicate=predicate)
        for predicate, post in links[node]:
            if predicate != str(ORG.holds):
                continue
            post_links = dict(links[post])
            organization = post_links.get(str(ORG.postIn))
            role = _label(literals[post_links.get(str(ORG.role), "")])
            if organization in types:
                vi, en = labels.get(str(ORG.holds), ("giữ chức", "holds post"))
                graph.add_edge(node, organization, key=post, label=role or vi, label_en=en,
                               predicate=str(ORG.holds), role=role or "")
            elif role:
                previous = graph.nodes[node].get("posts")
                graph.nodes[node]["posts"] = " | ".join(filter(None, [previous, role]))
    return graph


def _label(values: dict[str, list[str]]) -> str:
    for predicate in _LABEL_PROPERTIES:
        if values.get(predicate):
            return sorted(values[predicate])[0]
    return ""


def _local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def export_graph(store: Store, fmt: str) -> bytes:
    """The entity graph as GraphML, GEXF, Cytoscape JSON or Graphviz DOT."""
    graph = to_networkx(store)
    if fmt == "graphml":
        out = io.BytesIO()
        nx.write_graphml(_stringified(graph), out, encoding="utf-8")
        return out.getvalue()
    if fmt == "gexf":
        out = io.BytesIO()
        nx.write_gexf(_stringified(graph), out, encoding="utf-8")
        return out.getvalue()
    if fmt == "cytoscape":
        return json.dumps(nx.cytoscape_data(graph, name="label", ident="id"), ensure_ascii=False, indent=1).encode()
    if fmt == "dot":
        return _dot(graph).encode("utf-8")
    raise KgError(f"unknown graph format {fmt!r}; known: {', '.join(GRAPH_FORMATS)}")


def _stringified(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML and GEXF want every attribute a string."""
    copy = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        copy.add_node(node, **{k: str(v) for k, v in data.items()})
    for source, target, key, data in graph.edges(keys=True, data=True):
        copy.add_edge(source, target, key=key, **{k: str(v) for k, v in data.items()})
    return copy


_DOT_SHAPES = {"person": "ellipse", "organization": "box", "event": "diamond", "document": "note",
               "place": "house", "article": "component"}


def _dot(graph: nx.MultiDiGraph) -> str:
    def quote(text: str) -> str:
        return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'

    ids = {node: f"n{index}" for index, node in enumerate(graph.nodes)}
    lines = ["digraph kg {", "  graph [rankdir=LR, overlap=false];", "  node [fontname=\"Noto Sans\"];"]
    for node, data in graph.nodes(data=True):
        lines.append(f"  {ids[node]} [label={quote(data['label'])}, shape={_DOT_SHAPES.get(data['type'], 'ellipse')}, "
                     f"tooltip={quote(node)}];")
    for source, target, data in graph.edges(data=True):
        lines.append(f"  {ids[source]} -> {ids[target]} [label={quote(data['label'])}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def export(store: Store, fmt: str) -> bytes:
    """The store in any export format."""
    if fmt in RDF_FORMATS:
        return export_rdf(store, fmt)
    return export_graph(store, fmt)
