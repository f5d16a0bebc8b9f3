"""The identity pass: after a build or a removal, join the per-article nodes of one person
across the store (``kg.resolve.joins`` decides which), in the article graphs themselves.

A join rewrites the graph of the article whose mention is joined: its node of the name alone
(``A``) becomes the province node (``C``), its posts become posts held by ``C``, and the graph
says what it did, so that the rewrite can be undone exactly:

- ``C kgo:joinedFrom A`` (and ``post-of-C kgo:joinedFrom post-of-A``): what the article's own
  evidence named;
- ``<ARTICLE#identity-HASH>``, a ``kgo:IdentityDecision``: the node judged (``kgo:articleNode``),
  the node it was judged against (``kgo:comparedWith``), ``kgo:joined`` true or false, the
  reason (``rdfs:comment``) and the articles it rests on (``prov:wasDerivedFrom``). Decisions
  that keep a mention apart are kept too, so an analyst sees why two nodes of a name are two.

The graphs are edited through the store (``GraphStore.edit_articles``: only the triples about
the renamed nodes), which keeps the merged graph (and a SPARQL server's) the union of the
article graphs, so queries see one node per joined person.
Each pass reads the store's evidence as the articles gave it (undoing its own renames on the
way), decides again, and rewrites only the graphs whose joins or decisions changed: the same
articles give the same graphs in any build order, and removing the article a join rested on
undoes the join at the next pass.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox

from .lexicon import lexicon
from .normalise import fold
from .resolve import home_province
from .resolve.joins import Decision, Holding, Unit, decide
from .rdf.namespaces import KGO, PREFIX_MAP
from .store import GraphStore

__all__ = ["IdentityReport", "join_identities"]

_RDF_TYPE = ox.NamedNode(PREFIX_MAP["rdf"] + "type")
_LABEL = ox.NamedNode(PREFIX_MAP["rdfs"] + "label")
_COMMENT = ox.NamedNode(PREFIX_MAP["rdfs"] + "comment")
_DERIVED = ox.NamedNode(PREFIX_MAP["prov"] + "wasDerivedFrom")
_JOINED_FROM = ox.NamedNode(str(KGO.joinedFrom))
_BOOLEAN = ox.NamedNode(PREFIX_MAP["xsd"] + "boolean")


@dataclass(frozen=True, slots=True)
class IdentityReport:
    joined: int
    """Mentions joined to another article's node of the same person."""
    kept_apart: int
    """Mentions judged and kept on their own node."""
    rewritten: int
    """Article graphs the pass edited."""


def join_identities(store: GraphStore) -> IdentityReport:
    """Decide every join over the store and bring the article graphs in line with it."""
    people = _people(store)
    current = _pass_triples(store)
    candidates = _candidate_names(people)
    units = _units(store, people, candidates) if candidates else []
    decisions = decide(units)
    wanted = _wanted(decisions, units)
    graphs = sorted(set(current) | set(wanted))
    changed = [graph for graph in graphs if current.get(graph, set()) != wanted.get(graph, (set(), {}))[0]]
    edits = [_edit(store, graph, current.get(graph, set()), *wanted.get(graph, (set(), {}))) for graph in changed]
    if edits:
        store.edit_articles(edits)
        store.flush()
    joined = sum(decision.joined for decision in decisions)
    return IdentityReport(joined, len(decisions) - joined, len(edits))


def _people(store: GraphStore) -> dict[str, list[tuple[str, str, str, str]]]:
    """For each article graph, its people: (node in the graph, node as the article named it, name, basis)."""
    found: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    rows = store.query("SELECT ?g ?node ?name ?basis ?from WHERE { GRAPH ?g { ?g kgo:contentHash ?hash . "
                       "?node a schema:Person ; schema:name ?name . OPTIONAL { ?node kgo:identityBasis ?basis } "
                       "OPTIONAL { ?node kgo:joinedFrom ?from } } }")
    for row in rows:
        person = (row["node"].value, (row["from"] or row["node"]).value, row["name"].value,
                  row["basis"].value if row["basis"] else "")
        if person not in found[row["g"].value]:  # a server may repeat a row
            found[row["g"].value].append(person)
    return found


def _candidate_names(people: dict[str, list[tuple[str, str, str, str]]]) -> set[str]:
    """Names with a node of the name alone and a node with a province."""
    kinds: dict[str, set[bool]] = defaultdict(set)
    for units in people.values():
        for _, _, name, basis in units:
            kinds[name].add(bool(basis))
    return {name for name, seen in kinds.items() if len(seen) == 2}


def _values(name: str, items: Iterable[str]) -> str:
    return f"VALUES ?{name} {{ {' '.join(f'<{item}>' for item in sorted(items))} }}"


def _units(store: GraphStore, people: dict[str, list[tuple[str, str, str, str]]], names: set[str]) -> list[Unit]:
    """The evidence of every article's node of ``names``: ranks, posts, the province it is about."""
    pairs = sorted((graph, current) for graph, units in people.items() for current, _, name, _ in units
                   if name in names)
    select = "VALUES (?g ?current) { " + " ".join(f"(<{graph}> <{current}>)" for graph, current in pairs) + " }"
    ranks, holdings = defaultdict(list), defaultdict(list)
    for row in store.query(f"SELECT ?g ?current ?rank WHERE {{ {select} GRAPH ?g {{ "
                           f"?current kgo:rank/skos:prefLabel ?rank FILTER (LANG(?rank) = 'vi') }} }}"):
        ranks[row["g"].value, row["current"].value].append(row["rank"].value)
    for row in store.query(
            f"SELECT ?g ?current ?post ?role ?body ?bodyName ?province ?former ?date WHERE {{ {select} "
            f"GRAPH ?g {{ ?current org:holds ?held . ?held org:role/skos:prefLabel ?role "
            f"FILTER (LANG(?role) = 'vi') OPTIONAL {{ ?held kgo:joinedFrom ?postFrom }} "
            f"BIND (COALESCE(?postFrom, ?held) AS ?post) "
            f"OPTIONAL {{ ?held org:postIn ?body . ?body skos:prefLabel ?bodyName "
            f"OPTIONAL {{ ?body schema:location/schema:name ?province }} }} "
            f"OPTIONAL {{ ?held kgo:former ?former }} "
            f"OPTIONAL {{ ?held kgo:attestation ?seen . ?seen dcterms:date ?date "
            f"FILTER (STRSTARTS(STR(?seen), STR(?g))) }} }} }}"):
        value = {key: row[key].value if row[key] is not None else "" for key in
                 ("post", "role", "body", "bodyName", "province", "former", "date")}
        holdings[row["g"].value, row["current"].value].append(Holding(
            value["post"], value["role"], value["body"], value["bodyName"], home_province({value["province"]: 1}) or "",
            value["former"] == "true", value["date"]))
    nearest = _nearest_provinces(store, select)
    homes = _homes(store, sorted({graph for graph, _ in pairs}))
    units = []
    for graph in sorted(people):
        for current, iri, name, basis in people[graph]:
            if name not in names:
                continue
            key = (graph, current)
            near = nearest.get(key, set())
            place = next(iter(near)) if len(near) == 1 else homes.get(graph, "")
            units.append(Unit(graph, iri, name, basis, tuple(sorted(set(ranks[key]))),
                              tuple(sorted(set(holdings[key]), key=repr)), place))
    return units


def _nearest_provinces(store: GraphStore, select: str) -> dict[tuple[str, str], set[str]]:
    """For each person, the provinces of the places named nearest to each of its mentions in
    their sentence ('tài xế Nguyễn Văn A (trú tại Thuận Thành, Bắc Ninh)': Bắc Ninh)."""
    distances: dict[tuple[str, str, int], list[tuple[int, str]]] = defaultdict(list)
    for row in store.query(
            f"SELECT ?g ?current ?at ?where ?place WHERE {{ {select} GRAPH ?g {{ ?current gaf:denotedBy ?mention . "
            f"?mention nif:beginIndex ?at ; nif:sentence ?sentence . ?other nif:sentence ?sentence ; "
            f"nif:beginIndex ?where . ?place_node gaf:denotedBy ?other ; a schema:Place ; schema:name ?place }} }}"):
        province = _province(row["place"].value)
        if province:
            at, where = int(row["at"].value), int(row["where"].value)
            distances[row["g"].value, row["current"].value, at].append((abs(where - at), province))
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (graph, current, _), places in distances.items():
        found[graph, current].add(min(places)[1])
    return found


def _homes(store: GraphStore, graphs: list[str]) -> dict[str, str]:
    """The province each article is about (``kg.resolve.home_province``)."""
    sentences: dict[str, dict[str, int]] = defaultdict(dict)
    for row in store.query(f"SELECT ?g ?place (COUNT(DISTINCT ?sentence) AS ?n) WHERE {{ {_values('g', graphs)} "
                           f"GRAPH ?g {{ ?where a schema:Place ; schema:name ?place ; "
                           f"gaf:denotedBy/nif:sentence ?sentence }} }} GROUP BY ?g ?place"):
        sentences[row["g"].value][row["place"].value] = int(row["n"].value)
    return {graph: home for graph, counts in sentences.items() if (home := home_province(counts))}


def _province(place: str) -> str:
    """The province a place is or lies in (a district's province), or ''."""
    if not place:
        return ""
    districts = lexicon().districts.get(fold(place), [])
    if home_province({place: 1}) is None and len({district.parent for district in districts}) == 1:
        place = districts[0].parent
    return home_province({place: 1}) or ""


def _pass_triples(store: GraphStore) -> dict[str, set[ox.Triple]]:
    """What earlier passes wrote into each article graph: renames and decisions."""
    found: dict[str, set[ox.Triple]] = defaultdict(set)
    for row in store.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?g kgo:contentHash ?hash . "
                           "{ ?s kgo:joinedFrom ?o BIND (kgo:joinedFrom AS ?p) } UNION "
                           "{ ?s a kgo:IdentityDecision ; ?p ?o } } }"):
        found[row["g"].value].add(ox.Triple(row["s"], row["p"], row["o"]))
    return found


def _wanted(decisions: list[Decision], units: list[Unit]) -> dict[str, tuple[set[ox.Triple], dict[str, str]]]:
    """For each article graph the decisions touch: the pass's triples it should hold, and the
    renames (the article's IRI -> the joined IRI) to apply to what the article said."""
    posts_of: dict[tuple[str, str, str, bool], str] = {}
    for unit in units:
        for holding in unit.holdings:
            key = (unit.node, holding.role, holding.body, holding.former)
            posts_of[key] = min(posts_of.get(key, holding.post), holding.post)
    wanted: dict[str, tuple[set[ox.Triple], dict[str, str]]] = {}
    for decision in decisions:
        unit = decision.unit
        triples, renames = wanted.setdefault(unit.article, (set(), {}))
        triples |= _decision_triples(decision)
        if not decision.joined:
            continue
        renames[unit.node] = decision.candidate
        for holding in unit.holdings:
            renames[holding.post] = posts_of.get((decision.candidate, holding.role, holding.body, holding.former),
                                                 f"{holding.post}-{_digest(decision.candidate)[:8]}")
        triples |= {ox.Triple(ox.NamedNode(new), _JOINED_FROM, ox.NamedNode(old)) for old, new in renames.items()}
    return wanted


def _decision_triples(decision: Decision) -> set[ox.Triple]:
    unit = decision.unit
    node = ox.NamedNode(f"{unit.article}#identity-{_digest(unit.node)[:12]}")
    verdict = f"nhập vào nút {decision.candidate.rsplit('/', 1)[-1]}" if decision.joined else "giữ riêng"
    triples = {
        ox.Triple(node, _RDF_TYPE, ox.NamedNode(str(KGO.IdentityDecision))),
        ox.Triple(node, _LABEL, ox.Literal(f"{unit.name}: {verdict}", language="vi")),
        ox.Triple(node, ox.NamedNode(str(KGO.articleNode)), ox.NamedNode(unit.node)),
        ox.Triple(node, ox.NamedNode(str(KGO.joined)), ox.Literal("true" if decision.joined else "false",
                                                                   datatype=_BOOLEAN)),
        ox.Triple(node, _COMMENT, ox.Literal(decision.reason, language="en")),
    }
    if decision.candidate:
        triples.add(ox.Triple(node, ox.NamedNode(str(KGO.comparedWith)), ox.NamedNode(decision.candidate)))
    triples |= {ox.Triple(node, _DERIVED, ox.NamedNode(article)) for article in decision.support}
    return triples


def _edit(store: GraphStore, graph: str, earlier: set[ox.Triple], triples: set[ox.Triple],
          renames: dict[str, str]) -> tuple[str, list[str], str]:
    """(graph, nodes, N-Triples about them) that make the article graph what
    the article said (the ``earlier`` pass's renames undone and its triples dropped) with
    ``renames`` applied and the pass's ``triples`` added. Only the triples about a node
    renamed, now or before, or about an earlier decision can change: only those are read."""
    undo = {triple.subject.value: triple.object.value for triple in earlier if triple.predicate == _JOINED_FROM}
    touched = set(undo) | set(renames) | {triple.subject.value for triple in earlier}
    terms = " ".join(f"<{iri}>" for iri in sorted(touched))
    stored = {ox.Triple(t.subject, t.predicate, t.object) for t in store.query(  # a server's come as quads
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ "
        f"{{ VALUES ?s {{ {terms} }} ?s ?p ?o }} UNION {{ VALUES ?o {{ {terms} }} ?s ?p ?o }} }} }}")}

    def term(value, rename: dict[str, str]):
        return ox.NamedNode(rename[value.value]) if isinstance(value, ox.NamedNode) and value.value in rename else value

    said = [ox.Triple(term(t.subject, undo), t.predicate, term(t.object, undo)) for t in stored if t not in earlier]
    result = {ox.Triple(term(t.subject, renames), t.predicate, term(t.object, renames)) for t in said} | triples
    return graph, sorted(touched), _ntriples(result)


def _ntriples(triples: set[ox.Triple]) -> str:
    return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES).decode("utf-8") if triples else ""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
