"""Tokens and lexicon marks: what every recogniser asks of a sentence's words, worked out once.

Vietnamese writes proper names with a capital on every syllable (people, places) or on
the first syllable of each word (organisations: "Sở Khoa học và Công nghệ"); the
recognisers combine that with the lexicons compiled here.
"""
from __future__ import annotations

import gc
import re
from array import array
from functools import lru_cache
from typing import NamedTuple

from ..lexicon import Lexicon, alternation, lexicon

_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
RUN_HONORIFICS = frozenset({"Ông", "Bà", "Anh", "Chị", "Cụ", "Bác", "Em", "Bạn", "Ngài"})
_PERSON_NOUNS = tuple(
    form for noun in ("tài xế", "bị can", "bị cáo", "nghi phạm", "đối tượng", "nạn nhân", "phạm nhân", "cháu", "em",
                      "cô", "thầy", "bác", "chú", "cậu", "lái xe", "người dân", "bệnh nhân", "học sinh", "sinh viên")
    for form in (noun, noun[0].upper() + noun[1:]))


class Endings(tuple):
    """Words a text may end with (roles, ranks, honorifics), kept in order and also by their
    last two characters: asking whether a text ends with one of hundreds of roles compares
    it with the few that end as it does, not with every one."""

    def __new__(cls, words):
        endings = super().__new__(cls, words)
        endings._by_tail = {}
        for word in endings:
            endings._by_tail.setdefault(word[-2:], []).append(word)
        endings._by_tail = {tail: tuple(words) for tail, words in endings._by_tail.items()}
        endings._indexed = all(len(word) >= 2 for word in endings)
        return endings

    def of(self, text: str) -> tuple[str, ...]:
        """The words ``text`` may end with, in their order: those ending with its last two characters."""
        return self._by_tail.get(text[-2:], ()) if self._indexed else self

    def end(self, text: str) -> bool:
        """``text.endswith(self)``."""
        return text.endswith(self.of(text))


HONORIFICS = Endings(_PERSON_NOUNS + ("đồng chí", "Đồng chí", "ông", "Ông", "bà", "Bà", "anh", "Anh", "chị", "Chị",
                                      "cụ", "Cụ", "Bạn", "ngài", "Ngài"))
ADMINISTRATIVE_KINDS = ("tỉnh", "thành phố", "huyện", "quận", "xã", "phường", "thị xã", "thị trấn")
"""The levels a place is written with ("xã Hòa Bình"), as its kind says them."""
ADMIN_WORD = {"TP": "thành phố", "TP.": "thành phố", "Tp": "thành phố", "Tp.": "thành phố", "T.P": "thành phố",
               "Q.": "quận", "Q": "quận", "H": "huyện"}


class Token(NamedTuple):
    """A word or punctuation mark of a sentence; what the recognisers ask of it is worked out once.

    A tuple: a sentence has dozens of tokens and an archive millions, and a tuple is made
    without running Python code."""

    start: int
    end: int
    text: str
    is_capitalised: bool
    """'Dân', 'Hải' (not 'UBND', not 'dân')."""

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_code(self) -> bool:
        """Unit codes and upper-case abbreviations: 'V04', 'PC02', 'CSGT'."""
        return self.text.isalnum() and self.text.upper() == self.text and not self.text.isnumeric()


class Matchers:
    """Compiled patterns over the lexicons, built once."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.known_orgs = alternation(lex.organizations.forms, re.IGNORECASE)
        heads = list(lex.org_kinds.forms)  # every spelling the file lists ("Ban cán sự đảng", "Ban Cán sự Đảng")
        heads += [abbr for abbr, expansion in lex.abbreviations.items() if self._org_head(expansion)]
        self.org_heads = alternation(heads)
        # Heads in any case ("Chi cục thuế", "trường Tiểu học"), and the lexicon's spelling of each.
        self.folded_org_heads = alternation([entry.name for entry in lex.org_kinds.entries()], re.IGNORECASE)
        self.org_head_spelling = {entry.name.lower(): entry.name for entry in lex.org_kinds.entries()}
        place_forms = lex.provinces.forms + lex.regions.forms + lex.countries.forms
        self.places = alternation(place_forms, re.IGNORECASE)
        self.place_forms = frozenset(place_forms)
        words = [entry.name for entry in lex.place_words.entries()]
        place_words = words + [w[0].upper() + w[1:] for w in words] + list(ADMIN_WORD)
        self.place_words = alternation(place_words)
        rank_forms = [form for entry in lex.ranks.entries() for form in (entry.name, entry.name[0].lower() + entry.name[1:])]
        self.ranks = alternation(rank_forms)
        # "PGS.TS", and written out: "Phó Giáo sư, Tiến sĩ"
        title_forms = [form for e in lex.academic_titles.entries() for form in (e.name, e.extra) if form]
        titles = "|".join(sorted((re.escape(form) for form in title_forms), key=len, reverse=True))
        self.academic_title = re.compile(rf"(?<!\w)(?:{titles})(?!\w)")
        self.title_abbreviation = {e.extra: e.name for e in lex.academic_titles.entries() if e.extra}
        self.academic_titles = re.compile(rf"(?<!\w)(?:{titles})(?:(?:\s*[.,]\s*|\s+)(?:{titles}))*(?!\w)")
        role_forms = lex.roles.forms
        self.roles = alternation(role_forms)
        # Posts are also written "Phó chủ tịch", "Trưởng Ban", "Chánh văn phòng": any capitalisation
        # after a capital first letter (people's names keep the exact-case pattern above).
        self.roles_any_case = alternation(role_forms, re.IGNORECASE)
        self.role_first_words = frozenset(form.split()[0] for form in role_forms)
        self.post_links = alternation([entry.name for entry in lex.post_links.entries()], re.IGNORECASE)
        self.speech_after = re.compile(r"\s*,?\s*" + alternation(lex.speech_verbs).pattern)
        # What a text must end with for a rank, title or role to end there: a cheap test
        # before running the pattern over the whole text.
        self.rank_ends = Endings(rank_forms)
        self.title_ends = Endings(title_forms)
        self.role_ends = Endings(role_forms)
        self.districts = alternation(
            [e.name for entries in lex.districts.values() for e in entries if not e.name[-1].isdigit()])
        # Sector names ("Nội vụ", "Tài nguyên và Môi trường"), from the ministries: they also
        # name the departments, offices and divisions of every province.
        self.fields = alternation(
            [entry.name.split(" ", 1)[1] for entry in lex.organizations.entries()
             if entry.kind == "ministry" and entry.name.startswith("Bộ ")], re.IGNORECASE)
        self.abbreviations = alternation([abbr for abbr in lex.abbreviations if not abbr.endswith(".")])
        # The first words of the names of the patterns scanned over every sentence: each is
        # tried only where a word of the sentence is one (SentenceAnalysis.lexicon_search).
        # By id: a pattern's hash is worked out from its whole text, each time.
        self.first_words: dict[int, frozenset[str]] = {}
        self.patterns_starting_with: dict[str, list[int]] = {}
        """The patterns (by id) with a name starting with a word in lower case."""
        self.word_marks = _WordMarks(self.patterns_starting_with)
        case_insensitive = ((self.known_orgs, lex.organizations.forms), (self.places, place_forms),
                            (self.folded_org_heads, [entry.name for entry in lex.org_kinds.entries()]))
        for pattern, names in case_insensitive:
            self.scan_by_first_words(pattern, names)
        self.odd_case = odd_case_letters(word for pattern, _ in case_insensitive
                                         for word in self.first_words.get(id(pattern), ()))
        self.scan_by_first_words(self.place_words, place_words)

    def scan_by_first_words(self, pattern: re.Pattern, names: list[str]) -> re.Pattern:
        """Have SentenceAnalysis.lexicon_search try ``pattern``, an alternation of ``names``,
        only where a word of the sentence starts one of them. A case-insensitive pattern must
        be one of those above, whose letters ``odd_case`` knows before the first sentence."""
        if pattern.flags & re.IGNORECASE and hasattr(self, "odd_case"):
            raise ValueError("a case-insensitive pattern is scanned by first words only from Matchers")
        words = first_words(names)
        if words is not None:
            self.first_words[id(pattern)] = words
            for word in words:
                self.patterns_starting_with.setdefault(word, []).append(id(pattern))
            self.word_marks.clear()
        return pattern

    def _org_head(self, expansion: str) -> bool:
        first_words = expansion.split()
        return any(" ".join(first_words[:n]) in self.lex.org_kinds for n in range(len(first_words), 0, -1))


class _WordMarks(dict):
    """What a word as written tells the recognisers, worked out once per word (a language of a
    few thousand syllables asks the same of each again and again): whether it is capitalised
    ('Dân', 'Hải'; not 'UBND', not 'dân'), and the patterns (by id) with a name starting with
    it in lower case (``Matchers.patterns_starting_with``)."""

    def __init__(self, by_lower_case: dict[str, list[int]]) -> None:
        super().__init__()
        self.by_lower_case = by_lower_case

    def __missing__(self, word: str) -> tuple[bool, list[int] | None]:
        if len(self) > 1 << 16:
            self.clear()
        capitalised = word[0].isupper() and word.isalpha() and (len(word) == 1 or not word.isupper())
        marks = self[word] = (capitalised, self.by_lower_case.get(word.lower()))
        return marks


@lru_cache(maxsize=1)
def matchers() -> Matchers:
    """The patterns, built on first use. They and the lexicons live as long as the process:
    ``gc.freeze`` keeps their millions of objects out of the collector's full passes, which
    else walk them all again every few articles (about 6% of extraction's time)."""
    built = Matchers(lexicon())
    gc.freeze()
    return built


def first_words(names: list[str]) -> frozenset[str] | None:
    """The first tokens of ``names`` in lower case: where in a sentence one of the names can
    start. None if a name starts with no token, a letter whose lower case is longer ('İ'), or a sigma."""
    words = set()
    for name in names:
        first = _TOKEN.match(name)
        if first is None or len(first.group().lower()) != len(first.group()) or \
                any(sigma in first.group().lower() for sigma in "σς"):
            return None  # (a sigma's lower case depends on the letters around it)
        words.add(first.group().lower())
    return frozenset(words)


@lru_cache(maxsize=1)
def _every_character() -> str:
    return array("I", range(0x110000)).tobytes().decode("utf-32-le", "surrogatepass")


def odd_case_letters(words) -> re.Pattern:
    """The characters that a case-insensitive pattern takes for a letter of ``words`` though
    ``str.lower`` does not make them that letter ('ı' for 'i', 'ſ' for 's', the Kelvin sign for
    'k'), and the capital sigma, whose lower case depends on the next letter: a sentence with
    one is scanned in full, as the lower case of its words may not find its names."""
    letters = sorted({char for word in words for char in word})
    taken = "".join(sorted(set(re.findall("(?i)[" + "".join(map(re.escape, letters)) + "]", _every_character()))))
    odd = {char for letter in letters for char in re.findall("(?i)" + re.escape(letter), taken)
           if char.lower() != letter.lower() or len(char.lower()) != 1 or char == "\u03a3"}
    return re.compile("[" + "".join(map(re.escape, sorted(odd))) + "]") if odd else re.compile(r"(?!x)x")


def marked_tokens(text: str, word_marks: _WordMarks) -> tuple[list[Token], list[int], dict[int, list[int]]]:
    """One pass over a sentence's words: its tokens, the indexes of the capitalised ones (where
    names can be), and for each pattern of ``Matchers.first_words`` (by id) where the words that
    start its names start."""
    make = tuple.__new__
    tokens: list[Token] = []
    capitalised_indexes: list[int] = []
    starts: dict[int, list[int]] = {}
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        word = match.group()
        capitalised, patterns = word_marks[word]
        if capitalised:
            capitalised_indexes.append(len(tokens))
        tokens.append(make(Token, (start, end, word, capitalised)))
        if patterns is not None:
            for pattern in patterns:
                if pattern in starts:
                    starts[pattern].append(start)
                else:
                    starts[pattern] = [start]
    return tokens, capitalised_indexes, starts


def ends_with_word(text: str, words: tuple[str, ...]) -> str | None:
    """The word of ``words`` that ``text`` ends with, as a whole word ('sông' does not end with 'ông')."""
    if isinstance(words, Endings):
        words = words.of(text)
    if not text.endswith(words):
        return None
    for word in words:
        if text.endswith(word) and (len(text) == len(word) or not text[-len(word) - 1].isalnum()):
            return word
    return None


def adjacent(text: str, left: Token, right: Token) -> bool:
    """Two words separated by spaces only."""
    return left.end < right.start and not text[left.end:right.start].strip()

