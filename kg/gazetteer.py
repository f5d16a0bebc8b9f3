"""Vietnam's administrative units in the two structures of the 2025 reform, loaded once.

Until 30 June 2025 ("legacy"): 63 provinces, their districts, the communes of each
district. From 1 July 2025 ("2025"): 34 provinces with their communes, wards and special
zones directly under them. Each legacy unit knows the 2025 units its territory went into.
Source: kg/lexicons/admin_units_*.tsv and admin_succession.tsv, written from the PyPI
package vietnamadminunits (MIT) by scripts/admin_units_tsv.py.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from .normalise import fold

LEGACY, CURRENT = "legacy", "2025"
REFORM_DATE = "2025-07-01"
"""The day the 2025 structure took effect: legacy units end, 2025 units start."""
STRUCTURES = (LEGACY, CURRENT)
PROVINCE, DISTRICT = "province", "district"
COMMUNE_LEVELS = ("commune", "ward", "township", "special_zone")
_DASH = re.compile(r"\s*[-–—]\s*")


class Unit(NamedTuple):
    """One administrative unit of one structure; ``key`` ('2025:24') names it in both.
    (A named tuple: the gazetteer makes 14,000 of them at every start.)"""

    structure: str
    code: str
    name: str
    kind: str
    """The word written before the name: tỉnh, thành phố, quận, huyện, thị xã, xã, phường, ..."""
    level: str
    parent: str
    """The code of the unit it lies in, in the same structure; empty for a province."""

    @property
    def key(self) -> str:
        return f"{self.structure}:{self.code}"


def structure_at(date: str | None) -> str | None:
    """The structure in force on an ISO date ('2024-05-01'), None without a date."""
    if not date:
        return None
    return CURRENT if date[:10] >= REFORM_DATE else LEGACY


class Structure:
    """The units of one structure, by code and by folded name."""

    def __init__(self, name: str, filename: str) -> None:
        self.name = name
        self.units: dict[str, Unit] = {}
        self.by_name: dict[str, list[Unit]] = {}
        for code, unit_name, kind, level, parent in _rows(filename):
            unit = Unit(name, code, unit_name, kind, level, parent)
            self.units[code] = unit
            # The files write names in kg's canonical form (scripts/admin_units_tsv.py): fold is casefold.
            self.by_name.setdefault(_key(unit_name.casefold()), []).append(unit)

    def named(self, name: str) -> list[Unit]:
        return self.by_name.get(_key(fold(name)), [])

    def chain(self, unit: Unit) -> list[Unit]:
        """The unit and those it lies in, up to its province."""
        found = [unit]
        while found[-1].parent:
            found.append(self.units[found[-1].parent])
        return found

    def province_of(self, unit: Unit) -> Unit:
        return self.chain(unit)[-1]


class Gazetteer:
    """Both structures and the succession from the legacy units to the 2025 ones."""

    def __init__(self) -> None:
        self.structures = {LEGACY: Structure(LEGACY, "admin_units_legacy.tsv"),
                           CURRENT: Structure(CURRENT, "admin_units_2025.tsv")}
        for structure_name, code, alias in _rows("admin_aliases.tsv"):
            structure = self.structures[structure_name]
            structure.by_name.setdefault(_key(fold(alias)), []).append(structure.units[code])
        self._successors = dict(_rows("admin_succession.tsv"))

    def unit(self, key: str) -> Unit | None:
        """The unit a key ('legacy:27') names."""
        structure, _, code = key.partition(":")
        return self.structures[structure].units.get(code) if structure in self.structures else None

    def successors_of(self, unit: Unit) -> tuple[Unit, ...]:
        """The 2025 units a legacy unit's territory went into (none for a 2025 unit)."""
        if unit.structure != LEGACY or unit.code not in self._successors:
            return ()
        current = self.structures[CURRENT].units
        return tuple(current[code] for code in self._successors[unit.code].split("|"))


def _key(folded: str) -> str:
    """A folded name with its dashes alike: 'Bà Rịa – Vũng Tàu' is 'Bà Rịa - Vũng Tàu'."""
    return _DASH.sub("-", folded) if "-" in folded or "–" in folded or "—" in folded else folded


def _rows(filename: str) -> list[list[str]]:
    """The cells of each row of a TSV of kg/lexicons, without its comments and header."""
    text = resources.files("kg.lexicons").joinpath(filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded on first use."""
    return Gazetteer()
