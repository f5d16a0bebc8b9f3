"""One head shared by a list of names: "Sở Tư pháp, Nội vụ" (two departments), "các Bộ:
Quốc phòng, Ngoại giao", "các Tổng Công ty: A, B và C"."""
from __future__ import annotations

import re

from ..lexicon import canonical_name
from .mentions import OrgMention

_PLURAL = frozenset("các những hai ba bốn năm".split())
_SEPARATOR = re.compile(r"\s*(?:,\s*và|,|và)\s+")


class OrgListReader:
    """The list-reading part of OrgRecognizer."""

    def _listed_after_head(self, start: int, head_end: int, head: str) -> list[OrgMention]:
        """'các Bộ: Quốc phòng, Ngoại giao': a plural head before a colon names each item."""
        before = self.text[:start].split()
        if not before or before[-1].lower() not in _PLURAL or not self.text.startswith(":", head_end):
            return []
        expanded, kind, locality = self._head_info(head)
        items = []
        position = head_end + 1
        while True:
            item_end = self._list_item_end(position, sectors_only=False)
            if item_end is None:
                break
            joined = self.text.rfind(" và ", position, item_end)
            if joined > 0 and not self.m.fields.fullmatch(self.text, position, item_end):
                # "Sông Đà, Lilama và Vinaconex": "và" joins the last two items, not one name
                items.append(self._list_item(expanded, kind, locality, position, joined))
                position = joined + len(" và ")
            items.append(self._list_item(expanded, kind, locality, position, item_end))
            separator = _SEPARATOR.match(self.text, item_end)
            if separator is None:
                break
            position = separator.end()
        return items

    def _sectors_listed_after(self, org: OrgMention, head: str) -> list[OrgMention]:
        """'Sở Tư pháp, Nội vụ': sectors listed after a department's name share its head."""
        expanded, kind, locality = self._head_info(head)
        items = []
        position = org.end
        while (separator := _SEPARATOR.match(self.text, position)) is not None:
            item_end = self._list_item_end(separator.end(), sectors_only=True)
            if item_end is None:
                break
            items.append(self._list_item(expanded, kind, locality, separator.end(), item_end))
            position = item_end
        place_word, place, end = self._place_after(position) if items else (None, None, position)
        if place is not None and org.place is None:
            # "Sở Tư pháp, Nội vụ tỉnh Lai Châu": the place after the list is every item's
            for item in [org] + items:
                item.name = canonical_name(f"{item.name} {self._place_phrase(place_word, place)}")
                item.place, item.provincial = place.name, False
        return items

    def _places_listed_after(self, org: OrgMention, head: str) -> list[OrgMention]:
        """'BĐBP Điện Biên, Lạng Sơn và Lào Cai', 'Công an tỉnh A, B': provinces listed after a
        local body's place name a body each (a place written with its own word is not listed)."""
        first = next((p for p in self.places if p.name == org.place and p.end == org.end), None)
        if first is None:
            return []
        expanded, kind, _ = self._head_info(head)
        items = []
        position = org.end
        while (separator := _SEPARATOR.match(self.text, position)) is not None:
            place = self.place_at(separator.end())
            if place is None or place.kind != first.kind or place.surface != self.surface[place.start:place.end] \
                    or self.place_at(place.start) is not place or not place.surface[:1].isupper():
                break
            item = self._local_org(place.start, place.end, expanded, kind, None, place)
            item.surface = item.name
            items.append(item)
            position = place.end
        return items

    def _list_item_end(self, position: int, sectors_only: bool) -> int | None:
        """Where the list's item starting at ``position`` ends: a sector's name ('Khoa học và
        Công nghệ') or, unless ``sectors_only``, a name read as after a head; None when another
        body begins there."""
        if self.m.org_heads.match(self.text, position) or self._known_org_at(position) or \
                self.m.roles.match(self.text, position) or self.m.ranks.match(self.text, position):
            return None  # "..., Đại sứ Việt Nam tại Mỹ": the list has ended
        sector = self.m.fields.match(self.text, position)
        if sector and sector.group()[0].isupper():
            return sector.end()
        return None if sectors_only else self._tail(position)

    def _list_item(self, expanded: str, kind: str, locality: str, start: int, end: int) -> OrgMention:
        name = canonical_name(f"{expanded} {self.text[start:end]}")
        known = self.lex.organizations.get(name)
        # written as the sector alone ("Nội vụ"), the item keeps no surface form of its own
        return OrgMention(start, end, name, known.name if known else name, kind,
                          provincial=locality == "implied" and known is None)
