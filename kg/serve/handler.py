"""The HTTP side of ``kg serve``: requests read, answers negotiated and sent, the query page."""
from __future__ import annotations

import hmac
import html
import json
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from ..errors import KgError, QueryError, QueryForbidden, QueryTooComplex
from ..rdf.namespaces import PREFIX_MAP
from ..store import Store
from ..store.sparql import results_json
from .endpoint import GRAPH_FORMATS, MAX_BODY, SOLUTION_FORMATS, Answer, Endpoint, HttpError, Settings, checked_iri


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
        return ox.serialize(answer.triples, format=GRAPH_FORMATS[media_type], prefixes=PREFIX_MAP)
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
        except QueryForbidden as error:
            self._fail(HTTPStatus.FORBIDDEN, str(error), {}, head)
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
        iri = checked_iri(_one(params, "graph"))
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
        from ..export.viewer import viewer_html
        from ..export.views import to_networkx

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
        from ..query.pool import QueryPool  # a read-only store: queries in worker processes that can be stopped

        pool = QueryPool(store.path, settings.workers)
    server.endpoint = Endpoint(store, settings, pool)  # type: ignore[attr-defined]
    return server
