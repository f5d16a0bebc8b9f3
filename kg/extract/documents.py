"""Cited legal and Party documents: 'Nghị quyết số 12 ngày 16/3/2022 của Bộ Chính trị khóa XIII về ...',
'Nghị định 100/2019/NĐ-CP', 'Luật Đất đai 2013'."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import lexicon
from ..normalise import canonical
from .dates import parse_cited_date
from .sentence import SentenceAnalysis

_ROMAN = re.compile(r"^[IVXLC]+$")
_NAMED_LAW_TYPES = ("Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp")
_NEXT_CITATION = re.compile(r"\s+và\s+(?=(?:Bộ luật|Luật|Pháp lệnh|Nghị định|Nghị quyết|Quyết định|Thông tư|Chỉ thị)\b)|\s+và\s*$")


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
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    types = sorted((e.name for e in lexicon().document_types.entries()), key=len, reverse=True)
    alternatives = "|".join(re.escape(t) + "|" + re.escape(t[0].lower() + t[1:]) for t in types)
    numbered = re.compile(
        rf"(?<!\w)(?P<type>{alternatives})\s+(?:số\s+)?(?P<number>\d+(?:[/-][\wĐđ]+)*)"
        r"(?P<date>\s+(?:ngày\s+)?(?:\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?"
    )
    law_types = "|".join(re.escape(t) for t in _NAMED_LAW_TYPES)
    named = re.compile(rf"(?<!\w)(?P<type>{law_types})(?=\s)")
    return numbered, named


def _term_of(number: str) -> str | None:
    """'QH14' in a symbol is Quốc hội khóa XIV."""
    match = re.search(r"QH(\d{1,2})\b", number)
    return _roman(int(match.group(1))) if match else None


def _roman(value: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for amount, letters in numerals:
        while value >= amount:
            out += letters
            value -= amount
    return out


def _issuer_from_symbol(number: str, analysis: SentenceAnalysis) -> str | None:
    """'100/2019/NĐ-CP' was issued by Chính phủ: the code after the type's symbol names the
    issuer; a local body's code ('UBND') names the one of that kind the sentence names."""
    codes = lexicon().issuer_codes
    parts = re.split(r"[/-]", number)
    for part in reversed(parts[1:]):
        base = re.sub(r"\d+$", "", part)
        issuer = codes.get(part) or (codes.get(base) if base != part else None)
        if issuer:
            local = next((o.name for o in analysis.orgs if o.name.startswith(issuer) and o.place), None)
            return local or issuer
    return None


_ISSUING = re.compile(
    r"\s*(?:,?\s*khóa\s+(?P<term>[IVXLC]+)\b)?\s*(?:đã\s+|vừa\s+|mới\s+)?(?:chính\s+thức\s+)?"
    r"(?:có|ban hành|ký|ký ban hành|gửi|phát hành|thông qua|biểu quyết thông qua)\s*",
    re.IGNORECASE,
)


def _issuer_before(analysis: SentenceAnalysis, start: int) -> tuple[str | None, str | None]:
    """'UBND tỉnh Hà Nam vừa có Công điện số 01', 'Quốc hội khóa XIV đã thông qua Luật ...':
    the body just before the citation issued it (and its term)."""
    before = [o for o in analysis.orgs if o.end <= start]
    if not before:
        return None, None
    issuing = _ISSUING.fullmatch(analysis.text, before[-1].end, start)
    if issuing is None:
        return None, None
    return before[-1].name, issuing.group("term")


def find_documents(analysis: SentenceAnalysis) -> list[DocumentMention]:
    """Every document the sentence cites."""
    text = analysis.text
    numbered, named = _patterns()
    found: list[DocumentMention] = []
    for match in numbered.finditer(text):
        type_ = lexicon().document_types.get(match.group("type")).name
        number = match.group("number").rstrip("/-")
        date = parse_cited_date(match.group("date") or "")
        end = match.end()
        issuer, term, end = _issuer_and_term(analysis, end)
        before, before_term = _issuer_before(analysis, match.start())
        issuer = issuer or _issuer_from_symbol(number, analysis) or before
        term = term or before_term
        term = term or _term_of(number)
        subject, end = _subject(text, end)
        found.append(DocumentMention(match.start(), end, type_, number, None,
                                     date.isoformat() if date else None, issuer, term, subject))
    for match in named.finditer(text):
        if any(d.start <= match.start() < d.end for d in found) or _inside_a_name(text, match.start()):
            continue
        title_end = analysis.title_end(match.end())
        if title_end is None or not text[match.end():title_end].strip()[:1].isalpha():
            continue  # "Luật 2015" names no law
        joint = _NEXT_CITATION.search(text, match.end(), title_end)
        if joint:
            title_end = joint.start()  # "Luật Đất đai và Luật Nhà ở" cites two laws
        title = analysis.m.abbreviations.sub(lambda m: lexicon().abbreviations[m.group()], text[match.end():title_end])
        year = re.match(r"\s+(?:năm\s+)?((?:19|20)\d\d)\b", text[title_end:])
        if year and not title.rstrip().endswith(year.group(1)):
            title, title_end = f"{title} {year.group(1)}", title_end + year.end()
        name = canonical(f"{match.group('type')} {title.strip()}")
        issuer, term, end = _issuer_and_term(analysis, title_end)
        before, before_term = _issuer_before(analysis, match.start())
        found.append(DocumentMention(match.start(), end, match.group("type"), None, name, None,
                                     issuer or before, term or before_term, None))
    return found


def _inside_a_name(text: str, start: int) -> bool:
    """'Báo Pháp Luật': a type word right after a capitalised word belongs to another name."""
    before = text[:start].rstrip()
    previous = before.rsplit(None, 1)[-1] if before else ""
    return bool(previous) and previous[0].isupper() and previous[-1].isalpha() and not before.endswith((".", ":"))


def _issuer_and_term(analysis: SentenceAnalysis, position: int) -> tuple[str | None, str | None, int]:
    """'của Bộ Chính trị khóa XIII' after a citation."""
    text = analysis.text
    issuer = term = None
    of = re.match(r"\s+(?:của|do)\s+", text[position:])
    if of:
        org = next((o for o in analysis.orgs if o.start == position + of.end()), None)
        if org is not None:
            issuer, position = org.name, org.end
    term_match = re.match(r",?\s+khóa\s+([IVXLC]+)\b", text[position:], re.IGNORECASE)
    if term_match and _ROMAN.match(term_match.group(1)):
        term, position = term_match.group(1), position + term_match.end()
    return issuer, term, position


def _subject(text: str, position: int) -> tuple[str | None, int]:
    """'về đẩy mạnh ...' up to the end of the clause."""
    about = re.match(r"\s+(?:về\s+việc|về)\s+([^;]+?)(?=;|\.\s|\.$|$)", text[position:])
    if not about:
        return None, position
    return about.group(1).strip(" ,"), position + about.end()
