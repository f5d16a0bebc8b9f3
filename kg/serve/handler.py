"""The HTTP side of ``kg serve``, a WSGI application: requests read, answers negotiated and
sent, the query page. ``server`` runs it in waitress."""
from __future__ import annotations

import functools

import hmac
import html
import json
import sys
import traceback
from http import HTTPStatus
from urllib.parse import parse_qs

import pyoxigraph as ox

from ..errors import KgError, QueryError, QueryForbidden, QueryTooComplex
from ..query.pool import DEFAULT_MEMORY
from ..rdf.namespaces import PREFIX_MAP
from ..store.sparql import results_json
from .endpoint import GRAPH_FORMATS, SOLUTION_FORMATS, Answer, Endpoint, HttpError, checked_iri
from .pages import QUERY_PAGE_HEADERS, query_page, static_file
from .views import Drawer, Selection


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
    """The answer as ``media_type``; 406 when the answer holds what that format cannot say
    (a triple term in JSON-LD)."""
    offered = GRAPH_FORMATS if answer.triples is not None else SOLUTION_FORMATS
    try:
        if answer.triples is not None:
            return ox.serialize(answer.triples, format=GRAPH_FORMATS[media_type], prefixes=PREFIX_MAP)
        if (passed_on := answer.solutions_as(SOLUTION_FORMATS[media_type])) is not None:
            return passed_on  # a worker's solutions, converted by Oxigraph
        data = json.dumps(results_json(answer.variables, answer.rows, answer.boolean),
                          ensure_ascii=False).encode("utf-8")
        result_format = SOLUTION_FORMATS[media_type]
        if result_format == ox.QueryResultsFormat.JSON:
            return data
        return ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON).serialize(format=result_format)
    except (OSError, ValueError, SyntaxError) as error:
        raise HttpError(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer as {media_type}: {error}; ask for one of: "
                                                   f"{', '.join(m for m in offered if m != media_type)}") from None


PAGE_HEADERS = {
    # the pages hold their scripts and styles and fetch nothing: nothing else may run, load or frame them
    "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                               "img-src data: blob:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
}


class Request:
    """One request as the app reads it from its WSGI environ: waitress has already checked its
    framing (Content-Length, chunks, the body limit) and read its body."""

    def __init__(self, environ: dict) -> None:
        self.environ = environ
        self.method = environ["REQUEST_METHOD"]
        self.path = environ.get("PATH_INFO") or "/"
        self.params = _parsed_params(environ.get("QUERY_STRING", ""), "the query string")

    def header(self, name: str) -> str | None:
        return self.environ.get("HTTP_" + name.upper().replace("-", "_"))

    @property
    def media_type(self) -> str:
        return self.environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()

    def body(self) -> bytes:
        # digits only and at most MAX_BODY: waitress answers any other Content-Length itself
        return self.environ["wsgi.input"].read(int(self.environ.get("CONTENT_LENGTH") or 0))

    def text(self) -> str:
        """The body as UTF-8 text, which SPARQL and forms are."""
        body = self.body()
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise HttpError(HTTPStatus.BAD_REQUEST, f"the request body is not UTF-8 (byte {error.start})") from None


class App:
    """kg serve as a WSGI application: one ``Request`` routed to the ``endpoint``, and every
    request answered with a status and a one-line reason, however malformed it is."""

    METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE")

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        settings = endpoint.settings
        self.drawer = Drawer(endpoint.store, settings.timeout, settings.workers, DEFAULT_MEMORY)

    def __call__(self, environ: dict, start_response) -> list[bytes]:
        head = environ.get("REQUEST_METHOD") == "HEAD"
        headers = {"Vary": "Accept"}
        try:
            status, media_type, body, *own_headers = self._route(Request(environ))
            headers.update(*own_headers)
        except HttpError as error:
            status, media_type, body, headers = self._failure(error.status, error.message, error.headers)
        except QueryForbidden as error:
            status, media_type, body, headers = self._failure(HTTPStatus.FORBIDDEN, str(error))
        except QueryError as error:
            invalid = isinstance(error, QueryTooComplex) or str(error).startswith("invalid SPARQL")
            status, media_type, body, headers = self._failure(
                HTTPStatus.BAD_REQUEST if invalid else HTTPStatus.INTERNAL_SERVER_ERROR, str(error))
        except KgError as error:
            status, media_type, body, headers = self._failure(HTTPStatus.INTERNAL_SERVER_ERROR, str(error))
        except Exception as error:  # noqa: BLE001 - a bug of kg's: still an answer with its reason, and a log line
            traceback.print_exception(error, file=sys.stderr)
            status, media_type, body, headers = self._failure(
                HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error: {type(error).__name__}: {error}")
        if media_type.startswith("text/html"):
            headers = {**PAGE_HEADERS, **headers}
        response = [("Content-Type", media_type), ("Content-Length", str(len(body))), *headers.items(),
                    ("X-Content-Type-Options", "nosniff")]
        if status == HTTPStatus.NO_CONTENT:
            response, body = [*headers.items(), ("X-Content-Type-Options", "nosniff")], b""
        start_response(f"{status.value} {status.phrase}", response)
        return [b"" if head else body]

    @staticmethod
    def _failure(status: HTTPStatus, message: str, headers: dict | None = None):
        line = " ".join(message.split())  # one line, whatever the message held
        return status, "text/plain; charset=utf-8", f"{line}\n".encode("utf-8"), headers or {}

    def _route(self, request: Request):
        if request.method in ("GET", "HEAD"):
            return self._get(request)
        if request.method == "POST":
            return self._post(request)
        if request.method in ("PUT", "DELETE"):
            return self._write_graph(request)
        raise HttpError(HTTPStatus.METHOD_NOT_ALLOWED, f"{request.method} is not a method kg serve answers",
                        {"Allow": ", ".join(self.METHODS)})

    # --- GET ---------------------------------------------------------------

    def _get(self, request: Request):
        path, params = request.path, request.params
        if path == "/":
            return HTTPStatus.OK, "text/html; charset=utf-8", query_page(), QUERY_PAGE_HEADERS
        if path == "/table":
            return HTTPStatus.OK, "text/html; charset=utf-8", self._page(params.get("query", [""])[0]).encode("utf-8")
        if path.startswith("/static/"):
            found = static_file(path.removeprefix("/static/"))
            if found is None:
                raise HttpError(HTTPStatus.NOT_FOUND, f"nothing at {path}")
            return HTTPStatus.OK, found[0], found[1], {"Cache-Control": "max-age=3600"}
        if path == "/sparql":
            if "update" in params:
                raise HttpError(HTTPStatus.METHOD_NOT_ALLOWED, "an update must be sent by POST",
                                {"Allow": "GET, POST"})
            return self._answer(request, _one(params, "query"), params)
        if path == "/store":
            return self._read_graph(request)
        if path == "/view":
            return HTTPStatus.OK, "text/html; charset=utf-8", self._viewer(params).encode("utf-8")
        if path == "/ontology":
            return HTTPStatus.OK, "text/html; charset=utf-8", _ontology_page()
        raise HttpError(HTTPStatus.NOT_FOUND, f"nothing at {path}; the endpoint is /sparql, graphs are at /store, "
                                                   "the ontology at /ontology")

    def _answer(self, request: Request, sparql: str, params: dict):
        answer = self.endpoint.query(sparql, params.get("default-graph-uri"), params.get("named-graph-uri"))
        if answer.triples is not None:
            media_type = negotiate(request.header("Accept"), GRAPH_FORMATS, "text/turtle")
        else:
            media_type = negotiate(request.header("Accept"), SOLUTION_FORMATS, "application/sparql-results+json")
        return HTTPStatus.OK, _with_charset(media_type), serialize_answer(answer, media_type)

    def _read_graph(self, request: Request):
        params = request.params
        if "default" in params:
            triples = self.endpoint.graph(None)
        elif "graph" in params:
            triples = self.endpoint.graph(_one(params, "graph"))
        else:
            raise HttpError(HTTPStatus.BAD_REQUEST, "give ?graph=IRI (an article's graph) or ?default (all)")
        media_type = negotiate(request.header("Accept"), GRAPH_FORMATS, "text/turtle")
        return HTTPStatus.OK, _with_charset(media_type), serialize_answer(Answer(triples=triples), media_type)

    # --- POST, PUT, DELETE ---------------------------------------------------

    def _post(self, request: Request):
        if request.path == "/store":
            return self._write_graph(request)
        if request.path != "/sparql":
            raise HttpError(HTTPStatus.NOT_FOUND, f"nothing at {request.path}; the endpoint is /sparql")
        media_type, params = request.media_type, request.params
        if media_type == "application/x-www-form-urlencoded":
            form = _parsed_params(request.text(), "the form")
            merged = {**params, **form}
            if "update" in form:
                return self._update(request, _one(form, "update"))
            return self._answer(request, _one(form, "query"), merged)
        if media_type == "application/sparql-query":
            return self._answer(request, request.text(), params)
        if media_type == "application/sparql-update":
            return self._update(request, request.text())
        raise HttpError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        "POST a form (query= or update=), application/sparql-query or application/sparql-update")

    def _update(self, request: Request, sparql: str):
        self._authorise(request)
        self.endpoint.update(sparql)
        return HTTPStatus.NO_CONTENT, "text/plain", b""

    def _write_graph(self, request: Request):
        if request.path != "/store":
            raise HttpError(HTTPStatus.NOT_FOUND, f"nothing at {request.path}; graphs are at /store")
        self._authorise(request)
        if "graph" not in request.params:
            raise HttpError(HTTPStatus.BAD_REQUEST, "give ?graph=IRI; the default graph is the merged graph of "
                                                    "the article graphs and cannot be written")
        iri = checked_iri(_one(request.params, "graph"))
        if request.method == "DELETE":
            self.endpoint.delete_graph(iri)
            return HTTPStatus.NO_CONTENT, "text/plain", b""
        created = self.endpoint.put_graph(iri, request.body(), request.media_type, replace=request.method == "PUT")
        return (HTTPStatus.CREATED if created else HTTPStatus.NO_CONTENT), "text/plain", b""

    def _authorise(self, request: Request) -> None:
        token = self.endpoint.settings.update_token
        if token is None:
            raise HttpError(HTTPStatus.FORBIDDEN, "this endpoint is read-only; start kg serve with --update-token "
                                                  "to allow updates")
        scheme, _, given = (request.header("Authorization") or "").partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise HttpError(HTTPStatus.UNAUTHORIZED, "updates need the header 'Authorization: Bearer TOKEN'",
                            {"WWW-Authenticate": 'Bearer realm="kg"'})
        if not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise HttpError(HTTPStatus.FORBIDDEN, "wrong update token")

    # --- the pages -----------------------------------------------------------

    def _viewer(self, params: dict) -> str:
        """The page ``kg view`` writes, for the selection in the URL, drawn within the server's timeout."""
        def given(name: str) -> str | None:
            return _one(params, name) if name in params else None

        depth = given("depth") or "1"
        if not depth.isdigit():
            raise HttpError(HTTPStatus.BAD_REQUEST, f"depth={depth!r}: give a whole number, 0 or more")
        return self.drawer.page(Selection(given("view") or "all", given("article"), given("around"), int(depth)))

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


def _parsed_params(text: str, what: str) -> dict[str, list[str]]:
    """URL-encoded parameters, their escapes read as UTF-8 (a 400 when they are not)."""
    try:
        return parse_qs(text, keep_blank_values=True, errors="strict", max_num_fields=MAX_PARAMS)
    except UnicodeDecodeError:
        raise HttpError(HTTPStatus.BAD_REQUEST, f"{what} is not UTF-8 once its %-escapes are read") from None
    except ValueError as error:  # more than MAX_PARAMS fields
        raise HttpError(HTTPStatus.BAD_REQUEST, f"{what}: {error}") from None


MAX_PARAMS = 1000


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
<p>A page without scripts; <a href="/">the query page</a> has an editor, examples, paging and downloads.</p>
<p>Query the merged graph of all articles (each triple once; <code>GRAPH ?article</code> for one
article's); prefixes schema:, org:, skos:, kgo: and others are predeclared.
The endpoint for programs is <code>/sparql</code>; graphs are at <code>/store?graph=IRI</code>;
the graph to explore is at <a href="/view?view=people">/view</a> (<code>?view=</code>, <code>?around=</code>,
<code>?depth=</code>, <code>?article=</code> as <code>kg view</code> takes them).</p>
<form method="get" action="/table"><textarea name="query" rows="8">{query}</textarea>
<p><button type="submit">Run</button></p></form>
{result}
</body></html>
"""


@functools.cache
def _ontology_page() -> bytes:
    """The page ``kg docs`` writes, made once per server: the schema does not change while it runs."""
    from ..docs import ontology_html
    return ontology_html().encode("utf-8")
