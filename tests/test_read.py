import unicodedata

import pytest

from kg.errors import InputError
from kg.read import ReadFailure, read_article, read_inputs


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
