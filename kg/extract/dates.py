"""Dates as Vietnamese news writes them, resolved against the publication date.

An article without a publication date still names past times ('ngày 22/6/2025, Bộ
trưởng đã ban hành', 'cuối tháng 5-2017'); a day and month without a year resolve
against the latest of them only when they fall shortly after it (``Anchor``).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..lexicon import lexicon
from .cues import cues_in

# A day of one or two digits ('[0-3]?\d') not after a digit, '/', '.' or '-', written so that
# the pattern starts with a digit: the regex engine then skips to the digits of a text
# instead of trying every position.
_DAY_MONTH_YEAR = re.compile(
    r"(?P<day>\d(?<![\d/.-]\d)(?:(?<=[0-3])\d)?)\s*[/.-]\s*(?P<month>[01]?\d)"
    r"(?:\s*[/.-]\s*(?P<year>(?:19|20)\d\d))?(?![\d/])"
)
_WORDED = re.compile(
    r"ngày\s+(?P<day>[0-3]?\d)\s+tháng\s+(?P<month>[01]?\d)(?:\s+năm\s+(?P<year>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
_RANGE = re.compile(
    r"(?:từ\s+)?ngày\s+(?P<first>[0-3]?\d)(?:\s*[/.-]\s*(?P<first_month>[01]?\d))?\s*(?:đến|tới|-|–)\s*(?:ngày\s+)?"
    r"(?P<day>[0-3]?\d)\s*[/.-]\s*(?P<month>[01]?\d)(?:\s*[/.-]\s*(?P<year>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
_WORDED_RANGE = re.compile(
    r"(?:từ\s+)?ngày\s+(?P<first>[0-3]?\d)\s*(?:đến|tới|-|–)\s*(?:ngày\s+)?"
    r"(?P<day>[0-3]?\d)\s+tháng\s+(?P<month>[01]?\d)"
    r"(?:\s+năm\s+(?P<year>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"\b(?:(?:sáng|trưa|chiều|tối|đêm)\s+)?(?P<word>hôm\s+nay|nay|hôm\s+qua|qua|hôm\s+kia)\b(?!\s+(?:đến|tới))",
    re.IGNORECASE,
)
_RELATIVE_DAYS = {"hôm nay": 0, "nay": 0, "hôm qua": -1, "qua": -1, "hôm kia": -2}
# What every date pattern above needs: a cheap test that spares most sentences the scans.
_DIGIT = re.compile(r"\d")
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")


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
                    relative: bool = True, near: int = 0, anchor: Anchor | None = None) -> date | None:
    """The date an event sentence gives ('Chiều ngày 19/12', 'sáng nay', 'ngày 10 đến 19-5-1941').

    'Sáng nay' and 'hôm qua' count only when ``relative``: against a real publication date.
    Without a ``reference``, a day and month take the year the sentence names ('Đại hội
    nhiệm kỳ 2025-2030'), else resolve against ``anchor``. Of several dates, the one nearest
    to ``near`` (where the event is named) wins.
    """
    year_named = None if reference else _year_of_sentence(text, skip)
    candidates = []
    for start, day, month, year in _days_named(text, skip):
        if year is None and year_named is None and reference is None:
            resolved = anchor.resolve(day, month) if anchor else None
        else:
            resolved = _resolve(day, month, year or year_named, reference)
            if resolved and year is None and anchor and resolved < anchor.bound - _LATER_MENTION:
                resolved = None
        if resolved:
            candidates.append((start, resolved))
    for match in _RELATIVE.finditer(text):
        if relative and _free(match, skip) and reference is not None and _relative_is_time(text, match):
            candidates.append((match.start(), reference + timedelta(days=_RELATIVE_DAYS[_key(match)])))
    if not candidates:
        return None
    clause_start, clause_end = _clause_around(text, near)
    return min(candidates, key=lambda c: (not clause_start <= c[0] < clause_end, abs(c[0] - near)))[1]


def names_a_time(text: str, skip: list[tuple[int, int]] = ()) -> bool:
    """Whether a sentence says when something happened ('Sáng 16-6', 'chiều nay'), resolvable or not."""
    return any(True for _ in _days_named(text, skip)) or any(
        _free(match, skip) and _relative_is_time(text, match) for match in _RELATIVE.finditer(text))


def _days_named(text: str, skip: list[tuple[int, int]]):
    """(where, day, month, year or None) of each date in a sentence that can say when
    something happened. Dates inside ``skip`` (spans of cited documents) belong to the
    documents; dates after 'đến', 'trước' or 'sinh' are deadlines, tallies and births."""
    if not _DIGIT.search(text):
        return
    # The patterns but the last need 'ngày' (no other letters fold to its own): most sentences have none.
    worded = "ngày" in text.lower()
    for pattern in (_RANGE, _WORDED_RANGE, _WORDED, _DAY_MONTH_YEAR):
        if pattern is not _DAY_MONTH_YEAR and not worded:
            continue
        for match in pattern.finditer(text):
            if not _free(match, skip) or _NOT_WHEN.search(text, max(0, match.start() - 24), match.start()) \
                    or _CITED.search(text, max(0, match.start() - 40), match.start()):
                continue
            if pattern is _DAY_MONTH_YEAR and not _is_day_context(text, match.start()):
                continue
            yield (match.start(), *_first_day(match))


def _first_day(match: re.Match) -> tuple[int, int, int | None]:
    """Day, month and year of a date, or of the first day of a range ('từ ngày 29 đến 1/10' is 29/9)."""
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if not groups.get("first"):
        return int(groups["day"]), int(groups["month"]), year
    first, month = int(groups["first"]), int(groups.get("first_month") or groups["month"])
    if not groups.get("first_month") and first > int(groups["day"]):
        month, year = (month - 1, year) if month > 1 else (12, year - 1 if year else None)
    return first, month, year


def _free(match: re.Match, skip: list[tuple[int, int]]) -> bool:
    return not any(start <= match.start() < end for start, end in skip)


_NOT_WHEN = re.compile(
    r"(?:\b(?:đến|tới|trước|sinh|SN|kể\s+từ)|\bsau|hiệu\s+lực(?:\s+thi\s+hành)?(?:(?:\s+kể)?\s+từ|\s*\())\s*"
    r"(?:(?:sáng|trưa|chiều|tối|đêm)\s+)?(?:ngày\s+)?\Z", re.IGNORECASE)
_SINCE = re.compile(r"\btừ\s+(?:ngày\s+)?\Z", re.IGNORECASE)
_UNTIL_NOW = re.compile(r"\s*(?:đến|tới)\s+(?:nay|bây\s+giờ|hiện\s+nay)\b", re.IGNORECASE)
_ANNIVERSARY = re.compile(r"\b(?:kỷ\s+niệm|tròn)\s+(?P<years>\d{1,4})\s+năm\b[^.;]{0,120}?"
                          r"(?<![\d])(?P<year>(?:1[6-9]|20)\d\d)(?!\d)", re.IGNORECASE)
_YEAR_IN_SENTENCE = re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d\d)(?![\d/])")
_YEAR_NOT_NOW = re.compile(
    r"(?:(?:đến|tới|sinh|SN|tầm\s+nhìn)\s+(?:năm\s+)?|(?:19|20)\d\d\s*[-–]\s*|[/.-])\Z", re.IGNORECASE)


def _year_of_sentence(text: str, skip: list[tuple[int, int]]) -> int | None:
    """The year a sentence names as its own time: that of an anniversary ('kỷ niệm 46 năm
    Ngày toàn thắng 30/4/1975' is in 2021), else its one year that is not a range's end, a
    birth, a vision, a document's number or a planned future ('sẽ', 'dự kiến')."""
    anniversary = _ANNIVERSARY.search(text)
    if anniversary:
        return int(anniversary.group("year")) + int(anniversary.group("years"))
    years = {
        int(match.group("year")) for match in _YEAR_IN_SENTENCE.finditer(text)
        if not any(start <= match.start() < end for start, end in skip)
        and not _YEAR_NOT_NOW.search(text, max(0, match.start() - 16), match.start())
        and not _is_planned(text, match.start())
    }
    return years.pop() if len(years) == 1 else None


_MONTH_YEAR = re.compile(r"tháng\s+(?P<month>[01]?\d)\s*(?:[/.-]|\s+năm\s+)\s*(?P<year>(?:19|20)\d\d)(?!\d)",
                         re.IGNORECASE)
_CITED = re.compile(  # 'số 218 ngày', '35/NQ-CP ngày', '439 – QĐNS/TW, ngày': a cited document's date
    r"(?:[Ss]ố\s*\d[\w/.-]*|\d[\w.-]*/[\w/.-]*[A-ZĐ][\w/.-]*|[A-ZĐ]{2,}[\w/.-]*)\s*,?\s*"
    r"(?:(?:[Kk]ý|[Bb]an\s+hành)\s+)?[Nn]gày\s*\Z"
    r"|(?i:\b(?:ban\s+hành|ký|thông\s+qua)\s+(?:vào\s+)?(?:ngày\s*)?)\Z")  # 'được ban hành tháng 5 năm 2016'
_UNTIL = re.compile(r"(?P<lead>(?:^|[,;:(]|\btính)\s*)?(?:\b(?:đến|tới)|[-–])\s+(?:(?:ngày|tháng)\s+)?\Z",
                    re.IGNORECASE)
_ANCHOR_SPAN = timedelta(days=62)
_LATER_MENTION = timedelta(days=31)


@dataclass(frozen=True, slots=True)
class Anchor:
    """What an undated article says of its own time: it was written after ``bound``, the
    latest past time it names, and shortly after each time in ``near`` (times it names
    outside document citations, which can be years old)."""

    bound: date
    near: tuple[tuple[date, date], ...]

    def allows(self, when: date) -> bool:
        """Not long before a time the article names as past, and within two months of one it names."""
        return when >= self.bound - _LATER_MENTION and any(
            first - _ANCHOR_SPAN <= when <= last + _ANCHOR_SPAN for first, last in self.near)

    def resolve(self, day: int, month: int) -> date | None:
        """A day and month: the first such date the bound allows, if it is near a named time."""
        for year in (self.bound.year - 1, self.bound.year, self.bound.year + 1):
            candidate = make_date(year, month, day)
            if candidate and candidate >= self.bound - _LATER_MENTION:
                return candidate if self.allows(candidate) else None
        return None


def anchor_from_sentences(sentences: list[str]) -> Anchor | None:
    """The ``Anchor`` of an article without a publication date, from the full dates and
    months ('22/6/2025', 'tháng 5-2017', 'tính đến ngày 27/4/2021') its sentences name,
    except planned and future ones, deadlines and the ends of ranges ('đến 31/10'), and births.
    'Từ tháng 4/2016 đến nay' and 'Quốc hội khóa XIV' bound the article's time without being near it."""
    bound, near = None, []
    for text in sentences:
        for year in _term_years(text):
            bound = max(bound or date(year, 1, 1), date(year, 1, 1))
        for first, last, start, end in _named_times(text):
            since = bool(_SINCE.search(text, max(0, start - 12), start) and _UNTIL_NOW.match(text, end))
            if not since and not _names_its_own_time(text, start):
                continue
            bound = max(bound or first, first)
            if not since and not _CITED.search(text, max(0, start - 40), start):
                near.append((first, last))
    return Anchor(bound, tuple(near)) if bound else None


_NATIONAL_TERM = re.compile(
    r"\b(?P<body>Trung\s+ương|Quốc\s+hội)(?:\s+Đảng(?:\s+Cộng\s+sản\s+Việt\s+Nam)?|\s+\d{1,2})?,?\s+"
    r"[Kk]hóa\s+(?P<term>[IVXL]+|\d{1,2})\b")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def _term_years(text: str):
    """The first years of the national terms a sentence names ('Trung ương Đảng khóa XII': 2016),
    but not planned ones ('chuẩn bị nhân sự Ban Chấp hành Trung ương khóa XIV')."""
    if "hóa" not in text:
        return  # no "khóa", no term
    for match in _NATIONAL_TERM.finditer(text):
        body = re.sub(r"\s+", " ", match.group("body"))
        year = lexicon().national_terms.get((body, _term_number(match.group("term"))))
        if year and not _is_planned(text, match.start()):
            yield year


def _term_number(term: str) -> int:
    if term.isdigit():
        return int(term)
    values = [_ROMAN[letter] for letter in term]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _names_its_own_time(text: str, start: int) -> bool:
    """Whether the date at ``start`` is a past or present time: not planned, a deadline
    ('trước ngày'), the end of a range ('đến 31/10') or a birth. A tally ('tính đến ngày
    27/4', a leading 'Đến tháng 11-2016') counts; a start ('từ ngày 1/7') may be to come."""
    if _is_planned(text, start):
        return False
    before = text[max(0, start - 24):start]
    if _SINCE.search(before):
        return False
    if not _NOT_WHEN.search(before):
        return True
    until = _UNTIL.search(before)
    return bool(until and until.group("lead") is not None)


def _named_times(text: str):
    """(first day, last day, start, end) of each full date, range start and month with a year."""
    if not _YEAR_DIGITS.search(text):
        return
    for pattern in (_RANGE, _WORDED_RANGE, _WORDED, _DAY_MONTH_YEAR):
        for match in pattern.finditer(text):
            day, month, year = _first_day(match)
            if year and (first := make_date(year, month, day)):
                yield first, first, match.start(), match.end()
    for match in _MONTH_YEAR.finditer(text):
        year, month = int(match.group("year")), int(match.group("month"))
        if 1 <= month <= 12:
            last = date(year, month, calendar.monthrange(year, month)[1])
            yield date(year, month, 1), last, match.start(), match.end()


def _is_planned(text: str, position: int) -> bool:
    """Whether the clause around ``position`` speaks of a plan or the future ('sẽ', 'dự kiến')."""
    start, end = _clause_around(text, position)
    return bool(cues_in(text, "plan", start=start, end=end))


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


_YEAR = re.compile(r"(?:19|20)(?<!\d..)\d\d(?!\d)")  # '(?<!\d)' after the first digits, for the same reason
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
