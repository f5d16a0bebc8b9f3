"""Vietnam's administrative units in the two structures of the 2025 reform, loaded once.

Until 30 June 2025 ("legacy"): 63 provinces, their districts, the communes of each
district. From 1 July 2025 ("2025"): 34 provinces with their communes, wards and special
zones directly under them. Each legacy unit knows the 2025 units its territory went into.
Source: kg/lexicons/admin_units_*.tsv and admin_succession.tsv, written from the PyPI
package vietnamadminunits (MIT) by scripts/admin_units_tsv.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .normalise import fold

LEGACY, CURRENT = "legacy", "2025"
REFORM_DATE = "2025-07-01"
"""The day the 2025 structure took effect: legacy units end, 2025 units start."""
STRUCTURES = (LEGACY, CURRENT)
PROVINCE, DISTRICT = "province", "district"
COMMUNE_LEVELS = ("commune", "ward", "township", "special_zone")


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit of one structure; ``key`` ('2025:24') names it in both."""

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
        for row in _rows(filename):
            unit = Unit(name, row["code"], row["name"], row["kind"], row["level"], row["parent"])
            self.units[unit.code] = unit
            self.by_name.setdefault(fold(unit.name), []).append(unit)

    def named(self, name: str) -> list[Unit]:
        return self.by_name.get(fold(name), [])

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
        for row in _rows("admin_aliases.tsv"):
            structure = self.structures[row["structure"]]
            structure.by_name.setdefault(fold(row["alias"]), []).append(structure.units[row["code"]])
        current = self.structures[CURRENT].units
        self.successors: dict[str, tuple[Unit, ...]] = {
            row["legacy"]: tuple(current[code] for code in row["successors"].split("|"))
            for row in _rows("admin_succession.tsv")}

    def unit(self, key: str) -> Unit | None:
        """The unit a key ('legacy:27') names."""
        structure, _, code = key.partition(":")
        return self.structures[structure].units.get(code) if structure in self.structures else None

    def successors_of(self, unit: Unit) -> tuple[Unit, ...]:
        """The 2025 units a legacy unit's territory went into (none for a 2025 unit)."""
        return self.successors.get(unit.code, ()) if unit.structure == LEGACY else ()


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files("kg.lexicons").joinpath(filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t") + [""] * len(header))) for line in lines[1:]]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded on first use."""
    return Gazetteer()
