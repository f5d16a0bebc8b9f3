"""Graphs for people to look at: the store projected into entities and readable relations.

The RDF holds posts, speeches and sentences as nodes of their own; people want to see
"Trần Vi Dân —Cục trưởng→ Cục V04". So the entity graph has one node per person,
organisation, event, document, place and article, labelled with its canonical name and
carrying its literal attributes and the sentences it was read from; posts become
person -> organisation edges labelled with the role, speeches event -> speaker edges,
and every other relation an edge labelled from the ontology ("tham dự"/"attended").

A view keeps the relations one kind of reader asks about (``VIEWS``); an article
selection keeps one article's named graph; ``around`` keeps the neighbourhood of an
entity. ``to_networkx`` applies them in that order. A whole view and a neighbourhood are read
by SPARQL (``nearby``): the view's relations first, then what draws the entities they join.
"""
from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import ORG, RDF, RDFS, SDO, SKOS

from ..errors import KgError
from ..rdf.namespaces import GAF, KGO, NIF
from ..normalise import ascii_fold, fold
from ..store import Store, resolve_article
from .nearby import describing_triples, nearby_entities, view_entities

if TYPE_CHECKING:  # networkx is imported where a graph is made: 'kg --help' and 'kg query' do without it
    import networkx as nx

ENTITY_TYPES = {
    str(SDO.Person): "person",
    str(ORG.Organization): "organization",
    str(SDO.Event): "event",
    str(SDO.Legislation): "document",
    str(SDO.Place): "place",
    str(SDO.NewsArticle): "article",
}
TYPE_CLASSES = {kind: iri for iri, kind in ENTITY_TYPES.items()}


@dataclass(frozen=True)
class TypeStyle:
    """How an entity type is drawn, the same in the viewer, the pictures and DOT."""

    colour: str  # Okabe-Ito palette: tells the types apart for colour-blind readers too
    shape: str  # Cytoscape.js node shape
    marker: str  # matplotlib marker
    dot_shape: str  # Graphviz shape


TYPE_STYLES = {
    "person": TypeStyle("#0072B2", "ellipse", "o", "ellipse"),
    "organization": TypeStyle("#E69F00", "round-rectangle", "s", "box"),
    "event": TypeStyle("#D55E00", "diamond", "D", "diamond"),
    "document": TypeStyle("#009E73", "pentagon", "p", "note"),
    "place": TypeStyle("#CC79A7", "triangle", "^", "house"),
    "article": TypeStyle("#8C8C8C", "hexagon", "h", "component"),
}


@dataclass(frozen=True)
class View:
    """A projection of the entity graph: the (source type, property) pairs it keeps."""

    name: str
    description: str
    relations: frozenset[tuple[str, str]] | None  # None: every relation


VIEWS = {view.name: view for view in (
    View("all", "the whole graph: every entity and relation, articles with what they mention", None),
    View("people", "the people-organisation network: posts as person -> organisation edges named by "
                   "the role, and the units organisations belong to",
         frozenset({("person", str(ORG.holds)), ("organization", str(ORG.subOrganizationOf))})),
    View("organizations", "organisations, the bodies they belong to and where they are",
         frozenset({("organization", str(ORG.subOrganizationOf)), ("organization", str(SDO.location))})),
    View("events", "events with their organisers, attendees, speakers and places",
         frozenset({("event", str(SDO.organizer)), ("event", str(SDO.attendee)), ("event", str(KGO.speaker)),
                    ("event", str(SDO.location))})),
    View("citations", "articles and events citing documents, and the bodies that passed them",
         frozenset({("article", str(SDO.citation)), ("event", str(SDO.citation)),
                    ("document", str(SDO.legislationPassedBy))})),
)}

_LABEL_PROPERTIES = (str(SKOS.prefLabel), str(SDO.name), str(SDO.headline), str(RDFS.label))  # rdfs:label: an unnamed event
_CONCEPT_ATTRIBUTES = {str(KGO.rank): "rank", str(KGO.academicTitle): "academic_titles",
                       str(KGO.eventType): "event_type", str(SDO.legislationType): "document_type"}
# property IRIs as strings, looked up once: entity_graph compares them hundreds of thousands of times
_TYPE = str(RDF.type)
_HOLDS = str(ORG.holds)
_ROLE = str(ORG.role)
_POST_IN = str(ORG.postIn)
_DENOTED_BY = str(GAF.denotedBy)
_ANCHOR_OF = str(NIF.anchorOf)
_SENTENCE = str(NIF.sentence)
_SPEECH = str(KGO.speech)
_SPEAKER = str(KGO.speaker)
_SPEECH_ROLE = str(KGO.speechRole)
_FACT_LINKS = {_TYPE, _HOLDS, str(ORG.heldBy), _DENOTED_BY, _SPEECH}
_SOURCE_PATH = str(KGO.sourcePath)
_HIDDEN_LITERALS = {str(KGO.contentHash), str(RDFS.label), str(KGO.searchKey)}  # label: its "label" attribute already; searchKey: for queries


@lru_cache(maxsize=1)
def ontology_labels() -> dict[str, tuple[str, str]]:
    """(Vietnamese, English) label of each class and property, from the ontology."""
    graph = Graph()
    graph.parse(data=resources.files("kg.schema").joinpath("kg.ttl").read_text(encoding="utf-8"), format="turtle")
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for subject, label in graph.subject_objects(RDFS.label):
        labels[str(subject)][label.language or "en"] = str(label)
    return {iri: (names.get("vi", names.get("en", "")), names.get("en", names.get("vi", ""))) for iri, names in labels.items()}


def type_labels(kind: str) -> tuple[str, str]:
    """("người", "person") for "person"."""
    return ontology_labels().get(TYPE_CLASSES[kind], (kind, kind))


def to_networkx(store: Store, view: str = "all", *, article: str | None = None,
                around: str | None = None, depth: int = 1, publish: bool = False) -> nx.MultiDiGraph:
    """The entity graph of the store (or of one article), projected to a view, optionally
    cut to the entities within ``depth`` relations of ``around`` (an IRI or a name); to
    ``publish``, without the paths of the files the articles were read from (kgo:sourcePath)."""
    if view not in VIEWS:
        raise KgError(f"unknown view {view!r}; known: {', '.join(VIEWS)}")
    if depth < 0:
        raise KgError(f"--depth {depth}: give 0 or more")
    graph_name = resolve_article(store, article) if article else None
    nearby = None if around is None or graph_name else nearby_entities(store, VIEWS[view].relations, around, depth)
    if graph_name:
        graph = project(entity_graph(store, graph_name, publish=publish), view)
    else:  # a neighbourhood (when the name was found) or the whole view, read by SPARQL
        nodes = view_entities(store, VIEWS[view].relations) if nearby is None else nearby
        graph = project(_graph_of(describing_triples(store, nodes), publish), view)
    graph.graph.update(view=view, article=graph_name or "")
    if around is not None:
        graph = neighbourhood(graph, around, depth)
        graph.graph["around"] = around
    return graph


def describe(graph: nx.MultiDiGraph) -> str:
    """'kg — people view: 618 entities, 561 relations', naming the article or centre if chosen."""
    parts = [f"kg — {graph.graph.get('view', 'all')} view"]
    around = graph.graph.get("around")
    if around:
        parts.append(f"around {graph.nodes[around]['label'] if around in graph else around}")
    if graph.graph.get("article"):
        parts.append(f"of {graph.graph['article'].rsplit('/', 1)[-1]}")
    return " ".join(parts) + f": {graph.number_of_nodes()} entities, {graph.number_of_edges()} relations"


def entity_graph(store: Store, article: str | None = None, *, publish: bool = False) -> nx.MultiDiGraph:
    """Every entity and relation of one article's named graph, or of the store from every one of
    its quads (what the views, read by SPARQL, are tested against: they must come out the same)."""
    if article is None:
        triples = {(q.subject, q.predicate, q.object) for q in store.quads()}
    else:
        solutions = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{article}> {{ ?s ?p ?o }} }}")
        triples = {(row["s"], row["p"], row["o"]) for row in solutions}
    return _graph_of(triples, publish)


def _graph_of(triples, publish: bool) -> nx.MultiDiGraph:
    """The entity graph of a set of (subject, predicate, object) terms."""
    types: dict[str, str] = {}
    literals: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    links: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for s, p, o in triples:
        if publish and p.value == _SOURCE_PATH:
            continue
        if p.value == _TYPE and o.value in ENTITY_TYPES:
            types[s.value] = ENTITY_TYPES[o.value]
        if isinstance(o, ox.Literal):
            if o.language in (None, "vi"):
                literals[s.value][p.value].append(o.value)
        elif isinstance(s, ox.NamedNode):
            links[s.value].append((p.value, o.value))
    for values in links.values():
        values.sort()

    import networkx as nx

    graph = nx.MultiDiGraph()
    for node in sorted(types):
        graph.add_node(node, **_attributes(node, types[node], literals, links))
    _add_relations(graph, types, literals, links)
    _add_event_citations(graph, types, links)
    graph.graph["articles"] = _articles(graph, literals)
    return graph


def _attributes(node: str, kind: str, literals, links) -> dict:
    attributes = {"type": kind, "iri": node, "label": _label(literals[node]) or node.rsplit("/", 1)[-1]}
    for predicate, values in sorted(literals[node].items()):
        if predicate in _HIDDEN_LITERALS or (predicate in _LABEL_PROPERTIES[1:] and kind != "article"):
            continue
        attributes[_local_name(predicate)] = " | ".join(sorted(set(values)))
    for predicate, target in links[node]:
        if predicate in _CONCEPT_ATTRIBUTES:
            key = _CONCEPT_ATTRIBUTES[predicate]
            attributes[key] = " | ".join(sorted(filter(None, {attributes.get(key), _label(literals[target])})))
    posts = []
    for predicate, post in links[node]:
        if predicate == _HOLDS:
            post_links = dict(links[post])
            role = _label(literals[post_links.get(_ROLE, "")])
            organization = _label(literals[post_links.get(_POST_IN, "")])
            posts.append(", ".join(filter(None, [role, organization])))
    if posts:
        attributes["posts"] = " | ".join(sorted(set(filter(None, posts))))
    attributes["sources"] = _sources(node, literals, links)
    return attributes


def _sources(node: str, literals, links) -> list[dict]:
    """The sentences a node was read from: those of its mentions, and those of the posts it holds."""
    sentences = {_sentence_of(target, links) for predicate, target in links[node] if predicate == _DENOTED_BY}
    for predicate, post in links[node]:
        if predicate == _HOLDS:
            sentences.update(target for p, target in links[post] if p == _DENOTED_BY)
    found = []
    for sentence in sentences:
        text = literals[sentence].get(_ANCHOR_OF)
        match = re.search(r"#char=(\d+),(\d+)$", sentence)
        if text and match:
            found.append({"article": sentence.split("#", 1)[0], "start": int(match[1]), "end": int(match[2]),
                          "text": text[0]})
    return sorted(found, key=lambda s: (s["article"], s["start"]))


def _sentence_of(source: str, links) -> str:
    """The sentence a mention is in; a sentence is its own."""
    return next((target for predicate, target in links[source] if predicate == _SENTENCE), source)


def _add_relations(graph: nx.MultiDiGraph, types, literals, links) -> None:
    labels = ontology_labels()
    for node in sorted(types):
        for predicate, target in links[node]:
            if predicate in _FACT_LINKS or predicate in _CONCEPT_ATTRIBUTES or target not in types:
                continue
            vi, en = labels.get(predicate, (_local_name(predicate),) * 2)
            graph.add_edge(node, target, key=predicate, label=vi, label_en=en, predicate=predicate)
        for predicate, fact in links[node]:
            fact_links = dict(links[fact])
            if predicate == _HOLDS and fact_links.get(_POST_IN) in types:
                role = _label(literals[fact_links.get(_ROLE, "")])
                vi, en = labels[_HOLDS]
                graph.add_edge(node, fact_links[_POST_IN], key=fact, label=role or vi, label_en=en,
                               predicate=predicate, role=role)
            elif predicate == _SPEECH and fact_links.get(_SPEAKER) in types:
                role = " | ".join(sorted(literals[fact].get(_SPEECH_ROLE, [])))
                vi, en = labels[_SPEAKER]
                graph.add_edge(node, fact_links[_SPEAKER], key=fact,
                               label=_speech_label(role) or vi, label_en=en,
                               predicate=_SPEAKER, role=role)


def _speech_label(role: str) -> str:
    """"phát biểu khai mạc" for the role "khai mạc"; a role that already says it stays as it is."""
    if not role or role.startswith("phát biểu"):
        return role
    return f"phát biểu {role}"


def _add_event_citations(graph: nx.MultiDiGraph, types, links) -> None:
    """An event cites a document when one sentence reports both ("Tại hội nghị, ... Nghị quyết 12")."""
    by_sentence: dict[str, set[str]] = defaultdict(set)
    for node, kind in types.items():
        if kind == "document":
            for predicate, source in links[node]:
                if predicate == _DENOTED_BY:
                    by_sentence[_sentence_of(source, links)].add(node)
    vi, en = ontology_labels()[str(SDO.citation)]
    for node in sorted(n for n, kind in types.items() if kind == "event"):
        cited = set()
        for predicate, sentence in links[node]:
            if predicate == _DENOTED_BY:
                cited |= by_sentence.get(sentence, set())
        for document in sorted(cited):
            graph.add_edge(node, document, key=str(SDO.citation), label=vi, label_en=en,
                           predicate=str(SDO.citation), basis="same sentence")


def _articles(graph: nx.MultiDiGraph, literals) -> dict[str, dict[str, str]]:
    """Headline, date and where to read each article that a node's sentences come from: its
    canonical URL when the page gave one, else the file it was read from."""
    iris = {source["article"] for _, sources in graph.nodes(data="sources") for source in sources}
    articles = {}
    for iri in sorted(iris):
        values = literals[iri]
        source = sorted(values.get(str(KGO.sourcePath), [""]))[0]
        url = sorted(values.get(str(SDO.url), [""]))[0] or source_url(source)
        articles[iri] = {"headline": sorted(values.get(str(SDO.headline), [""]))[0],
                         "published": sorted(values.get(str(SDO.datePublished), [""]))[0],
                         "source": source, "url": url}
    return articles


def source_url(source: str) -> str:
    """A link to an article's source: a URL as it is, a file path as a file: URL."""
    if not source:
        return ""
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source):
        return source
    return Path(source).resolve().as_uri()


def _label(values: dict[str, list[str]]) -> str:
    for predicate in _LABEL_PROPERTIES:
        if values.get(predicate):
            return sorted(values[predicate])[0]
    return ""


def _local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def project(graph: nx.MultiDiGraph, view: str) -> nx.MultiDiGraph:
    """The entities linked by the view's relations, and those relations."""
    import networkx as nx

    relations = VIEWS[view].relations
    if relations is None:
        return graph
    kept = [(u, v, k) for u, v, k, predicate in graph.edges(keys=True, data="predicate")
            if (graph.nodes[u]["type"], predicate) in relations]
    projected = nx.MultiDiGraph(graph.edge_subgraph(kept))
    projected.graph.update(graph.graph)
    _keep_articles_of(projected)
    return projected


def neighbourhood(graph: nx.MultiDiGraph, around: str, depth: int) -> nx.MultiDiGraph:
    """The entities within ``depth`` relations (either direction) of the entities named ``around``."""
    import networkx as nx

    if depth < 0:
        raise KgError(f"--depth {depth}: give 0 or more")
    centres = find_entities(graph, around)
    undirected = graph.to_undirected(as_view=True)
    nodes = set()
    for centre in centres:
        nodes |= set(nx.single_source_shortest_path_length(undirected, centre, cutoff=depth))
    selected = nx.MultiDiGraph(graph.subgraph(sorted(nodes)))
    selected.graph.update(graph.graph)
    _keep_articles_of(selected)
    return selected


def find_entities(graph: nx.MultiDiGraph, name: str) -> list[str]:
    """The nodes whose IRI, name or alias is ``name``, with or without diacritics."""
    if name in graph:
        return [name]
    names = {node: _names(data) for node, data in graph.nodes(data=True)}
    for key in (fold, lambda text: ascii_fold(text).casefold()):
        wanted = key(name)
        found = sorted(node for node, aliases in names.items() if wanted in {key(alias) for alias in aliases})
        if found:
            return found
    view = graph.graph.get("view", "all")
    plain = {ascii_fold(alias).casefold(): alias for aliases in names.values() for alias in aliases}
    close = difflib.get_close_matches(ascii_fold(name).casefold(), sorted(plain), n=3)
    hint = f"; did you mean {', '.join(repr(plain[c]) for c in close)}?" if close else ""
    raise KgError(f"no entity named {name!r} in the {view} view{hint}")


def _names(data: dict) -> list[str]:
    names = [data["label"]]
    for key in ("alternateName", "altLabel", "name"):
        if data.get(key):
            names.extend(data[key].split(" | "))
    return names


def _keep_articles_of(graph: nx.MultiDiGraph) -> None:
    used = {source["article"] for _, sources in graph.nodes(data="sources") for source in sources}
    graph.graph["articles"] = {iri: info for iri, info in graph.graph.get("articles", {}).items() if iri in used}
