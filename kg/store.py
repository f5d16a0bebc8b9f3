"""The store stage: one named graph per article, in an embedded Oxigraph store or on a SPARQL server.

Each article is written in a transaction of its own: the embedded store loads a new
article's N-Triples with Oxigraph's parser, and replaces one it holds with a SPARQL Update
that drops the old graphs and inserts the new one. The store is never left half-written,
and building the same article twice leaves it as it was. A SPARQL server (``kg.remote``)
gets a batch of articles as one such update over the SPARQL 1.1 Protocol.

Every fact lives in the graph of the article that states it, so dropping an article's
graph removes exactly what that article said: an entity that no other article mentions
disappears with it, and one that others mention keeps their facts.

Beside the article graphs, the store keeps their **merged graph**: every triple of every
article once (the embedded store's default graph; on a SPARQL server, the graph
``MERGED_GRAPH``). Queries read it as their default graph. The union of the named graphs
(Oxigraph's ``use_default_graph_as_union``, a server's default graph) repeats a triple once
for every article that states it, so joins over shared entities multiply; the merged graph
does not. The same write that adds or drops an article keeps it: a new article's triples go
into both graphs; dropping a graph first deletes from the merged graph those of its triples
that no other article graph states. A store written before the merged graph existed is
merged once when opened for writing; opened read-only, it is queried as the union.
"""
from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from .errors import QueryError, StoreError
from .rdf.namespaces import PREFIXES

DEFAULT_STORE = "kg-store"
REMOTE_SCHEMES = ("sparql+http://", "sparql+https://")
_PREFIX_MAP = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
_CATALOGUE = ("SELECT ?article ?hash ?source WHERE { GRAPH ?article { ?article kgo:contentHash ?hash "
              "OPTIONAL { ?article kgo:sourcePath ?source } } }")


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article graph in the store: its IRI (the graph name), content hash and source."""

    iri: str
    content_hash: str
    source: str | None


@dataclass(frozen=True, slots=True)
class ArticleWrite:
    """An article's graph to write, as N-Triples lines, and the older graphs it replaces."""

    iri: str
    ntriples: str
    replaces: tuple[str, ...] = ()

    @classmethod
    def from_graph(cls, iri: str | URIRef, graph: Graph, replaces: Sequence[str] = ()) -> ArticleWrite:
        return cls(str(iri), graph.serialize(format="nt"), tuple(replaces))


class WriteRejected(StoreError):
    """The store refused a write because of what it holds; other articles can still be written."""


BULK_ARTICLES = 10
"""From how many new articles a write goes through the bulk loader: below, its files cost more than it saves."""
UNFINISHED_JOURNAL = "kg-unfinished-load"
"""The file in an embedded store's folder that lists the articles of a bulk load under way."""
MERGED_GRAPH = "https://w3id.org/kg-vn/graph/merged"
"""The merged graph on a SPARQL server (the embedded store keeps it as its default graph)."""


def write_update(writes: Sequence[ArticleWrite], *, merged_graph: str | None = None,
                 stored: Collection[str] | None = None) -> str:
    """One SPARQL Update that drops the graphs of ``writes`` (and those they replace) and
    inserts the new graphs, keeping the merged graph (the default graph, or the named graph
    ``merged_graph``) equal to the union of the article graphs. ``stored``: those of the
    graphs the store holds, when known (the others need nothing taken from the merged graph)."""
    dropped = list(dict.fromkeys(iri for write in writes for iri in (write.iri, *write.replaces)))
    latest = {write.iri: write for write in writes}  # an article written twice in a batch: its later version
    graphs = "\n".join(f"GRAPH <{write.iri}> {{\n{_lines(write.ntriples)}}}" for write in latest.values())
    merged = "".join(_lines(write.ntriples) for write in latest.values())
    if merged_graph is not None:
        merged = f"GRAPH <{merged_graph}> {{\n{merged}}}"
    return " ;\n".join(drop_update(dropped, merged_graph=merged_graph, stored=stored)
                       + [f"INSERT DATA {{\n{graphs}\n{merged}\n}}"])


def drop_update(graphs: Sequence[str], *, merged_graph: str | None = None,
                stored: Collection[str] | None = None) -> list[str]:
    """The operations that drop article ``graphs``: first delete from the merged graph the
    triples that no other article graph states (a triple shared only by graphs dropped
    together goes too), then drop each graph. ``stored``: those of ``graphs`` the store
    holds, when known; with none, nothing is deleted from the merged graph."""
    if not graphs:
        return []
    drops = [f"DROP SILENT GRAPH <{iri}>" for iri in graphs]
    forgotten = [iri for iri in graphs if stored is None or iri in stored]
    if not forgotten:
        return drops
    values = " ".join(f"<{iri}>" for iri in forgotten)
    kept = ", ".join(f"<{iri}>" for iri in (*graphs, *([merged_graph] if merged_graph else [])))
    target = "?s ?p ?o" if merged_graph is None else f"GRAPH <{merged_graph}> {{ ?s ?p ?o }}"
    forget = (f"DELETE {{ {target} }} WHERE {{ VALUES ?dropped {{ {values} }} GRAPH ?dropped {{ ?s ?p ?o }} "
              f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other NOT IN ({kept})) }} }}")
    return [forget] + drops


class GraphStore:
    """What the pipeline, queries and exports use: an embedded ``Store`` or a ``RemoteStore``.

    Queries see the merged graph (each triple of the article graphs once) as their default graph.
    """

    location: str
    merged_graph: str | None = None
    """Where the store keeps the merged graph: None for the default graph, or a graph IRI."""

    def query(self, sparql: str):
        """A pyoxigraph QuerySolutions or QueryBoolean, or the triples of a CONSTRUCT/DESCRIBE."""
        raise NotImplementedError

    def update(self, sparql: str) -> None:
        raise NotImplementedError

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the article graphs."""
        raise NotImplementedError

    def flush(self) -> None:
        """Make the writes durable (a server does it by itself)."""

    def catalogue(self) -> list[StoredArticle]:
        """Every article in the store, read with one query."""
        return [StoredArticle(row["article"].value, row["hash"].value,
                              row["source"].value if row["source"] is not None else None)
                for row in self.query(_CATALOGUE)]

    def articles(self) -> list[str]:
        return sorted(article.iri for article in self.catalogue())

    def article_hash(self, article: str | URIRef) -> str | None:
        """The content hash recorded for an article, if the store has it."""
        rows = self.query(f"SELECT ?hash WHERE {{ GRAPH <{article}> {{ <{article}> kgo:contentHash ?hash }} }}")
        return next((row["hash"].value for row in rows), None)

    def articles_from_source(self, source: str) -> list[URIRef]:
        """Articles stored from the file or URL ``source`` (one, unless its content changed)."""
        return sorted(URIRef(article.iri) for article in self.catalogue() if article.source == source)

    def write_articles(self, writes: Sequence[ArticleWrite]) -> None:
        """Write a batch of article graphs with one update."""
        if writes:
            self.update(write_update(writes, merged_graph=self.merged_graph))

    def replace_article(self, article: str | URIRef, graph: Graph) -> None:
        """Put ``graph`` as the article's named graph, replacing what was there."""
        self.write_articles([ArticleWrite.from_graph(article, graph)])

    def remove_articles(self, articles: Sequence[str | URIRef]) -> None:
        """Drop the graphs of ``articles`` with one update, and their triples that no other
        article states from the merged graph."""
        if articles:
            graphs = list(dict.fromkeys(str(article) for article in articles))
            self.update(" ;\n".join(drop_update(graphs, merged_graph=self.merged_graph)))

    def remove_article(self, article: str | URIRef) -> None:
        self.remove_articles([article])

    def dump(self, format: ox.RdfFormat, *, union: bool = False) -> bytes:
        """Serialise the whole store; triple formats get the union of all graphs."""
        if union or not format.supports_datasets:
            triples = {ox.Triple(q.subject, q.predicate, q.object) for q in self.quads()}
            return ox.serialize(triples, format=format, prefixes=_PREFIX_MAP)
        return ox.serialize(self.quads(), format=format, prefixes=_PREFIX_MAP)

    def __len__(self) -> int:
        return sum(1 for _ in self.quads())


class Store(GraphStore):
    """A kg store on disk (or in memory when ``path`` is None): the article graphs as named
    graphs and their merged graph as the default graph."""

    def __init__(self, path: str | Path | None = DEFAULT_STORE, *, read_only: bool = False) -> None:
        self.path = None if path is None else Path(path)
        self.read_only = read_only
        self.location = "memory" if self.path is None else str(self.path)
        self._unwritable: StoreError | None = None
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no store here; run 'kg build' first")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = self._open_for_writing()
        except OSError as error:
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
        as its default and named graphs (the protocol's default-graph-uri, named-graph-uri)."""
        options: dict = {}
        if default_graphs:
            options["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs]
        elif self._union:
            options["use_default_graph_as_union"] = True
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
        from .query import check_complexity  # kg.query imports this module

        check_complexity(sparql)
        try:
            return self._store.query(sparql, prefixes=_PREFIX_MAP, **options)
        except SyntaxError as error:
            raise QueryError(f"invalid SPARQL: {error}") from None
        except (OSError, ValueError) as error:
            raise QueryError(f"query failed: {error}") from None

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update as it is, in one transaction. kg's own writes keep the merged
        graph themselves; for others, see ``update_and_merge``."""
        if self._unwritable:
            raise self._unwritable
        try:
            self._store.update(sparql, prefixes=_PREFIX_MAP)
        except SyntaxError as error:
            raise WriteRejected(f"invalid SPARQL update: {error}") from None
        except (OSError, ValueError) as error:
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
                self._store.update(text, prefixes=_PREFIX_MAP)
            except SyntaxError:
                continue
            except (OSError, ValueError) as error:
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
            self._bulk_load(list(new), "".join(quads), "".join(_lines(write.ntriples) for write in new.values()))
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
        except (OSError, ValueError) as error:
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
            self._take_out([line for line in self._journal.read_text(encoding="utf-8").splitlines() if line])

    @property
    def _journal(self) -> Path:
        return self.path / UNFINISHED_JOURNAL

    def _load(self, ntriples: str, graph: ox.NamedNode) -> None:
        """One load of the N-Triples as TriG: the triples as they are (the default graph) and
        again in the article's graph. Its first lines are the N-Triples', so an error's line
        number is theirs."""
        if self._unwritable:
            raise self._unwritable
        lines = _lines(ntriples)
        try:
            self._store.load(f"{lines}<{graph.value}> {{\n{lines}}}\n", format=ox.RdfFormat.TRIG)
        except SyntaxError as error:
            raise WriteRejected(f"invalid N-Triples: {error}") from None
        except (OSError, ValueError) as error:
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
        except (OSError, ValueError) as error:
            raise store_error(self.location, "cannot write the store", error) from None
        self._union = False

    def quads(self) -> Iterator[ox.Quad]:
        """The quads of the article graphs (the named graphs; not the merged default graph)."""
        return (quad for graph in self._store.named_graphs()
                for quad in self._store.quads_for_pattern(None, None, None, graph))

    def dump(self, format: ox.RdfFormat, *, union: bool = False) -> bytes:
        if (union or not format.supports_datasets) and not self._union:
            return self._store.dump(format=format, from_graph=ox.DefaultGraph(), prefixes=_PREFIX_MAP)
        return super().dump(format, union=union)

    def __len__(self) -> int:
        """The number of quads in the article graphs."""
        return int(next(iter(self._store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))["n"].value)

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
    ntriples = _lines(ntriples)
    if ntriples.count(" .\n") == ntriples.count("\n"):  # every line a statement ending " .": kg's own
        return ntriples.replace(" .\n", f" <{graph}> .\n")
    quads, count = _TRIPLE_END.subn(f" <{graph}> .", ntriples)
    return quads if count == len(_STATEMENT.findall(ntriples)) else None


def _lines(ntriples: str) -> str:
    return ntriples if not ntriples or ntriples.endswith("\n") else ntriples + "\n"


_TRIPLE_END = re.compile(r"[ \t]*\.[ \t]*$", re.MULTILINE)
_STATEMENT = re.compile(r"^[ \t]*[^#\s]", re.MULTILINE)
_GRAPH_NAME = re.compile(r"[ \t]+<[^<>\s]*>[ \t]*\.[ \t]*$", re.MULTILINE)
"""The graph name at the end of an N-Quads line whose quad is in a named graph."""


def _is_unwritable(error: OSError) -> bool:
    return any(reason in str(error) for reason in ("Read-only file system", "Permission denied"))


def store_error(location: str, doing: str, error: Exception) -> StoreError:
    """What the user can do about a store that cannot be opened or written, from the
    message of RocksDB, under Oxigraph (its errors carry no errno)."""
    message = str(error)
    if "lock" in message.lower():
        return StoreError(f"{location}: the store is in use by another kg process (a build, or kg serve); "
                          "wait for it to end, or give another --store")
    if "No space left" in message or "Disk quota" in message:
        return StoreError(f"{location}: {doing}: the disk is full; free some space and build again "
                          "(the article being written was not stored; those before it were)")
    if "Read-only file system" in message:
        return StoreError(f"{location}: {doing}: the folder is on a read-only file system")
    if "Permission denied" in message:
        return StoreError(f"{location}: {doing}: permission denied")
    return StoreError(f"{location}: {doing} ({message})")


def is_remote(location: str) -> bool:
    return location.startswith(REMOTE_SCHEMES)


def open_store(location: str, *, must_exist: bool = True, read_only: bool = False, update_url: str | None = None,
               user: str | None = None, password: str | None = None) -> GraphStore:
    """The embedded store in the folder ``location``, or the SPARQL server at ``sparql+http://...``."""
    if is_remote(location):
        from .remote import RemoteStore

        return RemoteStore(location, update_url=update_url, user=user, password=password)
    if must_exist and not Path(location).exists():
        raise StoreError(f"{location}: no store here; build one with 'kg build PATH --store {location}'")
    return Store(location, read_only=read_only)
