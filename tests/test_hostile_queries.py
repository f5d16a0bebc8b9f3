"""Hostile requests to ``kg serve``: each is bounded and answered with its HTTP status while a
second client keeps getting answers; named-query parameters are literals, never query text.

The 30-second load test of 20 clients is marked ``load`` and left out of the default run:
``pytest -m load`` or ``python scripts/load_test.py STORE`` runs it.
"""
from __future__ import annotations

import http.client
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest
import pyoxigraph as ox

from kg.pipeline import build
from kg.normalise import search_key, search_keys
from kg.query import bind_literals, named_query, run_named
from kg.query.pool import QueryPool, QueryStopped
from kg.store import Store

from conftest import REPO

KGO = "https://w3id.org/kg-vn/ontology#"

TIMEOUT = 1.0
MAX_ROWS = 200
PEOPLE = "SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
_spec = importlib.util.spec_from_file_location("load_test", REPO / "scripts" / "load_test.py")
load_test = sys.modules["load_test"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(load_test)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, seed_path):
    path = tmp_path_factory.mktemp("hostile") / "store"
    store = Store(path)
    assert build([seed_path], store).added == 1
    del store  # closed, so the server can hold it
    return path


def start_server(store_path, *options):
    process = subprocess.Popen(
        [sys.executable, "-c", "from kg.cli import main; main()", "serve", "--store", str(store_path), "--port", "0",
         "--timeout", str(TIMEOUT), "--max-rows", str(MAX_ROWS), *options], stderr=subprocess.PIPE, text=True)
    line = process.stderr.readline()
    assert line.startswith("serving "), line + process.stderr.read()
    threading.Thread(target=process.stderr.read, daemon=True).start()
    url = urllib.parse.urlsplit(line.split(" at ", 1)[1].split(" ", 1)[0])
    return process, (url.hostname, url.port)


@pytest.fixture
def own_store(store_path, tmp_path):
    """A copy of the store for a test that serves it by itself (the module's server holds the other)."""
    return Path(shutil.copytree(store_path, tmp_path / "store", ignore=shutil.ignore_patterns("LOCK")))


@pytest.fixture(scope="module")
def server(store_path):
    """A read-only server, as a public endpoint runs: queries in worker processes."""
    process, address = start_server(store_path)
    yield process, address
    process.terminate()
    process.wait(timeout=30)


def request(address, method="GET", query=None, body=None, headers=None, timeout=60) -> tuple[int, str]:
    path = "/sparql" + (f"?{urllib.parse.urlencode({'query': query})}" if query is not None else "")
    connection = http.client.HTTPConnection(*address, timeout=timeout)
    try:
        connection.request(method, path, body, headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


class SecondClient:
    """Asks a small query again and again while a hostile request runs; every answer must
    come, right, and soon."""

    def __init__(self, address) -> None:
        self.address, self.answers, self.stop = address, [], threading.Event()
        self.thread = threading.Thread(target=self._ask, daemon=True)

    def _ask(self) -> None:
        while not self.stop.is_set():
            started = time.monotonic()
            status, body = request(self.address, query=PEOPLE)
            self.answers.append((status, time.monotonic() - started, "Trần Vi Dân" in body))
            time.sleep(0.05)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *_):
        self.stop.set()
        self.thread.join()
        assert self.answers, "the second client got no answer"
        assert all(status == 200 and right for status, _, right in self.answers), self.answers
        assert max(seconds for _, seconds, _ in self.answers) < 5, self.answers


def _nested(depth: int) -> str:
    return "SELECT * WHERE " + "{ " * depth + "?s ?p ?o" + " }" * depth


def _or_chain(length: int) -> str:
    return "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(f"?o = {i}" for i in range(length)) + ") }"


HOSTILE = [
    # name, method, query, body, headers, expected status, expected words
    ("a cross join that would run for ever", "GET", CROSS_JOIN, None, {}, 503, "longer than 1 s"),
    ("sorting a cross join (memory)", "GET", "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g",
     None, {}, (503, 500), "stopped"),  # out of time, or out of memory first: either ends its worker
    ("a huge result", "GET", "SELECT * WHERE { ?s ?p ?o }", None, {}, 500, f"more than {MAX_ROWS} rows"),
    ("a huge graph", "GET", "CONSTRUCT WHERE { ?s ?p ?o }", None, {"Accept": "text/turtle"}, 500, "add a LIMIT"),
    ("groups nested 10,000 deep", "POST", None, urllib.parse.urlencode({"query": _nested(10_000)}),
     {"Content-Type": "application/x-www-form-urlencoded"}, 400, "nested more than 64 deep"),
    ("20,000 conditions in a row", "POST", None, _or_chain(20_000), {"Content-Type": "application/sparql-query"},
     400, "operators, groups and patterns"),
    ("SERVICE to another host", "GET", "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
     None, {}, 403, "--allow-service"),
    ("an update without a token", "POST", None, "update=" + urllib.parse.quote("DROP ALL"),
     {"Content-Type": "application/x-www-form-urlencoded"}, 403, "read-only"),
    ("an update with a token on a read-only server", "POST", None, "DROP ALL",
     {"Content-Type": "application/sparql-update", "Authorization": "Bearer guess"}, 403, "read-only"),
]


@pytest.mark.parametrize("name, method, query, body, headers, status, words", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_request_is_bounded_and_others_are_answered(server, name, method, query, body, headers, status,
                                                             words):
    _, address = server
    with SecondClient(address):
        started = time.monotonic()
        got, text = request(address, method, query, body, headers)
        elapsed = time.monotonic() - started
    assert got in (status if isinstance(status, tuple) else (status,)) and words in text, (got, text)
    assert elapsed < TIMEOUT + 4
    assert request(address, query="ASK { ?s a schema:Person }")[0] == 200  # the store is as it was


def test_an_oversized_body_is_refused_before_it_is_read(server):
    _, address = server
    with SecondClient(address), socket.create_connection(address, timeout=30) as raw:
        raw.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                    b"Content-Length: 100000000\r\n\r\nSELECT")
        answer = b""
        while chunk := raw.recv(4096):  # the server answers and closes, the body left unread
            answer += chunk
        answer = answer.decode()
    assert answer.startswith("HTTP/1.1 413") and "67108864" in answer  # waitress: "exceeds max_body of 67108864"


def test_slow_clients_do_not_hold_up_the_others(server):
    """Thirty clients that send half a request and wait, as a slow-loris attack does."""
    _, address = server
    slow = []
    try:
        with SecondClient(address):
            for _ in range(30):
                connection = socket.create_connection(address, timeout=30)
                connection.sendall(b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\nHost: x\r\n")
                slow.append(connection)
            time.sleep(2)
    finally:
        for connection in slow:
            connection.close()


def test_many_runaway_queries_at_once_cost_the_others_nothing_lasting(server):
    """Eight cross joins at once, twice the workers: some are stopped, the others wait and
    are answered 503 when their time is up; afterwards the server answers as before."""
    process, address = server
    statuses = []
    threads = [threading.Thread(target=lambda: statuses.append(request(address, query=CROSS_JOIN)[0]))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [503] * 8
    deadline = time.monotonic() + 30
    while request(address, query=PEOPLE)[0] != 200:  # the stopped workers are being replaced
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert load_test.memory_kb(process.pid) < 1_500_000


def test_a_query_that_crashes_its_worker_gets_500_and_the_pool_recovers(own_store):
    pool = QueryPool(own_store, workers=1)
    try:
        outcome = []
        asking = threading.Thread(target=lambda: outcome.append(_stopped(pool, CROSS_JOIN, timeout=30)))
        asking.start()
        time.sleep(1.5)
        [worker] = [w for w in _workers(pool)]
        os.kill(worker, signal.SIGSEGV)  # as a stack overflow in Oxigraph would end it
        asking.join()
        assert outcome[0].crashed and "stopped the process that ran it" in str(outcome[0])
        deadline = time.monotonic() + 30
        while True:
            try:
                assert len(pool.run(PEOPLE, None, None, MAX_ROWS, 1).rows) == 4
                break
            except QueryStopped as stopped:
                assert stopped.busy and time.monotonic() < deadline
    finally:
        pool.close()


def _stopped(pool, sparql, timeout):
    try:
        pool.run(sparql, None, None, MAX_ROWS, timeout)
    except QueryStopped as error:
        return error
    raise AssertionError("the query was not stopped")


def _workers(pool) -> list[int]:
    """The pool's worker processes: this process's children started by multiprocessing's spawn."""
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()
            and f"PPid:\t{os.getpid()}\n" in (entry / "status").read_text()
            and b"spawn_main" in (entry / "cmdline").read_bytes()]


def test_a_store_served_read_only_cannot_be_built_meanwhile(server, store_path, seed_path):
    build = subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", "build", str(seed_path),
                            "--store", str(store_path)], capture_output=True, text=True, timeout=120)
    assert build.returncode == 1
    assert build.stderr.strip() == f"Error: {store_path}: the store is in use by another kg process (a build, kg " \
                                   "serve, or a query or export reading it); wait for it to end, or give another --store"


# ----------------------------------------------------------------- named-query parameters
INJECTIONS = [
    'x" } UNION { ?entity ?p ?surface } #',
    "x' } ; DROP ALL ; SELECT * { '",
    '\\u0022 ) || true || ( \\u0022',
    '""" ) || true #',
    "x\\\") || (\"",
    "a\nb\r\nc\tFILTER(true)",
    "?entity_label",
    "$entity_label",
    "<http://example.org/>",
    "\u0000\u202e",
]
HOSTILE_NAME = 'Ông "Tư" } UNION { ?s ?p ?o } \\u0022 # Lê'


@pytest.fixture(scope="module")
def name_store():
    """A store with one article mentioning a person whose name is itself an injection attempt."""
    store = Store(None)
    article, person = ox.NamedNode("https://w3id.org/kg-vn/id/article/x"), ox.NamedNode("https://w3id.org/kg-vn/id/person/x")
    schema = "https://schema.org/"
    for s, p, o in [(article, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", ox.NamedNode(schema + "NewsArticle")),
                    (article, schema + "headline", ox.Literal("Tin")), (article, schema + "mentions", person),
                    (person, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", ox.NamedNode(schema + "Person")),
                    (person, schema + "name", ox.Literal(HOSTILE_NAME)),
                    *((person, KGO + "searchKey", ox.Literal(key)) for key in search_keys(HOSTILE_NAME))]:
        store._store.add(ox.Quad(s, ox.NamedNode(p), o, article))
        store._store.add(ox.Quad(s, ox.NamedNode(p), o))  # and in the merged graph, as the store writes an article
    return store


@pytest.mark.parametrize("value", INJECTIONS + [HOSTILE_NAME, "tư\" } union", "Lê"])
def test_a_parameter_is_bound_as_a_literal(name_store, value):
    """The named query finds the person whose name holds every word of the value (folded), as text,
    and nothing else."""
    table = run_named(name_store, "articles-mentioning", {"entity_label": value})
    matches = search_key(value) != "" and set(search_keys(value)) <= set(search_keys(HOSTILE_NAME))
    assert [row[4] for row in table.rows] == ([HOSTILE_NAME] if matches else []), table.rows
    assert len(name_store) == 5 + len(search_keys(HOSTILE_NAME))


@pytest.mark.parametrize("value", INJECTIONS)
def test_bound_text_matches_the_value_exactly(value):
    """The query with the value bound finds a triple whose object is exactly that value, and no other."""
    store = ox.Store()
    for obj in (value, value + " ", "x"):
        store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal(obj)))
    text = bind_literals("SELECT ?o WHERE { ?s ?p ?o FILTER(STR(?o) = ?v) }", {"v": value})
    assert [row["o"].value for row in store.query(text)] == [value]


def test_kg_query_param_injection_from_the_command_line(name_store, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    store = Store(tmp_path / "store")
    for quad in name_store.quads():
        store._store.add(quad)
    del store
    for value in INJECTIONS[:3]:
        result = CliRunner().invoke(main, ["query", "--name", "articles-mentioning", "--param", f"entity_label={value}",
                                           "--store", str(tmp_path / "store"), "--format", "csv"])
        assert result.exit_code == 0, result.output
        assert result.output.strip() == "article,headline,published,entity,label,kind"


# ----------------------------------------------------------------- load
def test_a_short_load_keeps_every_answer(own_store):
    """Four clients for three seconds, one of them sending only runaway cross joins."""
    figures = load_test.run(own_store, clients=4, seconds=3, timeout=TIMEOUT)
    assert figures["server_alive"] and figures["unexpected_count"] == 0, figures
    assert figures["statuses"].get("200", 0) > 10 and figures["statuses"].get("503", 0) >= 1


@pytest.mark.load
def test_twenty_clients_for_thirty_seconds(own_store):
    figures = load_test.run(own_store, clients=20, seconds=30, timeout=5)
    print(figures)
    assert figures["server_alive"] and figures["unexpected_count"] == 0, figures
    assert figures["memory_mb"]["max"] < 2048
