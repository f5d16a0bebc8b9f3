"""SELECT results for people and programs: aligned text that fits a terminal, CSV, and
SPARQL 1.1 JSON results that keep what each value is (IRI, literal, language, datatype)."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..rdf.namespaces import DEFAULT_BASE, PREFIX_MAP
from ..errors import QueryError

TABLE_WIDTH = 100
"""The width of ``kg query``'s table unless ``--wide``."""
NAMED_LIMIT = 100
"""The rows ``kg query --name`` prints unless ``--limit`` says otherwise: a page, not the archive."""
TABLE_PREFIXES = {**PREFIX_MAP, "kg": DEFAULT_BASE}
"""The prefixes a table writes IRIs with: kg's namespaces and ``kg:`` for its entities."""
_NARROWEST = 8
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True, slots=True)
class Table:
    """A SELECT result: plain-text cells, and the RDF terms they come from (for JSON and
    for telling an IRI from a literal), which comparing tables ignores."""

    columns: list[str]
    rows: list[list[str | None]]
    terms: list[list] = field(default_factory=list, compare=False, repr=False)
    more: int = field(default=0, compare=False)
    """How many rows follow these (a page of a named query), 0 when they are the last."""
    more_exact: bool = field(default=True, compare=False)
    """False when counting stopped at ``more``: there are at least that many."""
    offset: int = field(default=0, compare=False)
    """How many rows come before these."""


def to_table(result) -> Table:
    """A SELECT result as a table of plain-text cells."""
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("only SELECT queries give a table; use 'kg export' for graphs")
    columns = [variable.value for variable in result.variables]
    terms = [[solution[column] for column in columns] for solution in result]
    rows = [[None if term is None else term.value for term in row] for row in terms]
    return Table(columns, rows, terms)


def format_table(table: Table, fmt: str, *, width: int | None = TABLE_WIDTH) -> str:
    """The table as aligned text (IRIs written with known prefixes, columns cut to fit
    ``width`` characters, or whole when ``width`` is None), CSV or SPARQL 1.1 JSON results."""
    if fmt == "json":
        return json.dumps(sparql_json(table), ensure_ascii=False, indent=2)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows([["" if cell is None else cell for cell in row] for row in table.rows])
        return out.getvalue().rstrip("\n")
    cells = [[_shown(cell, term) for cell, term in zip(row, terms or [None] * len(row))]
             for row, terms in zip(table.rows, table.terms or [None] * len(table.rows))]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(table.columns)]
    if width is not None:
        widths = _fitted(widths, width)
    lines = [" | ".join(_cut(c, w).ljust(w) for c, w in zip(table.columns, widths))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(_cut(cell, w).ljust(w) for cell, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(table.rows)} row{'s' if len(table.rows) != 1 else ''}{more_rows(table)})")
    return "\n".join(lines)


def more_rows(table: Table) -> str:
    """'; 1,234 more: --offset 100' (or 'at least 1,000 more', where counting stopped) after a page
    that is not the last; nothing after the last."""
    if not table.more:
        return ""
    return f"; {'' if table.more_exact else 'at least '}{table.more:,} more: --offset {table.offset + len(table.rows)}"


def sparql_json(table: Table) -> dict:
    """The table as SPARQL 1.1 Query Results JSON (``head.vars``, ``results.bindings``)."""
    bindings = []
    for row, terms in zip(table.rows, table.terms or [[None] * len(table.columns)] * len(table.rows)):
        binding = {}
        for column, cell, term in zip(table.columns, row, terms):
            if cell is not None:
                binding[column] = _json_term(cell, term)
        bindings.append(binding)
    return {"head": {"vars": table.columns}, "results": {"bindings": bindings}}


def compact_iri(iri: str) -> str:
    """``schema:Person`` for ``https://schema.org/Person``; an IRI of no known namespace as it is."""
    for prefix, namespace in TABLE_PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _json_term(cell: str, term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": cell}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": cell}
    answer = {"type": "literal", "value": cell}
    if isinstance(term, ox.Literal):
        if term.language:
            answer["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            answer["datatype"] = term.datatype.value
    return answer


def _shown(cell: str | None, term) -> str:
    if cell is None:
        return ""
    text = compact_iri(cell) if isinstance(term, ox.NamedNode) else cell
    return " ".join(text.split())  # a sentence's line breaks would break the table's rows


def _fitted(widths: list[int], limit: int) -> list[int]:
    """Narrow the widest columns, one character at a time, until the row fits ``limit``."""
    widths = list(widths)
    while sum(widths) + 3 * (len(widths) - 1) > limit:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= _NARROWEST:
            break
        widths[widest] -= 1
    return widths


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
