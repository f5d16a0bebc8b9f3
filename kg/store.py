"""The store stage: an embedded, persistent Oxigraph store, one named graph per article.

Writing an article is one SPARQL Update (drop its graph, insert the new one), which
Oxigraph applies as a single transaction: a store is never left half-written, and
building the same article twice leaves the store as it was.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from .errors import QueryError, StoreError
from .namespaces import KGO, PREFIXES

DEFAULT_STORE = "kg-store"
_PREFIX_MAP = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


class Store:
    """A kg store on disk (or in memory when ``path`` is None)."""

    def __init__(self, path: str | Path | None = DEFAULT_STORE, *, read_only: bool = False) -> None:
        self.path = None if path is None else Path(path)
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no store here; run 'kg build' first")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(self.path))
        except OSError as error:
            raise StoreError(f"{self.path}: cannot open the store ({error})") from None

    def article_hash(self, article: URIRef) -> str | None:
        """The content hash recorded for an article, if the store has it."""
        quads = self._store.quads_for_pattern(
            ox.NamedNode(str(article)), ox.NamedNode(str(KGO.contentHash)), None, ox.NamedNode(str(article))
        )
        return next((quad.object.value for quad in quads), None)

    def replace_article(self, article: URIRef, graph: Graph) -> None:
        """Put ``graph`` as the article's named graph, replacing what was there, atomically."""
        lines = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph)
        update = f"DROP SILENT GRAPH <{article}> ;\nINSERT DATA {{ GRAPH <{article}> {{\n{lines}\n}} }}"
        try:
            self._store.update(update)
        except OSError as error:
            raise StoreError(f"{self.path}: cannot write the store ({error})") from None

    def remove_article(self, article: URIRef) -> None:
        self._store.update(f"DROP SILENT GRAPH <{article}>")

    def articles(self) -> list[str]:
        return sorted(graph.value for graph in self._store.named_graphs() if isinstance(graph, ox.NamedNode))

    def articles_from_source(self, source: str) -> list[URIRef]:
        """Articles stored from the file or URL ``source`` (one, unless its content changed)."""
        quads = self._store.quads_for_pattern(None, ox.NamedNode(str(KGO.sourcePath)), ox.Literal(source), None)
        return sorted({URIRef(quad.subject.value) for quad in quads})

    def query(self, sparql: str):
        """Run a SPARQL query over the union of all article graphs."""
        try:
            return self._store.query(sparql, prefixes=_PREFIX_MAP, use_default_graph_as_union=True)
        except SyntaxError as error:
            raise QueryError(f"invalid SPARQL: {error}") from None
        except (OSError, ValueError) as error:
            raise QueryError(f"query failed: {error}") from None

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    def dump(self, format: ox.RdfFormat, *, union: bool = False) -> bytes:
        """Serialise the whole store; triple formats get the union of all graphs."""
        if union or not format.supports_datasets:
            triples = {ox.Triple(q.subject, q.predicate, q.object) for q in self._store}
            return ox.serialize(triples, format=format, prefixes=_PREFIX_MAP)
        return self._store.dump(format=format, prefixes=_PREFIX_MAP)

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()
