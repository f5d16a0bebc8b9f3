"""Mentions in one sentence: organisations, places, people with their ranks, titles and posts.

Vietnamese writes proper names with a capital on every syllable (people, places) or on
the first syllable of each word (organisations: "Sở Khoa học và Công nghệ"). The
recognisers below combine that with the lexicons: an organisation starts at a known
head ("Sở", "Cục", "UBND") and runs over its name; a person is a run of capitalised
syllables that starts with a surname or follows a rank, post or honorific.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..lexicon import Lexicon, alternation, canonical_name, lexicon, name_key
from ..normalise import retone

_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_RUN_HONORIFICS = frozenset({"Ông", "Bà", "Anh", "Chị", "Cụ", "Bác", "Em"})
_DIRECTIONS = frozenset({"Nam", "Bắc", "Đông", "Tây", "Trung"})
_PERSON_NOUNS = tuple(
    form for noun in ("tài xế", "bị can", "bị cáo", "nghi phạm", "đối tượng", "nạn nhân", "phạm nhân", "cháu", "em",
                      "cô", "thầy", "bác", "chú", "cậu", "lái xe", "người dân", "bệnh nhân", "học sinh", "sinh viên")
    for form in (noun, noun[0].upper() + noun[1:]))
_HONORIFICS = _PERSON_NOUNS + ("đồng chí", "Đồng chí", "ông", "Ông", "bà", "Bà", "anh", "Anh", "chị", "Chị", "cụ", "Cụ")
_PLACE_WORDS_BEFORE_PERSON_NAMES = ("thành phố", "TP", "tỉnh", "quận", "huyện", "đường", "phố", "xã", "phường")
# Lower-case words that end an organisation's name: function words, and the first
# syllables of common verbs written right after a name ("Sở Y tế tổ chức", "Bộ Công an cho biết").
_NAME_STOPPERS = frozenset(
    """và năm kiêm của thuộc tại trong với đã đang sẽ là được bị cho các những này đó về theo có cùng
    hoặc nhưng mà thì để khi từ đến vừa mới cũng nay nhằm gồm do vì nên sau trước trên dưới
    qua ra vào lại còn không chưa luôn rất nhiều lần""".split()
)
_VERB_PHRASES = frozenset(
    """tổ chức|chủ trì|tham dự|phát biểu|cho biết|làm việc|đề nghị|yêu cầu|ban hành|triển khai|thực hiện
    |xây dựng|kiểm tra|tiến hành|phối hợp|chỉ đạo|báo cáo|thông báo|công bố|quyết định|đánh giá|nhiệm kỳ
    |dừng xe|phát hiện|xử lý|tiếp nhận|trao tặng|khai mạc|bế mạc|gửi thư|đề xuất|ký kết|trả lời|cho rằng
    |khẳng định|nhấn mạnh|tập trung|đảm bảo|bảo đảm|phê duyệt|giao nhiệm|lần thứ|sáng lập|thành lập
    |quản lý|chịu trách|điều tra|tiếp tục|trình bày|đồng ý|thống nhất|chúc mừng|trao đổi|đồng thời|tăng cường
    |đáp ứng|có hiệu|hướng dẫn|quy định|sửa đổi|được thông|đã được|đã thông""".split("|")
)
_VERB_PHRASES = frozenset(" ".join(phrase.split()) for phrase in _VERB_PHRASES)
_MAX_LOWER_RUN = 4
_MAX_TITLE_LOWER_RUN = 10
_TITLE_STOPPERS = _NAME_STOPPERS - {"không", "và", "trên", "dưới", "qua", "ra", "vào", "lại"}
_JOINERS = ("-", "–", "&")
_ADMINISTRATIVE_LEVELS = frozenset(
    "tỉnh|thành phố|quận|huyện|thị xã|thị trấn|xã|phường|đặc khu|thôn|ấp|bản|xóm|tổ dân phố".split("|"))
_HIGHWAY = re.compile(r"(?<!\w)(?:[Qq]uốc lộ|QL)\s?(?P<number>\d+[A-Z]?)(?!\w)")
_STREET = re.compile(r"(?<!\w)(?:đường|phố|Đường|Phố)(?=\s)")
_ADMIN_WORD = {"TP": "thành phố", "TP.": "thành phố", "Tp": "thành phố", "Tp.": "thành phố", "T.P": "thành phố",
               "Q.": "quận", "Q": "quận"}
_PARTY_COMMITTEE_KIND = "party"


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


@dataclass(slots=True)
class OrgMention:
    start: int
    end: int
    surface: str
    name: str
    kind: str = ""
    place: str | None = None
    local_head: str | None = None
    """For a local body named without its place ("Thành ủy"): the head, waiting for a place."""
    provincial: bool = False
    """A provincial body ("Sở Tư pháp") whose province may be left implicit."""
    parent: str | None = None


@dataclass(slots=True)
class PlaceMention:
    start: int
    end: int
    surface: str
    name: str
    kind: str = ""


@dataclass(slots=True)
class PostMention:
    start: int
    end: int
    role: str
    organization: str | None


@dataclass(slots=True)
class PersonMention:
    start: int
    end: int
    name: str
    prefix_start: int
    rank: str | None = None
    academic_titles: list[str] = field(default_factory=list)
    posts: list[PostMention] = field(default_factory=list)
    short: bool = False
    """A one-syllable mention ('ông Dân') to resolve against full names."""


class Matchers:
    """Compiled patterns over the lexicons, built once."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.known_orgs = alternation(lex.organizations.forms, re.IGNORECASE)
        heads = [entry.name for entry in lex.org_kinds.entries()]
        heads += [abbr for abbr, expansion in lex.abbreviations.items() if self._org_head(expansion)]
        self.org_heads = alternation(heads)
        place_forms = lex.provinces.forms + lex.regions.forms + lex.countries.forms
        self.places = alternation(place_forms, re.IGNORECASE)
        self.place_forms = frozenset(place_forms)
        words = [entry.name for entry in lex.place_words.entries()]
        self.place_words = alternation(words + [w[0].upper() + w[1:] for w in words] + list(_ADMIN_WORD))
        rank_forms = [form for entry in lex.ranks.entries() for form in (entry.name, entry.name[0].lower() + entry.name[1:])]
        self.ranks = alternation(rank_forms)
        titles = "|".join(sorted((re.escape(e.name) for e in lex.academic_titles.entries()), key=len, reverse=True))
        self.academic_titles = re.compile(rf"(?<!\w)(?:{titles})(?:\s*[.,]\s*(?:{titles}))*(?!\w)")
        role_forms = [entry.name for entry in lex.roles.entries()]
        self.roles = alternation(role_forms)
        # What a text must end with for a rank, title or role to end there: a cheap test
        # before running the pattern over the whole text.
        self.rank_ends = tuple(rank_forms)
        self.title_ends = tuple(entry.name for entry in lex.academic_titles.entries())
        self.role_ends = tuple(role_forms)
        self.districts = alternation(
            [e.name for entries in lex.districts.values() for e in entries if not e.name[-1].isdigit()])
        # Sector names ("Nội vụ", "Tài nguyên và Môi trường"), from the ministries: they also
        # name the departments, offices and divisions of every province.
        self.fields = alternation(
            [entry.name.split(" ", 1)[1] for entry in lex.organizations.entries()
             if entry.kind == "ministry" and entry.name.startswith("Bộ ")], re.IGNORECASE)
        self.abbreviations = alternation([abbr for abbr in lex.abbreviations if not abbr.endswith(".")])

    def _org_head(self, expansion: str) -> bool:
        first_words = expansion.split()
        return any(" ".join(first_words[:n]) in self.lex.org_kinds for n in range(len(first_words), 0, -1))


@lru_cache(maxsize=1)
def matchers() -> Matchers:
    return Matchers(lexicon())


@lru_cache(maxsize=1 << 16)
def _is_capitalised(word: str) -> bool:
    """Kept per word: a language of a few thousand syllables asks the same question again and again."""
    return word[0].isupper() and word.isalpha() and (len(word) == 1 or not word.isupper())


def tokens_of(text: str) -> list[Token]:
    make = tuple.__new__
    return [make(Token, (match.start(), match.end(), word := match.group(), _is_capitalised(word)))
            for match in _TOKEN.finditer(text)]


def _ends_with_word(text: str, words: tuple[str, ...]) -> str | None:
    """The word of ``words`` that ``text`` ends with, as a whole word ('sông' does not end with 'ông')."""
    if not text.endswith(words):
        return None
    for word in words:
        if text.endswith(word) and (len(text) == len(word) or not text[-len(word) - 1].isalnum()):
            return word
    return None


def _adjacent(text: str, left: Token, right: Token) -> bool:
    """Two words separated by spaces only."""
    return left.end < right.start and not text[left.end:right.start].strip()


class SentenceAnalysis:
    """All mentions found in one sentence (offsets relative to the sentence)."""

    def __init__(self, text: str) -> None:
        self.text = retone(text)
        self.surface = text
        self.m = matchers()
        self.lex = self.m.lex
        self.tokens = tokens_of(self.text)
        self.token_starts = [token.start for token in self.tokens]
        self.token_ends = [token.end for token in self.tokens]
        self.places = self._find_places()
        self.orgs = self._find_orgs()
        self._triggers: dict[int, str | None] = {}
        self.persons = self._find_persons()
        # "Nguyễn Thị Huế", "Vũ Đức Bảo": a place name inside a person's name is not a place.
        self.places = [p for p in self.places if not any(q.start <= p.start and p.end <= q.end for q in self.persons)]

    # ---------------------------------------------------------------- places
    def _find_places(self) -> list[PlaceMention]:
        """Provinces, regions and countries from the lexicons; districts from the gazetteer
        where an administrative word or their province vouches for them; places named
        after an administrative word ('xã Động Lâm'); roads ('quốc lộ 18', 'đường Nguyễn Huệ')."""
        found: list[PlaceMention] = []
        for match in self._known_places():
            name = match.group()
            if self._reads_as_person(match.start(), name) or self._is_word_not_country(match):
                continue
            found.append(PlaceMention(match.start(), match.end(), self.surface[match.start():match.end()],
                                      self.lex.place(name).name, self._place_kind(name)))
        for match in self.m.place_words.finditer(self.text):
            word = _ADMIN_WORD.get(match.group(), match.group().lower())
            run = self._capitalised_run(match.end(), limit=4, digits=word == "quận")
            if not run:
                continue
            start, end = run
            name = self.text[start:end]
            province = self.lex.provinces.get(name)
            if province is not None and province.kind == "tỉnh" and word == "thành phố":
                # "thành phố Yên Bái" is the provincial capital, a place of its own.
                found = [p for p in found if p.start != start]
                found.append(PlaceMention(match.start(), end, self.surface[match.start():end],
                                          f"thành phố {province.name}", word))
                continue
            written = self.surface[match.start():end]
            existing = next((p for p in found if p.start <= start < p.end), None)
            if existing is not None:
                if existing.start == start:
                    existing.surface = self.surface[match.start():existing.end]  # "tỉnh Bắc Ninh"
                continue
            entry = self.lex.place(name)
            if entry is None and word not in _ADMINISTRATIVE_LEVELS:
                continue  # 'khu vực Đề án': only known places follow a loose word
            if name.isdigit():
                name, start = f"{word.capitalize()} {name}", match.start()
            kind = self._place_kind(name) if entry else word
            found.append(PlaceMention(start, end, written, entry.name if entry else canonical_name(name), kind))
        for match in self.m.districts.finditer(self.text):
            if any(p.start < match.end() and match.start() < p.end for p in found):
                continue
            if self._district_vouched(match, found):
                entry = self.lex.districts[name_key(match.group())][0]
                found.append(PlaceMention(match.start(), match.end(), self.surface[match.start():match.end()],
                                          entry.name, entry.kind))
        roads = [(m.start(), m.end(), f"quốc lộ {m.group('number')}") for m in _HIGHWAY.finditer(self.text)]
        for match in _STREET.finditer(self.text):
            run = self._capitalised_run(match.end(), limit=4)
            if run:
                roads.append((match.start(), run[1], f"{match.group().lower()} {self.text[run[0]:run[1]]}"))
        for start, end, name in roads:
            if not any(p.start < end and start < p.end for p in found):
                found.append(PlaceMention(start, end, self.surface[start:end], canonical_name(name), "đường"))
        return sorted(found, key=lambda p: p.start)

    def _known_places(self):
        """Lexicon places in any capitalisation, but starting with a capital unless the
        lexicon writes them in lower case ("Anh" is England, "anh" a pronoun)."""
        position = 0
        while (match := self.m.places.search(self.text, position)) is not None:
            name = match.group()
            if name[0].isupper() or name in self.m.place_forms:
                yield match
                position = match.end()
            else:
                position = match.start() + len(name.split()[0])  # "vùng Đồng bằng ...": retry after "vùng"

    def _is_word_not_country(self, match: re.Match) -> bool:
        """'Anh', 'Đức', 'Mỹ' are countries alone, given names beside other capitalised words."""
        name = match.group()
        if " " in name or name not in self.lex.countries:
            return False
        before, after = self.text[:match.start()].rstrip(), self.text[match.end():]
        touches_name = (before and before.split()[-1][:1].isupper() and not before.endswith((",", ".", ":", ";")))
        touches_name = touches_name or bool(re.match(r" [A-ZĐÀ-Ỹ]", after)) and after[1:2].isupper()
        return bool(touches_name) or _ends_with_word(before, _HONORIFICS) is not None

    def _district_vouched(self, match: re.Match, places: list[PlaceMention]) -> bool:
        """A district name without 'huyện'/'quận' counts when its province is in the sentence."""
        provinces = {entry.parent for entry in self.lex.districts[name_key(match.group())]}
        return any(place.name in provinces for place in places)

    def _place_kind(self, name: str) -> str:
        """'tỉnh' or 'thành phố' for provinces, else 'region' or 'country'."""
        entry = self.lex.provinces.get(name)
        if entry:
            return entry.kind
        return "region" if name in self.lex.regions else "country"

    def _reads_as_person(self, start: int, name: str) -> bool:
        """'Hồ Chí Minh' alone is the man; with 'thành phố'/'TP' before it, the city."""
        words = name.split()
        if len(words) < 3 or words[0] not in self.lex.surnames or not all(w[0].isupper() for w in words):
            return False
        before = self.text[:start].rstrip(" .")
        return not before.endswith(tuple(w.rstrip(".") for w in _PLACE_WORDS_BEFORE_PERSON_NAMES))

    def _capitalised_run(self, position: int, limit: int, digits: bool = False) -> tuple[int, int] | None:
        """The run of capitalised words starting at the first token at or after ``position``
        (with ``digits``, a number alone also makes a run: 'quận 1')."""
        run: list[Token] = []
        for token in self.tokens[bisect_right(self.token_ends, position):]:
            if not run and self.text[position:token.start].strip(" ."):
                return None
            if not run and digits and token.text.isdigit():
                return token.start, token.end
            if (token.is_capitalised or (run and token.text.isdigit())) and (not run or _adjacent(self.text, run[-1], token)):
                run.append(token)
                if len(run) == limit:
                    break
            else:
                break
        return (run[0].start, run[-1].end) if run else None

    @property
    def places(self) -> list[PlaceMention]:
        return self._places

    @places.setter
    def places(self, places: list[PlaceMention]) -> None:
        self._places = places
        self._place_by_start: dict[int, PlaceMention] = {}
        for place in places:
            self._place_by_start.setdefault(place.start, place)

    def place_at(self, start: int) -> PlaceMention | None:
        return self._place_by_start.get(start)

    def tokens_from(self, position: int) -> list[Token]:
        """The tokens starting at or after ``position``."""
        return self.tokens[bisect_left(self.token_starts, position):]

    # ---------------------------------------------------------- organisations
    def _find_orgs(self) -> list[OrgMention]:
        candidates: list[OrgMention] = []
        for match in self.m.known_orgs.finditer(self.text):
            if not match.group()[0].isupper():
                continue
            entry = self.lex.organizations.get(match.group())
            candidates.append(OrgMention(match.start(), match.end(), self.surface[match.start():match.end()],
                                         entry.name, entry.kind, parent=entry.parent or None))
        known_starts = {c.start for c in candidates}
        for match in self.m.org_heads.finditer(self.text):
            if match.start() in known_starts or not match.group()[0].isupper():
                continue
            if self.text[match.start() - 1:match.start()] in ("/", "-") or self.text[match.end():match.end() + 1] == "-":
                continue  # "1017/UBND-KT" is a document's symbol
            mention = self._org_from_head(match.start(), match.end(), match.group())
            if mention:
                candidates.append(mention)
        chosen: list[OrgMention] = []
        for mention in sorted(candidates, key=lambda c: (c.start, -(c.end - c.start))):
            if chosen and mention.start < chosen[-1].end:
                continue
            chosen.append(mention)
        self._share_places(chosen)
        self._link_parents(chosen)
        return chosen

    def _head_info(self, head: str) -> tuple[str, str, str]:
        """(expanded head, kind, locality: yes/no/implied) for a head as written ('UBND', 'CATP', 'Sở')."""
        expanded = self.lex.abbreviations.get(head, head)
        words = expanded.split()
        for n in range(len(words), 0, -1):
            entry = self.lex.org_kinds.get(" ".join(words[:n]))
            if entry:
                return expanded, entry.kind, entry.extra
        return expanded, "", "no"

    def _org_from_head(self, start: int, head_end: int, head: str) -> OrgMention | None:
        expanded, kind, locality = self._head_info(head)
        local = locality == "yes"
        place_word, place, end = self._place_after(head_end)
        if place is None and expanded != head and expanded.split()[-1] in ("tỉnh", "phố"):
            # 'CATP Hải Phòng': the abbreviation carries the administrative word.
            run = self.places and next((p for p in self.places if p.start >= head_end and not self.text[head_end:p.start].strip()), None)
            if run:
                place, end = run, run.end
        if local:
            if place is not None and place.kind not in ("country", "region"):
                return self._local_org(start, end, expanded, kind, place_word, place)
            return OrgMention(start, head_end, self.surface[start:head_end], canonical_name(expanded), kind,
                              local_head=expanded)
        tail = self._tail(head_end)
        if tail is None:
            return None
        tail_end = tail
        tail_text = self.m.abbreviations.sub(lambda m: self.lex.abbreviations[m.group()], self.text[head_end:tail_end])
        name = canonical_name(f"{expanded} {tail_text.strip()}")
        known = self.lex.organizations.get(name)
        name = known.name if known else name
        mention = OrgMention(start, tail_end, self.surface[start:tail_end], name, kind,
                             provincial=locality == "implied")
        place_word, place, end = self._place_after(tail_end)
        if place is not None and place.kind != "region":
            word = place_word or self._default_admin_word(place)
            mention.end, mention.surface = end, self.surface[start:end]
            mention.name = canonical_name(f"{name} {word} {place.name}")
            mention.place = place.name
        else:
            inner = next((p for p in self.places if start < p.start and p.end == tail_end), None)
            if inner is not None:
                mention.place = inner.name
        return mention

    def _local_org(self, start, end, expanded, kind, place_word, place) -> OrgMention:
        words = expanded.split()
        if words[-1] in ("tỉnh", "phố", "huyện", "quận", "xã", "phường"):
            head = " ".join(words[:-2] if words[-2:] == ["thành", "phố"] or words[-2:] == ["thị", "xã"] else words[:-1])
            place_word = place_word or " ".join(words[len(head.split()):])
        else:
            head = expanded
        if kind == _PARTY_COMMITTEE_KIND:
            name = f"{head} {place.name}"
        else:
            name = f"{head} {place_word or self._default_admin_word(place)} {place.name}"
        return OrgMention(start, end, self.surface[start:end], canonical_name(name), kind, place=place.name)

    def _default_admin_word(self, place: PlaceMention) -> str:
        return place.kind if place.kind in ("tỉnh", "thành phố", "huyện", "quận", "xã", "phường", "thị xã") else ""

    def _place_after(self, position: int) -> tuple[str | None, PlaceMention | None, int]:
        """An optional administrative word and a place starting right after ``position``."""
        gap = self.text[position:]
        stripped = len(gap) - len(gap.lstrip(" "))
        at = position + stripped
        word = None
        match = self.m.place_words.match(self.text, at)
        if match:
            word = _ADMIN_WORD.get(match.group(), match.group().lower())
            rest = self.text[match.end():]
            at = match.end() + len(rest) - len(rest.lstrip(" ."))
        place = self.place_at(at)
        if place is None:
            return None, None, position
        return word, place, place.end

    def title_end(self, position: int) -> int | None:
        """Where a law's title written after ``position`` ends: titles run over long lower-case
        phrases ('Luật Ban hành văn bản quy phạm pháp luật', 'Luật Phòng không nhân dân')."""
        return self._tail(position, max_lower=_MAX_TITLE_LOWER_RUN, stoppers=_TITLE_STOPPERS, whole_fields=False)

    def _tail(self, head_end: int, max_lower: int = 0, stoppers: frozenset = frozenset(),
              whole_fields: bool = True) -> int | None:
        """End of an organisation's name after its head: capitalised words, codes, their
        lower-case second syllables, 'và'/'&' joining capitalised words."""
        max_lower = max_lower or _MAX_LOWER_RUN
        stoppers = stoppers or _NAME_STOPPERS
        following = self.tokens_from(head_end)
        end = None
        tail_start = None
        lower_streak = 0
        previous = None
        index = 0
        while index < len(following):
            token = following[index]
            if previous is None and self.text[head_end:token.start].strip():
                return None
            joined = previous is not None and previous.text in _JOINERS and (token.is_capitalised or token.is_code)
            if previous is not None and token.is_word and not joined and not _adjacent(self.text, previous, token):
                if not (self.text[previous.end:token.start].strip() in _JOINERS and token.is_capitalised):
                    break
            if token.text in _ADMIN_WORD:
                break
            if token.is_capitalised or token.is_code:
                if token.text in self.lex.surnames and self._starts_person(token):
                    break
                if tail_start is None:
                    tail_start = token.start
                if end is not None and self.place_at(token.start) is not None:
                    break  # a place closes a unit's name: "Phòng CSGT Bắc Ninh"
                end, lower_streak = token.end, 0
            elif token.text in _JOINERS:
                previous = token
                index += 1
                continue
            elif token.text.isdigit() and end is not None and previous is not None and previous.is_word:
                end = token.end  # a unit's number ends its name: "Đội Tuần tra kiểm soát 188"
                break
            elif token.text == "," and previous is not None and previous.text.lower() == "phòng" and \
                    index + 1 < len(following) and following[index + 1].text == "chống":
                previous = token  # "Cục Phòng, chống tham nhũng": one name
                index += 1
                continue
            elif token.is_word and token.text.islower() and end is not None:
                if self._place_after(token.start)[1] is not None:
                    break  # "Sở Y tế tỉnh Yên Bái": the place is added after the name
                nxt = following[index + 1] if index + 1 < len(following) else None
                if token.text in ("và", "&") and nxt is not None and (nxt.is_capitalised or nxt.is_code) \
                        and not self.m.org_heads.match(self.text, nxt.start) \
                        and not self.m.ranks.match(self.text, nxt.start) and not self.m.roles.match(self.text, nxt.start) \
                        and nxt.text not in _RUN_HONORIFICS:
                    previous = token
                    index += 1
                    continue
                phrase = f"{token.text} {nxt.text}" if nxt is not None else ""
                if (token.text in stoppers or phrase in _VERB_PHRASES or lower_streak >= max_lower
                        or not (previous and (previous.is_word or previous.text == ","))):
                    break
                field = self.m.fields.match(self.text, tail_start) if tail_start is not None and whole_fields else None
                if field is not None and field.end() <= token.start:
                    break  # "Sở Nội vụ thẩm định": the sector's name is complete
                lower_streak += 1
                end = token.end
            else:
                break
            previous = token
            index += 1
        if end is None:
            return None
        return end

    def _starts_person(self, token: Token) -> bool:
        """A surname followed by one to three capitalised syllables begins a person's name."""
        run = self._capitalised_run(token.start, limit=4)
        if not run:
            return False
        words = self.text[run[0]:run[1]].split()
        return 2 <= len(words) and self.lex.place(" ".join(words)) is None

    def _share_places(self, orgs: list[OrgMention]) -> None:
        """'Thành ủy, UBND thành phố Hải Phòng': the place of the last names the others."""
        for index, org in enumerate(orgs):
            if org.local_head is None:
                continue
            for later in orgs[index + 1:]:
                between = self.text[org.end:later.start].strip()
                if between not in (",", "và", "", "và các") and not between.endswith(","):
                    break
                if later.place and later.local_head is None:
                    place = next(p for p in self.places if p.name == later.place)
                    filled = self._local_org(org.start, org.end, org.local_head, org.kind, None, place)
                    org.name, org.place, org.local_head = filled.name, filled.place, None
                    break
                if later.local_head is None:
                    break

    def _link_parents(self, orgs: list[OrgMention]) -> None:
        """'Cục V04, Bộ Công an': a unit directly followed by the body it belongs to."""
        for unit, body in zip(orgs, orgs[1:]):
            between = self.text[unit.end:body.start].strip()
            if between not in (",", "", "thuộc", "của", "-", "–"):
                continue
            if self._level(body) < self._level(unit):
                unit.parent = body.name

    def _level(self, org: OrgMention) -> int:
        """Smaller is higher: national bodies above provincial ones above their units."""
        if org.name in self.lex.organizations:
            return 0
        if org.local_head is None and org.place:
            return 1
        return {"Bộ": 0, "Tổng": 1, "Cục": 2, "Sở": 2}.get(org.name.split()[0], 3)

    # ---------------------------------------------------------------- people
    def _find_persons(self) -> list[PersonMention]:
        persons: list[PersonMention] = []
        runs: list[list[Token]] = []
        for token in self.tokens:
            if token.is_capitalised and runs and runs[-1] and _adjacent(self.text, runs[-1][-1], token):
                runs[-1].append(token)
            elif token.is_capitalised:
                runs.append([token])
        for run in runs:
            person = self._person_in_run(run)
            if person:
                persons.append(person)
        for person in persons:
            self._attach_prefix(person)
        self._attach_posts(persons)
        return persons

    def _person_in_run(self, run: list[Token]) -> PersonMention | None:
        """The person named in a run of capitalised words, if any.

        A leading honorific ("Ông Nguyễn Văn A") or role ("Phó Chủ tịch") is not part of
        the name; a role inside the run ends it ("Lăng Chủ tịch ...").
        """
        while run and (run[0].text in _RUN_HONORIFICS or self.lex.academic_titles.get(run[0].text)
                       or self.m.roles.match(self.text, run[0].start)):
            role = self.m.roles.match(self.text, run[0].start)
            run = [token for token in run if token.start >= (role.end() if role else run[0].end)]
        for index, token in enumerate(run[1:], 1):
            if self.m.roles.match(self.text, token.start):
                run = run[:index]
                break
        first = self._leading_place_words(run)
        for index in range(first, len(run)):
            words = run[index:]
            if len(words) > 4:
                continue
            start, end = words[0].start, words[-1].end
            triggered = self._triggered(start)
            if triggered != "honorific" and (len(words) == 1 or not triggered and words[0].text not in self.lex.surnames):
                continue  # none of the returns below can take it
            name = self.text[start:end]
            if any(o.start <= start and end <= o.end for o in self.orgs):
                continue
            if any(p.start <= start and end <= p.end for p in self.places) and triggered not in ("honorific", "post"):
                continue
            if name in self.lex.organizations or self._names_a_thing(start, words):
                continue
            is_place = self.lex.place(name) is not None or name_key(name) in self.lex.districts
            if is_place and not (triggered == "honorific" or (
                    triggered and len(words) >= 3 and words[0].text in self.lex.surnames)):
                continue  # "Hải Phòng" after a post is the place; "Chủ tịch Hồ Chí Minh" the man
            before = run[:index]
            if before and not self._is_prefix_words(before) and self._triggered(run[0].start) != "post":
                continue
            if words[0].text in self.lex.surnames and len(words) >= 2:
                return PersonMention(start, end, canonical_name(self.surface[start:end]), start)
            if triggered and 2 <= len(words):
                return PersonMention(start, end, canonical_name(self.surface[start:end]), start)
            if triggered == "honorific" and len(words) == 1:
                return PersonMention(start, end, canonical_name(self.surface[start:end]), start, short=True)
        return None

    def lone_capitalised(self) -> list[tuple[int, int, str]]:
        """Runs of one or two capitalised words: (start, end, text), candidates for given names."""
        runs: list[list[Token]] = []
        for token in self.tokens:
            if token.is_capitalised and runs and _adjacent(self.text, runs[-1][-1], token) and runs[-1][-1].is_capitalised:
                runs[-1].append(token)
            else:
                runs.append([token])
        return [(run[0].start, run[-1].end, canonical_name(self.text[run[0].start:run[-1].end]))
                for run in runs if run[0].is_capitalised and len(run) <= 2]

    def _leading_place_words(self, run: list[Token]) -> int:
        """How many words at the start of a run name a place ('Pháp Emmanuel Macron')."""
        count = 0
        while count < len(run):
            place = next((p for p in self.places if p.start == run[count].start), None)
            if place is None:
                break
            count = max(count + 1, sum(1 for token in run if token.end <= place.end))
        return count if count < len(run) else 0

    def _names_a_thing(self, start: int, words: list[Token]) -> bool:
        """'đường Nguyễn Huệ', 'Tết Đinh Dậu', 'cầu Long Biên': a name used for a street, a year, a place."""
        if len(words) == 2 and words[0].text in self.lex.year_stems and words[1].text in self.lex.year_branches:
            return True
        if len(words) >= 3 and self.lex.provinces.get(" ".join(t.text for t in words[-2:])):
            return True  # "Hoàng Anh Gia Lai": a company named after its province
        if len(words) == 2 and words[1].text in _DIRECTIONS and self._triggered(start) is None:
            return True  # "Phương Nam", "Hà Bắc": a region or a brand, unless a title vouches for a person
        words_before = self.text[:start].rsplit(None, 2)[-2:]
        candidates = {" ".join(words_before[-n:]) for n in (1, 2) if len(words_before) >= n}
        return any(c in self.lex.thing_words or c.lower() in self.lex.thing_words for c in candidates)

    def _is_prefix_words(self, words: list[Token]) -> bool:
        """Capitalised words allowed to stand before a name in one run: a place or a body."""
        start, end = words[0].start, words[-1].end
        return any(p.start <= start and p.end == end for p in self.places) or any(
            o.start <= start and o.end == end for o in self.orgs
        )

    def _triggered(self, start: int) -> str | None:
        """What stands right before a name: 'honorific', 'rank', 'title', 'post' or None."""
        if start not in self._triggers:
            self._triggers[start] = self._trigger_before(self.text[:start].rstrip())
        return self._triggers[start]

    def _trigger_before(self, before: str) -> str | None:
        if _ends_with_word(before, _HONORIFICS):
            return "honorific"
        if before.endswith(self.m.rank_ends):
            rank = self.m.ranks.search(before[-20:])
            if rank and rank.end() == len(before[-20:]):
                return "rank"
        if before.endswith(self.m.title_ends):
            titles = list(self.m.academic_titles.finditer(before))
            if titles and titles[-1].end() == len(before):
                return "title"
        if any(o.end == len(before) for o in self.orgs) or (before.endswith(self.m.role_ends) and any(
                r.end() == len(before) for r in self.m.roles.finditer(before))):
            return "post"
        return None

    def _attach_prefix(self, person: PersonMention) -> None:
        """Honorific, academic titles and rank written before the name."""
        position = person.start
        before = self.text[:position].rstrip()
        honorific = _ends_with_word(before, _HONORIFICS)
        if honorific:
            before = before[: -len(honorific)].rstrip()
        titles = [m for m in self.m.academic_titles.finditer(before) if m.end() == len(before)]
        if titles:
            person.academic_titles = [part for part in re.split(r"[.,\s]+", titles[-1].group()) if part]
            before = before[: titles[-1].start()].rstrip().rstrip(",").rstrip()
        ranks = [m for m in self.m.ranks.finditer(before) if m.end() == len(before)]
        if ranks:
            rank = ranks[-1].group()
            person.rank = self.lex.ranks.get(rank).name
            before = before[: ranks[-1].start()].rstrip()
        person.prefix_start = len(before)

    # ----------------------------------------------------------------- posts
    def _post_at(self, start: int) -> PostMention | None:
        """A post phrase starting at ``start``: a role, then the body it is held in."""
        role_match = self.m.roles.match(self.text, start)
        if role_match is None or not role_match.group()[0].isupper():
            return None
        role = self.lex.roles.get(role_match.group()).name
        end = role_match.end()
        org = self._org_starting_after(end) or self._org_in_role(role_match)
        implied = self._implied_org(role, end)
        if implied and (org is None or org.local_head is not None):
            return PostMention(start, implied[1], role, implied[0])  # "Bộ trưởng Công an": Bộ Công an
        if org is None:
            implied = self._implied_org(role, end)
            if implied:
                organization, end = implied
                return PostMention(start, end, role, organization)
            return PostMention(start, end, role, self.lex.roles.get(role).extra or None)
        return PostMention(start, org.end, role, org.name)

    def _org_in_role(self, role_match: re.Match) -> OrgMention | None:
        """'Trưởng ban Tổ chức Trung ương', 'Chánh Văn phòng UBND tỉnh': the role's last word
        is the head of the body's name."""
        words = role_match.group().split()
        for n in (2, 1):
            if len(words) <= n:
                continue
            head = " ".join(words[-n:])
            head = head[0].upper() + head[1:]
            if head not in self.lex.org_kinds:
                continue
            head_start = role_match.end() - len(" ".join(words[-n:]))
            org = self._org_from_head(head_start, role_match.end(), head)
            if org is not None and org.end > role_match.end() and org.local_head is None:
                return org
        return None

    def _org_starting_after(self, position: int) -> OrgMention | None:
        return next((o for o in self.orgs if o.start >= position and not self.text[position:o.start].strip()), None)

    def _implied_org(self, role: str, end: int) -> tuple[str, int] | None:
        """'Bộ trưởng Công an' is the minister of Bộ Công an: the role's head names the body."""
        words = role.split()
        head = words[1] if words[0] == "Phó" and len(words) > 1 else words[0]
        following = self.tokens_from(end)[:6]
        if not following or self.text[end:following[0].start].strip() or not following[0].is_capitalised:
            return None
        for count in range(len(following), 0, -1):
            last = following[count - 1]
            entry = self.lex.organizations.get(f"{head} {self.text[following[0].start:last.end]}")
            if entry and entry.name.split()[0] == head:
                return entry.name, last.end
        return None

    def _post_chain(self, start: int) -> list[PostMention]:
        """Posts stacked with commas or 'kiêm' from ``start``."""
        chain = []
        position = start
        while True:
            post = self._post_at(position)
            if post is None:
                break
            chain.append(post)
            rest = self.text[post.end:]
            separator = re.match(r"\s*(?:,|kiêm|;\s*kiêm)\s*", rest)
            if not separator:
                break
            position = post.end + separator.end()
        return chain

    def _attach_posts(self, persons: list[PersonMention]) -> None:
        """Posts written after a name (', Cục trưởng Cục V04') or right before it."""
        for index, person in enumerate(persons):
            after = re.match(r"\s*,\s*", self.text[person.end:])
            if not after:
                continue
            chain = self._post_chain(person.end + after.end())
            following = persons[index + 1] if index + 1 < len(persons) else None
            if chain and following is not None and not self.text[chain[-1].end:following.prefix_start].strip(" -–"):
                continue  # "A, Bộ trưởng Bộ Quốc phòng B": the post is B's, written before B's name
            person.posts.extend(chain)
        taken = {(p.start) for person in persons for p in person.posts}
        for match in self.m.roles.finditer(self.text):
            if match.start() in taken or not match.group()[0].isupper():
                continue
            if match.start() > 0 and self.text[match.start() - 1].isalnum():
                continue
            chain = self._post_chain(match.start())
            if not chain:
                continue
            gap_end = chain[-1].end
            following = next((p for p in persons if p.prefix_start >= gap_end), None)
            if following is None:
                continue
            gap = self.text[gap_end:following.prefix_start]
            if gap.strip() in ("", "-", "–", ",") and not following.posts:
                following.posts.extend(chain)
                taken.update(p.start for p in chain)
