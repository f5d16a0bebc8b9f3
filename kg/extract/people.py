"""People in one sentence: a run of capitalised syllables that starts with a surname or
follows an honorific, rank, academic title or post, with the rank and titles before it."""
from __future__ import annotations

import re
from bisect import bisect_left

from ..lexicon import canonical_name, name_key
from .marks import HONORIFICS, RUN_HONORIFICS, Token, adjacent, ends_with_word
from .mentions import PersonMention, PlaceMention

_HONORIFIC_LAST_WORDS = frozenset(honorific.split()[-1] for honorific in HONORIFICS)
_DIRECTIONS = frozenset({"Nam", "Bắc", "Đông", "Tây", "Trung"})
_LIST_SEPARATOR = re.compile(r"(?:,|\svà)$")


# A bracket opening a second name: "(", "(tức", "(tức diễn viên", "(bí danh".
_KNOWN_AS = re.compile(r"\((?:\s*(?P<tuc>tức|bí danh|còn gọi là)(?:\s+[a-zà-ỹđ]+){0,2})?")


class PersonRecognizer:
    """The person part of SentenceAnalysis."""

    def _find_persons(self) -> list[PersonMention]:
        self._org_starts = {org.start for org in self.orgs}
        self._org_ends = {org.end for org in self.orgs}
        self._countries_by_end: dict[int, PlaceMention] = {}
        for place in self.places:
            if place.kind == "country":
                self._countries_by_end.setdefault(place.end, place)
        persons: list[PersonMention] = []
        runs: list[list[Token]] = []
        # Runs of capitalised words: the other words only end them, so without hyphenated names
        # to join only the capitalised tokens are looked at.
        tokens = self._hyphenated_names() if "-" in self.text else [self.tokens[i] for i in self.capitalised]
        for token in tokens:
            if token.is_capitalised and runs and runs[-1] and adjacent(self.text, runs[-1][-1], token):
                runs[-1].append(token)
            elif token.is_capitalised:
                runs.append([token])
        for run in runs:
            person = self._person_in_run(run)
            if person:
                persons.append(person)
        for person in persons:
            self._attach_prefix(person)
        self._known_names(persons)
        self._attach_posts(persons)
        return persons

    def _known_names(self, persons: list[PersonMention]) -> None:
        """'Ông Lương Văn Cường (Lương Cường - sinh năm 1957)': a birth name, then in brackets
        the shorter name of the same surname the person is known by; or any name after 'tức'
        ('Hoàng Thị Hồng Tứ (tức diễn viên Quỳnh Tứ)')."""
        for person, bracketed in zip(persons, persons[1:]):
            between = self.text[person.end:bracketed.prefix_start].strip()
            said = _KNOWN_AS.fullmatch(between)
            if said and bracketed.name != person.name and (
                    said.group("tuc") or bracketed.name.split()[0] == person.name.split()[0]):
                person.known_as = bracketed.name

    def _hyphenated_names(self) -> list[Token]:
        """The tokens, with 'Hack-Yong', 'Jean-Paul' (capitalised words joined by a hyphen
        without spaces) as one word of a name (for a sentence with a hyphen)."""
        tokens = list(self.tokens)
        index = 1
        while index + 1 < len(tokens):
            left, dash, right = tokens[index - 1], tokens[index], tokens[index + 1]
            if dash.text == "-" and left.is_capitalised and right.is_capitalised and left.end == dash.start \
                    and dash.end == right.start and not any(p.end == left.end or p.start == right.start
                                                            for p in self.places) \
                    and not self.m.roles_any_case.match(self.text, right.start):  # "Hàn Quốc-Việt Nam", "A-Trưởng phòng"
                tokens[index - 1:index + 2] = [Token(left.start, right.end, self.text[left.start:right.end], True)]
            else:
                index += 1
        return tokens

    def _person_in_run(self, run: list[Token]) -> PersonMention | None:
        """The person named in a run of capitalised words, if any.

        A leading honorific ("Ông Nguyễn Văn A") or role ("Phó Chủ tịch") is not part of
        the name, nor the end of a role begun before the run ("Chủ tịch Nước Trần Đại Quang");
        a role or a body's head inside the run ends it ("Lăng Chủ tịch ...", "Hồ Chí Minh Bộ
        Công an").
        """
        if len(run) == 1 and not self._after_honorific(run[0].start):
            return None  # one word names a person only after an honorific (the last loop below)
        window = max(0, run[0].start - 30)
        # Only a role with a capital before the run can hold its start: most runs have none.
        for role in () if self.text[window:run[0].start].islower() else \
                self.m.roles_any_case.finditer(self.text, window, run[-1].end):
            if role.start() < run[0].start < role.end() and role.group()[0].isupper():
                run = [token for token in run if token.start >= role.end()]
                if not run:
                    return None
        while run:
            role = self.m.roles_any_case.match(self.text, run[0].start)  # "Phó Trưởng Ban ..." too
            if not (role or run[0].text in RUN_HONORIFICS or run[0].text in self.lex.clause_words
                    or self.lex.academic_titles.get(run[0].text)):
                break
            run = [token for token in run if token.start >= (role.end() if role else run[0].end)]
        for index, token in enumerate(run[1:], 1):
            if self.m.roles.match(self.text, token.start) or token.start in self._org_starts or \
                    token.text in self.lex.clause_words:
                run = run[:index]
                break
        if not run or len(run) == 1 and not self._after_honorific(run[0].start):
            return None  # one word names a person only after an honorific (the loop below)
        first = self._leading_place_words(run)
        speaks = len(run) > 1 and self.m.speech_after.match(self.text, run[-1].end) is not None  # one word is no speaker
        for index in range(first, len(run)):
            words = run[index:]
            if len(words) > 4:
                continue
            start, end = words[0].start, words[-1].end
            if len(words) == 1 and not self._after_honorific(start):
                continue  # one word names a person only after an honorific
            # "Adrian Ash cho biết": a speaker, whatever the name's language
            triggered = self._triggered(start) or ("speaker" if speaks and index == first else None)
            if triggered != "honorific" and (len(words) == 1 or not triggered and words[0].text not in self.lex.surnames):
                continue  # none of the returns below can take it
            name = self.text[start:end]
            if any(o.start <= start and end <= o.end for o in self.orgs) or self.begins_a_longer_term(start, end):
                continue
            if any(p.start <= start and end <= p.end and (p.start < start or triggered not in ("honorific", "post"))
                   for p in self.places):
                continue  # "Bà Rịa - Vũng Tàu": the honorific begins the place's name
            if name in self.lex.countries:
                continue  # "người dân Việt Nam", "anh em Cuba": the country's people, not a person
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

    def begins_a_longer_term(self, start: int, end: int) -> bool:
        """'Đại tướng', 'Ban Chỉ đạo', 'Thường trực', 'Phó Giáo sư': capitalised words that begin
        a rank, a role, a body's head or an academic title written on in lower case are not a name."""
        return any(match is not None and match.end() > end for match in (
            self.m.ranks.match(self.text, start), self.m.roles_any_case.match(self.text, start),
            self.m.folded_org_heads.match(self.text, start), self.m.academic_titles.match(self.text, start)))

    def lone_capitalised(self) -> list[tuple[int, int, str]]:
        """Runs of one or two capitalised words: (start, end, text), candidates for given names."""
        runs: list[list[Token]] = []  # the runs of capitalised words only: other words end them
        previous = -2
        for index in self.capitalised:
            token = self.tokens[index]
            if index == previous + 1 and adjacent(self.text, self.tokens[previous], token):
                runs[-1].append(token)
            else:
                runs.append([token])
            previous = index
        return [(run[0].start, run[-1].end, canonical_name(self.text[run[0].start:run[-1].end]))
                for run in runs if len(run) <= 2]

    def _leading_place_words(self, run: list[Token]) -> int:
        """How many words at the start of a run name a place ('Pháp Emmanuel Macron')."""
        count = 0
        while count < len(run):
            place = self.place_at(run[count].start)
            if place is None:
                break
            count = max(count + 1, sum(1 for token in run if token.end <= place.end))
        return count if count < len(run) else 0

    def _names_a_thing(self, start: int, words: list[Token]) -> bool:
        """'đường Nguyễn Huệ', 'Tết Đinh Dậu', 'cầu Long Biên': a name used for a street, a year, a place."""
        if len(words) == 2 and words[0].text in self.lex.year_stems and words[1].text in self.lex.year_branches:
            return True
        if len(words) >= 3 and self.lex.provinces.get(" ".join(t.text for t in words[-2:])) \
                and self._triggered(start) not in ("honorific", "post", "rank"):
            return True  # "Hoàng Anh Gia Lai": a company named after its province ("Phó Thủ tướng Trương Hòa Bình" is a man)
        if len(words) == 2 and words[1].text in _DIRECTIONS and self._triggered(start) is None:
            return True  # "Phương Nam", "Hà Bắc": a region or a brand, unless a title vouches for a person
        words_before = self.text[:start].rsplit(None, 2)[-2:]
        if " ".join(words_before).lower() in self.lex.compound_words:
            return False  # "... Phát triển nông thôn Nguyễn Xuân A": no village
        before = len(self.text[:start].rstrip())
        if any(p.end == before for p in self.places) or any(o.end == before for o in self.orgs):
            return False  # "Đại sứ tại Nhật Bản Trịnh Văn A", "Phó Chủ tịch UBND tỉnh Bạch Văn B": no "bản", no "tỉnh"
        candidates = {" ".join(words_before[-n:]) for n in (1, 2) if len(words_before) >= n}
        if any(c in self.lex.thing_words or c.lower() in self.lex.thing_words for c in candidates):
            return True
        previous = self._previous_in_list(start)  # "các tuyến đường Phạm Hùng, Khuất Duy Tiến và Kim Đồng"
        return previous is not None and self._names_a_thing(previous, [])

    def _previous_in_list(self, start: int) -> int | None:
        """Where the name listed before the one at ``start`` begins ('A, B' or 'A và B'), if any."""
        before = self.text[:start].rstrip()
        separator = _LIST_SEPARATOR.search(before)
        if separator is None:
            return None
        end = len(before[:separator.start()].rstrip())
        index = bisect_left(self.token_ends, end)
        if index == len(self.tokens) or self.token_ends[index] != end or not self.tokens[index].is_capitalised:
            return None
        while index > 0 and self.tokens[index - 1].is_capitalised and adjacent(self.text, self.tokens[index - 1],
                                                                                self.tokens[index]):
            index -= 1
        return self.tokens[index].start

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

    def _after_honorific(self, start: int) -> bool:
        """``self._triggered(start) == "honorific"``, without the other tests: all a one-word
        run asks, and most runs are one word. An honorific ends with the word before ``start``:
        when that word ends none, there is none to look for."""
        if start in self._triggers:
            return self._triggers[start] == "honorific"
        index = bisect_left(self.token_starts, start)
        if index == 0 or self.tokens[index - 1].text not in _HONORIFIC_LAST_WORDS:
            return False
        return ends_with_word(self.text[:start].rstrip(), HONORIFICS) is not None

    def _trigger_before(self, before: str) -> str | None:
        if ends_with_word(before, HONORIFICS):
            return "honorific"
        if self.m.rank_ends.end(before):
            rank = self.m.ranks.search(before[-20:])
            if rank and rank.end() == len(before[-20:]):
                return "rank"
        if self.m.title_ends.end(before):
            titles = list(self.m.academic_titles.finditer(before))
            if titles and titles[-1].end() == len(before):
                return "title"
        if len(before) in self._org_ends or (self.m.role_ends.end(before) and any(
                r.end() == len(before) for r in self.m.roles.finditer(before))):
            return "post"
        country = self._countries_by_end.get(len(before))
        if country is not None and ends_with_word(self.text[:country.start].rstrip(), self.m.role_ends):
            return "post"  # "Tổng thống Pháp Jean Moreau": the post is held in that country
        return None

    def _title_abbreviations(self, written: str) -> list[str]:
        """'PGS.TS' -> PGS, TS; 'Phó Giáo sư, Tiến sĩ' -> PGS, TS (the record keeps abbreviations)."""
        spelled = self.m.title_abbreviation
        return [spelled.get(title.group(), title.group()) for title in self.m.academic_title.finditer(written)]

    def _attach_prefix(self, person: PersonMention) -> None:
        """Honorific, academic titles and rank written before the name."""
        position = person.start
        before = self.text[:position].rstrip()
        honorific = ends_with_word(before, HONORIFICS)
        if honorific:
            before = before[: -len(honorific)].rstrip()
        titles = [m for m in self.m.academic_titles.finditer(before) if m.end() == len(before)]
        if titles:
            person.academic_titles = self._title_abbreviations(titles[-1].group())
            before = before[: titles[-1].start()].rstrip().rstrip(",").rstrip()
        ranks = [m for m in self.m.ranks.finditer(before) if m.end() == len(before)]
        if ranks:
            rank = ranks[-1].group()
            person.rank = self.lex.ranks.get(rank).name
            before = before[: ranks[-1].start()].rstrip()
        person.prefix_start = len(before)

