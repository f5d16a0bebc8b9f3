"""The named queries of ``schema/queries/*.rq`` and the text each run sends, shaped for size.

A query file is SPARQL with a header of comments (``# title:``, ``# description:``,
``# param NAME: what it is (an example)``) and three marks a large store needs:

- ``#if NAME`` ... ``#end``: lines written commented out (``#`` before each), put in only
  when the parameter is given, so a query lists everything without a filter that tests every
  row when it is not, and the file as it is runs anywhere as that query;
- ``?NAME_words``: the words of the parameter folded as ``kgo:searchKey`` is
  (``kg.normalise.search_keys``: lower case, no diacritics) as an object list, for
  ``?node kgo:searchKey ?NAME_words``: the nodes with every word, each looked up in the
  store's index, never a substring test over every label (nor a ``STRSTARTS`` over every
  key, which Oxigraph can only scan: 24 ms on 314 articles, the whole lookup ~1 ms);
- ``#rows`` ... ``#page``: the SELECT whose solutions are the rows that page (the first
  SELECT to the end without them), and where ``LIMIT``/``OFFSET`` go: a query that pages its
  articles before it counts what they mention counts only a page's;
- ``#keys``: after the ORDER BY of a subquery that sorts the keys the rows are sorted by
  first (people by name, articles newest first), where ``LIMIT offset + limit`` goes: when
  each key gives at least one row, the rows of a page come from the keys up to its end, so
  only those are joined with the rest and sorted, not every row of the store (Oxigraph
  sorts everything before it can give the first row). The count leaves that ORDER BY out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import QueryError
from ..normalise import search_keys

_HEADER = re.compile(r"^#\s*(title|description|param)\s*(\w*)\s*:\s*(.*)$")
_IF = re.compile(r"^\s*#if\s+(\w+)\s*$")
_END = re.compile(r"^\s*#end\s*$")
_ROWS = re.compile(r"^\s*#rows\s*$", re.MULTILINE)
_PAGE = re.compile(r"^\s*#page\s*$", re.MULTILINE)
_KEYS = re.compile(r"^\s*#keys\s*$", re.MULTILINE)
_SORTED_KEYS = re.compile(r"^\s*ORDER\s+BY\b[^\n]*\n\s*#keys\s*$", re.IGNORECASE | re.MULTILINE)
_PROLOGUE = re.compile(r"\A(?:\s*(?:#[^\n]*|PREFIX[^\n]*|BASE[^\n]*)\n)*", re.IGNORECASE)
_ORDER_BY = re.compile(r"^\s*ORDER\s+BY\b[^{}]*\Z", re.IGNORECASE | re.MULTILINE)


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


def check_params(query: NamedQuery, params: dict[str, str] | None) -> dict[str, str]:
    """The parameters given a value; QueryError for one the query does not take."""
    unknown = set(params or {}) - set(query.params)
    if unknown:
        raise QueryError(f"query {query.name!r} takes no parameter {', '.join(sorted(unknown))}; "
                         f"it takes: {', '.join(query.params) or 'none'}")
    return {name: value for name, value in (params or {}).items() if value != ""}


def search_words(params: dict[str, str]) -> dict[str, list[str]]:
    """Each parameter's folded words, as ``NAME_words`` (a value with no letter or digit: " ", no key's)."""
    return {f"{name}_words": list(search_keys(value)) or [" "] for name, value in params.items()}


def with_given(text: str, params: dict[str, str]) -> str:
    """The text with the lines of the ``#if NAME`` blocks of the parameters given put in
    (their ``#`` taken off), and the others left out."""
    kept, blocks = [], []
    for line in text.splitlines(keepends=True):
        if match := _IF.match(line):
            blocks.append(match.group(1) in params)
        elif _END.match(line) and blocks:
            blocks.pop()
        elif not blocks:
            kept.append(line)
        elif all(blocks):
            kept.append(line.replace("#", "", 1))
    return "".join(kept)


def paged(text: str, limit: int | None, offset: int = 0) -> str:
    """The query with ``LIMIT limit OFFSET offset`` where its ``#page`` mark is (else at its end),
    and ``LIMIT offset + limit`` at its ``#keys`` mark."""
    if limit is not None:
        text = _KEYS.sub(lambda _: f"LIMIT {offset + limit}", text, count=1)
    if limit is None and not offset:
        return text
    modifiers = (f"LIMIT {limit} " if limit is not None else "") + f"OFFSET {offset}"
    if _PAGE.search(text):
        return _PAGE.sub(lambda _: modifiers, text, count=1)
    return f"{text.rstrip()}\n{modifiers}\n"


def counted(text: str, cap: int | None = None) -> str:
    """A query of one row, ``?rows``: how many rows ``text`` gives (its ``#rows`` SELECT, unsorted),
    at most ``cap``: counting stops there, and rows never sorted come without their order."""
    prologue = _PROLOGUE.match(text).group()
    rows = _SORTED_KEYS.sub("", text[len(prologue):])
    if start := _ROWS.search(rows):
        rows = rows[start.end():]
    if end := _PAGE.search(rows):
        rows = rows[:end.start()]
    rows = _ORDER_BY.sub("", rows).rstrip() + ("" if cap is None else f"\nLIMIT {cap}")
    return f"{prologue}SELECT (COUNT(*) AS ?rows) WHERE {{\n{{\n{rows}\n}}\n}}\n"
