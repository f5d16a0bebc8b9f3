"""Posts written in the layouts of official news, each on a sentence written for the test:
a chain of posts after a name (comma, dash, bracket, 'là', 'kiêm', 'đồng thời là', a rank
inside), before it, former posts, role words in other capitalisations, and bodies completed
from the chain or the article."""
from __future__ import annotations

import pytest

from kg.extract import extract
from kg.records import Article


def posts_of(text: str) -> dict[str, list[tuple[str, str | None, bool]]]:
    record = extract(Article(source="test", text=text))
    return {p.name: [(q.title, q.organization, q.former) for q in p.positions] for p in record.people}


@pytest.mark.parametrize("text, name, expected", [
    # a bracket aside, then two posts, the second after "được bầu giữ chức"
    ("Ông Lương Văn Đạt (sinh năm 1971), Bí thư Huyện ủy Cẩm Giàng, được bầu giữ chức Chủ tịch UBND tỉnh Hải Dương.",
     "Lương Văn Đạt",
     [("Bí thư", "Huyện ủy Cẩm Giàng", False), ("Chủ tịch", "Ủy ban nhân dân tỉnh Hải Dương", False)]),
    # a dash after the name
    ("Ông Tạ Minh Châu - Bí thư Tỉnh ủy Nghệ An phát biểu tại hội nghị.",
     "Tạ Minh Châu", [("Bí thư", "Tỉnh ủy Nghệ An", False)]),
    # "là" and a biographical aside before "hiện là"
    ("Ông Kha Văn Lộc (SN 1975), quê xã Tân Phú, hiện là Phó Bí thư Tỉnh ủy Bến Tre.",
     "Kha Văn Lộc", [("Phó Bí thư", "Tỉnh ủy Bến Tre", False)]),
    ("Ông Mạc Đình Khiêm là Giám đốc Sở Xây dựng tỉnh Nam Định.",
     "Mạc Đình Khiêm", [("Giám đốc", "Sở Xây dựng tỉnh Nam Định", False)]),
    # a rank inside the chain
    ("Đồng chí Ninh Quang Toản, Ủy viên Trung ương Đảng, Thượng tướng, Thứ trưởng Bộ Quốc phòng chủ trì hội nghị.",
     "Ninh Quang Toản",
     [("Ủy viên", "Ban Chấp hành Trung ương Đảng", False), ("Thứ trưởng", "Bộ Quốc phòng", False)]),
])
def test_chain_after_the_name(text, name, expected):
    assert posts_of(text)[name] == expected


def test_a_rank_inside_the_chain_is_the_persons_rank():
    record = extract(Article(source="test", text=(
        "Đồng chí Ninh Quang Toản, Ủy viên Trung ương Đảng, Thượng tướng, Thứ trưởng Bộ Quốc phòng chủ trì.")))
    assert record.people[0].rank == "Thượng tướng"


@pytest.mark.parametrize("text, name, expected", [
    ("Tham dự có ông Kiều Văn Bảy, nguyên Ủy viên Trung ương Đảng, nguyên Bộ trưởng Bộ Tư pháp.",
     "Kiều Văn Bảy",
     [("Ủy viên", "Ban Chấp hành Trung ương Đảng", True), ("Bộ trưởng", "Bộ Tư pháp", True)]),
    ("Ông Âu Quốc Dũng từng là Giám đốc Sở Tài chính tỉnh Nam Định.",
     "Âu Quốc Dũng", [("Giám đốc", "Sở Tài chính tỉnh Nam Định", True)]),
    ("Ông Lò Văn Thịnh - cựu Chủ tịch HĐQT kiêm Tổng Giám đốc Tổng công ty Sông Đà - hầu tòa.",
     "Lò Văn Thịnh",
     [("Chủ tịch Hội đồng quản trị", "Tổng công ty Sông Đà", True), ("Tổng Giám đốc", "Tổng công ty Sông Đà", False)]),
    ("Buổi lễ có sự tham dự của nguyên Chủ tịch nước Thạch Văn Sang.",
     "Thạch Văn Sang", [("Chủ tịch nước", None, True)]),
])
def test_former_posts(text, name, expected):
    assert posts_of(text)[name] == expected


@pytest.mark.parametrize("text, name, expected", [
    ("Ông Hứa Quang Huy, Phó chủ tịch UBND tỉnh Quảng Nam cho biết.",
     "Hứa Quang Huy", [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Quảng Nam", False)]),
    ("Ông Quách Văn Tú, Trưởng Ban Tổ chức Tỉnh ủy Hà Tĩnh dự lễ.",
     "Quách Văn Tú", [("Trưởng ban", "Ban Tổ chức Tỉnh ủy Hà Tĩnh", False)]),
    ("Ông Giáp Văn Sơn, Chánh văn phòng UBND tỉnh Ninh Bình, cho biết.",
     "Giáp Văn Sơn", [("Chánh Văn phòng", "Ủy ban nhân dân tỉnh Ninh Bình", False)]),
    # the role names its body: the title is the role word, the body the rest
    ("Phó chủ tịch Quốc hội Tăng Văn Hiển điều khiển phiên họp.",
     "Tăng Văn Hiển", [("Phó Chủ tịch", "Quốc hội", False)]),
    ("Ông Lã Trọng Thi, nguyên Chủ nhiệm Ủy ban Kinh tế của Quốc hội, phát biểu.",
     "Lã Trọng Thi", [("Chủ nhiệm", "Ủy ban Kinh tế", True)]),
])
def test_role_words_in_other_capitalisations(text, name, expected):
    assert posts_of(text)[name] == expected


@pytest.mark.parametrize("text, name, expected", [
    # the place of a bare "UBND tỉnh" from the next post of the chain
    ("Ông Mai Đức Thắng, Phó Chủ tịch UBND tỉnh kiêm Giám đốc Sở Nội vụ tỉnh Thái Bình.",
     "Mai Đức Thắng",
     [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Thái Bình", False), ("Giám đốc", "Sở Nội vụ tỉnh Thái Bình", False)]),
    ("Bà Khúc Thị Lan, Ủy viên Ban Thường vụ Tỉnh ủy, đồng thời là Trưởng ban Dân vận Tỉnh ủy Bắc Giang.",
     "Khúc Thị Lan",
     [("Ủy viên Ban Thường vụ", "Tỉnh ủy Bắc Giang", False), ("Trưởng ban", "Ban Dân vận Tỉnh ủy Bắc Giang", False)]),
    # the Đảng ủy of the body the chain names next
    ("Ông Tôn Văn Minh, Bí thư Đảng ủy, Cục trưởng Cục Cảnh sát giao thông phát biểu.",
     "Tôn Văn Minh",
     [("Bí thư", "Đảng ủy Cục Cảnh sát giao thông", False), ("Cục trưởng", "Cục Cảnh sát giao thông", False)]),
    # the editor's body is the magazine the chain names
    ("Ông Lưu Minh Tuấn, Phó Tổng Biên tập, Bí thư Chi bộ Tạp chí Khoa học phát biểu.",
     "Lưu Minh Tuấn",
     [("Phó Tổng Biên tập", "Tạp chí Khoa học", False), ("Bí thư", "Chi bộ Tạp chí Khoa học", False)]),
])
def test_bodies_completed_from_the_chain(text, name, expected):
    assert posts_of(text)[name] == expected


def test_body_taken_from_the_article():
    text = "Bộ Y tế tổ chức hội nghị tổng kết công tác năm.\nBộ trưởng Tào Minh Khoa phát biểu chỉ đạo."
    assert posts_of(text)["Tào Minh Khoa"] == [("Bộ trưởng", "Bộ Y tế", False)]


def test_no_body_taken_from_nowhere():
    assert posts_of("Bộ trưởng Tào Minh Khoa phát biểu chỉ đạo.")["Tào Minh Khoa"] == [("Bộ trưởng", None, False)]


def test_chains_before_names_in_a_list():
    posts = posts_of("Tham gia đoàn có Bộ trưởng Bộ Ngoại giao Viên Bình Minh, Bộ trưởng Bộ Công an Tống Lâm, "
                     "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ Thân Tiến Dũng.")
    assert posts["Viên Bình Minh"] == [("Bộ trưởng", "Bộ Ngoại giao", False)]
    assert posts["Tống Lâm"] == [("Bộ trưởng", "Bộ Công an", False)]
    assert posts["Thân Tiến Dũng"] == [("Bộ trưởng", None, False),
                                       ("Chủ nhiệm", "Văn phòng Chính phủ", False)]


def test_a_list_of_candidates_separated_by_semicolons():
    posts = posts_of("Các ứng cử viên gồm: ông Doãn Văn An, Giám đốc Sở Xây dựng tỉnh Lạng Sơn; "
                     "ông Đàm Văn Ba, Phó Giám đốc Sở Tài chính tỉnh Lạng Sơn.")
    assert posts["Doãn Văn An"] == [("Giám đốc", "Sở Xây dựng tỉnh Lạng Sơn", False)]
    assert posts["Đàm Văn Ba"] == [("Phó Giám đốc", "Sở Tài chính tỉnh Lạng Sơn", False)]


def test_a_post_in_brackets():
    posts = posts_of("Ông Vi Văn Cường (Phó Giám đốc Sở Y tế tỉnh Lào Cai) cho biết.")
    assert posts["Vi Văn Cường"] == [("Phó Giám đốc", "Sở Y tế tỉnh Lào Cai", False)]


def test_a_foreign_head_of_state_after_the_country():
    posts = posts_of("Tổng thống Pháp Jean Moreau đã tiếp Thủ tướng.")
    assert posts["Jean Moreau"] == [("Tổng thống", None, False)]


def test_the_headline_is_read_for_people_and_posts():
    text = "Ông Hứa Văn Khang làm Giám đốc Sở Y tế tỉnh Nam Định\n\nSở Y tế tỉnh Nam Định vừa công bố quyết định."
    record = extract(Article(source="test", text=text))
    assert record.sentences[0].is_headline and record.sentences[0].text.startswith("Ông Hứa Văn Khang")
    assert [(p.title, p.organization) for p in record.people[0].positions] == [("Giám đốc", "Sở Y tế tỉnh Nam Định")]
    assert not any(s.is_headline for s in record.sentences[1:])


def test_a_former_post_is_said_in_the_graph():
    from rdflib import Literal
    from rdflib.namespace import ORG

    from kg.rdf.mapping import map_record
    from kg.rdf.namespaces import KGO

    record = extract(Article(source="test", text="Ông Kiều Văn Bảy, nguyên Bộ trưởng Bộ Tư pháp, phát biểu."))
    _, graph = map_record(record)
    posts = list(graph.subjects(ORG.heldBy, None))
    assert len(posts) == 1 and (posts[0], KGO.former, Literal(True)) in graph


@pytest.mark.parametrize("text, name, expected", [
    # a role's abbreviation, and the body it names
    ("ĐBQH Ninh Văn Khoa (đoàn Bến Tre) đề nghị bổ sung quy định.", "Ninh Văn Khoa", [("Đại biểu", "Quốc hội", False)]),
    # a lower-case role after "kiêm"
    ("Thượng tá Lục Văn Tiến - Trưởng phòng Tham mưu, kiêm người phát ngôn Công an tỉnh Đắk Lắk cho biết.",
     "Lục Văn Tiến",
     [("Trưởng phòng", "Phòng Tham mưu", False), ("Người phát ngôn", "Công an tỉnh Đắk Lắk", False)]),
    # the post's country, after a preposition, before the name
    ("Cùng dự có Đại sứ Việt Nam tại Nhật Bản Trịnh Quang Hưng.", "Trịnh Quang Hưng", [("Đại sứ", None, False)]),
    # the body's parent body after "của"
    ("Chủ nhiệm Ủy ban Kinh tế của Quốc hội Lê Bá Khánh phát biểu.", "Lê Bá Khánh",
     [("Chủ nhiệm", "Ủy ban Kinh tế", False)]),
])
def test_abbreviations_lower_case_roles_and_qualifiers(text, name, expected):
    assert posts_of(text)[name] == expected


def test_a_role_of_several_people_is_nobodys_post():
    posts = posts_of("Tham dự có Bộ trưởng Bộ Tài chính Vũ Đình Khải, Thứ trưởng các Bộ: Quốc phòng, Ngoại giao.")
    assert posts["Vũ Đình Khải"] == [("Bộ trưởng", "Bộ Tài chính", False)]


HOME_ARTICLE = """Nghệ An triển khai kế hoạch đầu tư công

Sáng 5/3, UBND tỉnh Nghệ An tổ chức hội nghị triển khai kế hoạch đầu tư công năm 2024.
Ông Hà Văn Tuân, Giám đốc Sở Tài chính, cho biết tỉnh đã giải ngân 60% vốn.
Phó Chủ tịch UBND tỉnh Bạch Văn Kiên đề nghị các sở đẩy nhanh tiến độ.
Bà Lò Thị Mai, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng ban Tuyên giáo Tỉnh ủy phát biểu."""


def test_bodies_of_an_article_about_one_province_are_that_provinces():
    posts = posts_of(HOME_ARTICLE)
    assert posts["Hà Văn Tuân"] == [("Giám đốc", "Sở Tài chính tỉnh Nghệ An", False)]
    assert posts["Bạch Văn Kiên"] == [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Nghệ An", False)]
    assert posts["Lò Thị Mai"] == [("Ủy viên Ban Thường vụ", "Tỉnh ủy Nghệ An", False),
                                   ("Trưởng ban", "Ban Tuyên giáo Tỉnh ủy Nghệ An", False)]


def test_a_unit_takes_the_province_named_last_before_it_when_the_article_names_several():
    text = HOME_ARTICLE.replace("Bà Lò Thị Mai", "Đoàn công tác tỉnh Hà Tĩnh cũng dự hội nghị.\nBà Lò Thị Mai")
    assert posts_of(text)["Lò Thị Mai"][1] == ("Trưởng ban", "Ban Tuyên giáo Tỉnh ủy Hà Tĩnh", False)


def test_an_assistants_post_is_in_the_body_of_whom_they_serve():
    posts = posts_of("Cùng dự có Trợ lý Chủ tịch Quốc hội Thái Văn Lợi.")
    assert posts["Thái Văn Lợi"] == [("Trợ lý", "Quốc hội", False)]


def test_a_post_whose_chain_names_other_bodies_is_not_given_the_articles():
    text = "Bộ Tài chính đã tiếp thu ý kiến.\nBộ trưởng, Chủ nhiệm Văn phòng Chính phủ Triệu Văn Sĩ cho biết."
    assert posts_of(text)["Triệu Văn Sĩ"] == [("Bộ trưởng", None, False), ("Chủ nhiệm", "Văn phòng Chính phủ", False)]


def test_a_company_post_is_not_given_another_company_of_the_article():
    text = ("Ngân hàng TMCP Sài Gòn công bố kết quả kinh doanh.\n"
            "Ông Khổng Văn Lâm, Tổng giám đốc một công ty bất động sản, cho biết.")
    assert posts_of(text)["Khổng Văn Lâm"] == [("Tổng Giám đốc", None, False)]


@pytest.mark.parametrize("text, name", [
    ("Ông Ruiz cảm ơn sự hỗ trợ của Chủ tịch Nước Trương Văn Quang trên cương vị mới.", "Trương Văn Quang"),
    ("Theo anh Mạc Văn Tưởng - Bí thư Đoàn TNCS Hồ Chí Minh Bộ GTVT, phong trào phát triển.", "Mạc Văn Tưởng"),
])
def test_a_name_is_not_run_into_a_role_or_a_body(text, name):
    record = extract(Article(source="test", text=text))
    assert name in [p.name for p in record.people]
    assert not any(p.name.startswith(("Nước", "Hồ Chí Minh")) for p in record.people)


def test_a_name_ending_with_a_provinces_name_after_a_post_and_a_hyphenated_name():
    posts = posts_of("Sáng 22/9, Phó Thủ tướng Lưu Hòa Bình tiếp Chủ tịch Nhóm Nghị sỹ hữu nghị Hàn Quốc-Việt Nam "
                     "ông Park Jae-Won.")
    assert posts["Lưu Hòa Bình"] == [("Phó Thủ tướng", "Chính phủ", False)]
    assert "Park Jae-Won" in posts


def test_a_speaker_without_a_vietnamese_surname_is_a_person():
    record = extract(Article(source="test", text="Giá vàng tăng. Bill Gates nói rằng công nghệ sẽ thay đổi. Hà Nội cho biết."))
    assert [p.name for p in record.people] == ["Bill Gates"]


def test_a_birth_name_with_the_known_name_in_brackets_is_one_person_by_the_known_name():
    record = extract(Article(source="test", text=(
        "Ông Hoàng Văn Minh (Hoàng Minh - sinh năm 1960), Ủy viên Bộ Chính trị, Chủ nhiệm Tổng cục Chính trị.")))
    [person] = record.people
    assert (person.name, person.aliases) == ("Hoàng Minh", ("Hoàng Văn Minh",))
    assert [p.title for p in person.positions] == ["Ủy viên", "Chủ nhiệm"]


def test_a_surname_alone_is_no_person():
    record = extract(Article(source="test", text="Học tập và làm theo tấm gương đạo đức của Bác Hồ."))
    assert record.people == ()


def test_a_role_in_title_case_before_a_name_is_no_name():
    posts = posts_of("Phó Trưởng Ban Tuyên giáo Trung ương Lục Xuân Môn phát biểu.")
    assert posts == {"Lục Xuân Môn": [("Phó Trưởng ban", "Ban Tuyên giáo Trung ương", False)]}


def test_a_name_after_tuc_in_brackets_is_the_known_name():
    record = extract(Article(source="test", text="Ông Nguyễn Văn Tý (tức Lê Văn Sửu) bị bắt giữ tại Hà Nội."))
    assert [(p.name, p.aliases) for p in record.people] == [("Lê Văn Sửu", ("Nguyễn Văn Tý",))]


def test_va_joins_two_people_not_two_posts():
    posts = posts_of("Bộ trưởng Đàm Văn Lực và Đại sứ đặc biệt Nhật - Việt Sugi Tanaka chứng kiến lễ ký.")
    assert posts["Đàm Văn Lực"] == [("Bộ trưởng", None, False)]


@pytest.mark.parametrize("text", [
    "Xe khách vi phạm trên các tuyến đường Phạm Hùng, Phạm Văn Đồng, Khuất Duy Tiến và Kim Đồng.",
    "Tài xế quay đầu xe tại ngã tư Phan Đình Phùng và Lê Lợi.",
    "Công ty quản lý các bến Giáp Bát, Mỹ Đình.",
])
def test_names_listed_after_a_street_or_a_station_are_no_people(text):
    assert extract(Article(source="test", text=text)).people == ()


def test_a_hyphen_before_a_role_ends_the_name():
    posts = posts_of("Ông Huỳnh Trung Phong-Trưởng phòng Tổ chức cán bộ cho biết.")
    assert list(posts) == ["Huỳnh Trung Phong"]


@pytest.mark.parametrize("text, people", [
    ("Tiêu đề\nĐồng chí Đại tướng Phan Quốc Hưng, Bộ trưởng Bộ Quốc phòng, tiếp đoàn.", {"Phan Quốc Hưng"}),
    ("Tiêu đề\nÔng Đào Minh Trung phát biểu. Trung tướng Lã Văn Tiến, Tư lệnh Quân khu 2, dự họp.",
     {"Đào Minh Trung", "Lã Văn Tiến"}),
    ("Tiêu đề\nÔng Hà Quang Thái, Ủy viên Ban Chấp hành Đảng bộ huyện, Trưởng ban Chỉ đạo phòng chống thiên tai, "
     "phát biểu.", {"Hà Quang Thái"}),
])
def test_words_that_begin_a_rank_a_role_or_a_head_are_not_names(text, people):
    record = extract(Article(source="test", text=text))
    assert {p.name for p in record.people} == people
    mentions = {p.name: len(p.mentions) for p in record.people}
    assert mentions.get("Đào Minh Trung", 1) == 1  # "Trung tướng" is no mention of "Trung"


def test_a_head_written_again_after_the_role():
    posts = posts_of("Bà Kiều Thị Hạnh, Trưởng ban Ban Chỉ đạo công tác Tuyên truyền, phát biểu.")
    assert posts["Kiều Thị Hạnh"] == [("Trưởng ban", "Ban Chỉ đạo công tác Tuyên truyền", False)]


@pytest.mark.parametrize("text, name, expected", [
    ("Ông Lò Văn Chiến, Cục trưởng Cục thi hành án dân sự tỉnh Sơn La, báo cáo.",
     "Lò Văn Chiến", [("Cục trưởng", "Cục Thi hành án dân sự tỉnh Sơn La", False)]),
    ("Ông Đinh Quốc Bảo, Chủ tịch Hội đồng trường Trường Đại học Vinh, phát biểu.",
     "Đinh Quốc Bảo", [("Chủ tịch", "Hội đồng trường Trường Đại học Vinh", False)]),
])
def test_bodies_of_heads_from_the_lexicon(text, name, expected):
    assert posts_of(text)[name] == expected


def test_a_country_or_a_place_begun_by_an_honorific_is_no_person():
    record = extract(Article(source="test", text=(
        "Tiêu đề\nHội nghị diễn ra tại tỉnh Bà Rịa - Vũng Tàu. Người dân Việt Nam và anh em Lào luôn nhớ ơn. "
        "Chị Huệ cho biết như vậy.\n")))
    assert {p.name for p in record.people} == {"Huệ"}


@pytest.mark.parametrize("written, titles", [
    ("Phó Giáo sư, Tiến sĩ", ("PGS", "TS")),
    ("PGS.TS", ("PGS", "TS")),
    ("GS TSKH", ("GS", "TSKH")),
])
def test_academic_titles_abbreviated_or_written_out(written, titles):
    record = extract(Article(source="test", text=f"Tiêu đề\nDự hội nghị có {written} Lạc Minh Châu, Viện trưởng.\n"))
    assert [(p.name, p.academic_titles) for p in record.people] == [("Lạc Minh Châu", titles)]


def test_a_clause_word_glued_after_a_name_ends_it():
    record = extract(Article(source="test", text=(
        "Tiêu đề\nThứ trưởng Bộ Nội vụ Lưu Quang Đạt Trong thời gian tới, Bộ sẽ rà soát. "
        "Theo Quyết định số 5/QĐ-TTg, ông Hà Văn Hiện được bổ nhiệm; ông Ngô Đình Tuy dự.\n")))
    assert {p.name for p in record.people} == {"Lưu Quang Đạt", "Hà Văn Hiện", "Ngô Đình Tuy"}


@pytest.mark.parametrize("text, name, expected", [
    ("Ông Tô Văn Hải, Bí thư phường Nam Sơn, xác nhận việc này.",
     "Tô Văn Hải", [("Bí thư", "Đảng ủy phường Nam Sơn", False)]),
    ("Ông Đậu Văn Lành, Phó Chủ tịch tỉnh Nghệ An, phát biểu.",
     "Đậu Văn Lành", [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Nghệ An", False)]),
    ("Bí thư huyện Quỳnh Lưu Hồ Văn Chiến dự lễ.", "Hồ Văn Chiến", [("Bí thư", "Huyện ủy Quỳnh Lưu", False)]),
    ("Ông Mai Văn Sáu, Ủy viên T.Ư Đảng, Bí thư Thành ủy Đà Nẵng, phát biểu.",
     "Mai Văn Sáu", [("Ủy viên", "Ban Chấp hành Trung ương Đảng", False), ("Bí thư", "Thành ủy Đà Nẵng", False)]),
])
def test_a_role_before_a_place_is_held_in_its_committee(text, name, expected):
    assert posts_of(text)[name] == expected


@pytest.mark.parametrize("text, name, expected", [
    ("Ông Hà Quang Vinh, Phó Chủ nhiệm Thường trực Ủy ban Kiểm tra Trung ương, làm việc với tỉnh.",
     "Hà Quang Vinh", [("Phó Chủ nhiệm Thường trực", "Ủy ban Kiểm tra Trung ương", False)]),
    ("Phó chủ tịch thường trực UBND tỉnh Quảng Trị Lò Văn Sinh cho biết.",
     "Lò Văn Sinh", [("Phó Chủ tịch Thường trực", "Ủy ban nhân dân tỉnh Quảng Trị", False)]),
    ("Bà Khúc Thị Mai, Phó Chủ tịch chuyên trách Hội Nông dân tỉnh Yên Bái, phát biểu.",
     "Khúc Thị Mai", [("Phó Chủ tịch chuyên trách", "Hội Nông dân tỉnh Yên Bái", False)]),
])
def test_a_qualifier_after_a_role_stays_in_its_title(text, name, expected):
    """role_qualifiers.tsv: 'Thường trực', 'chuyên trách' after any role (the body still found after it)."""
    assert posts_of(text)[name] == expected


@pytest.mark.parametrize("text, name, expected", [
    # the post after "thừa ủy quyền" is the one who gave the authority, not the speaker's
    ("Sáng 3/4, thừa ủy quyền Chủ tịch nước, Phó Chủ nhiệm Văn phòng Chủ tịch nước Đàm Văn Lực công bố lệnh.",
     "Đàm Văn Lực", [("Phó Chủ nhiệm", "Văn phòng Chủ tịch nước", False)]),
    ("Thừa ủy quyền của Thủ tướng Chính phủ, Bộ trưởng Bộ Y tế Giáp Văn Tâm trình bày tờ trình.",
     "Giáp Văn Tâm", [("Bộ trưởng", "Bộ Y tế", False)]),
    ("Ông Ninh Văn Hòa, Phó Giám đốc Sở Tư pháp, thay mặt Giám đốc Sở, trao quyết định.",
     "Ninh Văn Hòa", [("Phó Giám đốc", "Sở Tư pháp", False)]),
    # right before the name, the post is the name's own
    ("Thừa lệnh Bộ trưởng Đàm Văn Lực, ông Vi Văn Nam, Vụ trưởng Vụ Pháp chế, đã ký công văn.",
     "Đàm Văn Lực", [("Bộ trưởng", None, False)]),
])
def test_a_post_on_whose_behalf_one_acts_is_anothers(text, name, expected):
    assert posts_of(text)[name] == expected


def test_a_reader_or_a_dignitary_named_after_bạn_or_ngài():
    record = extract(Article(source="test", text=(
        "Tiêu đề\nBạn Lục Thu Trang (Hà Nội) chia sẻ, việc này khó. Ngài Đại sứ Hans Keller cho biết như vậy. "
        "Đoàn đã sang nước bạn Lào.\n")))
    assert {p.name for p in record.people} == {"Lục Thu Trang", "Hans Keller"}
    assert "Lào" in {p.name for p in record.places}


@pytest.mark.parametrize("text, name, expected", [
    # a party organ written alone takes the body the chain names after it, in any capitalisation
    ("Ông Tô Văn Duy - Ủy viên Ban cán sự Đảng, Thứ trưởng Bộ Xây dựng tham dự.",
     "Tô Văn Duy", [("Ủy viên", "Ban cán sự Đảng Bộ Xây dựng", False), ("Thứ trưởng", "Bộ Xây dựng", False)]),
    ("Bà Hà Thị Lan, Bí thư Ban Cán sự đảng Bộ Y tế, phát biểu.",
     "Hà Thị Lan", [("Bí thư", "Ban Cán sự đảng Bộ Y tế", False)]),
    ("Ông Võ Văn Sáu, Bí thư Đảng đoàn, Chủ tịch Liên đoàn Lao động tỉnh Thanh Hóa, phát biểu.",
     "Võ Văn Sáu", [("Bí thư", "Đảng đoàn Liên đoàn Lao động tỉnh Thanh Hóa", False),
                    ("Chủ tịch", "Liên đoàn Lao động tỉnh Thanh Hóa", False)]),
    # a head alone after a body the chain named before: that body
    ("Ông Lý Văn Thông, Tổng Thư ký Hội đồng Lý luận Trung ương, Ủy viên Thường trực Hội đồng, phát biểu.",
     "Lý Văn Thông", [("Tổng Thư ký", "Hội đồng Lý luận Trung ương", False),
                      ("Ủy viên Thường trực", "Hội đồng Lý luận Trung ương", False)]),
])
def test_a_head_written_alone_takes_the_body_of_the_chain(text, name, expected):
    assert posts_of(text)[name] == expected


@pytest.mark.parametrize("text, name, expected", [
    ("Thiếu tướng Lò Văn Hải, Chính ủy Bộ Tư lệnh TP.HCM, cho biết.",
     "Lò Văn Hải", [("Chính ủy", "Bộ Tư lệnh thành phố Hồ Chí Minh", False)]),
    ("Ông Mai Văn Nam, Phó Giám đốc phụ trách Sở Y tế tỉnh Nghệ An, phát biểu.",
     "Mai Văn Nam", [("Phó Giám đốc", "Sở Y tế tỉnh Nghệ An", False)]),
])
def test_a_command_named_by_its_city_and_a_post_in_charge_of_a_body(text, name, expected):
    assert posts_of(text)[name] == expected


@pytest.mark.parametrize("text, name, expected", [
    ("Ông Hồ Văn Quang, Ủy viên Ban Chấp hành Trung ương Đảng, Phó Bí thư Tỉnh ủy Tiền Giang, phát biểu.",
     "Hồ Văn Quang", [("Ủy viên", "Ban Chấp hành Trung ương Đảng", False), ("Phó Bí thư", "Tỉnh ủy Tiền Giang", False)]),
    # another country's party is not the lexicon's Vietnamese one
    ("Ông Juan Pérez, Bí thư thứ nhất Ban Chấp hành Trung ương Đảng Cộng sản Cuba, tiếp đoàn.",
     "Juan Pérez", [("Bí thư thứ nhất", "Ban Chấp hành Trung ương Đảng Cộng sản Cuba", False)]),
    ("Ông Vương Cương, Ủy viên Trung ương Đảng Cộng sản Trung Quốc, dự.",
     "Vương Cương", [("Ủy viên", "Ban Chấp hành Trung ương Đảng Cộng sản Trung Quốc", False)]),
    ("Bà Đinh Thị Xuân, Thư ký viên Tòa án nhân dân huyện Quan Hóa, tỉnh Thanh Hóa, có mặt.",
     "Đinh Thị Xuân", [("Thư ký viên", "Tòa án nhân dân huyện Quan Hóa", False)]),
    ("Đồng chí Lê Văn Kết, Chính ủy BTL Thủ đô, được thăng cấp.",
     "Lê Văn Kết", [("Chính ủy", "Bộ Tư lệnh Thủ đô Hà Nội", False)]),
])
def test_central_committees_commands_and_clerks(text, name, expected):
    assert posts_of(text)[name] == expected


def test_a_head_inside_a_persons_name_begins_no_body():
    record = extract(Article(source="test", text=(
        "Tiêu đề\nThượng úy Nguyễn Trường Giang cho biết như vậy. Bà Lò Thị An - Phó Ban Pháp chế HĐND tỉnh phát biểu.\n")))
    assert {p.name for p in record.people} == {"Nguyễn Trường Giang", "Lò Thị An"}
    assert not any(o.name.startswith("Trường") for o in record.organizations)
