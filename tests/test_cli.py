"""The CLI as a user meets it: help with examples, one-line errors, exit codes."""
import json
import re

import pytest
from click.testing import CliRunner

from kg.cli import main



@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def built(runner, tmp_path, seed_path):
    store = tmp_path / "store"
    result = runner.invoke(main, ["build", str(seed_path), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def test_every_command_has_help_with_an_example(runner):
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output, f"'kg {name} --help' shows no example"


def test_extract_prints_the_record(runner, seed_path):
    result = runner.invoke(main, ["extract", str(seed_path)])
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert record["article"]["published"] == "2023-12-20T17:52:00+07:00"


def test_extract_jsonl_gives_one_line_per_article(runner, seed_path, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Tiêu đề\n\nSáng nay, ông Nguyễn Văn An dự hội nghị.", encoding="utf-8")
    result = runner.invoke(main, ["extract", "--format", "jsonl", str(seed_path), str(other)])
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) == 2


def test_build_reports_what_it_did(runner, tmp_path, seed_path):
    store = tmp_path / "store"
    first = runner.invoke(main, ["build", str(seed_path), "--store", str(store)])
    again = runner.invoke(main, ["build", str(seed_path), "--store", str(store)])
    assert "1 added" in first.output
    assert "1 unchanged" in again.output


def test_stats_query_validate_export(runner, built, tmp_path):
    stats = runner.invoke(main, ["stats", "--store", str(built)])
    assert re.search(r"people\s+4", stats.output)
    table = runner.invoke(main, ["query", "--name", "people-by-rank", "--param", "rank_label=Thiếu tướng",
                                 "--store", str(built)])
    assert "Vũ Thanh Chương" in table.output and "(1 row)" in table.output
    as_csv = runner.invoke(main, ["query", "SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n } ORDER BY ?n",
                                  "--format", "csv", "--store", str(built)])
    assert as_csv.output.splitlines()[0] == "n" and "Kim Anh" in as_csv.output
    ask = runner.invoke(main, ["query", "ASK { ?e a schema:Event }", "--store", str(built)])
    assert ask.output.strip() == "true"
    assert runner.invoke(main, ["validate", "--store", str(built)]).exit_code == 0
    out = tmp_path / "g.graphml"
    assert runner.invoke(main, ["export", "--format", "graphml", "-o", str(out), "--store", str(built)]).exit_code == 0
    assert out.read_bytes().startswith(b"<?xml")


def one_line_error(result, *fragments):
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in lines[0]


def test_missing_file(runner, tmp_path):
    path = tmp_path / "missing.txt"
    one_line_error(runner.invoke(main, ["extract", str(path)]), str(path), "no such file")


def test_empty_file(runner, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("")
    one_line_error(runner.invoke(main, ["build", str(path), "--store", str(tmp_path / "s")]), str(path), "empty")


def test_binary_file(runner, tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    one_line_error(runner.invoke(main, ["extract", str(path)]), str(path), "PNG")


def test_folder_without_articles(runner, tmp_path):
    one_line_error(runner.invoke(main, ["extract", str(tmp_path)]), str(tmp_path), "no article files")


def test_invalid_sparql_shows_the_line_and_a_caret(runner, built):
    result = runner.invoke(main, ["query", "SELECT ?x\nWHERE { ?x a schema:Person .\n  ?x schema:name ?n ) }",
                                  "--store", str(built)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.splitlines() == ["Error: invalid SPARQL at line 3, column 24: expected [_]",
                                          "    ?x schema:name ?n ) }",
                                          "                         ^"]


def test_an_unknown_prefix_is_said_plainly(runner, built):
    result = runner.invoke(main, ["query", "SELECT ?x WHERE { ?x a foo:Bar }", "--store", str(built)])
    first = result.stderr.splitlines()[0]
    assert result.exit_code == 2 and first.startswith("Error: invalid SPARQL at line 1, column 31: unknown prefix 'foo:'")
    assert "\\u{" not in result.stderr and len(result.stderr.splitlines()) == 3


def test_an_update_is_sent_to_kg_serve(runner, built):
    one_line_error(runner.invoke(main, ["query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "--store", str(built)]),
                   "kg serve --update-token")


def test_unknown_named_query(runner, built):
    one_line_error(runner.invoke(main, ["query", "--name", "nope", "--store", str(built)]), "no named query 'nope'")


def test_query_without_a_store(runner, tmp_path):
    one_line_error(runner.invoke(main, ["stats", "--store", str(tmp_path / "none")]), "no store here")


def test_a_batch_goes_on_past_a_bad_file_and_exits_non_zero(runner, tmp_path, seed_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    result = runner.invoke(main, ["build", str(seed_path), str(bad), "--store", str(tmp_path / "s")])
    assert result.exit_code == 2
    assert "1 added" in result.output and f"Error: {bad}: not a text article" in result.output
