"""Incremental, idempotent ingest: removing articles, rebuilding, batches, parallel extraction."""
import re
import shutil

import pytest
from click.testing import CliRunner

import kg.pipeline as pipeline
from kg.cli import main
from kg.errors import KgError
from kg.extract import content_hash
from kg.pipeline import build, remove
from kg.rdf.mapping import IriMinter, map_to_ntriples
from kg.store import ArticleWrite, Store, WriteRejected, write_update

from articles import small_article, write_small_articles


def quads(store):
    return set(store.quads())


def ask(store, sparql):
    return bool(store.query(sparql))


@pytest.fixture
def corpus(tmp_path, seed_path):
    """The seed and five small articles in one folder."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(seed_path, folder / seed_path.name)
    write_small_articles(folder, 5)
    return folder


def test_removing_an_article_takes_only_what_it_said_and_rebuilding_restores_it(tmp_path, seed_path):
    small = write_small_articles(tmp_path / "small", 1)[0]
    seed_only = Store(None)
    build([seed_path], seed_only)
    store = Store(tmp_path / "store")
    build([seed_path, small], store)
    before = quads(store)
    assert ask(store, 'ASK { ?p schema:name "Nguyễn Văn Bình" }')
    shared = 'ASK { ?unit skos:prefLabel "Cục V04"@vi ; org:subOrganizationOf ?ministry }'
    assert ask(store, shared)

    assert remove(store, [str(small)]) == [str(IriMinter().article(content_hash(small_article(0))))]

    assert not ask(store, 'ASK { ?p schema:name "Nguyễn Văn Bình" }')
    assert not ask(store, 'ASK { ?p schema:name "Trần Đức Hải" }')
    assert ask(store, shared), "what the seed says about a shared unit stays"
    assert quads(store) == quads(seed_only)

    report = build([seed_path, small], store)
    assert (report.added, report.skipped) == (1, 1)
    assert quads(store) == before


def test_an_article_is_found_by_iri_hash_source_or_url(tmp_path, seed_path):
    store = Store(None)
    build([seed_path], store)
    [iri] = store.articles()
    digest = store.article_hash(iri)
    for name in (iri, digest, digest[:12], str(seed_path), seed_path.name):
        assert pipeline.resolve_article(store, name) == iri
    page = tmp_path / "page.jsonl"
    page.write_text('{"url": "https://cand.com.vn/a-1/", "title": "Hội nghị", "text": "%s"}\n'
                    % small_article(1).replace("\n", "\\n"), encoding="utf-8")
    build([page], store)
    assert remove(store, ["https://cand.com.vn/a-1/"]) != [iri]
    assert store.articles() == [iri]


def test_a_name_that_matches_no_article_removes_nothing(seed_store):
    count = len(seed_store)
    with pytest.raises(KgError, match="no article 'nothing-like-this'"):
        remove(seed_store, [seed_store.articles()[0], "nothing-like-this"])
    assert len(seed_store) == count


def test_building_twice_changes_nothing_and_skips_before_extraction(tmp_path, corpus, monkeypatch):
    store = Store(tmp_path / "store")
    first = build([corpus], store, jobs=2)
    assert (first.added, first.replaced, first.skipped, first.failed) == (6, 0, 0, [])
    before = quads(store)

    def no_extraction(*_):
        raise AssertionError("an unchanged article was extracted again")

    monkeypatch.setattr(pipeline, "map_article", no_extraction)
    again = build([corpus], store, jobs=2)
    assert (again.added, again.replaced, again.skipped) == (0, 0, 6)
    assert quads(store) == before


def test_parallel_and_serial_builds_write_the_same_graphs(tmp_path, corpus):
    serial, parallel = Store(None), Store(None)
    build([corpus], serial, jobs=1)
    report = build([corpus], parallel, jobs=2)
    assert report.added == 6
    assert quads(serial) == quads(parallel)


def test_writes_go_one_batch_at_a_time(tmp_path, corpus, monkeypatch):
    batches = []

    class CountingStore(Store):
        def write_articles(self, writes):
            batches.append(len(writes))
            super().write_articles(writes)

    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 4)
    store = CountingStore(None)
    build([corpus], store, jobs=1)
    assert batches == [4, 2]  # 6 articles: a batch of 4, then one of 2
    assert len(store.articles()) == 6


def test_new_articles_are_loaded_and_stored_ones_replaced_in_one_update(seed_record):
    updates = []

    class CountingStore(Store):
        def update(self, sparql):
            updates.append(sparql)
            super().update(sparql)

    iri, ntriples, _ = map_to_ntriples(seed_record)
    other = "http://example.org/article/other"
    store = CountingStore(None)
    store.write_articles([ArticleWrite(iri, ntriples), ArticleWrite(other, ntriples)])
    assert updates == [] and store.articles() == [iri]  # the other graph holds the first one's facts
    before = quads(store)
    assert {quad.graph_name.value for quad in before} == {iri, other}
    store.write_articles([ArticleWrite(iri, ntriples)])
    assert len(updates) == 1 and re.match(rf"DELETE {{ \?s \?p \?o }} WHERE {{ VALUES \?dropped {{ <{re.escape(iri)}> }}",
                                          updates[0])  # first out of the merged graph what only it states
    assert f"DROP SILENT GRAPH <{iri}> ;\nINSERT DATA {{" in updates[0]
    assert quads(store) == before
    store.write_articles([ArticleWrite("http://example.org/article/moved", ntriples, replaces=(iri, other))])
    assert len(updates) == 2 and {quad.graph_name.value for quad in store.quads()} == {"http://example.org/article/moved"}
    store.write_articles([ArticleWrite(other, ntriples), ArticleWrite(other, ntriples.replace("Trần Vi Dân", "Tô Lâm"))])
    assert len(updates) == 3 and bool(store.query(f'ASK {{ GRAPH <{other}> {{ ?p schema:name "Tô Lâm" }} }}'))
    assert not store.query(f'ASK {{ GRAPH <{other}> {{ ?p schema:name "Trần Vi Dân" }} }}')


def test_an_article_twice_in_one_update_keeps_its_later_version():
    graph = "http://example.org/article/a"
    store = Store(None)
    store.update(write_update([ArticleWrite(graph, '<http://a> <http://b> "1" .\n'),
                               ArticleWrite(graph, '<http://a> <http://b> "2" .\n')]))
    assert [quad.object.value for quad in store.quads()] == ["2"]


def test_the_store_refuses_a_graph_that_is_not_n_triples():
    store = Store(None)
    with pytest.raises(WriteRejected, match="invalid N-Triples"):
        store.write_articles([ArticleWrite("http://example.org/article/a", "<http://a> <http://b> .\n")])
    with pytest.raises(WriteRejected, match="invalid article IRI"):
        store.write_articles([ArticleWrite("not an IRI", "<http://a> <http://b> <http://c> .\n")])
    assert len(store) == 0


def test_an_article_the_store_refuses_is_reported_and_the_others_are_written(tmp_path, corpus):
    refused = IriMinter().article(content_hash(small_article(2)))

    class PickyStore(Store):
        def write_articles(self, writes):
            if any(write.iri == str(refused) for write in writes):
                raise WriteRejected("too picky")
            super().write_articles(writes)

    store = PickyStore(None)
    report = build([corpus], store, jobs=1)
    assert report.added == 5
    [failure] = report.failed
    assert failure.source.endswith("small_002.txt") and "the store refused it: too picky" in failure.reason
    assert len(store.articles()) == 5


def test_an_extraction_that_fails_is_reported_with_its_reason(tmp_path, corpus, monkeypatch):
    real_extract = pipeline.extract

    def failing_extract(article):
        if article.source.endswith("small_004.txt"):
            raise ValueError("no sentence found")
        return real_extract(article)

    monkeypatch.setattr(pipeline, "extract", failing_extract)
    report = build([corpus], Store(None), jobs=1)
    assert report.added == 5
    assert [(f.source.rsplit("/", 1)[1], f.reason) for f in report.failed] == [
        ("small_004.txt", "extraction failed: ValueError: no sentence found")]


def test_cli_build_with_jobs_and_remove(tmp_path, corpus, seed_path):
    runner = CliRunner()
    store = str(tmp_path / "store")
    built = runner.invoke(main, ["build", str(corpus), "--store", store, "--jobs", "2"])
    assert built.exit_code == 0, built.output
    assert "6 added, 0 replaced, 0 unchanged, 0 failed" in built.output
    removed = runner.invoke(main, ["remove", str(corpus / seed_path.name), "--store", store])
    assert removed.exit_code == 0, removed.output
    assert removed.output.startswith("removed https://w3id.org/kg-vn/id/article/")
    again = runner.invoke(main, ["build", str(corpus), "--store", store])
    assert "1 added, 0 replaced, 5 unchanged" in again.output
    missing = runner.invoke(main, ["remove", "no-such-article", "--store", store])
    assert missing.exit_code == 1 and "Error: no article 'no-such-article'" in missing.output


@pytest.mark.parametrize("edited", ["a.txt", "b.txt"])
def test_two_files_of_one_text_keep_it_when_one_is_edited(tmp_path, seed_path, edited):
    """a.txt and b.txt hold one text, stored once; one edited is a new article, and the other
    still holds the old one, in the store as in a clean build of the same files."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(seed_path, folder / name)
    store = Store(tmp_path / "store")
    first = build([folder], store)
    assert (first.added, first.skipped) == (1, 1)
    with open(folder / edited, "a", encoding="utf-8") as out:
        out.write("\nHội nghị kết thúc lúc 11 giờ cùng ngày.\n")
    second = build([folder], store)
    assert (second.added + second.replaced, second.skipped, second.failed) == (1, 1, [])
    assert len(store.articles()) == 2
    clean = Store(None)
    build([folder], clean)
    assert quads(store) == quads(clean)
    third = build([folder], store)
    assert (third.added, third.replaced, third.skipped) == (0, 0, 2)
    assert quads(store) == quads(clean)
