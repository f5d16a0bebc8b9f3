"""Bad and odd inputs, as users' crawlers save them: each is either extracted correctly or
refused with one line naming the file and the reason (exit code 2), never a traceback; a
batch goes on past bad files and lists them at the end.

CASES is the table of the issue's closing note: one input each, with what kg does with it.
"""
from __future__ import annotations

import gc
import gzip
import io
import json
import os
import time
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import MAX_SENTENCE_CHARS
from kg.read.decoding import _TCVN3, _VNI, decode
from kg.store import Store

from conftest import REPO, SEED

HTML = REPO / "tests" / "data" / "html"
SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_PEOPLE = ["Lê Khắc Nam", "Trần Vi Dân", "Vũ Thanh Chương"]
MEETING = ("Hội nghị tổng kết\n\nSáng 20/12, Đại tá Nguyễn Văn Bình, Giám đốc Công an tỉnh Nam Định chủ trì "
           "hội nghị tổng kết công tác năm 2023. Dự hội nghị có Thiếu tướng Trần Đức Minh, Phó Cục trưởng "
           "Cục V04 Bộ Công an.\n")
# A PNG of one pixel, as an image editor writes it.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")


def encode_tcvn3(text: str) -> bytes:
    """As the ABC fonts store it; toned capitals take their lower-case byte (the '.VnTimeH' font)."""
    codes = {letter: bytes([code]) for code, letter in _TCVN3.items()}
    return b"".join(codes.get(ch) or codes.get(ch.lower()) or ch.encode("cp1252")
                    for ch in unicodedata.normalize("NFC", text))


def encode_vni(text: str) -> bytes:
    codes: dict[str, str] = {}
    for sequence, letter in _VNI.items():
        codes.setdefault(letter, sequence)
    return "".join(codes.get(ch, ch) for ch in unicodedata.normalize("NFC", text)).encode("cp1252")


def encode_windows_1258(text: str) -> bytes:
    """As Windows writes it: letters Windows-1258 has whole, the other tones as combining marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tones = "".join(mark for mark in decomposed if mark in "\u0300\u0301\u0303\u0309\u0323")
            letter = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
            out.append((letter + tones).encode("cp1258"))
    return b"".join(out)


@dataclass(frozen=True)
class Case:
    """One input: how to make it in a folder, and either the reason it is refused or a check of
    the records it gives (``check`` gets the records and the folder)."""

    name: str
    make: Callable[[Path], Path]
    refused: str | None = None
    check: Callable[[list[dict], Path], None] | None = None


def write(name: str, data: bytes | str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path
    return make


def jsonl(name: str, *lines: object) -> Callable[[Path], Path]:
    text = "".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n" for line in lines)
    return write(name, text)


def people(*names: str) -> Callable[[list[dict], Path], None]:
    def check(records: list[dict], _folder: Path) -> None:
        assert sorted(p["name"] for r in records for p in r["people"]) == sorted(names)
    return check


def same_as_seed(records: list[dict], _folder: Path) -> None:
    [record] = records
    assert sorted(p["name"] for p in record["people"]) == SEED_PEOPLE
    assert record["article"]["title"].startswith("Đảm bảo ANTT phục vụ phát triển kinh tế")
    assert record["article"]["published"] == "2023-12-20T17:52:00+07:00"


def same_text_as_seed(records: list[dict], _folder: Path) -> None:
    """Decoded to exactly the seed's text: the same content hash, so the same article."""
    same_as_seed(records, _folder)
    [seed] = _extract_records([str(SEED)])
    assert records[0]["article"]["content_hash"] == seed["article"]["content_hash"]


def _make_huge(folder: Path) -> Path:
    path = folder / "huge.txt"
    with path.open("wb") as out:
        out.write(MEETING.encode("utf-8"))
        out.truncate(50 * 1024 * 1024)  # 50 MB, sparse: written in no time
    return path


def _make_zip_of_images(folder: Path) -> Path:
    path = folder / "images.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("logo.png", PNG)
    return path


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "Bài báo.")
    return buffer.getvalue()


def _make_symlink_loop(folder: Path) -> Path:
    (folder / "loop.txt").symlink_to("loop.txt")
    return folder / "loop.txt"


def _make_dangling_link(folder: Path) -> Path:
    (folder / "gone.txt").symlink_to(folder / "deleted.txt")
    return folder / "gone.txt"


def _make_empty_folder(folder: Path) -> Path:
    (folder / "photos").mkdir()
    (folder / "photos" / "a.png").write_bytes(PNG)
    return folder / "photos"


def _make_folder_with_link_loop(folder: Path) -> Path:
    (folder / "news" / "sub").mkdir(parents=True)
    (folder / "news" / "sub" / "one.txt").write_text(MEETING, encoding="utf-8")
    (folder / "news" / "sub" / "up").symlink_to("..")  # a walk that followed links would never end
    return folder / "news"


def _one_line_200k_words(stops: bool) -> Callable[[Path], Path]:
    """200,000 words in one line: sentences of the seed over and over, or the same words with no full stop."""
    words = " ".join(SEED_TEXT.split("\n", 4)[4].split()).split()
    if not stops:
        words = [word.strip(".!?…") or "và" for word in words]
    line = " ".join(words[i % len(words)] for i in range(200_000))
    return write("one-line.txt" if stops else "no-stops.txt", line + "\n")


def _every_offset_inside(records: list[dict], _folder: Path) -> None:
    [record] = records
    assert len(record["sentences"]) > 1000
    text_length = record["article"]["content_end"]
    for sentence in record["sentences"]:
        start, end = sentence["span"]
        assert 0 <= start < end <= text_length


def _valid_dates(records: list[dict], _folder: Path) -> None:
    """31/2/2023 does not exist: no date of the record is 2023-02-31, and every date is a real one."""
    [record] = records
    dates = [e["date"] for e in record["events"]] + [d["date"] for d in record["documents"]]
    for value in filter(None, dates):
        date.fromisoformat(value[:10])
    assert sorted(p["name"] for p in record["people"]) == ["Nguyễn Văn An"]


def _documents_as_written(records: list[dict], _folder: Path) -> None:
    """A number in no known form is taken as written, or the document is left out; never invented."""
    [record] = records
    text = "Quyết định số 12-ab/QĐ.XYZ/2023"
    for document in record["documents"]:
        assert document["number"] is None or document["number"] in text
    assert sorted(p["name"] for p in record["people"]) == ["Nguyễn Văn An"]


def _no_script_or_style(records: list[dict], _folder: Path) -> None:
    [record] = records
    assert record["article"]["title"] == "Hội nghị tổng kết công tác Công an tỉnh Nam Định"
    assert sorted(p["name"] for p in record["people"]) == ["Nguyễn Văn Bình", "Trần Đức Minh"]
    text = " ".join(s["text"] for s in record["sentences"])
    for leaked in ("Script", "alert", "color", "Giả", "Hình", "Cuối", "&amp;", "&#"):
        assert leaked not in text
    assert "2023 & triển khai" in text and "kết quả" in text and "<trong năm> —" in text


def _lookalikes_resolved(records: list[dict], _folder: Path) -> None:
    [record] = records
    assert sorted(p["name"] for p in record["people"]) == ["Nguyễn Văn Bình", "Trần Đức Minh"]


def _replacement_character(records: list[dict], _folder: Path) -> None:
    [record] = records
    assert "\ufffd" in record["sentences"][0]["text"]


def _control_characters_dropped(records: list[dict], _folder: Path) -> None:
    [record] = records
    assert all(ch >= " " for s in record["sentences"] for ch in s["text"])
    assert sorted(p["name"] for p in record["people"]) == ["Nguyễn Văn Bình", "Trần Đức Minh"]


def _no_title(records: list[dict], _folder: Path) -> None:
    [record] = records
    assert record["article"]["title"] is None
    assert sorted(p["name"] for p in record["people"]) == ["Nguyễn Văn Bình", "Trần Đức Minh"]


HOSTILE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Hội nghị tổng kết công tác Công an tỉnh Nam Định - Báo Mẫu</title>
<style>body { color: red } .x::before { content: "Nguyễn Văn Giả" }</style>
<script>var s = "<p>Ông Lê Văn Script dự họp</p>"; if (a < b && c > d) { alert(s) }</script>
</head><body><nav><a href="/">Trang chủ</a> | <a href="/thoi-su">Thời sự</a></nav><article>
<h1>Hội nghị tổng kết công tác Công an tỉnh Nam Định</h1>
<svg width="10" height="10"><text x="0" y="5">Trần Văn Hình</text><script>alert(1)</script></svg>
<p>Sáng 20/12, Công an tỉnh Nam Định tổ chức hội nghị tổng kết công tác năm 2023 &amp; triển khai nhiệm vụ năm
2024. Đại tá Nguyễn Văn Bình, Giám đốc Công an tỉnh Nam Định chủ trì hội nghị
<p>Dự hội nghị có Thiếu tướng Trần Đức Minh, Phó Cục trưởng Cục V04 Bộ Công an &ndash; người đã &quot;chỉ đạo sát
sao&quot; công tác bảo đảm an ninh trật tự trên địa bàn tỉnh trong năm qua.
<div><b>Phát biểu tại hội nghị, Thiếu tướng Trần Đức Minh đánh giá cao k&#7871;t quả công tác của Công an tỉnh</i>
và đề nghị tiếp tục nâng cao hiệu quả phòng, chống tội phạm.</div>
<p>Hội nghị đã trao Bằng khen cho các tập thể có thành tích xuất sắc &lt;trong năm&gt; &#x2014; kết thúc tốt đẹp
</article><script>window.x = "<div>Phạm Văn Cuối</div>";</script><!-- a comment never closed
"""
LINKS_PAGE = ("<html><head><title>Tin mới nhất - Báo Mẫu</title></head><body><h1>Tin mới nhất</h1><ul>"
              + "".join(f'<li><a href="/tin-{i}.html">Tin thời sự số {i}: hội nghị tổng kết công tác năm của tỉnh</a></li>'
                        for i in range(60)) + "</ul></body></html>")
# A Cyrillic 'і' and 'а' (with its marks combining), a zero-width space and joiner, a direction mark.
CONFUSED = MEETING.replace("Bình", "B\u0456\u0300nh").replace("Trần", "Tr\u0430\u0302\u0300n").replace(
    "Đức", "Đ\u200bứ\u200dc").replace("Nguyễn", "\u200eNguyễn")

CASES = [
    # nothing to read
    Case("empty file", write("empty.txt", b""), refused="empty article (no text)"),
    Case("whitespace only", write("blank.txt", " \n\t \r\n\u3000\n"), refused="empty article (no text)"),
    Case("empty JSON Lines", write("empty.jsonl", "\n \n"), refused="empty JSON Lines file (no articles)"),
    # not text
    Case("PNG image", write("photo.png", PNG), refused="not a text article (a PNG image)"),
    Case("JPEG image named .txt", write("photo.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
         refused="not a text article (a JPEG image)"),
    Case("zip archive named .txt", write("archive.txt", _zip_bytes()), refused="not a text article (a zip archive)"),
    Case("zip archive of images", _make_zip_of_images, refused="no article files"),
    Case("broken zip archive", write("broken.zip", _zip_bytes()[:40]), refused="broken zip archive"),
    Case("broken gzip file", write("article.txt.gz", gzip.compress(MEETING.encode())[:30]), refused="broken gzip file"),
    Case("random bytes", write("noise.txt", bytes((i * 73 + 11) % 256 for i in range(4096))),
         refused="not a text article (binary data)"),
    Case("device file", lambda folder: Path("/dev/zero"), refused="a stream, more than the 8.0 MB"),
    # encodings
    Case("UTF-16 LE with BOM", write("u16.txt", SEED_TEXT.encode("utf-16")), check=same_text_as_seed),
    Case("UTF-16 BE with BOM", write("u16be.txt", b"\xfe\xff" + SEED_TEXT.encode("utf-16-be")), check=same_text_as_seed),
    Case("UTF-16 LE without BOM", write("u16nobom.txt", SEED_TEXT.encode("utf-16-le")), check=same_text_as_seed),
    Case("UTF-16 BE without BOM", write("u16benobom.txt", SEED_TEXT.encode("utf-16-be")), check=same_text_as_seed),
    Case("UTF-32 with BOM", write("u32.txt", SEED_TEXT.encode("utf-32")), check=same_text_as_seed),
    Case("Windows-1258", write("cp1258.txt", encode_windows_1258(SEED_TEXT)), check=same_text_as_seed),
    Case("TCVN3 (ABC)", write("tcvn3.txt", encode_tcvn3(SEED_TEXT)), check=same_as_seed),
    Case("VNI", write("vni.txt", encode_vni(SEED_TEXT)), check=same_text_as_seed),
    Case("Latin-1 German", write("de.txt", ("Größe und Maße für Bücher, schöne Grüße aus Köln. " * 20).encode("latin-1")),
         refused="not UTF-8 text (invalid byte at offset 2) nor Vietnamese in Windows-1258, TCVN3 (ABC), VNI"),
    Case("Windows-1251 Russian", write("ru.txt", ("Совещание в Москве по вопросам безопасности. " * 20).encode("cp1251")),
         refused="nor Vietnamese in Windows-1258, TCVN3 (ABC), VNI; convert it to UTF-8"),
    Case("NFD text", write("nfd.txt", unicodedata.normalize("NFD", SEED_TEXT)), check=same_text_as_seed),
    Case("mixed line endings", write("crlf.txt", SEED_TEXT.replace("\n", "\r\n", 3).replace("\n\n", "\r\r")),
         check=same_as_seed),
    # size
    Case("50 MB file", _make_huge, refused="50.0 MB, more than the 8.0 MB kg reads as one article (--max-size"),
    Case("200,000 words in one line", _one_line_200k_words(stops=True), check=_every_offset_inside),
    Case("200,000 words in one line, no full stop", _one_line_200k_words(stops=False),
         refused=f"characters at offset 0; kg reads sentences of up to {MAX_SENTENCE_CHARS:,}"),
    # layout and pages
    Case("article with no title", write("untitled.txt", MEETING.split("\n\n", 1)[1]), check=_no_title),
    Case("HTML with scripts, styles, SVG, broken tags, entities", write("hostile.html", HOSTILE_PAGE),
         check=_no_script_or_style),
    Case("home page", lambda folder: HTML / "myfeed2012_vnexpress.hompage.html", refused="not a news article"),
    Case("list of links", write("links.html", LINKS_PAGE), refused="not a news article: 100% of the text after its headline is links"),
    # JSON Lines
    Case("malformed JSON line", jsonl("bad.jsonl", "{broken"), refused="bad.jsonl:1: not a JSON object"),
    Case("truncated JSON line", jsonl("cut.jsonl", '{"text": "Bài h'), refused="cut.jsonl:1: not a JSON object (Unterminated string"),
    Case("record without text", jsonl("notext.jsonl", {"title": "Chỉ có tiêu đề"}),
         refused="notext.jsonl:1: no article: neither 'text' nor 'html' holds text"),
    Case("record with a field of the wrong type", jsonl("types.jsonl", {"text": 5}),
         refused="types.jsonl:1: 'text' should be str, not int"),
    Case("record that is not an object", jsonl("list.jsonl", [1, 2]), refused="list.jsonl:1: not a JSON object but a list"),
    Case("record with an impossible publication date", jsonl("when.jsonl", {"text": MEETING, "published": "31/2/2023"}),
         refused="when.jsonl:1: 'published' is not a date: '31/2/2023'"),
    Case("record with only a text", jsonl("bare.jsonl", {"text": MEETING}), check=people("Nguyễn Văn Bình", "Trần Đức Minh")),
    Case("lone surrogate in a JSON string", jsonl("surrogate.jsonl", '{"text": "Ông An \\ud800 dự họp."}'),
         check=_replacement_character),
    Case("control characters in a JSON string", jsonl("controls.jsonl", {"text": MEETING.replace("Sáng", "\x00\x1b[31mSáng\x07")}),
         check=_control_characters_dropped),
    Case("JSON Lines with BOM and CRLF", write("bom.jsonl", b"\xef\xbb\xbf" + json.dumps({"text": MEETING}).encode() + b"\r\n"),
         check=people("Nguyễn Văn Bình", "Trần Đức Minh")),
    # paths
    Case("path that does not exist", lambda folder: folder / "missing.txt", refused="no such file or folder"),
    Case("folder without articles", _make_empty_folder, refused="no article files"),
    Case("symbolic link loop", _make_symlink_loop, refused="a loop of symbolic links"),
    Case("symbolic link to nothing", _make_dangling_link, refused="a symbolic link to nothing"),
    Case("folder with a link to its parent", _make_folder_with_link_loop, check=people("Nguyễn Văn Bình", "Trần Đức Minh")),
    # names, dates, numbers
    Case("lookalike letters and zero-width characters in names", write("confused.txt", CONFUSED), check=_lookalikes_resolved),
    Case("a date that does not exist", write("date.txt", "Hội nghị\n\nNgày 31/2/2023, ông Nguyễn Văn An, Chủ tịch UBND "
                                             "tỉnh Nam Định, dự hội nghị tổng kết năm 2022.\n"), check=_valid_dates),
    Case("a document number in an unknown form", write("number.txt", "Hội nghị\n\nTheo Quyết định số 12-ab/QĐ.XYZ/2023, ông "
                                                       "Nguyễn Văn An, Chủ tịch UBND tỉnh Nam Định, dự hội nghị.\n"),
         check=_documents_as_written),
]


def _extract(args: list[str]):
    return CliRunner().invoke(main, ["extract", "--format", "jsonl", *args])


def _extract_records(args: list[str]) -> list[dict]:
    result = _extract(args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def assert_one_line_error(result, source: str, reason: str) -> None:
    assert result.exit_code == 2, result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {source}"), line
    assert reason in line, line


def test_there_are_at_least_thirty_cases():
    assert len(CASES) >= 30 and len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_bad_or_odd_input(case: Case, tmp_path):
    path = case.make(tmp_path)
    started = time.monotonic()
    result = _extract([str(path)])
    assert time.monotonic() - started < 120, "took too long"
    if case.refused:
        assert result.stdout == ""
        assert_one_line_error(result, str(path), case.refused)
    else:
        assert result.exit_code == 0, result.output
        case.check([json.loads(line) for line in result.stdout.splitlines()], tmp_path)


def test_legacy_encodings_read_bytes_as_their_fonts_wrote_them():
    """Bytes written by hand from the code charts, not by kg's own tables."""
    tcvn3 = b"Th\xb5nh ph\xe8 H\xb6i Ph\xdfng: \xa7\xb6ng b\xe9 v\xb5 C\xabng an t\xd8nh h\xe4p b\xb5n vi\xd6c"
    vni = b"Tha\xf8nh pho\xe1 Ha\xfbi Pho\xf8ng: \xd1a\xfbng bo\xe4 va\xf8 Co\xe2ng an t\xe6nh ho\xefp ba\xf8n vie\xe4c"
    expected = "Thành phố Hải Phòng: Đảng bộ và Công an tỉnh họp bàn việc"
    assert decode(tcvn3, "t.txt") == expected
    assert decode(vni, "v.txt") == expected
    assert decode("Người dân Việt Nam".encode("utf-8"), "u.txt") == "Người dân Việt Nam"


def test_a_file_that_cannot_be_read(tmp_path, monkeypatch):
    """Permissions: chmod 000 stops anyone but root; as root (CI), opening is made to fail as it would."""
    path = tmp_path / "secret.txt"
    path.write_text(MEETING, encoding="utf-8")
    path.chmod(0)
    if os.geteuid() == 0:
        real_open = Path.open

        def refuse(self, *args, **kwargs):
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", refuse)
    assert_one_line_error(_extract([str(path)]), str(path), "cannot read (Permission denied)")


def test_a_folder_that_cannot_be_opened_is_reported_and_the_rest_read(tmp_path, monkeypatch):
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text(MEETING, encoding="utf-8")
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "b.txt").write_text(MEETING, encoding="utf-8")
    (tmp_path / "closed").chmod(0)
    if os.geteuid() == 0:
        real_scandir = os.scandir

        def refuse(path="."):
            if Path(path) == tmp_path / "closed":
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", refuse)
    try:
        result = _extract([str(tmp_path)])
    finally:
        (tmp_path / "closed").chmod(0o755)
    assert result.exit_code == 2
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [str(tmp_path / "open" / "a.txt")]
    assert result.stderr.strip() == f"Error: {tmp_path / 'closed'}: cannot open this folder (Permission denied)"


def _bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "crawl"
    folder.mkdir()
    for name, data in [("a.txt", MEETING), ("b.txt", ""), ("c.jsonl", '{"text": "Bài một."}\n{broken\n'),
                       ("d.html", LINKS_PAGE), ("e.txt", SEED_TEXT)]:
        (folder / name).write_text(data, encoding="utf-8")
    (folder / "f.txt").symlink_to("f.txt")
    return folder


def test_a_batch_goes_on_past_bad_files_lists_them_at_the_end_and_exits_2(tmp_path):
    folder = _bad_folder(tmp_path)
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["build", str(folder), "--store", str(store), "--jobs", "1"])
    assert result.exit_code == 2
    assert result.stdout.startswith("3 added, 0 replaced, 0 unchanged, 4 failed")
    errors = result.stderr.strip().splitlines()
    assert [line.split(": ")[1] for line in errors] == [
        str(folder / "f.txt"), str(folder / "b.txt"), f"{folder / 'c.jsonl'}:2", str(folder / "d.html")]
    assert all(line.startswith("Error: ") for line in errors) and "Traceback" not in result.output
    del result  # its exception's frames hold the build's store open
    gc.collect()
    assert len(Store(store).articles()) == 3


def test_fail_fast_stops_at_the_first_bad_file(tmp_path):
    folder = _bad_folder(tmp_path)
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["build", str(folder), "--store", str(store), "--fail-fast", "--jobs", "1"])
    assert result.exit_code == 2
    assert result.stdout.startswith("0 added, 0 replaced, 0 unchanged, 1 failed")
    assert result.stderr.splitlines()[0] == f"Error: {folder / 'f.txt'}: a loop of symbolic links"
    extract = CliRunner().invoke(main, ["extract", str(folder / "a.txt"), str(folder / "b.txt"), str(folder / "e.txt"),
                                        "--fail-fast"])
    assert extract.exit_code == 2 and len(extract.stdout.splitlines()) == 1
    assert extract.stderr.splitlines()[0] == f"Error: {folder / 'b.txt'}: empty article (no text)"


def test_max_size_raises_the_limit(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(MEETING, encoding="utf-8")
    assert_one_line_error(_extract([str(path), "--max-size", "100"]), str(path), "more than the 100 bytes")
    assert _extract([str(path), "--max-size", "1kB"]).exit_code == 0
    bad = _extract([str(path), "--max-size", "lots"])
    assert bad.exit_code == 2 and "write a size like 8MB" in bad.stderr


def test_an_extractor_bug_is_one_line_and_debug_shows_the_traceback(tmp_path, monkeypatch):
    import kg.pipeline

    def broken(article):
        raise ValueError("a bug")

    monkeypatch.setattr(kg.pipeline, "extract", broken)
    monkeypatch.delenv("KG_DEBUG", raising=False)
    path = tmp_path / "a.txt"
    path.write_text(MEETING, encoding="utf-8")
    assert_one_line_error(_extract([str(path)]), str(path), "extraction failed: ValueError: a bug")
    debug = CliRunner().invoke(main, ["--debug", "extract", str(path)])
    monkeypatch.delenv("KG_DEBUG", raising=False)
    assert debug.exit_code == 2
    assert "Traceback" in debug.stderr and "ValueError: a bug" in debug.stderr
