"""New articles written in numbers go through Oxigraph's bulk loader, outside a transaction:
the store must end as the transactional writes leave it, and a load cut short must leave
no part of an article behind, at once or when the store is next opened."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.store import embedded as store_module
from kg.errors import StoreError
from kg.pipeline import build
from kg.store import BULK_ARTICLES, UNFINISHED_JOURNAL, ArticleWrite, Store, WriteRejected

from articles import write_small_articles


def article(number: int) -> ArticleWrite:
    """An article graph: a fact of its own, one every article states, one it shares with the next."""
    iri = f"http://example.org/article/{number}"
    return ArticleWrite(iri, (
        f'<{iri}> <http://example.org/says> "fact {number}" .\n'
        '<http://example.org/org> <http://www.w3.org/2004/02/skos/core#prefLabel> "Bộ Công an"@vi .\n'
        f'<http://example.org/person/{number // 2}> <http://example.org/mentionedIn> <{iri}> .\n'))


def state(store: Store) -> tuple[set, set]:
    """The quads of the article graphs and the triples of the merged (default) graph."""
    default = {(q.subject, q.predicate, q.object)
               for q in store._store.quads_for_pattern(None, None, None, ox.DefaultGraph())}
    return set(store.quads()), default


def union(store: Store) -> set:
    return {(q.subject, q.predicate, q.object) for q in store.quads()}


class FailingBulkLoads:
    """The store's Oxigraph store, with its ``fail_at``-th bulk load failing after writing
    half of its input, as a full disk would."""

    def __init__(self, inner: ox.Store, fail_at: int, error: Exception) -> None:
        self.inner, self.fail_at, self.error, self.loads = inner, fail_at, error, 0

    def bulk_load(self, data, format):
        self.loads += 1
        if self.loads == self.fail_at:
            lines = data.splitlines(keepends=True)
            self.inner.bulk_load("".join(lines[: len(lines) // 2]), format=format)
            raise self.error
        self.inner.bulk_load(data, format=format)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def written_both_ways(tmp_path, monkeypatch, writes) -> tuple[Store, Store]:
    """Stores holding ``writes``: written as one bulk batch, and one transaction an article."""
    bulk = Store(tmp_path / "bulk")
    bulk.write_articles(writes)
    monkeypatch.setattr(store_module, "BULK_ARTICLES", 10 ** 9)
    one_by_one = Store(tmp_path / "transactions")
    one_by_one.write_articles(writes)
    return bulk, one_by_one


def test_a_bulk_write_leaves_the_store_as_transactions_do(tmp_path, monkeypatch):
    bulk, one_by_one = written_both_ways(tmp_path, monkeypatch, [article(number) for number in range(2 * BULK_ARTICLES)])
    assert state(bulk) == state(one_by_one)
    assert state(bulk)[1] == union(bulk)
    assert not (tmp_path / "bulk" / UNFINISHED_JOURNAL).exists()


def test_an_article_written_twice_in_a_bulk_batch_keeps_its_later_version(tmp_path):
    writes = [article(number) for number in range(BULK_ARTICLES)]
    later = ArticleWrite(writes[0].iri, f'<{writes[0].iri}> <http://example.org/says> "corrected" .\n')
    store = Store(tmp_path / "s")
    store.write_articles([*writes, later])
    says = {row["o"].value for row in store.query(f"SELECT ?o {{ <{later.iri}> <http://example.org/says> ?o }}")}
    assert says == {"corrected"}
    assert state(store)[1] == union(store)


@pytest.mark.parametrize("fail_at", [1, 2])
def test_a_bulk_load_cut_short_leaves_no_part_of_its_articles(tmp_path, fail_at):
    store = Store(tmp_path / "s")
    earlier = [article(number) for number in range(100, 100 + BULK_ARTICLES)]
    store.write_articles(earlier)
    before = state(store)
    store._store = FailingBulkLoads(store._store, fail_at, OSError("IO error: No space left on device"))
    with pytest.raises(StoreError, match="the disk is full"):
        store.write_articles([article(number) for number in range(BULK_ARTICLES)])
    assert state(store) == before
    assert not (tmp_path / "s" / UNFINISHED_JOURNAL).exists()


def killed_during_a_second_bulk_load(path, *, merged_part: bool) -> tuple[tuple[set, set], list[ArticleWrite]]:
    """A store of some articles, then what a process killed during the bulk load of more
    leaves: the journal, the new article graphs and, with ``merged_part``, part of their
    triples in the merged graph. Returns the state before the second load and its articles."""
    store = Store(path)
    store.write_articles([article(number) for number in range(100, 100 + BULK_ARTICLES)])
    before = state(store)
    cut = [article(number) for number in range(BULK_ARTICLES)]
    (path / UNFINISHED_JOURNAL).write_text("".join(f"{write.iri}\n" for write in cut))
    store._store.bulk_load("".join(store_module._in_graph(write.ntriples, write.iri) for write in cut),
                           format=ox.RdfFormat.N_QUADS)
    if merged_part:
        store._store.bulk_load(cut[0].ntriples, format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    return before, cut


def test_a_load_killed_midway_is_taken_out_when_the_store_is_next_opened(tmp_path):
    before, _ = killed_during_a_second_bulk_load(tmp_path / "s", merged_part=True)
    reopened = Store(tmp_path / "s")
    assert state(reopened) == before
    assert not (tmp_path / "s" / UNFINISHED_JOURNAL).exists()


def test_bad_n_triples_in_a_bulk_batch_are_refused_and_leave_nothing(tmp_path):
    store = Store(tmp_path / "s")
    writes = [article(number) for number in range(BULK_ARTICLES)]
    writes[3] = ArticleWrite(writes[3].iri, "<http://example.org/a> <http://example.org/b> not a term .\n")
    with pytest.raises(WriteRejected, match="invalid N-Triples"):
        store.write_articles(writes)
    assert state(store) == (set(), set())


def test_a_build_writes_the_good_articles_of_a_batch_with_a_bad_one(tmp_path, monkeypatch):
    """The build writes a refused batch again one article at a time (in transactions)."""
    folder = tmp_path / "articles"
    write_small_articles(folder, BULK_ARTICLES + 2)
    real = store_module._in_graph
    bad = {}

    def breaking(ntriples, graph):
        if not bad:
            bad[graph] = True
            ntriples += "<http://example.org/a> <http://example.org/b> broken .\n"
        return real(ntriples, graph)

    monkeypatch.setattr(store_module, "_in_graph", breaking)
    store = Store(tmp_path / "s")
    report = build([folder], store)
    assert report.added == BULK_ARTICLES + 2 and not report.failed
    assert state(store)[1] == union(store)


@pytest.mark.parametrize("extra", ["\n# a comment line\n", "<http://example.org/a> <http://example.org/b> \"c\" . # said after\n"])
def test_n_triples_with_comments_and_blank_lines_load_whole(tmp_path, monkeypatch, extra):
    writes = [ArticleWrite(write.iri, write.ntriples + extra) for write in map(article, range(BULK_ARTICLES))]
    bulk, one_by_one = written_both_ways(tmp_path, monkeypatch, writes)
    assert state(bulk) == state(one_by_one)
    assert len(bulk) == len(one_by_one) == BULK_ARTICLES * (3 + extra.count(" ."))


def test_a_store_served_read_only_never_shows_an_unfinished_load(tmp_path):
    """A build killed during its bulk load, then ``kg serve`` (read-only): the articles its
    journal lists are taken out before the store is served, as a build would take them out."""
    from kg.query.pool import QueryPool

    before, cut = killed_during_a_second_bulk_load(tmp_path / "s", merged_part=False)
    served = Store(tmp_path / "s", read_only=True)
    assert state(served) == before and not (tmp_path / "s" / UNFINISHED_JOURNAL).exists()
    pool = QueryPool(tmp_path / "s", workers=1)
    try:
        answer = pool.run(f"ASK {{ GRAPH <{cut[0].iri}> {{ ?s ?p ?o }} }}", None, None, 10, 30)
        assert answer.boolean is False
    finally:
        pool.close()
