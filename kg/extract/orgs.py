"""Organisations in one sentence: a known name, or a head ("Sở", "Cục", "UBND") and the
name that runs after it, with the place and the parent body written beside it."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from ..lexicon import canonical_name, name_key
from .marks import ADMIN_WORD, ADMINISTRATIVE_KINDS, adjacent
from .mentions import OrgMention, PlaceMention
from .org_lists import OrgListReader
from .org_names import PROPER_NAMED_KINDS, OrgNameReader

_PARTY_COMMITTEE_KIND = "party"
_NAMED_BY_THEIR_PLACE_KINDS = (_PARTY_COMMITTEE_KIND, "army")
_MISSION_KIND = "international"
_HOST = re.compile(r"\s+(?:tại|ở|bên cạnh)\s+")
# "Bộ" also counts sets of things: "Bộ luật Dân sự", "Bộ Quy tắc ứng xử", "Bộ tiêu chí".
_THINGS_AFTER_BO = (" luật", " quy tắc", " tiêu chí", " công cụ", " hồ sơ", " quy chuẩn", " chỉ số", " đề ", " sách")
_PLURAL_WORDS = ("các", "những")
_NAMED_BY_THEIR_SECTOR = ("Sở", "Phòng", "Bộ")  # "Sở Tư pháp", "Phòng Nội vụ": nothing after the sector
_POLICE_UNIT_WORDS = ("Cảnh sát", "An ninh", "Kỹ thuật hình sự", "Tuần tra kiểm soát")


class OrgRecognizer(OrgNameReader, OrgListReader):
    """The organisation part of SentenceAnalysis."""

    def _find_orgs(self) -> list[OrgMention]:
        candidates: list[OrgMention] = []
        self._joined_bodies: dict[int, int] = {}
        self._proper_names: dict[int, tuple[int, int]] = {}
        for match in self.lexicon_matches(self.m.known_orgs):
            if match.group()[0].isupper():
                known = self._of_its_country(self._known_org_at(match.start()))
                candidates.append(known)
                head = self.lex.organizations.get(match.group()).name
                if known.place is not None and head in self.lex.org_kinds:
                    candidates += self._places_listed_after(known, head)  # "BĐBP Điện Biên, Lạng Sơn"
                elif known.name.split()[0] in _NAMED_BY_THEIR_SECTOR:
                    candidates += self._sectors_listed_after(known, known.name.split()[0])
        known_starts = {c.start for c in candidates}
        for match in self.m.org_heads.finditer(self.text):
            if match.start() in known_starts or not match.group()[0].isupper():
                continue
            if self.text[match.start() - 1:match.start()] in ("/", "-") or self.text[match.end():match.end() + 1] == "-":
                continue  # "1017/UBND-KT" is a document's symbol
            if self._is_place_name(match.start()) or self._head_counts_things(match) or self._inside_a_name(match):
                continue  # "Hội An" is a city, not an association; "Bộ luật", "Bộ Quy tắc" are things
            mention = None if self._bodies_of_a_kind_before(match.start()) else \
                self._org_from_head(match.start(), match.end(), match.group()) or self._described_company(match)
            if mention is None:
                candidates += self._listed_after_head(match.start(), match.end(), match.group())
                continue
            candidates.append(mention)
            if mention.name.split()[0] in _NAMED_BY_THEIR_SECTOR:
                candidates += self._sectors_listed_after(mention, match.group())
            elif mention.place is not None and self._head_info(match.group())[2] == "yes":
                candidates += self._places_listed_after(mention, match.group())
        candidates += self._orgs_from_heads_in_other_cases({c.start: c.end for c in candidates})
        chosen: list[OrgMention] = []
        for mention in sorted(candidates, key=lambda c: (c.start, -(c.end - c.start))):
            if chosen and mention.start < chosen[-1].end and mention.start != self._joined_bodies.get(id(chosen[-1])):
                continue
            chosen.append(mention)
        self._share_places(chosen)
        self._link_parents(chosen)
        return self._with_short_forms(chosen)

    def _bodies_of_a_kind_before(self, position: int) -> bool:
        """'các Sở Y tế', 'các cơ quan Đảng Trung ương': bodies of a kind, none in particular."""
        before = self.text[max(0, position - 30):position].split()[-3:]
        for index in range(len(before) - 1, -1, -1):
            if before[index].lower() in _PLURAL_WORDS:
                return True
            if not (before[index].isalpha() and before[index].islower()) or len(before) - index > 2:
                return False
        return False

    def _head_counts_things(self, match: re.Match) -> bool:
        """'Bộ luật', 'Bộ Quy tắc': "Bộ" counting things, not a ministry."""
        following = self.text[match.end():match.end() + 12].lower()
        return match.group() == "Bộ" and following.startswith(_THINGS_AFTER_BO)

    def _is_place_name(self, start: int) -> bool:
        """A head that begins a place's name ('Hội An', 'Trường Sa')."""
        run = self._capitalised_run(start, limit=3)
        if run is None:
            return False
        name = self.text[run[0]:run[1]]
        return name_key(name) in self.lex.districts or self.lex.place(name) is not None

    def _inside_a_name(self, head: re.Match) -> bool:
        """'Nguyễn Trường Sơn': a one-word head right after a surname that begins a run of
        capitalised words is a syllable of a person's name (not 'Phó Ban': a surname that begins
        a role)."""
        index = bisect_left(self.token_starts, head.start())
        if " " in head.group() or index == 0 or not adjacent(self.text, self.tokens[index - 1], self.tokens[index]):
            return False
        surname = self.tokens[index - 1]
        earlier = self.tokens[index - 2] if index >= 2 else None
        starts_run = earlier is None or not earlier.is_capitalised or not adjacent(self.text, earlier, surname)
        return surname.text in self.lex.surnames and surname.text not in self.m.role_first_words and starts_run

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
        known = self._known_org_at(start)
        if known is not None and known.end > head_end:
            return known  # "Chánh Văn phòng Trung ương Đảng": the whole name is known
        longer = self._longer_head_with_known_body(head, head_end)
        if longer is not None:
            end, name = longer
            if self._place_after(end)[1] is not None or self._bare_province_word(end)[0]:
                return self._org_from_head(start, end, name)  # "... tỉnh Nghệ An", "... thành phố" (the article's)
            entry = self.lex.organizations.get(name)  # "Ủy ban MTTQ Việt Nam" alone: the national committee
            if entry is not None:
                return OrgMention(start, end, self.surface[start:end], entry.name, entry.kind, parent=entry.parent or None)
        expanded, kind, locality = self._head_info(head)
        local = locality == "yes"
        if locality == "of":  # "Ban Thường vụ Tỉnh ủy", "Ban Giám đốc Sở Y tế"; alone, nobody's
            unit = OrgMention(start, head_end, self.surface[start:head_end], canonical_name(expanded), kind)
            if self._join_body(unit, head_only=True, any_body=True):
                return unit
            if self.m.org_heads.match(self.text, head_end + 1):
                return None  # "Ban Chấp hành Đảng bộ cơ quan": the body after it is not named
        place_word, place, end = self._place_after(head_end)
        if place is None and expanded != head and expanded.split()[-1] in ("tỉnh", "phố"):
            # 'CATP Hải Phòng': the abbreviation carries the administrative word.
            run = self.places and next((p for p in self.places if p.start >= head_end and not self.text[head_end:p.start].strip()), None)
            if run:
                place, end = run, run.end
        if local:
            if place is not None and place.kind not in ("country", "region"):
                return self._local_org(start, end, expanded, kind, place_word, place)
            national = self.lex.organizations.get(f"{expanded} {place.name}") if place is not None else None
            if national is not None:  # "UBMTTQ Việt Nam": the national body of a local head
                return OrgMention(start, end, self.surface[start:end], national.name, national.kind)
            word, end = self._bare_province_word(head_end)
            head = f"{expanded} {word}" if word else expanded
            return OrgMention(start, end, self.surface[start:end], canonical_name(head), kind, local_head=head)
        sector_ends = expanded.split()[0] in _NAMED_BY_THEIR_SECTOR
        tail = self._tail(head_end, sector_ends=sector_ends) or self._lower_case_tail(start, head_end)
        if tail is None:
            # "Văn phòng UBND tỉnh", "Ban Thường vụ Tỉnh ủy": a bare head is named by the body after it
            unit = OrgMention(start, head_end, self.surface[start:head_end], canonical_name(expanded), kind)
            if self._join_body(unit, head_only=True):
                return unit
            place_word, place, end = self._place_after(head_end)
            if kind not in PROPER_NAMED_KINDS and kind not in _NAMED_BY_THEIR_PLACE_KINDS or place is None \
                    or place_word is None and not self.m.place_words.match(place.surface):
                return None  # (the place written with its administrative word: "xã X", "TP.HCM")
            # "Trường Mầm non xã Quang Trung": a school named by its commune; "Đảng ủy phường X";
            # "Bộ Tư lệnh TP Hồ Chí Minh": a command named by its city
            return OrgMention(start, end, self.surface[start:end], canonical_name(
                f"{expanded} {self._place_phrase(place_word, place)}"), kind, place=place.name)
        tail_end = tail
        tail_text = self._spelled_out(self.text[head_end:tail_end])
        tail_text = tail_text.strip()
        name = canonical_name(f"{expanded} {tail_text[0].upper()}{tail_text[1:]}")
        known = self.lex.organizations.get(name)
        name = known.name if known else name
        mention = OrgMention(start, tail_end, self.surface[start:tail_end], name, kind,
                             provincial=locality == "implied")
        place_word, place, end = self._place_after(tail_end)
        if place is not None and place.kind != "region":
            mention.end, mention.surface = end, self.surface[start:end]
            police = self._police_unit(name, kind) and place.kind != "country" and not name.lower().endswith("công an")
            # "Đội CSGT TP Vinh" is the unit of the city's police: "Đội CSGT Công an thành phố Vinh";
            # a company's or a school's place is part of its proper name ("Gang thép Thái Nguyên")
            phrase = self._place_phrase(place_word, place) if kind not in PROPER_NAMED_KINDS or place_word else \
                place.name
            mention.name = canonical_name(f"{name} {'Công an ' if police else ''}{phrase}")
            mention.place = place.name
        elif place is not None and place_word is None:
            # "Hội đồng Olympic châu Á", "Ban Chỉ đạo Tây Bắc": the region is part of the name
            mention.end, mention.surface = place.end, self.surface[start:place.end]
            mention.name = canonical_name(f"{name} {place.name}")
        else:
            inner = next((p for p in self.places if start < p.start and p.end == tail_end), None)
            if inner is not None:
                mention.place = inner.name
            else:
                self._join_body(mention, head_only=False)
        if kind == _MISSION_KIND:
            self._add_host(mention)
        return mention

    def _spelled_out(self, text: str) -> str:
        """``text`` with its abbreviations written out ('MTTQ' -> 'Mặt trận Tổ quốc')."""
        return self.m.abbreviations.sub(lambda m: self.lex.abbreviations[m.group()], text)

    def _longer_head_with_known_body(self, head: str, head_end: int) -> tuple[int, str] | None:
        """'Ủy ban MTTQ Việt Nam tỉnh X': a head and the known body after it make a longer head
        (a local committee of the national body), whose place follows."""
        known = self._known_org_at(head_end + 1) if self.text[head_end:head_end + 1] == " " else None
        if known is None:
            return None
        written = self._spelled_out(known.surface)
        entry = self.lex.org_kinds.get(f"{self.lex.abbreviations.get(head, head)} {written}")
        return (known.end, entry.name) if entry is not None else None

    def _add_host(self, mission: OrgMention) -> None:
        """'Đại sứ quán Việt Nam tại Nhật Bản', 'Phái đoàn Việt Nam tại Liên Hợp Quốc': a mission
        is named with the country or body it is sent to."""
        match = _HOST.match(self.text, mission.end)
        if match is None:
            return
        host = self.place_at(match.end()) or self._known_org_at(match.end())
        if host is not None:
            mission.name = canonical_name(f"{mission.name} tại {host.name}")
            mission.end, mission.surface = host.end, self.surface[mission.start:host.end]

    def _named_body_at(self, position: int) -> bool:
        """A known body, or a local one named with its place or its province's word, starts at
        ``position`` ('Bộ Y tế', 'Công an tỉnh Lai Châu', 'UBND tỉnh', 'Tỉnh ủy')."""
        body = self._body_mention(position)
        return body is not None and (body.local_head is None or self._awaits_province(body.local_head))

    def _awaits_province(self, local_head: str) -> bool:
        """'Công an tỉnh', 'UBND thành phố', 'Tỉnh ủy': the article's province or city names it."""
        return local_head.split()[-1] in ("tỉnh", "phố", "ủy")

    def _join_body(self, unit: OrgMention, head_only: bool, any_body: bool = False) -> bool:
        """'Phòng CSGT Công an tỉnh Sơn La', 'Văn phòng UBND tỉnh', 'Bộ Tư lệnh BĐBP': a unit
        written right before a local body, or a bare head before a body of its kind (before any
        body, with ``any_body``), is named with it; the body is kept as a mention of its own."""
        following = self.tokens_from(unit.end)[:2]
        if not following or self.text[unit.end:following[0].start].strip():
            return False
        separated = following[0].text in (",", "-", "–", "thuộc")
        if separated and (head_only or len(following) < 2):
            return False
        body = self._body_mention(following[-1 if separated else 0].start, any_body)
        if body is None or separated and following[0].text == "," and not (
                body.kind == "police" and self._police_unit(unit.name, unit.kind) or body.kind == unit.kind == "army"):
            return False  # "Phòng CSGT, Công an tỉnh X" is one body; "Sở Y tế, Công an tỉnh" are two
        if body.local_head is not None:
            words = body.local_head.split()
            if not self._awaits_province(body.local_head):
                return False  # a bare "Công an": no body in particular
            # "Công an tỉnh": the body of the article's province, which the article resolves
            base = " ".join(words[:-2] if words[-1] == "phố" else words[:-1]) if words[-1] != "ủy" else body.local_head
            unit.name, unit.provincial = canonical_name(f"{unit.name} {base}"), True
        elif body.name.startswith(unit.name):
            return False  # "ngân hàng HDBank": the body itself, under its own name
        elif head_only and not any_body and body.kind == unit.kind == "company":
            unit.name, unit.kind = body.name, body.kind  # "Công ty TNHH MTV Lọc hóa dầu Bình Sơn" is BSR
        elif body.place is not None or any_body or head_only and body.kind == unit.kind:
            unit.name, unit.place, unit.parent = canonical_name(f"{unit.name} {body.name}"), body.place, body.name
        else:
            return False
        unit.end, unit.surface = body.end, self.surface[unit.start:body.end]
        if unit.name != body.name:
            self._joined_bodies[id(unit)] = body.start
        return True

    def _of_its_country(self, org: OrgMention) -> OrgMention:
        """'Chính phủ Anh', 'Bộ Ngoại giao Nhật Bản': a national body of Vietnam's followed by
        another country is that country's body ('Bộ Công an Việt Nam' is the same body);
        'BĐBP Điện Biên': a national force followed by a province is its provincial command."""
        if org.kind == _PARTY_COMMITTEE_KIND and org.name.endswith("Đảng"):
            foreign = self._foreign_party_after(org)
            if foreign is not None:
                return foreign
        place_word, place, end = self._place_after(org.end)
        # "Ủy ban MTTQ Việt Nam tỉnh X": the lexicon's national body, written as a local body's head
        written = self._spelled_out(org.surface)
        head = self.lex.org_kinds.get(org.name) or (self.lex.org_kinds.get(written) if place_word else None)
        if place is not None and head is not None and head.extra == "yes" and place.kind not in ("country", "region"):
            return self._local_org(org.start, end, head.name, org.kind, place_word, place)
        if org.kind not in ("state", "ministry") or place is None or place_word is not None or \
                place.kind != "country" or org.name in self.lex.countries:
            return org
        if place.name == "Việt Nam":
            return replace(org, end=place.end, surface=self.surface[org.start:place.end])
        return OrgMention(org.start, place.end, self.surface[org.start:place.end], f"{org.name} {place.name}",
                          org.kind, place=place.name)

    def _foreign_party_after(self, org: OrgMention) -> OrgMention | None:
        """'Ban Chấp hành Trung ương Đảng Cộng sản Cuba': the organ of another country's party,
        not the lexicon's Vietnamese one its first words name."""
        words = []
        for token in self.tokens_from(org.end)[:5]:
            place = self.place_at(token.start)
            if place is not None and place.kind == "country" and words:
                if place.name == "Việt Nam":
                    return None
                rest = self._spelled_out(self.text[org.end:place.end])
                return OrgMention(org.start, place.end, self.surface[org.start:place.end],
                                  canonical_name(org.name + rest), org.kind, place=place.name)
            if not token.is_word or self.text[(words[-1].end if words else org.end):token.start].strip():
                return None
            words.append(token)
        return None

    def _known_org_at(self, position: int) -> OrgMention | None:
        known = self.m.known_orgs.match(self.text, position)
        if known is None or not known.group()[0].isupper():
            return None
        entry = self.lex.organizations.get(known.group())
        return OrgMention(position, known.end(), self.surface[position:known.end()], entry.name, entry.kind,
                          parent=entry.parent or None)

    def _body_mention(self, position: int, any_body: bool = False) -> OrgMention | None:
        """The known body, or the local body (with ``any_body``, any body) named from its head,
        that starts at ``position``."""
        known = self._known_org_at(position)
        if known is not None:
            return known
        head = self.m.org_heads.match(self.text, position)
        if head and head.group()[0].isupper() and (any_body or self._head_info(head.group())[2] == "yes"):
            return self._org_from_head(position, head.end(), head.group())
        return None

    def _local_org(self, start, end, expanded, kind, place_word, place) -> OrgMention:
        words = expanded.split()
        if words[-1] in ("tỉnh", "phố", "huyện", "quận", "xã", "phường"):
            head = " ".join(words[:-2] if words[-2:] == ["thành", "phố"] or words[-2:] == ["thị", "xã"] else words[:-1])
            place_word = place_word or " ".join(words[len(head.split()):])
        else:
            head = expanded
        if kind == _PARTY_COMMITTEE_KIND and head.endswith("ủy"):
            name = f"{head} {place.name}"  # "Tỉnh ủy", "Huyện ủy" carry their level
        else:
            name = f"{head} {self._place_phrase(place_word, place)}"
        return OrgMention(start, end, self.surface[start:end], canonical_name(name), kind, place=place.name)

    def _police_unit(self, name: str, kind: str) -> bool:
        """A police force's unit ('Phòng Cảnh sát giao thông', 'Đội An ninh'), not the force itself."""
        if name.startswith(("Công an", "Cảnh sát biển")):
            return False
        return kind == "police" or any(word in name for word in _POLICE_UNIT_WORDS)

    def _place_phrase(self, word: str | None, place: PlaceMention) -> str:
        """The place as an organisation's name spells it: 'tỉnh Yên Bái', 'thành phố Huế'; a
        provincial capital's name already starts with its word ('thành phố Yên Bái')."""
        if place.name.split()[0] in ("thành", "thị"):
            return place.name
        word = word or (place.kind if place.kind in ADMINISTRATIVE_KINDS else "")
        if place.name.lower().startswith(f"{word} "):
            return f"{word}{place.name[len(word):]}"  # "Quận 7" is written with its word
        return f"{word} {place.name}"

    def _bare_province_word(self, position: int) -> tuple[str | None, int]:
        """'Công an tỉnh', 'UBND thành phố' with no name after the word: the body of the
        province or city the article is about, left for the article to resolve."""
        at = position + len(self.text[position:]) - len(self.text[position:].lstrip(" "))
        match = self.m.place_words.match(self.text, at)
        if match is None:
            return None, position
        word = ADMIN_WORD.get(match.group(), match.group().lower())
        following = self.tokens_from(match.end())
        if word not in ("tỉnh", "thành phố") or self.place_at(match.start()) is not None or \
                following and self.place_at(following[0].start) is not None:
            return None, position  # "UBND tỉnh Nguyễn Văn Hùng": a bare word, then a person's name
        return word, match.end()

    def _place_after(self, position: int) -> tuple[str | None, PlaceMention | None, int]:
        """An optional administrative word and a place starting right after ``position``."""
        gap = self.text[position:]
        stripped = len(gap) - len(gap.lstrip(" "))
        at = position + stripped
        place = self.place_at(at)
        if place is not None:  # "thành phố Huế", "TP Bắc Giang": the place holds its word
            return None, place, place.end
        word = None
        match = self.m.place_words.match(self.text, at)
        if match:
            word = ADMIN_WORD.get(match.group(), match.group().lower())
            rest = self.text[match.end():]
            at = match.end() + len(rest) - len(rest.lstrip(" ."))
        place = self.place_at(at)
        if place is None:
            return None, None, position
        return word, place, place.end

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
                    if org.local_head.endswith(("tỉnh", "phố")) and not org.local_head.endswith(place.kind.split()[-1]):
                        break  # "UBND tỉnh và UBND thành phố Hạ Long": the province's, not the city's
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
