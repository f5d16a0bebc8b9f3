"""Shards (``kg.store.shards``) into Virtuoso with its bulk loader, through isql (``kg bulk-load``).

Virtuoso's loader reads files on the server's own machine: each shard is listed with
``ld_add`` (by the path the server sees it at), ``rdf_loader_run()`` loads what is listed
(in several isql sessions at once with ``loaders``), without a transaction log, and
``checkpoint`` makes it durable. Its ``ld_file`` reads a name ending ``.gz`` through gzip and
takes a name holding ``.nq`` as N-Quads, so the graph of each quad is the one the shard gives
(``ld_add``'s graph is only the fallback for a line without one: the shards have none). The
folder must be one the server may read: under ``DirsAllowed`` in virtuoso.ini's
``[Parameters]`` (else Virtuoso's FA003, "access denied due to access control in ini file").

The loader adds to what the server holds and keeps no record kg could undo, so kg loads only
into a server that holds none of kg's graphs, and after the load checks what the loader
recorded for every shard (``DB.DBA.LOAD_LIST``) and that the server holds as many quads as the
manifest says, in the article graphs, the links and the merged graph.
"""
from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass

from ..errors import KgError, StoreError
from ..rdf.namespaces import KGO
from .base import LINKS_GRAPH, MERGED_GRAPH
from .shards import ShardSet

__all__ = ["ISQL_COMMANDS", "LoadReport", "bulk_load", "load_script"]

ISQL_COMMANDS = ("isql-vt", "isql")
"""Virtuoso's isql, as Debian names it and as Virtuoso's own build does."""
_ISQL_OPTIONS = ["VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF", "ECHO=OFF"]
_CONTENT_HASH = str(KGO.contentHash)


@dataclass(frozen=True, slots=True)
class LoadReport:
    shards: int
    quads: int
    seconds: float
    """The loader's run and the checkpoint, not the checks before and after."""


def _server_folder(shards: ShardSet, server_folder: str | None) -> str:
    folder = (server_folder or str(shards.folder.resolve())).rstrip("/") or "/"
    if any(char in folder for char in "'\\\n\r"):
        raise KgError(f"{folder}: a folder whose path holds a quote, backslash or line break cannot be named to "
                      "Virtuoso's loader; move the shards")
    return folder


def _counts(shards: ShardSet) -> list[tuple[str, int, str]]:
    """(what, quads the manifest says, the SPARQL that counts them on the server)."""
    return [
        ("article graphs", shards.article_quads,
         f"SPARQL SELECT COUNT(*) WHERE {{ GRAPH ?g {{ ?g <{_CONTENT_HASH}> ?hash . ?s ?p ?o }} }};"),
        ("graph of links", shards.link_quads, f"SPARQL SELECT COUNT(*) WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?s ?p ?o }} }};"),
        ("merged graph", shards.merged_triples,
         f"SPARQL SELECT COUNT(*) WHERE {{ GRAPH <{MERGED_GRAPH}> {{ ?s ?p ?o }} }};"),
    ]


def load_script(shards: ShardSet, *, server_folder: str | None = None) -> str:
    """The isql statements that load ``shards`` and show what was loaded, for
    ``isql-vt HOST:PORT dba PASSWORD < FILE`` on the server's machine."""
    folder = _server_folder(shards, server_folder)
    lines = [f"-- {len(shards.shards)} shards of kg's graphs ({shards.quads:,} quads) from {folder}; the folder must be",
             "-- under DirsAllowed in virtuoso.ini, and the server must hold none of kg's graphs yet.",
             *(f"ld_add('{folder}/{shard.file}', '{MERGED_GRAPH}');" for shard in shards.shards),
             "rdf_loader_run();  -- several at once (in other isql sessions) load faster on several cores",
             "checkpoint;",
             "-- every shard: state 2 and no error",
             f"SELECT ll_file, ll_state, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE '{folder}/part-%.nq.gz';"]
    for what, quads, sparql in _counts(shards):
        lines += [f"-- quads in the {what}: {quads} expected", sparql]
    return "\n".join(lines) + "\n"


def find_isql(command: str | None = None) -> str:
    """The isql program: ``command``, or the first of ISQL_COMMANDS on the PATH."""
    for name in [command] if command else ISQL_COMMANDS:
        found = shutil.which(name)
        if found:
            return found
    raise KgError(f"no {command or ' or '.join(ISQL_COMMANDS)} on the PATH (Debian: apt-get install "
                  "virtuoso-opensource); or print the statements ('kg bulk-load DIR') and run them where isql is")


class _Isql:
    """isql sessions on one server: statements on standard input, errors on standard error."""

    def __init__(self, program: str, address: str, user: str, password: str, timeout: float | None) -> None:
        self.command = [program, address, user, password, *_ISQL_OPTIONS]
        self.address, self.timeout = address, timeout

    def start(self, statements: str) -> subprocess.Popen:
        process = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        process.stdin.write(statements)
        process.stdin.close()
        return process

    def finish(self, process: subprocess.Popen) -> list[str]:
        """The lines the statements printed; StoreError with isql's first error."""
        try:
            process.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise StoreError(f"{self.address}: isql did not finish in {self.timeout:.0f} s") from None
        output, errors = process.stdout.read(), process.stderr.read()
        process.stdout.close()
        process.stderr.close()
        error = next((line.removeprefix("*** ").strip() for line in errors.splitlines() if line.startswith("*** ")),
                     None)
        if error or process.returncode:
            raise StoreError(f"{self.address}: {error or errors.strip() or f'isql ended with {process.returncode}'}")
        return [line.strip() for line in output.splitlines() if line.strip()]

    def run(self, statements: str) -> list[str]:
        return self.finish(self.start(statements))


def bulk_load(shards: ShardSet, *, address: str, user: str, password: str, isql: str | None = None,
              loaders: int = 1, server_folder: str | None = None, timeout: float | None = None) -> LoadReport:
    """Load ``shards`` into the Virtuoso server whose SQL port is ``address`` (HOST:PORT),
    as ``user`` (dba: the loader's procedures are its), with ``loaders`` loader sessions at
    once; ``server_folder``: the shards' folder as the server sees it (default: where they
    are here). StoreError, before anything is loaded, when the server cannot read the
    shards or already holds kg's graphs; after, when a shard failed or a count differs."""
    if loaders < 1:
        raise KgError("at least one loader")
    folder = _server_folder(shards, server_folder)
    session = _Isql(find_isql(isql), address, user, password, timeout)
    files = [f"{folder}/{shard.file}" for shard in shards.shards]
    listed = ", ".join(f"'{path}'" for path in files)
    try:  # refused outside DirsAllowed (file_stat is not)
        session.run(f"SELECT length(sys_dirlist('{folder}', 1));\n")
    except StoreError as error:
        raise StoreError(f"{error}; the folder must be under DirsAllowed in the server's virtuoso.ini, and "
                         "--server-dir where the server's machine sees it") from None
    sizes = session.run("".join(f"SELECT file_stat('{path}', 1);\n" for path in files))
    for shard, size in zip(shards.shards, sizes):
        if size != str(shard.bytes):
            seen = "does not see it" if size == "0" else f"sees {size} bytes, the manifest says {shard.bytes}"
            raise StoreError(f"{address}: the server {seen} at {folder}/{shard.file}; give --server-dir, the folder "
                             "as the server's machine sees it")
    held = session.run(f"SPARQL ASK WHERE {{ {{ GRAPH <{MERGED_GRAPH}> {{ ?s ?p ?o }} }} UNION "
                       f"{{ GRAPH ?g {{ ?g <{_CONTENT_HASH}> ?hash }} }} }};")
    if held and held[0] == "1":
        raise StoreError(f"{address}: the server already holds kg's graphs; the bulk loader would add the shards to "
                         "them: load into a fresh database (or drop kg's graphs first)")
    # an earlier load of these files that ended before any of them got in is listed still: ld_add would skip them
    session.run(f"DELETE FROM DB.DBA.LOAD_LIST WHERE ll_file IN ({listed});\n"
                + "".join(f"ld_add('{path}', '{MERGED_GRAPH}');\n" for path in files))
    started = time.monotonic()
    running = [session.start("rdf_loader_run();\n") for _ in range(loaders)]
    for process in running:
        session.finish(process)
    session.run("checkpoint;\n")
    seconds = time.monotonic() - started
    failed = session.run(f"SELECT ll_file || ': ' || coalesce(ll_error, 'not loaded') FROM DB.DBA.LOAD_LIST "
                         f"WHERE ll_file IN ({listed}) AND (ll_state <> 2 OR ll_error IS NOT NULL);")
    if failed:
        more = f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""
        raise StoreError(f"{address}: the loader failed on {failed[0]}{more}")
    counted = session.run("".join(sparql + "\n" for _, _, sparql in _counts(shards)))
    for (what, expected, _), found in zip(_counts(shards), counted):
        if found != str(expected):
            raise StoreError(f"{address}: the server holds {found} quads in the {what}, the shards {expected}")
    return LoadReport(len(shards.shards), shards.quads, seconds)
