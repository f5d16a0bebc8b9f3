"""Posts in one sentence: a role and the body it is held in, chains of them, and the person
they belong to."""
from __future__ import annotations

import re

from .mentions import OrgMention, PersonMention, PostMention


class PostRecognizer:
    """The post part of SentenceAnalysis."""

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

