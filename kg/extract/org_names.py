"""Where an organisation's name begins and ends around its head: capitalised words, codes,
their lower-case second syllables, names after a lower-case head or a post's title, short
forms in brackets; also the titles of laws, which run the same way but longer."""
from __future__ import annotations

import re
from dataclasses import replace

from ..lexicon import name_key
from .marks import ADMIN_WORD, RUN_HONORIFICS, Token, adjacent
from .mentions import OrgMention

_NAME_STOPPERS = frozenset(
    """và năm kiêm của thuộc tại trong với đã đang sẽ là được bị cho các những này đó về theo có cùng
    hoặc nhưng mà thì để khi từ đến vừa mới cũng nay nhằm gồm do vì nên sau trước trên dưới
    qua ra vào lại còn không chưa luôn rất nhiều lần tặng trao đón gửi thăm mời tiếp ở cần phải
    hôm ngày sáng chiều tối trưa đêm tháng tuần""".split()
)
_VERB_PHRASES = frozenset(
    """tổ chức|chủ trì|tham dự|phát biểu|cho biết|làm việc|đề nghị|yêu cầu|ban hành|triển khai|thực hiện
    |xây dựng|kiểm tra|tiến hành|phối hợp|chỉ đạo|báo cáo|thông báo|công bố|quyết định|đánh giá|nhiệm kỳ
    |dừng xe|phát hiện|xử lý|tiếp nhận|trao tặng|khai mạc|bế mạc|gửi thư|đề xuất|ký kết|trả lời|cho rằng
    |khẳng định|nhấn mạnh|tập trung|đảm bảo|bảo đảm|phê duyệt|giao nhiệm|lần thứ|sáng lập|thành lập
    |quản lý|chịu trách|điều tra|tiếp tục|trình bày|đồng ý|thống nhất|chúc mừng|trao đổi|đồng thời|tăng cường
    |đáp ứng|có hiệu|hướng dẫn|quy định|sửa đổi|được thông|đã được|đã thông|phát hành
    |khởi tố|truy tố|xét xử|bắt giữ|bắt tạm|tạm giữ|tạm giam|ra quyết|kết luận|xác định|xác minh|phát động
    |lập biên|lập hồ|bàn giao|tính đến|nhắc nhở""".split("|")
)
_VERB_PHRASES = frozenset(" ".join(phrase.split()) for phrase in _VERB_PHRASES)
_MAX_LOWER_RUN = 4
_MAX_TITLE_LOWER_RUN = 10
_TITLE_STOPPERS = _NAME_STOPPERS - {"không", "và", "trên", "dưới", "qua", "ra", "vào", "lại"}
_JOINERS = ("-", "–", "&")
_SHORT_FORM = re.compile(r"\s*\(([^()\s][^()]{0,40}?)\)")
_UNIT_NUMBER_PARTS = re.compile(r"(?:[.\-/]\d+)*[A-Z]?(?!\w)|")
PROPER_NAMED_KINDS = ("company", "education", "media", "international")
_GENERIC_BEFORE = frozenset("các những nhiều mọi mỗi một số vài hai ba bốn năm cùng".split())
# One-word heads that may be written in lower case before a name ("báo Dân trí", "trường Hà Nội -
# Amsterdam"), and the words that make them part of a common word ("thông báo", "thị trường").
_WORDS_BEFORE_ONE_WORD_HEADS = {
    "Báo": frozenset("thông cảnh dự tình trình khai tố điện phát hồi loan họp nhà".split()),
    "Trường": frozenset("thị quảng môi chiến hiện lập sân phi công nông đấu diễn võ ngư trực pháp".split()),
}


class OrgNameReader:
    """The name-reading part of OrgRecognizer: it asks the recogniser where places and bodies start."""

    def title_end(self, position: int) -> int | None:
        """Where a law's title written after ``position`` ends: titles run over long lower-case
        phrases ('Luật Ban hành văn bản quy phạm pháp luật', 'Luật Phòng không nhân dân')."""
        return self._tail(position, max_lower=_MAX_TITLE_LOWER_RUN, stoppers=_TITLE_STOPPERS, whole_fields=False,
                          bodies_end=False)

    def _tail(self, head_end: int, max_lower: int = 0, stoppers: frozenset = frozenset(),
              whole_fields: bool = True, bodies_end: bool = True, sector_ends: bool = True) -> int | None:
        """End of an organisation's name after its head: capitalised words, codes, their
        lower-case second syllables, 'và'/'&' joining capitalised words. With ``sector_ends``
        a department's name ends with its sector ('Sở Nội vụ')."""
        max_lower = max_lower or _MAX_LOWER_RUN
        stoppers = stoppers or _NAME_STOPPERS
        following = self.tokens_from(head_end)
        end = None
        tail_start = None
        lower_streak = 0
        capitals = 0  # capitalised words in a row, as a proper name writes them
        previous = None
        index = 0
        while index < len(following):
            token = following[index]
            if previous is None and self.text[head_end:token.start].strip():
                return None
            joined = previous is not None and previous.text in _JOINERS and (token.is_capitalised or token.is_code)
            if previous is not None and token.is_word and not joined and not adjacent(self.text, previous, token):
                if not (self.text[previous.end:token.start].strip() in _JOINERS and token.is_capitalised):
                    break
            if token.text in ADMIN_WORD:
                break
            if token.is_capitalised or token.is_code:
                if token.text in self.lex.surnames and self._starts_person(token):
                    break
                if bodies_end and self._named_body_at(token.start):
                    break  # "Phòng CSGT Công an tỉnh": the unit's name ends where its body's begins
                if end is not None and whole_fields and (self.m.roles.match(self.text, token.start) or
                                                         token.text.lower() in _NAME_STOPPERS - {"và"}):
                    break  # "Tổng cục X Thủ tướng ...", "Tổng cục X Theo ...": another phrase begins
                if tail_start is None:
                    tail_start = token.start
                if end is not None and self.place_at(token.start) is not None:
                    break  # a place closes a unit's name: "Phòng CSGT Bắc Ninh"
                end, lower_streak = token.end, 0
                capitals = capitals + 1 if token.is_capitalised else 0
                dotted = self.m.abbreviations.match(self.text, token.start)
                if dotted is not None and dotted.end() > token.end:
                    # "Ban Tuyên giáo T.Ư": an abbreviation written with dots is one word
                    end, capitals = dotted.end(), 2
                    while index + 1 < len(following) and following[index + 1].start < end:
                        index += 1
                    token = following[index]
            elif token.text in _JOINERS:
                previous, capitals = token, 0
                index += 1
                continue
            elif token.text.isdigit() and end is not None and previous is not None and previous.is_word:
                # a unit's number ends its name: "Đội Tuần tra kiểm soát 188", "Đội CSGT số 3.12"
                end = token.end + len(_UNIT_NUMBER_PARTS.match(self.text, token.end).group())
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
                        and nxt.text not in RUN_HONORIFICS:
                    previous, capitals = token, 0  # "Cục Công tác Đảng và Công tác chính trị"
                    index += 1
                    continue
                if capitals >= 2 and whole_fields and not self._name_resumes(following[index:index + 4]):
                    break  # "Nhà máy Xi măng Phương Đông tạm dừng", not "Khu Công nghệ cao Hòa Lạc"
                capitals = 0
                phrase = f"{token.text} {nxt.text}" if nxt is not None else ""
                # "Cục Khảo thí và Kiểm định chất lượng giáo dục)": one more word may end the run
                too_long = lower_streak > max_lower or lower_streak == max_lower and \
                    not (nxt is None or not nxt.is_word and nxt.text not in _JOINERS)
                if (token.text in stoppers or phrase in _VERB_PHRASES or too_long
                        or not (previous and (previous.is_word or previous.text == ","))):
                    break
                field = self.m.fields.match(self.text, tail_start) \
                    if tail_start is not None and whole_fields and sector_ends else None
                if field is not None and field.end() <= token.start:
                    break  # "Sở Nội vụ thẩm định": the sector's name is complete, not "Cục Y tế dự phòng"
                lower_streak += 1
                end = token.end
            else:
                break
            previous = token
            index += 1
        if end is None:
            return None
        return end

    def _name_resumes(self, tokens: list[Token]) -> bool:
        """Lower-case words after a proper name belong to the name only when capitalised words
        follow them ('Khu Công nghệ cao Hòa Lạc', 'Bia Rượu Nước giải khát Sài Gòn')."""
        for token in tokens:
            if token.is_capitalised:
                return True
            if not (token.is_word and token.text.islower()) or token.text in _NAME_STOPPERS:
                return False
        return False

    def _starts_person(self, token: Token) -> bool:
        """A surname followed by one to three capitalised syllables begins a person's name."""
        run = self._capitalised_run(token.start, limit=4)
        if not run:
            return False
        words = self.text[run[0]:run[1]].split()
        return 3 <= len(words) and self.lex.place(" ".join(words)) is None

    def _lowercase_head_end(self, match: re.Match, head: str) -> int | None:
        """Where the name begins after a lower-case head: a company's, school's, newspaper's or
        hospital's proper name, after a few words saying what it makes ('nhà máy sản xuất đạm');
        a local body's place ('công an phường Trung Hòa')."""
        kind, locality = self.lex.org_kinds.get(head).kind, self.lex.org_kinds.get(head).extra
        if locality == "yes" and " " in head:
            place_word, place, _ = self._place_after(match.end())
            if place is not None and (place_word or place.surface[:1].islower()):
                return None if self._bodies_of_a_kind_before(match.start()) else match.end()
        if kind not in PROPER_NAMED_KINDS and not head.startswith("Bệnh viện") or \
                " " not in head and head not in _WORDS_BEFORE_ONE_WORD_HEADS:
            return None
        before = self.text[:match.start()].split()
        if before and (before[-1].lower() in _GENERIC_BEFORE or before[-1].isdigit() or
                       before[-1].lower() in _WORDS_BEFORE_ONE_WORD_HEADS.get(head, ())):
            return None  # "các công ty Trung Quốc", "thông báo", "thị trường"
        following = self.tokens_from(match.end())
        described = 0
        while kind == "company" and described < 5 and described < len(following) and \
                following[described].text.islower() and following[described].text not in _NAME_STOPPERS and \
                not self.m.place_words.match(self.text, following[described].start):
            described += 1  # "nhà máy sản xuất đạm Ninh Bình"
        if described >= len(following) or not (following[described].is_capitalised or following[described].is_code):
            return None
        name = following[described]
        if len(name.text) == 1 or self._nationality_at(name.start):
            return None  # "các công ty Nhật Bản": a nationality, not a name
        if described and self._document_type_at(name.start):
            return None  # "Tập đoàn ban hành Nghị quyết số 1": a clause about a document, not a name
        return following[described - 1].end if described else match.end()

    def _document_type_at(self, position: int) -> bool:
        words = self.text[position:position + 20].split()[:2]
        return any(" ".join(words[:n]) in self.lex.document_types for n in (1, 2))

    def _nationality_at(self, position: int) -> bool:
        place = self.place_at(position)
        return place is not None and place.kind in ("country", "region")

    def _lower_case_tail(self, start: int, head_end: int) -> int | None:
        """'Vụ trưởng Vụ tổ chức cán bộ, Bộ Y tế': after a post's title, a name written in lower
        case runs to the punctuation or the body that ends it (at most four words)."""
        before = self.text[max(0, start - 40):start].rstrip()
        organ = next((h for h in self.m.org_heads.finditer(before, max(0, len(before) - 16))
                      if h.end() == len(before) and self._head_info(h.group())[2] == "of"), None)
        if organ is not None:  # "Bí thư Đảng ủy Bộ tham mưu": the role holds the organ of the body
            before = before[:organ.start()].rstrip()
        if not self.m.role_ends.end(before) or not any(
                r.end() == len(before) for r in self.m.roles.finditer(before) if r.group()[0].isupper()):
            return None
        following = self.tokens_from(head_end)
        if following and self._place_after(following[0].start)[0] is not None:
            return None  # "Hiệu trưởng Trường Mầm non phường X": a place, not a lower-case name
        for count, token in enumerate(following[:5]):
            after = following[count + 1] if count + 1 < len(following) else None
            if count and token.text in _JOINERS and after is not None and after.is_capitalised:
                return self._tail(token.end) or None  # "Bộ thông tin - Truyền thông"
            if count and token.text == "," and after is not None and after.text.islower():
                return None  # "Hội đồng thi đua, khen thưởng": the name goes on past the comma
            if count and (token.text in ",.;:()" or self._place_after(token.start)[1]):
                return following[count - 1].end
            if not (token.is_word and token.text.islower()) or token.text in _NAME_STOPPERS:
                return None
        return None

    def _with_short_forms(self, orgs: list[OrgMention]) -> list[OrgMention]:
        """'Hội đồng Olympic châu Á (OCA)', 'Công ty CP Gang thép (Tisco)': the short form in
        brackets after a body is another name of it, kept as a mention of its own."""
        found: list[OrgMention] = []
        short_form = None
        for org in orgs:
            if short_form is not None and short_form.start <= org.start and org.end <= short_form.end:
                continue  # "(BVĐK)" read as a body of its own: it is the short form just added
            found.append(org)
            if id(org) in self._proper_names:
                start, end = self._proper_names[id(org)]
                found.append(replace(org, start=start, end=end, surface=self.surface[start:end]))
            match = _SHORT_FORM.match(self.text, org.end)
            if match is None or any(o.start < match.end() and match.start() < o.end and o.start < match.start(1)
                                    for o in orgs if o is not org):
                continue
            if self._reads_as_short_form(match.start(1), match.end(1)) and \
                    not self._names_another_body(org, match.start(1), match.end(1)):
                short_form = replace(org, start=match.start(1), end=match.end(1),
                                     surface=self.surface[match.start(1):match.end(1)])
                found.append(short_form)
        return found

    def _names_another_body(self, org: OrgMention, start: int, end: int) -> bool:
        """'Tổng cục Quản lý đất đai (Bộ TN&MT)': the body above it, under a head of its own;
        'Đảng ủy Tập đoàn X (PVN)': the short form the lexicon gives another body (the group);
        'Ủy ban X (MTTQ)': an abbreviation of a part of the name."""
        head, own_head = self.m.org_heads.match(self.text, start), self.m.org_heads.match(self.text, org.start)
        if head is not None and head.end() < end and (own_head is None or head.group() != own_head.group()):
            return True
        short = self.text[start:end]
        expansion = self.lex.abbreviations.get(short)
        written = name_key(self.text[org.start:org.end])
        if expansion and name_key(expansion) != written and written.endswith(name_key(expansion)):
            return True  # 'Ủy ban Trung ương Mặt trận Tổ quốc (MTTQ)': the front's short form, not the committee's
        known = self.lex.organizations.get(short)
        return known is not None and known.name != org.name
    def _reads_as_short_form(self, start: int, end: int) -> bool:
        """Codes and one to three capitalised words ('OCA', 'PVTex', 'Vietcham Singapore'), not a
        place ('Hà Nội') or a person's name."""
        tokens = self.tokens_from(start)
        tokens = tokens[:next((i for i, t in enumerate(tokens) if t.start >= end), len(tokens))]
        words = [t for t in tokens if t.is_word]
        if not words or len(words) > 3 or any(not (t.is_word or t.text in "-&+.") for t in tokens):
            return False
        if any(not (t.is_code or t.text[0].isupper()) for t in words) or words[0].text.isdigit():
            return False
        if re.fullmatch(r"[IVXLC]+", words[-1].text):
            return False  # "(Khóa XII)", "(Đại hội XIII)": a term, not a short form
        name = self.text[start:end]
        if any(p.start < end and start < p.end for p in self.places) or name_key(name) in self.lex.districts:
            return False
        return not (len(words) > 1 and words[0].text in self.lex.surnames)

    def _orgs_from_heads_in_other_cases(self, taken: dict[int, int]) -> list[OrgMention]:
        """'Chi cục thuế', 'Trường mầm non xã X', 'bệnh viện Đa khoa Y', 'nhà máy sản xuất đạm Z',
        'báo Dân trí': heads written in another case than the lexicon's."""
        found = []
        for match in self.lexicon_matches(self.m.folded_org_heads):
            written = match.group()
            head = self.m.org_head_spelling[written.lower()]
            if taken.get(match.start(), -1) >= match.end() or written == head or self._is_place_name(match.start()):
                continue
            if written[0].isupper() and self._bodies_of_a_kind_before(match.start()):
                found += self._listed_after_head(match.start(), match.end(), head)  # "các Tổng Công ty: A, B"
                continue
            end = match.end()
            if not written[0].isupper():
                known = self.m.known_orgs.match(self.text, match.start())
                if known and known.group() != known.group().lower():  # "ngân hàng Nhà nước"
                    entry = self.lex.organizations.get(known.group())
                    found.append(OrgMention(match.start(), known.end(), self.surface[match.start():known.end()],
                                            entry.name, entry.kind, parent=entry.parent or None))
                    continue
                end = self._lowercase_head_end(match, head)
                if end is None:
                    continue
                head += self.text[match.end():end]
            mention = self._org_from_head(match.start(), end, head)
            if mention is None and written[0].isupper():
                found += self._listed_after_head(match.start(), end, head)  # "các Tổng Công ty: A, B"
            if mention:
                found.append(mention)
                if not written[0].isupper() and mention.place is None:
                    # "công ty máy tính IBM", "báo Dân trí": the proper name alone is another name
                    name_start = self.tokens_from(end)[0].start
                    self._proper_names[id(mention)] = (name_start, mention.end)
        return found

    def _described_company(self, match: re.Match) -> OrgMention | None:
        """'Nhà máy sản xuất nhiên liệu sinh học Dung Quất': what a company makes, then its name."""
        head = self.m.org_head_spelling.get(match.group().lower())
        if head is None or self.lex.org_kinds.get(head).kind != "company":
            return None
        end = self._lowercase_head_end(match, head)
        if end is None or end == match.end():
            return None
        return self._org_from_head(match.start(), end, head + self.text[match.end():end])
