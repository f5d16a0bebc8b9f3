"""Who issued a cited document: the body the text names after the citation ('... của Bộ
Chính trị') or before it ('Thủ tướng Chính phủ ban hành ...'), else the one its symbol's code
names ('100/2019/NĐ-CP': Chính phủ); and the term (khóa) the text or the symbol gives."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import lexicon
from ..normalise import canonical
from .marks import ends_with_word
from .mentions import OrgMention, PlaceMention
from .sentence import SentenceAnalysis

_ROMAN = re.compile(r"^[IVXLC]+$")
_PROVINCE_KINDS = ("tỉnh", "thành phố")
_PLACE_GAP = re.compile(r"\s+(?:(?:tỉnh|thành phố|TP\.?)\s*)?")
_UNPLACED = ""
"""The issuer of a document the text says a local body issued without naming its place."""
_ISSUING_VERB = r"(?<!\w)(?:có|ban hành|ký|ký ban hành|gửi|phát hành|thông qua|biểu quyết thông qua|ra|lên)"
_ISSUING = re.compile(
    r"(?:,?\s*khóa\s+(?P<term>[IVXLC]+)\b)?\s*,?\s*(?:(?:đã|vừa|mới|cũng|chính\s+thức)\s+)*"
    rf"{_ISSUING_VERB}\s*$",
    re.IGNORECASE,
)
# The verb alone, at the end of the words before a citation: a cheap test before _ISSUING,
# which tries every position of the text before it.
_ENDS_WITH_ISSUING_VERB = re.compile(rf"{_ISSUING_VERB}\Z", re.IGNORECASE)
_LONGEST_ISSUING_VERB = 24


def choose_issuer(written: str | None, before: str | None, number: str | None,
                  analysis: SentenceAnalysis) -> str | None:
    """The issuer the text names ('... của Bộ Chính trị', 'Bộ Chính trị có Nghị quyết ...')
    wins over the default read from the symbol ('/TW'), unless the text names the head who
    signs for the body the symbol names ('Nghị định 108/2014/NĐ-CP của Thủ tướng Chính phủ').
    A local body named without its place ('của UBND tỉnh') leaves the issuer unknown."""
    text_issuer = before if written is None else written
    if text_issuer == _UNPLACED:
        return None
    symbol_issuer = _issuer_from_symbol(number, analysis) if number else None
    if text_issuer is None or (symbol_issuer and _signs_for(text_issuer, symbol_issuer)):
        return symbol_issuer
    return text_issuer


def _signs_for(text_issuer: str, symbol_issuer: str) -> bool:
    """'Thủ tướng Chính phủ' signs for 'Chính phủ': a post followed by the body's name."""
    head = text_issuer.removesuffix(" " + symbol_issuer)
    return head != text_issuer and head in lexicon().roles


def issuer_after(analysis: SentenceAnalysis, position: int) -> tuple[str | None, str | None, int]:
    """'của Bộ Chính trị khóa XIII', 'của Thủ tướng Chính phủ' after a citation; the issuer
    is _UNPLACED where the text names a local body without its place ('của UBND tỉnh')."""
    text = analysis.text
    issuer = term = None
    of = re.match(r"\s+(?:của|do)\s+", text[position:])
    if of:
        body = _body_at(analysis, position + of.end())
        if body is not None:
            issuer, position = body
    term_match = re.match(r",?\s+khóa\s+([IVXLC]+)\b", text[position:], re.IGNORECASE)
    if term_match and _ROMAN.match(term_match.group(1)):
        term, position = term_match.group(1), position + term_match.end()
    return issuer, term, position


def issuer_before(analysis: SentenceAnalysis, start: int) -> tuple[str | None, str | None, int | None]:
    """'UBND tỉnh Hà Nam vừa có Công điện số 01', 'Quốc hội khóa XIV đã thông qua Luật ...',
    'Chủ tịch UBND tỉnh X - Nguyễn Văn A, đã ký Công điện ...': the body just before the
    citation issued it. Gives the body, its term and where its name starts, or Nones."""
    text = analysis.text
    words_end = len(text[:start].rstrip())
    if not _ENDS_WITH_ISSUING_VERB.search(text, max(0, words_end - _LONGEST_ISSUING_VERB), words_end):
        return None, None, None
    issuing = _ISSUING.search(text, 0, start)
    if issuing is None or issuing.end() != start:
        return None, None, None
    end = len(text[:issuing.start()].rstrip(" ,"))
    signer = next((p for p in analysis.persons if p.end == end), None)
    if signer is not None:
        end = len(text[:signer.start].rstrip(" ,-–"))
    body = _body_ending_at(analysis, end)
    if body is None:
        return None, None, None
    return body[0], issuing.group("term"), body[1]


def _body_at(analysis: SentenceAnalysis, position: int) -> tuple[str, int] | None:
    """The issuing body named at ``position``: an organisation, or a post whose holder
    issues documents ('Thủ tướng Chính phủ', 'Chủ tịch nước'). Gives it and where it ends."""
    text = analysis.text
    role = analysis.m.roles.match(text, position)
    if role is not None:
        after = role.end() + len(text[role.end():]) - len(text[role.end():].lstrip())
        org = next((o for o in analysis.orgs if o.start == after), None)
        if org is not None:
            name = _post_issuer(role.group(), org.name) or _org_name(org, analysis)
            return name, org.end
        name = _post_issuer(role.group(), lexicon().roles.get(role.group()).extra)
        return (name, role.end()) if name else None
    org = next((o for o in analysis.orgs if o.start == position), None)
    return (_org_name(org, analysis), org.end) if org is not None else None


def _body_ending_at(analysis: SentenceAnalysis, end: int) -> tuple[str, int] | None:
    """The issuing body whose name ends at ``end``, and where its name starts."""
    text = analysis.text
    org = next((o for o in analysis.orgs if o.end == end), None)
    if org is not None:
        role = _role_ending(analysis, len(text[:org.start].rstrip()))
        name = (_post_issuer(role, org.name) if role else None) or _org_name(org, analysis)
        start = len(text[:org.start].rstrip()) - len(role) if role else org.start
        return name, start
    role = _role_ending(analysis, end)
    if role is None:
        return None
    name = _post_issuer(role, lexicon().roles.get(role).extra)
    return (name, end - len(role)) if name else None


def _role_ending(analysis: SentenceAnalysis, end: int) -> str | None:
    """The longest post whose name ends at ``end`` ('Phó Thủ tướng', not 'Thủ tướng')."""
    text = analysis.text[:end]
    if ends_with_word(text, analysis.m.role_ends) is None:
        return None
    return max((r for r in analysis.m.role_ends if ends_with_word(text, (r,))), key=len)


def _post_issuer(role: str, org_name: str) -> str | None:
    """'Thủ tướng' + 'Chính phủ' is the issuer 'Thủ tướng Chính phủ' (a deputy signs for
    the head: 'Phó Thủ tướng' too); a post that issues nothing of its own gives None."""
    head = role.removeprefix("Phó ")
    issuers = set(lexicon().issuer_codes.values())
    for candidate in (f"{head} {org_name}".strip(), head):
        if candidate in issuers:
            return candidate
    return None


def _org_name(org: OrgMention, analysis: SentenceAnalysis) -> str:
    """An organisation's name as an issuer. A local body the recogniser left without its
    place takes the province or city written right after it ('UBND TP Hồ Chí Minh');
    without one ('UBND tỉnh') it is _UNPLACED: which province it is only the article knows."""
    if org.local_head is None:
        name = _without_citation(org.name)
        if (org.provincial or _ends_with_local_head(name)) and not (org.place and org.place in name):
            return _UNPLACED  # "Sở Xây dựng", "Ban Thường vụ Tỉnh ủy": of the article's province
        return name
    place = next((p for p in analysis.places if p.start >= org.end and _PLACE_GAP.fullmatch(analysis.text, org.end, p.start)), None)
    if place is None or place.kind not in _PROVINCE_KINDS:
        return _UNPLACED
    return _placed(org.local_head, place)


def _ends_with_local_head(name: str) -> bool:
    """'Ban Thường vụ Tỉnh ủy': a name ending in a body every province has ('Bộ Công an' is one body)."""
    return name not in lexicon().organizations and any(name == kind.name or name.endswith(" " + kind.name)
               for kind in lexicon().org_kinds.entries() if kind.extra == "yes")


def _without_citation(name: str) -> str:
    """'Ban Chỉ đạo Quốc gia và Quyết định số 936': a name run on into the next citation."""
    cut = _citation().search(name)
    return name[:cut.start()].rstrip(" ,").removesuffix(" và").rstrip(" ,") if cut else name


def _placed(head: str, place: PlaceMention) -> str:
    """'Ủy ban nhân dân' in 'Hồ Chí Minh': 'Ủy ban nhân dân thành phố Hồ Chí Minh'."""
    if place.name.startswith(place.kind) or head.endswith(("ủy", "Ủy")):
        return canonical(f"{head} {place.name}")
    return canonical(f"{head} {place.kind} {place.name}")


def term_of(number: str) -> str | None:
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
    """'100/2019/NĐ-CP' was issued by Chính phủ: the first code after the number, the year
    and the type's symbol names the issuer ('QĐUB' runs type and issuer together); what
    follows it is the drafting unit ('3299/UBND-SXD' is the UBND's, not the Sở's). A local
    body's code ('UBND') names the one of that kind, or of the province, the sentence names."""
    codes = lexicon().issuer_codes
    symbols = _type_symbols()
    for part in re.split(r"[/-]", number)[1:]:
        if part.isdigit() or part in symbols:
            continue
        candidates = [part, re.sub(r"\d+$", "", part)]
        prefixes = [s for s in symbols if len(s) > 1 and part.startswith(s)]
        candidates += [part[len(s):] for s in prefixes]
        issuer = next((codes[c] for c in candidates if c in codes), None)
        if issuer:
            return _local_issuer(issuer, analysis) if _is_local(issuer) else issuer
        if not prefixes:
            return None  # "QĐNS/TW": a type's symbol with a qualifier; else the issuer is unknown
    return None


@lru_cache(maxsize=1)
def _type_symbols() -> frozenset[str]:
    """'NQ', 'QĐ', 'CT', ...: the symbols of every document type."""
    return frozenset(s.strip() for e in lexicon().document_types.entries() for s in e.extra.split("|") if s.strip())


def _is_local(issuer: str) -> bool:
    """'Ủy ban nhân dân', 'Sở Y tế': a body every province has, not one national body."""
    if issuer in lexicon().organizations:
        return False
    return any((issuer == kind.name or issuer.startswith(kind.name + " ")) and kind.extra in ("yes", "implied")
               for kind in lexicon().org_kinds.entries())


def _local_issuer(issuer: str, analysis: SentenceAnalysis) -> str | None:
    """'UBND' in a symbol: the Ủy ban nhân dân of a place the sentence names, if just one."""
    named = next((o.name for o in analysis.orgs if o.name.startswith(issuer + " ") and o.place and o.place in o.name), None)
    if named:
        return named
    provinces = {(p.kind, p.name): p for p in analysis.places if p.kind in _PROVINCE_KINDS}
    return _placed(issuer, provinces.popitem()[1]) if len(provinces) == 1 else None


@lru_cache(maxsize=1)
def _citation() -> re.Pattern:
    """A document type and a number: where an organisation's name run on into a citation ends."""
    types = "|".join(re.escape(e.name) for e in lexicon().document_types.entries())
    return re.compile(rf"(?:{types})\s+(?:số\s+)?\d")
