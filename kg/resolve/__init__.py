"""The resolve stage: which people of different articles are one person.

The canonical name alone merges namesakes: every "Nguyễn Văn Thanh" of the archive would be
one node. A person's identity is the name and, where the article gives evidence that the
name could be shared, where the person serves: the province of the bodies the article
gives their posts in ("Đại úy Nguyễn Văn Thanh, Công an tỉnh Hà Tĩnh" is the Hà Tĩnh
one), or, for an officer below the rank of general with no body named, the province the
article is about. People of national bodies and people without such evidence keep the bare
name, so a minister promoted years later, or written "Lương Văn Cường" once and "Lương
Cường" elsewhere by their posts, stays one node.

The identity is a function of the article alone: the same articles give the same IRIs in
any build order, adding an article changes only its own people, and removing one splits
nothing it did not say.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..lexicon import lexicon
from ..normalise import fold
from ..records import Person, Record
from .bodies import resolve_bodies
from .places import resolve_places

__all__ = ["awaits_province", "home_province", "resolve"]

_PROVINCIAL_KINDS = ("tỉnh", "thành phố")
_GENERAL_LEVEL = 15  # Thiếu tướng and above serve nationally more often than in one province


def resolve(record: Record) -> Record:
    """The record with each person's ``identity`` set (empty: known by the name alone), each
    place's administrative ``unit`` (kg/resolve/places.py) and each body the lexicon knows
    under its lexicon name (kg/resolve/bodies.py)."""
    record = resolve_bodies(resolve_places(record))
    if not record.people:
        return record
    body_places = {fold(org.name): org.place for org in record.organizations if org.place}
    home = _home_province(record)
    people = tuple(replace(person, identity=_identity(person, body_places, home)) for person in record.people)
    return replace(record, people=people)


def _identity(person: Person, body_places: dict[str, str], home: str | None) -> str:
    provinces = [province for position in person.positions if position.organization
                 if (province := _province_of(position.organization, body_places)
                     or (home if awaits_province(position.organization) else None))]
    if provinces:
        return provinces[0]
    rank = lexicon().ranks.get(person.rank) if person.rank else None
    if rank is not None and rank.extra and int(rank.extra) < _GENERAL_LEVEL and home:
        return home
    return ""


def awaits_province(body: str) -> bool:
    """'Tỉnh ủy', 'Hội đồng nhân dân tỉnh': a local body the article left without its place."""
    return body.endswith(("Tỉnh ủy", "Thành ủy", " tỉnh", " thành phố"))


def _province_of(body: str, body_places: dict[str, str]) -> str | None:
    """The province or city a local body belongs to: its place, or the province of its
    district ('Công an huyện Can Lộc' is Hà Tĩnh's)."""
    place = body_places.get(fold(body))
    districts = lexicon().districts.get(fold(place)) if place else None
    if districts and len({district.parent for district in districts}) == 1:
        place = districts[0].parent
    entry = lexicon().provinces.get(place) if place else None
    if entry is None:
        words = body.split()
        entry = next((found for n in (3, 2) if len(words) > n
                      if (found := lexicon().provinces.get(" ".join(words[-n:])))), None)
    return entry.name if entry is not None and entry.kind in _PROVINCIAL_KINDS else None


def _home_province(record: Record) -> str | None:
    return home_province({place.name: len(place.sentences) for place in record.places
                          if place.kind in _PROVINCIAL_KINDS})


def home_province(sentences: dict[str, int]) -> str | None:
    """The province an article is about, from how many of its sentences name each place:
    the only province it names, or the one named in most sentences when it names it in at
    least half of those that name any."""
    counts = Counter({name: count for name, count in sentences.items()
                      if (entry := lexicon().provinces.get(name)) is not None and entry.kind in _PROVINCIAL_KINDS})
    if not counts:
        return None
    (first, count), total = counts.most_common(1)[0], sum(counts.values())
    return first if len(counts) == 1 or 2 * count >= total else None
