"""Publication times as pages and exports write them, turned into ISO 8601 with a UTC offset.

Machine-readable values ("2025-10-22T19:25:52+07:00", "2012-12-23T14:02+07:00",
"2012-12-25") and the datelines Vietnamese sites show ("Thứ Ba, 25/12/2012 - 10:03",
"Thứ Hai, 24/12/2012, 03:04 AM (GMT+7)", "ngày 30/11/12 04:00 chiều") give
"YYYY-MM-DDTHH:MM:SS+HH:MM"; a value without an offset is taken as Vietnam time
(+07:00); a date without a time stays a date ("YYYY-MM-DD"), no time is made up.
"""
from __future__ import annotations

import re
from datetime import date, datetime

VIETNAM_OFFSET = "+07:00"

_ISO = re.compile(
    r"^\s*(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)"
    r"(?:[T ](?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d)(?:\.\d+)?)?"
    r"\s*(?P<zone>Z|[+-]\d\d:?\d\d)?)?\s*$"
)
_DATE = r"(?P<day>[0-3]?\d)\s*[/.-]\s*(?P<month>[01]?\d)\s*[/.-]\s*(?P<year>(?:19|20)?\d\d)(?!\d)"
_TIME = (r"(?P<hour>[0-2]?\d)\s*(?::|h|g)\s*(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?"
         r"(?:\s*(?P<half>AM|PM|SA|CH|sáng|trưa|chiều|tối|đêm)\b)?")
_ZONE = r"(?:\s*\(?\s*(?:GMT|UTC)\s*(?P<offset>[+-]\s*\d{1,2})(?::?(?P<offset_minutes>\d\d))?\s*\)?)?"
_GAP = r"[\s,|–-]*(?:lúc\s+|ngày\s+)?"
_DATELINES = (
    re.compile(rf"(?<!\d){_DATE}{_GAP}{_TIME}{_ZONE}", re.IGNORECASE),
    re.compile(rf"(?<![\d:]){_TIME}{_ZONE}{_GAP}{_DATE}{_ZONE.replace('offset', 'offset2')}", re.IGNORECASE),
)
_DATE_ONLY = re.compile(rf"(?<![\d/.-]){_DATE}(?![/.-]?\d)")
_AFTERNOON = {"pm", "ch", "chiều", "tối", "đêm"}


def parse_timestamp(value: str | None) -> str | None:
    """An ISO 8601 date-time with offset (or a bare date) from a metadata value or a dateline."""
    if not value:
        return None
    iso = _ISO.match(value)
    if iso:
        return _from_iso(iso)
    return find_dateline(value) or _find_date(value)


def find_dateline(text: str) -> str | None:
    """The first date with a time of day in ``text`` ('Thứ Tư, 26/12/2012 17:14'), or None."""
    for pattern in _DATELINES:
        for match in pattern.finditer(text):
            stamp = _from_dateline(match)
            if stamp:
                return stamp
    return None


def has_time(stamp: str | None) -> bool:
    return bool(stamp) and "T" in stamp


def _from_iso(match: re.Match) -> str | None:
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if not _valid(year, month, day):
        return None
    if match["hour"] is None:
        return f"{year:04d}-{month:02d}-{day:02d}"
    hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
    if hour > 23:
        return None
    zone = match["zone"]
    if zone is None:
        offset = VIETNAM_OFFSET
    elif zone == "Z":
        offset = "+00:00"
    else:
        digits = zone.replace(":", "")
        offset = f"{digits[:3]}:{digits[3:]}"
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{offset}"


def _from_dateline(match: re.Match) -> str | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if year < 100:
        year += 2000
    month, day = int(groups["month"]), int(groups["day"])
    hour, minute, second = int(groups["hour"]), int(groups["minute"]), int(groups["second"] or 0)
    half = (groups.get("half") or "").lower()
    if half and hour <= 12:
        if half in _AFTERNOON and hour < 12:
            hour += 12
        elif half in ("am", "sa", "sáng") and hour == 12:
            hour = 0
    if not _valid(year, month, day) or hour > 23:
        return None
    offset_text = groups.get("offset") or groups.get("offset2")
    if offset_text:
        hours = int(offset_text.replace(" ", ""))
        minutes = int(groups.get("offset_minutes") or groups.get("offset2_minutes") or 0)
        offset = f"{'-' if hours < 0 else '+'}{abs(hours):02d}:{minutes:02d}"
    else:
        offset = VIETNAM_OFFSET
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{offset}"


def _find_date(text: str) -> str | None:
    match = _DATE_ONLY.search(text)
    if not match:
        return None
    year = int(match["year"])
    year = year + 2000 if year < 100 else year
    month, day = int(match["month"]), int(match["day"])
    return f"{year:04d}-{month:02d}-{day:02d}" if _valid(year, month, day) else None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return 1900 <= year <= datetime.now().year + 1
