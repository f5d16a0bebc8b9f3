"""Queries in worker processes that can be stopped, for a read-only ``kg serve``.

Oxigraph cannot stop a query it is running, and some queries crash the process that runs
them: thousands of nested groups, or of ``||``, ``UNION`` or path steps in a row, overflow
its stack. A public endpoint therefore runs each query in one of a few worker processes,
each with the store open read-only and its memory capped: a query that outlives its
time is stopped by killing its worker, a query that crashes or exhausts the memory takes
only its worker with it, and a new worker takes the place of either. The server's own
process never runs a query and keeps answering.

Read-only workers need a store that nobody writes while they read it: each holds the
readers' shared lock on the store (``kg.store.embedded``), so a build is refused while the
pool serves, and other readers (``kg query``, another server) read beside it.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import resource
import signal
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from ..errors import KgError, QueryError, QueryForbidden, QueryTooComplex, StoreError

DEFAULT_MEMORY = 2 * 1024 ** 3


class QueryStopped(KgError):
    """A query given up: it ran out of time, crashed its worker, or found no free worker."""

    def __init__(self, message: str, *, busy: bool = False, crashed: bool = False) -> None:
        super().__init__(message)
        self.busy, self.crashed = busy, crashed


class TooManyRows(KgError):
    """An answer longer than the server's limit."""


@dataclass(frozen=True, slots=True)
class Result:
    """A query's answer as plain data from a worker: one of the three kinds of answer.
    Solutions come as SPARQL TSV written by Oxigraph (``tsv``), never as Python objects: a
    server passes them on in the format asked (``kg.serve.endpoint.Answer``), and ``rows``
    reads them only when asked."""

    variables: list[str]
    tsv: bytes | None = None
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None

    @property
    def rows(self) -> list[tuple]:
        return solution_rows(self.variables, self.tsv)


def solution_rows(variables: list[str], tsv: bytes | None) -> list[tuple]:
    """The rows of solutions written as SPARQL TSV: tuples of terms, None where unbound."""
    if tsv is None:
        return []
    return [tuple(solution[name] for name in variables)
            for solution in ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)]


class QueryPool:
    """``workers`` worker processes with ``store_path`` open read-only, each limited to
    ``memory`` bytes of address space."""

    def __init__(self, store_path: str | Path, workers: int = 4, memory: int = DEFAULT_MEMORY) -> None:
        self.store_path, self.memory = str(store_path), memory
        self._context = multiprocessing.get_context("spawn")
        # last in, first out: the worker that answered last answers next, its caches warm (each worker has its own)
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._closed = False
        starting = [_Worker.start(self._context, self.store_path, memory) for _ in range(workers)]
        for worker in starting:
            worker.wait_ready()
            self._idle.put(worker)

    def run(self, sparql: str, default_graphs: Sequence[str] | None, named_graphs: Sequence[str] | None,
            max_rows: int, timeout: float, allow_service: bool = False) -> Result:
        """The answer of one query, within ``timeout`` seconds (waiting for a worker included),
        checked in the worker first (``kg.query.check_request``)."""
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryStopped(f"every query worker is busy; no answer within {timeout:g} s", busy=True) from None
        try:
            worker.connection.send((sparql, list(default_graphs or ()), list(named_graphs or ()), max_rows,
                                    allow_service))
            if not worker.connection.poll(timeout):
                self._replace(worker)
                raise QueryStopped(f"the query ran longer than {timeout:g} s (the server's --timeout) and was stopped")
            reply = worker.connection.recv()
        except (EOFError, OSError):
            self._replace(worker)
            raise QueryStopped("the query stopped the process that ran it: nested too deeply, too long, or over "
                               f"the {self.memory >> 20} MB a query may use", crashed=True) from None
        self._idle.put(worker)
        return _result(reply)

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                break

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start another in the background; queries meanwhile use the others."""
        worker.stop()

        def start() -> None:
            fresh = _Worker.start(self._context, self.store_path, self.memory)
            try:
                fresh.wait_ready()
            except KgError as error:
                print(f"Error: a query worker could not start: {error}", file=sys.stderr)
                return
            if self._closed:
                fresh.stop()
            else:
                self._idle.put(fresh)

        threading.Thread(target=start, daemon=True, name="kg-query-respawn").start()


class _Worker:
    def __init__(self, process, connection: Connection) -> None:
        self.process, self.connection = process, connection

    @classmethod
    def start(cls, context, store_path: str, memory: int) -> _Worker:
        ours, theirs = context.Pipe()
        process = context.Process(target=_serve_queries, args=(theirs, store_path, memory), daemon=True,
                                  name="kg-query-worker")
        process.start()
        theirs.close()
        return cls(process, ours)

    def wait_ready(self) -> None:
        """The worker says 'ready' once the store is open; anything else is why it could not open it."""
        try:
            message = self.connection.recv()
        except EOFError:
            message = "the query worker ended before it opened the store"
        if message != "ready":
            self.stop()
            raise StoreError(str(message))

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


def _serve_queries(connection: Connection, store_path: str, memory: int) -> None:
    """A worker's life: cap its memory, open the store read-only, answer queries until the pipe closes."""
    from ..store import Store

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops its workers
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        store = Store(store_path, read_only=True)
    except KgError as error:
        connection.send(str(error))
        return
    connection.send("ready")
    while True:
        try:
            sparql, default_graphs, named_graphs, max_rows, allow_service = connection.recv()
        except EOFError:
            os._exit(0)
        connection.send(_answer(store, sparql, default_graphs, named_graphs, max_rows, allow_service))


def _answer(store, sparql: str, default_graphs: list[str], named_graphs: list[str], max_rows: int,
            allow_service: bool) -> tuple:
    """A query's answer in plain data a pipe carries: solutions as SPARQL TSV, graphs as N-Triples."""
    from . import check_request

    try:
        check_request(sparql, allow_service=allow_service)
        result = store.query(sparql, default_graphs=default_graphs or None, named_graphs=named_graphs or None)
        if isinstance(result, ox.QueryBoolean):
            return ("boolean", bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = [variable.value for variable in result.variables]
            return ("solutions", variables, _rows_as_tsv(result, max_rows))
        triples = []
        for triple in result:
            if len(triples) == max_rows:
                raise TooManyRows(f"the answer has more than {max_rows} rows (the server's --max-rows); add a LIMIT")
            triples.append(triple)
        return ("triples", ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    except TooManyRows as error:
        return ("rows", str(error))
    except QueryTooComplex as error:
        return ("too complex", str(error))
    except QueryForbidden as error:
        return ("forbidden", str(error))
    except KgError as error:  # an invalid query, or a store found damaged
        return ("error", str(error))
    except (OSError, ValueError) as error:  # from Oxigraph, past kg's checks: an answer, not a dead worker
        return ("error", f"query failed: {error}")


def _result(reply: tuple) -> Result:
    kind, payload = reply[:2]
    if kind == "error":
        raise QueryError(payload)
    if kind == "too complex":
        raise QueryTooComplex(payload)
    if kind == "forbidden":
        raise QueryForbidden(payload)
    if kind == "rows":
        raise TooManyRows(payload)
    if kind == "boolean":
        return Result([], boolean=payload)
    if kind == "triples":
        return Result([], triples=[ox.Triple(q.subject, q.predicate, q.object)
                                       for q in ox.parse(payload, format=ox.RdfFormat.N_TRIPLES)])
    return Result(payload, reply[2])


class _CountedTsv:
    """What Oxigraph's TSV writer writes, kept, its lines counted as they come (TSV escapes
    line breaks inside terms, so each line after the header is a row): past ``max_rows``
    rows the write fails and the serialisation stops, before the answer fills the memory."""

    def __init__(self, max_rows: int) -> None:
        self.chunks: list[bytes] = []
        self.lines, self.max_rows = 0, max_rows

    def write(self, data) -> int:
        self.lines += data.count(b"\n")
        if self.lines - 1 > self.max_rows:
            raise TooManyRows(f"the answer has more than {self.max_rows} rows (the server's --max-rows); add a LIMIT")
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        """Nothing to flush: the chunks are kept."""


def _rows_as_tsv(solutions: ox.QuerySolutions, max_rows: int) -> bytes:
    """The solutions as SPARQL TSV, serialised by Oxigraph; TooManyRows past ``max_rows``."""
    written = _CountedTsv(max_rows)
    try:
        solutions.serialize(written, format=ox.QueryResultsFormat.TSV)
    except OSError as error:  # how Oxigraph passes on what the writer raised
        if written.lines - 1 > max_rows:
            raise TooManyRows(f"the answer has more than {max_rows} rows (the server's --max-rows); add a LIMIT") from None
        raise
    return b"".join(written.chunks)
