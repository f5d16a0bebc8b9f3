"""The ``rdfs:label`` of the nodes that have no name of their own: what a generic RDF tool
(a browser, Gephi, a SPARQL client) shows for an event, a post, an article or a sentence,
where a reader would otherwise see a hashed IRI.
"""
from __future__ import annotations

from pathlib import PurePath

from ..records import ArticleInfo, Event, Position

SHORT_LABEL_CHARS = 60
"""How much of a sentence (or a long mention) its label shows."""


def short_label(text: str, limit: int = SHORT_LABEL_CHARS) -> str:
    """The text on one line, cut after its last whole word within ``limit`` characters."""
    if len(text) <= limit:
        return " ".join(text.split())
    head = " ".join(text[:limit + 1].split())
    cut = head.rsplit(" ", 1)[0] if " " in head else head[:limit]
    return cut.rstrip(" ,;:-–") + "…"


def day_month_year(date: str) -> str:
    """'2023-12-19' as Vietnamese write it, '19/12/2023'; anything else as it is."""
    parts = date.split("-")
    if len(parts) == 3 and all(part.isdigit() for part in parts):
        return f"{int(parts[2])}/{int(parts[1])}/{parts[0]}"
    return date


def event_label(event: Event) -> str:
    """'Tọa đàm “Đảm bảo an ninh trật tự ...”, 19/12/2023, Hải Phòng': type and name, date, place."""
    kind = event.type[:1].upper() + event.type[1:]
    if event.name:
        kind = event.name if event.name.casefold().startswith(event.type.casefold()) else f"{kind} “{event.name}”"
    return ", ".join(filter(None, (kind, event.date and day_month_year(event.date), event.place)))


def attendance_label(name: str, event: Event) -> str:
    """'Trần Vi Dân dự tọa đàm 19/12/2023'."""
    return f"{name} dự {event.type}" + (f" {day_month_year(event.date)}" if event.date else "")


def post_label(position: Position) -> str:
    """'Cục trưởng, Cục V04'; 'nguyên Bộ trưởng, Bộ Y tế' for a post no longer held."""
    title = f"nguyên {position.title}" if position.former else position.title
    return f"{title}, {position.organization}" if position.organization else title


def attestation_label(position: Position, date: str | None) -> str:
    """'Cục trưởng, Cục V04 (19/12/2023)': the post as one article attests it."""
    return post_label(position) + (f" ({day_month_year(date)})" if date else "")


def article_label(info: ArticleInfo, source: str) -> str:
    """The headline, else the page's URL, else the name of the file it was read from (not its folder)."""
    return info.title or info.url or PurePath(source).name or source
