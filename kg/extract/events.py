"""Events an article reports: a head noun ('tọa đàm', 'hội nghị') in a sentence that dates it.

Later mentions without a date of their own ('phát biểu tại hội nghị') refer to the event
reported last, so they add participants and speeches instead of new events. A noun that
names a kind ('các hội nghị'), a plan ('sẽ tổ chức hội nghị') or part of a longer word
('Quốc hội thảo luận') reports no event; nor does one whose date cannot be resolved, nor
one long before the article's time (history told as background).
People take part only where a cue says so ('dự', 'chủ trì', 'phát biểu tại hội nghị').
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from ..lexicon import alternation, lexicon
from ..normalise import canonical
from .cues import cues, cues_in
from .dates import Anchor, anchor_from_sentences, find_event_date, names_a_time
from .marks import matchers
from .sentence import SentenceAnalysis

_SPEECH = re.compile(
    r"\bphát\s+biểu(?:\s+(?P<role>khai\s+mạc|bế\s+mạc|chỉ\s+đạo|kết\s+luận|chào\s+mừng|tổng\s+kết))?", re.IGNORECASE)
_QUOTED_NAME = re.compile(r'\s*["“]([^"”]{3,300})["”]')
_AT = re.compile(r"\b(?:tại|trong)\s+(?:(?:buổi|cuộc|phiên|kỳ)\s+)?", re.IGNORECASE)
_AT_THE_EVENT = re.compile(_AT.pattern + r"\Z", re.IGNORECASE)
_BY = re.compile(r"\s(?:do|của)\s", re.IGNORECASE)
_OF = re.compile(r"\bcủa(?:\s+(?:ông|bà|đồng\s+chí))?\s*\Z", re.IGNORECASE)
_TOLD = re.compile(r":")
_TOLD_AT = re.compile(r"[:;“\"]")
_JUST_BEFORE = re.compile(r"[\s,]*(?:(?:đã|sẽ|cùng|có|vừa|mới)\s+)*(?:(?:buổi|cuộc|chuyến)\s+)?", re.IGNORECASE)
_HAD = re.compile(r"\b(?:vừa|đã|mới)\s+có\s+(?:(?:buổi|cuộc|chuyến)\s+)?\Z", re.IGNORECASE)
_MET = re.compile(r"\s+(?:với|giữa)\s+", re.IGNORECASE)
_VENUE = re.compile(r"\b(?:tại|ở)\s+(?:trụ\s+sở\s+)?\Z|\btrụ\s+sở\s+\Z", re.IGNORECASE)


_BACKGROUND = timedelta(days=183)


@dataclass(slots=True)
class EventDraft:
    type: str
    date: date | None
    sentence_index: int
    name: str | None = None
    place: str | None = None
    organizers: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    speeches: list[tuple[str, str, int]] = field(default_factory=list)
    sentence_indexes: list[int] = field(default_factory=list)


@lru_cache(maxsize=1)
def _event_nouns() -> re.Pattern:
    forms = lexicon().event_types.forms + cues("not_event")
    forms += [f[0].upper() + f[1:] for f in forms]
    return matchers().scan_by_first_words(alternation(forms), forms)


def event_type_of(word: str) -> str:
    entry = lexicon().event_types.get(word)
    return entry.name if entry else canonical(word).lower()


def find_events(analyses: list[SentenceAnalysis], reference: date | None,
                document_spans: list[list[tuple[int, int]]], resolve_person, published: bool = True) -> list[EventDraft]:
    """Events with their organisers, participants and speeches, sentence by sentence.

    ``published`` says whether ``reference`` is the article's publication date; without
    one, dates resolve against what the text says of its own time (``Anchor``)."""
    anchor = None if published else anchor_from_sentences([a.text for a in analyses])
    events: list[EventDraft] = []
    current: EventDraft | None = None
    for index, analysis in enumerate(analyses):
        text = analysis.text
        mention = _reported_event(analysis, document_spans[index])
        if mention is not None and _not_held(text, mention):
            continue
        if mention is not None:
            current = _event_of(events, current, analysis, mention, index, reference if published else None,
                                document_spans[index], published, anchor)
        if current is None:
            continue
        current.sentence_indexes.append(index)
        _add_people(current, analysis, mention, index, resolve_person)
    return _reported_now(events, reference if published else anchor.bound if anchor else None)


def _reported_now(events: list[EventDraft], now: date | None) -> list[EventDraft]:
    """The dated events but those of the background: half a year or more before the latest
    of the article's time and its events ('Chiến dịch ... ngày 26/4/1975' in a report of 2021)."""
    dated = [e for e in events if e.date is not None]
    latest = max([e.date for e in dated] + ([now] if now else []), default=None)
    return [e for e in dated if latest - e.date < _BACKGROUND]


def _event_of(events: list[EventDraft], current: EventDraft | None, analysis: SentenceAnalysis, mention: re.Match,
              index: int, reference: date | None, skip, published: bool, anchor: Anchor | None) -> EventDraft | None:
    """The event a sentence naming one refers to: one reported before ('tại hội nghị', or
    on the same date without being organised anew), a new one, or, when the sentence says
    nothing of when, the current one. An event whose date cannot be resolved is kept
    undated, so that what follows is not taken for the event before it."""
    text = analysis.text
    type_ = event_type_of(mention.group())
    if _AT_THE_EVENT.search(text, max(0, mention.start() - 16), mention.start()):
        earlier = next((e for e in reversed(events) if e.type == type_), None)
        if earlier is not None:
            return earlier
        text = text[:_phrase_end(text, mention.end(), _TOLD_AT)]  # "Tại hội nghị sáng 17/5, ông X nói “...”"
    text = text[:_phrase_end(text, mention.end(), _TOLD)]  # "..., bà X cho biết: ngày 26/2, tỉnh đã ..."
    when = find_event_date(text, reference, skip, relative=published, near=mention.start(), anchor=anchor)
    if when is None:
        if not names_a_time(text, skip):
            return current
        events.append(EventDraft(type_, None, index))
        return events[-1]
    same_day = [e for e in events if e.date == when]
    existing = next((e for e in same_day if e.type == type_), None)
    if existing is None and same_day and not cues_in(text, "organise", "chair", "occur"):
        existing = same_day[-1]
    if existing is not None:
        return existing
    events.append(EventDraft(type_, when, index))
    _describe(events[-1], analysis, mention)
    return events[-1]


def _phrase_end(text: str, position: int, told: re.Pattern) -> int:
    """Where what is said of the event from ``position`` on ends and what someone tells begins."""
    found = told.search(text, position)
    return found.start() if found else len(text)


def _reported_event(analysis: SentenceAnalysis, document_spans: list[tuple[int, int]]) -> re.Match | None:
    """The first event noun that names one event: not inside a longer word ('Quốc hội
    thảo luận'), an organisation's or a document's name ('Nghị quyết Đại hội XIII'), nor
    after 'các', 'những'."""
    text = analysis.text
    taken = [(o.start, o.end) for o in analysis.orgs] + list(document_spans)
    for match in analysis.lexicon_matches(_event_nouns()):
        if match.group().lower() in cues("not_event"):
            continue
        if any(start <= match.start() and match.end() <= end for start, end in taken):
            continue
        before = text[max(0, match.start() - 16):match.start()].rstrip()
        if any(m.end() == len(before) for m in cues_in(before, "generic")) or _document_types().search(before):
            continue
        return match
    return None


@lru_cache(maxsize=1)
def _document_types() -> re.Pattern:
    """A document type, capitalised, just before an event noun: the noun names the document."""
    forms = lexicon().document_types.forms + [word[0].upper() + word[1:] for word in cues("document")]
    return re.compile(alternation(forms).pattern + r"\Z")


def _not_held(text: str, mention: re.Match) -> bool:
    """Whether the clause of the event noun puts it in the future or denies it: a plan
    before it ('sẽ tổ chức hội nghị', 'không tổ chức lễ hội'), or after it ('hội nghị sẽ
    diễn ra', 'dự kiến khai mạc')."""
    start = max(text.rfind(";", 0, mention.start()), text.rfind(". ", 0, mention.start()), -1) + 1
    end = _clause_end(text, mention.end())
    return bool(cues_in(text, "plan", "not_held", start=start, end=mention.start())
                or cues_in(text, "plan_after", start=mention.end(), end=end))


def _clause_end(text: str, position: int) -> int:
    """Where the clause going on at ``position`` ends: the next ';' or full stop."""
    return min((i for i in (text.find(";", position), text.find(". ", position)) if i >= 0), default=len(text))


def _add_people(event: EventDraft, analysis: SentenceAnalysis, mention: re.Match | None, index: int,
                resolve_person) -> None:
    """Participants where a cue says they attend ('dự', 'chủ trì', 'tại hội nghị'), but not
    people only referred to ('chỉ đạo của Tổng Bí thư X', unlike 'sự chủ trì của X'); speeches."""
    text = analysis.text
    at_event = mention is not None and bool(_AT_THE_EVENT.search(text, max(0, mention.start() - 16), mention.start()))
    if at_event or cues_in(text, "attend", "chair") or mention is not None and cues_in(text, "attend_with_event"):
        attending = [p for p in analysis.persons if not _only_referred_to(text, p)]
    else:
        attending = _holders(analysis, mention) if mention is not None else []
    for person in attending:
        name = resolve_person(person)
        if name and name not in event.participants:
            event.participants.append(name)
    for speech in _SPEECH.finditer(text):
        speaker = next((p for p in reversed(analysis.persons) if p.end <= speech.start()), None) or next(
            (p for p in analysis.persons if p.start >= speech.end()), None)  # "Phát biểu khai mạc, ông X ..."
        name = resolve_person(speaker) if speaker else None
        if name:
            role = (speech.group("role") or "phát biểu").lower()
            if not any(s[0] == name and s[1] == role for s in event.speeches):
                event.speeches.append((name, re.sub(r"\s+", " ", role), index))


def _holders(analysis: SentenceAnalysis, mention: re.Match) -> list:
    """Who holds the event the noun names as a verb: the person just before it and the one
    met after 'với' or 'giữa' ('Thủ tướng X hội đàm với Tổng thống Y', 'đối thoại với ông Z')."""
    text = analysis.text
    before = [p for p in analysis.persons if _with_posts(p)[1] <= mention.start()
              and _JUST_BEFORE.fullmatch(text, _with_posts(p)[1], mention.start())]  # "Ông X, Chủ tịch Y, vừa có chuyến thăm"
    if not before and analysis.persons and analysis.persons[0].prefix_start <= 4 and \
            _HAD.search(text, max(0, mention.start() - 24), mention.start()) and \
            not any(analysis.persons[0].end < p.start < mention.start() for p in analysis.persons):
        before = analysis.persons[:1]  # "Ông X, (a long description), vừa có chuyến thăm ...": the subject
    met = _MET.match(text, mention.end())
    after = [p for p in analysis.persons if met and 0 <= _with_posts(p)[0] - met.end() < 24]
    return before[-1:] + after[:1]


def _with_posts(person) -> tuple[int, int]:
    """Where a person's mention starts and ends with the posts written around the name."""
    return (min([person.prefix_start] + [post.start for post in person.posts]),
            max([person.end] + [post.end for post in person.posts]))


def _only_referred_to(text: str, person) -> bool:
    """'chỉ đạo của Chủ tịch X', 'cuộc đời của đồng chí X': X is named, not present; 'sự chủ
    trì của X', 'sự tham dự của X', 'hồi đáp của X, ..., trong cuộc họp báo': present."""
    start, end = _with_posts(person)
    of = _OF.search(text, max(0, start - 8), start)
    if of is None or _at_an_event_after(text, end):
        return False
    cues = cues_in(text, "attend", "attend_with_event", "chair", start=max(0, of.start() - 24), end=of.start())
    return not any(text[max(0, cue.start() - 3):cue.start()].lower() == "sự "
                   and cue.end() + 1 >= of.start() for cue in cues)


def _at_an_event_after(text: str, position: int) -> bool:
    """'..., trong cuộc họp báo', 'tại hội nghị': the clause after a person puts them at an event."""
    for at in _AT.finditer(text, position, _clause_end(text, position)):
        if _event_nouns().match(text, at.end()):
            return True
    return False


def _describe(event: EventDraft, analysis: SentenceAnalysis, mention: re.Match) -> None:
    """Name, organisers and place from the sentence that reports the event."""
    text = analysis.text
    quoted = _QUOTED_NAME.match(text, mention.end())
    if quoted:
        event.name = canonical(quoted.group(1))
    for org in _organisers(analysis, mention):
        if org.name not in event.organizers:
            event.organizers.append(org.name)
    at = re.search(r"\btại\s+", text)
    place = None
    if at:
        place = next((p.name for p in analysis.places if p.start >= at.end() and p.start - at.end() < 40), None)
    if place is None:
        organizer_places = [o.place for o in analysis.orgs if o.name in event.organizers and o.place]
        place = organizer_places[0] if organizer_places else None
    event.place = place


def _organisers(analysis: SentenceAnalysis, mention: re.Match) -> list:
    """Bodies that organise: the subject of 'tổ chức' before the event ('Bộ X tổ chức hội
    nghị'), or the agent after it ('hội nghị do Bộ X tổ chức', 'cuộc họp báo của Bộ X tổ chức').
    Not a venue ('tại trụ sở Chính phủ'), a body in a person's post ('Thủ tướng Chính phủ
    Phạm Minh Chính chủ trì': the person chairs), the parent of the one before ('Ủy ban Pháp
    luật của Quốc hội'), nor a bare head waiting for its place ('Đảng bộ')."""
    text = analysis.text
    verbs = cues_in(text, "organise", "chair")
    verb = next((m for m in verbs if m.end() <= mention.start()), None)
    if verb is not None:
        start = max(text.rfind(";", 0, verb.start()), text.rfind(" do ", 0, verb.start()), -1) + 1
        end = verb.start()
    else:
        by = _BY.search(text, mention.end())
        verb = next((m for m in verbs if by and m.start() > by.end()), None)
        if by is None or verb is None:
            return []
        start, end = by.end(), verb.start()
    posts = [_with_posts(p) for p in analysis.persons]
    return [o for o in analysis.orgs if start <= o.start and o.end <= end
            and not any(first <= o.start and o.end <= last for first, last in posts)
            and not _VENUE.search(text, max(0, o.start - 12), o.start)
            and not _OF.search(text, max(0, o.start - 8), o.start)
            and o.name not in lexicon().org_kinds]
