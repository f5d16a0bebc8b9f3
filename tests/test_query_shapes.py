"""Named queries reshaped for Oxigraph's planner (keys paged first, one-step OPTIONALs,
searches through a subquery) give the rows of their plain form, a page at a time, and the
count of the rest stops past the page."""
import importlib

import pytest
from click.testing import CliRunner

from articles import write_small_articles
from kg.cli import main
from kg.pipeline import build
from kg.query import counted, named_queries, paged, run_named, run_select
from kg.store import Store

QUERY = importlib.import_module("kg.query")  # the module: ``kg.query`` the attribute is the function
PREFIXES = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX kgo: <https://w3id.org/kg-vn/ontology#>
"""
PLAIN = {
    "people-posts": PREFIXES + """SELECT DISTINCT ?person ?name ?rank ?role ?organization WHERE {
      ?person a schema:Person ; schema:name ?name .
      OPTIONAL { ?person kgo:rank/skos:prefLabel ?rank . FILTER (LANG(?rank) = "vi") }
      OPTIONAL {
        ?person org:holds ?post . ?post org:role/skos:prefLabel ?role . FILTER (LANG(?role) = "vi")
        OPTIONAL { ?post org:postIn/skos:prefLabel ?organization . FILTER (LANG(?organization) = "vi") }
      }
    }""",
    "people-by-rank": PREFIXES + """SELECT DISTINCT ?person ?name ?rank WHERE {
      ?person a schema:Person ; schema:name ?name ; kgo:rank ?rankConcept .
      ?rankConcept skos:prefLabel ?rank . FILTER (LANG(?rank) = "vi")
    }""",
    "event-attendees": PREFIXES + """SELECT DISTINCT ?event ?person ?role ?organization WHERE {
      ?event a schema:Event ; schema:attendee ?person . ?person schema:name ?name .
      OPTIONAL {
        ?person org:holds ?post . ?post org:role/skos:prefLabel ?role . FILTER (LANG(?role) = "vi")
        OPTIONAL { ?post org:postIn/skos:prefLabel ?organization . FILTER (LANG(?organization) = "vi") }
      }
    }""",
    "article-summary": PREFIXES + """SELECT ?article
        (COUNT(DISTINCT IF(?class = schema:Person, ?thing, ?none)) AS ?people)
        (COUNT(DISTINCT IF(?class = org:Organization, ?thing, ?none)) AS ?organizations)
        (COUNT(DISTINCT IF(?class = schema:Event, ?thing, ?none)) AS ?events)
        (COUNT(DISTINCT IF(?class = schema:Legislation, ?thing, ?none)) AS ?documents) WHERE {
      ?article a schema:NewsArticle .
      OPTIONAL {
        VALUES (?via ?class) { (schema:mentions schema:Person) (schema:mentions org:Organization)
          (schema:mentions schema:Event) (schema:mentions schema:Legislation) (schema:citation schema:Legislation) }
        ?article ?via ?thing . ?thing a ?class .
      }
    } GROUP BY ?article""",
}
"""What each reshaped query answers, written plainly (its columns that say what, not how shown)."""
PLAIN_COLUMNS = {"people-posts": None, "people-by-rank": None, "event-attendees": [0, 3, 5, 6],
                 "article-summary": [0, 3, 4, 5, 6]}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("shapes")
    built = Store(folder / "store")
    assert build(write_small_articles(folder / "articles", 12), built).added == 12
    del built
    return Store(folder / "store", read_only=True)


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_a_reshaped_query_gives_the_rows_of_its_plain_form(store, name):
    rows = run_named(store, name).rows
    columns = PLAIN_COLUMNS[name]
    shown = sorted(tuple(row if columns is None else [row[i] for i in columns]) for row in rows)
    assert len(shown) > 7, "too few rows to compare: a test that cannot fail"
    assert shown == sorted(tuple(row) for row in run_select(store, PLAIN[name]).rows)


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_every_named_query_pages_into_its_whole_answer(store, name):
    whole, pages, offset = run_named(store, name).rows, [], 0
    while page := run_named(store, name, limit=3, offset=offset).rows:
        pages += page
        offset += len(page)
    assert pages == whole


def test_a_rank_is_found_from_its_concept(store):
    everyone = run_named(store, "people-by-rank").rows
    rank = everyone[0][2]
    assert run_named(store, "people-by-rank", {"rank_label": rank.upper()}).rows == [
        row for row in everyone if row[2] == rank]


def test_keys_are_paged_to_the_end_of_the_page_and_counted_unsorted():
    text = named_queries()["people-posts"].text
    assert "#keys" in text
    page = paged(text, 20, 40)
    assert "LIMIT 60" in page and page.rstrip().endswith("LIMIT 20 OFFSET 40") and "#keys" not in page
    assert "#keys" in paged(text, None, 40) and "LIMIT" not in paged(text, None, 40)
    count = counted(text, 1100)
    assert "ORDER BY" not in count and "LIMIT 1100" in count


def test_the_count_stops_past_the_page(store, monkeypatch):
    monkeypatch.setattr(QUERY, "COUNT_CAP", 4)
    whole = run_named(store, "people-posts").rows
    page = run_named(store, "people-posts", limit=5)
    assert len(whole) > 5 + 4 and page.more == 4 and not page.more_exact
    last = run_named(store, "people-posts", limit=5, offset=len(whole) - 7)
    assert last.more == 2 and last.more_exact


def test_the_table_says_at_least_when_counting_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(QUERY, "COUNT_CAP", 2)
    written = Store(tmp_path / "store")
    build(write_small_articles(tmp_path / "articles", 6), written)
    del written
    shown = CliRunner().invoke(main, ["query", "--name", "people-posts", "--limit", "3", "--store",
                                      str(tmp_path / "store")])
    assert shown.exit_code == 0, shown.output
    assert shown.output.strip().splitlines()[-1] == "(3 rows; at least 2 more: --offset 3)"
