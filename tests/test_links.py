"""kg link: owl:sameAs links to other datasets, in a named graph of their own that builds,
rebuilds and removals of articles keep (issue 14, point 4)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.links import link, stored_links
from kg.pipeline import build, remove, stats
from kg.query.validate import validate_store
from kg.rdf.mapping import IriMinter
from kg.store import LINKS_GRAPH, Store

from articles import write_small_articles

MINT = IriMinter()
DAN = str(MINT.entity("person", "Trần Vi Dân"))
MPS = str(MINT.entity("org", "Bộ Công an"))
WIKIDATA = "http://www.wikidata.org/entity/"


@pytest.fixture
def store(tmp_path, seed_path):
    """The seed and two small articles whose directors are namesakes ('Nguyễn Văn Bình' of
    Nam Định and of Hà Nam)."""
    store = Store(tmp_path / "store")
    paths = write_small_articles(tmp_path / "a", 1) + write_small_articles(tmp_path / "b", 1, start=10)
    build([seed_path, *paths], store)
    return store


def write_csv(path, *rows: str):
    path.write_text("kg,kind,external\n" + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_names_and_iris_become_same_as_links_and_bad_rows_are_reported_by_row(store, tmp_path):
    links = write_csv(tmp_path / "links.csv",
                      f"Trần Vi Dân,person,{WIKIDATA}Q1",                 # row 2: a name and its kind
                      f"tran vi dan,person,{WIKIDATA}Q1",                 # row 3: the same, without diacritics
                      f"{MPS},,{WIKIDATA}Q2",                             # row 4: a kg IRI
                      f"bộ công an,organisation,{WIKIDATA}Q2",            # row 5: the same again
                      "Đồng bằng sông Hồng,place,wd:Q3",                  # row 6: not an IRI
                      "Nguyễn Văn Bình,person,http://example.org/binh",  # row 7: two namesakes
                      "Không Ai,person,http://example.org/nobody",        # row 8: no such person
                      "Bộ Công an,,http://example.org/x",                 # row 9: a name without its kind
                      f"{MINT.base}person/nobody-00000000,,http://example.org/y",  # row 10: not in the store
                      "Nghị quyết 12,document",                           # row 11: a field short
                      "Cục V04,ministry,http://example.org/z",            # row 12: unknown kind
                      "Đồng bằng sông Hồng,place,http://example.org/x y")  # row 13: a space in the IRI
    report = link(store, links)
    assert stored_links(store) == [(MPS, f"{WIKIDATA}Q2"), (DAN, f"{WIKIDATA}Q1")]
    assert report.links == 2
    problems = {failure.source: failure.reason for failure in report.failed}
    assert list(problems) == [f"{links} row {number}" for number in range(6, 14)]
    assert "not an IRI" in problems[f"{links} row 6"]
    assert "names 2 person nodes" in problems[f"{links} row 7"]
    assert problems[f"{links} row 8"] == "no person named 'Không Ai' in the store"
    assert "give its kind" in problems[f"{links} row 9"]
    assert problems[f"{links} row 10"] == f"<{MINT.base}person/nobody-00000000> is no entity of the store"
    assert "malformed row: 2 fields" in problems[f"{links} row 11"]
    assert "unknown kind 'ministry'" in problems[f"{links} row 12"]
    assert "not an IRI" in problems[f"{links} row 13"]


def test_links_are_queried_counted_and_kept_by_builds_and_removals(store, tmp_path, seed_path):
    link(store, write_csv(tmp_path / "links.csv", f"Trần Vi Dân,person,{WIKIDATA}Q1"))
    assert stats(store)["links"] == 1
    rows = store.query("SELECT ?e WHERE { ?p owl:sameAs ?e ; schema:name 'Trần Vi Dân' }")  # the merged graph
    assert [row["e"].value for row in rows] == [f"{WIKIDATA}Q1"]
    assert LINKS_GRAPH not in store.articles()
    changed = tmp_path / "seed.txt"
    changed.write_text(seed_path.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    build([changed], store)
    remove(store, [str(seed_path)])
    build([seed_path, *write_small_articles(tmp_path / "c", 2, start=20)], store)
    assert stored_links(store) == [(DAN, f"{WIKIDATA}Q1")]
    assert bool(store.query(f"ASK {{ <{DAN}> owl:sameAs <{WIKIDATA}Q1> }}"))
    assert validate_store(store).conforms


def test_the_next_link_replaces_the_links_unless_it_appends(store, tmp_path):
    link(store, write_csv(tmp_path / "one.csv", f"Trần Vi Dân,person,{WIKIDATA}Q1"))
    link(store, write_csv(tmp_path / "two.csv", f"Bộ Công an,organization,{WIKIDATA}Q2"))
    assert stored_links(store) == [(MPS, f"{WIKIDATA}Q2")]
    assert not bool(store.query(f"ASK {{ ?s owl:sameAs <{WIKIDATA}Q1> }}"))  # gone from the merged graph too
    link(store, tmp_path / "one.csv", append=True)
    assert stored_links(store) == [(MPS, f"{WIKIDATA}Q2"), (DAN, f"{WIKIDATA}Q1")]


def test_kg_link_reports_each_bad_row_in_one_line_and_loads_the_rest(tmp_path, seed_path):
    store_path = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(seed_path), "--store", store_path]).exit_code == 0
    links = write_csv(tmp_path / "links.csv", f"Trần Vi Dân,person,{WIKIDATA}Q1", "Không Ai,person,http://example.org/n")
    result = runner.invoke(main, ["link", str(links), "--store", store_path])
    assert result.exit_code == 2
    assert result.stdout == f"1 links -> {store_path}\n"
    assert result.stderr == f"Error: {links} row 3: no person named 'Không Ai' in the store\n"
    stats_output = runner.invoke(main, ["stats", "--store", store_path]).output
    assert [line.split() for line in stats_output.splitlines() if line.startswith("links")] == [["links", "1"]]
    (tmp_path / "bad.csv").write_text("name,iri\nA,http://example.org/a\n", encoding="utf-8")
    result = runner.invoke(main, ["link", str(tmp_path / "bad.csv"), "--store", store_path])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr == (f"Error: {tmp_path / 'bad.csv'}: the first row must name the columns kg, kind and "
                             "external (found: name, iri)\n")
