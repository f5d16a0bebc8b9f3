"""Search keys: every name an article graph writes (``schema:name``, ``schema:alternateName``,
``skos:prefLabel``, ``skos:altLabel``) also as ``kgo:searchKey`` literals, its words
folded (``kg.normalise.search_keys``: lower case, no diacritics), so that a named query
finds a node by looking its words up in the store's index instead of testing a substring of
every label of the store."""
from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib.namespace import SDO, SKOS

from ..normalise import search_keys
from .namespaces import KGO

NAME_PREDICATES = frozenset(f"<{term}>" for term in (SDO.name, SDO.alternateName, SKOS.prefLabel, SKOS.altLabel))
_SEARCH_KEY = f"<{KGO.searchKey}>"
_LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESCAPE = re.compile(r"\\(.)")
_ESCAPED = {"n": "\n", "r": "\r", "t": "\t"}


def search_key_lines(names: Iterable[tuple[str, str]]) -> list[str]:
    """The N-Triples lines of the search keys of ``names``: (subject, object) of the lines the
    mapping wrote with a predicate of ``NAME_PREDICATES``, the object as N-Triples writes it."""
    keys: dict[str, None] = {}
    for subject, term in names:
        if literal := _LITERAL.match(term):
            for key in _keys(literal.group(1)):
                keys[f'{subject} {_SEARCH_KEY} "{key}" .\n'] = None
    return list(keys)


def _keys(escaped: str) -> tuple[str, ...]:
    """The search keys of a literal's text as N-Triples escapes it."""
    if "\\" in escaped:
        escaped = _ESCAPE.sub(lambda escape: _ESCAPED.get(escape.group(1), escape.group(1)), escaped)
    return search_keys(escaped)
