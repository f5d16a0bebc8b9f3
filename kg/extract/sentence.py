"""One sentence analysed: its tokens, then places, organisations, people and their posts."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..normalise import retone
from .marks import Token, adjacent, marked_tokens, matchers
from .orgs import OrgRecognizer
from .people import PersonRecognizer
from .places import PlaceRecognizer
from .posts import PostRecognizer


class SentenceAnalysis(PlaceRecognizer, OrgRecognizer, PersonRecognizer, PostRecognizer):
    """All mentions found in one sentence (offsets relative to the sentence)."""

    def __init__(self, text: str) -> None:
        self.text = retone(text)
        self.surface = text
        self.m = matchers()
        self.lex = self.m.lex
        self.tokens, self.capitalised, starts = marked_tokens(self.text, self.m.word_marks)
        self.token_starts = [token.start for token in self.tokens]
        self.token_ends = [token.end for token in self.tokens]
        self._candidate_starts: dict[int, list[int]] | bool = False if self.m.odd_case.search(self.text) else starts
        self._patterns_indexed = len(self.m.first_words)
        self.places = self._find_places()
        self.orgs = self._find_orgs()
        self._triggers: dict[int, str | None] = {}
        self.persons = self._find_persons()
        # "Nguyễn Thị Huế", "Vũ Đức Bảo": a place name inside a person's name is not a place.
        self.places = [p for p in self.places if not any(q.start <= p.start and p.end <= q.end for q in self.persons)]

    def _capitalised_run(self, position: int, limit: int, digits: bool = False) -> tuple[int, int] | None:
        """The run of capitalised words starting at the first token at or after ``position``
        (with ``digits``, a number alone also makes a run: 'quận 1')."""
        run: list[Token] = []
        for token in self.tokens[bisect_right(self.token_ends, position):]:
            if not run and self.text[position:token.start].strip(" ."):
                return None
            if not run and digits and token.text.isdigit():
                return token.start, token.end
            if (token.is_capitalised or (run and token.text.isdigit())) and (not run or adjacent(self.text, run[-1], token)):
                run.append(token)
                if len(run) == limit:
                    break
            else:
                break
        return (run[0].start, run[-1].end) if run else None

    def orgs_with_posts(self) -> list:
        """The sentence's organisations and the bodies its posts name that the organisation
        pass did not read ('Trưởng ban Tuyên giáo Tỉnh ủy': 'Ban Tuyên giáo Tỉnh ủy')."""
        seen = {id(org) for org in self.orgs}
        extra = [post.org for person in self.persons for post in person.posts
                 if post.org is not None and id(post.org) not in seen]
        return self.orgs + list({id(org): org for org in extra}.values())

    def tokens_from(self, position: int) -> list[Token]:
        """The tokens starting at or after ``position``."""
        return self.tokens[bisect_left(self.token_starts, position):]

    def lexicon_search(self, pattern: re.Pattern, position: int = 0) -> re.Match | None:
        """``pattern.search(self.text, position)`` for a pattern of names whose first words
        Matchers.first_words knows: tried only where a word of the sentence is one of them,
        as the regex engine, trying every position of the text, takes several times longer."""
        starts = self._starts_of_first_words(pattern)
        if starts is None:
            return pattern.search(self.text, position)
        for start in starts[bisect_left(starts, position):]:
            match = pattern.match(self.text, start)
            if match is not None:
                return match
        return None

    def lexicon_matches(self, pattern: re.Pattern):
        """``pattern.finditer(self.text)`` the way of ``lexicon_search`` (no name is empty)."""
        starts = self._starts_of_first_words(pattern)
        if starts is None:
            yield from pattern.finditer(self.text)
            return
        position = 0
        for start in starts:
            if start >= position and (match := pattern.match(self.text, start)) is not None:
                yield match
                position = match.end()

    def _starts_of_first_words(self, pattern: re.Pattern) -> list[int] | None:
        """Where the words that start the names of ``pattern`` start, or None where every
        position must be tried (a pattern without first words, a sentence with an odd case)."""
        if id(pattern) not in self.m.first_words:
            return None
        if self._patterns_indexed != len(self.m.first_words):
            # (again if a pattern was added since the tokens were marked, as events.py adds its own on first use)
            self._candidate_starts = self._first_word_starts()
            self._patterns_indexed = len(self.m.first_words)
        if self._candidate_starts is False:
            return None
        return self._candidate_starts.get(id(pattern), [])

    def _first_word_starts(self) -> dict[int, list[int]] | bool:
        """For each pattern of Matchers.first_words (by id), where the words that start its
        names start; False for a sentence with an odd case (Matchers.odd_case)."""
        if self.m.odd_case.search(self.text):
            return False
        starts: dict[int, list[int]] = {}
        word_marks = self.m.word_marks
        for token in self.tokens:
            patterns = word_marks[token.text][1]
            if patterns is not None:
                for pattern in patterns:
                    starts.setdefault(pattern, []).append(token.start)
        return starts
