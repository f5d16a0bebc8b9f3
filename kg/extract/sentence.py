"""One sentence analysed: its tokens, then places, organisations, people and their posts."""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..normalise import retone
from .marks import Token, adjacent, matchers, tokens_of
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
        self.tokens = tokens_of(self.text)
        self.token_starts = [token.start for token in self.tokens]
        self.token_ends = [token.end for token in self.tokens]
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

