"""Views read by SPARQL over the merged graph, so that a view costs what it shows: a few
queries bound to the entities reached, not a walk over every quad.

``nearby_entities`` walks the view's relations hop by hop from the entities a name denotes;
``view_entities`` asks for every relation of a view at once (a whole view); ``describing_triples``
fetches what ``views`` needs to draw those entities (their triples, posts, speeches, concept
labels, source sentences and articles). ``views.to_networkx`` then builds and projects the
graph exactly as it does from every triple of the store (``views.entity_graph``).
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Literal
from rdflib.namespace import ORG, RDFS, SDO, SKOS

from ..normalise import ascii_fold, fold
from ..rdf.namespaces import GAF, KGO, NIF
from ..store import GraphStore

_TYPES = ("schema:Person", "org:Organization", "schema:Event", "schema:Legislation", "schema:Place",
          "schema:NewsArticle")
_KINDS = {str(SDO.Person): "person", str(ORG.Organization): "organization", str(SDO.Event): "event",
          str(SDO.Legislation): "document", str(SDO.Place): "place", str(SDO.NewsArticle): "article"}
_LABELS = (str(SKOS.prefLabel), str(SDO.name), str(SDO.headline), str(RDFS.label))  # views._LABEL_PROPERTIES
_ALIASES = (str(SDO.alternateName), str(SKOS.altLabel))
_NOT_RELATIONS = {str(p) for p in (ORG.holds, ORG.heldBy, GAF.denotedBy, KGO.speech, KGO.rank, KGO.academicTitle,
                                   KGO.eventType, SDO.legislationType)} | {"http://www.w3.org/1999/02/22-rdf-syntax-ns#type"}
_HOLDS = str(ORG.holds)
_ARTICLE_FIELDS = (SDO.headline, SDO.datePublished, SDO.url, KGO.sourcePath)


def nearby_entities(store: GraphStore, relations: frozenset[tuple[str, str]] | None, around: str,
                    depth: int) -> set[str] | None:
    """The entities within ``depth`` of ``relations`` (a view's (source kind, property) pairs;
    None: every relation) from those named ``around`` (an IRI, or a name with or without
    diacritics), or None when no entity of the view has that name (the caller then says so,
    with the names it could have meant)."""
    candidates = _named(store, around)
    if not candidates:
        return None
    edges = _edges(store, set().union(*candidates), relations)
    in_view = {node for edge in edges for node in edge} if relations is not None else set().union(*candidates)
    centres = next((found & in_view for found in candidates if found & in_view), None)
    if not centres:
        return None
    seen, frontier = set(centres), set(centres)
    for hop in range(depth):
        if hop:
            edges = _edges(store, frontier, relations)
        frontier = {node for edge in edges if set(edge) & frontier for node in edge} - seen
        if not frontier:
            break
        seen |= frontier
    return seen


def _named(store: GraphStore, name: str) -> list[set[str]]:
    """The entities ``name`` denotes: [the IRI itself] when it is one, else those whose name
    matches as ``views.find_entities`` folds it, then without diacritics. Oxigraph first
    keeps the names a loose pattern matches (any case, any diacritics), so only those are
    folded here."""
    types = " ".join(_TYPES)
    if "://" in name and bool(store.query(f"ASK {{ <{name}> a ?type VALUES ?type {{ {types} }} }}")):
        return [{name}]
    rows = store.query(f"""SELECT ?node ?type ?property ?name WHERE {{
        ?node ?property ?name .
        FILTER(?property IN (skos:prefLabel, schema:name, schema:headline, rdfs:label, schema:alternateName,
                             skos:altLabel))
        FILTER(ISLITERAL(?name) && REGEX(?name, {Literal(_loose_pattern(name)).n3()}, "i"))
        ?node a ?type . VALUES ?type {{ {types} }} }}""")
    candidates = {row["node"].value: _KINDS[row["type"].value] for row in rows}
    if not candidates:
        return []
    values: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    nodes = " ".join(f"<{node}>" for node in sorted(candidates))
    for row in store.query(f"""SELECT ?node ?property ?name WHERE {{ VALUES ?node {{ {nodes} }} ?node ?property ?name
            FILTER(?property IN (skos:prefLabel, schema:name, schema:headline, rdfs:label, schema:alternateName,
                                 skos:altLabel))
            FILTER(LANG(?name) = "" || LANGMATCHES(LANG(?name), "vi")) }}"""):
        values[row["node"].value][row["property"].value].append(row["name"].value)
    names = {node: _names(values[node], candidates[node]) for node in values}
    found = []
    for key in (fold, lambda text: ascii_fold(text).casefold()):
        wanted = key(name)
        found.append({node for node, aliases in names.items() if wanted in {key(alias) for alias in aliases}})
    return [matches for matches in found if matches]


_EDGE = r"[\s.,;:\"'“”‘’()\[\]]*"  # what canonical() strips from the ends of a name


@lru_cache(maxsize=1)
def _letters() -> dict[str, str]:
    """Each ASCII letter with every Latin letter that folds to it ('a': 'aAàÀáÁ...ặẶ')."""
    letters: dict[str, str] = defaultdict(str)
    for code in (*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        char = chr(code)
        key = ascii_fold(char).casefold()
        if len(key) == 1 and key.isascii() and key.isalpha():
            letters[key] += char
    return dict(letters)


def _loose_pattern(name: str) -> str:
    """A regular expression that every name folding to ``name`` (either way) matches, and few others."""
    letters = _letters()
    parts = []
    for char in ascii_fold(name).casefold():
        if char.isspace():
            parts.append(r"\s+")
        elif char in letters:
            parts.append(f"[{re.escape(letters[char])}]")
        else:
            parts.append(re.escape(char))
    return f"^{_EDGE}{''.join(parts)}{_EDGE}$"


def _names(values: dict[str, list[str]], kind: str) -> list[str]:
    """The names ``views._names`` gives a node: its label, aliases, and an article's name."""
    label = next((sorted(values[p])[0] for p in _LABELS if values.get(p)), None)
    names = [label] if label else []
    for property_ in (*_ALIASES, *((str(SDO.name),) if kind == "article" else ())):
        names.extend(values.get(property_, []))
    return names


def view_entities(store: GraphStore, relations: frozenset[tuple[str, str]] | None) -> set[str]:
    """Every entity of a whole view: the ends of its relations (``relations``: a view's
    (source kind, property) pairs), or for every relation (None) every entity, linked or not."""
    if relations is not None:
        return {node for edge in _edges(store, None, relations) for node in edge}
    types = " ".join(_TYPES)
    return {row["n"].value for row in store.query(
        f"SELECT DISTINCT ?n WHERE {{ ?n a ?type VALUES ?type {{ {types} }} FILTER(ISIRI(?n)) }}")}


def _edges(store: GraphStore, nodes: set[str] | None, relations) -> set[tuple[str, str]]:
    """The (source, target) pairs of the view's relations that touch ``nodes`` (None: all of
    them), as ``views._add_relations`` and ``views._add_event_citations`` draw them. Only the
    branches and properties the view has are asked for."""
    properties = None if relations is None else {property_ for _, property_ in relations}
    direct = "" if properties is None else f"VALUES ?p {{ {' '.join(f'<{p}>' for p in sorted(properties))} }}"
    derived = [(_HOLDS, "?a org:holds ?fact . ?fact org:postIn ?b BIND(org:holds AS ?p)"),
               (str(KGO.speaker), "?a kgo:speech ?fact . ?fact kgo:speaker ?b BIND(kgo:speaker AS ?p)"),
               (str(SDO.citation), "?a a schema:Event ; gaf:denotedBy ?sentence . ?b a schema:Legislation ; "
                                   "gaf:denotedBy/nif:sentence? ?sentence BIND(schema:citation AS ?p)")]
    patterns = [f"{direct} ?a ?p ?b"] + [pattern for property_, pattern in derived
                                         if properties is None or property_ in properties]
    if nodes is None:
        branches = [f"{{ {pattern} }}" for pattern in patterns]
    else:
        values = " ".join(f"<{node}>" for node in sorted(nodes))
        branches = [f"{{ VALUES ?{end} {{ {values} }} {pattern} }}" for end in ("a", "b") for pattern in patterns]
    links = {(row["a"].value, row["p"].value, row["b"].value)
             for row in store.query(f"SELECT DISTINCT ?a ?p ?b WHERE {{ {' UNION '.join(branches)} }}")
             if isinstance(row["a"], ox.NamedNode) and isinstance(row["b"], ox.NamedNode)}
    links = {(a, p, b) for a, p, b in links if p not in _NOT_RELATIONS or p == _HOLDS}
    kinds = _kinds(store, {node for a, _, b in links for node in (a, b)})
    return {(a, b) for a, p, b in links if a in kinds and b in kinds
            and (relations is None or any((kind, p) in relations for kind in kinds[a]))}


def _kinds(store: GraphStore, nodes: set[str]) -> dict[str, set[str]]:
    """The entity kinds ("person", ...) of those of ``nodes`` that are entities."""
    if not nodes:
        return {}
    values = " ".join(f"<{node}>" for node in sorted(nodes))
    kinds: dict[str, set[str]] = defaultdict(set)
    for row in store.query(f"SELECT ?n ?t WHERE {{ VALUES ?n {{ {values} }} ?n a ?t }}"):
        if row["t"].value in _KINDS:
            kinds[row["n"].value].add(_KINDS[row["t"].value])
    return kinds


def describing_triples(store: GraphStore, nodes: set[str]) -> set[tuple]:
    """The triples ``views`` reads to draw ``nodes``: theirs, those of their posts and
    speeches, the labels of what those name, their mentions' sentences and the articles
    those come from. The sentences' text is asked for once per sentence: a busy body's
    thousands of mentions share a few hundred sentences."""
    values = " ".join(f"<{node}>" for node in sorted(nodes))
    labels = "FILTER(?p IN (skos:prefLabel, schema:name, schema:headline, rdfs:label))"  # views._LABEL_PROPERTIES
    # what views never reads is left in the store: each row costs more to hand to Python than to find
    unread = ('FILTER(?p NOT IN (gaf:denotedBy, kgo:searchKey, kgo:contentHash) '
              '&& (!ISLITERAL(?o) || LANG(?o) IN ("", "vi")))')
    branches = (  # each bound to the nodes itself: Oxigraph does not push a VALUES outside a UNION into it
        f"?n ?p ?o {unread} BIND(?n AS ?s)",  # the mentions: below, with their sentences
        f"?n org:holds|kgo:speech ?s . ?s ?p ?o {unread}",
        f"?n org:holds/(org:role|org:postIn) ?s . ?s ?p ?o {labels}",
        f"?n kgo:rank|kgo:academicTitle|kgo:eventType|schema:legislationType ?s . ?s ?p ?o {labels}",
    )
    union = " UNION ".join(f"{{ VALUES ?n {{ {values} }} {branch} }}" for branch in branches)
    triples = {(row["s"], row["p"], row["o"]) for row in store.query(f"SELECT ?s ?p ?o WHERE {{ {union} }}")}
    denoted_by, sentence = ox.NamedNode(str(GAF.denotedBy)), ox.NamedNode(str(NIF.sentence))
    texts = set()  # a mention's sentence, or the mention when it is a sentence itself
    for row in store.query(f"""SELECT ?owner ?mention ?sentence WHERE {{
            {{ VALUES ?n {{ {values} }} ?n gaf:denotedBy ?mention BIND(?n AS ?owner) }} UNION
            {{ VALUES ?n {{ {values} }} ?n org:holds|kgo:speech ?owner . ?owner gaf:denotedBy ?mention }}
            OPTIONAL {{ ?mention nif:sentence ?sentence }} }}"""):
        triples.add((row["owner"], denoted_by, row["mention"]))
        if row["sentence"] is None:
            texts.add(row["mention"])
        else:
            triples.add((row["mention"], sentence, row["sentence"]))
            texts.add(row["sentence"])
    if texts:
        text_values = " ".join(f"<{text.value}>" for text in texts)
        triples |= {(row["s"], row["p"], row["o"]) for row in store.query(
            f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {text_values} }} ?s nif:anchorOf ?o BIND(nif:anchorOf AS ?p) }}")}
    articles = {text.value.split("#", 1)[0] for text in texts if "#char=" in text.value}
    if articles:
        fields = ", ".join(f"<{field}>" for field in _ARTICLE_FIELDS)
        article_values = " ".join(f"<{article}>" for article in sorted(articles))
        triples |= {(row["s"], row["p"], row["o"]) for row in store.query(
            f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {article_values} }} ?s ?p ?o FILTER(?p IN ({fields})) }}")}
    return triples
