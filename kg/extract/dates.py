"""Dates as Vietnamese news writes them, resolved against the publication date."""
from __future__ import annotations

import re
from datetime import date, timedelta

_DAY_MONTH_YEAR = re.compile(
    r"(?<![\d/.-])(?P<day>[0-3]?\d)\s*[/.-]\s*(?P<month>[01]?\d)(?:\s*[/.-]\s*(?P<year>(?:19|20)\d\d))?(?![\d/])"
)
_WORDED = re.compile(
    r"ngày\s+(?P<day>[0-3]?\d)\s+tháng\s+(?P<month>[01]?\d)(?:\s+năm\s+(?P<year>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
_RANGE = re.compile(
    r"(?:từ\s+)?ngày\s+(?P<first>[0-3]?\d)\s*(?:đến|-|–)\s*(?:ngày\s+)?(?P<day>[0-3]?\d)\s*[/-]\s*(?P<month>[01]?\d)"
    r"(?:\s*[/-]\s*(?P<year>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"\b(?:(?:sáng|trưa|chiều|tối|đêm)\s+)?(?P<word>hôm\s+nay|nay|hôm\s+qua|qua|hôm\s+kia)\b(?!\s+(?:đến|tới))",
    re.IGNORECASE,
)
_RELATIVE_DAYS = {"hôm nay": 0, "nay": 0, "hôm qua": -1, "qua": -1, "hôm kia": -2}


def make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_iso(value: str | None) -> date | None:
    """The date part of an ISO 8601 date or date-time."""
    if not value:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    return make_date(*map(int, match.groups())) if match else None


def _resolve(day: int, month: int, year: int | None, reference: date | None) -> date | None:
    """A day and month without a year is the latest such date not after the reference."""
    if year is not None:
        return make_date(year, month, day)
    if reference is None:
        return None
    candidate = make_date(reference.year, month, day)
    if candidate and candidate > reference + timedelta(days=1):
        candidate = make_date(reference.year - 1, month, day)
    return candidate


def find_event_date(text: str, reference: date | None, skip: list[tuple[int, int]] = (),
                    relative: bool = True, near: int = 0) -> date | None:
    """The date an event sentence gives ('Chiều ngày 19/12', 'sáng nay', 'ngày 10 đến 19-5-1941').

    Dates inside ``skip`` (spans of cited documents) belong to the documents. 'Sáng nay'
    and 'hôm qua' count only when ``relative``: against a real publication date. Of several
    dates, the one nearest to ``near`` (where the event is named) wins.
    """

    def free(match: re.Match) -> bool:
        return not any(start <= match.start() < end for start, end in skip)

    candidates = []
    for pattern in (_RANGE, _WORDED, _DAY_MONTH_YEAR):
        for match in pattern.finditer(text):
            if not free(match):
                continue
            if pattern is _DAY_MONTH_YEAR and not _is_day_context(text, match.start()):
                continue
            groups = match.groupdict()
            day = int(groups["first"] if groups.get("first") else groups["day"])
            year = int(groups["year"]) if groups.get("year") else None
            resolved = _resolve(day, int(groups["month"]), year, reference)
            if resolved:
                candidates.append((match.start(), resolved))
    for match in _RELATIVE.finditer(text):
        if relative and free(match) and reference is not None and _relative_is_time(text, match):
            candidates.append((match.start(), reference + timedelta(days=_RELATIVE_DAYS[_key(match)])))
    if not candidates:
        return None
    clause_start, clause_end = _clause_around(text, near)
    return min(candidates, key=lambda c: (not clause_start <= c[0] < clause_end, abs(c[0] - near)))[1]


def _clause_around(text: str, position: int) -> tuple[int, int]:
    """The clause holding ``position``, between ';' or ' và ' joints."""
    joints = [m.start() for m in re.finditer(r";|\svà\s", text)]
    start = max([j for j in joints if j <= position], default=0)
    end = min([j for j in joints if j > position], default=len(text))
    return start, end


def _key(match: re.Match) -> str:
    return re.sub(r"\s+", " ", match.group("word").lower())


def _relative_is_time(text: str, match: re.Match) -> bool:
    """'nay' and 'qua' are dates only after a part of the day ('sáng nay', 'chiều qua') or 'hôm'."""
    word = _key(match)
    return word.startswith("hôm") or match.group(0).lower() != word


def _is_day_context(text: str, start: int) -> bool:
    """'19/12' is a date after 'ngày', a part of the day, or a comma; '2/3 số đại biểu' is not."""
    before = text[max(0, start - 12):start].lower()
    return bool(re.search(r"(?:ngày|sáng|trưa|chiều|tối|đêm|hôm|,|^)\s*$", before)) or start == 0


def parse_cited_date(text: str) -> date | None:
    """A full date as documents are cited: '16/3/2022', '16-3-2022', 'ngày 16 tháng 3 năm 2022'."""
    for pattern in (_WORDED, _DAY_MONTH_YEAR):
        match = pattern.search(text)
        if match and match.group("year"):
            return make_date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    return None


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_RANGE_END = re.compile(r"(?:(?:19|20)\d\d\s*[-–]|(?:đến|tới)\s+(?:năm\s+)?)\s*$")


def reference_from_text(text: str) -> date | None:
    """For an article without a publication date, a stand-in: the latest year it names
    (not counting the ends of ranges such as 'nhiệm kỳ 2025-2030' or 'đến năm 2030'), at
    the latest full date it gives in that year, else at that year's end."""
    years = [int(m.group()) for m in _YEAR.finditer(text) if not _RANGE_END.search(text[max(0, m.start() - 16):m.start()])]
    if not years:
        return None
    year = max(years)
    full = [
        made for match in _DAY_MONTH_YEAR.finditer(text) if match.group("year") == str(year)
        if (made := make_date(year, int(match.group("month")), int(match.group("day"))))
    ]
    return max(full) if full else date(year, 12, 31)
