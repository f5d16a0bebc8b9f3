"""The merged graph: every triple of the article graphs once, kept as the store's default graph
by the same writes that add, replace and remove articles, and read by queries.

A triple that several articles state is one row of a query, not one per article; dropping an
article takes from the merged graph only what no other article states."""
from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.pipeline import build, remove
from kg.query import named_queries, run_named
from kg.store import ArticleWrite, Store, write_update
from kg.store.sparql import selects_distinct

from articles import write_small_articles

A, B, C = (f"http://example.org/article/{name}" for name in "abc")


def nt(*objects: str) -> str:
    return "".join(f'<http://example.org/x> <http://example.org/p> "{value}" .\n' for value in objects)


def values(store: Store) -> list[str]:
    """The objects of <x> <p> as the default graph answers them, repeats kept."""
    return sorted(row["o"].value for row in store.query("SELECT ?o WHERE { <http://example.org/x> <http://example.org/p> ?o }"))


def count(store: Store, pattern: str) -> int:
    return int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")))["n"].value)


def default_triples(store: Store) -> set:
    return {(q.subject, q.predicate, q.object)
            for q in store._store.quads_for_pattern(None, None, None, ox.DefaultGraph())}


def named_triples(store: Store) -> set:
    return {(q.subject, q.predicate, q.object) for q in store.quads()}


def assert_merged(store: Store) -> None:
    assert default_triples(store) == named_triples(store)


@pytest.fixture
def two_articles():
    """A and B both state "shared"; each states one thing of its own."""
    store = Store(None)
    store.write_articles([ArticleWrite(A, nt("shared", "a only")), ArticleWrite(B, nt("shared", "b only"))])
    return store


def test_a_triple_two_articles_state_is_one_row(two_articles):
    assert values(two_articles) == ["a only", "b only", "shared"]
    assert count(two_articles, '?s ?p "shared"') == 1
    assert count(two_articles, 'GRAPH ?g { ?s ?p "shared" }') == 2, "each article graph still states it"
    assert_merged(two_articles)


def test_the_count_of_quads_and_the_quads_are_the_article_graphs(two_articles):
    assert len(two_articles) == 4
    assert {(q.object.value, q.graph_name.value) for q in two_articles.quads()} == {
        ("shared", A), ("a only", A), ("shared", B), ("b only", B)}
    quads = list(ox.parse(two_articles.dump(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == 4 and all(isinstance(q.graph_name, ox.NamedNode) for q in quads)
    triples = list(ox.parse(two_articles.dump(ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES))
    assert sorted(t.object.value for t in triples) == ["a only", "b only", "shared"]


def test_removing_one_article_keeps_what_the_other_states(two_articles):
    two_articles.remove_articles([A])
    assert values(two_articles) == ["b only", "shared"]
    two_articles.remove_articles([B])
    assert values(two_articles) == [] and len(two_articles) == 0
    assert default_triples(two_articles) == set()


def test_removing_both_in_one_update_takes_what_only_they_stated(two_articles):
    two_articles.write_articles([ArticleWrite(C, nt("c only"))])
    two_articles.remove_articles([A, B])
    assert values(two_articles) == ["c only"]
    assert_merged(two_articles)


def test_replacing_an_article_that_drops_a_shared_fact_keeps_it_while_another_states_it(two_articles):
    two_articles.write_articles([ArticleWrite(A, nt("a again"))])
    assert values(two_articles) == ["a again", "b only", "shared"]
    two_articles.write_articles([ArticleWrite(B, nt("b again"))])
    assert values(two_articles) == ["a again", "b again"]
    assert_merged(two_articles)


def test_an_article_that_replaces_others_under_a_new_iri(two_articles):
    two_articles.write_articles([ArticleWrite(C, nt("c only"), replaces=(A, B))])
    assert values(two_articles) == ["c only"] and {q.graph_name.value for q in two_articles.quads()} == {C}
    assert_merged(two_articles)


def test_an_article_twice_in_one_update_keeps_its_later_version_in_the_merged_graph(two_articles):
    two_articles.update(write_update([ArticleWrite(A, nt("first")), ArticleWrite(A, nt("second"))]))
    assert values(two_articles) == ["b only", "second", "shared"]
    assert_merged(two_articles)


def test_a_built_store_answers_each_shared_entity_once(tmp_path, seed_path):
    """The seed and two small articles all name the rank Thiếu tướng; it is one row."""
    store = Store(tmp_path / "store")
    assert build([seed_path, *write_small_articles(tmp_path / "small", 2)], store).added == 3
    assert len(store.articles()) == 3
    unit = '?rank skos:prefLabel "Thiếu tướng"@vi'
    assert count(store, f"GRAPH ?g {{ {unit} }}") == 3
    assert count(store, unit) == 1
    people = "?p a schema:Person ; schema:name ?name"
    distinct = int(next(iter(store.query(f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ {people} }}")))["n"].value)
    assert count(store, people) == distinct > 3
    assert_merged(store)
    remove(store, [str(seed_path)])
    assert count(store, unit) == 1 and count(store, f"GRAPH ?g {{ {unit} }}") == 2
    assert_merged(store)


def test_named_queries_give_the_rows_of_the_union_each_once(tmp_path, seed_path):
    """Every named query finds on the merged graph the rows it found on the union of the
    article graphs, without the repeats (a DISTINCT one: the same rows)."""
    folder = tmp_path / "articles"
    write_small_articles(folder, 3)
    shutil.copy(seed_path, folder / seed_path.name)
    store = Store(None)
    build([folder], store)
    repeated = 0
    for name, query in named_queries().items():
        merged = [tuple(row) for row in run_named(store, name).rows]
        store._union = True  # as a store without the merged graph is queried
        try:
            union = [tuple(row) for row in run_named(store, name).rows]
        finally:
            store._union = False
        assert set(merged) == set(union), name
        assert len(merged) == len(union) if selects_distinct(query.text) else len(merged) <= len(union), name
        repeated += len(union) - len(merged)
    people = "SELECT ?name WHERE { ?person a schema:Person ; schema:name ?name }"  # a query without DISTINCT
    repeated += len(list(store.query(people, default_graphs=None))) < len(run_select_union(store, people))
    assert repeated > 0, "some query repeated rows on the union: a test that cannot fail otherwise"


def run_select_union(store, sparql: str) -> list:
    store._union = True
    try:
        return list(store.query(sparql))
    finally:
        store._union = False


@pytest.fixture
def old_store(tmp_path):
    """A store as kg wrote it before the merged graph: article graphs, nothing in the default graph."""
    path = tmp_path / "old-store"
    store = ox.Store(str(path))
    store.load(nt("shared", "a only"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(A))
    store.load(nt("shared", "b only"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(B))
    store.flush()
    del store
    return path


def test_an_old_store_opened_read_only_is_queried_as_the_union(old_store):
    store = Store(old_store, read_only=True)
    assert default_triples(store) == set(), "a read-only open writes nothing"
    assert sorted(set(values(store))) == ["a only", "b only", "shared"]
    assert bool(store.query('ASK { ?s ?p "a only" }'))
    assert len(store) == 4 and store.articles() == [] and len(named_triples(store)) == 3
    assert sorted(t.object.value for t in ox.parse(store.dump(ox.RdfFormat.N_TRIPLES),
                                                   format=ox.RdfFormat.N_TRIPLES)) == ["a only", "b only", "shared"]


def test_an_old_store_opened_for_writing_gets_its_merged_graph(old_store):
    store = Store(old_store)
    assert values(store) == ["a only", "b only", "shared"]
    assert_merged(store)
    store.remove_articles([A])
    assert values(store) == ["b only", "shared"]
    del store
    assert values(Store(old_store, read_only=True)) == ["b only", "shared"]


def test_a_hand_written_update_is_merged_in_the_same_transaction(two_articles):
    two_articles.update_and_merge(f'INSERT DATA {{ GRAPH <{C}> {{ <http://example.org/x> <http://example.org/p> "c" }} }}')
    assert values(two_articles) == ["a only", "b only", "c", "shared"]
    two_articles.update_and_merge(f'DELETE DATA {{ GRAPH <{A}> {{ <http://example.org/x> <http://example.org/p> "shared" }} }} ;')
    assert values(two_articles) == ["a only", "b only", "c", "shared"], "B still states it"
    two_articles.update_and_merge(f"DROP GRAPH <{B}> # and a comment")
    assert values(two_articles) == ["a only", "c"]
    two_articles.update_and_merge('INSERT DATA { <http://example.org/x> <http://example.org/p> "default" }')
    assert values(two_articles) == ["a only", "c"], "the default graph is the merged graph, not written directly"
    assert_merged(two_articles)
    with pytest.raises(Exception, match="invalid SPARQL update: error at 1:"):
        two_articles.update_and_merge("INSERT DATA { <http://example.org/x> }")
    assert values(two_articles) == ["a only", "c"]


def test_bulk_loading_an_export_of_article_graphs(two_articles, tmp_path):
    export = tmp_path / "articles.nq"
    export.write_bytes(two_articles.dump(ox.RdfFormat.N_QUADS))
    store = Store(tmp_path / "bulk")
    store.bulk_load_articles(export)
    store.flush()
    del store
    loaded = Store(tmp_path / "bulk", read_only=True)
    assert values(loaded) == ["a only", "b only", "shared"] and len(loaded) == 4
    assert set(loaded.quads()) == set(two_articles.quads())
    assert_merged(loaded)


_VALUES = st.sampled_from(["v1", "v2", "v3", "v4"])
_ARTICLES = st.sampled_from([A, B, C])
_STEPS = st.lists(st.one_of(
    st.tuples(st.just("write"), _ARTICLES, st.lists(_VALUES, max_size=3)),
    st.tuples(st.just("batch"), st.lists(st.tuples(_ARTICLES, st.lists(_VALUES, max_size=3)), min_size=1, max_size=3)),
    st.tuples(st.just("move"), _ARTICLES, st.lists(_ARTICLES, min_size=1, max_size=2), st.lists(_VALUES, max_size=3)),
    st.tuples(st.just("remove"), st.lists(_ARTICLES, min_size=1, max_size=3)),
), max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_STEPS)
def test_any_sequence_of_writes_keeps_the_merged_graph_equal_to_the_union(steps):
    store = Store(None)
    for step in steps:
        if step[0] == "write":
            store.write_articles([ArticleWrite(step[1], nt(*step[2]))])
        elif step[0] == "batch":
            store.write_articles([ArticleWrite(iri, nt(*objects)) for iri, objects in step[1]])
            store.update(write_update([ArticleWrite(iri, nt(*objects)) for iri, objects in step[1]]))
        elif step[0] == "move":
            store.write_articles([ArticleWrite(step[1], nt(*step[3]), replaces=tuple(step[2]))])
        else:
            store.remove_articles(step[1])
        assert_merged(store)
        assert sorted(set(values(store))) == values(store), "no triple twice"
