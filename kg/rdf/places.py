"""Places that are administrative units (kg/resolve/places.py set ``Place.unit``) as nodes
of their unit: one node per unit and structure, whatever the article calls it, with the
unit's level, code, the units it lies in up to the province, the period it existed in, and,
for a legacy unit, the 2025 units its territory went into. The article says which structure
its places were read in, and whether its date chose it or, undated, its names did.

The gazetteer's facts about a unit are written into the graph of each article that names
it and traced to the sentences that name it, as a parent body is in kg/rdf/mapping.py.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from rdflib import Literal
from rdflib.namespace import RDF, RDFS, SDO, XSD

from ..gazetteer import CURRENT, DISTRICT, LEGACY, REFORM_DATE, Unit, gazetteer, structure_at
from ..normalise import fold
from ..records import Span
from .namespaces import KGO

__all__ = ["PlaceNodes"]

_PERIOD = {LEGACY: "đến 2025", CURRENT: "từ 2025"}
_REFORM = Literal(REFORM_DATE, datatype=XSD.date).n3()


def _term(iri) -> str:
    return f"<{iri}>"


_TYPE, _LABEL, _NAME = _term(RDF.type), _term(RDFS.label), _term(SDO.name)
_PLACE, _AREA, _UNIT = _term(SDO.Place), _term(SDO.AdministrativeArea), _term(KGO.AdministrativeUnit)
_WITHIN, _CODE = _term(SDO.containedInPlace), _term(SDO.identifier)
_START, _END = _term(SDO.startDate), _term(SDO.endDate)
_LEVEL, _SUCCESSOR = _term(KGO.adminLevel), _term(KGO.successor)
_STRUCTURE, _FROM_NAMES = _term(KGO.adminStructure), _term(KGO.adminStructureFromNames)


class PlaceNodes:
    """The place nodes of one article graph ``b`` (kg.rdf.mapping's builder): a name the
    resolve stage found a unit for is that unit's node, any other a place of that name.
    Made with the builder, it writes which structure the article's places were read in."""

    def __init__(self, b) -> None:
        self.b = b
        self.units = {fold(place.name): (unit, place.sentences) for place in b.record.places
                      if place.unit and (unit := gazetteer().unit(place.unit)) is not None}
        self.written: set[str] = set()
        self._structure()

    def node(self, name: str, spans: Iterable[Span] = ()) -> str:
        """The node of the place ``name``, traced to ``spans`` (a unit without them: to the
        sentences that name it)."""
        spans = tuple(spans)
        found = self.units.get(fold(name))
        if found is not None:
            return self._unit(found[0], spans or found[1])
        b = self.b
        node = b.node("place", name)
        b.add(node, _TYPE, _PLACE)
        b.add(node, _NAME, _plain(name))
        b.add(node, _LABEL, _plain(name, "vi"))
        b.denoted_by(node, spans)
        return node

    def _unit(self, unit: Unit, spans: tuple[Span, ...]) -> str:
        """The unit's node with the units it lies in and, for a legacy unit, its successors."""
        node = self._unit_node(unit, spans)
        chain = gazetteer().structures[unit.structure].chain(unit)
        for inner, outer in zip(chain, chain[1:]):
            self.b.add(self._unit_node(inner, spans), _WITHIN, self._unit_node(outer, spans))
        for legacy in chain if unit.structure == LEGACY else ():
            for successor in gazetteer().successors_of(legacy):
                self.b.add(self._unit_node(legacy, spans), _SUCCESSOR, self._unit_node(successor, spans))
                if successor.parent:
                    province = gazetteer().structures[CURRENT].province_of(successor)
                    self.b.add(self._unit_node(successor, spans), _WITHIN, self._unit_node(province, spans))
        return node

    def _structure(self) -> None:
        """The structure the article's places were read in, when it names a unit: the one of
        its date, else (kgo:adminStructureFromNames true) the one its names fit; a district
        is a legacy unit under either."""
        if not self.units:
            return
        structure = structure_at(self.b.record.article.published)
        if structure is None:
            structure = next((unit.structure for unit, _ in self.units.values() if unit.level != DISTRICT), LEGACY)
            self.b.add(self.b.article, _FROM_NAMES, Literal(True).n3())
        self.b.add(self.b.article, _STRUCTURE, _plain(structure))

    def _unit_node(self, unit: Unit, spans: tuple[Span, ...]) -> str:
        b = self.b
        node = b.node("place", f"{unit.name}|{unit.structure}|{unit.code}")
        b.denoted_by(node, spans)
        if node in self.written:
            return node
        self.written.add(node)
        for cls in (_PLACE, _AREA, _UNIT):
            b.add(node, _TYPE, cls)
        b.add(node, _NAME, _plain(unit.name))
        b.add(node, _LABEL, _plain(f"{unit.kind} {unit.name} ({_PERIOD[unit.structure]})", "vi"))
        b.add(node, _CODE, _plain(unit.code))
        b.add(node, _LEVEL, _level(b, unit.level))
        b.add(node, _END if unit.structure == LEGACY else _START, _REFORM)
        return node


def _plain(text: str, lang: str = "") -> str:
    """A string literal in N-Triples, escaped as kg.rdf.mapping.literal escapes it."""
    quoted = '"' + text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'
    return f"{quoted}@{lang}" if lang else quoted


def _level(b, level: str) -> str:
    vi, en = _level_names()[level]
    return b.concept("admin-level", _term(KGO.AdministrativeLevel), vi, en)


@lru_cache(maxsize=1)
def _level_names() -> dict[str, tuple[str, str]]:
    """Level -> (vi, en) from kg/lexicons/admin_levels.tsv."""
    text = resources.files("kg.lexicons").joinpath("admin_levels.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {level: (vi, en) for level, vi, en in rows[1:]}
