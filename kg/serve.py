"""``kg serve``: the store over the SPARQL 1.1 Protocol and the Graph Store Protocol.

- ``/sparql``: queries by GET (``?query=``) or POST (an urlencoded form or an
  ``application/sparql-query`` body), with ``default-graph-uri``/``named-graph-uri``;
  answers as SPARQL JSON, XML, CSV or TSV, graphs as Turtle, N-Triples, JSON-LD or
  RDF/XML, as the Accept header asks. Updates (``update=`` or
  ``application/sparql-update``) need the server's update token.
- ``/store``: the Graph Store Protocol; GET or HEAD ``?graph=IRI`` (an article's graph) or
  ``?default`` (the merged graph: each triple of the article graphs once); PUT, POST and
  DELETE of a named graph need the token.
- ``/``: a page with a query box and the answer as a table.
- ``/view``: the interactive graph viewer of ``kg view``, for ``?view=``, ``?article=``,
  ``?around=`` and ``?depth=`` as ``kg view`` takes them.

Read-only unless started with an update token, which a writer sends as
``Authorization: Bearer TOKEN`` (401 without it, 403 with another). Queries read the store's
merged graph as their default graph; an update is applied and the merged graph brought in
line with the named graphs in the same transaction (``Store.update_and_merge``), so the
default graph is never written directly: write into a named graph. Each query runs in a
worker thread and the client gets 503 when it takes longer than ``timeout``: Oxigraph
cannot stop a query from outside, so the worker stops at its next row and a query that
computes long before its first row runs on unseen, holding one of ``workers`` threads. An
answer of more than ``max_rows`` rows (or triples) is an error, never a silent cut.
SERVICE (a query that calls another endpoint) is refused unless ``allow_service``.
"""
from __future__ import annotations

import hmac
import html
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from .errors import KgError, QueryError, QueryTooComplex
from .query import calls_service, results_json
from .store import _PREFIX_MAP, ArticleWrite, Store, WriteRejected, drop_update, write_update

MAX_BODY = 64 * 1024 * 1024

SOLUTION_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
_READ_FORMATS = {**GRAPH_FORMATS, "text/plain": ox.RdfFormat.N_TRIPLES}


@dataclass(frozen=True, slots=True)
class Settings:
    """What the server allows: the update token (None: read-only), a query's time and
    size, how many queries run at once, and SERVICE calls."""

    update_token: str | None = None
    timeout: float = 30.0
    max_rows: int = 100_000
    workers: int = 4
    allow_service: bool = False


class HttpError(Exception):
    """An answer other than 200, with the message the client sees."""

    def __init__(self, status: HTTPStatus, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


@dataclass(slots=True)
class Answer:
    """A query's answer, read in full (so its size is known) before anything is sent."""

    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None


class _Stopped(Exception):
    """The client was answered 503; the worker gives up at the next row."""


class Endpoint:
    """The library side of the server: queries with bounds, updates, graphs."""

    def __init__(self, store: Store, settings: Settings, pool=None) -> None:
        """``pool``: a ``kg.query_pool.QueryPool`` to run queries in worker processes (a
        read-only server); without one, they run in threads of this process."""
        self.store, self.settings, self.pool = store, settings, pool
        self._workers = ThreadPoolExecutor(settings.workers, thread_name_prefix="kg-query")

    def query(self, sparql: str, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None) -> Answer:
        self._check_service(sparql)
        if self.pool is not None:
            return self._query_in_pool(sparql, default_graphs, named_graphs)
        stop = threading.Event()
        future = self._workers.submit(self._evaluate, sparql, default_graphs, named_graphs, stop)
        try:
            return future.result(timeout=self.settings.timeout)
        except FutureTimeout:
            stop.set()
            future.cancel()
            raise HttpError(HTTPStatus.SERVICE_UNAVAILABLE,
                            f"the query ran longer than {self.settings.timeout:g} s (the server's --timeout) "
                            "and was given up") from None

    def _query_in_pool(self, sparql: str, default_graphs, named_graphs) -> Answer:
        from .query_pool import QueryStopped, TooManyRows

        try:
            result = self.pool.run(sparql, default_graphs, named_graphs, self.settings.max_rows, self.settings.timeout)
        except QueryStopped as error:
            status = HTTPStatus.INTERNAL_SERVER_ERROR if error.crashed else HTTPStatus.SERVICE_UNAVAILABLE
            raise HttpError(status, str(error), {"Retry-After": "10"} if error.busy else None) from None
        except TooManyRows as error:
            raise HttpError(HTTPStatus.INTERNAL_SERVER_ERROR, str(error)) from None
        return Answer(result.variables, result.rows, result.boolean, result.triples)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()

    def _evaluate(self, sparql, default_graphs, named_graphs, stop: threading.Event) -> Answer:
        result = self.store.query(sparql, default_graphs=default_graphs, named_graphs=named_graphs)
        if isinstance(result, ox.QueryBoolean):
            return Answer(boolean=bool(result))
        answer = Answer()
        if isinstance(result, ox.QuerySolutions):
            answer.variables = [variable.value for variable in result.variables]
            items = (tuple(solution[name] for name in answer.variables) for solution in result)
            collected = answer.rows
        else:
            items = iter(result)
            collected = answer.triples = []
        for item in items:
            if stop.is_set():
                raise _Stopped
            if len(collected) == self.settings.max_rows:
                raise HttpError(HTTPStatus.INTERNAL_SERVER_ERROR,
                                f"the answer has more than {self.settings.max_rows} rows (the server's --max-rows); "
                                "add a LIMIT")
            collected.append(item)
        return answer

    def update(self, sparql: str) -> None:
        """A client's SPARQL Update, then the merged graph made equal to the union of the named
        graphs again, in one transaction (it costs a pass over the store)."""
        self._check_service(sparql)
        self._write(self.store.update_and_merge, sparql)

    def _write(self, write, sparql: str) -> None:
        try:
            write(sparql)
        except WriteRejected as error:
            raise HttpError(HTTPStatus.BAD_REQUEST, str(error)) from None

    def graph(self, iri: str | None) -> list[ox.Triple]:
        """The triples of one named graph, or of the merged graph (``iri`` None). Not a query:
        no time or size bound, like an export."""
        if iri is None:
            return sorted(set(self.store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")), key=str)
        triples = list(self.store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{_iri(iri)}> {{ ?s ?p ?o }} }}"))
        if not triples:
            raise HttpError(HTTPStatus.NOT_FOUND, f"no graph <{iri}> in the store")
        return triples

    def put_graph(self, iri: str, data: bytes, media_type: str, *, replace: bool) -> bool:
        """Write a graph sent by a client in one update, into the named graph and the merged
        graph; True when it is new."""
        triples = _parse_graph(data, media_type)
        existed = bool(self.store.query(f"ASK {{ GRAPH <{_iri(iri)}> {{ ?s ?p ?o }} }}"))
        lines = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        if replace:
            self._write(self.store.update, write_update([ArticleWrite(iri, lines)]))
        else:
            self._write(self.store.update, f"INSERT DATA {{ GRAPH <{iri}> {{\n{lines}}}\n{lines}}}")
        return not existed

    def delete_graph(self, iri: str) -> None:
        if not bool(self.store.query(f"ASK {{ GRAPH <{_iri(iri)}> {{ ?s ?p ?o }} }}")):
            raise HttpError(HTTPStatus.NOT_FOUND, f"no graph <{iri}> in the store")
        self._write(self.store.update, " ;\n".join(drop_update([iri])))

    def _check_service(self, sparql: str) -> None:
        if not self.settings.allow_service and calls_service(sparql):
            raise HttpError(HTTPStatus.FORBIDDEN, "SERVICE (calling another endpoint) is not allowed here; "
                                                  "start the server with --allow-service to allow it")


def _iri(iri: str) -> str:
    """An IRI safe to put between < and > in a query."""
    if any(char in iri for char in '<>"{}|^`\\ \n\t'):
        raise HttpError(HTTPStatus.BAD_REQUEST, f"not an IRI: {iri!r}")
    return iri


def _parse_graph(data: bytes, media_type: str) -> list[ox.Triple]:
    rdf_format = _READ_FORMATS.get(media_type) or ox.RdfFormat.from_media_type(media_type or "")
    if rdf_format is None or rdf_format.supports_datasets:
        raise HttpError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        f"cannot read a graph sent as {media_type or 'no Content-Type'}; send one of: "
                        f"{', '.join(GRAPH_FORMATS)}")
    try:
        return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=rdf_format)]
    except SyntaxError as error:
        raise HttpError(HTTPStatus.BAD_REQUEST, f"the graph does not parse: {error}") from None


def negotiate(accept: str | None, offered: dict, default: str) -> str:
    """The media type to answer with: the client's most wanted one that is offered."""
    wanted = []
    for position, part in enumerate((accept or "*/*").split(",")):
        media, *params = [piece.strip().lower() for piece in part.split(";")]
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            wanted.append((-quality, position, media))
    for _, _, media in sorted(wanted):
        if media in offered:
            return media
        if media == "*/*":
            return default
        if media.endswith("/*"):
            family = media[:-1]
            match = default if default.startswith(family) else next((m for m in offered if m.startswith(family)), None)
            if match:
                return match
    raise HttpError(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer as {accept}; offered: {', '.join(offered)}")


def serialize_answer(answer: Answer, media_type: str) -> bytes:
    if answer.triples is not None:
        return ox.serialize(answer.triples, format=GRAPH_FORMATS[media_type], prefixes=_PREFIX_MAP)
    data = json.dumps(results_json(answer.variables, answer.rows, answer.boolean),
                      ensure_ascii=False).encode("utf-8")
    result_format = SOLUTION_FORMATS[media_type]
    if result_format == ox.QueryResultsFormat.JSON:
        return data
    return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON).serialize(format=result_format)


class Handler(BaseHTTPRequestHandler):
    """One request; the server's ``endpoint`` does the work."""

    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"
    timeout = 30  # seconds a client may stay silent (a slow or stalled client) before its connection is closed

    @property
    def endpoint(self) -> Endpoint:
        return self.server.endpoint  # type: ignore[attr-defined]

    def do_GET(self) -> None:
        self._dispatch(self._get)

    def do_HEAD(self) -> None:
        self._dispatch(self._get, head=True)

    def do_POST(self) -> None:
        self._dispatch(self._post)

    def do_PUT(self) -> None:
        self._dispatch(self._write_graph)

    def do_DELETE(self) -> None:
        self._dispatch(self._write_graph)

    def _dispatch(self, method, head: bool = False) -> None:
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        try:
            status, media_type, body = method(url.path, params)
        except HttpError as error:
            self._fail(error.status, error.message, error.headers, head)
        except QueryError as error:
            invalid = isinstance(error, QueryTooComplex) or str(error).startswith("invalid SPARQL")
            self._fail(HTTPStatus.BAD_REQUEST if invalid else HTTPStatus.INTERNAL_SERVER_ERROR, str(error), {}, head)
        except KgError as error:
            self._fail(HTTPStatus.INTERNAL_SERVER_ERROR, str(error), {}, head)
        else:
            self._send(status, media_type, body, {"Vary": "Accept"}, head)

    def _fail(self, status: HTTPStatus, message: str, headers: dict, head: bool) -> None:
        """An error in plain text; the connection closes, as a request body may be left unread."""
        self.close_connection = True
        self._send(status, "text/plain; charset=utf-8", f"{message}\n".encode("utf-8"),
                   {**headers, "Connection": "close"}, head)

    def _send(self, status, media_type: str, body: bytes, headers: dict, head: bool) -> None:
        self.send_response(status)
        if status != HTTPStatus.NO_CONTENT:
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not head and status != HTTPStatus.NO_CONTENT:
            self.wfile.write(body)

    # --- GET ---------------------------------------------------------------

    def _get(self, path: str, params: dict):
        if path == "/":
            return HTTPStatus.OK, "text/html; charset=utf-8", self._page(params.get("query", [""])[0]).encode("utf-8")
        if path == "/sparql":
            if "update" in params:
                raise HttpError(HTTPStatus.METHOD_NOT_ALLOWED, "an update must be sent by POST",
                                {"Allow": "GET, POST"})
            return self._answer(_one(params, "query"), params)
        if path == "/store":
            return self._read_graph(params)
        if path == "/view":
            return HTTPStatus.OK, "text/html; charset=utf-8", self._viewer(params).encode("utf-8")
        raise HttpError(HTTPStatus.NOT_FOUND, f"nothing at {path}; the endpoint is /sparql, graphs are at /store")

    def _answer(self, sparql: str, params: dict):
        answer = self.endpoint.query(sparql, params.get("default-graph-uri"), params.get("named-graph-uri"))
        if answer.triples is not None:
            media_type = negotiate(self.headers.get("Accept"), GRAPH_FORMATS, "text/turtle")
        else:
            media_type = negotiate(self.headers.get("Accept"), SOLUTION_FORMATS, "application/sparql-results+json")
        return HTTPStatus.OK, _with_charset(media_type), serialize_answer(answer, media_type)

    def _read_graph(self, params: dict):
        if "default" in params:
            triples = self.endpoint.graph(None)
        elif "graph" in params:
            triples = self.endpoint.graph(_one(params, "graph"))
        else:
            raise HttpError(HTTPStatus.BAD_REQUEST, "give ?graph=IRI (an article's graph) or ?default (all)")
        media_type = negotiate(self.headers.get("Accept"), GRAPH_FORMATS, "text/turtle")
        return HTTPStatus.OK, _with_charset(media_type), serialize_answer(Answer(triples=triples), media_type)

    # --- POST, PUT, DELETE ---------------------------------------------------

    def _post(self, path: str, params: dict):
        if path == "/store":
            return self._write_graph(path, params)
        if path != "/sparql":
            raise HttpError(HTTPStatus.NOT_FOUND, f"nothing at {path}; the endpoint is /sparql")
        media_type, body = self._body()
        if media_type == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
            merged = {**params, **form}
            if "update" in form:
                return self._update(_one(form, "update"))
            return self._answer(_one(form, "query"), merged)
        if media_type == "application/sparql-query":
            return self._answer(body.decode("utf-8"), params)
        if media_type == "application/sparql-update":
            return self._update(body.decode("utf-8"))
        raise HttpError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        "POST a form (query= or update=), application/sparql-query or application/sparql-update")

    def _update(self, sparql: str):
        self._authorise()
        self.endpoint.update(sparql)
        return HTTPStatus.NO_CONTENT, "text/plain", b""

    def _write_graph(self, path: str, params: dict):
        if path != "/store":
            raise HttpError(HTTPStatus.NOT_FOUND, f"nothing at {path}; graphs are at /store")
        self._authorise()
        if "graph" not in params:
            raise HttpError(HTTPStatus.BAD_REQUEST, "give ?graph=IRI; the default graph is the merged graph of "
                                                    "the article graphs and cannot be written")
        iri = _iri(_one(params, "graph"))
        if self.command == "DELETE":
            self.endpoint.delete_graph(iri)
            return HTTPStatus.NO_CONTENT, "text/plain", b""
        media_type, body = self._body()
        created = self.endpoint.put_graph(iri, body, media_type, replace=self.command == "PUT")
        return (HTTPStatus.CREATED if created else HTTPStatus.NO_CONTENT), "text/plain", b""

    def _authorise(self) -> None:
        token = self.endpoint.settings.update_token
        if token is None:
            raise HttpError(HTTPStatus.FORBIDDEN, "this endpoint is read-only; start kg serve with --update-token "
                                                  "to allow updates")
        scheme, _, given = self.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise HttpError(HTTPStatus.UNAUTHORIZED, "updates need the header 'Authorization: Bearer TOKEN'",
                            {"WWW-Authenticate": 'Bearer realm="kg"'})
        if not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise HttpError(HTTPStatus.FORBIDDEN, "wrong update token")

    def _body(self) -> tuple[str, bytes]:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise HttpError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the request body is over {MAX_BODY} bytes")
        media_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        return media_type, self.rfile.read(length)

    # --- the pages -----------------------------------------------------------

    def _viewer(self, params: dict) -> str:
        """The page ``kg view`` writes, for the selection in the URL. Not a query: no time or
        size bound, like an export."""
        from .viewer import viewer_html
        from .views import to_networkx

        def given(name: str) -> str | None:
            return _one(params, name) if name in params else None

        depth = given("depth") or "1"
        if not depth.isdigit():
            raise HttpError(HTTPStatus.BAD_REQUEST, f"depth={depth!r}: give a whole number, 0 or more")
        try:
            graph = to_networkx(self.endpoint.store, given("view") or "all", article=given("article"),
                                around=given("around"), depth=int(depth))
            return viewer_html(graph)
        except KgError as error:  # an unknown view, article or name, or an empty selection
            raise HttpError(HTTPStatus.BAD_REQUEST, str(error)) from None

    def _page(self, sparql: str) -> str:
        result = ""
        if sparql.strip():
            try:
                result = _html_answer(self.endpoint.query(sparql))
            except HttpError as error:
                result = f'<p class="error">{html.escape(error.message)}</p>'
            except KgError as error:
                result = f'<p class="error">{html.escape(str(error))}</p>'
        return _PAGE.format(query=html.escape(sparql or _EXAMPLE), result=result)


def _one(params: dict, name: str) -> str:
    values = params.get(name)
    if not values or not values[0].strip():
        raise HttpError(HTTPStatus.BAD_REQUEST, f"give the {name} (the '{name}' parameter)")
    if len(values) > 1:
        raise HttpError(HTTPStatus.BAD_REQUEST, f"give one '{name}' parameter, not {len(values)}")
    return values[0]


def _with_charset(media_type: str) -> str:
    return media_type if media_type == "application/ld+json" else f"{media_type}; charset=utf-8"


def _html_answer(answer: Answer) -> str:
    if answer.boolean is not None:
        return f"<p>{'true' if answer.boolean else 'false'}</p>"
    if answer.triples is not None:
        columns, rows = ["subject", "predicate", "object"], [(t.subject, t.predicate, t.object) for t in answer.triples]
    else:
        columns, rows = answer.variables, answer.rows
    head = "".join(f"<th>{html.escape(column)}</th>" for column in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(term.value) if term is not None else ''}</td>"
                                    for term in row) + "</tr>" for row in rows)
    return f"<p>{len(rows)} row{'s' if len(rows) != 1 else ''}</p><table><tr>{head}</tr>{body}</table>"


_EXAMPLE = "SELECT ?name WHERE { ?person a schema:Person ; schema:name ?name } ORDER BY ?name LIMIT 20"
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg SPARQL</title>
<style>body{{font-family:sans-serif;margin:2em}}textarea{{width:100%;font-family:monospace}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2em .5em;text-align:left}}
.error{{color:#b00}}</style></head>
<body><h1>kg SPARQL</h1>
<p>Query the merged graph of all articles (each triple once; <code>GRAPH ?article</code> for one
article's); prefixes schema:, org:, skos:, kgo: and others are predeclared.
The endpoint for programs is <code>/sparql</code>; graphs are at <code>/store?graph=IRI</code>;
the graph to explore is at <a href="/view?view=people">/view</a> (<code>?view=</code>, <code>?around=</code>,
<code>?depth=</code>, <code>?article=</code> as <code>kg view</code> takes them).</p>
<form method="get" action="/"><textarea name="query" rows="8">{query}</textarea>
<p><button type="submit">Run</button></p></form>
{result}
</body></html>
"""


def make_server(store: Store, host: str = "127.0.0.1", port: int = 7878, settings: Settings = Settings()) -> ThreadingHTTPServer:
    """An HTTP server for ``store`` (call ``serve_forever``); port 0 picks a free one."""
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    pool = None
    if settings.update_token is None and getattr(store, "read_only", False) and store.path is not None:
        from .query_pool import QueryPool  # a read-only store: queries in worker processes that can be stopped

        pool = QueryPool(store.path, settings.workers)
    server.endpoint = Endpoint(store, settings, pool)  # type: ignore[attr-defined]
    return server
