"""The embedded store: an Oxigraph store on disk (or in memory), the article graphs as named
graphs and their merged graph as its default graph; new articles in bulk through Oxigraph's
bulk loader, with the journal that takes a load cut short out again.
"""
from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from ..errors import QueryError, StoreDamaged, StoreError
from ..rdf.namespaces import PREFIX_MAP
from .base import DEFAULT_STORE, ArticleWrite, GraphStore, WriteRejected, drop_update, ntriples_lines

BULK_ARTICLES = 10
"""From how many new articles a write goes through the bulk loader: below, its files cost more than it saves."""
UNFINISHED_JOURNAL = "kg-unfinished-load"
"""The file in an embedded store's folder that lists the articles of a bulk load under way."""


class Store(GraphStore):
    """A kg store on disk (or in memory when ``path`` is None): the article graphs as named
    graphs and their merged graph as the default graph."""

    embedded = True

    def __init__(self, path: str | Path | None = DEFAULT_STORE, *, read_only: bool = False,
                 beside_writer: bool = True) -> None:
        """``read_only``: many readers at once, and no writer meanwhile (``_share_store_lock``);
        ``beside_writer`` False refuses to read while a writer has the store open (a command),
        True reads anyway (kg serve's own drawing beside its writable store)."""
        self.path = None if path is None else Path(path)
        self.read_only = read_only
        self.location = "memory" if self.path is None else str(self.path)
        self._unwritable: StoreError | None = None
        self._read_lock: int | None = None
        if self.path is not None:
            _refuse_damaged(self.path)
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no store here; run 'kg build' first")
                if unfinished_articles(self.path):
                    _take_out_unfinished_load(self.path)
                self._read_lock = _share_store_lock(self.path, refuse_writer=not beside_writer)
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = self._open_for_writing()
        except (OSError, RuntimeError) as error:
            raise store_error(str(self.path), "cannot open the store", error) from None
        self._union = self._lacks_merged_graph()
        if self.path is not None and not read_only and not self._unwritable:
            self._finish_interrupted_load()
            if self._union:
                self.merge()

    def _open_for_writing(self) -> ox.Store:
        """The store opened to read and write, or only to read when its folder cannot be
        written (a read-only disk, another user's folder): queries still work, and a write
        says why it cannot be done."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)  # RocksDB makes the store's folder, not its parents
            return ox.Store(str(self.path))
        except OSError as error:
            refusal = store_error(str(self.path), "cannot write the store", error)
            if not _is_unwritable(error) or not (self.path / "CURRENT").is_file():  # RocksDB's CURRENT marks a store
                raise
            self._unwritable = refusal
            return ox.Store.read_only(str(self.path))

    def _lacks_merged_graph(self) -> bool:
        """True for a store written before the merged graph: article graphs, an empty default graph."""
        if next(self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is not None:
            return False
        return bool(self._store.query("ASK { GRAPH ?g { ?s ?p ?o } }"))

    def merge(self) -> None:
        """Make the default graph the merged graph of all article graphs, in one transaction:
        for a store written before kg kept it, or after updates that bypassed it."""
        self.update(SYNC_MERGED)
        self._union = False

    def query(self, sparql: str, *, default_graphs: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None):
        """Run a SPARQL query over the merged graph of all articles (or, in a store without
        one, their union) with the article graphs as named graphs, or over the graphs named
        as its default and named graphs (the protocol's default-graph-uri, named-graph-uri).
        A query from a user is checked first (``kg.query.check_complexity``; see ``embedded``)."""
        options: dict = {}
        if default_graphs:
            options["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs]
        elif self._union:
            options["use_default_graph_as_union"] = True
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
        try:
            return self._store.query(sparql, prefixes=PREFIX_MAP, **options)
        except SyntaxError as error:
            raise QueryError(f"invalid SPARQL: {error}") from None
        except RuntimeError as error:  # RocksDB's Corruption, from a file that is damaged
            raise store_error(self.location, "cannot read the store", error) from None
        except (OSError, ValueError) as error:
            raise QueryError(f"query failed: {error}") from None

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update as it is, in one transaction. kg's own writes keep the merged
        graph themselves; for others, see ``update_and_merge``."""
        if self._unwritable:
            raise self._unwritable
        try:
            self._store.update(sparql, prefixes=PREFIX_MAP)
        except SyntaxError as error:
            raise WriteRejected(f"invalid SPARQL update: {error}") from None
        except (OSError, ValueError, RuntimeError) as error:
            raise store_error(self.location, "cannot write the store", error) from None

    def update_and_merge(self, sparql: str) -> None:
        """Run a SPARQL Update written by hand (``kg serve``'s update endpoint), then bring the
        merged graph in line with the article graphs, in the same transaction: what it wrote
        into named graphs is seen by queries of the default graph, and what it wrote straight
        into the default graph is taken out again (the default graph is kg's merged view)."""
        if self._unwritable:
            raise self._unwritable
        for text in (f"{sparql}\n;\n{SYNC_MERGED}", f"{sparql}\n{SYNC_MERGED}"):  # the update may end with ';'
            try:
                self._store.update(text, prefixes=PREFIX_MAP)
            except SyntaxError:
                continue
            except (OSError, ValueError, RuntimeError) as error:
                raise store_error(self.location, "cannot write the store", error) from None
            self._union = False
            return
        self.update(sparql)  # its own syntax error, said about its own text
        self.merge()

    def write_articles(self, writes: Sequence[ArticleWrite]) -> None:
        """Write article graphs. Articles new to the store, when there are at least
        BULK_ARTICLES of them, go in through Oxigraph's bulk loader (``_bulk_load``), several
        times faster than transactions; fewer go one transaction each, their N-Triples
        loaded by Oxigraph's parser into the named graph and the merged graph at once. One
        that replaces graphs the store holds goes in an update that drops them and inserts it."""
        new: dict[str, ArticleWrite] = {}
        others: list[ArticleWrite] = []
        for write in writes:
            try:
                graph = ox.NamedNode(write.iri)
            except ValueError as error:
                raise WriteRejected(f"invalid article IRI <{write.iri}>: {error}") from None
            if write.replaces or write.iri in new or self._store.contains_named_graph(graph):
                others.append(write)  # after the new ones: an article written twice keeps its later version
            else:
                new[write.iri] = write
        bulk = len(new) >= BULK_ARTICLES and self.path is not None and not self._union
        quads = [_in_graph(write.ntriples, iri) for iri, write in new.items()] if bulk else []
        if bulk and None not in quads:
            self._bulk_load(list(new), "".join(quads), "".join(ntriples_lines(write.ntriples) for write in new.values()))
        else:
            for write in new.values():
                self._load(write.ntriples, ox.NamedNode(write.iri))
        for write in others:
            super().write_articles([write])

    def _bulk_load(self, iris: Sequence[str], quads: str, triples: str) -> None:
        """New articles through the bulk loader: their graphs (``quads``), then their
        ``triples`` into the merged graph. The bulk loader writes files straight into the
        database, not in a transaction, so the articles are listed in a journal file in the
        store's folder first and the list is removed once they are in: a load cut short (a
        full disk, a killed process) is taken out again, here or when the store is next
        opened for writing, and the store holds each article whole or not at all."""
        if self._unwritable:
            raise self._unwritable
        try:
            with open(self._journal, "w", encoding="utf-8") as out:
                out.write("".join(f"{iri}\n" for iri in iris))
                out.flush()
                os.fsync(out.fileno())
            self._store.bulk_load(quads, format=ox.RdfFormat.N_QUADS)
            self._store.bulk_load(triples, format=ox.RdfFormat.N_TRIPLES)
        except SyntaxError as error:
            self._take_out(iris)
            raise WriteRejected(f"invalid N-Triples: {error}") from None
        except (OSError, ValueError, RuntimeError) as error:
            try:
                self._take_out(iris)
            except StoreError:
                pass  # taken out when the store is next opened for writing
            raise store_error(self.location, "cannot write the store", error) from None
        self._journal.unlink()

    def _take_out(self, iris: Sequence[str]) -> None:
        """Remove the articles of a bulk load that did not finish, then its journal."""
        self.update(" ;\n".join(drop_update(list(iris))))
        self._journal.unlink(missing_ok=True)

    def _finish_interrupted_load(self) -> None:
        if self._journal.is_file():
            self._take_out(unfinished_articles(self.path))

    @property
    def _journal(self) -> Path:
        return self.path / UNFINISHED_JOURNAL

    def _load(self, ntriples: str, graph: ox.NamedNode) -> None:
        """One load of the N-Triples as TriG: the triples as they are (the default graph) and
        again in the article's graph. Its first lines are the N-Triples', so an error's line
        number is theirs."""
        if self._unwritable:
            raise self._unwritable
        lines = ntriples_lines(ntriples)
        try:
            self._store.load(f"{lines}<{graph.value}> {{\n{lines}}}\n", format=ox.RdfFormat.TRIG)
        except SyntaxError as error:
            raise WriteRejected(f"invalid N-Triples: {error}") from None
        except (OSError, ValueError, RuntimeError) as error:
            raise store_error(self.location, "cannot write the store", error) from None

    def bulk_load_articles(self, path: str | Path) -> None:
        """Load a file of article graphs as N-Quads (``kg export --format nquads``: every
        quad in a named graph) with Oxigraph's bulk loader: the quads, then their triples into
        the merged graph. Fast, for a new store, and not one transaction: a load that fails
        leaves part of the file in the store. Blank nodes keep the file's labels."""
        if self._unwritable:
            raise self._unwritable
        try:
            self._store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
            with open(path, encoding="utf-8") as quads:
                while lines := quads.readlines(1 << 26):
                    self._store.bulk_load(_GRAPH_NAME.sub(" .", "".join(lines)), format=ox.RdfFormat.N_TRIPLES)
        except SyntaxError as error:
            raise WriteRejected(f"{path}: invalid N-Quads: {error}") from None
        except (OSError, ValueError, RuntimeError) as error:
            raise store_error(self.location, "cannot write the store", error) from None
        self._union = False

    def quads(self) -> Iterator[ox.Quad]:
        """The quads of the named graphs: the article graphs and the graph of links (not the merged default graph)."""
        return (quad for graph in self._store.named_graphs()
                for quad in self._store.quads_for_pattern(None, None, None, graph))

    def merged_quads(self) -> Iterator[ox.Quad]:
        """The merged graph, as quads of the default graph (``kg.store.shards`` writes them)."""
        if self._union:
            raise StoreError(f"{self.location}: the store has no merged graph yet; any command that writes "
                             "(kg build) makes it")
        return self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())

    def dump(self, format: ox.RdfFormat, *, union: bool = False, leave_out: str | None = None) -> bytes:
        if (union or not format.supports_datasets) and not self._union and leave_out is None:
            return self._store.dump(format=format, from_graph=ox.DefaultGraph(), prefixes=PREFIX_MAP)
        return super().dump(format, union=union, leave_out=leave_out)

    def __len__(self) -> int:
        """The number of quads in the article graphs (and the graph of links)."""
        return int(next(iter(self._store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))["n"].value)

    def __del__(self) -> None:
        """A reader lets go of its lock once its store is closed."""
        if getattr(self, "_read_lock", None) is not None:
            self._store = None
            os.close(self._read_lock)

    def flush(self) -> None:
        if self.path is not None and not self._unwritable:
            try:
                self._store.flush()
            except OSError as error:
                raise store_error(self.location, "cannot write the store", error) from None


SYNC_MERGED = ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } ;\n"
               "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } FILTER NOT EXISTS { ?s ?p ?o } }")
"""The update that makes the default graph the merged graph of the named graphs, changing
only the triples that differ."""


def _in_graph(ntriples: str, graph: str) -> str | None:
    """N-Triples lines as N-Quads lines in ``graph``, or None when a line does not end with
    its full stop (a comment after it): N-Triples escapes line breaks inside literals, so a
    statement's last " ." is its end."""
    ntriples = ntriples_lines(ntriples)
    if ntriples.count(" .\n") == ntriples.count("\n"):  # every line a statement ending " .": kg's own
        return ntriples.replace(" .\n", f" <{graph}> .\n")
    quads, count = _TRIPLE_END.subn(f" <{graph}> .", ntriples)
    return quads if count == len(_STATEMENT.findall(ntriples)) else None


_TRIPLE_END = re.compile(r"[ \t]*\.[ \t]*$", re.MULTILINE)
_STATEMENT = re.compile(r"^[ \t]*[^#\s]", re.MULTILINE)
_GRAPH_NAME = re.compile(r"[ \t]+<[^<>\s]*>[ \t]*\.[ \t]*$", re.MULTILINE)
"""The graph name at the end of an N-Quads line whose quad is in a named graph."""


def unfinished_articles(path: Path) -> list[str]:
    """The articles the journal of an unfinished bulk load lists (none without one); a journal
    that is not a list of IRIs is damage, never text to put into an update."""
    journal = path / UNFINISHED_JOURNAL
    try:
        lines = journal.read_bytes().decode("utf-8").splitlines()
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as error:
        raise _damaged(path, f"its {UNFINISHED_JOURNAL} cannot be read: {error}") from None
    iris = [line for line in lines if line]
    for number, iri in enumerate(iris, 1):
        try:
            ox.NamedNode(iri)
        except ValueError:
            iri = None
        if iri is None or any(char in iri for char in '<>"{}|^`\\ '):
            raise _damaged(path, f"line {number} of its {UNFINISHED_JOURNAL} is not an article IRI")
    return iris


def _take_out_unfinished_load(path: Path) -> None:
    """Before a store is opened read-only (``kg serve``), the articles of a bulk load that did
    not finish are taken out, as opening it for writing does: a reader must never see them,
    and a read-only store cannot hide them."""
    writer = Store(path)
    unwritable = writer._unwritable
    del writer  # closed: RocksDB's lock goes with it
    if unwritable:
        raise StoreError(f"{path}: a bulk load did not finish ({UNFINISHED_JOURNAL} lists its articles) and the "
                         f"folder cannot be written to take them out ({unwritable})")


_STORE_FILE = re.compile(r"\d+\.(sst|log)|MANIFEST-\d+|OPTIONS-\d+|IDENTITY|" + UNFINISHED_JOURNAL)
"""The files of a store besides RocksDB's CURRENT, which names the MANIFEST that lists the others."""


def _share_store_lock(path: Path, *, refuse_writer: bool) -> int | None:
    """A shared hold on RocksDB's LOCK file, kept while the store is open read-only.

    Oxigraph's read-only store is RocksDB's read-only instance: it reads the files as they
    were when it opened, and a writer beside it (a build compacting and deleting those files)
    is undefined behaviour. Readers therefore take a shared lock on the file a writer locks
    exclusively (RocksDB's own, fcntl): any number of readers at once, and a writer refused
    while one reads (and, with ``refuse_writer``, a reader while one writes; without, it reads
    unlocked). None where the folder has no LOCK to open (nobody can write it either). The
    lock goes with the descriptor, when the process ends or the store is closed."""
    try:
        descriptor = os.open(path / "LOCK", os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        os.close(descriptor)
        if not refuse_writer:
            return None
        raise StoreError(f"{path}: a kg process is writing the store (a build, or kg serve --update-token); read "
                         "it when that ends, or through the server (--store sparql+http://HOST:PORT/sparql)") from None
    return descriptor


def _refuse_damaged(path: Path) -> None:
    """StoreDamaged, before RocksDB opens (and writes) anything, for a folder with a store's
    files but no CURRENT (RocksDB would take it for an empty folder, make a new store there
    and delete the old files) or with a journal that is not a list of articles."""
    if not path.is_dir():
        return
    if not (path / "CURRENT").is_file() and any(_STORE_FILE.fullmatch(entry.name) for entry in path.iterdir()):
        raise _damaged(path, "RocksDB's CURRENT file is missing")
    unfinished_articles(path)


def _damaged(path: Path | str, reason: str) -> StoreDamaged:
    return StoreDamaged(f"{path}: the store is damaged: {reason}; kg changed nothing in the folder. Restore it "
                        "from a backup, or build again into another --store")


def _is_unwritable(error: OSError) -> bool:
    return any(reason in str(error) for reason in ("Read-only file system", "Permission denied"))


def store_error(location: str, doing: str, error: Exception) -> StoreError:
    """What the user can do about a store that cannot be opened or written, from the
    message of RocksDB, under Oxigraph (its errors carry no errno)."""
    message = str(error)
    if "Corruption" in message or "No such file or directory" in message and ".sst" in message:
        return _damaged(location, message.replace("Corruption: ", "").strip().rstrip("."))
    if "lock" in message.lower():
        return StoreError(f"{location}: the store is in use by another kg process (a build, kg serve, or a query "
                          "or export reading it); wait for it to end, or give another --store")
    if "No space left" in message or "Disk quota" in message:
        return StoreError(f"{location}: {doing}: the disk is full; free some space and build again "
                          "(the article being written was not stored; those before it were)")
    if "Read-only file system" in message:
        return StoreError(f"{location}: {doing}: the folder is on a read-only file system")
    if "Permission denied" in message:
        return StoreError(f"{location}: {doing}: permission denied")
    return StoreError(f"{location}: {doing} ({message})")
