"""SPARQL as text and as results, read the same way by every store, the queries and the server:
where a query's code is (outside strings, IRIs and comments), its form, whether it calls
another endpoint (or LOADs a document) or selects distinct rows, and SPARQL 1.1 JSON results of rows of terms.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Iterable

import pyoxigraph as ox

# Strings, IRIs and comments: where a keyword is only text.
NOT_CODE = re.compile("|".join([
    r'"""(?:[^"\\]|\\.|"(?!""))*"""',
    r"'''(?:[^'\\]|\\.|'(?!''))*'''",
    r'"(?:[^"\\\n]|\\.)*"',
    r"'(?:[^'\\\n]|\\.)*'",
    r'<[^<>"{}|^`\\\s]*>',
    r"#[^\r\n]*",  # a comment ends at a line feed or a carriage return, as SPARQL's grammar says
]))


def keyword(word: str) -> re.Pattern:
    return re.compile(rf"(?<![\w:?$-]){word}(?![\w:-])", re.IGNORECASE)


_FORM = keyword("(SELECT|CONSTRUCT|DESCRIBE|ASK)")


def query_form(sparql: str) -> str | None:
    """SELECT, CONSTRUCT, DESCRIBE or ASK: the first of these keywords outside strings,
    IRIs and comments (the prologue before it holds only PREFIX and BASE)."""
    match = _FORM.search(NOT_CODE.sub(" ", sparql))
    return match.group(1).upper() if match else None


def calls_out(sparql: str, *, update: bool = False) -> bool:
    """Whether a query (or an update) makes the store fetch from elsewhere: a SERVICE clause or a LOAD.

    Decided from rdflib's parse tree, not from the text: a keyword hidden from a regex (in a
    comment ended by a carriage return, say) is still a node of the tree. rdflib ends a comment
    only at a line feed where SPARQL ends it at either, so it reads the text with each carriage
    return as a line feed (the grammar treats the two alike everywhere). What rdflib cannot
    parse (the SPARQL 1.2 Oxigraph also reads) is decided on its keywords outside strings, IRIs
    and comments, a reading that errs on the side of refusing; so is a text over
    ``PARSED_LENGTH`` characters (a large INSERT DATA), which rdflib would take minutes over."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    if not _MAY_CALL_OUT.search(sparql):  # the keywords cannot be escaped: a text without them calls no one
        return False
    if len(sparql) > PARSED_LENGTH:
        return bool(_CALLS_OUT.search(NOT_CODE.sub(" ", sparql)))
    try:
        with _PARSING:  # rdflib's grammar (pyparsing) is not safe to run in two threads at once
            tree = (parseUpdate if update else parseQuery)(sparql.replace("\r", "\n"))
    except (ParseBaseException, RecursionError, ValueError):
        return bool(_CALLS_OUT.search(NOT_CODE.sub(" ", sparql)))
    return _has_node(tree, {"ServiceGraphPattern", "Load"})


_CALLS_OUT = keyword("(SERVICE|LOAD)")
_MAY_CALL_OUT = re.compile("SERVICE|LOAD", re.IGNORECASE)
PARSED_LENGTH = 50_000
_PARSING = threading.Lock()


def _has_node(tree, names: set[str]) -> bool:
    """Whether a parse tree of rdflib holds a node named one of ``names``, walked without recursion."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, CompValue):
            if node.name in names:
                return True
            pending.extend(node.values())
        elif isinstance(node, (ParseResults, list, tuple)):
            pending.extend(node)
        elif isinstance(node, dict):
            pending.extend(node.values())
    return False


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
