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


def test_an_administrative_word_inside_a_common_word_names_no_place():
    assert place_names("Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn Lê Minh Hoan dự.") == []
    assert place_names("Đoàn công tác tại Nhật Bản Tham gia hội nghị.") == ["Nhật Bản"]
    assert place_names("Hợp tác xã Tân Tiến mở rộng sản xuất.") == []


def test_a_district_abbreviated_with_a_dot():
    assert "Quận 3" in place_names("Em học tại một trường ở Q.3, TP.HCM.")


def test_a_shared_administrative_word_names_every_place_of_the_list():
    assert place_names("Lốc xoáy qua các huyện: Mường Lát, Quan Sơn và Bá Thước.") == [
        "Mường Lát", "Quan Sơn", "Bá Thước"]
    assert place_names("Triển khai tại các quận 5, Tân Phú, Bình Tân và huyện Cần Giờ.") == [
        "Quận 5", "Tân Phú", "Bình Tân", "Cần Giờ"]
    assert place_names("Anh trú tại xã Tân Lập, huyện Yên Sơn.") == ["Tân Lập", "Yên Sơn"]


def test_a_persons_name_after_a_place_word_is_not_the_place():
    assert place_names("Chủ tịch UBND quận Cầu Giấy Lê Văn Minh phát biểu.") == ["Cầu Giấy"]
    assert place_names("Chủ tịch UBND tỉnh Nguyễn Văn Hùng yêu cầu.") == []


def test_oceans_and_the_pronoun_anh_are_not_provinces_or_countries():
    assert place_names("Hiệp định xuyên Thái Bình Dương có hiệu lực.") == ["Thái Bình Dương"]
    assert place_names("Chị nói: “Anh xem lại đi”.") == []
    assert place_names("Đài tưởng niệm các Anh hùng liệt sĩ.") == []
    assert place_names("Thủ tướng Anh thăm Việt Nam.") == ["Anh", "Việt Nam"]


def test_a_region_after_a_name_is_part_of_it_and_a_city_is_no_association():
    assert org_names("Ông Lý Văn Tâm, Phó Chủ tịch Hội đồng Olympic châu Á phát biểu.") == ["Hội đồng Olympic châu Á"]
    assert org_names("Khu phố cổ của Hội An đón khách.") == []


def test_a_short_form_in_brackets_is_another_name_of_the_body():
    rec = record("Ông Lý Văn Tâm, Phó Chủ tịch Hội đồng Olympic châu Á (OCA) phát biểu. "
                 "Công ty CP Thép Phương Bắc (Tepsco) tạm dừng. Sở Y tế (Lai Châu) cho biết.")
    by_name = {org.name: org.aliases for org in rec.organizations}
    assert "OCA" in by_name["Hội đồng Olympic châu Á"]
    assert "Tepsco" in by_name["Công ty CP Thép Phương Bắc"]
    assert not any("Lai Châu" in aliases for aliases in by_name.values())


@pytest.mark.parametrize("text, name", [
    ("Ông Lê Văn Tâm, Chi cục trưởng Chi cục thuế khu vực Bến Lức cho biết.", "Chi cục Thuế khu vực Bến Lức"),
    ("Trường mầm non xã Quang Trung tạm đóng cửa.", "Trường Mầm non xã Quang Trung"),
    ("Ông Lê Văn Tâm, Vụ trưởng Vụ tổ chức cán bộ, Bộ Y tế dự.", "Vụ Tổ chức cán bộ"),
    ("Ông Lê Văn Tâm, Giám đốc Sở xây dựng tỉnh Lai Châu phát biểu.", "Sở Xây dựng tỉnh Lai Châu"),
    ("Theo báo Người Đưa Tin, sự việc xảy ra chiều qua.", "Báo Người Đưa Tin"),
    ("Dự án nhà máy sản xuất phân lân Văn Bàn thua lỗ.", "Nhà máy sản xuất phân lân Văn Bàn"),
    ("Bệnh nhân được đưa đến bệnh viện Đa khoa Lai Châu cấp cứu.", "Bệnh viện Đa khoa tỉnh Lai Châu"),
    ("Nợ do ngân hàng Nhà nước phát hành không thuộc nợ công.", "Ngân hàng Nhà nước Việt Nam"),
])
def test_heads_in_other_cases(text, name):
    assert name in org_names(text)


@pytest.mark.parametrize("text", [
    "Các công ty Nhật Bản đầu tư mạnh.",
    "Ông đã thông báo Công ty ngừng hoạt động.",
    "Giá trên thị trường Mỹ tăng.",
    "Người dân tập trung tại Quảng trường Ba Đình.",
    "Nghi phạm sát hại chủ nhiệm hợp tác xã ở Bắc Giang.",
])
def test_lower_case_words_that_are_not_heads(text):
    assert org_names(text) == []


def test_the_proper_name_after_a_lower_case_head_is_another_name():
    rec = record("Ông từng làm việc cho công ty phần mềm Zentrix ở Mỹ.")
    [org] = rec.organizations
    assert org.name == "Công ty phần mềm Zentrix" and "Zentrix" in org.aliases


def test_an_agency_and_an_office_are_named_with_the_body_after_them():
    assert org_names("Ngày 2/3, Cơ quan CSĐT Công an huyện Mường Tè ra quyết định khởi tố.") == [
        "Cơ quan Cảnh sát điều tra Công an huyện Mường Tè", "Công an huyện Mường Tè"]
    assert org_names("Ông Lê Văn Tâm, Chánh Văn phòng Ban ATGT tỉnh Lai Châu cho biết.") == [
        "Văn phòng Ban An toàn giao thông tỉnh Lai Châu", "Ban An toàn giao thông tỉnh Lai Châu"]
    assert org_names("Đại hội Đảng bộ Cơ quan Báo Nhân Dân thành công.") == [
        "Đảng bộ cơ quan Báo Nhân Dân", "Báo Nhân Dân"]


def test_well_known_media_banks_and_companies_come_from_the_lexicon():
    names = org_names("Theo Reuters và VnExpress, Vietcombank và Vinamilk đã ký thỏa thuận.")
    assert names == ["Hãng thông tấn Reuters", "Báo VnExpress", "Ngân hàng TMCP Ngoại thương Việt Nam",
                     "Công ty CP Sữa Việt Nam"]


def test_a_national_body_followed_by_another_country_is_that_countrys():
    assert org_names("Bộ Công Thương đã làm việc với Chính phủ Anh.") == ["Bộ Công Thương", "Chính phủ Anh"]
    assert org_names("Chính phủ Việt Nam cam kết giảm phát thải.") == ["Chính phủ"]


def test_a_city_with_its_country_in_brackets():
    assert place_names("Giải đấu lần đầu diễn ra tại Cebu (Philippines) năm 2010.") == ["Cebu", "Philippines"]
    assert place_names("Công ty TNHH Kaito (Nhật Bản) khởi công nhà máy.") == ["Nhật Bản"]


@pytest.mark.parametrize("text, name", [
    ("Ông Lê Văn Tâm, Phó Cục trưởng Cục Quản lý dược, cho biết.", "Cục Quản lý dược"),
    ("Ông Lê Văn Tâm, Phó cục trưởng Cục Y tế dự phòng.", "Cục Y tế dự phòng"),
    ("Tiền nộp về Cục Khảo thí và Kiểm định chất lượng giáo dục): 5.000 đồng.",
     "Cục Khảo thí và Kiểm định chất lượng giáo dục"),
])
def test_a_national_departments_name_runs_past_its_sector(text, name):
    assert org_names(text)[0] == name


def test_a_provincial_departments_name_ends_with_its_sector():
    assert org_names("Hồ sơ do Sở Tư pháp thẩm định lại.")[0] == "Sở Tư pháp"


def test_one_head_shared_by_a_list():
    assert org_names("Đại diện Sở Tư pháp, Nội vụ tỉnh Lai Châu dự họp.") == [
        "Sở Tư pháp tỉnh Lai Châu", "Sở Nội vụ tỉnh Lai Châu"]
    assert org_names("Thứ trưởng các Bộ: Tài chính, Xây dựng, Khoa học và Công nghệ, Đại sứ Lê Văn Tâm dự.") == [
        "Bộ Tài chính", "Bộ Xây dựng", "Bộ Khoa học và Công nghệ"]
    assert org_names("Lãnh đạo các Tổng Công ty: Hòa Bình, Thăng Long và Phú Sơn ký kết.") == [
        "Tổng công ty Hòa Bình", "Tổng công ty Thăng Long", "Tổng công ty Phú Sơn"]
    assert org_names("Sở Y tế, Công an tỉnh phối hợp kiểm tra.") == ["Sở Y tế", "Công an tỉnh"]


def test_names_are_not_cut_at_a_dot_or_a_units_number_and_do_not_run_on():
    assert org_names("Tổ công tác Đội CSGT số 6.15 phát hiện xe vi phạm.") == [
        "Tổ công tác Đội Cảnh sát giao thông số 6.15", "Đội Cảnh sát giao thông số 6.15"]
    assert org_names("Ông Lê Văn Tâm, Phó Trưởng Ban Tổ chức T.Ư dự.") == ["Ban Tổ chức Trung ương"]
    assert org_names("Ban Thi đua - Khen thưởng Trung ương tặng Cờ thi đua cho đơn vị.") == [
        "Ban Thi đua - Khen thưởng Trung ương"]
    assert org_names("Tổ công tác đã lập biên bản.") == []


def test_a_bare_provincial_body_does_not_take_a_citys_place():
    assert org_names("UBND tỉnh và UBND thành phố Hạ Long họp bàn.") == [
        "Ủy ban nhân dân tỉnh", "Ủy ban nhân dân thành phố Hạ Long"]
    assert org_names("Thành ủy, UBND thành phố Cần Thơ chỉ đạo.") == [
        "Thành ủy Cần Thơ", "Ủy ban nhân dân thành phố Cần Thơ"]


def test_a_posts_title_and_a_second_and_end_no_name():
    assert org_names("Quyết định của Tổng cục Lâm nghiệp Thủ tướng Chính phủ giao.")[0] == "Tổng cục Lâm nghiệp"
    assert org_names("Ông Lê Văn Tâm, Cục trưởng Cục Công tác Đảng và Công tác quần chúng, dự.") == [
        "Cục Công tác Đảng và Công tác quần chúng"]


def test_a_bare_head_joins_a_national_body_only_of_its_own_kind():
    assert org_names("Học viên Trường Bộ Công an được khen.") == ["Bộ Công an"]
    assert org_names("Bộ Tư lệnh BĐBP tổ chức hội nghị.")[0] == "Bộ Tư lệnh Bộ đội Biên phòng"
    assert org_names("Công ty TNHH MTV Lọc hóa dầu Bình Sơn vận hành an toàn.") == ["Công ty CP Lọc hóa dầu Bình Sơn"]
    assert org_names("Bà Lê Thị Hoa làm việc tại ngân hàng VPBank.") == ["Ngân hàng TMCP Việt Nam Thịnh Vượng"]


def test_things_counted_with_bo_and_a_district_written_with_its_word():
    assert org_names("Bộ luật Dân sự và Bộ Quy tắc ứng xử được ban hành.") == []
    assert org_names("UBND quận 7 kiểm tra công trình.") == ["Ủy ban nhân dân quận 7"]


def test_bodies_of_a_kind_are_no_body_in_particular():
    assert org_names("Lãnh đạo các Sở Y tế phía Bắc họp trực tuyến.") == []
    assert org_names("Đại diện các cơ quan Đảng Trung ương dự.") == []
    assert org_names("Các Ủy ban Olympic quốc gia thành viên ủng hộ.") == []


def test_h_dot_before_a_district_is_huyen():
    from kg.extract import extract
    from kg.records import Article

    record = extract(Article(source="test", text="Công an H.Can Lộc vừa bắt giữ đối tượng. Chị H. Nguyễn cho biết."))
    assert [o.name for o in record.organizations] == ["Công an huyện Can Lộc"]
    assert [p.name for p in record.places] == ["Can Lộc"]
def test_rivers_and_the_commune_of_an_address():
    assert place_names("Dự án kè sông Lô đã hoàn thành.") == ["sông Lô"]
    assert place_names("Lái xe Lê Văn Tâm (trú tại Tiên Kiên, Lâm Thao, Phú Thọ) bị phạt.") == [
        "Tiên Kiên", "Lâm Thao", "Phú Thọ"]


def test_a_place_written_with_an_apostrophe():
    assert place_names("Công an xã Ea H’leo vừa bắt giữ.") == ["Ea H’leo"]
    assert org_names("Công an xã Ea H’leo vừa bắt giữ.") == ["Công an xã Ea H’leo"]


def test_a_known_national_force_followed_by_a_province_is_its_provincial_command():
    assert org_names("BĐBP Điện Biên bàn giao cờ cho BĐBP Lai Châu.") == [
        "Bộ đội Biên phòng tỉnh Điện Biên", "Bộ đội Biên phòng tỉnh Lai Châu"]
    rec = record("Bộ Công an Việt Nam và Bộ Công an Lào ký kết.")
    by_name = {org.name: org.aliases for org in rec.organizations}
    assert "Bộ Công an Việt Nam" in by_name["Bộ Công an"] and "Bộ Công an Lào" in by_name


def test_provinces_listed_after_a_local_body_name_a_body_each():
    assert org_names("Công an tỉnh Lai Châu, Sơn La và Điện Biên phối hợp.") == [
        "Công an tỉnh Lai Châu", "Công an tỉnh Sơn La", "Công an tỉnh Điện Biên"]
    assert org_names("Công an huyện Tam Nông, Phú Thọ bắt giữ.") == ["Công an huyện Tam Nông"]


def test_what_a_company_makes_before_its_name_and_a_lower_case_local_body():
    assert org_names("Nhà máy sản xuất phân đạm Hòa Lợi tạm dừng.") == ["Nhà máy sản xuất phân đạm Hòa Lợi"]
    assert org_names("Lãnh đạo công an phường Mai Dịch cho biết.") == ["Công an phường Mai Dịch"]
    assert org_names("Báo cáo của công an xã cho thấy.") == []


def test_a_foreign_province_after_tinh_is_a_place():
    assert place_names("Đoàn công tác thăm tỉnh Champasak (Lào).") == ["Champasak", "Lào"]


def test_verbs_after_a_name_and_police_written_in_lower_case():
    assert org_names("Phòng CSGT bàn giao toàn bộ hồ sơ.") == ["Phòng Cảnh sát giao thông"]
    assert org_names("Cơ quan CSĐT công an huyện Mường Tè đã vào cuộc.") == [
        "Cơ quan Cảnh sát điều tra công an huyện Mường Tè"]


def test_a_local_committee_written_with_the_national_bodys_name():
    assert org_names("Ủy ban MTTQ Việt Nam tỉnh Quảng Trị tổ chức hội nghị.") == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Trị"]
    assert org_names("Ủy ban MTTQ Việt Nam họp phiên thứ hai.") == ["Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"]
