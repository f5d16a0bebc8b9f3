"""Events an article reports: a head noun ('tọa đàm', 'hội nghị') in a sentence that dates it.

Later mentions without a date of their own ('phát biểu tại hội nghị') refer to the event
reported last, so they add participants and speeches instead of new events.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from ..lexicon import alternation, lexicon
from ..normalise import canonical
from .dates import find_event_date
from .sentence import SentenceAnalysis

_ORGANISE = re.compile(r"\b(?:đồng\s+chủ\s+trì|chủ\s+trì|phối\s+hợp\s+tổ\s+chức|tổ\s+chức|khai\s+mạc|diễn\s+ra)\b")
_ATTEND = re.compile(
    r"\b(?:tới\s+dự|đến\s+dự|tham\s+dự|dự|có\s+mặt|chủ\s+trì|đồng\s+chủ\s+trì|phát\s+biểu|trình\s+bày|tham\s+luận|báo\s+cáo|chỉ\s+đạo)\b",
    re.IGNORECASE,
)
_SPEECH = re.compile(
    r"\bphát\s+biểu(?:\s+(?P<role>khai\s+mạc|bế\s+mạc|chỉ\s+đạo|kết\s+luận|chào\s+mừng|tổng\s+kết))?", re.IGNORECASE)
_QUOTED_NAME = re.compile(r'\s*["“]([^"”]{3,300})["”]')


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
    forms = lexicon().event_types.forms
    return alternation(forms + [f[0].upper() + f[1:] for f in forms])


def event_type_of(word: str) -> str:
    entry = lexicon().event_types.get(word)
    return entry.name if entry else canonical(word).lower()


def find_events(analyses: list[SentenceAnalysis], reference: date | None,
                document_spans: list[list[tuple[int, int]]], resolve_person, published: bool = True) -> list[EventDraft]:
    """Events with their organisers, participants and speeches, sentence by sentence.

    ``published`` says whether ``reference`` is the article's publication date or only
    a year taken from its text."""
    events: list[EventDraft] = []
    current: EventDraft | None = None
    for index, analysis in enumerate(analyses):
        text = analysis.text
        mention = _event_nouns().search(text)
        if mention is not None:
            when = find_event_date(text, reference, document_spans[index], relative=published, near=mention.start())
            type_ = event_type_of(mention.group())
            if when is not None:
                existing = next((e for e in events if e.type == type_ and e.date == when), None)
                if existing is None:
                    current = EventDraft(type_, when, index)
                    events.append(current)
                    _describe(current, analysis, mention)
                else:
                    current = existing
            elif current is None and index == 0:
                current = EventDraft(type_, None, index)
                events.append(current)
                _describe(current, analysis, mention)
        if current is None:
            continue
        current.sentence_indexes.append(index)
        if _ATTEND.search(text) or mention is not None:
            for person in analysis.persons:
                name = resolve_person(person)
                if name and name not in current.participants:
                    current.participants.append(name)
        for speech in _SPEECH.finditer(text):
            speaker = next((p for p in reversed(analysis.persons) if p.end <= speech.start()), None) or next(
                (p for p in analysis.persons if p.start >= speech.end()), None)  # "Phát biểu khai mạc, ông X ..."
            name = resolve_person(speaker) if speaker else None
            if name:
                role = (speech.group("role") or "phát biểu").lower()
                if not any(s[0] == name and s[1] == role for s in current.speeches):
                    current.speeches.append((name, re.sub(r"\s+", " ", role), index))
    return [e for e in events if e.date is not None or len(events) == 1]


def _describe(event: EventDraft, analysis: SentenceAnalysis, mention: re.Match) -> None:
    """Name, organisers and place from the sentence that reports the event."""
    text = analysis.text
    quoted = _QUOTED_NAME.match(text, mention.end())
    if quoted:
        event.name = canonical(quoted.group(1))
    verb = next((m for m in _ORGANISE.finditer(text) if m.start() < mention.start()), None)
    if verb is not None:
        clause_start = max(text.rfind(";", 0, verb.start()), text.rfind(" do ", 0, verb.start()), -1) + 1
        for org in analysis.orgs:
            if clause_start <= org.start and org.end <= verb.start() and org.name not in event.organizers:
                event.organizers.append(org.name)
    at = re.search(r"\btại\s+", text)
    place = None
    if at:
        place = next((p.name for p in analysis.places if p.start >= at.end() and p.start - at.end() < 40), None)
    if place is None:
        organizer_places = [o.place for o in analysis.orgs if o.name in event.organizers and o.place]
        place = organizer_places[0] if organizer_places else None
    event.place = place
