"""The lexicons of general knowledge the extractor uses, loaded once from data files.

Each file in ``kg/lexicons/`` says where its content comes from. Names are kept as
written there (canonical tone style); lookups go through ``fold``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .normalise import canonical, fold


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """``fold(name)``, kept: the extractor looks the same few thousand names up again and again."""
    return fold(name)


@lru_cache(maxsize=1 << 16)
def canonical_name(name: str) -> str:
    """``canonical(name)``, kept for the same reason."""
    return canonical(name)


def _rows(filename: str) -> list[dict[str, str]]:
    """Rows of a TSV lexicon as dicts; '#' lines are comments, the first other line the header."""
    text = resources.files("kg.lexicons").joinpath(filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        cells = line.split("\t")
        cells += [""] * (len(header) - len(cells))
        rows.append({key: canonical(value) if value else "" for key, value in zip(header, cells)})
    return rows


def _lines(filename: str) -> list[str]:
    """The entries of a one-name-a-line lexicon."""
    text = resources.files("kg.lexicons").joinpath(filename).read_text(encoding="utf-8")
    return [canonical(line) for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def alternation(names, flags=0) -> re.Pattern:
    """One pattern matching any of ``names`` as whole words, the longest where several match.

    The names are laid out as a trie (``Hà (?:Nam|Nội|...)``): at each position the regex
    engine follows the one branch the text allows instead of trying thousands of names in
    turn. It matches exactly what ``(?<!\\w)(?:longest|...|shortest)(?!\\w)`` matches. Without
    IGNORECASE the word-start check comes after the first letter, so the engine can skip
    positions whose letter starts no name."""
    ignore_case = bool(flags & re.IGNORECASE)
    root: dict[str, dict] = {}
    for name in set(names):
        node = root
        for char in name:
            # Under IGNORECASE 'A' and 'a' are one letter; 'İ' lowers to two characters and stays.
            lowered = char.lower() if ignore_case else char
            node = node.setdefault(lowered if len(lowered) == 1 else char, {})
        node[""] = {}
    if not root:
        return re.compile(r"(?!x)x", flags)
    if ignore_case:
        return re.compile(rf"(?<![\w])(?:{_trie(root)})(?![\w])", flags)
    branches = [re.escape(char) + r"(?<![\w][\s\S])" + _trie(child) for char, child in sorted(root.items()) if char]
    if "" in root:
        branches.append(r"(?<![\w])")  # an empty name, tried last as the shortest
    return re.compile(rf"(?:{'|'.join(branches)})(?![\w])", flags)


def _trie(node: dict[str, dict]) -> str:
    """The regex of a trie node: its branches, longer names before the name ending here."""
    branches = [re.escape(char) + _trie(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) == 1 else body + "?"


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: its canonical name and what the file says of it."""

    name: str
    en: str = ""
    kind: str = ""
    parent: str = ""
    extra: str = ""


class Table:
    """Entries of one lexicon file, found by any of their names (folded)."""

    def __init__(self, filename, name="name", kind="", parent="", extra="", aliases=True) -> None:
        self.by_key: dict[str, Entry] = {}
        self.forms: list[str] = []
        """Every name and alias as written, for building matchers."""
        for row in _rows(filename):
            entry = Entry(row[name], row.get("en", ""), row.get(kind, ""), row.get(parent, ""), row.get(extra, ""))
            for form in [row[name], *(_split(row.get("aliases", "")) if aliases else [])]:
                self.by_key.setdefault(fold(form), entry)
                self.forms.append(form)

    def add_qualified_forms(self, qualifiers: "Table") -> None:
        """Every name also with a qualifier after it ('Phó Chủ nhiệm' + 'Thường trực'): an entry
        of its own, named and rendered in English with the qualifier, with the kind and extra of
        the entry without it, where the file does not list the longer name itself. Not after a
        name that ends in its extra's words ('Đại biểu Quốc hội' of Quốc hội): there the
        qualifier belongs before the body ('Phó Chủ tịch Thường trực Quốc hội')."""
        for form in list(self.forms):
            entry = self.by_key[fold(form)]
            if entry.extra and fold(form.split()[-1]) in fold(entry.extra).split():
                continue
            for qualifier_form in qualifiers.forms:
                qualifier = qualifiers.by_key[fold(qualifier_form)]
                longer = f"{form} {qualifier_form}"
                if fold(longer) not in self.by_key:
                    self.by_key[fold(longer)] = Entry(f"{entry.name} {qualifier.name}", f"{qualifier.en} {entry.en}".strip(),
                                                      entry.kind, entry.parent, entry.extra)
                if longer not in self.forms:
                    self.forms.append(longer)

    def get(self, name: str) -> Entry | None:
        return self.by_key.get(name_key(name))

    def __contains__(self, name: str) -> bool:
        return name_key(name) in self.by_key

    def entries(self) -> list[Entry]:
        return list({id(entry): entry for entry in self.by_key.values()}.values())


class Lexicon:
    """All lexicons, with lookups by folded name."""

    def __init__(self) -> None:
        self.provinces = Table("provinces.tsv", kind="kind", extra="status")
        self.regions = Table("regions.tsv")
        self.countries = Table("countries.tsv")
        self.ranks = Table("ranks.tsv", kind="force", extra="level", aliases=False)
        self.academic_titles = Table("academic_titles.tsv", name="abbr", extra="name", aliases=False)
        self.roles = Table("roles.tsv", kind="serves", extra="default_org")
        self.roles.add_qualified_forms(Table("role_qualifiers.tsv"))
        self.post_links = Table("post_links.tsv", name="words", kind="kind", aliases=False)
        self.leaders = _rows("leaders.tsv")
        self.role_bodies = {row["role"]: _split(row["heads"]) for row in _rows("role_bodies.tsv")}
        self.place_posts = {(row["role"], row["level"]): row["head"] for row in _rows("place_posts.tsv")}
        self.roles_completed_from_article = {row["role"] for row in _rows("role_bodies.tsv") if row["from_article"] == "yes"}
        self.organizations = Table("organizations.tsv", kind="kind", parent="parent")
        self.org_kinds = Table("org_kinds.tsv", name="head", kind="kind", extra="local", aliases=False)
        self.document_types = Table("document_types.tsv", extra="symbols", aliases=False)
        self.event_types = Table("event_types.tsv")
        self.event_cues: dict[str, list[str]] = {}
        for row in _rows("event_cues.tsv"):
            self.event_cues.setdefault(row["kind"], []).append(row["cue"])
        self.national_terms = {(row["body"], int(row["term"])): int(row["first_year"])
                               for row in _rows("national_terms.tsv")}
        self.place_words = Table("place_words.tsv", name="word", kind="level", aliases=False)
        self.abbreviations = {row["abbr"]: row["expansion"] for row in _rows("abbreviations.tsv")}
        self.issuer_codes = {row["code"]: row["issuer"] for row in _rows("issuer_codes.tsv")}
        self.surnames = set(_lines("surnames.txt"))
        self.thing_words = set(_lines("thing_words.txt"))
        self.compound_words = set(_lines("compound_words.txt"))
        self.speech_verbs = _lines("speech_verbs.txt")
        self.clause_words = frozenset(_lines("clause_words.txt"))
        calendar = _rows("sexagenary.tsv")
        self.year_stems = {row["name"] for row in calendar if row["kind"] == "stem"}
        self.year_branches = {row["name"] for row in calendar if row["kind"] == "branch"}
        self.districts = _districts()

    def place(self, name: str) -> Entry | None:
        """The province, region or country a name denotes, if any."""
        key = name_key(name)
        return self.provinces.by_key.get(key) or self.regions.by_key.get(key) or self.countries.by_key.get(key)


def _districts() -> dict[str, list[Entry]]:
    """Districts, towns and provincial cities before the 2025 reform, by folded short name:
    Entry(name='Thuận Thành', kind='thị xã', parent='Bắc Ninh'). Source: districts.tsv, from
    the gazetteer of the PyPI package vietnamadminunits (scripts/districts_tsv.py)."""
    table: dict[str, list[Entry]] = {}
    for row in _rows("districts.tsv"):
        table.setdefault(fold(row["district"]), []).append(Entry(row["district"], kind=row["kind"],
                                                                 parent=row["province"]))
    return table


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicons, loaded on first use."""
    return Lexicon()
