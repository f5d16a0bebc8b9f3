"""Hostile HTTP and SPARQL to ``kg serve``, the second round: requests that hide a call to
another server, break the HTTP framing (sent over raw sockets) or break the SPARQL protocol.
Each gets a status and a one-line reason, and the server keeps answering."""
from __future__ import annotations

import multiprocessing
import shutil
import socket
import threading
import urllib.parse
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.store import Store

from test_hostile_queries import start_server

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def store_copies(tmp_path_factory, seed_path):
    folder = tmp_path_factory.mktemp("hostile-http")
    store = Store(folder / "store")
    assert build([seed_path], store).added == 1
    del store
    shutil.copytree(folder / "store", folder / "store-writable", ignore=shutil.ignore_patterns("LOCK"))
    return folder / "store", folder / "store-writable"


PROCESSES = {}


@pytest.fixture(scope="module")
def read_only(store_copies):
    process, address = start_server(store_copies[0])
    PROCESSES["read-only"] = process
    yield address
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def writable(store_copies):
    process, address = start_server(store_copies[1], "--update-token", TOKEN)
    yield address
    process.terminate()
    process.wait(timeout=30)


def exchange(address, raw: bytes, timeout: float = 20) -> bytes:
    """Send ``raw`` as it is and read what comes back until the server closes or goes silent."""
    with socket.create_connection(address, timeout=timeout) as connection:
        connection.sendall(raw)
        answer = b""
        try:
            while len(answer) < 1_000_000 and (chunk := connection.recv(65536)):
                answer += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    return answer


def status_of(answer: bytes) -> int:
    assert answer.startswith(b"HTTP/1.1 "), answer[:200]
    return int(answer[9:12])


def get(address, path: str, headers: str = "") -> bytes:
    return exchange(address, f"GET {path} HTTP/1.1\r\nHost: x\r\n{headers}Connection: close\r\n\r\n".encode())


def query_path(sparql: str, **params) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": sparql, **params})


class Listener:
    """A socket on 127.0.0.1 that counts who connects to it: the target a SERVICE or LOAD
    would call if the server let it."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.2)
        self.port, self.calls, self.stop = self.socket.getsockname()[1], 0, threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            self.calls += 1
            connection.close()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *_):
        self.stop.set()
        self.thread.join(timeout=5)
        self.socket.close()


# ------------------------------------------------------------------ 1. SERVICE and LOAD
HIDDEN_SERVICE = "SELECT * WHERE {{ ?s ?p ?o # a comment ended by a carriage return\rSERVICE <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }}"


def test_a_service_hidden_behind_a_carriage_return_is_refused(read_only, writable):
    with Listener() as listener:
        for address in (read_only, writable):
            answer = get(address, query_path(HIDDEN_SERVICE.format(port=listener.port)))
            assert status_of(answer) == 403 and b"--allow-service" in answer, answer
    assert listener.calls == 0


def test_a_load_from_another_server_is_refused(writable):
    with Listener() as listener:
        for update in (f"LOAD <http://127.0.0.1:{listener.port}/data.ttl>",
                       f"INSERT DATA {{ <urn:a> <urn:b> <urn:c> }} ; # x\rLOAD <http://127.0.0.1:{listener.port}/>"):
            body = update.encode()
            answer = exchange(writable, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-update\r\n"
                              + f"Authorization: Bearer {TOKEN}\r\nContent-Length: {len(body)}\r\n"
                                "Connection: close\r\n\r\n".encode() + body)
            assert status_of(answer) == 403 and b"--allow-service" in answer, answer
    assert listener.calls == 0
    assert b"<urn:c>" not in get(writable, "/store?graph=urn:a", "Accept: application/n-triples\r\n")


# ------------------------------------------------------------------ 4. HTTP framing
ASK = "/sparql?query=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D"
FRAMING = [
    # name, the head after the request line and Host, the body, the status, words of the reason
    ("a negative Content-Length", "Content-Length: -1\r\n", b"ASK {}", 400, b"Content-Length is invalid"),
    ("a Content-Length that is not a number", "Content-Length: abc\r\n", b"ASK {}", 400, b"Content-Length is invalid"),
    ("a Content-Length with a sign", "Content-Length: +6\r\n", b"ASK {}", 400, b"Content-Length is invalid"),
    ("two Content-Lengths that disagree", "Content-Length: 6\r\nContent-Length: 2\r\n", b"ASK {}", 400,
     b"Content-Length is invalid"),
    ("a query body that is not UTF-8", "Content-Length: 8\r\n", b"ASK {\xff}\xfe", 400, b"not UTF-8"),
]


@pytest.mark.parametrize("name, head, body, status, words", FRAMING, ids=[f[0] for f in FRAMING])
@pytest.mark.parametrize("mode", ["read-only", "token"])
def test_bad_framing_gets_a_status_and_a_reason(read_only, writable, mode, name, head, body, status, words):
    address = read_only if mode == "read-only" else writable
    answer = exchange(address, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                      + head.encode() + b"Connection: close\r\n\r\n" + body)
    assert status_of(answer) == status and words in answer, answer
    assert status_of(get(address, ASK)) == 200


def test_a_form_whose_escapes_are_not_utf8_gets_400(read_only):
    body = b"query=ASK%20%7B%7D%FF"
    answer = exchange(read_only, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded"
                      + f"\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body)
    assert status_of(answer) == 400 and b"the form is not UTF-8" in answer, answer
    answer = get(read_only, "/sparql?query=ASK%20%7B%7D%FF")
    assert status_of(answer) == 400 and b"the query string is not UTF-8" in answer, answer


def test_the_body_of_a_get_is_its_body_not_a_second_request(read_only):
    smuggled = b"GET /nothing-here HTTP/1.1\r\nHost: x\r\n\r\n"
    answer = exchange(read_only, f"GET {ASK} HTTP/1.1\r\nHost: x\r\nContent-Length: {len(smuggled)}\r\n\r\n".encode()
                      + smuggled, timeout=3)
    assert status_of(answer) == 200 and answer.count(b"HTTP/1.1 ") == 1, answer


def test_a_body_over_the_limit_is_refused_without_being_kept(read_only):
    """A chunked body that goes on past 64 MB, with no Content-Length to refuse it by: 413
    once the limit is passed, and the server's memory stays where it was."""
    from test_hostile_queries import load_test

    before = load_test.memory_kb(PROCESSES["read-only"].pid)
    with socket.create_connection(read_only, timeout=30) as connection:
        connection.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                           b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"100000\r\n" + b"#" * 0x100000 + b"\r\n"
        try:
            for _ in range(80):  # 80 MB at most
                connection.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = b""
        try:
            while chunk := connection.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass
    if answer:  # the server closes once it has answered; a reset may come before the answer is read
        assert status_of(answer) == 413 and b"67108864" in answer, answer[:300]
    assert status_of(get(read_only, ASK)) == 200
    assert load_test.memory_kb(PROCESSES["read-only"].pid) - before < 100_000


# ------------------------------------------------------------------ 5. the SPARQL protocol, malformed
TRIPLE_TERM = "CONSTRUCT { <urn:a> <urn:b> <<( <urn:c> <urn:d> <urn:e> )>> } WHERE {}"
PROTOCOL = [
    # name, path, Accept, status, words of the reason
    ("a default-graph-uri that is not an IRI", query_path("ASK { ?s ?p ?o }", **{"default-graph-uri": "not an iri"}),
     "", 400, b"default-graph-uri: not an IRI: 'not an iri'"),
    ("a named-graph-uri that is not an IRI", query_path("ASK { ?s ?p ?o }", **{"named-graph-uri": "a<b"}),
     "", 400, b"named-graph-uri: not an IRI"),
    ("a triple term asked for as JSON-LD", query_path(TRIPLE_TERM), "application/ld+json", 406,
     b"cannot answer as application/ld+json"),
    ("an answer nobody can be sent", query_path("ASK {}"), "image/png", 406, b"cannot answer as image/png"),
    ("a method kg does not answer", None, "", 405, b"PATCH is not a method kg serve answers"),
]


@pytest.mark.parametrize("name, path, accept, status, words", PROTOCOL, ids=[p[0] for p in PROTOCOL])
@pytest.mark.parametrize("mode", ["read-only", "token"])
def test_a_malformed_protocol_request_gets_a_status_and_one_line(read_only, writable, mode, name, path, accept,
                                                                 status, words):
    address = read_only if mode == "read-only" else writable
    if path is None:
        answer = exchange(address, b"PATCH /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    else:
        answer = get(address, path, f"Accept: {accept}\r\n" if accept else "")
    assert status_of(answer) == status and words in answer, answer
    assert answer.split(b"\r\n\r\n", 1)[1].count(b"\n") == 1, "one line"
    for _ in range(3):  # the worker that ran it is alive: as many answers as there are workers, and more
        assert status_of(get(address, ASK)) == 200


def test_a_load_that_fails_gets_500_and_a_reason(store_copies, tmp_path):
    store = shutil.copytree(store_copies[0], tmp_path / "store", ignore=shutil.ignore_patterns("LOCK"))
    process, address = start_server(store, "--update-token", TOKEN, "--allow-service")
    try:
        with Listener() as listener:  # accepts and closes at once: the fetch fails
            body = f"LOAD <http://127.0.0.1:{listener.port}/data.ttl> INTO GRAPH <urn:loaded>".encode()
            answer = exchange(address, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-update"
                              + f"\r\nAuthorization: Bearer {TOKEN}\r\nContent-Length: {len(body)}\r\n"
                                "Connection: close\r\n\r\n".encode() + body)
        assert status_of(answer) == 500 and b"the update was not applied: what it LOADs" in answer, answer
        assert answer.split(b"\r\n\r\n", 1)[1].count(b"\n") == 1
        assert status_of(get(address, "/store?graph=urn:loaded")) == 404
    finally:
        process.terminate()
        process.wait(timeout=30)


# ------------------------------------------------------------------ 12. what the pages may do
def test_every_answer_says_nosniff_and_pages_say_what_may_run(read_only):
    for path in (ASK, "/nothing", query_path("SELECT")):
        assert b"\r\nX-Content-Type-Options: nosniff\r\n" in get(read_only, path).split(b"\r\n\r\n")[0] + b"\r\n"
    for path, scripts in (("/", b"'self'"), ("/table", b"'unsafe-inline'"), ("/view?view=people", b"'unsafe-inline'")):
        head = get(read_only, path).split(b"\r\n\r\n")[0]
        assert status_of(head) == 200 and b"\r\nX-Frame-Options: DENY" in head
        assert b"\r\nContent-Security-Policy: default-src 'none'; script-src " + scripts + b";" in head
        assert b"frame-ancestors 'none'" in head


def test_the_update_token_from_the_environment_is_not_on_the_command_line(store_copies, tmp_path, monkeypatch):
    store = shutil.copytree(store_copies[0], tmp_path / "store", ignore=shutil.ignore_patterns("LOCK"))
    monkeypatch.setenv("KG_UPDATE_TOKEN", TOKEN)
    process, address = start_server(store)
    try:
        assert TOKEN.encode() not in Path(f"/proc/{process.pid}/cmdline").read_bytes()
        body = b"INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> <urn:o> } }"
        answer = exchange(address, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-update\r\n"
                          + f"Authorization: Bearer {TOKEN}\r\nContent-Length: {len(body)}\r\n"
                            "Connection: close\r\n\r\n".encode() + body)
        assert status_of(answer) == 204, answer
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_view_past_the_timeout_is_stopped_with_503(store_copies):
    """/view?view=all of a large store ran 38 s of the server's CPU: now its drawing process is
    killed when the server's time is up."""
    from kg.serve.endpoint import HttpError
    from kg.serve.views import Drawer, Selection

    store = Store(store_copies[0], read_only=True)
    with pytest.raises(HttpError) as stopped:
        Drawer(store, timeout=0.001, workers=1, memory=2 << 30).page(Selection("all"))
    assert stopped.value.status == 503 and "longer than 0.001 s (the server's --timeout)" in stopped.value.message
    assert not [child for child in multiprocessing.active_children() if child.name == "kg-view"]  # killed
    assert "Trần Vi Dân" in Drawer(store, timeout=60, workers=1, memory=2 << 30).page(Selection("people"))
