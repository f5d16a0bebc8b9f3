"""kg serve over real HTTP on 127.0.0.1: SPARQLWrapper and curl as clients."""
import csv
import io
import json
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest
from rdflib import Graph, Literal, URIRef
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, Unauthorized

from kg.pipeline import build
from kg.query import bind_literals, named_queries, run_named
from kg.rdf.namespaces import KGO
from kg.store import Store

from articles import write_small_articles

TOKEN = "s3cret-token"
PEOPLE = "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name } ORDER BY ?name"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g a ?h }"  # ~3 s on the seed


def start_server(store_path, *options):
    """``kg serve`` in a process of its own on a free port; its base URL."""
    process = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--store", str(store_path), "--port", "0",
         *options], stderr=subprocess.PIPE, text=True)
    line = process.stderr.readline()
    assert line.startswith("serving "), line + process.stderr.read()
    return process, line.split(" at ", 1)[1].split("/sparql", 1)[0]


def stop_server(process):
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def stores(tmp_path_factory, seed_path):
    """Two copies of a store holding the seed and two small articles."""
    folder = tmp_path_factory.mktemp("serve")
    write_small_articles(folder / "articles", 2)
    shutil.copy(seed_path, folder / "articles")
    store = Store(folder / "store")
    assert build([folder / "articles"], store).added == 3
    del store
    shutil.copytree(folder / "store", folder / "store-read-only")
    return folder / "store", folder / "store-read-only"


@pytest.fixture(scope="module")
def server(stores):
    """A server that takes updates with the token, with small bounds for the tests."""
    process, url = start_server(stores[0], "--update-token", TOKEN, "--timeout", "0.5", "--max-rows", "200")
    yield url
    stop_server(process)


@pytest.fixture(scope="module")
def read_only_server(stores):
    process, url = start_server(stores[1])
    yield url
    stop_server(process)


@pytest.fixture(scope="module")
def embedded(stores):
    """The same articles built into a store of this process, for comparing answers."""
    store = Store(None)
    build([stores[0].parent / "articles"], store)
    return store


def _wrapper(url, query, fmt=JSON):
    sparql = SPARQLWrapper(f"{url}/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def _get(url, accept="*/*"):
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept})) as response:
        return response.read()


def curl(*args):
    """curl's status code and body."""
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed (.ci/run installs it)")
    done = subprocess.run(["curl", "-s", "-o", "-", "-w", "\n%{http_code}", *args], capture_output=True, check=True)
    body, _, status = done.stdout.rpartition(b"\n")
    return int(status), body.decode("utf-8")


def test_sparqlwrapper_select_in_every_results_format(server, embedded):
    expected = [row[0] for row in run_named_text(embedded, PEOPLE)]
    as_json = _wrapper(server, PEOPLE, JSON).queryAndConvert()
    assert [b["name"]["value"] for b in as_json["results"]["bindings"]] == expected
    as_xml = _wrapper(server, PEOPLE, XML).queryAndConvert()
    assert [node.firstChild.data for node in as_xml.getElementsByTagName("literal")] == expected
    as_csv = _wrapper(server, PEOPLE, CSV).queryAndConvert().decode("utf-8")
    assert [row[0] for row in csv.reader(io.StringIO(as_csv))] == ["name", *expected]
    as_tsv = _wrapper(server, PEOPLE, TSV).queryAndConvert().decode("utf-8")
    assert as_tsv.splitlines() == ["?name", *(f'"{name}"' for name in expected)]


def run_named_text(store, sparql):
    result = store.query(sparql)
    return [[solution[v.value].value for v in result.variables] for solution in result]


def test_sparqlwrapper_ask_construct_and_post(server):
    ask = _wrapper(server, 'ASK { ?p schema:name "Trần Vi Dân" }').queryAndConvert()
    assert ask["boolean"] is True
    construct = "CONSTRUCT { ?p schema:name ?n } WHERE { ?p a schema:Person ; schema:name ?n }"
    for fmt in (TURTLE, N3, JSONLD):
        result = _wrapper(server, construct, fmt).queryAndConvert()
        graph = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle")
        assert "Trần Vi Dân" in {str(o) for o in graph.objects()}, fmt
    posted = _wrapper(server, PEOPLE)
    posted.setMethod(POST)
    assert "Trần Vi Dân" in json.dumps(posted.queryAndConvert(), ensure_ascii=False)


def test_named_queries_give_the_same_answers_over_http(server, embedded):
    for query in named_queries().values():
        table = run_named(embedded, query.name)
        answer = _wrapper(server, bind_literals(query.text, {})).queryAndConvert()
        rows = [[binding.get(c, {}).get("value") for c in table.columns] for binding in answer["results"]["bindings"]]
        assert answer["head"]["vars"] == table.columns, query.name
        assert rows == table.rows, query.name


def test_curl_get_post_and_content_negotiation(server):
    status, body = curl("-G", "-H", "Accept: text/csv", "--data-urlencode", f"query={PEOPLE}", f"{server}/sparql")
    assert status == 200 and body.splitlines()[0].strip() == "name" and "Trần Vi Dân" in body
    status, body = curl("-H", "Accept: application/sparql-results+json", "--data-urlencode", f"query={PEOPLE}",
                        f"{server}/sparql")
    assert status == 200 and json.loads(body)["head"]["vars"] == ["name"]
    status, body = curl("-H", "Content-Type: application/sparql-query", "-H", "Accept: application/n-triples",
                        "--data-binary", "CONSTRUCT WHERE { ?p a schema:Person }", f"{server}/sparql")
    assert status == 200 and "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> ." in body
    status, body = curl("-G", "-H", "Accept: image/png", "--data-urlencode", f"query={PEOPLE}", f"{server}/sparql")
    assert status == 406 and "text/csv" in body


def test_a_bad_query_gets_400_with_the_parsers_message(server):
    status, body = curl("-G", "--data-urlencode", "query=SELEKT ?x WHERE {}", f"{server}/sparql")
    assert status == 400 and body.startswith("invalid SPARQL: error at 1:10: expected")
    with pytest.raises(QueryBadFormed):
        _wrapper(server, "SELECT ?x WHERE { ?x ").queryAndConvert()


def test_updates_need_the_token(server):
    update = 'INSERT DATA { GRAPH <urn:kg:test> { <urn:kg:a> <urn:kg:p> "via curl" } }'
    status, body = curl("-H", "Content-Type: application/sparql-update", "--data-binary", update, f"{server}/sparql")
    assert status == 401 and "Authorization: Bearer" in body
    status, _ = curl("-H", "Authorization: Bearer wrong", "--data-urlencode", f"update={update}", f"{server}/sparql")
    assert status == 403
    status, _ = curl("-H", f"Authorization: Bearer {TOKEN}", "--data-urlencode", f"update={update}",
                     f"{server}/sparql")
    assert status == 204
    assert _wrapper(server, 'ASK { <urn:kg:a> <urn:kg:p> "via curl" }').queryAndConvert()["boolean"], \
        "the update is merged into the default graph at once"

    wrapper = _wrapper(server, 'INSERT DATA { GRAPH <urn:kg:test2> { <urn:kg:a> <urn:kg:p> "via SPARQLWrapper", '
                               '"via curl" } }')
    wrapper.setMethod(POST)
    with pytest.raises(Unauthorized):
        wrapper.query()
    wrapper.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    assert wrapper.query().response.status == 204
    assert _objects(server, "<urn:kg:a> <urn:kg:p> ?o") == ["via SPARQLWrapper", "via curl"], \
        "a triple two graphs state is one row"
    status, _ = curl("-X", "DELETE", "-H", f"Authorization: Bearer {TOKEN}", f"{server}/store?graph=urn:kg:test")
    assert status == 204
    assert _objects(server, "<urn:kg:a> <urn:kg:p> ?o") == ["via SPARQLWrapper", "via curl"], "urn:kg:test2 states both"
    into_default = 'INSERT DATA { <urn:kg:a> <urn:kg:p> "into the default graph" }'
    status, _ = curl("-H", f"Authorization: Bearer {TOKEN}", "--data-urlencode", f"update={into_default}",
                     f"{server}/sparql")
    assert status == 204
    assert _objects(server, "<urn:kg:a> <urn:kg:p> ?o") == ["via SPARQLWrapper", "via curl"], \
        "the default graph is the merged graph of the named graphs: a triple written there directly does not stay"
    status, _ = curl("-H", f"Authorization: Bearer {TOKEN}", "--data-urlencode", "update=DROP GRAPH <urn:kg:test2>",
                     f"{server}/sparql")
    assert status == 204
    assert not _wrapper(server, "ASK { <urn:kg:a> ?p ?o }").queryAndConvert()["boolean"]


def _objects(server, pattern):
    """The objects ?o of ``pattern`` in the default graph, repeats kept."""
    rows = _wrapper(server, f"SELECT ?o WHERE {{ {pattern} }}").queryAndConvert()["results"]["bindings"]
    return sorted(row["o"]["value"] for row in rows)


def test_a_read_only_server_refuses_every_write(read_only_server):
    update = 'INSERT DATA { <urn:kg:a> <urn:kg:p> "x" }'
    status, body = curl("-H", f"Authorization: Bearer {TOKEN}", "--data-urlencode", f"update={update}",
                        f"{read_only_server}/sparql")
    assert status == 403 and "read-only" in body
    status, _ = curl("-X", "PUT", "-H", "Content-Type: text/turtle", "--data-binary", "<urn:a> <urn:p> 1 .",
                     f"{read_only_server}/store?graph=urn:kg:g")
    assert status == 403


def test_graph_store_protocol(server, embedded):
    [seed] = [iri for iri in embedded.articles() if embedded.article_hash(iri).startswith("db9daf")]
    status, body = curl("-H", "Accept: text/turtle", f"{server}/store?graph={urllib.parse.quote(seed)}")
    graph = Graph().parse(data=body, format="turtle")
    count = embedded.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{seed}> {{ ?s ?p ?o }} }}")
    assert status == 200 and len(graph) == int(next(iter(count))["n"].value)
    assert (URIRef(seed), KGO.contentHash, Literal(embedded.article_hash(seed))) in graph
    status, body = curl("-H", "Accept: application/n-triples", f"{server}/store?default")
    triples = {(q.subject, q.predicate, q.object) for q in embedded.quads()}
    assert len(triples) < len(embedded), "the articles share triples"
    assert status == 200 and len(body.strip().splitlines()) == len(triples), "the merged graph: each triple once"
    status, _ = curl(f"{server}/store?graph=urn:kg:none")
    assert status == 404
    auth = ("-H", f"Authorization: Bearer {TOKEN}", "-H", "Content-Type: text/turtle")
    status, _ = curl("-X", "PUT", *auth, "--data-binary", '<urn:kg:s> <urn:kg:p> "one" .',
                     f"{server}/store?graph=urn:kg:put")
    assert status == 201
    status, _ = curl("-X", "POST", *auth, "--data-binary", '<urn:kg:s> <urn:kg:p> "two" .',
                     f"{server}/store?graph=urn:kg:put")
    assert status == 204
    status, body = curl("-H", "Accept: application/n-triples", f"{server}/store?graph=urn:kg:put")
    assert sorted(body.strip().splitlines()) == ['<urn:kg:s> <urn:kg:p> "one" .', '<urn:kg:s> <urn:kg:p> "two" .']
    assert _objects(server, "<urn:kg:s> <urn:kg:p> ?o") == ["one", "two"]
    status, body = curl("-X", "PUT", *auth, "--data-binary", "not turtle", f"{server}/store?graph=urn:kg:put")
    assert status == 400 and "does not parse" in body
    status, _ = curl("-X", "PUT", *auth, "--data-binary", '<urn:kg:s> <urn:kg:p> "one" .',
                     f"{server}/store?graph=urn:kg:put2")
    assert status == 201 and _objects(server, "<urn:kg:s> <urn:kg:p> ?o") == ["one", "two"]
    status, _ = curl("-X", "PUT", *auth, "--data-binary", '<urn:kg:s> <urn:kg:p> "three" .',
                     f"{server}/store?graph=urn:kg:put")
    assert status == 204 and _objects(server, "<urn:kg:s> <urn:kg:p> ?o") == ["one", "three"], \
        "a graph replaced: what only it stated goes, what another graph states stays"
    assert curl("-X", "DELETE", "-H", f"Authorization: Bearer {TOKEN}", f"{server}/store?graph=urn:kg:put")[0] == 204
    assert _objects(server, "<urn:kg:s> <urn:kg:p> ?o") == ["one"]
    assert curl("-X", "DELETE", "-H", f"Authorization: Bearer {TOKEN}", f"{server}/store?graph=urn:kg:put2")[0] == 204
    assert _objects(server, "<urn:kg:s> <urn:kg:p> ?o") == []


def test_bounds_time_size_and_service(server):
    status, body = curl("-G", "--data-urlencode", f"query={HEAVY}", f"{server}/sparql")
    assert status == 503 and "longer than 0.5 s" in body
    status, body = curl("-G", "--data-urlencode", "query=SELECT * WHERE { ?s ?p ?o }", f"{server}/sparql")
    assert status == 500 and "more than 200 rows" in body
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    status, body = curl("-G", "--data-urlencode", f"query={service}", f"{server}/sparql")
    assert status == 403 and "--allow-service" in body


def test_the_page_without_scripts_shows_a_table(server):
    page = _get(f"{server}/table?" + urllib.parse.urlencode({"query": PEOPLE})).decode("utf-8")
    assert "<textarea" in page and "<td>Trần Vi Dân</td>" in page
    broken = _get(f"{server}/table?" + urllib.parse.urlencode({"query": "SELECT"})).decode("utf-8")
    assert 'class="error"' in broken and "invalid SPARQL" in broken


def test_unknown_paths_and_missing_queries(server):
    with pytest.raises(urllib.error.HTTPError) as error:
        _get(f"{server}/nothing")
    assert error.value.code == 404
    with pytest.raises(urllib.error.HTTPError) as error:
        _get(f"{server}/sparql")
    assert error.value.code == 400


def test_the_query_page_loads_yasgui_from_the_server_with_the_named_queries(server):
    with urllib.request.urlopen(f"{server}/") as response:
        page = response.read().decode("utf-8")
        policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "connect-src 'self';" in policy
    assert '<script src="/static/yasgui/yasgui.min.js">' in page
    data = json.loads(page.split('<script type="application/json" id="kg-query-data">', 1)[1].split("</script>")[0])
    assert {query["name"] for query in data["queries"]} == set(named_queries())
    assert data["prefixes"]["kgo"] == str(KGO._NS)
    with urllib.request.urlopen(f"{server}/static/yasgui/yasgui.min.js") as response:
        assert response.headers["Content-Type"] == "text/javascript; charset=utf-8"
        assert len(response.read()) > 500_000
    for path in ("/static/../handler.py", "/static/yasgui/../../pages.py", "/static/query.html", "/static/nope.js"):
        status, _ = curl(f"{server}{path}", "--path-as-is")
        assert status == 404, path


def test_the_ontology_page_is_served_and_linked_from_the_query_page(server):
    assert 'href="/ontology"' in _get(f"{server}/").decode("utf-8")
    page = _get(f"{server}/ontology").decode("utf-8")
    assert 'id="kgo-rank"' in page and "Rank" in page
