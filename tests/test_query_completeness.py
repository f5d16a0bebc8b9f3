"""Each list query returns every article or entity it claims to list: a required pattern for
an optional attribute (a headline, a label) must not silently drop what lacks it."""
from __future__ import annotations

import pytest

from kg.pipeline import build
from kg.query import named_queries, run_named, run_select
from kg.store import Store

from conftest import REPO

# A headline-less article: the text opens with a sentence, not a title line.
NO_HEADLINE = ("Sáng 20/12, Công an tỉnh Nam Định tổ chức hội nghị tổng kết công tác năm 2023, "
               "Đại tá Nguyễn Văn Bình, Giám đốc Công an tỉnh Nam Định chủ trì hội nghị, "
               "dự hội nghị có Thiếu tướng Trần Đức Khánh, Phó Cục trưởng Cục V04 Bộ Công an.\n")

# A namesake of the officer above, in a national body: two people of one name.
NAMESAKE = ("Bộ Tài chính tổng kết năm\n\nSáng 22/12, ông Nguyễn Văn Bình, Thứ trưởng Bộ Tài chính, "
            "phát biểu tại hội nghị tổng kết công tác năm 2023.\n")

PREFIXES = """PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX kgo: <https://w3id.org/kg-vn/ontology#>
PREFIX gaf: <http://groundedannotationframework.org/gaf#>
"""

# For each named query: the columns that name what it lists, and a query for all of those.
EVERYTHING = {
    "article-summary": (("article",), "SELECT ?article { ?article a schema:NewsArticle }"),
    "articles-mentioning": (("article", "entity"), """SELECT ?article ?entity {
        ?article a schema:NewsArticle ; schema:mentions ?entity .
        VALUES ?class { schema:Person org:Organization schema:Event schema:Legislation schema:Place }
        ?entity a ?class }"""),
    "documents-by-issuer": (("doc",), "SELECT ?doc { ?doc a schema:Legislation ; schema:legislationPassedBy ?issuer }"),
    "event-attendees": (("event", "person"), "SELECT ?event ?person { ?event a schema:Event ; schema:attendee ?person }"),
    "event-organizers": (("event", "organizer"),
                         "SELECT ?event ?organizer { ?event a schema:Event ; schema:organizer ?organizer }"),
    "event-speeches": (("event", "speaker"),
                       "SELECT ?event ?speaker { ?event a schema:Event ; kgo:speech/kgo:speaker ?speaker }"),
    "fact-source": (("sentence",), "SELECT ?sentence { ?person a schema:Person ; org:holds/gaf:denotedBy ?sentence }"),
    "people-by-rank": (("person",), "SELECT ?person { ?person a schema:Person ; kgo:rank ?rank }"),
    "people-posts": (("person",), "SELECT ?person { ?person a schema:Person }"),
    "posts-in-units": (("unit", "person"), "SELECT ?unit ?person { ?post org:postIn ?unit ; org:heldBy ?person }"),
    "post-holders": (("attestation",), "SELECT ?attestation { ?post a org:Post ; kgo:attestation ?attestation }"),
    "articles-in-place": (("article", "unit", "mentioned"), """SELECT ?article ?unit ?mentioned {
        ?unit a kgo:AdministrativeUnit . ?mentioned schema:location?/schema:containedInPlace* ?unit .
        ?article a schema:NewsArticle ; schema:mentions ?mentioned }"""),
    "namesakes": (("person",), """SELECT ?person { ?person a schema:Person ; schema:name ?name .
        ?other a schema:Person ; schema:name ?name FILTER (?other != ?person) }"""),
}


@pytest.fixture(scope="module")
def bundled_store(tmp_path_factory):
    """The bundled articles, one without a headline and one naming a namesake."""
    folder = tmp_path_factory.mktemp("completeness")
    extra, namesake = folder / "no-headline.txt", folder / "namesake.txt"
    extra.write_text(NO_HEADLINE, encoding="utf-8")
    namesake.write_text(NAMESAKE, encoding="utf-8")
    store = Store(folder / "kg-store")
    report = build([REPO / "data" / "articles", extra, namesake], store)
    assert not report.failed
    return store


def _keys(table, columns):
    indexes = [table.columns.index(column) for column in columns]
    return {tuple(row[i] for i in indexes) for row in table.rows}


def test_every_named_query_has_its_completeness_check():
    assert set(EVERYTHING) == set(named_queries())


def test_the_headline_less_article_is_in_the_store(bundled_store):
    headless = run_select(bundled_store, PREFIXES + "SELECT ?a { ?a a schema:NewsArticle FILTER NOT EXISTS "
                                                    "{ ?a schema:headline ?h } }")
    assert len(headless.rows) == 1


@pytest.mark.parametrize("name", sorted(EVERYTHING))
def test_a_list_query_returns_everything_it_lists(bundled_store, name):
    columns, everything = EVERYTHING[name]
    expected = _keys(run_select(bundled_store, PREFIXES + everything), columns)
    assert expected, f"{name}: the bundled articles give nothing to list"
    assert _keys(run_named(bundled_store, name), columns) == expected
