"""Cited documents: symbols, dates, issuers and law titles, on sentences written for the tests."""
import pytest

from kg.extract.documents import find_documents
from kg.extract.sentence import SentenceAnalysis


def cited(text):
    return find_documents(SentenceAnalysis(text))


def only(text):
    [doc] = cited(text)
    return doc


# ------------------------------------------------------------------ symbols and dates
def test_a_dash_spaced_out_inside_a_symbol_still_joins_it():
    doc = only("Thông tư số 05/2019/TT - BXD ngày 10-8-2019 của Bộ Xây dựng quy định chi tiết.")
    assert (doc.number, doc.date, doc.issuer) == ("05/2019/TT-BXD", "2019-08-10", "Bộ Xây dựng")


@pytest.mark.parametrize("text, when", [
    ("theo Quyết định số 15/2010/QĐ-UBND ký ngày 3/4/2010 đã quy hoạch khu đất", "2010-04-03"),
    ("Nghị quyết số 18 ngày 25 tháng 10 năm 2022 của Chính phủ", "2022-10-25"),
    ("Ngày 12/5/2023, Bộ Y tế đã ban hành Công văn số 2345/BYT-KCB hướng dẫn các bệnh viện.", "2023-05-12"),
])
def test_the_date_before_or_after_the_symbol(text, when):
    assert only(text).date == when


@pytest.mark.parametrize("text", [
    "Báo cáo 6 tháng đầu năm của Sở Tài chính cho thấy thu ngân sách tăng.",
    "Tỉnh ủy đã kỷ luật 7 người do thiếu trách nhiệm.",
    "Lực lượng chức năng xử lý vi phạm quy định 12.345 trường hợp.",
    "chỉ được thanh tra theo kế hoạch 1 lần trong năm",
])
def test_a_number_that_counts_things_is_no_document(text):
    assert cited(text) == []


def test_a_dash_spaced_out_after_the_number():
    assert only("Theo Thông báo số 215 - TB/VPTU ngày 12-6, lãnh đạo thành phố đánh giá cao.").number == "215-TB/VPTU"


def test_citations_joined_after_the_issuer_share_it():
    docs = cited("Năm 2015, Chính phủ ban hành Nghị định 31, Nghị định 48 và Nghị quyết 19 về cải cách.")
    assert [(d.number, d.issuer) for d in docs] == [("31", "Chính phủ"), ("48", "Chính phủ"), ("19", "Chính phủ")]


def test_a_day_without_its_year_is_passed_over_to_reach_the_issuer():
    doc = only("Các huyện thực hiện nghiêm công văn số 456 ngày 12/5 của UBND tỉnh Ninh Bình.")
    assert (doc.number, doc.date, doc.issuer) == ("456", None, "Ủy ban nhân dân tỉnh Ninh Bình")


def test_the_term_written_with_either_tone_style():
    doc = only("Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương Đảng khoá XIII về đất đai")
    assert doc.term == "XIII"


def test_numbers_listed_after_one_type_share_what_follows_them():
    docs = cited("Việc ban hành Quyết định 120, 121 của Bộ Tài chính là cần thiết.")
    assert [(d.number, d.issuer) for d in docs] == [("120", "Bộ Tài chính"), ("121", "Bộ Tài chính")]


# ----------------------------------------------------------------------------- issuers
@pytest.mark.parametrize("text, issuer", [
    ("Bộ Chính trị có Nghị quyết số 36-NQ/TW về phát triển kinh tế biển.", "Bộ Chính trị"),
    ("thực hiện Kết luận số 14-KL/TW của Bộ Chính trị về khuyến khích cán bộ", "Bộ Chính trị"),
    ("Thủ tướng Chính phủ ban hành Quyết định 1234/QĐ-TTg ngày 5/6/2020 về đề án.", "Thủ tướng Chính phủ"),
    ("giãn cách xã hội theo Chỉ thị số 12 của Thủ tướng Chính phủ;", "Thủ tướng Chính phủ"),
    ("theo Quyết định 45 của Thủ tướng về hỗ trợ người dân", "Thủ tướng Chính phủ"),
    ("Chủ tịch UBND tỉnh Nam Định - Trần Văn Bình, đã ký Công điện số 07/CĐ-UBND về phòng dịch.",
     "Ủy ban nhân dân tỉnh Nam Định"),
])
def test_the_issuer_the_text_names_wins_over_the_symbol(text, issuer):
    assert only(text).issuer == issuer


def test_a_head_who_signs_for_the_body_of_the_symbol_gives_the_body():
    assert only("thực hiện Nghị định 55/2021/NĐ-CP của Thủ tướng Chính phủ").issuer == "Chính phủ"


def test_a_local_body_without_its_place_leaves_the_issuer_unknown():
    doc = only("Trên cơ sở đề xuất của UBND huyện Gia Lâm, thực hiện công văn số 789/UBND-VX ngày 3/3/2021 "
               "của UBND tỉnh, các xã đã triển khai.")
    assert doc.issuer is None


def test_a_local_body_written_with_tp_before_its_city():
    assert only("Quyết định số 31/2014/QĐ-UBND của UBND TP Cần Thơ quy định rõ.").issuer == \
        "Ủy ban nhân dân thành phố Cần Thơ"


@pytest.mark.parametrize("text, issuer", [
    ("Sau đó, tại Quyết định số 15/QĐUB ngày 3/4/2010, tỉnh Nam Định đã điều chỉnh quy hoạch.",
     "Ủy ban nhân dân tỉnh Nam Định"),
    ("Sở Y tế tỉnh Bình Định đã tiên phong lên Kế hoạch 88/KH-SYT ngày 2/3/2022 để tiêm chủng.",
     "Sở Y tế tỉnh Bình Định"),
])
def test_a_local_code_in_the_symbol_names_the_body_of_the_province_in_the_sentence(text, issuer):
    assert only(text).issuer == issuer


def test_a_local_code_without_a_province_gives_no_issuer():
    assert only("theo Quyết định số 15/2010/QĐ-UBND về quy hoạch").issuer is None


# ------------------------------------------------------------------------- law titles
@pytest.mark.parametrize("text, name", [
    ("theo quy định của Hiến pháp năm 2013.", "Hiến pháp 2013"),
    ("tôn trọng Hiến pháp và pháp luật", "Hiến pháp"),
    ("Căn cứ Luật đất đai năm 2013, người dân được cấp giấy.", "Luật đất đai 2013"),
    ("đúng quy định của Luật ban hành văn bản quy phạm pháp luật, trên cơ sở đó", "Luật ban hành văn bản quy phạm pháp luật"),
    ("vi phạm Luật an toàn thực phẩm đã nêu", "Luật an toàn thực phẩm"),
    ("sau 5 năm thi hành Luật Quản lý thuế như đã nêu trên", "Luật Quản lý thuế"),
    ("các điều kiện trong Luật Đấu thầu bao gồm nhiều nội dung", "Luật Đấu thầu"),
    ("thông qua Luật Thủy lợi Chiều 15/6, Quốc hội tiếp tục họp", "Luật Thủy lợi"),
    ("căn cứ Luật Tổ chức Quốc hội ngày 20/11/2014;", "Luật Tổ chức Quốc hội"),
    ("theo quy định tại Luật Giá và khoản 3 Điều 12 của Nghị định", "Luật Giá"),
])
def test_laws_cited_by_name(text, name):
    doc = only(text)
    assert (doc.number, doc.name) == (None, name)


def test_a_law_cited_by_name_and_number():
    doc = only("bị xử lý theo Bộ luật Hình sự số 100/2015/QH13, được sửa đổi năm 2017")
    assert (doc.name, doc.number, doc.issuer, doc.term) == ("Bộ luật Hình sự", "100/2015/QH13", "Quốc hội", "XIII")


@pytest.mark.parametrize("text", [
    "Luật sư Trần Văn Long cho biết như vậy.",
    "Luật chỉ quy định chung về thủ tục.",
    "Đây là dự án Luật còn nhiều ý kiến khác nhau.",
    "Luật này có hiệu lực từ năm sau.",
])
def test_no_law_is_named(text):
    assert cited(text) == []


def test_the_issuer_code_comes_first_and_the_drafting_unit_after_it():
    doc = only("Thành phố đã thống nhất tại công văn số 4521/UBND-SXD ngày 05/5/2017 của UBND thành phố Đà Nẵng.")
    assert doc.issuer == "Ủy ban nhân dân thành phố Đà Nẵng"
    assert only("theo Quy định số 105-QĐ/TW về công tác cán bộ").issuer == "Ban Chấp hành Trung ương Đảng"


def test_a_provincial_department_without_its_province_gives_no_issuer():
    assert only("Sở Xây dựng đã có Công văn số 3150/SXD-QLXD gửi các quận.").issuer is None


def test_an_issuer_ends_where_the_next_citation_starts():
    docs = cited("theo tinh thần Chỉ thị 17 của Ban Chỉ đạo Trung ương và Chỉ thị 26 của Thủ tướng Chính phủ.")
    assert [(d.number, d.issuer) for d in docs] == [("17", "Ban Chỉ đạo Trung ương"), ("26", "Thủ tướng Chính phủ")]


def test_a_party_committee_without_its_province_gives_no_issuer():
    assert only("thực hiện Chỉ thị 17 của Ban Thường vụ Tỉnh ủy về văn hóa công sở").issuer is None
