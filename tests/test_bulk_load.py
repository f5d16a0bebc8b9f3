"""A store as N-Quads shards for a server's bulk loader (kg build --nquads-out), and the shards
bulk-loaded into Virtuoso 7.2 (kg bulk-load, started here on loopback as tests/test_remote.py
does): the server then answers the named queries as the embedded store the shards came from."""
from __future__ import annotations

import gzip
import json
import os
import shutil

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KgError
from kg.query import named_queries, run_named
from kg.store import MERGED_GRAPH, LINKS_GRAPH, Store
from kg.store.remote import RemoteStore
from kg.store.shards import GRAPH_LIST, MANIFEST, read_shards, write_shards

from conftest import REPO
from test_remote import needs_virtuoso, virtuoso  # noqa: F401 (the fixture, shared with the remote tests)
from test_resolve import CAREER

DECISION = ox.NamedNode("https://w3id.org/kg-vn/ontology#IdentityDecision")
SHARD_QUADS = 2000  # small shards: the sample makes several, and the merged graph is cut


def invoke(*args: str, **env: str):
    return CliRunner().invoke(main, list(args), env=env or None)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The bundled articles and articles whose people the identity pass joins and keeps apart,
    built into a store with a link, then built again (all unchanged) with --nquads-out."""
    folder = tmp_path_factory.mktemp("bulk")
    corpus = folder / "corpus"
    shutil.copytree(REPO / "data" / "articles", corpus)
    for name in ("secretary.txt", "minister.txt", "no_post.txt", "captain.txt", "association.txt"):
        (corpus / name).write_text(CAREER[name], encoding="utf-8")
    (folder / "links.csv").write_text("kg,kind,external\nTrần Vi Dân,person,https://example.org/dan\n",
                                      encoding="utf-8")
    store, shards = folder / "store", folder / "shards"
    assert invoke("build", str(corpus), "--store", str(store), "-j", "1").exit_code == 0
    assert invoke("link", str(folder / "links.csv"), "--store", str(store)).exit_code == 0
    result = invoke("build", str(corpus), "--store", str(store), "--nquads-out", str(shards),
                    "--shard-quads", str(SHARD_QUADS), "-j", "1")
    assert result.exit_code == 0 and "11 unchanged" in result.output and " shards, " in result.output, result.output
    return Store(store, read_only=True), shards


def shard_quads(folder) -> list[ox.Quad]:
    return [quad for shard in read_shards(folder).shards
            for quad in ox.parse(gzip.open(folder / shard.file), format=ox.RdfFormat.N_QUADS)]


def test_the_shards_hold_the_article_graphs_links_and_merged_graph(built):
    store, folder = built
    quads = shard_quads(folder)
    assert len(quads) == len(set(quads))
    merged = ox.NamedNode(MERGED_GRAPH)
    expected = set(store.quads()) | {ox.Quad(t.subject, t.predicate, t.object, merged)
                                     for t in store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")}
    assert set(quads) == expected
    assert any(quad.graph_name.value == LINKS_GRAPH for quad in quads)
    decided = {quad.graph_name for quad in quads if quad.object == DECISION}
    assert merged in decided and len(decided) >= 3  # in the articles' graphs, and merged
    assert any(quad.predicate.value.endswith("#joinedFrom") and quad.graph_name != merged for quad in quads)


def test_the_manifest_counts_and_lists_every_graph(built):
    store, folder = built
    shards = read_shards(folder)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert shards.articles == len(store.articles()) == 11
    assert shards.article_quads + shards.link_quads == len(store) and shards.link_quads == 1
    assert manifest["quads"]["total"] == shards.quads == len(shard_quads(folder))
    assert len(shards.shards) >= 3 and sorted(os.listdir(folder)) == sorted(
        [MANIFEST, GRAPH_LIST, *(shard.file for shard in shards.shards)])
    with gzip.open(folder / GRAPH_LIST, "rt", encoding="utf-8") as listing:
        rows = [line.rstrip("\n").split("\t") for line in listing][1:]
    articles = [graph for graph, _, _ in rows if graph not in (MERGED_GRAPH, LINKS_GRAPH)]
    assert sorted(articles) == store.articles()  # each article graph whole, in one shard
    per_shard = {shard.file: 0 for shard in shards.shards}
    for _, shard, quads in rows:
        per_shard[shard] += int(quads)
    assert per_shard == {shard.file: shard.quads for shard in shards.shards}
    assert all(shard.quads <= SHARD_QUADS for shard in shards.shards)
    assert sum(int(quads) for graph, _, quads in rows if graph == MERGED_GRAPH) == shards.merged_triples


def test_the_same_store_gives_the_same_files(built, tmp_path):
    store, folder = built
    again = write_shards(store, tmp_path / "again", shard_quads=SHARD_QUADS)
    assert again == read_shards(tmp_path / "again")
    assert [shard.sha256 for shard in again.shards] == [shard.sha256 for shard in read_shards(folder).shards]


def test_no_shard_is_left_empty_when_the_last_one_ends_full(built, tmp_path):
    store, folder = built
    total = read_shards(folder).quads
    assert [shard.quads for shard in write_shards(store, tmp_path / "one", shard_quads=total).shards] == [total]


def test_bad_output_folders_get_one_line(tmp_path, monkeypatch):
    data = str(REPO / "data" / "articles" / "000_1b1701c52a3f4772.txt")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    (tmp_path / "file").write_text("x")
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed").chmod(0o500)
    if os.geteuid() == 0:  # root may write anywhere: the check is made to answer as for anyone else
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda path, mode: False if str(path) == str(tmp_path / "closed")
                            else real_access(path, mode))
    cases = {tmp_path / "full": "the folder is not empty", tmp_path / "file": "is not a folder",
             tmp_path / "none" / "out": "does not exist", tmp_path / "closed" / "out": "is not writable"}
    try:
        for out, reason in cases.items():
            result = CliRunner().invoke(main, ["build", data, "--store", str(tmp_path / "s"), "--nquads-out", str(out)])
            assert result.exit_code == 2 and result.stderr.count("\n") == 1 and reason in result.stderr, result.stderr
            assert result.stderr.startswith(f"Error: {out}: ") and not (tmp_path / "s").exists()
    finally:
        (tmp_path / "closed").chmod(0o755)
    result = CliRunner().invoke(main, ["build", data, "--store", "sparql+http://127.0.0.1:9/sparql",
                                       "--nquads-out", str(tmp_path / "new")])
    assert result.exit_code == 1 and "embedded store" in result.stderr and result.stderr.count("\n") == 1


def test_blank_nodes_are_refused(tmp_path):
    store = Store(None)
    store.update("INSERT DATA { GRAPH <urn:kg:g> { _:someone <urn:kg:p> <urn:kg:o> } }")
    with pytest.raises(KgError, match="blank nodes"):
        write_shards(store, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_missing_or_damaged_shards_are_named(built, tmp_path):
    _, folder = built
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    first = read_shards(copy).shards[0].file
    (copy / first).write_bytes((copy / first).read_bytes()[:100])
    with pytest.raises(KgError, match=f"{first}: 100 bytes, the manifest says"):
        read_shards(copy)
    (copy / first).unlink()
    with pytest.raises(KgError, match=f"{first}: missing"):
        read_shards(copy)
    result = CliRunner().invoke(main, ["bulk-load", str(tmp_path)])
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {tmp_path}: no {MANIFEST}")


def test_the_statements_name_every_shard_where_the_server_sees_it(built):
    _, folder = built
    shards = read_shards(folder)
    printed = invoke("bulk-load", str(folder)).output
    assert [line for line in printed.splitlines() if line.startswith("ld_add(")] == [
        f"ld_add('{folder.resolve()}/{shard.file}', '{MERGED_GRAPH}');" for shard in shards.shards]
    assert "rdf_loader_run();" in printed and "checkpoint;" in printed
    assert f"-- quads in the merged graph: {shards.merged_triples} expected" in printed
    elsewhere = invoke("bulk-load", str(folder), "--server-dir", "/srv/kg/shards/").output
    assert f"ld_add('/srv/kg/shards/{shards.shards[0].file}', " in elsewhere and str(folder) not in elsewhere


@pytest.fixture(scope="module")
def loaded(virtuoso, built):
    """The shards, copied under the server's folder, bulk-loaded with two loaders."""
    store, folder = built
    served = virtuoso.folder / "shards"
    shutil.copytree(folder, served)
    result = invoke("bulk-load", str(served), "--isql", f"127.0.0.1:{virtuoso.sql_port}", "--loaders", "2",
                    KG_ISQL_PASSWORD=virtuoso.dba_password)
    assert result.exit_code == 0 and f"{read_shards(folder).quads:,} quads" in result.output, result.output
    return RemoteStore(virtuoso.location), store, served


@needs_virtuoso
def test_the_server_holds_what_the_store_holds(loaded):
    remote, store, _ = loaded
    assert remote.articles() == store.articles()
    assert set(remote.quads()) == set(store.quads()) and len(remote) == len(store)
    merged = {(row["s"], row["p"], row["o"]) for row in remote.query(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{MERGED_GRAPH}> {{ ?s ?p ?o }} }}")}
    assert merged == {(t.subject, t.predicate, t.object) for t in store.query("CONSTRUCT WHERE { ?s ?p ?o }")}


@needs_virtuoso
def test_named_queries_give_the_embedded_stores_answers(loaded):
    remote, store, _ = loaded
    cases = [(name, {}) for name in named_queries()] + [
        ("people-by-rank", {"rank_label": "Trung tướng"}),
        ("fact-source", {"person_name": "Trần Vi Dân"}),
        ("fact-source", {"person_name": "Hoàng Minh Khải"}),  # the node the identity pass joined
        ("posts-in-units", {"org_label": "Bộ Công an"}),
        ("articles-mentioning", {"entity_label": "cuc v04"}),
    ]
    for name, params in cases:
        expected = run_named(store, name, params)
        assert expected.rows or params == {}, f"{name} {params} finds nothing: a test that cannot fail"
        if name == "namesakes":
            assert concatenated(run_named(remote, name, params)) == concatenated(expected)
        else:
            assert run_named(remote, name, params) == expected, (name, params)
    assert run_named(store, "namesakes", {}).rows


def concatenated(table) -> list[list]:
    """The rows with namesakes' GROUP_CONCAT as a set: SPARQL leaves its order to the engine, and
    over no values Oxigraph leaves it unbound where Virtuoso gives "" (with updates as with the
    bulk loader: the server holds the same quads)."""
    return [[frozenset((cell or "").split(" | ")) if column == "whys" else cell
             for column, cell in zip(table.columns, row)] for row in table.rows]


@needs_virtuoso
def test_a_second_load_and_a_folder_the_server_cannot_see_are_refused(loaded, virtuoso, built):
    remote, _, served = loaded
    before = len(remote)
    address = f"127.0.0.1:{virtuoso.sql_port}"
    result = CliRunner().invoke(main, ["bulk-load", str(served), "--isql", address],
                                env={"KG_ISQL_PASSWORD": virtuoso.dba_password})
    assert result.exit_code == 1 and "already holds kg's graphs" in result.stderr and len(remote) == before
    for elsewhere, reason in ((served / "none", "Unable to list files"), (served.parent, "does not see it")):
        result = CliRunner().invoke(main, ["bulk-load", str(served), "--isql", address, "--server-dir", str(elsewhere)],
                                    env={"KG_ISQL_PASSWORD": virtuoso.dba_password})
        assert result.exit_code == 1 and reason in result.stderr and "--server-dir" in result.stderr, result.stderr
    result = CliRunner().invoke(main, ["bulk-load", str(served), "--isql", address],
                                env={"KG_ISQL_PASSWORD": "wrong"})
    assert result.exit_code == 1 and "Bad login" in result.stderr and result.stderr.count("\n") == 1
