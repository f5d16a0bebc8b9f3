"""What every store is: the interface the pipeline, queries and exports use (``GraphStore``),
the article graphs written as SPARQL Updates that keep the merged graph (see ``kg.store``),
and the article named by its IRI, content hash, source file or URL (``resolve_article``).
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ..errors import KgError, StoreError
from ..rdf.namespaces import PREFIX_MAP

DEFAULT_STORE = "kg-store"
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


MERGED_GRAPH = "https://w3id.org/kg-vn/graph/merged"
"""The merged graph on a SPARQL server (the embedded store keeps it as its default graph)."""
LINKS_GRAPH = "https://w3id.org/kg-vn/graph/links"
"""The named graph of owl:sameAs links to other datasets (``kg link``): no article's, so
builds and removals of articles leave it, and the merged graph holds it as it holds theirs."""


def write_update(writes: Sequence[ArticleWrite], *, merged_graph: str | None = None,
                 stored: Collection[str] | None = None) -> str:
    """One SPARQL Update that drops the graphs of ``writes`` (and those they replace) and
    inserts the new graphs, keeping the merged graph (the default graph, or the named graph
    ``merged_graph``) equal to the union of the article graphs. ``stored``: those of the
    graphs the store holds, when known (the others need nothing taken from the merged graph)."""
    dropped = list(dict.fromkeys(iri for write in writes for iri in (write.iri, *write.replaces)))
    latest = {write.iri: write for write in writes}  # an article written twice in a batch: its later version
    graphs = "\n".join(f"GRAPH <{write.iri}> {{\n{ntriples_lines(write.ntriples)}}}" for write in latest.values())
    merged = "".join(ntriples_lines(write.ntriples) for write in latest.values())
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


def edit_update(edits: Sequence[tuple[str, Sequence[str], str]], *, merged_graph: str | None = None) -> str:
    """One SPARQL Update that replaces what article graphs say about some of their nodes,
    keeping the merged graph: ``edits`` are (graph IRI, node IRIs, N-Triples): the triples of
    the graph with one of the nodes as subject or object give way to the N-Triples. A
    triple taken out leaves the merged graph only when no other graph states it. For small
    changes to graphs the store holds (the identity pass's renames), far cheaper than
    writing the graphs again. Triples are taken out by pattern, not as DELETE DATA, which
    Virtuoso does not match against language-tagged literals."""
    target = "?s ?p ?o" if merged_graph is None else f"GRAPH <{merged_graph}> {{ ?s ?p ?o }}"
    others = "" if merged_graph is None else f" FILTER (?other != <{merged_graph}>)"
    operations, every = [], set()
    for iri, nodes, _ in edits:
        values = " ".join(f"<{node}>" for node in sorted(nodes))
        every.update(nodes)
        operations += [f"DELETE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }} WHERE {{ VALUES {term} {{ {values} }} "
                       f"GRAPH <{iri}> {{ ?s ?p ?o }} }}" for term in ("?s", "?o")]
    if every:
        values = " ".join(f"<{node}>" for node in sorted(every))
        operations += [f"DELETE {{ {target} }} WHERE {{ VALUES {term} {{ {values} }} {target} "
                       f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }}{others} }} }}" for term in ("?s", "?o")]
    added = [(iri, ntriples_lines(new)) for iri, _, new in edits if new.strip()]
    if added:
        merged = "".join(new for _, new in added)
        if merged_graph is not None:
            merged = f"GRAPH <{merged_graph}> {{\n{merged}}}"
        operations.append("INSERT DATA {\n" + "\n".join(f"GRAPH <{iri}> {{\n{new}}}" for iri, new in added)
                          + f"\n{merged}\n}}")
    return " ;\n".join(operations)


class GraphStore:
    """What the pipeline, queries and exports use: an embedded ``Store`` or a ``RemoteStore``.

    Queries see the merged graph (each triple of the article graphs once) as their default graph.
    """

    location: str
    merged_graph: str | None = None
    """Where the store keeps the merged graph: None for the default graph, or a graph IRI."""
    embedded = False
    """Whether queries run in this process (Oxigraph): then a query from a user is checked by
    ``kg.query.check_complexity`` first, as one nested too deep for Oxigraph's stack ends the process."""

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

    def edit_articles(self, edits: Sequence[tuple[str, Sequence[str], str]]) -> None:
        """Replace what article graphs say about some of their nodes, with one update (``edit_update``)."""
        if edits:
            self.update(edit_update(edits, merged_graph=self.merged_graph))

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

    def dump(self, format: ox.RdfFormat, *, union: bool = False, leave_out: str | None = None) -> bytes:
        """Serialise the whole store; triple formats get the union of all graphs. ``leave_out``:
        a predicate whose triples are not written (``kg export --publish``: kgo:sourcePath)."""
        quads = self.quads() if leave_out is None else (q for q in self.quads() if q.predicate.value != leave_out)
        if union or not format.supports_datasets:
            triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
            return ox.serialize(triples, format=format, prefixes=PREFIX_MAP)
        return ox.serialize(quads, format=format, prefixes=PREFIX_MAP)

    def __len__(self) -> int:
        return sum(1 for _ in self.quads())


def ntriples_lines(ntriples: str) -> str:
    return ntriples if not ntriples or ntriples.endswith("\n") else ntriples + "\n"


def resolve_article(store: GraphStore, ident: str) -> str:
    """The IRI of the article named by its IRI, content hash (or a prefix), source file or URL."""
    articles = store.articles()
    if ident in articles:
        return ident
    sources, hashes = defaultdict(set), {}
    for row in store.query("SELECT ?a ?path ?hash ?url WHERE { ?a a schema:NewsArticle ; kgo:contentHash ?hash . "
                           "OPTIONAL { ?a kgo:sourcePath ?path } OPTIONAL { ?a schema:url ?url } }"):
        hashes[row["a"].value] = row["hash"].value
        for where in (row["path"], row["url"]):
            if where is not None:
                sources[row["a"].value].add(where.value)
    wanted = ident.strip()
    found = set()
    if re.fullmatch(r"[0-9a-fA-F]{6,64}", wanted):
        found = {iri for iri, digest in hashes.items() if digest.startswith(wanted.lower())}
    if not found:
        found = {iri for iri, paths in sources.items()
                 if any(wanted in (path, Path(path).name) or _same_file(path, wanted) for path in paths)}
    if len(found) == 1:
        return found.pop()
    if not found:
        raise KgError(f"no article {ident!r} in the store; give its IRI, content hash, source file or URL "
                      "(kg query --name article-summary lists them)")
    raise KgError(f"{ident!r} names {len(found)} articles ({', '.join(sorted(found)[:3])}, ...); "
                  "give the IRI or content hash")


def _same_file(path: str, wanted: str) -> bool:
    try:
        return Path(path).resolve() == Path(wanted).resolve()
    except OSError:
        return False
