"""Places in one sentence: provinces, regions and countries, units after an administrative
word, districts the gazetteer knows, roads."""
from __future__ import annotations

import re
from collections import Counter

from ..lexicon import canonical_name, name_key
from .marks import ADMIN_WORD, HONORIFICS, RUN_HONORIFICS, ends_with_word
from .mentions import PlaceMention

_PLACE_WORDS_BEFORE_PERSON_NAMES = ("thành phố", "TP", "tỉnh", "quận", "huyện", "đường", "phố", "xã", "phường")
_PROVINCE_KINDS = ("tỉnh", "thành phố")
_BELOW_PROVINCE = frozenset("quận|huyện|thị xã|thị trấn|xã|phường|đặc khu".split("|"))
_ADMINISTRATIVE_LEVELS = frozenset(
    "tỉnh|thành phố|quận|huyện|thị xã|thị trấn|xã|phường|đặc khu|thôn|ấp|bản|xóm|tổ dân phố".split("|"))
# Common words that begin with a one-word country's name ("các Anh hùng liệt sĩ").
_WORDS_STARTING_WITH_A_COUNTRY = frozenset({"Anh hùng", "Anh em", "Mỹ thuật", "Mỹ phẩm", "Mỹ nghệ", "Áo dài", "Đức tin"})
_APOSTROPHE_SYLLABLE = re.compile(r"[’'][^\W\d_]+")
_BEFORE_AN_ADDRESS = frozenset("tại ở trú quê".split())
_BEFORE_A_FOREIGN_PLACE = frozenset("tại ở đến từ thăm sang về".split())
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*và|,|và)\s+")
# Words after which a country's one-word name is the country even before a capitalised name.
_BEFORE_COUNTRIES = tuple(sorted(_BEFORE_A_FOREIGN_PLACE | {"của"}))
_HIGHWAY_WORDS = ("Quốc lộ", "quốc lộ", "QL")
_HIGHWAY = re.compile(rf"(?<!\w)(?:{'|'.join(_HIGHWAY_WORDS)})\s?(?P<number>\d+[A-Z]?)(?!\w)")
_STREET_WORDS = ("đường", "phố", "sông", "Đường", "Phố", "Sông")
_STREET = re.compile(rf"(?<!\w)(?:{'|'.join(_STREET_WORDS)})(?=\s)")


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
        for match in self.lexicon_matches(self.m.place_words):
            word = ADMIN_WORD.get(match.group(), match.group().lower())
            if self._inside_a_word(match, found):
                continue
            after = match.end() + self.text.startswith(".", match.end())  # "Q.1", "P.Bến Nghé"
            plural = self._plural_before(match.start())
            if plural and self.text.startswith(":", after):
                after += 1  # "các huyện: A, B và C"
            run = self._capitalised_run(after, limit=4, digits=word == "quận")
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
            existing = next((p for p in found if p.start <= start < p.end), None)
            if existing is not None and existing.start == start and word in _BELOW_PROVINCE \
                    and existing.kind in ("tỉnh", "thành phố"):
                found.remove(existing)  # "phường Hà Giang 1", "xã Quảng Ninh": a unit named like a province
            elif existing is not None:
                if existing.start == start:
                    existing.surface = self.surface[match.start():existing.end]  # "tỉnh Bắc Ninh"
                continue
            place = self._named_after_word(word, start, end, match.start())
            if place is None or len(match.group()) == 1 and name_key(place.name) not in self.lex.districts:
                continue  # "H.Can Lộc" is huyện Can Lộc, "anh H. Nguyễn" no district
            found.append(place)
            if plural:
                found += self._listed_after(word, place.end, found)
        self.unvouched_districts = []
        for match in self.m.districts.finditer(self.text):
            if any(p.start < match.end() and match.start() < p.end for p in found):
                continue
            if not self._district_vouched(match, found):
                self.unvouched_districts.append(match)  # perhaps by a province named earlier
            else:
                entry = self.lex.districts[name_key(match.group())][0]
                found.append(PlaceMention(match.start(), match.end(), self.surface[match.start():match.end()],
                                          entry.name, entry.kind))
        found += self._places_of_a_country(found)
        found += self._communes_in_addresses(found)
        found += self._roads(found)
        return sorted(found, key=lambda p: p.start)

    def _roads(self, found: list[PlaceMention]) -> list[PlaceMention]:
        """'quốc lộ 18', 'đường Nguyễn Huệ', 'sông Hồng' where no other place is; the word
        is looked for first, as few sentences have one."""
        roads = []
        if any(word in self.text for word in _HIGHWAY_WORDS):
            roads = [(m.start(), m.end(), f"quốc lộ {m.group('number')}") for m in _HIGHWAY.finditer(self.text)]
        for match in _STREET.finditer(self.text) if any(word in self.text for word in _STREET_WORDS) else ():
            run = self._capitalised_run(match.end(), limit=4)
            if run:
                roads.append((match.start(), run[1], f"{match.group().lower()} {self.text[run[0]:run[1]]}"))
        placed = []
        for start, end, name in roads:
            if not any(p.start < end and start < p.end for p in found + placed):
                kind = "sông" if name.startswith("sông") else "đường"
                placed.append(PlaceMention(start, end, self.surface[start:end], canonical_name(name), kind))
        return placed

    def _communes_in_addresses(self, found: list[PlaceMention]) -> list[PlaceMention]:
        """'trú tại Động Lâm, Hạ Hòa, Phú Thọ': in an address, the name before a district of the
        province that follows is a commune of that district."""
        listed = []
        ordered = sorted(found, key=lambda p: p.start)
        for district, province in zip(ordered, ordered[1:]):
            if district.kind not in ("huyện", "quận", "thị xã") or self.text[district.end:province.start].strip() != "," \
                    or province.name not in {e.parent for e in self.lex.districts.get(name_key(district.name), [])}:
                continue
            before = self.text[:district.start].rstrip()
            if not before.endswith(","):
                continue
            words = before[:-1].split()
            run = []
            while words and words[-1][:1].isupper() and words[-1].isalpha() and not words[-1].isupper() and len(run) < 3:
                run.insert(0, words.pop())
            if run and words and words[-1] in _BEFORE_AN_ADDRESS:
                end = len(before) - 1
                start = end - len(" ".join(run))
                if not any(p.start < end and start < p.end for p in found):
                    listed.append(PlaceMention(start, end, self.surface[start:end], " ".join(run), "xã"))
        return listed

    def _places_of_a_country(self, found: list[PlaceMention]) -> list[PlaceMention]:
        """'tại Bali (Indonesia)', ', Phuket (Thái Lan)': a name after a preposition or a comma
        with its country in brackets is a place of that country."""
        listed = []
        for country in found:
            if country.kind != "country" or self.text[country.start - 1:country.start] != "(" or \
                    self.text[country.end:country.end + 1] != ")":
                continue
            before = self.text[:country.start - 1].rstrip()
            words = before.split()
            run = []
            while words and words[-1][:1].isupper() and words[-1].isalpha() and not words[-1].isupper() and len(run) < 3:
                run.insert(0, words.pop())
            if not run or not words or not (words[-1] in _BEFORE_A_FOREIGN_PLACE or words[-1].endswith(",") or
                                            words[-1].isupper() and words[-1] not in self.lex.abbreviations):
                continue  # "ASIAD Quảng Châu (Trung Quốc)", not "Công ty TNHH Hanwa (Hàn Quốc)"
            start = len(before) - len(" ".join(run))
            if not any(p.start < len(before) and start < p.end for p in found):
                listed.append(PlaceMention(start, len(before), self.surface[start:len(before)], " ".join(run), "city"))
        return listed

    def _named_after_word(self, word: str, start: int, end: int, written_start: int) -> PlaceMention | None:
        """The place named by the run ``start``-``end`` after the administrative word ``word``
        (written from ``written_start``)."""
        apostrophe = _APOSTROPHE_SYLLABLE.match(self.text, end)
        if apostrophe:
            end = apostrophe.end()  # "huyện Cư M’gar", "huyện Đắk R’lấp"
        words = self.text[start:end].split()
        for n in range(len(words) - 1, 0, -1):
            if words[n] in self.lex.surnames and name_key(" ".join(words[:n])) in self.lex.districts:
                end = start + len(" ".join(words[:n]))  # "quận Hoàng Mai Nguyễn Văn Minh": then a person
                break
        name = self.text[start:end]
        entry = self.lex.place(name)
        if entry is None and word not in _ADMINISTRATIVE_LEVELS:
            return None  # 'khu vực Đề án': only known places follow a loose word
        if entry is None and word == "tỉnh" and name.split()[0] in self.lex.surnames and " " in name:
            return None  # "Chủ tịch UBND tỉnh Nguyễn Văn Hùng": every province of Vietnam is known
        if name.isdigit():
            name, start = f"{word.capitalize()} {name}", written_start
        kind = self._place_kind(name) if entry and word not in _BELOW_PROVINCE else word
        return PlaceMention(start, end, self.surface[written_start:end], entry.name if entry else canonical_name(name), kind)

    def _plural_before(self, position: int) -> bool:
        """'các quận', 'hai xã': the word is shared by the list of names after it."""
        before = self.text[:position].split()
        return bool(before) and (before[-1].lower() in ("các", "những", "hai", "ba", "bốn", "năm") or before[-1].isdigit())

    def _listed_after(self, word: str, position: int, found: list[PlaceMention]) -> list[PlaceMention]:
        """'các quận 10, Tân Bình và Gò Vấp': the names after the first share its word."""
        listed = []
        while (separator := _LIST_SEPARATOR.match(self.text, position)) is not None:
            if self.m.place_words.match(self.text, separator.end()):
                break  # "..., huyện Nhà Bè": a word of its own
            run = self._capitalised_run(separator.end(), limit=4, digits=word == "quận")
            if run is None:
                break
            start, position = run
            if not any(p.start <= start < p.end for p in found):
                place = self._named_after_word(word, start, position, start)
                if place is None:
                    break
                listed.append(place)
        return listed

    def _inside_a_word(self, match: re.Match, found: list[PlaceMention]) -> bool:
        """'thôn' in 'nông thôn', 'Bản' in 'Nhật Bản', 'bản' in 'văn bản': not an administrative word."""
        if any(p.start <= match.start() < p.end for p in found):
            return True
        before = [word.lower() for word in self.text[:match.start()].rsplit(None, 2)[-2:]]
        word = match.group().lower()
        return any(f"{' '.join(before[-n:])} {word}" in self.lex.compound_words for n in (1, 2) if len(before) >= n)

    def _known_places(self):
        """Lexicon places in any capitalisation, but starting with a capital unless the
        lexicon writes them in lower case ("Anh" is England, "anh" a pronoun)."""
        position = 0
        while (match := self.lexicon_search(self.m.places, position)) is not None:
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
        next_word = after.split()[0] if after.split() else ""
        # "“Anh xem ...": at the head of a clause and before a lower-case word, the pronoun
        pronoun = name in RUN_HONORIFICS and next_word.islower() and next_word != "và" and (not before or before[-1] in "“\"(:.;!?-–")
        return bool(touches_name) or pronoun or f"{name} {next_word}" in _WORDS_STARTING_WITH_A_COUNTRY or \
            ends_with_word(before, HONORIFICS) is not None

    def add_districts_of(self, provinces: set[str]) -> None:
        """Districts named alone ('Năm nay Lục Ngạn ...') in a sentence without their province,
        where the article names that province here or before ('Tỉnh Bắc Giang ...')."""
        added = []
        for match in self.unvouched_districts:
            entries = [e for e in self.lex.districts[name_key(match.group())] if e.parent in provinces]
            taken = self.places + self.persons + added
            if not entries or any(p.start < match.end() and match.start() < p.end for p in taken) \
                    or self._reads_as_person(match.start(), match.group()):
                continue
            added.append(PlaceMention(match.start(), match.end(), self.surface[match.start():match.end()],
                                      entries[0].name, entries[0].kind))
        if added:
            self.places = sorted(self.places + added, key=lambda p: p.start)

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
        if name in self.lex.regions:
            return False  # "Thái Bình Dương" is an ocean
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


def add_districts_of_named_provinces(analyses: list) -> None:
    """Districts whose province the article names in an earlier sentence (or the same one,
    or is about: the one it names most), read in the sentences that name them alone."""
    counts = Counter(p.name for analysis in analyses for p in analysis.places if p.kind in _PROVINCE_KINDS)
    named = {counts.most_common(1)[0][0]} if counts else set()
    for analysis in analyses:
        named |= {p.name for p in analysis.places if p.kind in _PROVINCE_KINDS}
        if named and analysis.unvouched_districts:
            analysis.add_districts_of(named)

