"""Write kg/lexicons/districts.tsv from the gazetteer of the PyPI package vietnamadminunits
(MIT; its legacy, 63-province data), so kg does without the package and what it installs
(shapely, numpy, geopy: 85 MB for one JSON file).

    pip install vietnamadminunits && python scripts/districts_tsv.py > kg/lexicons/districts.tsv
"""
from __future__ import annotations

import json
import sys
from importlib import metadata, resources


def main() -> None:
    data = json.loads(resources.files("vietnamadminunits").joinpath("data/parser_legacy.json").read_text("utf-8"))
    out = sys.stdout
    out.write("# districts.tsv — districts, towns and provincial cities before the 2025 reform (63 provinces).\n")
    out.write(f"# Source: vietnamadminunits {metadata.version('vietnamadminunits')} (MIT), data/parser_legacy.json;\n")
    out.write("#   written by scripts/districts_tsv.py, in the order of that file.\n")
    out.write("# Columns: province = the province's short name; district = the short name; kind = huyện, quận, ...\n")
    out.write("province\tdistrict\tkind\n")
    provinces = {key: value["provinceShort"] for key, value in data["DICT_PROVINCE"].items()}
    for province_key, districts in data["DICT_PROVINCE_DISTRICT"].items():
        for district in districts.values():
            out.write(f"{provinces[province_key]}\t{district['districtShort']}\t{district['districtType'].lower()}\n")


if __name__ == "__main__":
    main()
