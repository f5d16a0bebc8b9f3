"""Links to other datasets: ``kg link FILE.csv`` states that an entity of the store is the
same as an IRI elsewhere (Wikidata, a ministry's register) with ``owl:sameAs``.

The links live in a named graph of their own, ``LINKS_GRAPH``, not in an article's: a build
or ``kg remove`` of articles leaves it alone, queries see it in the merged graph, and each
``kg link`` replaces it as a whole (``append`` adds to it instead), so the file is the list.
"""
from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import OWL

from .errors import InputError
from .normalise import ascii_fold, fold
from .read import ReadFailure
from .store import LINKS_GRAPH, ArticleWrite, GraphStore

KINDS = {
    "person": ("schema:Person", "schema:name|schema:alternateName"),
    "organization": ("org:Organization", "skos:prefLabel|skos:altLabel"),
    "place": ("schema:Place", "schema:name|skos:altLabel"),
    "document": ("schema:Legislation", "schema:name|schema:legislationIdentifier"),
    "event": ("schema:Event", "schema:name"),
}
"""What a name in the ``kg`` column is looked up as, by ``kind``: the class and the names
(each kind's rdfs:label too: an event's "Hội nghị, 7/6/2017, Hà Nội")."""
_KIND_ALIASES = {"organisation": "organization", "org": "organization"}
_IRI = re.compile(r"^(?:https?://|urn:)", re.IGNORECASE)
_SAME_AS = f"<{OWL.sameAs}>"


@dataclass(slots=True)
class LinkReport:
    """What ``link`` did: the links the store holds now, and the rows it could not load."""

    links: int = 0
    """How many links the graph of links holds now."""
    failed: list[ReadFailure] = field(default_factory=list)
    """The rows that gave no link: 'FILE row N' and why."""


class _BadRow(ValueError):
    """Why one row of the file gives no link."""


def link(store: GraphStore, path: str | Path, *, append: bool = False) -> LinkReport:
    """Load the owl:sameAs links of the CSV file ``path`` (columns ``kg``: a kg IRI or a
    name, ``kind``: what the name names, ``external``: an IRI) into ``LINKS_GRAPH``,
    replacing the links loaded before unless ``append``. A row that does not give a link
    (an unknown or ambiguous name, a bad IRI, a malformed row) is reported with its row
    number, the file's line where it starts; the others are loaded."""
    entities = _Entities(store)
    report = LinkReport()
    links = set(stored_links(store)) if append else set()
    for number, row in _rows(path):
        try:
            if isinstance(row, str):
                raise _BadRow(f"malformed row: {row}")
            links.add((entities.find(row), _external(row.get("external"))))
        except _BadRow as error:
            report.failed.append(ReadFailure(f"{path} row {number}", str(error)))
    ntriples = "".join(f"<{s}> {_SAME_AS} <{o}> .\n" for s, o in sorted(links))
    if ntriples:  # written, and dropped, as an article's graph is, under its own name
        store.write_articles([ArticleWrite(LINKS_GRAPH, ntriples)])
    else:
        store.remove_articles([LINKS_GRAPH])
    store.flush()
    report.links = len(links)
    return report


def stored_links(store: GraphStore) -> list[tuple[str, str]]:
    """The (kg IRI, external IRI) pairs of the graph of links."""
    rows = store.query(f"SELECT ?s ?o WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?s owl:sameAs ?o }} }}")
    return sorted((row["s"].value, row["o"].value) for row in rows)


def _rows(path: str | Path) -> Iterator[tuple[int, dict[str, str] | str]]:
    """(row number, {column: value}, or what is wrong with the row) for each row after the
    header; InputError for a file that is not a CSV file with the columns kg and external."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text; save the CSV file as UTF-8") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [column.strip().lower() for column in next(reader, [])]
        if not {"kg", "external"} <= set(header):
            raise InputError(f"{path}: the first row must name the columns kg, kind and external "
                             f"(found: {', '.join(header) or 'an empty file'})")
        start = reader.line_num + 1
        for values in reader:
            number, start = start, reader.line_num + 1
            if not any(value.strip() for value in values):
                continue
            if len(values) != len(header):
                yield number, f"{len(values)} fields where the header has {len(header)}"
                continue
            yield number, {column: value.strip() for column, value in zip(header, values)}
    except csv.Error as error:
        raise InputError(f"{path} line {reader.line_num}: not CSV ({error})") from None


def _external(value: str | None) -> str:
    iri = (value or "").strip("<> ")
    if not iri:
        raise _BadRow("no external IRI")
    return _checked_iri(iri, "external")


def _checked_iri(iri: str, column: str) -> str:
    if not _IRI.match(iri):
        raise _BadRow(f"{column} {iri!r} is not an IRI (http://, https:// or urn:, written in full)")
    try:
        return ox.NamedNode(iri).value
    except ValueError as error:
        raise _BadRow(f"{column} {iri!r} is not an IRI ({error})") from None


class _Entities:
    """The store's people, organisations, places, documents and events by IRI and by folded
    name, read a kind at a time when a row first needs it."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.by_kind: dict[str, tuple[set[str], dict[str, set[str]]]] = {}

    def find(self, row: dict[str, str]) -> str:
        """The kg IRI a row names, or why it names none."""
        given, kind = row.get("kg", "").strip("<> "), row.get("kind", "").lower()
        kind = _KIND_ALIASES.get(kind, kind)
        if kind and kind not in KINDS:
            raise _BadRow(f"unknown kind {kind!r}; write one of {', '.join(KINDS)}")
        if not given:
            raise _BadRow("no kg entity (an IRI, or a name and its kind)")
        if _IRI.match(given):
            iri = _checked_iri(given, "kg")
            if not any(iri in self.index(each)[0] for each in ([kind] if kind else KINDS)):
                raise _BadRow(f"<{iri}> is no {kind or 'entity'} of the store")
            return iri
        if not kind:
            raise _BadRow(f"{given!r} is a name: give its kind ({', '.join(KINDS)})")
        by_name = self.index(kind)[1]
        found = by_name.get(fold(given)) or by_name.get(_plain(given), set())
        if not found:
            raise _BadRow(f"no {kind} named {given!r} in the store")
        if len(found) > 1:
            raise _BadRow(f"{given!r} names {len(found)} {kind} nodes ({', '.join(sorted(found)[:3])}); "
                          "give the IRI of the one you mean")
        return next(iter(found))

    def index(self, kind: str) -> tuple[set[str], dict[str, set[str]]]:
        """The IRIs of that kind, and its names, folded and without diacritics, -> IRIs."""
        if kind not in self.by_kind:
            cls, names = KINDS[kind]
            iris, by_name = set(), defaultdict(set)
            for row in self.store.query(f"SELECT ?node ?name WHERE {{ ?node a {cls} "
                                        f"OPTIONAL {{ ?node {names}|rdfs:label ?name }} }}"):
                iris.add(row["node"].value)
                if row["name"] is not None:
                    by_name[fold(row["name"].value)].add(row["node"].value)
                    by_name[_plain(row["name"].value)].add(row["node"].value)
            self.by_kind[kind] = iris, by_name
        return self.by_kind[kind]


def _plain(name: str) -> str:
    """A name without diacritics, as a row may write it ('Tran Vi Dan'); marked, so that it
    is never taken for a folded name."""
    return "\0" + ascii_fold(name).casefold()
