"""Where an organisation's name begins and ends around its head: capitalised words, codes,
their lower-case second syllables, names after a lower-case head or a post's title; also
the titles of laws, which run the same way but longer."""
from __future__ import annotations

import re

from .marks import ADMIN_WORD, RUN_HONORIFICS, Token, adjacent

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
    |lập biên|lập hồ""".split("|")
)
_VERB_PHRASES = frozenset(" ".join(phrase.split()) for phrase in _VERB_PHRASES)
_MAX_LOWER_RUN = 4
_MAX_TITLE_LOWER_RUN = 10
_TITLE_STOPPERS = _NAME_STOPPERS - {"không", "và", "trên", "dưới", "qua", "ra", "vào", "lại"}
_JOINERS = ("-", "–", "&")
_UNIT_NUMBER_PARTS = re.compile(r"(?:[.\-/]\d+)*[A-Z]?(?!\w)|")
_PROPER_NAMED_KINDS = ("company", "education", "media", "international")
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
        if kind not in _PROPER_NAMED_KINDS and not head.startswith("Bệnh viện") or \
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
        return following[described - 1].end if described else match.end()

    def _nationality_at(self, position: int) -> bool:
        place = self.place_at(position)
        return place is not None and place.kind in ("country", "region")

    def _lower_case_tail(self, start: int, head_end: int) -> int | None:
        """'Vụ trưởng Vụ tổ chức cán bộ, Bộ Y tế': after a post's title, a name written in lower
        case runs to the punctuation or the body that ends it (at most four words)."""
        before = self.text[max(0, start - 30):start].rstrip()
        if not before.endswith(self.m.role_ends) or not any(
                r.end() == len(before) for r in self.m.roles.finditer(before) if r.group()[0].isupper()):
            return None
        following = self.tokens_from(head_end)
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
