"""Which administrative unit each place of an article is (kg/gazetteer.py).

A name is looked up in the structure in force at the article's date: "tỉnh Bắc Giang" of
2024 is the legacy province, "tỉnh Bắc Ninh" of 2026 the 2025 one, which took Bắc Giang in.
An undated article is read in both and takes the one its names fit better (more units
found; on a tie, the structure of the events it reports, else 2025). A district, which the 2025 structure has no more, is
always a legacy one ("huyện Gia Lâm cũ" in a 2026 article).

A name that several units share (hundreds of communes are called "Tân Lập") takes the unit
that lies in a province or district its sentence names, else in one the article names, and
no unit when the context supports none or several: a place is never given a province on a
guess. A name that one unit alone bears is taken unless the article names provinces and
none of them holds it.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..gazetteer import COMMUNE_LEVELS, CURRENT, DISTRICT, LEGACY, PROVINCE, STRUCTURES, Unit, gazetteer, structure_at
from ..records import Place, Record, Span

__all__ = ["resolve_places"]

_PROVINCE_KINDS = ("tỉnh", "thành phố")
_DISTRICT_KINDS = ("quận", "huyện", "thị xã", "thành phố")
_COMMUNE_LEVEL_OF_KIND = {"xã": "commune", "phường": "ward", "thị trấn": "township", "đặc khu": "special_zone"}
_CITY_WORD = "thành phố "  # "thành phố Yên Bái": the provincial city, not the province


def resolve_places(record: Record) -> Record:
    """The record with each place's ``unit`` set to the key of the unit it is, where known."""
    if not record.places:
        return record
    units = _units_of(record)
    if not units:
        return record
    places = tuple(replace(place, unit=units[id(place)].key) if id(place) in units else place
                   for place in record.places)
    return replace(record, places=places)


def _units_of(record: Record) -> dict[int, Unit]:
    """The units of the article's places in the structure of its date, else in the one under
    which more of them are units; on a tie, the one of the latest date of an event it
    reports, else 2025."""
    dated = structure_at(record.article.published)
    if dated:
        return _units_in(record, dated)
    event_dates = [event.date for event in record.events if event.date]
    tie_break = structure_at(max(event_dates)) if event_dates else CURRENT
    found = {structure: _units_in(record, structure) for structure in STRUCTURES}
    return found[max(STRUCTURES, key=lambda structure: (len(found[structure]), structure == tie_break))]


def _units_in(record: Record, structure: str) -> dict[int, Unit]:
    """Unit of each place (by id) under ``structure``: provinces first, then districts and
    communes, each in the context of the larger units found before it."""
    found: dict[int, Unit] = {}
    for level in (PROVINCE, DISTRICT, "commune"):
        context = _Context(record, found)
        for place in record.places:
            if id(place) in found:
                continue
            unit = context.choose(place, _candidates(place, level, structure))
            if unit is not None:
                found[id(place)] = unit
    return found


def _candidates(place: Place, level: str, structure: str) -> list[Unit]:
    """The units of ``level`` a place's name and kind can be, in ``structure``."""
    kind = place.kind or ""
    name = place.name
    if level == PROVINCE:
        if kind not in _PROVINCE_KINDS or name.startswith(_CITY_WORD):
            return []
        return [u for u in gazetteer().structures[structure].named(name) if u.level == PROVINCE]
    if level == DISTRICT:
        if kind not in _DISTRICT_KINDS:
            return []
        name = name.removeprefix(_CITY_WORD)
        # Districts ended with the legacy structure: a district named later is a legacy one.
        units = [u for u in gazetteer().structures[LEGACY].named(name) if u.level == DISTRICT]
        return [u for u in units if u.kind == kind] or units
    if kind not in _COMMUNE_LEVEL_OF_KIND:
        return []
    units = [u for u in gazetteer().structures[structure].named(name) if u.level in COMMUNE_LEVELS]
    return [u for u in units if u.level == _COMMUNE_LEVEL_OF_KIND[kind]] or units


class _Context:
    """The larger units an article names: in each sentence, and in all of it."""

    def __init__(self, record: Record, found: dict[int, Unit]) -> None:
        self.by_sentence: dict[Span, set[str]] = {}
        self.article: set[str] = set()
        self.provinces: set[str] = set()
        self.districts: set[str] = set()
        for place in record.places:
            unit = found.get(id(place))
            if unit is None:
                continue
            self.article.add(unit.key)
            if unit.level == PROVINCE:
                self.provinces.add(unit.key)
            elif unit.level == DISTRICT:
                self.districts.add(unit.key)
            for span in place.sentences:
                self.by_sentence.setdefault(span, set()).add(unit.key)

    def choose(self, place: Place, candidates: list[Unit]) -> Unit | None:
        """The one candidate the context supports; the only one where nothing contradicts it."""
        if not candidates:
            return None
        chains = {unit.key: _around(unit) for unit in candidates}
        near = set().union(*(self.by_sentence.get(span, set()) for span in place.sentences))
        # The district named beside it first ("xã Tân Lập, huyện Lục Ngạn"), then the province.
        for context in (near & self.districts, near, self.article & self.districts, self.article):
            supported = [unit for unit in candidates if chains[unit.key] & context]
            if len(supported) == 1:
                return supported[0]
            if len(supported) > 1:
                return None  # the context names two units that hold the name
        if len(candidates) == 1 and (not self.provinces or chains[candidates[0].key] & self.provinces):
            return candidates[0]
        return None


@lru_cache(maxsize=1 << 14)
def _around(unit: Unit) -> frozenset[str]:
    """Keys of the unit, the units it lies in and, for a legacy unit, the 2025 provinces its
    province went into: what an article naming any of them supports."""
    chain = gazetteer().structures[unit.structure].chain(unit)
    return frozenset({u.key for u in chain} | {s.key for s in gazetteer().successors_of(chain[-1])})
