"""Which names of bodies are one body: the key a body's node is minted from, and the
lexicon's name for a body an article wrote another way.

Articles write one body's name many ways: its sector's words joined by "và", " - ", "-",
"&" or a comma, or by nothing ('Bộ Lao động - Thương binh và Xã hội', 'Bộ Lao động, Thương
binh và Xã hội', 'Bộ Lao động Thương binh và Xã hội'); its kind abbreviated ('Công ty TNHH
X', 'Công ty Trách nhiệm hữu hạn X'). The key drops the joiners and expands the
abbreviations of ``abbreviations.tsv``, so every such variant is one node. A body the
lexicon knows under a name that has the same key as the article's ('Ngân hàng Thương mại cổ
phần X' for the lexicon's 'Ngân hàng TMCP X') takes the lexicon's name, the article's kept
as an alias, so its node is labelled the same in every article. In one article, a school or
company written after the bare head ('trường Lam Sơn - Minh Khai') is the one it names with
a fuller head ('Trường THPT chuyên Lam Sơn - Minh Khai'), when it names only one. A
province's body written before the name of a province that no longer exists ('Bí thư Tỉnh
ủy Hải Hưng', ``historic_provinces.tsv``), which the extractor leaves without its place, is
that province's body.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..lexicon import Table, alternation, lexicon
from ..normalise import fold
from ..records import Document, Event, Organization, Person, Position, Record, Span

__all__ = ["body_key", "resolve_bodies"]

_JOINERS = re.compile(r"\s*(?:[&,]|\s[-–]\s?|\s?[-–]\s|(?<=[a-zà-ỹđ])[-–](?=\w))\s*|\s+và\s+", re.IGNORECASE)
_WORD = re.compile(r"\S+")
_PROPER_NAMED_KINDS = ("education", "company")


@lru_cache(maxsize=1 << 16)
def body_key(name: str) -> str:
    """What identifies a body whatever joins its words or abbreviates them: 'Bộ Khoa học -
    Công nghệ', 'Bộ KH&CN' and 'Bộ Khoa học và Công nghệ' have one key."""
    abbreviations = lexicon().abbreviations
    expanded = _WORD.sub(lambda word: abbreviations.get(word.group(), word.group()), name)
    return " ".join(fold(_JOINERS.sub(" ", expanded)).split())


@lru_cache(maxsize=1)
def _lexicon_names() -> dict[str, str]:
    """The lexicon's name of each body by the key of every name it is known under; a key
    two bodies share names neither."""
    table = lexicon().organizations
    names: dict[str, set[str]] = {}
    for form in table.forms:
        entry = table.get(form)
        if entry is not None:
            names.setdefault(body_key(form), set()).add(entry.name)
    return {key: next(iter(found)) for key, found in names.items() if len(found) == 1}


def known_name(name: str) -> str:
    """The lexicon's name of the body ``name`` writes another way, else ``name``."""
    if name in lexicon().organizations:
        return lexicon().organizations.get(name).name
    return _lexicon_names().get(body_key(name), name)


@lru_cache(maxsize=1)
def _historic_provinces() -> tuple[Table, re.Pattern]:
    """The provinces that no longer exist, and a pattern for one written after a body."""
    table = Table("historic_provinces.tsv", kind="kind")
    return table, re.compile(r"[ \t]+(" + alternation(table.forms).pattern + r")(?!\w)")


def _province_body(name: str) -> bool:
    return name.endswith(("Tỉnh ủy", " tỉnh"))


def resolve_bodies(record: Record) -> Record:
    """The record with every body the lexicon knows under a variant of its name renamed to
    the lexicon's name, in its organisations, posts, events and documents."""
    record = _historic_bodies(record)
    names = {org.name for org in record.organizations}
    names |= {org.parent for org in record.organizations if org.parent}
    names |= {position.organization for person in record.people for position in person.positions
              if position.organization}
    names |= {organizer for event in record.events for organizer in event.organizers}
    names |= {document.issuer for document in record.documents if document.issuer}
    renames = {name: known for name in names if (known := known_name(name)) != name}
    renames |= _fuller_heads(names - set(renames))
    return replace(record, organizations=_merged(record.organizations, renames),
                   people=tuple(_person(person, renames) for person in record.people),
                   events=tuple(_event(event, renames) for event in record.events),
                   documents=tuple(_document(document, renames) for document in record.documents))


def _head(name: str) -> tuple[str, str]:
    """(the longest head of ``org_kinds.tsv`` the name begins with, the rest), or ('', name)."""
    words = name.split()
    for count in range(len(words) - 1, 0, -1):
        entry = lexicon().org_kinds.get(" ".join(words[:count]))
        if entry is not None:
            return entry.name, " ".join(words[count:])
    return "", name


def _fuller_heads(names: set[str]) -> dict[str, str]:
    """'Trường X' -> 'Trường THPT chuyên X': a school's or company's name after its bare head,
    to the one name of the article with a longer head of the same kind and the same rest."""
    split = {name: _head(name) for name in names}
    renames = {}
    for name, (head, rest) in split.items():
        entry = lexicon().org_kinds.get(head) if head else None
        if entry is None or entry.kind not in _PROPER_NAMED_KINDS or not rest[:1].isupper():
            continue
        fuller = [other for other, (other_head, other_rest) in split.items()
                  if other_head != head and fold(other_head).startswith(fold(head) + " ")
                  and body_key(other_rest) == body_key(rest)]
        if len({body_key(other) for other in fuller}) == 1:
            renames[name] = min(fuller)
    return renames


def _merged(organizations: tuple[Organization, ...], renames: dict[str, str]) -> tuple[Organization, ...]:
    """The organisations renamed (a lexicon's body with the lexicon's parent); two that now
    have one key are one, under the first's name, with both's mentions."""
    merged: dict[str, Organization] = {}
    for org in organizations:
        name = renames.get(org.name, org.name)
        aliases = tuple(dict.fromkeys((*org.aliases, org.name) if name != org.name else org.aliases))
        known = lexicon().organizations.get(name) if name != org.name else None
        parent = renames.get(org.parent, org.parent) or (known.parent if known is not None else None) or None
        org = replace(org, name=name, aliases=aliases, parent=parent)
        earlier = merged.get(body_key(name))
        if earlier is not None:
            names = (org.name,) if org.name != earlier.name else ()
            org = replace(earlier, aliases=tuple(dict.fromkeys(earlier.aliases + org.aliases + names)),
                          parent=earlier.parent or org.parent, place=earlier.place or org.place,
                          sentences=tuple(dict.fromkeys(earlier.sentences + org.sentences)),
                          mentions=tuple(dict.fromkeys(earlier.mentions + org.mentions)))
        merged[body_key(name)] = org
    return tuple(merged.values())


def _person(person: Person, renames: dict[str, str]) -> Person:
    positions = tuple(replace(position, organization=renames.get(position.organization, position.organization))
                      for position in person.positions)
    return replace(person, positions=positions)


def _event(event: Event, renames: dict[str, str]) -> Event:
    return replace(event, organizers=tuple(renames.get(name, name) for name in event.organizers))


def _document(document: Document, renames: dict[str, str]) -> Document:
    return replace(document, issuer=renames.get(document.issuer, document.issuer))


def _historic_bodies(record: Record) -> Record:
    """'Tỉnh ủy' read before 'Hải Hưng': where a province's body left without its place is
    written before a historic province's name, that is the province's body, and so is a post
    in it read from that sentence."""
    table, after_body = _historic_provinces()
    found: dict[str, Organization] = {}
    kept = []
    moved: dict[tuple[str, Span], str] = {}  # (body, sentence) -> the historic body named there
    for org in record.organizations:
        taken: set[Span] = set()
        for sentence in org.sentences if _province_body(org.name) and org.place is None else ():
            pattern = re.compile(rf"(?<!\w){re.escape(org.name)}(?={after_body.pattern})", re.IGNORECASE)
            for match in pattern.finditer(record.text, sentence.start, sentence.end):
                written = after_body.match(record.text, match.end())
                province = table.get(written.group(1)).name
                name = f"{org.name} {province}"
                moved[org.name, sentence] = name
                taken |= {mention for mention in org.mentions if match.start() <= mention.start < written.end()}
                earlier = found.get(name) or Organization(name, (), org.parent)  # no unit of today's
                found[name] = replace(earlier, sentences=tuple(dict.fromkeys(earlier.sentences + (sentence,))),
                                      mentions=earlier.mentions + (Span(match.start(), written.end()),))
        rest = tuple(mention for mention in org.mentions if mention not in taken)
        if rest or any((org.name, sentence) not in moved for sentence in org.sentences):
            kept.append(replace(org, mentions=rest))
    if not found:
        return record
    people = tuple(replace(person, positions=tuple(_moved(position, moved) for position in person.positions))
                   for person in record.people)
    return replace(record, organizations=tuple(kept) + tuple(found.values()), people=people)


def _moved(position: Position, moved: dict[tuple[str, Span], str]) -> Position:
    for sentence in position.sentences:
        name = moved.get((position.organization, sentence))
        if name is not None:
            return replace(position, organization=name)
    return position
