"""The extract stage: one Article in, one Record out.

The headline and the body's sentences are analysed one by one (sentence.py: places,
organisations, people and their posts; documents.py); the article-level pass merges
mentions of the same entity, resolves short and implicit references (a bare "Thành ủy" to
the city the article is about, "ông Dân" to "Trần Vi Dân", people_in_article.py) and
keeps, for each entity and fact, the sentences it came from.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter

from ..lexicon import canonical_name, lexicon, name_key
from ..records import (
    Article,
    ArticleInfo,
    Document,
    Event,
    Organization,
    Place,
    Record,
    Sentence,
    Span,
    Speech,
)
from .dates import parse_iso, reference_from_text
from .documents import find_documents
from .events import find_events
from .layout import parse_layout
from .people_in_article import bodies_from_context, collect_people, person_record, person_resolver
from .places import add_districts_of_named_provinces
from .sentence import SentenceAnalysis

__all__ = ["extract"]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Collector:
    """Entities of one article by key, in order of first mention, with their sentences and
    mentions (article offsets of the words that name them)."""

    def __init__(self) -> None:
        self.items: dict[str, dict] = {}

    def add(self, key: str, span: Span, mention: tuple[int, int] | None = None, **values) -> dict:
        """``mention``: offsets in the sentence whose span is ``span``."""
        item = self.items.setdefault(key, {"sentences": [], "mentions": [], **values})
        if span not in item["sentences"]:
            item["sentences"].append(span)
        if mention is not None:
            at = Span(span.start + mention[0], span.start + mention[1])
            if at not in item["mentions"]:
                item["mentions"].append(at)
        return item

    def mentions_of(self, item: dict, text: str) -> tuple[Span, ...]:
        """An item's mentions, each without the spaces a reader may have left at its edges."""
        trimmed = []
        for span in item["mentions"]:
            words = text[span.start:span.end]
            start = span.start + len(words) - len(words.lstrip())
            end = span.start + len(words.rstrip())
            if start < end and Span(start, end) not in trimmed:
                trimmed.append(Span(start, end))
        return tuple(trimmed)


def extract(article: Article) -> Record:
    """Extract the people, organisations, events, documents and places of one article."""
    text = article.text
    layout = parse_layout(text)
    published = article.published or layout.published
    reference = parse_iso(published) or reference_from_text(text[:layout.content_end])
    sentences = _with_headline(text, article.title or layout.title, layout.sentences)
    analyses = [SentenceAnalysis(sentence.text) for sentence in sentences]
    add_districts_of_named_provinces(analyses)
    spans = [sentence.span for sentence in sentences]
    # Events and documents are read from the body: a headline announces what the body reports.
    body = 1 if sentences and sentences[0].is_headline else 0

    home = _home_place(analyses)
    org_names = _resolve_bare_orgs(analyses, home)

    places = _Collector()
    orgs = _Collector()
    for analysis, span in zip(analyses, spans):
        for place in analysis.places:
            item = places.add(name_key(place.name), span, (place.start, place.end), name=place.name, kind=place.kind,
                              aliases=[])
            _add_alias(item, place.surface, place.name)
        for org in analysis.orgs:
            name = org_names.get(id(org))
            if name is None:
                continue
            item = orgs.add(name_key(name), span, (org.start, org.end), name=name, aliases=[], parent=None,
                            place=org.place)
            _add_alias(item, org.surface, name)
            if org.parent and not item["parent"]:
                item["parent"] = org.parent

    _short_form_mentions(orgs, sentences)
    people = collect_people(analyses, spans, org_names)
    resolve = person_resolver(people)

    documents = _Collector()
    document_spans = []
    for analysis, span in zip(analyses[body:], spans[body:]):
        found = find_documents(analysis)
        document_spans.append([(d.start, d.end) for d in found])
        for doc in found:
            key = name_key(f"{doc.type} {_leading_number(doc.number) or doc.name}")
            item = documents.add(key, span, (doc.start, doc.end), type=doc.type, number=doc.number, name=doc.name, date=doc.date,
                                 issuer=doc.issuer, term=doc.term, subject=doc.subject)
            for field in ("date", "term", "subject", "issuer"):
                item[field] = item[field] or getattr(doc, field)
            if doc.number and len(doc.number) > len(item["number"] or ""):
                item["number"] = doc.number  # "Chỉ thị 16" after "Chỉ thị 16/CT-TTg" is the same one
            if doc.issuer:
                orgs.add(name_key(doc.issuer), span, name=doc.issuer, aliases=[], parent=None, place=None)

    drafts = find_events(analyses[body:], reference, document_spans, resolve, published=published is not None)
    events = []
    for draft in drafts:
        for organizer in draft.organizers:
            orgs.add(name_key(organizer), spans[body + draft.sentence_index], name=organizer, aliases=[], parent=None, place=None)
        events.append(Event(
            type=draft.type,
            name=draft.name,
            date=draft.date.isoformat() if draft.date else None,
            place=draft.place or (home if draft.organizers else None),
            organizers=tuple(draft.organizers),
            participants=tuple(draft.participants),
            speeches=tuple(Speech(name, role, (spans[body + index],)) for name, role, index in draft.speeches),
            sentences=tuple(spans[body + i] for i in dict.fromkeys(draft.sentence_indexes)),
        ))

    bodies_from_context(people, [(item["sentences"][0].start, item["name"]) for item in orgs.items.values()])
    for person in people.values():
        for position in person["positions"]:
            if position["organization"] and name_key(position["organization"]) not in orgs.items:
                orgs.add(name_key(position["organization"]), position["sentences"][0],
                         name=position["organization"], aliases=[], parent=None, place=None)

    info = ArticleInfo(
        title=article.title or layout.title,
        published=published,
        authors=tuple(article.authors) or layout.authors,
        content_hash=content_hash(text),
        content_end=layout.content_end,
    )
    return Record(
        source=article.source,
        text=text,
        article=info,
        sentences=sentences,
        people=tuple(person_record(p) for p in people.values()),
        organizations=tuple(
            Organization(o["name"], tuple(o["aliases"]), o["parent"], o["place"], tuple(o["sentences"]),
                         orgs.mentions_of(o, text))
            for o in orgs.items.values()
        ),
        events=tuple(events),
        documents=tuple(
            Document(d["type"], d["number"], d["name"], d["date"], d["issuer"], d["term"], d["subject"],
                     tuple(d["sentences"]), documents.mentions_of(d, text))
            for d in documents.items.values()
        ),
        places=tuple(
            Place(p["name"], p["kind"], tuple(p["aliases"]), tuple(p["sentences"]), places.mentions_of(p, text))
            for p in places.items.values()
        ),
    )


_SHORT_FORM = re.compile(r"[A-ZĐ][A-ZĐ0-9&]{1,9}")


def _short_form_mentions(orgs: _Collector, sentences: tuple[Sentence, ...]) -> None:
    """'Tổng cục Chính trị (TCCT)' then 'TCCT': a body's short form, once the article has
    given it, names the body wherever it stands alone."""
    taken = [mention for item in orgs.items.values() for mention in item["mentions"]]
    for item in list(orgs.items.values()):
        for form in item["aliases"]:
            if not _SHORT_FORM.fullmatch(form):
                continue
            pattern = re.compile(rf"(?<![\w&-]){re.escape(form)}(?![\w&-])")
            for sentence in sentences:
                for match in pattern.finditer(sentence.text):
                    start, end = sentence.span.start + match.start(), sentence.span.start + match.end()
                    if not any(m.start <= start and end <= m.end for m in taken):
                        orgs.add(name_key(item["name"]), sentence.span, (match.start(), match.end()))


def _with_headline(text: str, title: str | None, body: tuple[Sentence, ...]) -> tuple[Sentence, ...]:
    """The body's sentences after the headline, when the text opens with it: officials and
    bodies named only in the headline belong to the article too."""
    start = len(text) - len(text.lstrip())
    if not title or not text.startswith(title, start) or (body and body[0].span.start < start + len(title)):
        return body
    return (Sentence(Span(start, start + len(title)), title, is_headline=True),) + body


def _leading_number(number: str | None) -> str | None:
    match = re.match(r"\d+", number or "")
    return match.group().lstrip("0") or "0" if match else None


def _add_alias(item: dict, surface: str, name: str) -> None:
    surface = " ".join(surface.split())
    if surface != name and surface not in item["aliases"]:
        item["aliases"].append(surface)


def _home_place(analyses: list[SentenceAnalysis]) -> str | None:
    """The province or city the article is about: the one it names most."""
    counts = Counter(
        place.name for analysis in analyses for place in analysis.places if place.kind in ("tỉnh", "thành phố")
    )
    return counts.most_common(1)[0][0] if counts else None


def _resolve_bare_orgs(analyses: list[SentenceAnalysis], home: str | None) -> dict[int, str]:
    """Canonical name of every organisation mention; a local body named without its place
    ('Thành ủy', 'Sở Tư pháp') belongs to the article's home province or city when the kinds
    agree; otherwise it is a generic reference and is dropped."""
    lex = lexicon()
    names: dict[int, str] = {}
    home_entry = lex.provinces.get(home) if home else None
    nearest = _nearest_provinces(analyses)
    for index, analysis in enumerate(analyses):
        for org in analysis.orgs_with_posts():
            if org.local_head is None:
                province = lex.provinces.get(nearest[index] or home) if (nearest[index] or home) else None
                if org.provincial and not org.place and province is not None:
                    # "Sở Tư pháp": the province its sentence or the sentences before it name, else the article's
                    word = "" if org.name.endswith(("Tỉnh ủy", "Thành ủy")) else province.kind  # no "tỉnh" after "Tỉnh ủy"
                    names[id(org)] = canonical_name(f"{org.name} {word} {province.name}")
                    org.place = province.name
                elif not org.place and home_entry is not None and _awaits_place(org.name) == home_entry.kind \
                        and _only_province(analyses, home) and not _names_other_province(analysis, home):
                    names[id(org)] = canonical_name(f"{org.name} {home}")  # "Ban Tuyên giáo Tỉnh ủy"
                    org.place = home
                else:
                    names[id(org)] = org.name
                continue
            if home_entry is None:
                continue
            head = org.local_head
            words = head.split()
            place_kind = " ".join(words[-2:]) if words[-2:] == ["thành", "phố"] else words[-1]
            if place_kind in ("tỉnh", "thành phố"):
                if place_kind != home_entry.kind:
                    continue
                base = " ".join(words[:-len(place_kind.split())])
                names[id(org)] = canonical_name(f"{base} {place_kind} {home}")
            elif head.endswith(("ủy", "Ủy")):
                if (head.startswith("Tỉnh") and home_entry.kind == "tỉnh") or (
                    head.startswith("Thành") and home_entry.kind == "thành phố"
                ):
                    names[id(org)] = canonical_name(f"{head} {home}")
            org.place = home if id(org) in names else None
    return names




def _nearest_provinces(analyses: list[SentenceAnalysis]) -> list[str | None]:
    """For each sentence, the one province or city it names, else the one the sentences before
    it named last ('Giám đốc Sở Tư pháp A cho biết' in the paragraph about Đồng Nai); None
    before any, or where a sentence names several."""
    nearest, last = [], None
    for analysis in analyses:
        named = _provinces_named(analysis)
        if len(named) == 1:
            last = next(iter(named))
        elif named:
            last = None
        nearest.append(last)
    return nearest


def _provinces_named(analysis: SentenceAnalysis) -> set[str]:
    return {place.name for place in analysis.places if place.kind in ("tỉnh", "thành phố")}


def _only_province(analyses: list[SentenceAnalysis], home: str) -> bool:
    """Whether the article names no province or city but its home, so that a unit written
    without its place can only be the home's."""
    return all(_provinces_named(analysis) <= {home} for analysis in analyses)


def _names_other_province(analysis: SentenceAnalysis, home: str) -> bool:
    return bool(_provinces_named(analysis) - {home})


def _awaits_place(name: str) -> str | None:
    """'Ban Tuyên giáo Tỉnh ủy', 'Văn phòng UBND tỉnh': a unit of a local body named without
    the place, which would end the name; the kind of place it waits for."""
    words = name.split()
    if len(words) < 3:
        return None
    if words[-1] == "tỉnh" or words[-2:] == ["Tỉnh", "ủy"]:
        return "tỉnh"
    if words[-2:] == ["thành", "phố"] or words[-2:] == ["Thành", "ủy"]:
        return "thành phố"
    return None
