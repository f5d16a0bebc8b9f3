#!/usr/bin/env python3
"""Copy VLSP-2018 .muc files with the PERSON tags of bylines and photo credits taken out.

    python3 scripts/vlsp_without_credits.py MUC_DIR OUT_DIR

VLSP tags the byline ("Hoàng Thủy" alone on the last line, "Theo X") and photo credits
("Ảnh: X") as people; kg's record does not count them as people (they are the article's
authors). Scoring against the copies says how kg does on the people the text is about.
The text is unchanged, so the same extraction records are scored.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

_PERSON = re.compile(r'<ENAMEX TYPE="PERSON">([^<]*)</ENAMEX>')
_CREDIT = re.compile(r'(\(?\s*(?:Ảnh|Ảnh minh họa|Clip|Video|Đồ họa|Nguồn)\s*:\s*)([^\n]*)', re.IGNORECASE)
# a byline: a line of one or a few tagged names, optionally after "Theo", with a source in brackets
# or an outlet after a slash ("X/VOV-Trung tâm Tin")
_BYLINE = re.compile(r'^\s*(?:Theo\s+|Nhóm\s+PV\s*)?(?:<ENAMEX TYPE="PERSON">[^<]*</ENAMEX>[\s,\-–/&và]*)+'
                     r'(?:\(.*\)|(?<=/)(?:<ENAMEX[^>]*>[^<]*</ENAMEX>|[^<\n]){1,60})?\s*$')


def strip_credits(muc: str) -> str:
    lines = muc.split("\n")
    out = []
    for index, line in enumerate(lines):
        line = _CREDIT.sub(lambda m: m.group(1) + _PERSON.sub(r"\1", m.group(2)), line)
        is_last = not any(rest.strip() for rest in lines[index + 1:])
        if (is_last or len(_PERSON.sub(r"\1", line)) < 60) and _BYLINE.match(line):
            line = _PERSON.sub(r"\1", line)
        out.append(line)
    return "\n".join(out)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    source, target = Path(argv[0]), Path(argv[1])
    files = sorted(source.rglob("*.muc"))
    for file in files:
        copy = target / file.relative_to(source)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(strip_credits(file.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {len(files)} files to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
