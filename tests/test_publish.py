"""The graph publishes no local file paths: kgo:sourcePath is the path as the user gave it,
and --publish leaves it out (issue 14, point 5)."""
from __future__ import annotations

import shutil

from click.testing import CliRunner

from kg.cli import main


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def source_paths(store: str) -> list[str]:
    output = run("query", "SELECT ?path WHERE { ?a kgo:sourcePath ?path } ORDER BY ?path", "--store", store,
                 "--format", "csv")
    return output.splitlines()[1:]


def test_the_source_path_is_the_path_as_given_and_remove_and_rebuild_still_find_it(tmp_path, seed_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles").mkdir()
    shutil.copy(seed_path, "articles/seed.txt")
    other = tmp_path / "elsewhere" / "other.txt"
    other.parent.mkdir()
    other.write_text("Hội nghị\n\nSáng 5/3, ông Nguyễn Văn An, Giám đốc Sở Y tế tỉnh Bắc Ninh, dự hội nghị.\n",
                     encoding="utf-8")
    run("build", "articles", str(other), "--store", "store")
    assert source_paths("store") == sorted(["articles/seed.txt", str(other)])  # relative, absolute: as given
    with open("articles/seed.txt", "a", encoding="utf-8") as seed:
        seed.write("\nThêm một câu.\n")
    assert "0 added, 1 replaced, 1 unchanged" in run("build", "articles", str(other), "--store", "store")
    assert run("remove", "articles/seed.txt", "--store", "store").startswith("removed ")
    assert source_paths("store") == [str(other)]


def test_publish_leaves_out_the_local_paths(tmp_path, seed_path):
    store = str(tmp_path / "store")
    run("build", str(seed_path), "--store", store)
    folder = str(seed_path.parent)
    for fmt in ("nt", "trig", "ttl", "json", "graphml"):
        assert folder in run("export", "--format", fmt, "--store", store) or fmt == "graphml"
        published = run("export", "--format", fmt, "--publish", "--store", store)
        assert folder not in published and "sourcePath" not in published, fmt
        assert "Trần Vi Dân" in published
    full = run("export", "--format", "nt", "--store", store).splitlines()
    published = run("export", "--format", "nt", "--publish", "--store", store).splitlines()
    assert sorted(line for line in full if "sourcePath" not in line) == sorted(published)
    page = tmp_path / "graph.html"
    run("view", "--publish", "-o", str(page), "--store", store)
    html = page.read_text(encoding="utf-8")
    assert folder not in html and "file:" not in html and "Trần Vi Dân" in html
