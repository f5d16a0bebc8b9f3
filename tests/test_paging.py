"""Named queries shaped for size: pages (--limit, --offset, "N more"), and name search through
the folded kgo:searchKey, with or without diacritics."""
import pytest
from click.testing import CliRunner

from articles import write_small_articles
from kg.cli import main
from kg.normalise import search_key, search_keys
from kg.pipeline import build
from kg.query import counted, named_queries, paged, run_named, with_given
from kg.query.tables import NAMED_LIMIT
from kg.store import Store

ARTICLES = 12


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("paging")
    store = Store(folder / "store")
    assert build(write_small_articles(folder / "articles", ARTICLES), store).added == ARTICLES
    del store
    return folder / "store"


@pytest.fixture(scope="module")
def store(built):
    return Store(built, read_only=True)


@pytest.mark.parametrize("name", ["people-posts", "article-summary", "articles-mentioning", "event-attendees"])
def test_pages_are_the_whole_answer_cut_in_order(store, name):
    whole = run_named(store, name)
    assert len(whole.rows) > 7, "too few rows to page: a test that cannot fail"
    pages, offset = [], 0
    while True:
        page = run_named(store, name, limit=5, offset=offset)
        pages += page.rows
        offset += len(page.rows)
        assert page.more == len(whole.rows) - offset
        if not page.more:
            break
    assert pages == whole.rows


def test_a_page_past_the_end_is_empty(store):
    page = run_named(store, "people-posts", limit=5, offset=10_000)
    assert page.rows == [] and page.more == 0


def test_the_count_is_one_query_over_the_rows_unsorted():
    text = named_queries()["people-posts"].text
    count = counted(text)
    assert count.count("SELECT") == text.count("SELECT") + 1 and "ORDER BY" not in count
    assert "(COUNT(*) AS ?rows)" in count
    summary = counted(named_queries()["article-summary"].text).split("SELECT", 1)[1]  # the query, not its header
    assert "schema:mentions" not in summary and "GROUP BY" not in summary  # the articles, not what they mention
    assert "LIMIT 5 OFFSET 10" in paged(named_queries()["article-summary"].text, 5, 10).split("\nGROUP BY")[0]


def test_an_unset_parameter_drops_its_search_block():
    text = named_queries()["fact-source"].text
    assert "?person kgo:searchKey ?person_name_words" in with_given(text, {"person_name": "x"})
    assert "searchKey" in text and "searchKey" not in with_given(text, {}).replace("#", "")


def test_the_table_says_how_many_more_and_the_next_offset(built):
    runner = CliRunner()
    whole = run_named(Store(built, read_only=True), "people-posts")
    shown = runner.invoke(main, ["query", "--name", "people-posts", "--limit", "4", "--store", str(built)])
    assert shown.exit_code == 0, shown.output
    assert shown.output.strip().splitlines()[-1] == f"(4 rows; {len(whole.rows) - 4} more: --offset 4)"
    last = runner.invoke(main, ["query", "--name", "people-posts", "--limit", "4", "--offset",
                                str(len(whole.rows) - 2), "--store", str(built)])
    assert last.output.strip().splitlines()[-1] == "(2 rows)"
    csv = runner.invoke(main, ["query", "--name", "people-posts", "--limit", "3", "--format", "csv",
                               "--store", str(built)])
    assert len(csv.stdout.strip().splitlines()) == 4  # the header and three rows; the rest is said apart
    assert f"3 rows; {len(whole.rows) - 3} more: --offset 3" in csv.stderr


def test_the_default_limit_is_shown_and_zero_means_all(built):
    runner = CliRunner()
    assert f"[default: {NAMED_LIMIT};" in " ".join(runner.invoke(main, ["query", "--help"]).output.split())
    every = runner.invoke(main, ["query", "--name", "people-posts", "--limit", "0", "--format", "csv", "--store",
                                 str(built)])
    assert len(every.stdout.strip().splitlines()) - 1 == len(run_named(Store(built, read_only=True), "people-posts").rows)


def test_limit_pages_only_a_named_query(built):
    result = CliRunner().invoke(main, ["query", "SELECT * { ?s ?p ?o }", "--limit", "3", "--store", str(built)])
    assert result.exit_code == 2 and "write LIMIT and OFFSET in SPARQL" in result.output


def test_search_keys_are_folded_word_runs():
    assert search_key("Bà Rịa - Vũng Tàu") == "ba ria vung tau"
    assert search_keys("Trần Vi Dân") == ("tran", "vi", "dan")
    assert search_keys("Nguyễn Văn Nguyên") == ("nguyen", "van")
    assert search_key("ĐẠI HỘI Đảng") == "dai hoi dang"


@pytest.mark.parametrize("asked", ["Nguyễn Văn Bình", "nguyen van binh", "NGUYEN VAN BINH", "van binh", "Bình Văn"])
def test_a_person_is_found_with_or_without_diacritics(store, asked):
    rows = run_named(store, "fact-source", {"person_name": asked}).rows
    assert rows and {row[0] for row in rows} == {"Nguyễn Văn Bình"}


def test_a_search_finds_every_name_with_its_words(store):
    assert {row[0] for row in run_named(store, "fact-source", {"person_name": "binh"}).rows} == {
        "Nguyễn Văn Bình", "Trần Đức Bình"}


def test_a_search_matches_whole_words_only(store):
    assert run_named(store, "fact-source", {"person_name": "guyen van binh"}).rows == []
    assert run_named(store, "fact-source", {"person_name": "Văn Bì"}).rows == []
    assert run_named(store, "fact-source", {"person_name": "?!"}).rows == []  # no letter: nothing, not everything


def test_an_organisation_and_an_event_are_found_without_diacritics(store):
    mentioning = run_named(store, "articles-mentioning", {"entity_label": "cong an tinh nam dinh"}).rows
    assert mentioning and {row[4] for row in mentioning} >= {"Công an tỉnh Nam Định"}
    assert run_named(store, "articles-mentioning", {"entity_label": "Công an tỉnh Nam Định"}).rows == mentioning
    attended = run_named(store, "event-attendees", {"event_name": "hoi nghi"}).rows
    assert attended == run_named(store, "event-attendees", {"event_name": "Hội nghị"}).rows != []
