"""Cited legal and Party documents: 'Nghị quyết số 12 ngày 16/3/2022 của Bộ Chính trị khóa XIII về ...',
'Nghị định 100/2019/NĐ-CP', 'Luật Đất đai 2013'."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..lexicon import lexicon
from ..normalise import canonical
from .dates import parse_cited_date
from .issuers import choose_issuer, issuer_after, issuer_before, term_of
from .marks import matchers
from .sentence import SentenceAnalysis

_NAMED_LAW_TYPES = ("Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp")
_CONSTITUTION = "Hiến pháp"
"""The one law a text names by its type alone ('theo quy định của Hiến pháp')."""
_NEXT_CITATION = re.compile(r"\s+và\s+(?=(?:Bộ luật|Luật|Pháp lệnh|Nghị định|Nghị quyết|Quyết định|Thông tư|Chỉ thị)\b)|\s+và\s*$")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DIGIT = re.compile(r"\d")

# A symbol: digits, then parts joined by '/' or '-'; a dash spaced out between letter codes
# ('35/NQ - CP', '01/2014/TT- TTCP', '176 - TB/VPTU') still joins them. '27.173' is no symbol.
_NUMBER = (r"\d+(?:[/-][\wĐđ]+|(?<=[^\W\d_])\s*[/-]\s*(?=[A-ZĐ]{2})[\wĐđ]+"
           r"|(?<=\d)\s+-\s+(?=[A-ZĐ]{2,}[/-])[\wĐđ]+)*(?![.,]?\d)")
# After a bare number, words that count things: 'Báo cáo 6 tháng', 'kỷ luật 4 người'.
_COUNTED = re.compile(r"\s*(?:%|tháng|người|trường hợp|lần|tỷ|triệu|nghìn|ngàn|đồng|hộ|vụ|cán bộ|đơn vị|giờ|phút|km|ha)(?!\w)")
_JOINED = re.compile(r"\s*(?:,|và)\s*")
_FULL_DATE = r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d\d|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(?:19|20)\d\d"
_DAY_MONTH = r"\d{1,2}\s*[/-]\s*\d{1,2}(?![\d/-])|\d{1,2}\s+tháng\s+\d{1,2}(?!\s+năm)"
# A day and month without the year ('công văn số 1017 ngày 29/4') is passed over: the year
# is the publication's, which a sentence does not know.
_CITED_DATE = (rf"(?P<date>,?\s+(?:(?:ký|ban hành)\s+)?(?:ngày\s+)?(?:{_FULL_DATE})"
               rf"|\s+(?:(?:ký|ban hành)\s+)?ngày\s+(?:{_DAY_MONTH}))?")
# 'Quyết định 935, 936 của ...': further numbers of the same type share what follows them.
_MORE_NUMBER = rf"\s*(?:,|và)\s*(?:số\s+)?({_NUMBER})(?=\s+(?:của|do|về)\b|\s+ngày\s+\d|\s*[,;.)]|\s+và\b|$)"
_DATE_BEFORE = re.compile(
    rf"(?:^|[;:]\s*|\.\s+)(?:(?:sáng|trưa|chiều|tối)\s+)?(?:ngày\s+)?(?P<date>{_FULL_DATE})\s*,?\s*$", re.IGNORECASE)
# Words that end a law's title: verbs and adverbs that follow one ('Luật Đấu thầu bao gồm',
# 'Luật Giáo dục cần sửa'); a title in lower case ('Luật đất đai năm 2013') also ends at a
# function word. Words after 'Luật' that show it is no title: 'Luật sư', 'Luật này'.
_AFTER_TITLE = frozenset(
    "đã được là có sẽ cũng mới vừa đang chưa như nêu cần đều bao lại lên xảy còn chỉ hoặc".split())
_TITLE_BREAKS = _AFTER_TITLE | frozenset(
    "năm không này đó thì mà nhưng khi để cho nhằm nên vì tại trong với theo của do và".split())
_NOT_TITLE_STARTS = frozenset(
    "sư pháp sửa quy số cũ hiện nói chung định lệ ngay vẫn ra vào về trên dưới đầy gồm".split())
_MAX_LOWER_TITLE = 10
_TITLE_TAIL = re.compile(
    rf"\s+(?:{'|'.join(sorted(_AFTER_TITLE))}|(?:Sáng|Trưa|Chiều|Tối|Đêm|Hôm|Ngày|ngày)(?=\s+(?:\d|nay|qua|mai))"
    r"|và(?=\s+(?:khoản|điều|điểm|chương|các|những|một|đặc|phù)\b))(?!\w)")
_LAW_NUMBER = re.compile(rf"\s+số\s+({_NUMBER})")
_CLAUSE_START = re.compile(r"(?:^|[.:;!?\"“(]\s*)$")


@dataclass(frozen=True, slots=True)
class DocumentMention:
    start: int
    end: int
    type: str
    number: str | None
    name: str | None
    date: str | None
    issuer: str | None
    term: str | None
    subject: str | None


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    types = sorted((e.name for e in lexicon().document_types.entries()), key=len, reverse=True)
    alternatives = "|".join(re.escape(t) + "|" + re.escape(t[0].lower() + t[1:]) for t in types)
    numbered = re.compile(
        rf"(?<!\w)(?P<type>{alternatives})\s+(?:số\s+)?(?P<number>{_NUMBER})(?P<list>(?:{_MORE_NUMBER})*)"
        + _CITED_DATE
    )
    # Tried only where a word of the sentence starts a type's name (SentenceAnalysis.lexicon_matches).
    matchers().scan_by_first_words(numbered, types + [t[0].lower() + t[1:] for t in types])
    law_types = "|".join(re.escape(t) for t in _NAMED_LAW_TYPES)
    named = re.compile(rf"(?<!\w)(?P<type>{law_types})(?=\s|[,.;:)]|$)")
    return numbered, named, re.compile(_MORE_NUMBER)


def find_documents(analysis: SentenceAnalysis) -> list[DocumentMention]:
    """Every document the sentence cites."""
    found = _numbered_documents(analysis)
    return found + _named_laws(analysis, found)


def _numbered_documents(analysis: SentenceAnalysis) -> list[DocumentMention]:
    """'Nghị định số 100/2019/NĐ-CP ngày 30/12/2019 của Chính phủ về ...'."""
    text = analysis.text
    found: list[DocumentMention] = []
    if not _DIGIT.search(text):
        return found  # a cheap test first: no number, no numbered document
    numbered, _, more = _patterns()
    previous_end, issued_before = -1, (None, None)
    for match in analysis.lexicon_matches(numbered):
        type_ = lexicon().document_types.get(match.group("type")).name
        numbers = [_clean_number(match.group("number"))]
        numbers += [_clean_number(m.group(1)) for m in more.finditer(match.group("list"))]
        if type_ in _NAMED_LAW_TYPES and _YEAR.fullmatch(numbers[0]):
            continue  # "Hiến pháp 2013" is named by its year, not numbered
        if numbers[0].isdigit() and _COUNTED.match(text, match.end("number")):
            continue  # "Báo cáo 6 tháng đầu năm", "kỷ luật 4 người"
        cited_on = parse_cited_date(match.group("date") or "")
        issuer, term, end = issuer_after(analysis, match.end())
        body_before, term_before, body_start = issuer_before(analysis, match.start())
        if body_start is not None and not cited_on:
            cited_on = _date_before(text, body_start)
        if body_start is None and _JOINED.fullmatch(text, previous_end, match.start()):
            body_before, term_before = issued_before  # "Chính phủ ban hành Nghị định 24, Nghị định 37"
        previous_end, issued_before = end, (body_before, term_before)
        subject, end = _subject(text, end)
        for number in numbers:
            found.append(DocumentMention(
                match.start(), end, type_, number, None, cited_on.isoformat() if cited_on else None,
                choose_issuer(issuer, body_before, number, analysis),
                term or term_before or term_of(number), subject))
    return found


def _clean_number(number: str) -> str:
    return re.sub(r"\s+", "", number).rstrip("/-")


def _named_laws(analysis: SentenceAnalysis, numbered: list[DocumentMention]) -> list[DocumentMention]:
    """'Bộ luật Hình sự năm 2015', 'Luật đất đai', 'Hiến pháp 2013': laws cited by name alone."""
    text = analysis.text
    found: list[DocumentMention] = []
    if not any(law_type in text for law_type in _NAMED_LAW_TYPES):
        return found  # a cheap test first
    _, named, _ = _patterns()
    for match in named.finditer(text):
        if any(d.start <= match.start() < d.end for d in numbered) or _inside_a_name(text, match.start()):
            continue
        title_end = _title_end(analysis, match.start(), match.end())
        if title_end is None:
            if match.group("type") != _CONSTITUTION:
                continue  # "Luật 2015", "Luật này" name no law
            title_end = match.end()
        joint = _NEXT_CITATION.search(text, match.end(), title_end)
        if joint:
            title_end = joint.start()  # "Luật Đất đai và Luật Nhà ở" cites two laws
        number, after = None, title_end
        cited_number = _LAW_NUMBER.search(text, match.end())
        if cited_number and cited_number.start() <= title_end:  # "Bộ luật Hình sự số 100/2015/QH13"
            title_end, number, after = cited_number.start(), _clean_number(cited_number.group(1)), cited_number.end()
        title = analysis.m.abbreviations.sub(lambda m: lexicon().abbreviations[m.group()], text[match.end():title_end])
        year = re.match(r"\s+(?:năm\s+)?((?:19|20)\d\d)\b", text[title_end:])
        if year and number is None and not title.rstrip().endswith(year.group(1)):
            title, after = f"{title} {year.group(1)}", title_end + year.end()
        name = canonical(f"{match.group('type')} {title.strip()}")
        issuer, term, end = issuer_after(analysis, after)
        body_before, term_before, _ = issuer_before(analysis, match.start())
        found.append(DocumentMention(match.start(), end, match.group("type"), number, name, None,
                                     choose_issuer(issuer, body_before, number, analysis),
                                     term or term_before or (term_of(number) if number else None), None))
    return found


def _title_end(analysis: SentenceAnalysis, start: int, position: int) -> int | None:
    """Where the title of a law named after ``position`` ends, without a time that follows
    it ('Luật Cảnh vệ Chiều 20/11') or a verb ('Luật Quản lý nợ công như đã nêu'). A title in
    lower case does not open a sentence: 'Luật chỉ yêu cầu ...' is 'The law ...'."""
    text = analysis.text
    end = analysis.title_end(position)
    if end is None or not text[position:end].strip()[:1].isalpha():
        return None if _CLAUSE_START.search(text[:start].rstrip()) else _lower_title_end(text, position)
    tail = _TITLE_TAIL.search(text, position)
    if tail and tail.start() < end:
        end = tail.start()
    return end if text[position:end].strip() else None


def _lower_title_end(text: str, position: int) -> int | None:
    """'Luật đất đai năm 2013', 'Luật an toàn thực phẩm,': a title in lower case runs over a
    few words up to a punctuation mark, a year or a word no title holds ('đã', 'là')."""
    end, count = position, 0
    word = re.compile(r"(?:,\s*(?=chống\b)|\s+)([^\W\d_]+)(?!\w)")
    while (found := word.match(text, end)) and found.group(1).islower():
        if found.group(1) in _TITLE_BREAKS or (count == 0 and found.group(1) in _NOT_TITLE_STARTS):
            return end if count >= 2 else None
        end, count = found.end(), count + 1
        if count > _MAX_LOWER_TITLE:
            return None
    closed = re.match(r"\s*(?:[,.;:)]|$)|\s+(?:năm\s+)?(?:19|20)\d\d\b|\s+số\s+\d", text[end:])
    return end if count >= 2 and closed else None


def _inside_a_name(text: str, start: int) -> bool:
    """'Báo Pháp Luật': a type word right after a capitalised word belongs to another name."""
    before = text[:start].rstrip()
    previous = before.rsplit(None, 1)[-1] if before else ""
    return bool(previous) and previous[0].isupper() and previous[-1].isalpha() and not before.endswith((".", ":"))


def _date_before(text: str, start: int) -> date | None:
    """'Ngày 16/02/2017, Bộ GDĐT đã ban hành Công văn ...': the date the clause opens with."""
    match = _DATE_BEFORE.search(text[:start])
    return parse_cited_date(match.group("date")) if match else None


def _subject(text: str, position: int) -> tuple[str | None, int]:
    """'về đẩy mạnh ...' up to the end of the clause."""
    about = re.match(r"\s+(?:về\s+việc|về)\s+([^;]+?)(?=;|\.\s|\.$|$)", text[position:])
    if not about:
        return None, position
    return about.group(1).strip(" ,"), position + about.end()
