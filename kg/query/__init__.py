"""Queries over the store: ad-hoc SPARQL and the named queries shipped in ``schema/queries``.

Every query a user writes goes through ``check_complexity`` before an embedded store runs it
(``run_query`` here, ``kg serve``, the workers of ``pool``). Also here: ``pool``, queries in worker
processes that can be stopped (a read-only ``kg serve``); ``validate``, the store checked against
the SHACL shapes of ``schema/shapes.ttl``.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pyoxigraph as ox
from rdflib import Literal
from rdflib.namespace import XSD

from ..errors import QueryError, QueryForbidden, QueryTooComplex
from ..store import GraphStore
from ..store.sparql import NOT_CODE, calls_out, keyword

_HEADER = re.compile(r"^#\s*(title|description|param)\s*(\w*)\s*:\s*(.*)$")


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: dict[str, str]
    text: str


@lru_cache(maxsize=1)
def named_queries() -> dict[str, NamedQuery]:
    """The queries in ``schema/queries/*.rq``, by file stem."""
    found = {}
    for entry in resources.files("kg.schema.queries").iterdir():
        if not entry.name.endswith(".rq"):
            continue
        text = entry.read_text(encoding="utf-8")
        title = description = ""
        params: dict[str, str] = {}
        for line in text.splitlines():
            match = _HEADER.match(line)
            if not match:
                continue
            kind, name, value = match.groups()
            if kind == "title":
                title = value
            elif kind == "description":
                description = value
            else:
                params[name] = value
        stem = entry.name.removesuffix(".rq")
        found[stem] = NamedQuery(stem, title, description, params, text)
    return dict(sorted(found.items()))


def named_query(name: str) -> NamedQuery:
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no named query {name!r}; known: {', '.join(queries)}")
    return queries[name]


@dataclass(frozen=True, slots=True)
class Table:
    """A SELECT result with plain-text cells, ready to print."""

    columns: list[str]
    rows: list[list[str | None]]


def bind_literals(sparql: str, params: dict[str, str] | None) -> str:
    """Put each ``?name`` of the query as an escaped string literal: a value can never
    close the literal and add query text of its own. The literal is typed ``xsd:string``
    (the same term as a plain one): Virtuoso garbles ``STR()`` of a plain literal constant
    outside Latin-1, not of a typed one."""
    for name, value in (params or {}).items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
        literal = Literal(value, datatype=XSD.string).n3()
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
    """Run any query with its parameters bound; the raw pyoxigraph result."""
    sparql = bind_literals(sparql, params)
    if store.embedded:
        check_complexity(sparql)
    return store.query(sparql)


def run_select(store: GraphStore, sparql: str, params: dict[str, str] | None = None) -> Table:
    """Run a SELECT query with its parameters bound as literals."""
    return to_table(run_query(store, sparql, params))


def to_table(result) -> Table:
    """A SELECT result as a table of plain-text cells."""
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("only SELECT queries give a table; use 'kg export' for graphs")
    columns = [variable.value for variable in result.variables]
    rows = [[_cell(solution[column]) for column in columns] for solution in result]
    return Table(columns, rows)


def run_named(store: GraphStore, name: str, params: dict[str, str] | None = None) -> Table:
    query = named_query(name)
    unknown = set(params or {}) - set(query.params)
    if unknown:
        raise QueryError(f"query {name!r} takes no parameter {', '.join(sorted(unknown))}; "
                         f"it takes: {', '.join(query.params) or 'none'}")
    return run_select(store, query.text, params)


def _cell(term) -> str | None:
    return None if term is None else term.value


def format_table(table: Table, fmt: str) -> str:
    """The table as aligned text, CSV or JSON."""
    if fmt == "json":
        return json.dumps([dict(zip(table.columns, row)) for row in table.rows], ensure_ascii=False, indent=2)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows([["" if cell is None else cell for cell in row] for row in table.rows])
        return out.getvalue().rstrip("\n")
    cells = [[_short(cell) for cell in row] for row in table.rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(table.columns)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(table.columns, widths))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(cell.ljust(w) for cell, w in zip(row, widths)) for row in cells]
    lines.append(f"({len(table.rows)} row{'s' if len(table.rows) != 1 else ''})")
    return "\n".join(lines)


def _short(cell: str | None, limit: int = 70) -> str:
    if cell is None:
        return ""
    return cell if len(cell) <= limit else cell[: limit - 1] + "…"
