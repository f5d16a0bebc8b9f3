"""Bodies across name variants: one key whatever joins or abbreviates a body's words, the
lexicon's name for a variant it knows, a short form in brackets kept off the body it does
not name, and a school written after its bare head taken for the one the article named."""
from __future__ import annotations

from kg.extract import extract
from kg.rdf.mapping import IriMinter, map_to_ntriples
from kg.records import Article, Organization, Record
from kg.resolve import resolve
from kg.resolve.bodies import body_key, resolve_bodies


def _org_iris(text: str) -> set[str]:
    ntriples = map_to_ntriples(resolve(extract(Article(source="test", text=text))), IriMinter())[1]
    return {line.split()[0] for line in ntriples.splitlines() if "/org/" in line.split()[0]}


def test_joiners_and_a_missing_va_give_one_key():
    written = ["Sở Văn hóa - Thể thao tỉnh Bắc Hà", "Sở Văn hóa, Thể thao tỉnh Bắc Hà",
               "Sở Văn hóa Thể thao tỉnh Bắc Hà", "Sở Văn hóa và Thể thao tỉnh Bắc Hà", "Sở Văn hóa-Thể thao tỉnh Bắc Hà"]
    assert len({body_key(name) for name in written}) == 1


def test_an_abbreviated_kind_is_the_same_key():
    assert body_key("Công ty TNHH Cơ khí Minh Sơn") == body_key("Công ty Trách nhiệm hữu hạn Cơ khí Minh Sơn")
    assert body_key("Sở TN&MT tỉnh Bắc Hà") == body_key("Sở Tài nguyên và Môi trường tỉnh Bắc Hà")


def test_different_sectors_keep_different_keys():
    assert body_key("Sở Văn hóa và Thể thao") != body_key("Sở Văn hóa, Thể thao và Du lịch")


def test_a_variant_the_lexicon_knows_takes_the_lexicon_name():
    record = Record(source="t", text="", article=None,
                    organizations=(Organization("Ngân hàng Thương mại cổ phần Kỹ Thương Việt Nam"),))
    [org] = resolve_bodies(record).organizations
    assert org.name == "Ngân hàng TMCP Kỹ Thương Việt Nam"
    assert "Ngân hàng Thương mại cổ phần Kỹ Thương Việt Nam" in org.aliases


def test_a_ministry_in_brackets_is_not_the_department_short_form():
    record = extract(Article(source="test", text=(
        "Ông Lê Văn Hòa, Vụ trưởng Vụ Kế hoạch (Bộ GD&ĐT) cho biết kế hoạch đã được duyệt.")))
    aliases = {org.name: org.aliases for org in record.organizations}
    assert "Bộ GD&ĐT" not in aliases.get("Vụ Kế hoạch", ())
    assert "Bộ GD&ĐT" in aliases.get("Bộ Giáo dục và Đào tạo", ())


def test_a_known_groups_short_form_stays_with_the_group():
    record = extract(Article(source="test", text=(
        "Ban Thường vụ Đảng ủy Tổng công ty Dầu khí Hòa Bình Xanh (PVN) đã họp.")))
    holders = {org.name for org in record.organizations if "PVN" in org.aliases}
    assert holders <= {"Tập đoàn Dầu khí Việt Nam"}


def test_a_school_after_its_bare_head_is_the_one_named_in_full():
    record = Record(source="t", text="", article=None, organizations=(
        Organization("Trường THPT chuyên Lam Sơn - Minh Khai"), Organization("Trường THPT chuyên Lam Sơn -Minh Khai"),
        Organization("Trường Lam Sơn - Minh Khai")))
    [school] = resolve_bodies(record).organizations
    assert school.name == "Trường THPT chuyên Lam Sơn - Minh Khai"
    assert set(school.aliases) == {"Trường THPT chuyên Lam Sơn -Minh Khai", "Trường Lam Sơn - Minh Khai"}


def test_a_school_after_its_bare_head_stays_apart_beside_two_full_names():
    record = Record(source="t", text="", article=None, organizations=(
        Organization("Trường THPT Lam Sơn"), Organization("Trường THCS Lam Sơn"), Organization("Trường Lam Sơn")))
    assert len(resolve_bodies(record).organizations) == 3


def test_a_ministry_written_with_a_dash_is_one_node_with_the_va_spelling():
    first = _org_iris("Sáng 5/3, Bộ Lao động Thương binh và Xã hội tổ chức hội nghị tổng kết công tác năm.")
    second = _org_iris("Sáng 5/3, Bộ Lao động - Thương binh và Xã hội tổ chức hội nghị tổng kết công tác năm.")
    assert first == second and len(first) == 2  # the ministry and the Government above it


def test_a_party_committee_of_a_province_that_no_longer_exists():
    record = resolve(extract(Article(source="test", text=(
        "Năm 1950, ông Trần Văn Bình làm Bí thư Tỉnh ủy Bắc Thái khi mới 30 tuổi."))))
    assert [org.name for org in record.organizations] == ["Tỉnh ủy Bắc Thái"]
    posts = [position.organization for person in record.people for position in person.positions]
    assert posts == ["Tỉnh ủy Bắc Thái"]


def test_an_abbreviation_of_part_of_the_name_is_not_the_bodys_short_form():
    record = extract(Article(source="test", text=(
        "Sáng 5/3, Hội đồng Thẩm định Khoa học và Công nghệ (KH&CN) đã họp phiên đầu tiên.")))
    assert all("KH&CN" not in org.aliases for org in record.organizations)


def test_the_party_committee_of_a_named_body_is_a_body_of_its_own():
    record = extract(Article(source="test", text=(
        "Tiêu đề\nĐảng ủy Bộ Tài chính tổ chức hội nghị. Ông Trần Quang Vinh, Bí thư Đảng ủy "
        "Ngân hàng Nhà nước Việt Nam, phát biểu. Đảng ủy xã Hòa Phong họp.\n")))
    bodies = {org.name: org.parent for org in record.organizations}
    assert bodies["Đảng ủy Bộ Tài chính"] == "Bộ Tài chính"
    assert bodies["Đảng ủy Ngân hàng Nhà nước Việt Nam"] == "Ngân hàng Nhà nước Việt Nam"
    assert "Bộ Tài chính" in bodies and "Ngân hàng Nhà nước Việt Nam" in bodies
    [person] = record.people
    assert [(p.title, p.organization) for p in person.positions] == [("Bí thư", "Đảng ủy Ngân hàng Nhà nước Việt Nam")]
    assert any(name.startswith("Đảng ủy xã Hòa Phong") for name in bodies)


def test_a_clause_about_a_document_after_a_head_is_not_a_company():
    record = extract(Article(source="test", text=(
        "Tiêu đề\nViệc tham mưu cho Đảng ủy Tập đoàn ban hành Nghị quyết số 12/NQ-ĐU có nội dung sai.\n")))
    assert not [org.name for org in record.organizations if "Nghị quyết" in org.name]
