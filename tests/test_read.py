import gzip
import json
import unicodedata
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read import ReadFailure, ReadOptions, parse_jsonl_fields, read_article, read_inputs


def test_reads_utf8_with_and_without_bom(tmp_path):
    plain = tmp_path / "a.txt"
    plain.write_text("Tiêu đề\n\nNội dung.", encoding="utf-8")
    bom = tmp_path / "b.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + "Tiêu đề".encode())
    assert read_article(plain).text == "Tiêu đề\n\nNội dung."
    assert read_article(bom).text == "Tiêu đề"


def test_reads_utf16_with_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Hải Phòng", encoding="utf-16")
    assert read_article(path).text == "Hải Phòng"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty article"),
        (b"  \n\t\n", "empty article"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a text article (a PNG image)"),
        (b"PK\x03\x04rest", "not a text article (a zip archive)"),
        (b"abc\x00def", "not a text article (binary data)"),
        ("Größe und Maße für Bücher".encode("latin-1"), "not UTF-8 text"),
    ],
)
def test_bad_files_give_a_clear_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as error:
        read_article(path)
    assert str(error.value).startswith(f"{path}: {message}")


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")


def test_a_batch_goes_on_past_bad_files(tmp_path):
    (tmp_path / "good.txt").write_text("Một bài báo.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    items = list(read_inputs([tmp_path, tmp_path / "missing.txt"]))
    failures = [i for i in items if isinstance(i, ReadFailure)]
    articles = [i for i in items if not isinstance(i, ReadFailure)]
    assert [a.text for a in articles] == ["Một bài báo."]
    assert sorted(f.reason for f in failures) == ["empty article (no text)", "no such file or folder"]


def test_a_folder_without_articles_is_reported(tmp_path):
    (tmp_path / "x.png").write_bytes(b"\x89PNG")
    [failure] = list(read_inputs([tmp_path]))
    assert "no article files" in failure.reason


def _windows_1258(text: str) -> bytes:
    """As Vietnamese Windows software writes it: letters like 'ê' whole, tone marks combining."""
    def encodable(ch: str) -> str:
        try:
            ch.encode("cp1258")
            return ch
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            return unicodedata.normalize("NFC", decomposed[:-1]) + decomposed[-1]
    return "".join(encodable(ch) for ch in text).encode("cp1258")


def test_reads_vietnamese_windows_1258_but_only_when_it_is_not_utf8(tmp_path):
    path = tmp_path / "legacy.txt"
    text = "Thành ủy Hải Phòng họp phiên thường kỳ tháng Mười."
    path.write_bytes(_windows_1258(text))
    assert read_article(path).text == text
    utf8 = tmp_path / "utf8.txt"
    utf8.write_bytes(text.encode("utf-8"))  # valid UTF-8 is never re-read as Windows-1258
    assert read_article(utf8).text == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_reads_utf16_without_bom(tmp_path, codec):
    path = tmp_path / "a.txt"
    path.write_bytes("Hội nghị Ban Chấp hành Trung ương.\n".encode(codec))
    assert read_article(path).text == "Hội nghị Ban Chấp hành Trung ương.\n"


def test_json_lines_one_article_a_line_bad_lines_reported_with_their_number(tmp_path):
    path = tmp_path / "export.jsonl"
    lines = [
        {"id": "a1", "title": "Tiêu đề một", "text": "Nội dung bài một.", "published": "2024-03-05 09:30",
         "authors": ["Minh An"], "url": "https://bao-mau.vn/a1.html"},
        "not json {",
        {"text": "Tiêu đề hai\n\nNội dung bài hai.", "authors": "Lê Hoa, Trần Bình"},
        {"title": "Không có nội dung"},
        {"text": "Bài ba.", "published": "hôm qua"},
        [1, 2],
    ]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) if not isinstance(line, str) else line
                              for line in lines) + "\n\n", encoding="utf-8")
    items = list(read_inputs([path]))
    articles = [i for i in items if not isinstance(i, ReadFailure)]
    failures = {f.source: f.reason for f in items if isinstance(f, ReadFailure)}
    first, second = articles
    assert first.source == f"{path}/a1" and first.replaces_same_source
    assert first.text == "Tiêu đề một\n\nNội dung bài một."  # the title line is put before the text
    assert (first.title, first.published, first.authors, first.url) == (
        "Tiêu đề một", "2024-03-05T09:30:00+07:00", ("Minh An",), "https://bao-mau.vn/a1.html")
    assert second.source == f"{path}:3" and not second.replaces_same_source
    assert second.text == "Tiêu đề hai\n\nNội dung bài hai." and second.authors == ("Lê Hoa", "Trần Bình")
    assert sorted(failures) == [f"{path}:{n}" for n in (2, 4, 5, 6)]
    assert failures[f"{path}:2"].startswith("not a JSON object")
    assert "neither 'text' nor 'html'" in failures[f"{path}:4"]
    assert failures[f"{path}:5"] == "'published' is not a date: 'hôm qua'"


def test_json_lines_field_names_of_another_export_and_html_lines(tmp_path):
    path = tmp_path / "crawl.ndjson"
    page = ("<html><head><title>Hội nghị tổng kết công tác năm - Báo Mẫu</title></head><body>"
            "<h1>Hội nghị tổng kết công tác năm</h1><p>Sáng nay, Sở Tư pháp tổ chức hội nghị tổng kết công tác "
            "năm 2023 và triển khai nhiệm vụ năm 2024 với sự tham dự của lãnh đạo các phòng ban.</p></body></html>")
    path.write_text(json.dumps({"body": page, "link": "https://bao-mau.vn/b.html", "date": "05/03/2024 14:00"}) + "\n",
                    encoding="utf-8")
    options = ReadOptions(jsonl_fields=parse_jsonl_fields(["html=body", "url=link", "published=date"]))
    [article] = list(read_inputs([path], options))
    assert article.title == "Hội nghị tổng kết công tác năm"
    assert article.url == "https://bao-mau.vn/b.html"
    assert article.published == "2024-03-05T14:00:00+07:00"
    with pytest.raises(ValueError, match="KG_FIELD one of"):
        parse_jsonl_fields(["body=text"])


def _archive_members():
    return {
        "news/001.txt": "Bài một\n\nNội dung một.".encode(),
        "news/002.html": ("<html><head><title>Bài hai về hội nghị - Báo</title></head><body><h1>Bài hai về hội nghị</h1>"
                          "<p>Nội dung bài hai, đủ dài để là một bài báo thật sự với nhiều chữ hơn tám mươi ký tự.</p>"
                          "</body></html>").encode(),
        "news/batch.jsonl": json.dumps({"id": 7, "text": "Bài bảy."}).encode() + b"\n",
        "news/logo.png": b"\x89PNG",
        "__MACOSX/news/._001.txt": b"\x00\x05",
    }


def test_zip_and_tar_archives_are_read_in_memory(tmp_path):
    import io
    import tarfile
    import zipfile

    with zipfile.ZipFile(tmp_path / "news.zip", "w") as archive:
        for name, data in _archive_members().items():
            archive.writestr(name, data)
    with tarfile.open(tmp_path / "news.tar.gz", "w:gz") as archive:
        for name, data in _archive_members().items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    before = sorted(p.name for p in tmp_path.rglob("*"))
    for name in ("news.zip", "news.tar.gz"):
        items = list(read_inputs([tmp_path / name]))
        assert not [i for i in items if isinstance(i, ReadFailure)]
        assert [i.source for i in items] == [f"{tmp_path / name}/news/001.txt", f"{tmp_path / name}/news/002.html",
                                             f"{tmp_path / name}/news/batch.jsonl/7"]
        assert items[1].title == "Bài hai về hội nghị"
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing unpacked to disk


def test_a_broken_or_empty_archive_is_reported(tmp_path):
    import zipfile

    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    with zipfile.ZipFile(tmp_path / "images.zip", "w") as archive:
        archive.writestr("logo.png", b"\x89PNG")
    failures = {Path(f.source).name: f.reason for f in read_inputs([tmp_path / "broken.zip", tmp_path / "images.zip"])}
    assert failures["broken.zip"].startswith("broken zip archive")
    assert failures["images.zip"].startswith("no article files")


def test_folders_are_walked_for_every_format(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("Bài một.", encoding="utf-8")
    (tmp_path / "a" / "b" / "two.jsonl").write_text(json.dumps({"text": "Bài hai."}) + "\n", encoding="utf-8")
    (tmp_path / "a" / "b" / "three.txt.gz").write_bytes(gzip.compress("Bài ba.".encode()))
    (tmp_path / "a" / "notes.md").write_text("không đọc", encoding="utf-8")
    texts = sorted(item.text for item in read_inputs([tmp_path]))
    assert texts == ["Bài ba.", "Bài hai.", "Bài một."]


def test_files_named_directly_are_read_by_their_content_when_the_ending_does_not_say(tmp_path):
    page = tmp_path / "saved"
    page.write_text("<!DOCTYPE html><html><head><title>Một bài báo có tiêu đề - Báo</title></head><body>"
                    "<h1>Một bài báo có tiêu đề</h1><p>Nội dung của bài báo, đủ dài để được coi là một bài báo "
                    "thật sự có nội dung, không phải một trang danh sách.</p></body></html>", encoding="utf-8")
    [article] = list(read_inputs([page]))
    assert article.title == "Một bài báo có tiêu đề"
    [forced] = list(read_inputs([page], ReadOptions(input_format="text")))
    assert forced.text.startswith("<!DOCTYPE html>")
