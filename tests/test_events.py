"""Events: which sentences report one, when it happened, who organised and took part.

Every text is written for the test; names are invented."""
from datetime import date

from kg.extract import extract
from kg.extract.dates import anchor_from_sentences, find_event_date
from kg.records import Article


def events(body, published_line=None):
    """The events of an article with the body ``body``, published at ``published_line`` or undated."""
    head = f"Tiêu đề thử\n{published_line}\n" if published_line else "Tiêu đề thử\n"
    return extract(Article(source="t.txt", text=head + body)).events


def dated(body, published_line=None):
    return [(e.type, e.date) for e in events(body, published_line)]


# ------------------------------------------------- dates of undated articles
def test_a_day_resolves_against_a_nearby_time_the_article_names():
    body = ("Sáng 16/6, Sở Nội vụ tỉnh Hà Nam tổ chức hội nghị tập huấn công tác thi đua. "
            "Ngày 10/6/2024, Ủy ban nhân dân tỉnh Hà Nam đã ban hành kế hoạch thi đua.")
    assert dated(body) == [("hội nghị", "2024-06-16")]


def test_a_day_after_the_months_the_article_names_is_in_the_next_year():
    body = ("Chiều 8/1, Bộ Tư pháp tổ chức hội nghị triển khai nhiệm vụ công tác. "
            "Tính đến ngày 25/12/2024, toàn ngành đã giải quyết 9.000 hồ sơ.")
    assert dated(body) == [("hội nghị", "2025-01-08")]


def test_a_day_far_from_every_time_the_article_names_has_no_year():
    body = ("Sáng 16/6, Sở Tư pháp tỉnh Hà Nam tổ chức hội nghị quán triệt Nghị quyết số 12 "
            "ngày 3/11/2023 của Tỉnh ủy.")
    assert dated(body) == []


def test_cited_documents_deadlines_and_plans_are_not_the_articles_time():
    anchor = anchor_from_sentences([
        "Quyết định số 2031/QĐ-UBND ngày 5/3/2024 của Ủy ban nhân dân tỉnh.",
        "Các đơn vị phải hoàn thành trước ngày 30/9/2024.",
        "Lễ tổng kết sẽ được tổ chức vào ngày 3/12/2024.",
        "Ông Lê Văn Tám sinh ngày 2/5/1970.",
        "Chương trình được ban hành tháng 2 năm 2024."])
    assert anchor.bound == date(2024, 3, 5) and anchor.near == ()


def test_the_start_of_a_range_is_a_time_the_article_names_its_end_is_not():
    anchor = anchor_from_sentences(["Cuộc thi diễn ra từ ngày 10.4 đến 30.9.2024."])
    assert anchor.bound == date(2024, 4, 10)


def test_the_year_of_a_congress_term_dates_its_day():
    body = "Ngày 20/5, Đảng bộ Sở Y tế tỉnh Hà Nam tổ chức Đại hội nhiệm kỳ 2025-2030."
    assert dated(body) == [("đại hội", "2025-05-20")]


def test_a_vision_year_or_a_birth_year_is_not_the_year_of_the_day():
    assert find_event_date("Sáng 12/4, hội thảo về chiến lược đến năm 2030, tầm nhìn đến năm 2045.", None) is None
    assert find_event_date("Sáng 12/4, lễ mừng thọ cụ Đỗ Văn Bảy (SN 1930).", None) is None


def test_a_tally_or_a_deadline_does_not_date_the_event():
    text = "Tại hội nghị, Bộ trưởng cho biết, tính đến ngày 27/4, cả nước đã cấp 3 triệu thẻ."
    assert find_event_date(text, date(2024, 5, 2)) is None


# ------------------------------------------------------ what is an event
def test_quoc_hoi_thao_luan_is_no_workshop():
    assert dated("Chiều 6/6, Quốc hội thảo luận về dự án Luật Địa chất.", "08:30 07/06/2024") == []


def test_a_kind_of_event_or_a_planned_one_is_not_reported():
    body = ("Ngày 30/4, Ủy ban nhân dân tỉnh yêu cầu tạm dừng các lễ hội trên địa bàn. "
            "Ngày 2/5, tỉnh sẽ tổ chức hội nghị sơ kết.")
    assert dated(body, "08:30 01/05/2024") == []


def test_an_event_noun_inside_an_organisations_name_is_not_an_event():
    body = "Ngày 3/4, Trung tâm Hội nghị tỉnh Hà Nam được bàn giao."
    assert dated(body, "08:30 05/04/2024") == []


# --------------------------------------------------- organisers and people
def test_an_organiser_written_after_the_event():
    [event] = events("Sáng 14/3, hội thảo về cải cách hành chính do Sở Tư pháp tỉnh Hà Nam tổ chức.",
                     "08:30 15/03/2024")
    assert event.organizers == ("Sở Tư pháp tỉnh Hà Nam",)


def test_people_take_part_only_where_a_cue_says_so():
    body = ("Sáng 14/3, Sở Tư pháp tỉnh Hà Nam tổ chức hội nghị. "
            "Ông Trần Minh Khoa, Giám đốc Sở Tư pháp, dự và phát biểu tại hội nghị. "
            "Hội nghị đánh giá dự án của ông Phan Văn Lộc đã hoàn thành. "
            "Tại hội nghị, bà Ngô Thị Hạnh cho biết kết quả năm qua.")
    [event] = events(body, "08:30 15/03/2024")
    assert event.participants == ("Trần Minh Khoa", "Ngô Thị Hạnh")


def test_an_anniversary_names_the_year_of_the_day():
    body = ("Nhân dịp kỷ niệm 50 năm Ngày giải phóng tỉnh Hà Nam (24/3/1975), Tỉnh ủy Hà Nam "
            "tổ chức hội thảo khoa học vào ngày 20/3.")
    assert dated(body) == [("hội thảo", "2025-03-20")]


def test_a_range_starts_in_the_month_before_its_end():
    assert find_event_date("Hội nghị diễn ra từ ngày 29 đến 2/10/2024 tại Đà Lạt.", None) == date(2024, 9, 29)
    assert find_event_date("Từ ngày 23 đến 27 tháng 6 năm 2025, đoàn tham dự hội nghị.", None) == date(2025, 6, 23)


def test_the_date_of_a_cited_document_is_not_the_events():
    text = "Tại hội nghị, ông Hà công bố Quyết định số 512/QĐ-BNV ngày 3/5/2024 của Bộ Nội vụ."
    assert find_event_date(text, date(2024, 5, 20)) is None


def test_an_undated_event_is_left_out():
    assert dated("Cuộc họp báo thường kỳ của Bộ Y tế bàn về dịch sốt xuất huyết.") == []


# ---------------------------------------------------- one event, many mentions
def test_at_the_event_refers_to_the_one_reported_and_its_other_dates_do_not_count():
    body = ("Sáng 14/3, Sở Tư pháp tỉnh Hà Nam tổ chức hội nghị tổng kết công tác. "
            "Cũng tại hội nghị, ông Trần Minh Khoa được nghỉ hưu từ ngày 1/4/2024.")
    assert dated(body, "08:30 15/03/2024") == [("hội nghị", "2024-03-14")]


def test_another_noun_on_the_same_day_is_the_same_event_unless_it_is_held_anew():
    body = ("Sáng 14/3, Tòa án nhân dân tỉnh Hà Nam mở phiên xét xử vụ án tham ô. "
            "Tại phiên tòa sáng 14/3, bị cáo thừa nhận hành vi. "
            "Chiều 14/3, tại Hà Nam diễn ra lễ trao giải báo chí.")
    assert dated(body, "08:30 15/03/2024") == [("phiên xét xử", "2024-03-14"), ("lễ", "2024-03-14")]


def test_an_event_still_to_come_or_called_off_is_not_reported():
    body = ("Từ ngày 20-22/3/2024, hội chợ nông sản sẽ diễn ra tại Hà Nam. "
            "Ngày 10/3, tỉnh thông báo không tổ chức lễ hội hoa năm 2024.")
    assert dated(body, "08:30 15/03/2024") == []


def test_an_event_noun_in_a_documents_name_is_not_an_event():
    body = "Ngày 12/3, các chi bộ học tập Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX."
    assert dated(body, "08:30 15/03/2024") == []


def test_a_venue_or_a_body_in_the_chairs_post_does_not_organise():
    [event] = events("Sáng 14/3, tại trụ sở Chính phủ, Phó Thủ tướng Chính phủ Đinh Văn Hào chủ trì cuộc họp "
                     "về giải ngân vốn đầu tư công.", "08:30 15/03/2024")
    assert event.organizers == ()
    assert event.participants == ("Đinh Văn Hào",)


def test_a_date_told_at_the_event_is_not_the_events():
    body = ("Tại buổi họp báo chiều 14/3, bà Ngô Thị Hạnh cho biết: ngày 2/3/2024, tỉnh đã ban hành kế hoạch. "
            "Quyết định có hiệu lực thi hành (ngày 1/7/2024).")
    assert dated(body, "08:30 15/03/2024") == [("họp báo", "2024-03-14")]


def test_since_a_time_until_now_bounds_the_articles_time():
    anchor = anchor_from_sentences(["Từ tháng 4/2023 đến nay, ông giữ chức Bí thư.", "Tháng 1/2023, ông được bầu."])
    assert anchor.bound == date(2023, 4, 1)
    assert anchor.resolve(7, 2) is None


def test_who_hands_over_or_receives_at_a_ceremony_takes_part():
    body = ("Chiều 14/3, Bộ Nội vụ tổ chức Lễ công bố quyết định về công tác cán bộ. "
            "Thứ trưởng Lê Quang Vĩnh trao quyết định cho ông Đào Minh Sơn. "
            "Hai bên trao đổi về ông Phí Văn Tùng.")
    [event] = events(body, "08:30 15/03/2024")
    assert event.participants == ("Lê Quang Vĩnh", "Đào Minh Sơn")


def test_someone_only_referred_to_does_not_take_part():
    body = ("Sáng 14/3, Sở Nội vụ tỉnh Hà Nam tổ chức hội nghị dưới sự chủ trì của ông Trần Minh Khoa. "
            "Phát biểu tại hội nghị, bà Ngô Thị Hạnh nhấn mạnh chỉ đạo của Chủ tịch Lý Văn Quang.")
    [event] = events(body, "08:30 15/03/2024")
    assert event.participants == ("Trần Minh Khoa", "Ngô Thị Hạnh")


def test_history_told_as_background_is_not_reported():
    body = ("Sáng 20/4, Tỉnh ủy Yên Hòa tổ chức hội thảo khoa học về Chiến thắng Đồi Mây. "
            "Ngày 12/3/1968, quân giải phóng mở chiến dịch Đồi Mây.")
    assert dated(body, "08:30 21/04/2024") == [("hội thảo", "2024-04-20")]


def test_a_date_someone_tells_is_not_the_events():
    body = "Họp báo về lễ hội hoa, ông Phạm Văn Khải cho biết: ngày 26/2/2024, tỉnh đã duyệt kế hoạch."
    assert dated(body, "08:30 15/03/2024") == []


def test_the_parent_of_the_organiser_does_not_organise():
    [event] = events("Sáng 14/3, hội thảo về luật đất đai do Ủy ban Kinh tế của Quốc hội tổ chức.", "08:30 15/03/2024")
    assert "Quốc hội" not in event.organizers


def test_a_national_term_named_bounds_the_articles_time():
    anchor = anchor_from_sentences(["Tháng 5/2013, ông được bầu làm Phó Chủ tịch tỉnh.",
                                    "Hội nghị Trung ương 5 khóa XII bàn về kinh tế tư nhân."])
    assert anchor.bound == date(2016, 1, 1)
    assert anchor.resolve(9, 5) is None


def test_who_holds_an_event_named_as_a_verb_takes_part():
    body = "Chiều 14/3, Thủ tướng Hồ Quang Minh hội đàm với Thủ tướng Vương quốc Campuchia Sok Rithy."
    [event] = events(body, "08:30 15/03/2024")
    assert event.type == "hội đàm" and event.participants[0] == "Hồ Quang Minh"


# ------------------------------------------------- who takes part
def test_a_verb_that_says_nothing_of_the_event_adds_no_participant():
    body = ("Sáng 7/7, tại Hà Nội, Thành ủy tổ chức lễ kỷ niệm 100 năm ngày sinh đồng chí Lạc Văn Tuyền. "
            "Đồng chí Lạc Văn Tuyền tham gia cách mạng từ năm 1936. "
            "Tại buổi lễ, ông Mạc Đình Vũ đọc diễn văn về cuộc đời của đồng chí Lạc Văn Tuyền.")
    [event] = events(body, "08:30 07/07/2017")
    assert event.participants == ("Mạc Đình Vũ",)


def test_a_person_named_after_cua_is_present_when_the_clause_puts_them_at_the_event():
    body = ("Sáng 28/6, Bộ Nội vụ tổ chức họp báo thường kỳ. "
            "Câu trả lời giống với hồi đáp của Thiếu tướng Đàm Văn Khải, Chánh Thanh tra Bộ, trong cuộc họp báo.")
    [event] = events(body, "08:30 28/06/2017")
    assert event.participants == ("Đàm Văn Khải",)


def test_the_subject_after_a_long_description_holds_the_visit():
    body = ("Ông Kiều Minh Sang, Chủ tịch Công ty Alpha Omega, nguyên cố vấn của quỹ Beta tại New York (Mỹ) "
            "vừa có chuyến thăm Bộ Tài chính ngày 20/9/2017.")
    [event] = events(body, "08:30 21/09/2017")
    assert event.participants == ("Kiều Minh Sang",)
