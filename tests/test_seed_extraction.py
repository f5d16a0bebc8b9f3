"""The seed article is the acceptance test: every fact a reader sees in it comes out."""


def by_name(items):
    return {item.name: item for item in items}


def test_article_metadata(seed_record):
    info = seed_record.article
    assert info.title.startswith("Đảm bảo ANTT phục vụ phát triển kinh tế - xã hội")
    assert info.published == "2023-12-20T17:52:00+07:00"
    assert info.authors == ("Kim Anh",)


def test_site_boilerplate_is_not_content(seed_record):
    text = seed_record.text
    assert text[seed_record.article.content_end:].startswith("Từ khóa:")
    body = " ".join(s.text for s in seed_record.sentences)
    for furniture in ("captcha", "Bình luận của bạn", "Video clip", "Kim Anh"):
        assert furniture not in body


def test_photo_captions_are_content_marked_as_captions(seed_record):
    captions = {s.text for s in seed_record.sentences if s.is_caption}
    assert "Quang cảnh hội nghị" in captions
    assert "Các đại biểu tham dự toạ đàm" in captions
    assert not any(s.is_caption for s in seed_record.sentences if s.text.startswith("Chiều ngày 19/12"))


def test_sentence_offsets_point_into_the_text(seed_record):
    for sentence in seed_record.sentences:
        assert seed_record.text[sentence.span.start:sentence.span.end] == sentence.text


def test_officials_with_rank_titles_and_posts(seed_record):
    people = by_name(seed_record.people)
    assert set(people) == {"Trần Vi Dân", "Lê Khắc Nam", "Vũ Thanh Chương"}
    dan = people["Trần Vi Dân"]
    assert (dan.rank, dan.academic_titles) == ("Trung tướng", ("PGS", "TS"))
    assert [(p.title, p.organization) for p in dan.positions] == [("Cục trưởng", "Cục V04")]
    nam = people["Lê Khắc Nam"]
    assert nam.rank is None
    assert [(p.title, p.organization) for p in nam.positions] == [
        ("Phó Chủ tịch", "Ủy ban nhân dân thành phố Hải Phòng")]
    chuong = people["Vũ Thanh Chương"]
    assert (chuong.rank, chuong.academic_titles) == ("Thiếu tướng", ("TS",))
    assert [(p.title, p.organization) for p in chuong.positions] == [("Giám đốc", "Công an thành phố Hải Phòng")]


def test_organisations_canonical_with_aliases_and_hierarchy(seed_record):
    orgs = by_name(seed_record.organizations)
    assert "CATP Hải Phòng" in orgs["Công an thành phố Hải Phòng"].aliases
    assert "UBND thành phố Hải Phòng" in orgs["Ủy ban nhân dân thành phố Hải Phòng"].aliases
    assert "Thành uỷ" in orgs["Thành ủy Hải Phòng"].aliases
    assert orgs["Cục V04"].parent == "Bộ Công an"
    assert {"Bộ Công an", "Bộ Chính trị", "Đảng ủy Công an Trung ương"} <= set(orgs)
    assert not any(name.startswith("Tỉnh ủy") for name in orgs), "a bare 'Tỉnh uỷ' in a city article is generic"


def test_the_seminar_as_an_event(seed_record):
    [event] = seed_record.events
    assert event.type == "tọa đàm"
    assert event.date == "2023-12-19"
    assert event.place == "Hải Phòng"
    assert event.name.startswith("Đảm bảo an ninh trật tự phục vụ phát triển")
    assert event.organizers == ("Bộ Công an", "Thành ủy Hải Phòng", "Ủy ban nhân dân thành phố Hải Phòng")
    assert set(event.participants) == {"Trần Vi Dân", "Lê Khắc Nam", "Vũ Thanh Chương"}
    assert ("Vũ Thanh Chương", "khai mạc") in {(s.speaker, s.role) for s in event.speeches}


def test_both_resolutions(seed_record):
    docs = {d.number: d for d in seed_record.documents}
    assert set(docs) == {"12", "30"}
    twelve = docs["12"]
    assert (twelve.type, twelve.date, twelve.issuer, twelve.term) == ("Nghị quyết", "2022-03-16", "Bộ Chính trị", "XIII")
    assert twelve.subject.startswith("đẩy mạnh xây dựng lực lượng CAND")
    thirty = docs["30"]
    assert (thirty.type, thirty.date, thirty.issuer, thirty.term) == ("Nghị quyết", None, "Bộ Chính trị", None)


def test_places(seed_record):
    assert {p.name for p in seed_record.places} == {"Hải Phòng", "Đồng bằng sông Hồng"}


def test_json_record_follows_the_contract(seed_record):
    data = seed_record.to_json()
    assert set(data) >= {"source", "article", "people", "organizations", "events", "documents", "places"}
    person = data["people"][0]
    assert set(person) >= {"name", "rank", "academic_titles", "positions"}
    assert set(person["positions"][0]) >= {"title", "organization"}
    assert "text" not in data
