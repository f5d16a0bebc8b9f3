"""Write the gazetteer of Vietnam's administrative units, before and after the reform of
1 July 2025, as three TSV files of kg/lexicons/, from the PyPI package vietnamadminunits
(MIT licence, (c) 2025 Tran Ngoc Minh Hieu): its database (data/dataset.db, tables
admin_units and admin_units_legacy) and its old-to-new converter (data/converter_2025.json).
kg reads the files and does without the package and what it installs (shapely, geopy).

    pip install vietnamadminunits && python scripts/admin_units_tsv.py kg/lexicons

admin_units_2025.tsv    the 34 provinces and their 3,321 communes, wards and special zones
admin_units_legacy.tsv  the 63 provinces, their districts and the communes of each district
admin_succession.tsv    each legacy province, district and commune -> the 2025 unit(s) its
                        territory went into (a commune split between several: all of them,
                        the converter's default first; a district: the provinces its communes
                        went into)
"""
from __future__ import annotations

import json
import re
import sqlite3
import sys
from importlib import metadata, resources
from pathlib import Path

from kg.normalise import canonical

PACKAGE = "vietnamadminunits"
# The unit's type as the package writes it -> (kind as written before a name, level).
_PROVINCE_KINDS = {"Tỉnh": ("tỉnh", "province"), "Thành phố": ("thành phố", "province")}
_DISTRICT_KINDS = {"Quận": "quận", "Huyện": "huyện", "Thị xã": "thị xã", "Thành phố": "thành phố"}
_COMMUNE_KINDS = {"Xã": ("xã", "commune"), "Phường": ("phường", "ward"), "Thị trấn": ("thị trấn", "township"),
                  "Đặc khu": ("đặc khu", "special_zone")}


def _header(out, title: str, columns: str) -> None:
    version = metadata.version(PACKAGE)
    out.write(f"# {title}\n")
    out.write(f"# Source: {PACKAGE} {version} (PyPI; MIT licence, (c) 2025 Tran Ngoc Minh Hieu), data/dataset.db and\n")
    out.write("#   data/converter_2025.json; written by scripts/admin_units_tsv.py (do not edit by hand).\n")
    out.write(f"# Columns: {columns}\n")


def _name(name: str) -> str:
    """The name in kg's canonical form (one tone style), so kg/gazetteer.py need only casefold
    it, without the package's note of the kind where two units of a district share a name
    ('Yên Viên (Thị trấn)': the kind column says it)."""
    return canonical(re.sub(r"\s*\([^)]*\)$", "", name))


def _province_kind(full_name: str) -> tuple[str, str]:
    word = "Thành phố" if full_name.startswith("Thành phố") else "Tỉnh"
    return _PROVINCE_KINDS[word]


def main(folder: Path) -> None:
    data = resources.files(PACKAGE).joinpath("data")
    db = sqlite3.connect(str(data.joinpath("dataset.db")))
    converter = json.loads(data.joinpath("converter_2025.json").read_text("utf-8"))
    columns = "code = the official code (GSO); name = short name, without the administrative word; " \
              "kind = that word; level = province | district | commune | ward | township | special_zone; " \
              "parent = code of the unit it lies in (empty for a province)"

    new_codes: dict[tuple[str, str], str] = {}  # (province key, ward key) -> code; ward key '' for the province
    with open(folder / "admin_units_2025.tsv", "w", encoding="utf-8") as out:
        _header(out, "admin_units_2025.tsv — administrative units from 1 July 2025: 34 provinces, communes under them.",
                columns)
        out.write("code\tname\tkind\tlevel\tparent\n")
        rows = db.execute("SELECT province, provinceShort, provinceCode, provinceKey, wardShort, wardType, wardCode,"
                          " wardKey FROM admin_units ORDER BY provinceCode, wardCode").fetchall()
        for province, short, code, key, *_ in rows:
            if (key, "") not in new_codes:
                new_codes[key, ""] = code
                out.write(f"{code}\t{_name(short)}\t" + "\t".join(_province_kind(province)) + "\t\n")
        for _, _, province_code, province_key, ward, ward_type, ward_code, ward_key in rows:
            new_codes[province_key, ward_key] = ward_code
            out.write(f"{ward_code}\t{_name(ward)}\t" + "\t".join(_COMMUNE_KINDS[ward_type]) + f"\t{province_code}\n")

    old_codes: dict[str, str] = {}  # legacy "province_district_ward" key (or a prefix of it) -> code
    with open(folder / "admin_units_legacy.tsv", "w", encoding="utf-8") as out:
        _header(out, "admin_units_legacy.tsv — administrative units until 30 June 2025: 63 provinces, "
                     "their districts, the communes of each district,\n#   as they stood on that day (units merged "
                     "away before, such as Quận 2 and Quận 9 of Hồ Chí Minh City in 2021, are not in it).", columns)
        out.write("code\tname\tkind\tlevel\tparent\n")
        rows = db.execute("SELECT province, provinceShort, provinceCode, provinceKey, districtShort, districtType,"
                          " districtCode, districtKey, wardShort, wardType, wardCode, wardKey FROM admin_units_legacy"
                          " ORDER BY provinceCode, districtCode, wardCode").fetchall()
        for province, short, code, key, district, district_type, district_code, district_key, *ward in rows:
            if key not in old_codes:
                old_codes[key] = code
                out.write(f"{code}\t{_name(short)}\t" + "\t".join(_province_kind(province)) + "\t\n")
            if f"{key}_{district_key}" not in old_codes:
                old_codes[f"{key}_{district_key}"] = district_code
                out.write(f"{district_code}\t{_name(district)}\t{_DISTRICT_KINDS[district_type]}\tdistrict\t{code}\n")
            name, ward_type, ward_code, ward_key = ward
            if ward_code:
                old_codes[f"{key}_{district_key}_{ward_key}"] = ward_code
                out.write(f"{ward_code}\t{_name(name)}\t" + "\t".join(_COMMUNE_KINDS[ward_type]) + f"\t{district_code}\n")

    successors: dict[str, list[str]] = {}
    for new_province, old_provinces in converter["DICT_PROVINCE"].items():
        for old in old_provinces:
            successors.setdefault(old_codes[old], []).append(new_codes[new_province, ""])
    for new_province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, olds in wards.items():
            for old in olds:
                if old in old_codes:  # an island district without communes keeps its district key
                    successors.setdefault(old_codes[old], []).append(new_codes[new_province, new_ward])
    for new_province, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in olds.items():
            ordered = sorted(parts, key=lambda part: not part["isDefaultNewWard"])
            successors.setdefault(old_codes[old], []).extend(new_codes[new_province, p["newWardKey"]] for p in ordered)
    new_province_of = {code: parent for (province, ward), code in new_codes.items() if ward
                       for parent in [new_codes[province, ""]]}
    for key, district_code in old_codes.items():
        if key.count("_") == 1:  # a district: the 2025 provinces its communes went into
            provinces = {new_province_of[s] for old, code in old_codes.items() if old.startswith(key + "_")
                         for s in successors.get(code, [])}
            if provinces:
                successors[district_code] = sorted(provinces)
    with open(folder / "admin_succession.tsv", "w", encoding="utf-8") as out:
        _header(out, "admin_succession.tsv — where the territory of each legacy unit went on 1 July 2025.",
                "legacy = code in admin_units_legacy.tsv; successors = codes in admin_units_2025.tsv "
                "(| separated; for a divided commune the converter's default first)")
        out.write("legacy\tsuccessors\n")
        for code in sorted(successors, key=lambda c: (len(c), c)):
            out.write(f"{code}\t{'|'.join(dict.fromkeys(successors[code]))}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "kg/lexicons"))
