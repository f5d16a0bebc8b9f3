"""Queries over the store: ad-hoc SPARQL and the named queries shipped in ``schema/queries``.

Every query a user writes goes through ``check_complexity`` before an embedded store runs it
(``run_query`` here, ``kg serve``, the workers of ``pool``). Also here: ``tables``, results as
text, CSV and SPARQL JSON; ``pool``, queries in worker
processes that can be stopped (a read-only ``kg serve``); ``validate``, the store checked against
the SHACL shapes of ``schema/shapes.ttl``.
"""
from __future__ import annotations

import re
from dataclasses import replace

from rdflib import Literal
from rdflib.namespace import XSD

from ..errors import QueryError, QueryForbidden, QueryTooComplex
from ..rdf.namespaces import PREFIX_MAP
from ..store import GraphStore
from ..store.sparql import NOT_CODE, calls_out, keyword, query_form
from .named import (NamedQuery, check_params, counted, named_queries, named_query, paged,  # noqa: F401
                    search_words, with_given)
from .tables import Table, format_table, more_rows, sparql_json, to_table  # noqa: F401 - the library takes them from here


def bind_literals(sparql: str, params: dict[str, str | list[str]] | None) -> str:
    """Put each ``?name`` of the query as an escaped string literal (a list of values: an
    object list, "a", "b"): a value can never close the literal and add query text of its
    own. A single literal is typed ``xsd:string`` (the same term as a plain one): Virtuoso
    garbles ``STR()`` of a plain literal constant outside Latin-1, not of a typed one; but it
    matches a typed constant in a triple pattern only to a typed object, so the words of a
    search, matched so, are plain."""
    for name, value in (params or {}).items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
        if isinstance(value, str):
            literal = Literal(value, datatype=XSD.string).n3()
        else:  # search words, folded (ASCII but for letters without a Latin form): plain, as the keys are written
            literal = ", ".join(Literal(item).n3() for item in value)
        sparql = re.sub(rf"[?$]{name}(?![\w])", lambda _: literal, sparql)
    return sparql


MAX_NESTING = 64
MAX_OPERATORS = 2000
_OPERATOR = re.compile(r"\|\||&&|[|/^!+*.{(,;-]|" + keyword("(UNION|OPTIONAL|MINUS|FILTER|BIND|VALUES)").pattern,
                       re.IGNORECASE)


def check_complexity(sparql: str) -> None:
    """QueryTooComplex for a query nested deeper than MAX_NESTING or with more than MAX_OPERATORS
    operators, groups and triple patterns: Oxigraph parses and plans a query recursively,
    and a few thousand of them nested, or in a row, overflow its stack and end the process."""
    code = NOT_CODE.sub(" ", sparql)
    depth = deepest = 0
    for match in re.finditer(r"[{(\[\])}]", code):
        depth = depth + 1 if match.group() in "{([" else max(depth - 1, 0)
        deepest = max(deepest, depth)
        if deepest > MAX_NESTING:
            raise QueryTooComplex(f"the query is nested more than {MAX_NESTING} deep; write it flatter")
    operators = len(_OPERATOR.findall(code))
    if operators > MAX_OPERATORS:
        raise QueryTooComplex(f"the query has {operators} operators, groups and patterns, more than the "
                         f"{MAX_OPERATORS} kg runs; split it")


def check_request(sparql: str, *, allow_service: bool, update: bool = False) -> None:
    """What a server checks before it runs a client's query (or update): its complexity, then,
    unless ``allow_service``, that it calls no other server (QueryForbidden). The second parses
    the text, which can take seconds: it runs where the query would, within its time."""
    if not update:
        check_complexity(sparql)
    if not allow_service and calls_out(sparql, update=update):
        raise QueryForbidden("SERVICE and LOAD (fetching from another server) are not allowed here; start the "
                             "server with --allow-service to allow them")


def run_query(store: GraphStore, sparql: str, params: dict[str, str] | None = None):
    """Run any query with its parameters bound; the raw pyoxigraph result. A query that does
    not parse gets the parser's message with the line it points at and a caret."""
    sparql = bind_literals(sparql, params)
    if is_update(sparql):
        raise QueryError("this is an update, and queries only read: send updates to 'kg serve --update-token TOKEN' "
                         "(POST update=... to /sparql), or change articles with kg build and kg remove")
    if store.embedded:
        check_complexity(sparql)
    try:
        return store.query(sparql)
    except QueryError as error:
        raise QueryError(explain_syntax_error(sparql, str(error))) from None


_UPDATE = keyword("(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)")
_PARSER_POSITION = re.compile(r"^invalid SPARQL: error at (\d+):(\d+): (.*)", re.DOTALL)
_PREFIXED_NAME_BEFORE = re.compile(r"([A-Za-z][\w.-]*)?:[\w.-]*\s*$")


def is_update(sparql: str) -> bool:
    """Whether the text is a SPARQL update (INSERT, DELETE, LOAD, ...) rather than a query."""
    return query_form(sparql) is None and bool(_UPDATE.search(NOT_CODE.sub(" ", sparql)))


def explain_syntax_error(sparql: str, message: str, limit: int = 100) -> str:
    """Oxigraph's 'error at 3:24: expected ...' as 'invalid SPARQL at line 3, column 24:
    expected ...', its message cut to one short line (an unknown prefix said plainly), then
    that line of the query and a caret under the column. Other messages stay as they are."""
    match = _PARSER_POSITION.match(message)
    if not match:
        return message
    line_number, column, reason = int(match.group(1)), int(match.group(2)), match.group(3)
    lines = sparql.splitlines() or [""]
    line = lines[min(line_number, len(lines)) - 1]
    prefix = _PREFIXED_NAME_BEFORE.search(line[: column - 1])
    if "Prefix not found" in reason and prefix:
        reason = (f"unknown prefix '{prefix.group(1) or ''}:'; declare it (PREFIX {prefix.group(1) or ''}: <IRI>) "
                  f"or use one kg knows: {', '.join(f'{name}:' for name in PREFIX_MAP)}")
    else:
        reason = " ".join(reason.split())
        reason = reason if len(reason) <= limit else reason[: limit - 1] + "…"
    return f"invalid SPARQL at line {line_number}, column {column}: {reason}\n  {line}\n  {' ' * (column - 1)}^"


def run_select(store: GraphStore, sparql: str, params: dict[str, str] | None = None) -> Table:
    """Run a SELECT query with its parameters bound as literals."""
    return to_table(run_query(store, sparql, params))


def named_sparql(name: str, params: dict[str, str] | None = None, *, limit: int | None = None,
                 offset: int = 0) -> str:
    """The text ``run_named`` sends for a page of a named query: what a server or a benchmark runs."""
    query = named_query(name)
    bound = check_params(query, params)
    return bind_literals(paged(with_given(query.text, bound), limit, offset), {**bound, **search_words(bound)})


COUNT_CAP = 1_000
"""How many rows past a page ``run_named`` counts at most: counting every row of a large
archive's unfiltered list would cost more than the page (``Table.more_exact`` says so)."""


def run_named(store: GraphStore, name: str, params: dict[str, str] | None = None, *, limit: int | None = None,
              offset: int = 0) -> Table:
    """A named query's rows, ``limit`` of them from ``offset`` on (all without a limit);
    when there are more, the table says how many (``Table.more``), counted by one more query
    only then: its rows, unsorted, counted in one pass that stops ``COUNT_CAP`` rows past the page."""
    query = named_query(name)
    given = check_params(query, params)
    text, bound = with_given(query.text, given), {**given, **search_words(given)}
    if limit is None:
        return run_select(store, paged(text, None, offset), bound)
    table = run_select(store, paged(text, limit + 1, offset), bound)
    if len(table.rows) <= limit:
        return replace(table, offset=offset)
    cap = offset + limit + COUNT_CAP
    total = int(run_select(store, counted(text, cap), bound).rows[0][0])
    return Table(table.columns, table.rows[:limit], table.terms[:limit], more=max(total - offset - limit, 1),
                 more_exact=total < cap, offset=offset)
