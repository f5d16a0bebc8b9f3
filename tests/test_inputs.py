"""Every input format through 'kg extract' and 'kg build': pages, JSON Lines, archives, standard input."""
import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef
from rdflib.namespace import SDO

from kg.cli import main
from kg.pipeline import extract_paths
from kg.rdf.mapping import IriMinter, map_record, url_key
from kg.read import ReadOptions

HTML = Path(__file__).parent / "data" / "html"
FUNDUS = HTML / "fundus_VnExpress_2025_10_22.html"
URL = "https://vnexpress.net/dau-bung-keo-dai-phat-hien-ung-thu-lymphoma-ruot-non-4954454.html"


@pytest.fixture
def runner():
    return CliRunner()


def test_extract_a_saved_page_prints_its_metadata(runner):
    result = runner.invoke(main, ["extract", str(FUNDUS)])
    assert result.exit_code == 0, result.output
    article = json.loads(result.output)["article"]
    assert article["title"] == "Đau bụng kéo dài, phát hiện ung thư lymphoma ruột non"
    assert article["published"] == "2025-10-22T19:25:52+07:00"
    assert article["authors"] == ["Lê Phương"]
    assert (article["url"], article["language"]) == (URL, "vi-VN")


def test_a_home_page_is_reported_with_no_record(runner):
    result = runner.invoke(main, ["extract", str(HTML / "myfeed2012_vnexpress.hompage.html")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "myfeed2012_vnexpress.hompage.html: not a news article" in result.stderr


def test_standard_input(runner):
    text = "Hội nghị tổng kết\n\n17:52 20/12/2023\n\nSáng nay, ông Nguyễn Văn An dự hội nghị tổng kết."
    result = runner.invoke(main, ["extract", "-"], input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["source"] == "<stdin>"
    assert record["article"]["published"] == "2023-12-20T17:52:00+07:00"
    page = runner.invoke(main, ["extract", "-", "--input-format", "html"], input=FUNDUS.read_bytes())
    assert json.loads(page.output)["article"]["authors"] == ["Lê Phương"]


def test_a_bad_jsonl_field_option_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(main, ["build", "-", "--jsonl-field", "body", "--store", str(tmp_path / "s")], input=b"")
    assert result.exit_code == 2
    assert "KG_FIELD=EXPORT_FIELD" in result.output
    assert not (tmp_path / "s").exists()


def test_build_takes_json_lines_and_archives(runner, tmp_path):
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps({"id": "1", "body": "Hội nghị\n\nSáng 5/3, ông Nguyễn Văn An, Chủ tịch UBND tỉnh "
                                  "Nam Định, dự hội nghị."}, ensure_ascii=False) + "\n", encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "pages.zip", "w") as archive:
        archive.write(FUNDUS, "pages/vnexpress.html")
    store = tmp_path / "store"
    result = runner.invoke(main, ["build", str(export), str(tmp_path / "pages.zip"), "--store", str(store),
                                  "--jsonl-field", "text=body"])
    assert result.exit_code == 0, result.output
    assert "2 added" in result.stdout
    query = runner.invoke(main, ["query", "SELECT ?s ?u WHERE { ?a kgo:sourcePath ?s OPTIONAL { ?a schema:url ?u } }",
                                 "--store", str(store), "--format", "csv"])
    assert f"{export}/1" in query.output
    assert f"{tmp_path / 'pages.zip'}/pages/vnexpress.html,{URL}" in query.output


def test_bad_json_lines_are_reported_with_file_and_line_and_the_rest_goes_on(runner, tmp_path):
    export = tmp_path / "export.jsonl"
    export.write_text('{"text": "Bài một."}\n{broken\n{"text": "Bài ba."}\n', encoding="utf-8")
    result = runner.invoke(main, ["extract", str(export), "--format", "jsonl"])
    assert result.exit_code == 2
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [f"{export}:1", f"{export}:3"]
    assert result.stderr.startswith(f"Error: {export}:2: not a JSON object")


def test_the_article_iri_comes_from_the_canonical_url():
    [record] = list(extract_paths([FUNDUS]))
    minter = IriMinter()
    iri, graph = map_record(record, minter)
    assert iri == minter.article_iri(record.article.content_hash, URL) != minter.article(record.article.content_hash)
    assert (iri, SDO.url, None) in graph
    assert url_key(URL) == url_key(URL.replace("https://", "http://www.") + "?utm_source=x#comments")


def test_the_same_story_saved_twice_is_one_article(runner, tmp_path):
    """Saved again with other furniture and a changed text, under its canonical URL: replaced, not added."""
    again = tmp_path / "again.html"
    again.write_bytes(FUNDUS.read_bytes().replace("sụt 2-3 kg".encode(), "sụt 3 kg".encode()))
    store = tmp_path / "store"
    first = runner.invoke(main, ["build", str(FUNDUS), "--store", str(store)])
    second = runner.invoke(main, ["build", str(again), "--store", str(store)])
    assert "1 added" in first.output and "1 replaced" in second.output
    stats = runner.invoke(main, ["stats", "--store", str(store)])
    assert re.search(r"^articles\s+1$", stats.output, re.MULTILINE)


def test_a_page_in_json_lines_keeps_the_lines_metadata(tmp_path):
    export = tmp_path / "crawl.jsonl"
    export.write_text(json.dumps({"id": "v", "html": FUNDUS.read_text(encoding="utf-8"), "title": "Tựa khác",
                                  "published": "2025-10-23T08:00:00+07:00"}) + "\n", encoding="utf-8")
    [record] = list(extract_paths([export], ReadOptions()))
    assert record.source == f"{export}/v"
    assert record.article.title == "Tựa khác" and record.article.published == "2025-10-23T08:00:00+07:00"
    assert record.article.url == URL and record.article.authors == ("Lê Phương",)
    assert URIRef(URL) not in {s for s in map_record(record)[1].subjects()}
