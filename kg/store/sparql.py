"""SPARQL as text and as results, read the same way by every store, the queries and the server:
where a query's code is (outside strings, IRIs and comments), its form, whether it calls
another endpoint or selects distinct rows, and SPARQL 1.1 JSON results of rows of terms.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph as ox

# Strings, IRIs and comments: where a keyword is only text.
NOT_CODE = re.compile("|".join([
    r'"""(?:[^"\\]|\\.|"(?!""))*"""',
    r"'''(?:[^'\\]|\\.|'(?!''))*'''",
    r'"(?:[^"\\\n]|\\.)*"',
    r"'(?:[^'\\\n]|\\.)*'",
    r'<[^<>"{}|^`\\\s]*>',
    r"#[^\n]*",
]))


def keyword(word: str) -> re.Pattern:
    return re.compile(rf"(?<![\w:?$-]){word}(?![\w:-])", re.IGNORECASE)


_FORM = keyword("(SELECT|CONSTRUCT|DESCRIBE|ASK)")
_SERVICE = keyword("SERVICE")


def query_form(sparql: str) -> str | None:
    """SELECT, CONSTRUCT, DESCRIBE or ASK: the first of these keywords outside strings,
    IRIs and comments (the prologue before it holds only PREFIX and BASE)."""
    match = _FORM.search(NOT_CODE.sub(" ", sparql))
    return match.group(1).upper() if match else None


def calls_service(sparql: str) -> bool:
    """Whether a query or update has a SERVICE clause (a call to another endpoint)."""
    return bool(_SERVICE.search(NOT_CODE.sub(" ", sparql)))


def results_json(variables: list[str], rows: Iterable[tuple], boolean: bool | None = None) -> dict:
    """SPARQL 1.1 JSON results of ``rows`` (tuples of terms, None for unbound) or of an ASK."""
    if boolean is not None:
        return {"head": {}, "boolean": boolean}
    bindings = [{name: _json_term(term) for name, term in zip(variables, row) if term is not None} for row in rows]
    return {"head": {"vars": variables}, "results": {"bindings": bindings}}


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    value = {"type": "literal", "value": term.value}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        value["datatype"] = term.datatype.value
    return value


def selects_distinct(sparql: str) -> bool:
    """Whether the query is SELECT DISTINCT (or REDUCED) at its top level."""
    code = NOT_CODE.sub(" ", sparql)
    match = _FORM.search(code)
    return bool(match) and re.match(r"\s+(DISTINCT|REDUCED)\b", code[match.end():], re.IGNORECASE) is not None
