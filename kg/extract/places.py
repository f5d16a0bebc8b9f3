"""Places in one sentence: provinces, regions and countries, units after an administrative
word, districts the gazetteer knows, roads."""
from __future__ import annotations

import re

from ..lexicon import canonical_name, name_key
from .marks import ADMIN_WORD, HONORIFICS, ends_with_word
from .mentions import PlaceMention

_PLACE_WORDS_BEFORE_PERSON_NAMES = ("thành phố", "TP", "tỉnh", "quận", "huyện", "đường", "phố", "xã", "phường")
_ADMINISTRATIVE_LEVELS = frozenset(
    "tỉnh|thành phố|quận|huyện|thị xã|thị trấn|xã|phường|đặc khu|thôn|ấp|bản|xóm|tổ dân phố".split("|"))
# Words after which a country's one-word name is the country even before a capitalised name.
_BEFORE_COUNTRIES = ("tại", "ở", "của", "sang", "đến", "thăm", "từ")
_HIGHWAY = re.compile(r"(?<!\w)(?:[Qq]uốc lộ|QL)\s?(?P<number>\d+[A-Z]?)(?!\w)")
_STREET = re.compile(r"(?<!\w)(?:đường|phố|Đường|Phố)(?=\s)")


class PlaceRecognizer:
    """The place part of SentenceAnalysis."""

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
            if " ".join(self.text[:match.end()].rsplit(None, 2)[-2:]).lower() in self.lex.compound_words:
                continue  # "nông thôn": not a village
            if any(p.start < match.start() < p.end for p in found):
                continue  # "Nhật Bản": the last syllable of a country, not "bản" (a village)
            word = ADMIN_WORD.get(match.group(), match.group().lower())
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
            if entry is None and word == "tỉnh":
                continue  # the provinces are all known: "UBND tỉnh Bạch Văn A" names a person after the body
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
        if ends_with_word(before, self.m.role_ends) or ends_with_word(before, _BEFORE_COUNTRIES):
            return False  # "Tổng thống Mỹ Donald Trump", "Đại sứ tại Mỹ Phạm Văn A": the country
        touches_name = (before and before.split()[-1][:1].isupper() and not before.endswith((",", ".", ":", ";")))
        touches_name = touches_name or bool(re.match(r" [A-ZĐÀ-Ỹ]", after)) and after[1:2].isupper()
        return bool(touches_name) or ends_with_word(before, HONORIFICS) is not None

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

