"""Organisation names and places on sentences written for the tests (invented names)."""
import pytest

from kg.extract import extract
from kg.extract.sentence import SentenceAnalysis
from kg.records import Article


def org_names(text):
    return [org.name for org in SentenceAnalysis(text).orgs]


def place_names(text):
    return [place.name for place in SentenceAnalysis(text).places]


def record(text):
    return extract(Article(source="t.txt", text=f"Tiêu đề thử\n08:30 15/03/2024\n{text}"))


@pytest.mark.parametrize("text, name", [
    ("Công an thành phố Huế vừa bắt giữ hai đối tượng.", "Công an thành phố Huế"),
    ("Công an TP Bắc Giang đang điều tra vụ việc.", "Công an thành phố Bắc Giang"),
    ("Sở Y tế TP Yên Bái kiểm tra các cơ sở.", "Sở Y tế thành phố Yên Bái"),
])
def test_a_city_written_with_its_word_after_a_body(text, name):
    assert name in org_names(text)


def test_a_unit_before_its_local_body_is_named_with_it():
    names = org_names("Thượng tá Lê Văn Hòa, Trưởng Phòng CSGT, Công an tỉnh Lai Châu cho biết.")
    assert names == ["Phòng Cảnh sát giao thông Công an tỉnh Lai Châu", "Công an tỉnh Lai Châu"]
    assert org_names("Văn phòng UBND tỉnh Hà Giang và Ban Thường vụ Tỉnh ủy Hà Giang họp.") == [
        "Văn phòng Ủy ban nhân dân tỉnh Hà Giang", "Ủy ban nhân dân tỉnh Hà Giang",
        "Ban Thường vụ Tỉnh ủy Hà Giang", "Tỉnh ủy Hà Giang"]


def test_a_unit_before_a_ministry_is_linked_not_renamed():
    [unit, ministry] = SentenceAnalysis("Văn bản được đăng trên trang của Cục Quản lý giá - Bộ Tài chính.").orgs
    assert (unit.name, unit.parent, ministry.name) == ("Cục Quản lý giá", "Bộ Tài chính", "Bộ Tài chính")


def test_a_bare_province_word_after_a_local_head_takes_the_home_province():
    rec = record("Công an tỉnh Lai Châu và UBND tỉnh Lai Châu phối hợp. "
                 "Chủ tịch UBND tỉnh yêu cầu Công an tỉnh, Phòng CSGT Công an tỉnh kiểm tra.")
    names = {org.name for org in rec.organizations}
    assert {"Công an tỉnh Lai Châu", "Ủy ban nhân dân tỉnh Lai Châu",
            "Phòng Cảnh sát giao thông Công an tỉnh Lai Châu"} <= names
    assert not any(name.endswith(" tỉnh") or name.endswith("Công an") for name in names)


def test_a_police_unit_with_a_place_belongs_to_that_places_police():
    assert org_names("Đội CSGT TP Sầm Sơn dừng xe tải.") == ["Đội Cảnh sát giao thông Công an thành phố Sầm Sơn"]
    assert org_names("Phòng CSGT Lai Châu tăng cường tuần tra.") == [
        "Phòng Cảnh sát giao thông Công an tỉnh Lai Châu"]


def test_an_organ_is_named_by_the_body_after_it_and_alone_is_nobodys():
    assert org_names("Ban Chấp hành Đảng bộ tỉnh Lai Châu họp phiên thứ nhất.") == [
        "Ban Chấp hành Đảng bộ tỉnh Lai Châu", "Đảng bộ tỉnh Lai Châu"]
    assert org_names("Ban Giám đốc Sở GD-ĐT Hà Nội đồng ý.") == [
        "Ban Giám đốc Sở Giáo dục và Đào tạo thành phố Hà Nội", "Sở Giáo dục và Đào tạo thành phố Hà Nội"]
    assert org_names("Ban Thường vụ các cấp ủy quản lý cán bộ; Ban Chấp hành đã thống nhất.") == []


def test_a_mission_is_named_with_its_host():
    assert org_names("Cán bộ Đại sứ quán Việt Nam tại Hàn Quốc đón đoàn.") == ["Đại sứ quán Việt Nam tại Hàn Quốc"]
    assert org_names("Bà Lê Thị Hoa, Trưởng Phái đoàn Việt Nam tại Liên Hiệp Quốc phát biểu.") == [
        "Phái đoàn Việt Nam tại Liên Hợp Quốc"]


def test_a_two_syllable_name_after_an_org_name_is_part_of_it():
    assert org_names("Nhà máy Xi măng Phương Đông tạm dừng sản xuất.") == ["Nhà máy Xi măng Phương Đông"]
    [person] = SentenceAnalysis("Giám đốc Công ty Hòa Bình Nguyễn Văn Tâm phát biểu.").persons
    assert person.name == "Nguyễn Văn Tâm"
