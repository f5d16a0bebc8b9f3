"""JSON-LD that people can read: one ``@context`` of kg's prefixes, compact IRIs, one named
graph per article.

pyoxigraph's JSON-LD is expanded: every key a full IRI, every value an object. This writes
the same quads compacted by hand, which any JSON-LD processor expands back exactly: keys
are CURIEs (``schema:name``), ``rdf:type`` is ``@type``, a plain string stays a string, a
Vietnamese name keeps ``@language`` and a typed value its ``@type``, IRIs that a prefix
covers are CURIEs too. No @vocab and no term aliases: what the reader sees is the RDF.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from ..errors import KgError
from ..rdf.namespaces import DEFAULT_BASE, PREFIX_MAP

_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_STRING = "http://www.w3.org/2001/XMLSchema#string"


def context(prefixes: dict[str, str] | None = None) -> dict[str, str]:
    """kg's prefixes (and ``kg:`` for entities at the default base) as a JSON-LD context."""
    return dict(sorted((prefixes or {**PREFIX_MAP, "kg": DEFAULT_BASE}).items()))


def jsonld_bytes(quads: Iterable[ox.Quad], prefixes: dict[str, str] | None = None) -> bytes:
    names = context(prefixes)
    namespaces = sorted(names.items(), key=lambda item: -len(item[1]))

    def compact(iri: str) -> str:
        for prefix, namespace in namespaces:  # the longest namespace first: the shortest CURIE
            if iri.startswith(namespace) and len(iri) > len(namespace) and not iri[len(namespace):].startswith("//"):
                return f"{prefix}:{iri[len(namespace):]}"
        return iri

    graphs: dict[str, dict[str, dict[str, list]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for quad in quads:
        graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else _term_id(quad.graph_name)
        graphs[graph][_term_id(quad.subject)][quad.predicate.value].append(quad.object)

    def node(subject: str, properties: dict[str, list]) -> dict:
        obj: dict = {"@id": compact(subject)}
        types = sorted(compact(_term_id(o)) for o in properties.get(_TYPE, []))
        if types:
            obj["@type"] = types[0] if len(types) == 1 else types
        for predicate in sorted(p for p in properties if p != _TYPE):
            values = sorted((_value(o, compact) for o in properties[predicate]), key=_sort_key)
            obj[compact(predicate)] = values[0] if len(values) == 1 else values
        return obj

    document: list[dict] = []
    for graph in sorted(graphs):
        nodes = [node(subject, properties) for subject, properties in sorted(graphs[graph].items())]
        if graph:
            document.append({"@id": compact(graph), "@graph": nodes})
        else:  # triples outside the article graphs
            document.extend(nodes)
    return json.dumps({"@context": names, "@graph": document}, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


def _term_id(term) -> str:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    raise KgError(f"JSON-LD cannot say the RDF-star term {term}; export as N-Quads or TriG")


def _value(term, compact) -> dict | str:
    if not isinstance(term, ox.Literal):
        return {"@id": compact(_term_id(term))}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    datatype = term.datatype.value
    if datatype == _STRING:
        return term.value
    return {"@value": term.value, "@type": compact(datatype)}


def _sort_key(value: dict | str) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
