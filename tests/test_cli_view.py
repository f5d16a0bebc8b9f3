"""kg export's selections and pictures, and kg view, as a user types them."""
import json

import pytest
from click.testing import CliRunner

from kg.cli import main

from test_cli import one_line_error


@pytest.fixture
def built(tmp_path, seed_path):
    """A store for each test: a failed command's traceback keeps its store open, and locked."""
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["build", str(seed_path), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return str(store)


@pytest.fixture
def runner():
    return CliRunner()


def test_export_json_around_a_person(runner, built):
    result = runner.invoke(main, ["export", "--format", "json", "--view", "people", "--around", "tran vi dan",
                                  "--depth", "1", "--store", built])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sorted(node["label"] for node in data["nodes"]) == ["Cục V04", "Trần Vi Dân"]
    assert [edge["label"] for edge in data["edges"]] == ["Cục trưởng"]


def test_export_a_picture(runner, built, tmp_path):
    out = tmp_path / "people.png"
    result = runner.invoke(main, ["export", "--format", "png", "--view", "people", "-o", str(out), "--store", built])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    piped = runner.invoke(main, ["export", "--format", "png", "--view", "people", "--store", built])
    assert piped.stdout_bytes.startswith(b"\x89PNG\r\n\x1a\n")


def test_view_writes_one_page(runner, built, tmp_path):
    out = tmp_path / "graph.html"
    result = runner.invoke(main, ["view", "--view", "events", "-o", str(out), "--store", built])
    assert result.exit_code == 0, result.output
    assert "entities" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Vũ Thanh Chương" in page


def test_unknown_entity(runner, built):
    one_line_error(runner.invoke(main, ["view", "--around", "Nguyễn Văn Không", "--store", built]),
                   "no entity named 'Nguyễn Văn Không' in the all view")


def test_unknown_article(runner, built):
    one_line_error(runner.invoke(main, ["export", "--format", "graphml", "--article", "nope.txt", "--store", built]),
                   "no article 'nope.txt'")


def test_rdf_with_a_view(runner, built):
    one_line_error(runner.invoke(main, ["export", "--format", "ttl", "--view", "people", "--store", built]),
                   "writes the RDF itself")


def test_depth_without_around(runner, built):
    result = runner.invoke(main, ["export", "--format", "json", "--depth", "2", "--store", built])
    assert result.exit_code == 2 and "--depth goes with --around" in result.output
