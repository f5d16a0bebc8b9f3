"""N-Triples as text: the terms of kg's vocabularies and literals, written as rdflib's
serialiser writes them. The mapping writes an article's graph as lines of these, not as
rdflib terms, as it is the build's hot path.
"""
from __future__ import annotations

from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib import namespace as rdflib_namespaces
from rdflib.namespace import XSD

from .namespaces import GAF as GAF_NAMESPACE
from .namespaces import KGO as KGO_NAMESPACE
from .namespaces import NIF as NIF_NAMESPACE

VI = "vi"


class _Terms:
    """The N-Triples form of a vocabulary's terms (``SDO.name`` is ``"<https://schema.org/name>"``),
    made on first use and kept: the mapping writes N-Triples lines, not rdflib terms."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> str:
        term = f"<{self._namespace[name]}>"
        setattr(self, name, term)
        return term


RDF, SDO, ORG, SKOS, DCTERMS = (_Terms(ns) for ns in (rdflib_namespaces.RDF, rdflib_namespaces.SDO,
                                                      rdflib_namespaces.ORG, rdflib_namespaces.SKOS,
                                                      rdflib_namespaces.DCTERMS))
GAF, KGO, NIF = _Terms(GAF_NAMESPACE), _Terms(KGO_NAMESPACE), _Terms(NIF_NAMESPACE)
RDFS = _Terms(rdflib_namespaces.RDFS)  # rdfs:label on every node, for generic tools (kg.rdf.labels)
_NORMALISED_TYPES = frozenset({XSD.date, XSD.dateTime})
_CHECKED_LANGUAGES = frozenset({VI, "en"})


def literal(value: str | int | bool, *, lang: str | None = None, datatype: URIRef | None = None) -> str:
    """A literal in N-Triples, written exactly as rdflib's serialiser writes ``Literal(value, ...)``."""
    if value.__class__ is str and datatype is None and (lang is None or lang in _CHECKED_LANGUAGES):
        return _quoted(value) + (f"@{lang}" if lang else "")  # most literals: a name or a text, in Vietnamese
    if isinstance(value, bool):
        value, datatype = ("true" if value else "false"), XSD.boolean
    elif isinstance(value, int):
        value = str(value)
    if datatype in _NORMALISED_TYPES or (lang and lang not in _CHECKED_LANGUAGES):
        # rdflib rewrites dates in their canonical form and checks language tags: let it.
        term = Literal(value, lang=lang, datatype=datatype)
        value, lang, datatype = str(term), term.language, term.datatype
    quoted = _quoted(value)
    if lang:
        return f"{quoted}@{lang}"
    return f"{quoted}^^<{datatype}>" if datatype else quoted


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'


@lru_cache(maxsize=1 << 14)
def offset_literal(offset: int) -> str:
    """An xsd:integer literal, kept: every article writes the same few thousand offsets."""
    return literal(offset, datatype=XSD.integer)
