"""An article's layout: title and time header, body, captions, byline, site boilerplate.

News sites append the same furniture to every article (tag lists, the comment box,
a captcha, section menus); the byline is the last short line of the body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ..records import Sentence, Span

_TIME = r"(?P<hour>[01]?\d|2[0-3])[:hg](?P<minute>[0-5]\d)"
_DATE = r"(?P<day>[0-3]?\d)[/.-](?P<month>[01]?\d)[/.-](?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|Chủ\s+nhật|CN)\s*,?\s*)?"
_TIMEZONE = r"(?:\s*\(?\s*(?:GMT|UTC)\s*(?P<offset>[+-]\d{1,2})(?::?00)?\s*\)?)?"
_DATELINES = (
    re.compile(rf"^\s*{_WEEKDAY}{_TIME}\s*[,|-]?\s*(?:ngày\s*)?{_DATE}{_TIMEZONE}\s*$", re.IGNORECASE),
    re.compile(rf"^\s*{_WEEKDAY}{_DATE}\s*[,|-]?\s*{_TIME}{_TIMEZONE}\s*$", re.IGNORECASE),
)
_BOILERPLATE_START = re.compile(
    r"^\s*(?:Từ\s+khóa|Từ\s+khoá|Tags?|Chủ\s+đề|Bình\s+luận|Ý\s+kiến\s+bạn\s+đọc|Gửi\s+bình\s+luận"
    r"|captcha|Tin\s+liên\s+quan|Tin\s+cùng\s+chuyên\s+mục|Xem\s+thêm|Chia\s+sẻ\s*:)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)]\s*(?:/\.)?$")
# A byline's word: "Ngọc", "D.Ngọc", "D. Ngọc".
_NAME_WORD = r"(?:[A-ZĐ]\.\s?)?[A-ZĐÀ-Ỹ][\wÀ-ỹ]*"
_BYLINE = re.compile(
    rf"^(?:(?:PV|CTV|Nhóm\s+PV|Theo|Nguồn:)\s+)?(?P<names>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
    rf"(?:\s*[-–,]\s*{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})*)"
    # the outlet: "- TTXVN", "(Theo VOV)", "/TTXVN", "/VOV-Trung tâm tin (tổng hợp)"
    r"(?:\s*[-–(]\s*(?:Theo\s+)?[A-ZĐ][\wÀ-ỹ]*\)?|\s*/\s*[\w.+\-– ]{1,30}?(?:\s*\([^)]*\))?)?$"
)
# A sentence ends at . ! ? … followed by a space and a capital, digit or quote, unless
# the dot closes an abbreviation ("TP. Hà Nội", "PGS.TS", "Th.S").
_SPLIT = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-ZĐÀ-Ỹ0-9])")
_NO_BREAK_BEFORE = re.compile(r"(?:\b(?:TP|Tp|TT|Q|P|ThS|TS|GS|PGS|BS|KS|St|Mr|Ms|Dr|v\.v|Th)\.|\b[A-ZĐ]\.)$")
_LONGEST_NO_BREAK = 8
"""No abbreviation above is longer: only the end of a piece need be searched."""


@dataclass(frozen=True, slots=True)
class Layout:
    title: str | None
    published: str | None
    authors: tuple[str, ...]
    content_end: int
    sentences: tuple[Sentence, ...]


def _lines(text: str, start: int = 0, end: int | None = None):
    """(start offset, line without newline) for each line of text[start:end]."""
    end = len(text) if end is None else end
    position = start
    for line in text[start:end].split("\n"):
        yield position, line
        position += len(line) + 1


def parse_dateline(line: str) -> str | None:
    """'17:52 20/12/2023' (and the other usual orders) as ISO 8601 with +07:00."""
    match = next((m for m in (p.match(line) for p in _DATELINES) if m), None)
    if not match:
        return None
    groups = match.groupdict()
    offset = int(groups["offset"]) if groups.get("offset") else 7
    try:
        day, month, year = int(groups["day"]), int(groups["month"]), int(groups["year"])
        hour, minute = int(groups["hour"]), int(groups["minute"])
        datetime(year, month, day, hour, minute)
    except ValueError:
        return None
    sign = "+" if offset >= 0 else "-"
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00{sign}{abs(offset):02d}:00"


def find_content_end(text: str) -> int:
    """Offset of the first line of trailing site boilerplate, or the text's length."""
    for start, line in _lines(text):
        if _BOILERPLATE_START.match(line):
            return start
    return len(text)


def is_caption(line: str) -> bool:
    """A photo caption: a short body line that does not end like a sentence."""
    stripped = line.strip()
    words = stripped.split()
    return 1 < len(words) <= 40 and not _SENTENCE_END.search(stripped)


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans inside text[start:end], without surrounding spaces."""
    spans = []
    piece_start = start
    for match in _SPLIT.finditer(text, start, end):
        if _NO_BREAK_BEFORE.search(text, max(piece_start, match.start() - _LONGEST_NO_BREAK), match.start()):
            continue
        spans.append(Span(piece_start, match.start()))
        piece_start = match.end()
    spans.append(Span(piece_start, end))
    trimmed = []
    for span in spans:
        segment = text[span.start:span.end]
        left = len(segment) - len(segment.lstrip())
        right = len(segment.rstrip())
        if right > left:
            trimmed.append(Span(span.start + left, span.start + right))
    return trimmed


def parse_layout(text: str) -> Layout:
    """Split an article into header, body sentences and byline."""
    content_end = find_content_end(text)
    lines = [(start, line) for start, line in _lines(text, 0, content_end) if line.strip()]
    title = published = None
    body = lines
    if len(lines) > 1 and _is_title(lines[0][1]):
        title = lines[0][1].strip()
        body = lines[1:]
    for index, (_, line) in enumerate(body[:3]):
        published = parse_dateline(line)
        if published:
            body = body[:index] + body[index + 1:]
            break
    authors: tuple[str, ...] = ()
    if len(body) > 1:
        authors = _byline(body[-1][1])
        if authors:
            body = body[:-1]
    sentences = []
    for start, line in body:
        caption = is_caption(line)
        for span in split_sentences(text, start, start + len(line)):
            sentences.append(Sentence(span, text[span.start:span.end], caption))
    if not authors and len(sentences) > 1 and sentences[-2].text.endswith((".", "!", "?", "…", '"', "”")):
        # The byline glued to the last paragraph: "... làm rõ. Trùng Dương"
        authors = _byline(sentences[-1].text)
        if authors:
            sentences.pop()
    return Layout(title, published, authors, content_end, tuple(sentences))


def _is_title(line: str) -> bool:
    """Headlines do not end with a full stop; a first line that does is the body's first paragraph."""
    line = line.strip()
    return not parse_dateline(line) and not (line.endswith(".") and not line.endswith(".."))


def _byline(line: str) -> tuple[str, ...]:
    """The author names of a byline line ('Kim Anh', 'Văn Chương - Lương Ý'), or ()."""
    line = line.strip()
    byline = _BYLINE.match(line)
    if not byline or is_name_of_place_or_body(line) or is_name_of_place_or_body(byline.group("names")):
        return ()
    names = [name.strip() for name in re.split(r"\s*[-–,]\s*", byline.group("names")) if name.strip()]
    if len(names) > 1 and _is_agency(names[-1]):
        names.pop()  # "Xuân Anh - TTXVN": the reporter, then the agency
    if all(_written_in_capitals(name) for name in names):
        names = [" ".join(word.capitalize() for word in name.split()) for name in names]  # "SONG VŨ"
    elif any(word.isupper() and len(word) > 1 for name in names for word in name.split()):
        return ()  # an abbreviation: not a name
    return tuple(names)


def _is_agency(name: str) -> bool:
    """'TTXVN', 'VNA': one word in capitals closing a byline is the outlet, not a person."""
    return " " not in name and len(name) > 1 and name.isupper()


def _written_in_capitals(name: str) -> bool:
    """'HOÀI NAM': a byline in capitals, two to four syllables, none an abbreviation."""
    from ..lexicon import lexicon

    words = name.split()
    return 2 <= len(words) <= 4 and all(word.isupper() and word.isalpha() and len(word) <= 7
                                        and word not in lexicon().abbreviations for word in words)


def is_name_of_place_or_body(line: str) -> bool:
    """Bylines are people: a closing line like 'Bộ Công an' or 'Hà Nội' is not one."""
    from ..lexicon import lexicon

    lex = lexicon()
    first = line.split()[0] if line.split() else ""
    return lex.place(line) is not None or line in lex.organizations or first in {"Bộ", "Ban", "Sở", "Cục"}
