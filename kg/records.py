"""Typed records passed between the pipeline's stages.

They carry no RDF: the extractor fills them, ``kg extract`` prints them as JSON
(the contract in the extraction spec) and the mapping stage turns them into triples.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets ``[start, end)`` into the article text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the article: the headline, then the body; captions are photo captions
    kept as content."""

    span: Span
    text: str
    is_caption: bool = False
    is_headline: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """What the read stage hands on: the text and what the input said about it.

    ``replaces_same_source`` is False when ``source`` names a position (a line of a JSON
    Lines file without ids, standard input) that another article may hold next time, so an
    article stored earlier from the same source is not taken for an older version of this one.
    """

    source: str
    text: str
    title: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    language: str | None = None
    replaces_same_source: bool = True


@dataclass(frozen=True, slots=True)
class Position:
    title: str
    organization: str | None
    sentences: tuple[Span, ...] = ()
    former: bool = False
    """Written as no longer held: 'nguyên Bộ trưởng', 'cựu Chủ tịch', 'từng là Giám đốc'."""


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    rank: str | None = None
    academic_titles: tuple[str, ...] = ()
    positions: tuple[Position, ...] = ()
    aliases: tuple[str, ...] = ()
    sentences: tuple[Span, ...] = ()
    mentions: tuple[Span, ...] = ()
    """Where the article names the person: each name as written, by its offsets."""
    identity: str = ""
    """What tells this person from a namesake ('Hà Tĩnh'), set by the resolve stage; empty
    when the name alone identifies them."""


@dataclass(frozen=True, slots=True)
class Organization:
    name: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    place: str | None = None
    sentences: tuple[Span, ...] = ()
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Speech:
    speaker: str
    role: str
    sentences: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    name: str | None = None
    date: str | None = None
    place: str | None = None
    organizers: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    speeches: tuple[Speech, ...] = ()
    sentences: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    type: str
    number: str | None = None
    name: str | None = None
    date: str | None = None
    issuer: str | None = None
    term: str | None = None
    subject: str | None = None
    sentences: tuple[Span, ...] = ()
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    sentences: tuple[Span, ...] = ()
    mentions: tuple[Span, ...] = ()
    unit: str = ""
    """The administrative unit the place is ('legacy:24', '2025:24'; kg/gazetteer.py), set by
    the resolve stage; empty when the gazetteer does not know it or cannot tell which."""


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    title: str | None
    published: str | None
    authors: tuple[str, ...]
    content_hash: str
    content_end: int
    """Offset where the site's trailing boilerplate (tags, comment box, menus) begins."""
    url: str | None = None
    """The page's canonical URL, when the input gave one; the article's IRI is minted from it."""
    section: str | None = None
    tags: tuple[str, ...] = ()
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """Everything extracted from one article."""

    source: str
    text: str
    article: ArticleInfo
    sentences: tuple[Sentence, ...] = ()
    people: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    events: tuple[Event, ...] = ()
    documents: tuple[Document, ...] = ()
    places: tuple[Place, ...] = ()

    def to_json(self) -> dict:
        """The JSON record of the extraction spec (offsets as ``[start, end]`` pairs)."""
        data = _plain(asdict(self))
        data.pop("text")
        return data


def _plain(value):
    """Turn asdict output into JSON-ready values: spans become [start, end] pairs."""
    if isinstance(value, dict):
        if set(value) == {"start", "end"}:
            return [value["start"], value["end"]]
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value
