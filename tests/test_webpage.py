"""Saved news pages: main text without boilerplate, metadata, pages that are not articles."""
import json
import unicodedata
from pathlib import Path

import pytest

from kg.read import ReadFailure, read_inputs
from kg.read.decoding import decode_html
from kg.read.pagemeta import parse_byline
from kg.read.webpage import NotAnArticle, read_page

HTML = Path(__file__).parent / "data" / "html"


def page(name: str):
    path = HTML / name
    return read_page(decode_html(path.read_bytes(), str(path)), str(path))


def body_lines(article) -> list[str]:
    """The article's lines after the headline and the blank line that follows it."""
    lines = article.text.split("\n")
    assert lines[0] == article.title and lines[1] == ""
    return [line for line in lines[2:] if line]


def test_the_fundus_expectation_for_a_vnexpress_page():
    """Another project's parser's expectation: same title and authors, every paragraph, no boilerplate."""
    expected = json.loads((HTML / "fundus_VnExpress_expected.json").read_text(encoding="utf-8"))["V1"]
    article = page("fundus_VnExpress_2025_10_22.html")
    nfc = lambda text: unicodedata.normalize("NFC", text)  # noqa: E731
    assert article.title == nfc(expected["title"])
    assert list(article.authors) == [nfc(name) for name in expected["authors"]]
    paragraphs = [nfc(p) for section in expected["body"]["sections"] for p in section["paragraphs"]]
    summary = [nfc(p) for p in expected["body"]["summary"]]
    lines = body_lines(article)
    assert [line for line in lines if line in paragraphs] == paragraphs
    assert set(lines) <= set(paragraphs) | set(summary), "boilerplate in the text"
    assert article.published == expected["publishing_date"].replace(" ", "T")
    assert list(article.tags) == [nfc(topic) for topic in expected["topics"]]
    assert article.url == "https://vnexpress.net/dau-bung-keo-dai-phat-hien-ung-thu-lymphoma-ruot-non-4954454.html"
    assert article.language == "vi-VN"


def test_a_2012_article_page_with_a_table_layout():
    article = page("myfeed2012_nld1.html")
    assert article.title == "Thiếu tiền hụi, xách dao đi “nói chuyện” với chủ nợ"
    assert article.published == "2012-12-26T17:14:00+07:00"  # the visible dateline: no time in <meta>
    assert article.authors == ("K. Miên",)  # the right-aligned byline after the body
    lines = body_lines(article)
    assert lines[0].startswith("(NLĐO) - Cho rằng chủ hụi")  # the lead
    assert lines[1].startswith("Chiều ngày 26-12, Tòa Phúc thẩm TAND Tối cao")
    assert "Đặng Văn Trung trong phiên phúc thẩm" in lines  # a photo caption is content
    assert lines[-1] == "Trung chạy đến đâm anh Việt một nhát khiến nạn nhân tử vong. Sau khi gây án, Trung thuê xe ôm đến Công an đầu thú."
    assert article.url == "http://nld.com.vn/20121226051446379p0c1019/thieu-tien-hui-xach-dao-di-noi-chuyen-voi-chu-no.htm"
    assert not any(word in article.text for word in ("Quay lại", "Các tin khác", "Pháp luật\n", "Giao diện PDA"))


def test_a_home_page_is_not_an_article():
    result = page("myfeed2012_vnexpress.hompage.html")
    assert isinstance(result, NotAnArticle)
    assert result.reason.startswith("not a news article")


def test_a_folder_of_pages_reports_the_home_page_and_reads_the_articles(tmp_path):
    items = list(read_inputs([HTML]))
    failures = [item for item in items if isinstance(item, ReadFailure)]
    assert [Path(f.source).name for f in failures] == ["myfeed2012_vnexpress.hompage.html"]
    assert len(items) - len(failures) == 2


ARTICLE = """<!DOCTYPE html>
<html lang="vi"><head>
<meta charset="utf-8">
<title>Hà Nội khai mạc hội nghị &quot;chuyển đổi số&quot; - Báo Mẫu</title>
<meta property="og:title" content="Hà Nội khai mạc hội nghị &amp;quot;chuyển đổi số&amp;quot;">
<meta property="og:description" content="Sáng 5/3, UBND thành phố Hà Nội khai mạc hội nghị về chuyển đổi số.">
<link rel="canonical" href="https://bao-mau.vn/thoi-su/hoi-nghi-chuyen-doi-so-123.html#top">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Hà Nội khai mạc hội nghị \\"chuyển đổi số\\"", "datePublished": "2024-03-05T09:30:00",
 "author": [{"@type": "Person", "name": "Minh An"}, {"@type": "Organization", "name": "Báo Mẫu"}],
 "articleSection": "Thời sự", "keywords": ["chuyển đổi số", "Hà Nội"]}</script>
</head><body>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li></ul></nav>
<div class="main"><div class="breadcrumb"><a href="/thoi-su">Thời sự</a></div>
<h1 class="title">Hà Nội khai mạc hội nghị "chuyển đổi số"</h1>
<span class="date">Thứ Ba, 05/03/2024 09:30 (GMT+7)</span>
<p class="sapo">Sáng 5/3, UBND thành phố Hà Nội khai mạc hội nghị về chuyển đổi số.</p>
<article>
<p>Phát biểu khai mạc, ông Nguyễn Văn An, Phó Chủ tịch UBND thành phố, nhấn mạnh vai trò của dữ liệu trong quản lý đô thị và dịch vụ công.</p>
<p>Hội nghị có sự tham dự của đại diện các sở, ban, ngành và &#273;ại diện 30 quận, huyện, thị xã trên địa bàn thành phố.</p>
<p style="text-align:right"><strong>Minh An</strong></p>
</article>
<div class="related"><h3>Tin liên quan</h3><ul>
<li><a href="/a.html">Một bài khác về chuyển đổi số ở các tỉnh phía Bắc</a></li>
<li><a href="/b.html">Thêm một bài khác nữa về dữ liệu mở và dịch vụ công</a></li></ul></div>
</div><footer>Bản quyền thuộc Báo Mẫu. Giấy phép số 123/GP-BTTTT.</footer>
</body></html>"""


def test_metadata_from_json_ld_open_graph_and_the_page():
    article = read_page(ARTICLE, "mau.html")
    assert article.title == 'Hà Nội khai mạc hội nghị "chuyển đổi số"'
    assert article.published == "2024-03-05T09:30:00+07:00"  # no offset given: Vietnam time
    assert article.authors == ("Minh An",)  # people only, not the publisher
    assert article.url == "https://bao-mau.vn/thoi-su/hoi-nghi-chuyen-doi-so-123.html#top"
    assert article.section == "Thời sự"
    assert article.tags == ("chuyển đổi số", "Hà Nội")
    assert article.language == "vi"
    assert article.text == (
        'Hà Nội khai mạc hội nghị "chuyển đổi số"\n\n'
        "Sáng 5/3, UBND thành phố Hà Nội khai mạc hội nghị về chuyển đổi số.\n"
        "Phát biểu khai mạc, ông Nguyễn Văn An, Phó Chủ tịch UBND thành phố, nhấn mạnh vai trò của dữ liệu "
        "trong quản lý đô thị và dịch vụ công.\n"
        "Hội nghị có sự tham dự của đại diện các sở, ban, ngành và đại diện 30 quận, huyện, thị xã trên địa "
        "bàn thành phố.\n"
    )


def test_the_visible_byline_and_dateline_when_the_page_has_no_metadata():
    bare = (ARTICLE.replace('<script type="application/ld+json">', '<script type="text/plain">')
            .replace("<p style=\"text-align:right\"><strong>Minh An</strong></p>", "<p>Tin, ảnh: Lê Hoa - Trần Bình</p>"))
    article = read_page(bare, "mau.html")
    assert article.authors == ("Lê Hoa", "Trần Bình")
    assert article.published == "2024-03-05T09:30:00+07:00"
    assert "Tin, ảnh" not in article.text


@pytest.mark.parametrize("html, reason", [
    ('<html><head><title>Báo Mẫu - Tin tức</title><meta property="og:type" content="website"></head>'
     '<body><h1>Báo Mẫu</h1><p>Tin nhanh.</p></body></html>', "og:type"),
    ('<html><head><title>Báo Mẫu - Tin tức</title><link rel="canonical" href="https://bao-mau.vn/"></head>'
     "<body><p>Tin nhanh.</p></body></html>", "home page"),
    ("<html><head><title>Thời sự trong nước hôm nay - Báo Mẫu</title></head><body><h1>Thời sự trong nước hôm nay</h1>"
     + "".join(f'<p><a href="/{i}.html">Tin số {i}: một bài báo có tiêu đề dài</a></p>' for i in range(30))
     + "</body></html>", "links"),
    ("<html><head><title>Một bài rất ngắn ở đây - Báo Mẫu</title></head><body><h1>Một bài rất ngắn ở đây</h1>"
     "<p>Ngắn.</p></body></html>", "no article text"),
])
def test_pages_that_are_not_articles_say_why(html, reason):
    result = read_page(html, "x.html")
    assert isinstance(result, NotAnArticle)
    assert reason in result.reason


@pytest.mark.parametrize("line, authors", [
    ("Lê Phương", ("Lê Phương",)),
    ("Quang Phong - Tùng Nguyên", ("Quang Phong", "Tùng Nguyên")),
    ("K. Miên", ("K. Miên",)),
    ("Tin, ảnh: Vũ Phương Thảo", ("Vũ Phương Thảo",)),
    ("Theo Sầm Hoa (Vietnamnet/Reuters)(6816 bình chọn, 9/10 điểm)", ("Sầm Hoa",)),
    ("Theo Thanh Niên", ()),
    ("Nhóm PV", ()),
    ("Hà Nội", None),
    ("Đường Đinh Tiên Hoàng.", None),
    ("Lượng người tập trung đông nghịt tại hang đá.", None),
])
def test_bylines(line, authors):
    assert parse_byline(line) == authors
