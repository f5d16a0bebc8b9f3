"""Posts in one sentence: a role and the body it is held in, chains of them, and the person
they belong to.

Official style writes a person's posts as one chain beside the name, before it ("Ủy viên
Bộ Chính trị, Bí thư Thành ủy Hà Nội Đinh Văn A") or after it, set off by a comma, a dash or
a bracket ("Ông B, nguyên Bộ trưởng ..., hiện là ...", "Ông C (sinh năm 1970), Phó Chủ tịch
UBND tỉnh kiêm Giám đốc Sở Nội vụ"). The chain's items are posts, a rank ("..., Thượng tướng,
Thứ trưởng ..."), link words from ``post_links.tsv`` (former, current, joiner) and
biographical asides passed over. A body left bare in one item ("UBND tỉnh", "Đảng ủy") is
completed from the chain's other items.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lexicon import canonical_name, lexicon, name_key
from .marks import ADMINISTRATIVE_KINDS, adjacent
from .mentions import OrgMention, PersonMention, PostMention

# Between a chain's items: a comma, a dash, a bracket; ";" closes a list item ("A, X; B, Y").
_SEPARATOR = re.compile(r"\s*(?P<mark>[,(]|[-–—](?=\s)|\)\s*[,\-–]?)?\s*")
_BRACKET_END = re.compile(r"[^()]{0,120}?\)")
_BIO_END = re.compile(r"[^,;()]{0,80}")
_IN_CHARGE = re.compile(r"\s+phụ trách(?=\s)")
_PLURAL = re.compile(r"\s+(?:các|những)\s")
_QUALIFIER = re.compile(r"\s*(?:(?P<word>của|tại|thuộc)\s+)?")


def body_for_role(body: str, role: str) -> str | None:
    """The body of the kind a role is held in ('Bộ trưởng' in a 'Bộ ...', by
    ``role_bodies.tsv``) that ``body`` is or names at its end ('Chi bộ Tạp chí X' names
    'Tạp chí X'); None for a role the file does not list."""
    words = role.split()
    lex = lexicon()
    heads = lex.role_bodies.get(" ".join(words[1:]) if words[0] == "Phó" else role, ())
    known = lex.organizations.get(body)
    if known is not None and known.kind == "party":
        return None  # "Bộ Chính trị" begins like a ministry and is none
    for head in heads:
        if body == head or body.startswith(head + " "):
            return body
        inner = body.find(" " + head + " ")
        if inner > 0:
            return body[inner + 1:]
    return None


@dataclass(slots=True)
class Chain:
    """The posts, rank and end of one chain of posts."""

    posts: list[PostMention] = field(default_factory=list)
    rank: str | None = None
    end: int = 0


class PostRecognizer:
    """The post part of SentenceAnalysis."""

    def _post_at(self, start: int, former: bool = False, any_case: bool = False) -> PostMention | None:
        """A post phrase starting at ``start``: a role, then the body it is held in (a role
        in lower case only with ``any_case``: after 'kiêm', 'là')."""
        role_match = self.m.roles_any_case.match(self.text, start)
        if role_match is None or not (any_case or role_match.group()[0].isupper()):
            return None
        entry = self.lex.roles.get(role_match.group())
        role, end = entry.name, role_match.end()
        if _PLURAL.match(self.text, end):
            return None  # "Thứ trưởng các Bộ ...": several people's posts, nobody's in particular
        if entry.kind == "yes":
            served = self._post_at(end + len(self.text[end:]) - len(self.text[end:].lstrip(" ")))
            if served is not None:  # "Trợ lý Chủ tịch Quốc hội": the assistant's post, in the body of whom it serves
                return PostMention(start, served.end, role, served.organization, former)
        shorter = self._role_without(role, entry.extra) if entry.extra else None
        if shorter is not None:  # "Phó Chủ tịch Quốc hội": the role "Phó Chủ tịch" in Quốc hội
            return PostMention(start, self._qualifiers_end(end), shorter, entry.extra, former)
        org = self._org_starting_after(end) or self._org_inside_after(end) or self._lower_case_org_after(end)
        if org is None and (org := self._org_in_role(role_match)) is not None:
            role = self._role_without(role, org.name) or role  # "Chủ nhiệm Ủy ban Kinh tế": "Chủ nhiệm"
        implied = self._implied_org(role, end) or (self._body_of_the_place_after(role, end) if org is None else None)
        if implied and (org is None or org.local_head is not None):
            return PostMention(start, implied[1], role, implied[0], former)  # "Bộ trưởng Công an": Bộ Công an
        if org is None:
            bare = self._bare_head_after(end)
            if bare is not None:
                return PostMention(start, bare[1], role, None, former, bare_head=bare[0])
            return PostMention(start, self._qualifiers_end(end), role, entry.extra or None, former)
        return PostMention(start, self._qualifiers_end(org.end), role, org.name, former, org=org)

    def _qualifiers_end(self, position: int) -> int:
        """Where the words qualifying a post end: its country ('Tổng thống Pháp', 'Đại sứ Việt
        Nam tại Nhật Bản') or the body its body belongs to ('Ủy ban Kinh tế của Quốc hội')."""
        for _ in range(3):
            link = _QUALIFIER.match(self.text, position)
            at = link.end()
            place = self.place_at(at)
            if place is not None and place.kind == "country":
                position = place.end
                continue
            org = next((o for o in self.orgs if o.start == at), None) if link.group("word") else None
            if org is None:
                break
            position = org.end
        return position

    def _lower_case_org_after(self, position: int) -> OrgMention | None:
        """'Phó Hiệu trưởng trường THPT chuyên X': a body head in lower case right after a role,
        followed by the capitalised name."""
        following = self.tokens_from(position)[:3]
        if not following or self.text[position:following[0].start].strip() or not following[0].text.islower():
            return None
        for count in (2, 1):
            if len(following) <= count or not (following[count].is_capitalised or following[count].is_code):
                continue
            written = self.text[following[0].start:following[count - 1].end]
            head = written[0].upper() + written[1:]
            if head in self.lex.org_kinds:
                return self._org_from_head(following[0].start, following[count - 1].end, head)
        return None

    def _role_without(self, role: str, body: str) -> str | None:
        """The role a longer role is made of when its last words begin the body's name
        ('Chủ tịch Quốc hội' is 'Chủ tịch' of Quốc hội), if that role is in the lexicon."""
        words, body_words = role.split(), body.split()
        for n in range(min(len(words) - 1, len(body_words)), 0, -1):
            if name_key(" ".join(words[-n:])) == name_key(" ".join(body_words[:n])):
                shorter = self.lex.roles.get(" ".join(words[:-n]))
                return shorter.name if shorter else None
        return None

    def _org_inside_after(self, position: int) -> OrgMention | None:
        """The body after a role that the sentence read as part of a longer name: 'Ủy viên
        Ban Chấp hành Đảng bộ tỉnh' (the role takes 'Ban Chấp hành'), 'Ủy viên Ban Thường vụ
        Tỉnh ủy'."""
        at = position + len(self.text[position:]) - len(self.text[position:].lstrip(" "))
        if not any(o.start < at < o.end for o in self.orgs):
            return None
        head = self.m.org_heads.match(self.text, at)
        return self._org_from_head(at, head.end(), head.group()) if head else None

    def _bare_head_after(self, position: int) -> tuple[str, int] | None:
        """'Bí thư Đảng ủy, Cục trưởng Cục X': a body head written alone, whose body the
        chain names later (the Đảng ủy of Cục X), or named earlier ('Tổng Thư ký Hội đồng X,
        Ủy viên Thường trực Hội đồng': Hội đồng X)."""
        following = []
        for token in self.tokens_from(position)[:4]:
            if not token.is_word or (following and not adjacent(self.text, following[-1], token)):
                break
            following.append(token)
        if not following or self.text[position:following[0].start].strip():
            return None
        for count in range(len(following), 0, -1):
            head = self.text[following[0].start:following[count - 1].end]
            if head[0].isupper() and head in self.lex.org_kinds:
                return head, following[count - 1].end
        return None

    def _org_in_role(self, role_match: re.Match) -> OrgMention | None:
        """'Trưởng ban Tổ chức Trung ương', 'Chánh Văn phòng UBND tỉnh': the role's last word
        is the head of the body's name ('Ủy viên Ban Chấp hành Trung ương Đảng': a head of three
        words). Only for roles made of a head and one or two words before it, where the body is
        not read otherwise ('Ủy viên Ban Thường vụ Tỉnh ủy' is a role of its own in the Tỉnh ủy)."""
        words = role_match.group().split()
        if words[0] == "Phó":
            words = words[1:]
        for n in (3, 2, 1):
            if len(words) <= n or len(words) - n > 2:
                continue
            head = " ".join(words[-n:])
            head = head[0].upper() + head[1:]
            if head not in self.lex.org_kinds:
                continue
            head_start, head_end = role_match.end() - len(" ".join(words[-n:])), role_match.end()
            after = self.text[head_end:]
            if after.lstrip().startswith(f"{head} "):  # "Trưởng ban Ban Chỉ đạo X": the head written again
                head_start = head_end + len(after) - len(after.lstrip())
                head_end = head_start + len(head)
            org = self._org_from_head(head_start, head_end, head)
            if org is not None and org.end > role_match.end() and org.local_head is None:
                return org
        return None

    def _org_starting_after(self, position: int) -> OrgMention | None:
        """The body right after ``position``, or after 'phụ trách' there ('Phó trưởng phòng phụ
        trách Phòng X': the deputy in charge of the office)."""
        in_charge = _IN_CHARGE.match(self.text, position)
        if in_charge is not None:
            position = in_charge.end()
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

    def _body_of_the_place_after(self, role: str, end: int) -> tuple[str, int] | None:
        """'Bí thư phường Bắc Sơn', 'Chủ tịch tỉnh Nghệ An': a role right before a place written
        with its administrative word is held in that place's committee (lexicons/place_posts.tsv)."""
        word, place, place_end = self._place_after(end)
        if place is None or place.kind not in ADMINISTRATIVE_KINDS or \
                word is None and not place.surface.lower().startswith(place.kind):
            return None
        base = role[4:] if role.startswith("Phó ") else role
        head = self.lex.place_posts.get((base, place.kind)) or self.lex.place_posts.get((base, "*"))
        if head is None:
            return None
        entry = self.lex.org_kinds.get(head)
        if entry.extra == "yes":  # "Tỉnh ủy Nghệ An", "Ủy ban nhân dân tỉnh Nghệ An": a local body's own head
            return self._local_org(end, place_end, head, entry.kind, place.kind, place).name, place_end
        return canonical_name(f"{head} {self._place_phrase(place.kind, place)}"), place_end  # "Đảng ủy phường X"

    # ---------------------------------------------------------------- chains
    def _chain(self, start: int, after_name: bool, persons: list[PersonMention]) -> Chain:
        """The chain of posts from ``start``: after a name it must open with a separator or a
        link word ('là', 'nguyên'); before a name it opens with a role."""
        chain = Chain(end=start)
        person_starts = {p.prefix_start for p in persons} | {p.start for p in persons}
        position = start
        first = True
        while True:
            separator = _SEPARATOR.match(self.text, position)
            mark = (separator.group("mark") or "").strip()
            at = separator.end()
            if mark == "(":
                inner = self._bracket(at, persons)
                if inner is None:
                    break
                chain.posts.extend(inner.posts)
                chain.rank = chain.rank or inner.rank
                position = chain.end = inner.end
                first = False
                continue
            at, kinds = self._links(at)
            if "behalf" in kinds:
                break  # "A, thay mặt Bộ trưởng, ...": the post after it is another's
            if first and after_name and not mark and not kinds:
                break
            if not first and not mark and not kinds:
                break
            if "bio" in kinds:
                aside = _BIO_END.match(self.text, at)
                position = aside.end()
                first = False
                continue
            post = self._post_at(at, former="former" in kinds, any_case=bool(kinds - {"bio"}))
            if post is not None:
                chain.posts.append(post)
                position = chain.end = post.end
                first = False
                continue
            rank = self.m.ranks.match(self.text, at)
            if rank is not None and not first and self._rank_stands_alone(rank.end(), person_starts):
                chain.rank = chain.rank or self.lex.ranks.get(rank.group()).name
                position = chain.end = rank.end()
                continue
            break
        self._complete_bodies(chain.posts)
        return chain

    def _links(self, position: int) -> tuple[int, set[str]]:
        """Link words at ``position`` ('nguyên', 'hiện là', 'kiêm'): where they end and their kinds."""
        kinds = set()
        while (link := self.m.post_links.match(self.text, position)) is not None:
            kinds.add(self.lex.post_links.get(link.group()).kind)
            position = link.end() + len(self.text[link.end():]) - len(self.text[link.end():].lstrip())
        return position, kinds

    def _bracket(self, position: int, persons: list[PersonMention]) -> Chain | None:
        """What a bracket beside a name holds: posts ('(Phó Giám đốc Sở X)') or an aside
        passed over ('(sinh năm 1970)', '(SN 1973)', '(45 tuổi)')."""
        closing = _BRACKET_END.match(self.text, position)
        if closing is None:
            return None
        at, kinds = self._links(position)
        post = self._post_at(at, former="former" in kinds)
        if post is None:
            return Chain(end=closing.end())
        inner = self._chain(post.end, after_name=True, persons=persons)
        inner.posts.insert(0, post)
        inner.end = max(inner.end, post.end)
        rest = self.text[inner.end:]
        if rest.lstrip().startswith(")"):
            inner.end += len(rest) - len(rest.lstrip()) + 1
        return inner

    def _rank_stands_alone(self, end: int, person_starts: set[int]) -> bool:
        """'..., Thượng tướng, Thứ trưởng ...': a rank in a chain, not the rank before the
        next person's name."""
        following = self.tokens_from(end)[:1]
        return not following or following[0].start not in person_starts and not following[0].is_capitalised

    def _complete_bodies(self, posts: list[PostMention]) -> None:
        """A body left bare in one post takes what the chain's other posts name: 'Phó Chủ tịch
        UBND tỉnh kiêm Giám đốc Sở Nội vụ tỉnh Thái Bình' (the place), 'Bí thư Đảng ủy, Cục
        trưởng Cục X' (the body the Đảng ủy belongs to)."""
        for index, post in enumerate(posts):
            others = posts[index + 1:] + posts[:index][::-1]
            if post.org is not None and post.org.local_head is not None:
                place = next((self._place_named(o.org.place) for o in others
                              if o.org is not None and o.org.place and self._fits(post.org.local_head, o.org.place)),
                             None)
                if place is not None:
                    filled = self._local_org(post.org.start, post.org.end, post.org.local_head, post.org.kind, None, place)
                    post.org.name, post.org.place, post.org.local_head = filled.name, filled.place, None
                    post.organization = filled.name
            elif post.bare_head is not None:
                named = next((o.organization for o in posts[:index][::-1] if o.organization
                              and o.organization.startswith(post.bare_head + " ")), None)
                body = next((o.organization for o in posts[index + 1:] if o.organization and o.bare_head is None), None)
                if named is not None:
                    post.organization = named
                elif body is not None:
                    post.organization = f"{post.bare_head} {body}"
            elif post.organization is None:
                # "Phó Tổng Biên tập, Bí thư Đảng ủy cơ quan Tạp chí X": the body of the role's kind
                post.organization = next((body for o in others if o.organization
                                          and (body := body_for_role(o.organization, post.role))), None)
                post.settled = post.organization is None and any(o.organization for o in others)

    def _place_named(self, name: str):
        return next((p for p in self.places if p.name == name), None)

    def _fits(self, local_head: str, place_name: str) -> bool:
        """Whether a place can complete a local body's head: 'UBND tỉnh' takes a province,
        'Thành ủy' a city, 'UBND' either."""
        place = self._place_named(place_name)
        if place is None:
            return False
        words = local_head.split()
        if words[-1] == "tỉnh" or words[0] == "Tỉnh":
            return place.kind == "tỉnh"
        if words[-2:] == ["thành", "phố"] or words[0] == "Thành":
            return place.kind == "thành phố" or place.name.startswith("thành phố")
        if words[-1] in ("huyện", "quận", "xã", "phường"):
            return place.kind == words[-1]
        return place.kind in ("tỉnh", "thành phố")

    # ----------------------------------------------------------- attachment
    def _attach_posts(self, persons: list[PersonMention]) -> None:
        """Each person's chain written after the name, then chains written right before one."""
        if not persons:
            return
        taken: list[tuple[int, int]] = []
        for index, person in enumerate(persons):
            chain = self._chain(person.end, after_name=True, persons=persons)
            if not chain.posts:
                continue
            following = persons[index + 1] if index + 1 < len(persons) else None
            if following is not None and not self.text[chain.end:following.prefix_start].strip(" -–"):
                continue  # "A, Bộ trưởng Bộ Quốc phòng B": the posts are B's, written before B's name
            person.posts.extend(chain.posts)
            person.rank = person.rank or chain.rank
            taken += [(p.start, p.end) for p in chain.posts]
        self._attach_posts_before(persons, taken)
        self._deputies_share_bodies(persons)

    def _deputies_share_bodies(self, persons: list[PersonMention]) -> None:
        """'A, Giám đốc Công an tỉnh X, và B, Phó Giám đốc': a deputy's post written without
        its body is in the body of the post it deputises in the same sentence."""
        posts = [post for person in persons for post in person.posts]
        for post in posts:
            if post.organization is None and post.role.startswith("Phó "):
                post.organization = next((o.organization for o in posts
                                          if o.organization and o.role == post.role[4:]), None)

    def _attach_posts_before(self, persons: list[PersonMention], taken: list[tuple[int, int]]) -> None:
        """Chains written right before a name: 'Bộ trưởng Bộ Y tế A', 'Ủy viên Bộ Chính trị,
        Bí thư Thành ủy B'; also a lower-case role alone before a name ('đại biểu C')."""
        if not persons:
            return
        for match in self.m.roles_any_case.finditer(self.text, 0, max(p.prefix_start for p in persons)):
            start = match.start()
            if any(a <= start < b for a, b in taken) or (start > 0 and self.text[start - 1].isalnum()):
                continue
            if not match.group()[0].isupper():
                self._lower_case_role_before(match, persons)
                continue
            if any(p.start <= start < p.end for p in persons) or any(o.start < start < o.end for o in self.orgs):
                continue  # a role word inside a name ('Ban Giám đốc', 'Nguyễn Thành Viên')
            chain = self._chain(start, after_name=False, persons=persons)
            if not chain.posts:
                continue
            if len(chain.posts) > 1 and self._link_before(start) == "behalf":
                continue  # "thừa ủy quyền Chủ tịch nước, Phó Chủ nhiệm ... A": the first post is not A's
            following = next((p for p in persons if p.prefix_start >= chain.end), None)
            if following is None:
                continue
            if self.text[chain.end:following.prefix_start].strip() in ("", "-", "–", ","):
                former = self._former_before(start)
                for post in chain.posts:
                    post.former = post.former or former
                following.posts[:0] = chain.posts
                following.rank = following.rank or chain.rank
                taken += [(p.start, p.end) for p in chain.posts]

    def _lower_case_role_before(self, match: re.Match, persons: list[PersonMention]) -> None:
        """'theo đại biểu Nguyễn Văn A (Cần Thơ)': a role in lower case counts only right
        before a name."""
        following = next((p for p in persons if p.prefix_start >= match.end()), None)
        if following is None or self.text[match.end():following.prefix_start].strip() or following.posts:
            return
        entry = self.lex.roles.get(match.group())
        role = self._role_without(entry.name, entry.extra) if entry.extra else None
        following.posts.append(PostMention(match.start(), match.end(), role or entry.name, entry.extra or None,
                                           self._former_before(match.start())))

    def _former_before(self, start: int) -> bool:
        """'nguyên Chủ tịch nước A', 'cựu Bộ trưởng B': a former post written before the name."""
        return self._link_before(start) == "former"

    def _link_before(self, start: int) -> str | None:
        """The kind of the link words (post_links.tsv) written right before ``start``, if any."""
        words = self.text[max(0, start - 30):start].split()
        return next((entry.kind for entry in (self.lex.post_links.get(" ".join(words[-n:])) for n in (3, 2, 1)
                                               if len(words) >= n) if entry is not None), None)
