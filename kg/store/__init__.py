"""The store stage: one named graph per article, in an embedded Oxigraph store or on a SPARQL server.

Each article is written in a transaction of its own: the embedded store loads a new
article's N-Triples with Oxigraph's parser, and replaces one it holds with a SPARQL Update
that drops the old graphs and inserts the new one. The store is never left half-written,
and building the same article twice leaves it as it was. A SPARQL server (``kg.store.remote``)
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

- ``base``: the interface every store has (``GraphStore``), the updates that write and drop
  article graphs, ``resolve_article``, and ``LINKS_GRAPH``, the one graph that is no
  article's (``kg link``: owl:sameAs links, in the merged graph too, left alone by builds);
- ``embedded``: the Oxigraph store in a folder (``Store``), its bulk loader and journal;
- ``remote``: a SPARQL 1.1 server as the store (``RemoteStore``);
- ``sparql``: SPARQL text as every store reads it (its code, form, SERVICE, DISTINCT) and JSON results;
- here: ``open_store``, which picks the store from the location.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .base import (DEFAULT_STORE, LINKS_GRAPH, MERGED_GRAPH, ArticleWrite, GraphStore, StoredArticle, WriteRejected,
                   drop_update, edit_update, resolve_article, write_update)
from .embedded import BULK_ARTICLES, SYNC_MERGED, UNFINISHED_JOURNAL, Store, store_error

__all__ = ["BULK_ARTICLES", "DEFAULT_STORE", "LINKS_GRAPH", "MERGED_GRAPH", "REMOTE_SCHEMES", "SYNC_MERGED",
           "UNFINISHED_JOURNAL", "ArticleWrite", "GraphStore", "Store", "StoredArticle", "WriteRejected", "drop_update",
           "edit_update",
           "is_remote", "open_store", "resolve_article", "store_error", "write_update"]

REMOTE_SCHEMES = ("sparql+http://", "sparql+https://")


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
    return Store(location, read_only=read_only, beside_writer=False)
