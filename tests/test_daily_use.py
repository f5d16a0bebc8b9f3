"""Daily use of the command: quick to start, output that reads well and keeps what values are,
--quiet everywhere, and one clear line for a mistake, naming what to fix."""
from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import count_articles

from conftest import REPO

HEAVY = ("trafilatura", "pyshacl", "networkx", "scipy", "matplotlib", "numpy", "rdflib.plugins.sparql", "lxml",
         "kg.pipeline")


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    """The bundled articles built into a store."""
    store = tmp_path_factory.mktemp("daily") / "kg-store"
    result = CliRunner().invoke(main, ["build", str(REPO / "data" / "articles"), "--store", str(store), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return store


def test_starting_kg_imports_none_of_the_heavy_packages():
    """What makes 'kg --help' and 'kg query' slow to start is imported where it is used."""
    code = f"import sys, kg.cli; print([m for m in {HEAVY!r} if m in sys.modules])"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert shown.stdout.strip() == "[]"


def test_the_table_fits_100_columns_with_prefixed_iris_and_wide_shows_all(runner, bundled):
    table = runner.invoke(main, ["query", "--name", "people-posts", "--store", str(bundled)]).output
    assert max(len(line) for line in table.splitlines()) <= 100
    assert "kg:person/" in table and "https://" not in table
    wide = runner.invoke(main, ["query", "--name", "people-posts", "--wide", "--store", str(bundled)]).output
    assert max(len(line) for line in wide.splitlines()) > 100 and "…" not in wide


def test_json_is_sparql_results_json(runner, bundled):
    query = ('SELECT ?org ?label (1 AS ?one) WHERE { ?org a org:Organization ; skos:prefLabel ?label '
             'FILTER (LANG(?label) = "vi") } LIMIT 1')
    answer = json.loads(runner.invoke(main, ["query", query, "--format", "json", "--store", str(bundled)]).output)
    assert answer["head"]["vars"] == ["org", "label", "one"]
    binding = answer["results"]["bindings"][0]
    assert binding["org"]["type"] == "uri" and binding["label"]["xml:lang"] == "vi"
    assert binding["one"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    named = json.loads(runner.invoke(main, ["query", "--name", "article-summary", "--format", "json",
                                            "--store", str(bundled)]).output)
    assert len(named["results"]["bindings"]) == 6
    ask = runner.invoke(main, ["query", "ASK { ?s ?p ?o }", "--format", "json", "--store", str(bundled)]).output
    assert json.loads(ask)["boolean"] is True


def test_the_progress_bar_knows_its_total(tmp_path):
    assert count_articles([REPO / "data" / "articles"]) == 6
    lines = tmp_path / "a.jsonl"
    lines.write_text('{"text": "a"}\n\n{"text": "b"}\n', encoding="utf-8")
    assert count_articles([lines, REPO / "data" / "articles" / "corpus_125.txt"]) == 3
    assert count_articles(["-"]) is None


def test_on_a_terminal_the_progress_bar_shows_its_total_at_once(tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    main_end, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # a new pty is 0 columns wide
    kg = str(Path(sys.executable).parent / "kg")
    build = subprocess.Popen([kg, "build", str(REPO / "data" / "articles"), "--store", str(tmp_path / "s"), "--jobs", "1"],
                             stdin=terminal, stdout=terminal, stderr=terminal)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(main_end, 4096)
        except OSError:  # the build ended and closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    assert build.wait(timeout=120) == 0
    frames = shown.decode("utf-8", "replace").replace("\r", "\n").splitlines()
    assert "0/6 [00:00<?" in next(frame for frame in frames if "articles:" in frame)
    assert any("100%" in frame and "6/6" in frame and "art/s" in frame for frame in frames)


def test_every_command_takes_quiet(runner, bundled, tmp_path):
    for name, command in main.commands.items():
        assert "quiet" in {param.name for param in command.params}, f"kg {name} has no --quiet"
    built = runner.invoke(main, ["build", str(REPO / "data" / "articles"), "--store", str(bundled), "--quiet"])
    assert built.exit_code == 0 and built.output == ""
    out = tmp_path / "kg.ttl"
    assert runner.invoke(main, ["export", "-o", str(out), "--quiet", "--store", str(bundled)]).output == ""
    table = runner.invoke(main, ["query", "--name", "article-summary", "-q", "--store", str(bundled)]).output
    assert "rows)" not in table and "kg:article/" in table


def test_validate_says_that_v_lists_the_warnings(runner, tmp_path):
    for index, rank in enumerate(("Đại tá", "Thiếu tướng")):
        (tmp_path / f"rank_{index}.txt").write_text(
            f"Hội nghị tổng kết\n\nSáng 20/12, {rank} Nguyễn Văn Bình, Giám đốc Công an tỉnh Nam Định "
            "chủ trì hội nghị tổng kết công tác năm.\n", encoding="utf-8")
    store = tmp_path / "kg-store"
    assert runner.invoke(main, ["build", str(tmp_path), "--store", str(store)]).exit_code == 0
    result = runner.invoke(main, ["validate", "--store", str(store)])
    assert result.exit_code == 0 and "warning(s) (kg validate -v lists them)" in result.output


@pytest.mark.parametrize("command", [["export", "--format", "ttl"], ["view"]])
def test_an_output_in_a_missing_folder_is_one_line(runner, bundled, tmp_path, command):
    target = tmp_path / "no-such-folder" / "out.file"
    result = runner.invoke(main, [*command, "-o", str(target), "--store", str(bundled)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"Error: {target}: the folder {target.parent} does not exist"]


def test_a_build_of_nothing_leaves_no_store(runner, tmp_path):
    store = tmp_path / "kg-store"
    result = runner.invoke(main, ["build", str(tmp_path / "nosuchfile"), "--store", str(store)])
    assert result.exit_code == 2 and "no such file" in result.stderr
    assert not store.exists()


def test_server_credentials_only_on_commands_that_write():
    for name, command in main.commands.items():
        has = {"user", "password", "update_url"} & {param.name for param in command.params}
        assert bool(has) == (name in ("build", "remove", "link", "bulk-load")), name  # bulk-load writes into a server


@pytest.mark.parametrize("module, args, extra", [
    ("trafilatura", ["extract", str(REPO / "tests" / "data" / "html")], "html"),
    ("pyshacl", ["validate"], "validate"),
    ("scipy", ["view", "-o", "graph.html"], "pictures"),
    ("matplotlib", ["export", "--format", "svg", "-o", "graph.svg"], "pictures"),
])
def test_a_feature_whose_extra_is_missing_names_it(bundled, tmp_path, module, args, extra):
    code = f"import sys; sys.modules[{module!r}] = None; from kg.cli import main; main()"
    store = [] if args[0] == "extract" else ["--store", str(bundled)]
    environment = {name: value for name, value in os.environ.items() if name != "KG_DEBUG"}
    result = subprocess.run([sys.executable, "-c", code, *args, *store], capture_output=True, text=True,
                            cwd=tmp_path, env=environment)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().endswith(f"pip install 'kg-vn-news[{extra}]'"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_remove_with_a_name_that_matches_nothing_removes_nothing(runner, bundled):
    result = runner.invoke(main, ["remove", "no-such-article", str(REPO / "data" / "articles" / "corpus_125.txt"),
                                  "--store", str(bundled)])
    assert result.exit_code == 1 and "no article 'no-such-article'" in result.stderr
    del result  # its traceback holds the store open, as the process that ended would not
    gc.collect()
    stats = runner.invoke(main, ["stats", "--store", str(bundled)]).output
    assert stats.splitlines()[0].split() == ["articles", "6"]
