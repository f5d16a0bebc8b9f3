"""Each extractor on short sentences written for the tests (hard cases included)."""
import unicodedata
from datetime import date

import pytest

from kg.extract import extract
from kg.extract.dates import find_event_date, reference_from_text
from kg.extract.documents import find_documents
from kg.extract.layout import parse_dateline, parse_layout
from kg.extract.sentence import SentenceAnalysis
from kg.records import Article


def analyse(text):
    return SentenceAnalysis(text)


def record(text, published_line="08:30 15/03/2024"):
    return extract(Article(source="t.txt", text=f"Tiêu đề thử\n{published_line}\n{text}"))


def people(rec):
    return {p.name: p for p in rec.people}


# ----------------------------------------------------------------- people
def test_rank_titles_and_post_after_the_name():
    [person] = analyse("Đại tá, ThS Nguyễn Văn Bình, Phó Giám đốc Công an tỉnh Nghệ An phát biểu.").persons
    assert (person.name, person.rank, person.academic_titles) == ("Nguyễn Văn Bình", "Đại tá", ["ThS"])
    assert [(p.role, p.organization) for p in person.posts] == [("Phó Giám đốc", "Công an tỉnh Nghệ An")]


def test_stacked_posts_before_the_name():
    [person] = analyse("Ủy viên Bộ Chính trị, Bí thư Thành ủy Đà Nẵng Trần Minh Khoa dự lễ.").persons
    assert person.name == "Trần Minh Khoa"
    assert [(p.role, p.organization) for p in person.posts] == [
        ("Ủy viên", "Bộ Chính trị"), ("Bí thư", "Thành ủy Đà Nẵng")]


def test_posts_split_across_commas_after_the_name():
    [person] = analyse("Ông Lê Quang Huy, Ủy viên Trung ương Đảng, Trưởng ban Tổ chức Trung ương.").persons
    assert [(p.role, p.organization) for p in person.posts] == [
        ("Ủy viên", "Ban Chấp hành Trung ương Đảng"), ("Trưởng ban", "Ban Tổ chức Trung ương")]


def test_names_in_a_list_after_posts():
    found = analyse("Tới dự có các đồng chí: Phạm Thị Lan, Chủ tịch UBND huyện Gia Lâm; "
                    "Thiếu tướng Đỗ Mạnh Hà, Tư lệnh Quân khu 3.").persons
    assert [p.name for p in found] == ["Phạm Thị Lan", "Đỗ Mạnh Hà"]
    assert found[0].posts[0].organization == "Ủy ban nhân dân huyện Gia Lâm"
    assert found[1].rank == "Thiếu tướng"


def test_implied_organisation_of_a_post():
    [person] = analyse("Thủ tướng Võ Minh Châu chủ trì phiên họp.").persons
    assert [(p.role, p.organization) for p in person.posts] == [("Thủ tướng", "Chính phủ")]
    [minister] = analyse("Bộ trưởng Công an Hồ Đức Lâm cho biết.").persons
    assert minister.posts[0].organization == "Bộ Công an"


def test_honorifics_and_streets_are_not_part_of_names():
    found = analyse("Ông Nguyễn Văn Tám sống trên đường Nguyễn Huệ từ Tết Giáp Thìn.").persons
    assert [p.name for p in found] == ["Nguyễn Văn Tám"]


def test_short_mentions_resolve_to_the_full_name():
    rec = record("Ông Trịnh Văn Lộc, Giám đốc Sở Y tế tỉnh Lào Cai, cho biết như vậy. "
                 "Theo ông Lộc, việc này cần làm ngay. Lộc nói thêm.")
    [person] = rec.people
    assert person.name == "Trịnh Văn Lộc"
    assert "Lộc" in person.aliases
    assert len(person.sentences) == 3


# ----------------------------------------------------------- organisations
@pytest.mark.parametrize(
    "text, name",
    [
        ("Sáng nay, CATP Cần Thơ cho biết.", "Công an thành phố Cần Thơ"),
        ("UBND TP. Đà Nẵng vừa ban hành kế hoạch.", "Ủy ban nhân dân thành phố Đà Nẵng"),
        ("HĐND tỉnh Bình Định họp.", "Hội đồng nhân dân tỉnh Bình Định"),
        ("Sở TN&MT tỉnh Yên Bái kiểm tra.", "Sở Tài nguyên và Môi trường tỉnh Yên Bái"),
        ("Cục Cảnh sát giao thông tổ chức hội nghị.", "Cục Cảnh sát giao thông"),
        ("VKSND tỉnh Long An truy tố.", "Viện kiểm sát nhân dân tỉnh Long An"),
    ],
)
def test_organisation_names_are_expanded_and_placed(text, name):
    assert name in [o.name for o in analyse(text).orgs]


def test_a_unit_followed_by_its_ministry_is_linked():
    orgs = {o.name: o for o in analyse("Đại diện Cục C03, Bộ Công an có mặt.").orgs}
    assert orgs["Cục C03"].parent == "Bộ Công an"


def test_both_tone_styles_and_nfd_give_one_name():
    old = analyse("Thành uỷ Hoà Bình và UBND tỉnh Hoà Bình.").orgs
    new = analyse(unicodedata.normalize("NFD", "Thành ủy Hòa Bình và UBND tỉnh Hòa Bình.")).orgs
    assert [o.name for o in old] == [o.name for o in new] == ["Thành ủy Hòa Bình", "Ủy ban nhân dân tỉnh Hòa Bình"]


def test_generic_references_are_not_organisations():
    assert analyse("Các sở, ban, ngành và cơ quan chức năng cùng vào cuộc.").orgs == []


def test_bare_local_bodies_take_the_place_of_the_article():
    rec = record("Thành ủy, UBND thành phố Cần Thơ họp. Sau đó Thành ủy ra thông báo. Tỉnh ủy các tỉnh dự.")
    names = {o.name for o in rec.organizations}
    assert {"Thành ủy Cần Thơ", "Ủy ban nhân dân thành phố Cần Thơ"} <= names
    assert not any(name.startswith("Tỉnh ủy") for name in names)


# ------------------------------------------------------------------ places
def test_places_provinces_districts_roads_and_regions():
    places = {p.name for p in analyse(
        "Xe đi trên quốc lộ 1A qua huyện Thanh Trì, Hà Nội rồi vào vùng Đồng bằng sông Cửu Long.").places}
    assert {"quốc lộ 1A", "Thanh Trì", "Hà Nội", "Đồng bằng sông Cửu Long"} <= places


def test_a_country_name_inside_a_persons_name_is_not_a_place():
    found = analyse("Ông Vũ Đức Hải sang Đức công tác.")
    assert [p.name for p in found.places] == ["Đức"]


# -------------------------------------------------------------------- dates
def test_dates_without_a_year_resolve_against_the_publication_date():
    assert find_event_date("Chiều ngày 19/12, hội nghị diễn ra.", date(2023, 12, 20)) == date(2023, 12, 19)
    assert find_event_date("Sáng 30/12, lễ khai mạc.", date(2024, 1, 2)) == date(2023, 12, 30)


def test_relative_dates():
    assert find_event_date("Sáng nay, tọa đàm diễn ra.", date(2024, 3, 15)) == date(2024, 3, 15)
    assert find_event_date("Chiều qua, hội nghị bế mạc.", date(2024, 3, 15)) == date(2024, 3, 14)
    assert find_event_date("Sáng nay, tọa đàm diễn ra.", date(2024, 3, 15), relative=False) is None


def test_date_ranges_and_worded_dates():
    assert find_event_date("Từ ngày 10 đến 19-5-1941, hội nghị họp.", None) == date(1941, 5, 10)
    assert find_event_date("Ngày 2 tháng 9 năm 1945, lễ diễn ra.", None) == date(1945, 9, 2)


def test_impossible_dates_are_ignored():
    assert find_event_date("Ngày 31/2/2023, hội nghị họp.", None) is None
    assert parse_dateline("10:00 31/02/2023") is None


def test_reference_year_of_an_undated_article():
    assert reference_from_text("Nhiệm kỳ 2025-2030. Ngày 1/7/2025 sáp nhập.") == date(2025, 7, 1)
    assert reference_from_text("Không có năm nào.") is None


# ---------------------------------------------------------------- documents
@pytest.mark.parametrize(
    "text, kind, number, issuer, when, term",
    [
        ("theo Nghị quyết số 12 ngày 16/3/2022 của Bộ Chính trị khóa XIII về công an",
         "Nghị quyết", "12", "Bộ Chính trị", "2022-03-16", "XIII"),
        ("thực hiện Nghị quyết 30-NQ/TW", "Nghị quyết", "30-NQ/TW", "Ban Chấp hành Trung ương Đảng", None, None),
        ("theo Nghị định 100/2019/NĐ-CP", "Nghị định", "100/2019/NĐ-CP", "Chính phủ", None, None),
        ("Quyết định số 1234/QĐ-TTg ngày 5/6/2020", "Quyết định", "1234/QĐ-TTg", "Thủ tướng Chính phủ", "2020-06-05", None),
        ("Chỉ thị 05-CT/TW", "Chỉ thị", "05-CT/TW", "Ban Chấp hành Trung ương Đảng", None, None),
        ("Luật số 24/2018/QH14", "Luật", "24/2018/QH14", "Quốc hội", None, "XIV"),
        ("Thông tư 58/2020/TT-BCA", "Thông tư", "58/2020/TT-BCA", "Bộ Công an", None, None),
    ],
)
def test_document_citations_of_every_form(text, kind, number, issuer, when, term):
    [doc] = find_documents(analyse(text))
    assert (doc.type, doc.number, doc.issuer, doc.date, doc.term) == (kind, number, issuer, when, term)


@pytest.mark.parametrize("text, name", [
    ("vi phạm Bộ luật Hình sự năm 2015", "Bộ luật Hình sự 2015"),
    ("theo Luật Đất đai 2013", "Luật Đất đai 2013"),
    ("Quốc hội thông qua Luật Giao thông đường bộ.", "Luật Giao thông đường bộ"),
    ("theo Luật Ban hành văn bản quy phạm pháp luật năm 2015", "Luật Ban hành văn bản quy phạm pháp luật 2015"),
    ("sửa Luật Công an nhân dân đáp ứng yêu cầu", "Luật Công an nhân dân"),
])
def test_laws_cited_by_name(text, name):
    [doc] = find_documents(analyse(text))
    assert (doc.number, doc.name) == (None, name)


# ------------------------------------------------------------------- layout
def test_a_first_line_ending_with_a_full_stop_is_not_a_title():
    layout = parse_layout("Bộ Công an vừa tổ chức hội nghị tổng kết.\nNội dung tiếp theo.")
    assert layout.title is None


def test_byline_glued_to_the_last_paragraph():
    layout = parse_layout("Tiêu đề\nNội dung bài. Vụ việc đang được điều tra. Minh Châu")
    assert layout.authors == ("Minh Châu",)
    assert layout.sentences[-1].text == "Vụ việc đang được điều tra."


@pytest.mark.parametrize("last, authors", [
    ("Vụ việc đang được điều tra. THU HÀ", ("Thu Hà",)),
    ("Vụ việc đang được điều tra. NGUYỄN MINH (Theo TTXVN)", ("Nguyễn Minh",)),
    ("Vụ việc đang được điều tra. H.Vân", ("H.Vân",)),
    ("Vụ việc đang được điều tra. UBND TỈNH", ()),
])
def test_bylines_in_capitals_and_with_initials(last, authors):
    assert parse_layout(f"Tiêu đề\nNội dung bài. {last}").authors == authors


@pytest.mark.parametrize("line, authors", [
    ("Minh Thư/TTXVN", ("Minh Thư",)),
    ("Minh Thư - TTXVN", ("Minh Thư",)),
    ("HOÀNG LONG/VNA", ("Hoàng Long",)),
    ("Văn Thịnh/VOV-Trung tâm tin (tổng hợp)", ("Văn Thịnh",)),
    ("Nguồn: Bảo Ngọc/baochinhphu.vn", ("Bảo Ngọc",)),
    ("Đà Nẵng/TTXVN", ()),
])
def test_a_byline_line_with_its_agency(line, authors):
    assert parse_layout(f"Tiêu đề\nNội dung bài.\n{line}").authors == authors


# ------------------------------------------------------------------- events
def test_an_event_with_organisers_participants_and_place():
    rec = record("Sáng 14/3, tại Hà Nội, Bộ Tư pháp tổ chức hội thảo \"Hoàn thiện pháp luật\". "
                 "Dự hội thảo có ông Đặng Văn Khôi, Thứ trưởng Bộ Tư pháp. "
                 "Phát biểu khai mạc hội thảo, ông Khôi nhấn mạnh yêu cầu.")
    [event] = rec.events
    assert (event.type, event.date, event.place, event.name) == (
        "hội thảo", "2024-03-14", "Hà Nội", "Hoàn thiện pháp luật")
    assert event.organizers == ("Bộ Tư pháp",)
    assert event.participants == ("Đặng Văn Khôi",)
    assert [(s.speaker, s.role) for s in event.speeches] == [("Đặng Văn Khôi", "khai mạc")]


def test_a_post_before_the_next_name_is_that_persons():
    found = analyse("Dự có Bộ trưởng Bộ Tư pháp Lê Văn An, Bộ trưởng Bộ Y tế Trần Thị Bình.").persons
    assert [(p.name, [(x.role, x.organization) for x in p.posts]) for p in found] == [
        ("Lê Văn An", [("Bộ trưởng", "Bộ Tư pháp")]), ("Trần Thị Bình", [("Bộ trưởng", "Bộ Y tế")])]


def test_two_laws_joined_by_va_are_two_documents():
    docs = find_documents(analyse("theo Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương"))
    assert [d.name for d in docs] == ["Luật Tổ chức Chính phủ", "Luật Tổ chức chính quyền địa phương"]
