"""The store on a real SPARQL server: Virtuoso 7.2 (Debian's virtuoso-opensource), started
here on loopback with its database in a temporary folder.

The same articles built into Virtuoso and into the embedded store give the same quads and
the same named-query answers; rebuilding changes nothing; removing works the same.
"""
import secrets
import shutil
import socket
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError, StoreError
from kg.links import link, stored_links
from kg.pipeline import build, remove
from kg.query import named_queries, run_named
from kg.store import MERGED_GRAPH, Store, open_store
from kg.store.remote import RemoteStore

from articles import write_small_articles
from conftest import REPO

VIRTUOSO, ISQL = shutil.which("virtuoso-t"), shutil.which("isql-vt")
needs_virtuoso = pytest.mark.skipif(
    not (VIRTUOSO and ISQL),
    reason="Virtuoso is not installed (Debian: apt-get install virtuoso-opensource; .ci/run installs it)")
pytestmark = needs_virtuoso
# ../shared beside the repository (see ../shared/README.md); the tests run without it
SHARED_CORPUS = REPO.parent / "shared" / "corpus" / "articles"
SHARED_ARTICLES = 4
MAX_ROWS = 100_000  # Virtuoso's default ResultSetMaxRows is 10000

INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {folder}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 60

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 120
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Virtuoso:
    """A Virtuoso server of the tests' own, with a user that may run SPARQL updates."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sql_port, self.http_port = free_port(), free_port()
        self.dba_password = secrets.token_hex(8)
        self.user, self.password = "kg", secrets.token_hex(8)
        self.location = f"sparql+http://127.0.0.1:{self.http_port}/sparql"
        self.update_url = f"http://127.0.0.1:{self.http_port}/sparql-auth"

    def start(self) -> None:
        (self.folder / "virtuoso.ini").write_text(
            INI.format(folder=self.folder, sql_port=self.sql_port, http_port=self.http_port, max_rows=MAX_ROWS))
        # +wait: return once the server is online (it goes on in the background)
        subprocess.run([VIRTUOSO, "-c", "virtuoso.ini", "+wait"], cwd=self.folder, check=True, timeout=120,
                       capture_output=True)
        # debconf's password is not there for a database of our own: the first one is dba/dba
        self.sql(f"user_set_password('dba', '{self.dba_password}');", password="dba")
        self.sql(f"DB.DBA.USER_CREATE('{self.user}', '{self.password}'); GRANT SPARQL_UPDATE TO \"{self.user}\";")

    def sql(self, statements: str, password: str | None = None) -> str:
        done = subprocess.run([ISQL, f"127.0.0.1:{self.sql_port}", "dba", password or self.dba_password,
                               f"exec={statements}"], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and "Error" not in done.stdout + done.stderr, done.stdout + done.stderr
        return done.stdout

    def stop(self) -> None:
        subprocess.run([ISQL, f"127.0.0.1:{self.sql_port}", "dba", self.dba_password, "exec=shutdown;"],
                       capture_output=True, timeout=60)

    def store(self) -> RemoteStore:
        return RemoteStore(self.location, update_url=self.update_url, user=self.user, password=self.password)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The bundled articles, small generated articles and, when the shared corpus is here, a
    few of its articles (a few: the named queries over the merged graph are quick on the whole
    corpus, but each article costs the build time)."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted((REPO / "data" / "articles").glob("*.txt")):
        shutil.copy(path, folder / path.name)
    write_small_articles(folder, 6)
    if SHARED_CORPUS.is_dir():
        for path in sorted(SHARED_CORPUS.glob("*.txt"))[:SHARED_ARTICLES]:
            shutil.copy(path, folder / f"shared_{path.name}")
    return folder


def test_the_shared_corpus_is_compared_too(corpus):
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"{SHARED_CORPUS} is absent: the stores are compared on the bundled and generated articles only")
    assert len(list(corpus.glob("shared_*.txt"))) == SHARED_ARTICLES


@pytest.fixture(scope="module")
def built(virtuoso, corpus):
    """The corpus in Virtuoso and in an embedded store, each built once."""
    remote, embedded = virtuoso.store(), Store(None)
    report = build([corpus], remote, jobs=2)
    assert not report.failed and report.added == len(list(corpus.glob("*.txt")))
    build([corpus], embedded, jobs=2)
    return remote, embedded


def test_the_same_quads_on_virtuoso_and_embedded(built):
    remote, embedded = built
    assert remote.articles() == embedded.articles()
    assert set(remote.quads()) == set(embedded.quads())
    assert len(remote) == len(embedded)


def test_named_queries_give_the_same_answers(built):
    remote, embedded = built
    cases = [(name, {}) for name in named_queries()] + [
        ("event-attendees", {"event_name": "tọa đàm"}),
        ("people-by-rank", {"rank_label": "Trung tướng"}),
        ("documents-by-issuer", {"org_label": "Bộ Chính trị"}),
        ("fact-source", {"person_name": "Lê Khắc Nam"}),
        ("posts-in-units", {"org_label": "Bộ Công an"}),
        ("articles-mentioning", {"entity_label": "Cục V04"}),
    ]
    for name, params in cases:
        expected = run_named(embedded, name, params)
        assert expected.rows or params == {}, f"{name} {params} finds nothing: a test that cannot fail"
        assert run_named(remote, name, params) == expected, (name, params)


def test_rebuilding_changes_nothing(built, corpus):
    remote, _ = built
    before = len(remote)
    report = build([corpus], remote, jobs=2)
    assert (report.added, report.replaced, report.failed) == (0, 0, [])
    assert len(remote) == before


def test_removing_and_rebuilding_an_article(built, corpus):
    remote, embedded = built
    small = corpus / "small_003.txt"
    for store in (remote, embedded):
        remove(store, [str(small)])
    assert set(remote.quads()) == set(embedded.quads())
    assert not bool(remote.query('ASK { ?p schema:name "Nguyễn Văn Hải" }'))
    for store in (remote, embedded):
        assert build([small], store).added == 1
    assert set(remote.quads()) == set(embedded.quads())


def merged_triples(remote):
    return {(row["s"], row["p"], row["o"])
            for row in remote.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{MERGED_GRAPH}> {{ ?s ?p ?o }} }}")}


def union_triples(store):
    return {(quad.subject, quad.predicate, quad.object) for quad in store.quads()}


def count(store, pattern):
    return int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")))["n"].value)


RANK = '?rank skos:prefLabel "Thiếu tướng"@vi'


def test_the_merged_graph_states_each_triple_once(built, corpus):
    remote, embedded = built
    assert merged_triples(remote) == union_triples(remote)
    assert count(remote, f"GRAPH ?g {{ {RANK} FILTER (?g != <{MERGED_GRAPH}>) }}") > 1, "several articles state it"
    assert count(remote, RANK) == count(embedded, RANK) == 1
    people = "?p a schema:Person ; schema:name ?name"
    assert count(remote, people) == count(embedded, people)
    remove(remote, [str(corpus / "small_004.txt"), str(corpus / "small_005.txt")])
    assert merged_triples(remote) == union_triples(remote)
    assert build([corpus], remote).added == 2
    assert merged_triples(remote) == union_triples(remote) == union_triples(embedded)


def test_the_catalogue_is_read_a_page_at_a_time(built, monkeypatch):
    remote, embedded = built
    monkeypatch.setattr("kg.store.remote.PAGE_ROWS", 3)
    assert sorted(remote.catalogue(), key=lambda a: a.iri) == sorted(embedded.catalogue(), key=lambda a: a.iri)


def test_a_result_the_server_cuts_is_an_error(built):
    remote, _ = built
    with pytest.raises(QueryError, match=f"cut the result at {MAX_ROWS} rows"):
        remote.query("SELECT ?s WHERE { ?s ?p ?o . ?x ?y ?z }")


def test_bad_queries_and_credentials(virtuoso):
    store = virtuoso.store()
    with pytest.raises(QueryError, match="invalid SPARQL: .*SP030"):
        store.query("SELEKT ?x WHERE {}")
    wrong = RemoteStore(virtuoso.location, update_url=virtuoso.update_url, user=virtuoso.user, password="wrong")
    with pytest.raises(StoreError, match="refused the credentials"):
        wrong.remove_articles(["urn:kg:none"])
    anonymous = RemoteStore(virtuoso.location, update_url=virtuoso.update_url)
    with pytest.raises(StoreError, match="wants credentials"):
        anonymous.remove_articles(["urn:kg:none"])


def test_cli_build_query_and_export_on_virtuoso(virtuoso, built, seed_path, tmp_path, monkeypatch):
    remote, embedded = built
    monkeypatch.setenv("KG_SPARQL_USER", virtuoso.user)
    monkeypatch.setenv("KG_SPARQL_PASSWORD", virtuoso.password)
    runner = CliRunner()
    server = ["--store", virtuoso.location]
    result = runner.invoke(main, ["build", str(seed_path), *server, "--update-url", virtuoso.update_url])
    assert result.exit_code == 0 and "1 unchanged" in result.output, result.output
    result = runner.invoke(main, ["query", "--name", "people-by-rank", "--param", "rank_label=Trung tướng",
                                  "--format", "csv", *server])
    assert result.exit_code == 0 and "Trần Vi Dân" in result.output
    result = runner.invoke(main, ["query", "CONSTRUCT WHERE { ?p a schema:Person ; schema:name ?n }", *server])
    assert result.exit_code == 0 and '"Trần Vi Dân"' in result.output
    out = tmp_path / "kg.nq"
    result = runner.invoke(main, ["export", "--format", "nq", "-o", str(out), *server])
    assert result.exit_code == 0, result.output
    assert set(ox.parse(path=out, format=ox.RdfFormat.N_QUADS)) == set(embedded.quads())


def test_unreachable_server(tmp_path):
    store = open_store(f"sparql+http://127.0.0.1:{free_port()}/sparql")
    with pytest.raises(StoreError, match="cannot reach the SPARQL server"):
        store.articles()


def test_links_on_virtuoso_are_queried_and_kept_by_removals_and_rebuilds(built, corpus, tmp_path):
    remote, embedded = built
    links = tmp_path / "links.csv"
    links.write_text("kg,kind,external\nTrần Vi Dân,person,https://example.org/dan\n"
                     "Bộ Công an,organization,https://example.org/mps\n", encoding="utf-8")
    for store in (remote, embedded):
        assert link(store, links).links == 2
    remove(remote, [str(corpus / "small_001.txt")])
    assert build([corpus], remote).added == 1
    assert stored_links(remote) == stored_links(embedded) and len(stored_links(remote)) == 2
    assert count(remote, "?who owl:sameAs <https://example.org/dan>") == 1  # in the merged graph
    assert merged_triples(remote) == union_triples(remote) and set(remote.quads()) == set(embedded.quads())
    assert len(remote) == len(embedded)
    links.write_text("kg,kind,external\n", encoding="utf-8")  # an empty list takes the links out again
    for store in (remote, embedded):
        assert link(store, links).links == 0
    assert count(remote, "?who owl:sameAs ?same") == 0 and merged_triples(remote) == union_triples(remote)


def test_a_server_written_before_the_merged_graph(virtuoso, built, corpus):
    """Last: it drops the merged graph, as a server built by an older kg has none, then writes."""
    remote, embedded = built
    remote.update(f"DROP SILENT GRAPH <{MERGED_GRAPH}>")
    older = virtuoso.store()
    assert count(older, RANK) > 1, "queried as the union of all graphs, as before"
    assert run_named(older, "people-by-rank", {"rank_label": "Trung tướng"}) == \
        run_named(embedded, "people-by-rank", {"rank_label": "Trung tướng"})
    remove(older, [str(corpus / "small_002.txt")])  # the first write fills the merged graph
    assert count(older, RANK) == 1
    assert merged_triples(older) == union_triples(older)
    assert build([corpus], older).added == 1
    assert merged_triples(older) == union_triples(embedded)
