"""The people of one article: full names merged over its sentences with their ranks, titles
and posts; short mentions ('ông Dân') resolved to the one person they name; posts written
without their body given the body the article names for them."""
from __future__ import annotations

from ..lexicon import lexicon, name_key
from ..records import Person, Position, Span
from .mentions import PersonMention
from .posts import body_for_role


def bodies_from_context(people: dict[str, dict], bodies: list[tuple[int, str]]) -> None:
    """A post written without its body ('Bộ trưởng Nguyễn Văn A') is held in the body of its
    kind the article named last before it ('Bộ Y tế'), or the only one it names; not in one
    where the article gives that post to someone else; only for roles whose body the article
    context may give (``role_bodies.tsv``), and not for a post whose chain named other bodies
    ('Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ A'). ``bodies``: (offset of the first
    mention, name) of every body the article names."""
    for person in people.values():
        _merge_bodiless_posts(person)
    named = sorted(bodies, key=lambda body: body[0])
    held = {(p["title"], p["organization"]) for person in people.values() for p in person["positions"]}
    for person in people.values():
        for position in person["positions"]:
            words = position["title"].split()
            role = " ".join(words[1:]) if words[0] == "Phó" else position["title"]
            if position["organization"] is not None or position["settled"] or \
                    role not in lexicon().roles_completed_from_article:
                continue
            fitting = [(start, body) for start, name in named
                       if (body := body_for_role(name, position["title"])) and (position["title"], body) not in held]
            at = position["sentences"][0].start
            before = [name for start, name in fitting if start <= at]
            if before:
                position["organization"] = before[-1]
            elif len({name for _, name in fitting}) == 1:
                position["organization"] = fitting[0][1]


def _merge_bodiless_posts(person: dict) -> None:
    """'Thứ trưởng A' after 'Thứ trưởng Bộ Công Thương A' is the same post, written short."""
    kept = []
    for position in person["positions"]:
        full = next((p for p in person["positions"] if position["organization"] is None and p["organization"]
                     and p["title"] == position["title"]), None)
        if full is None:
            kept.append(position)
            continue
        full["sentences"] += [s for s in position["sentences"] if s not in full["sentences"]]
        full["former"] = full["former"] or position["former"]
    person["positions"] = kept


def collect_people(analyses, spans, org_names) -> dict[str, dict]:
    """People by full name, with rank, academic titles and posts merged over the article."""
    people: dict[str, dict] = {}
    for analysis, span in zip(analyses, spans):
        renamed = {o.name: org_names.get(id(o), o.name) for o in analysis.orgs_with_posts()}
        for mention in analysis.persons:
            if mention.short:
                continue
            person = people.setdefault(name_key(mention.name), {
                "name": mention.name, "rank": None, "titles": [], "positions": [], "sentences": [], "aliases": [],
                "mentions": [],
            })
            _merge_mention(person, mention, span, renamed)
    _merge_known_names(analyses, people)
    known_given_names = {name_key(p["name"].split()[-1]) for p in people.values()}
    for analysis, span in zip(analyses, spans):
        renamed = {o.name: org_names.get(id(o), o.name) for o in analysis.orgs_with_posts()}
        for mention in analysis.persons:
            if not mention.short:
                continue
            full = _by_given_name(people, mention.name)
            if full is None and name_key(mention.name) not in known_given_names \
                    and mention.name not in lexicon().surnames:  # "Bác Hồ": no person named "Hồ"
                # "anh Huấn" in an article that never gives his full name: a person known by that name
                full = people.setdefault(name_key(mention.name), {
                    "name": mention.name, "rank": None, "titles": [], "positions": [], "sentences": [], "aliases": [],
                    "mentions": [],
                })
            if full is not None:
                if mention.name != full["name"] and mention.name not in full["aliases"]:
                    full["aliases"].append(mention.name)
                _merge_mention(full, mention, span, renamed)
    _merge_partial_names(people)
    _find_given_name_mentions(analyses, spans, people)
    return people


def _merge_known_names(analyses, people: dict[str, dict]) -> None:
    """A person the article names by birth name and, in brackets, by the name they are known
    by is one person, listed by the name other articles use, the birth name an alias."""
    for analysis in analyses:
        for mention in analysis.persons:
            full, known = people.get(name_key(mention.name)), people.get(name_key(mention.known_as or ""))
            if mention.known_as is None or full is None or known is None or full is known:
                continue
            known["aliases"] += [name for name in [full["name"], *full["aliases"]] if name not in known["aliases"]]
            for field in ("sentences", "mentions", "titles", "positions"):
                known[field] += [value for value in full[field] if value not in known[field]]
            known["rank"] = known["rank"] or full["rank"]
            del people[name_key(mention.name)]


def _find_given_name_mentions(analyses, spans, people: dict[str, dict]) -> None:
    """'Hằng khai nhận...' after 'Phạm Thị Hằng': a lone capitalised word that is the given
    name of exactly one person of the article is that person (kept as an alias)."""
    given: dict[str, list[dict]] = {}
    for person in people.values():
        words = person["name"].split()
        if len(words) >= 2:
            given.setdefault(words[-1], []).append(person)
            if len(words) >= 3:
                given.setdefault(" ".join(words[-2:]), []).append(person)
    if not given:
        return
    for analysis, span in zip(analyses, spans):
        taken = [(m.start, m.end) for m in analysis.persons] + [(o.start, o.end) for o in analysis.orgs] + \
                [(p.start, p.end) for p in analysis.places]
        for start, end, name in analysis.lone_capitalised():
            owners = given.get(name, [])
            if len(owners) != 1 or any(a < end and start < b for a, b in taken) or \
                    analysis.begins_a_longer_term(start, end):
                continue
            person = owners[0]
            if name not in person["aliases"]:
                person["aliases"].append(name)
            if span not in person["sentences"]:
                person["sentences"].append(span)
            _add_mention(person, span, start, end)


def _merge_partial_names(people: dict[str, dict]) -> None:
    """'TS Tùng Lâm' after 'TS Nguyễn Tùng Lâm' is the same person, written without the surname."""
    for key, person in list(people.items()):
        words = key.split()
        longer = [p for k, p in people.items() if k != key and k.split()[-len(words):] == words]
        if len(longer) != 1:
            continue
        target = longer[0]
        target["aliases"].append(person["name"])
        target["sentences"] += [s for s in person["sentences"] if s not in target["sentences"]]
        target["mentions"] += [m for m in person["mentions"] if m not in target["mentions"]]
        target["rank"] = target["rank"] or person["rank"]
        target["titles"] += [t for t in person["titles"] if t not in target["titles"]]
        for position in person["positions"]:
            if not any(p["title"] == position["title"] and p["organization"] == position["organization"]
                       for p in target["positions"]):
                target["positions"].append(position)
        del people[key]


def _add_mention(person: dict, span: Span, start: int, end: int) -> None:
    """A mention at ``start``-``end`` of the sentence whose span is ``span``, by article offsets."""
    at = Span(span.start + start, span.start + end)
    if at not in person["mentions"]:
        person["mentions"].append(at)


def _merge_mention(person: dict, mention: PersonMention, span: Span, renamed: dict[str, str]) -> None:
    if span not in person["sentences"]:
        person["sentences"].append(span)
    _add_mention(person, span, mention.start, mention.end)
    person["rank"] = person["rank"] or mention.rank
    for title in mention.academic_titles:
        if title not in person["titles"]:
            person["titles"].append(title)
    for post in mention.posts:
        organization = renamed.get(post.organization, post.organization) if post.organization else None
        existing = next((p for p in person["positions"]
                         if p["title"] == post.role and p["organization"] == organization), None)
        if existing is None:
            person["positions"].append({"title": post.role, "organization": organization, "sentences": [span],
                                        "former": post.former, "settled": post.settled})
            continue
        existing["former"] = existing["former"] or post.former
        existing["settled"] = existing["settled"] and post.settled
        if span not in existing["sentences"]:
            existing["sentences"].append(span)


def _by_given_name(people: dict[str, dict], short: str) -> dict | None:
    """'ông Dân' is the one person of the article whose name ends in 'Dân'."""
    matches = [p for p in people.values() if name_key(p["name"].split()[-1]) == name_key(short)]
    return matches[0] if len(matches) == 1 else None


def person_resolver(people: dict[str, dict]):
    def resolve(mention: PersonMention | None) -> str | None:
        if mention is None:
            return None
        if mention.short:
            person = _by_given_name(people, mention.name)
            return person["name"] if person else None
        key = name_key(mention.name)
        if key in people:
            return people[key]["name"]
        merged = next((p for p in people.values() if key in {name_key(a) for a in p["aliases"]}), None)
        return merged["name"] if merged else None

    return resolve


def person_record(person: dict) -> Person:
    return Person(
        name=person["name"],
        rank=person["rank"],
        academic_titles=tuple(person["titles"]),
        positions=tuple(Position(p["title"], p["organization"], tuple(p["sentences"]), p["former"])
                        for p in person["positions"]),
        aliases=tuple(person["aliases"]),
        sentences=tuple(person["sentences"]),
        mentions=tuple(sorted(person["mentions"], key=lambda span: span.start)),
    )
