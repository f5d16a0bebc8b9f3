"""The library side of ``kg serve``: a query with its bounds (time, rows, SERVICE), a client's
update, and the graphs of the Graph Store Protocol, over an embedded store."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from http import HTTPStatus

import pyoxigraph as ox

from ..errors import StoreError
from ..query import check_request
from ..store import ArticleWrite, Store, WriteRejected, drop_update, write_update
from ..store.sparql import calls_out

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
    """A query's answer, read in full (so its size is known) before anything is sent. From
    the worker pool, solutions come as SPARQL TSV (``tsv``) and go out converted by Oxigraph
    (``solutions_as``), never made Python objects; ``rows`` reads them only when asked."""

    variables: list[str] = field(default_factory=list)
    given_rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None
    tsv: bytes | None = None

    @property
    def rows(self) -> list[tuple]:
        from ..query.pool import solution_rows

        return self.given_rows if self.tsv is None else solution_rows(self.variables, self.tsv)

    def solutions_as(self, result_format: ox.QueryResultsFormat) -> bytes | None:
        """The solutions of a worker's answer in ``result_format``; None for any other answer."""
        if self.tsv is None:
            return None
        if result_format == ox.QueryResultsFormat.TSV:
            return self.tsv
        return ox.parse_query_results(self.tsv, format=ox.QueryResultsFormat.TSV).serialize(format=result_format)


class _Stopped(Exception):
    """The client was answered 503; the worker gives up at the next row."""


class Endpoint:
    """The library side of the server: queries with bounds, updates, graphs."""

    def __init__(self, store: Store, settings: Settings, pool=None) -> None:
        """``pool``: a ``kg.query.pool.QueryPool`` to run queries in worker processes (a
        read-only server); without one, they run in threads of this process."""
        self.store, self.settings, self.pool = store, settings, pool
        self._workers = ThreadPoolExecutor(settings.workers, thread_name_prefix="kg-query")

    def query(self, sparql: str, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None) -> Answer:
        for name, iris in (("default-graph-uri", default_graphs), ("named-graph-uri", named_graphs)):
            for iri in iris or ():
                checked_iri(iri, name)
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
        from ..query.pool import QueryStopped, TooManyRows

        try:
            result = self.pool.run(sparql, default_graphs, named_graphs, self.settings.max_rows, self.settings.timeout,
                                   self.settings.allow_service)
        except QueryStopped as error:
            status = HTTPStatus.INTERNAL_SERVER_ERROR if error.crashed else HTTPStatus.SERVICE_UNAVAILABLE
            raise HttpError(status, str(error), {"Retry-After": "10"} if error.busy else None) from None
        except TooManyRows as error:
            raise HttpError(HTTPStatus.INTERNAL_SERVER_ERROR, str(error)) from None
        return Answer(result.variables, boolean=result.boolean, triples=result.triples, tsv=result.tsv)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()

    def _evaluate(self, sparql, default_graphs, named_graphs, stop: threading.Event) -> Answer:
        check_request(sparql, allow_service=self.settings.allow_service)
        result = self.store.query(sparql, default_graphs=default_graphs, named_graphs=named_graphs)
        if isinstance(result, ox.QueryBoolean):
            return Answer(boolean=bool(result))
        answer = Answer()
        if isinstance(result, ox.QuerySolutions):
            answer.variables = [variable.value for variable in result.variables]
            items = (tuple(solution[name] for name in answer.variables) for solution in result)
            collected = answer.given_rows
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
        check_request(sparql, allow_service=self.settings.allow_service, update=True)
        try:
            self._write(self.store.update_and_merge, sparql)
        except StoreError as error:
            if not calls_out(sparql, update=True):
                raise
            raise HttpError(HTTPStatus.INTERNAL_SERVER_ERROR,
                            f"the update was not applied: what it LOADs (or calls by SERVICE) failed: {error}") from None

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
        triples = list(self.store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{checked_iri(iri)}> {{ ?s ?p ?o }} }}"))
        if not triples:
            raise HttpError(HTTPStatus.NOT_FOUND, f"no graph <{iri}> in the store")
        return triples

    def put_graph(self, iri: str, data: bytes, media_type: str, *, replace: bool) -> bool:
        """Write a graph sent by a client in one update, into the named graph and the merged
        graph; True when it is new."""
        triples = _parse_graph(data, media_type)
        existed = bool(self.store.query(f"ASK {{ GRAPH <{checked_iri(iri)}> {{ ?s ?p ?o }} }}"))
        lines = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        if replace:
            self._write(self.store.update, write_update([ArticleWrite(iri, lines)]))
        else:
            self._write(self.store.update, f"INSERT DATA {{ GRAPH <{iri}> {{\n{lines}}}\n{lines}}}")
        return not existed

    def delete_graph(self, iri: str) -> None:
        if not bool(self.store.query(f"ASK {{ GRAPH <{checked_iri(iri)}> {{ ?s ?p ?o }} }}")):
            raise HttpError(HTTPStatus.NOT_FOUND, f"no graph <{iri}> in the store")
        self._write(self.store.update, " ;\n".join(drop_update([iri])))


def checked_iri(iri: str, what: str = "") -> str:
    """An IRI safe to put between < and > in a query; ``what`` names the parameter that gave it."""
    try:
        ox.NamedNode(iri)
        valid = not any(char in iri for char in '<>"{}|^`\\ \n\t')
    except ValueError:
        valid = False
    if not valid:
        raise HttpError(HTTPStatus.BAD_REQUEST, f"{what}{': ' if what else ''}not an IRI: {iri!r}")
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
