"""A store as gzip N-Quads shards for a SPARQL server's bulk loader (``kg build --nquads-out``).

An archive of millions of articles goes to a server faster through its bulk loader than
through SPARQL updates. The shards hold what the embedded store holds after a build, so
that a server loaded from them answers as the store does: every article graph (the identity
pass's renames and decisions in it), the graph of links, and the merged graph as the named
graph ``MERGED_GRAPH``, where ``RemoteStore`` looks for it.

The folder: ``part-00000.nq.gz``, ``part-00001.nq.gz``, ... of at most ``shard_quads``
quads each (an article graph is never cut in two; a larger one has a shard of its own),
article graphs first, then the links, then the merged graph; ``graphs.tsv.gz`` lists every
graph with its shard and its number of quads; ``manifest.json``, written last (a folder
without it is a writing that did not finish), names the graphs and lists every shard with
its quads, bytes and SHA-256. The files are the same for the same store.

Blank nodes are refused: a bulk loader gives a blank node a new identity in each file (and
each load), so one in an article graph and in the merged graph would come apart. kg's own
builds write none.
"""
from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..errors import KgError, OutputError
from .base import LINKS_GRAPH, MERGED_GRAPH
from .embedded import Store

__all__ = ["GRAPH_LIST", "MANIFEST", "SHARD_QUADS", "Shard", "ShardSet", "check_shard_folder", "read_shards",
           "write_shards"]

SHARD_QUADS = 1_000_000
"""Quads in a shard by default: about 150 MB of N-Quads, 10-15 MB gzipped."""
MANIFEST = "manifest.json"
GRAPH_LIST = "graphs.tsv.gz"
_FORMAT = "application/n-quads"
_BLANK = "ASK { GRAPH ?g { ?s ?p ?o FILTER (isBlank(?s) || isBlank(?o)) } }"


@dataclass(frozen=True, slots=True)
class Shard:
    file: str
    """The file's name in the folder."""
    quads: int
    bytes: int
    sha256: str


@dataclass(frozen=True, slots=True)
class ShardSet:
    """A folder of shards, as its manifest describes it."""

    folder: Path
    shards: tuple[Shard, ...]
    articles: int
    """Article graphs."""
    article_quads: int
    link_quads: int
    merged_triples: int

    @property
    def quads(self) -> int:
        return self.article_quads + self.link_quads + self.merged_triples

    @property
    def bytes(self) -> int:
        return sum(shard.bytes for shard in self.shards)


def check_shard_folder(folder: str | os.PathLike) -> Path:
    """The folder to write shards into, checked before any work: absent (its parent a
    writable folder) or an empty folder kg can write; OutputError says why not."""
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise OutputError(f"{path}: is not a folder; name a new folder for the shards")
    if path.is_dir():
        if any(path.iterdir()):
            raise OutputError(f"{path}: the folder is not empty; name a new or empty folder for the shards")
        if not os.access(path, os.W_OK | os.X_OK):
            raise OutputError(f"{path}: the folder is not writable")
        return path
    parent = path.absolute().parent
    if not parent.is_dir():
        raise OutputError(f"{path}: the folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{path}: the folder {parent} is not writable")
    return path


def write_shards(store: Store, folder: str | os.PathLike, *, shard_quads: int = SHARD_QUADS) -> ShardSet:
    """Write the embedded ``store`` (its article graphs, links and merged graph) as shards
    into ``folder`` (absent or empty: ``check_shard_folder``)."""
    if not store.embedded:
        raise KgError(f"{store.location}: shards are written from an embedded store (a folder); "
                      "a SPARQL server has its own dump")
    if shard_quads < 1:
        raise KgError("a shard holds at least one quad")
    path = check_shard_folder(folder)
    if bool(store.query(_BLANK)):
        raise KgError(f"{store.location}: the store holds blank nodes, which a bulk loader would split "
                      "(kg's builds write none: an update through kg serve?); shards are not written")
    try:
        path.mkdir(exist_ok=True)
        return _write(store, path, shard_quads)
    except OSError as error:
        raise OutputError(f"{path}: cannot write the shards ({error.strerror or error})") from None


def _write(store: GraphStore, path: Path, shard_quads: int) -> ShardSet:
    writer = _ShardWriter(path, shard_quads)
    counts = {"articles": 0, "article_quads": 0, "link_quads": 0}
    merged = ox.NamedNode(MERGED_GRAPH)
    with gzip.GzipFile(path / GRAPH_LIST, "wb", mtime=0) as listing:
        listing.write(b"graph\tshard\tquads\n")

        def listed(graph: str, shard: str, quads: int) -> None:
            listing.write(f"{graph}\t{shard}\t{quads}\n".encode("utf-8"))

        for graph, quads in _graphs(store.quads()):
            listed(graph, writer.write_whole(quads), len(quads))
            if graph == LINKS_GRAPH:
                counts["link_quads"] += len(quads)
            else:
                counts["articles"] += 1
                counts["article_quads"] += len(quads)
        triples = (ox.Quad(q.subject, q.predicate, q.object, merged) for q in store.merged_quads())
        for shard, quads in writer.write_cut(triples):
            listed(MERGED_GRAPH, shard, quads)
    shards = writer.close()
    result = ShardSet(path, shards, counts["articles"], counts["article_quads"], counts["link_quads"],
                      sum(shard.quads for shard in shards) - counts["article_quads"] - counts["link_quads"])
    manifest = {
        "format": _FORMAT, "compression": "gzip", "shard_quads": shard_quads,
        "graphs": {"merged": MERGED_GRAPH, "links": LINKS_GRAPH, "articles": result.articles, "listed": GRAPH_LIST},
        "quads": {"articles": result.article_quads, "links": result.link_quads, "merged": result.merged_triples,
                  "total": result.quads},
        "shards": [{"file": s.file, "quads": s.quads, "bytes": s.bytes, "sha256": s.sha256} for s in shards],
    }
    (path / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return result


def _graphs(quads: Iterable[ox.Quad]) -> Iterator[tuple[str, list[ox.Quad]]]:
    """The quads of a store's named graphs, one graph at a time (``quads()`` gives them so)."""
    for graph, group in itertools.groupby(quads, key=lambda quad: quad.graph_name):
        yield graph.value, list(group)


class _ShardWriter:
    """Shards of at most ``limit`` quads, opened as they are needed."""

    def __init__(self, folder: Path, limit: int) -> None:
        self.folder, self.limit = folder, limit
        self.done: list[Shard] = []
        self._out: gzip.GzipFile | None = None
        self._name = ""
        self._quads = 0

    def write_whole(self, quads: list[ox.Quad]) -> str:
        """One graph's quads in one shard (a new one when they do not fit): the shard's name."""
        if self._out is None or self._quads and self._quads + len(quads) > self.limit:
            self._next()
        self._put(quads)
        return self._name

    def write_cut(self, quads: Iterator[ox.Quad]) -> Iterator[tuple[str, int]]:
        """Quads cut wherever a shard is full: (shard, quads written into it) for each shard used."""
        while True:
            full = self._out is None or self._quads >= self.limit
            chunk = list(itertools.islice(quads, self.limit if full else self.limit - self._quads))
            if not chunk:
                return
            if full:
                self._next()
            self._put(chunk)
            yield self._name, len(chunk)

    def _put(self, quads: list[ox.Quad]) -> None:
        ox.serialize(quads, self._out, format=ox.RdfFormat.N_QUADS)
        self._quads += len(quads)

    def _next(self) -> None:
        self._finish()
        self._name = f"part-{len(self.done):05d}.nq.gz"
        self._out = gzip.GzipFile(self.folder / self._name, "wb", mtime=0)
        self._quads = 0

    def _finish(self) -> None:
        if self._out is None:
            return
        self._out.close()
        digest = hashlib.sha256()
        with open(self.folder / self._name, "rb") as written:
            while block := written.read(1 << 20):
                digest.update(block)
        self.done.append(Shard(self._name, self._quads, (self.folder / self._name).stat().st_size, digest.hexdigest()))
        self._out = None

    def close(self) -> tuple[Shard, ...]:
        self._finish()
        return tuple(self.done)


def read_shards(folder: str | os.PathLike) -> ShardSet:
    """The shards ``write_shards`` wrote into ``folder``, every one there with its size;
    KgError names what is missing or wrong."""
    path = Path(folder)
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        quads, graphs = manifest["quads"], manifest["graphs"]
        shards = tuple(Shard(s["file"], int(s["quads"]), int(s["bytes"]), s["sha256"]) for s in manifest["shards"])
        result = ShardSet(path, shards, int(graphs["articles"]), int(quads["articles"]), int(quads["links"]),
                          int(quads["merged"]))
    except FileNotFoundError:
        raise KgError(f"{path}: no {MANIFEST}: not a folder of shards ('kg build PATHS --nquads-out {path}' writes "
                      "one), or its writing did not finish") from None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        raise KgError(f"{path / MANIFEST}: not a manifest kg can read ({type(error).__name__}: {error})") from None
    if manifest.get("format") != _FORMAT or graphs.get("merged") != MERGED_GRAPH:
        raise KgError(f"{path / MANIFEST}: not N-Quads shards of kg's graphs")
    for shard in shards:
        if Path(shard.file).name != shard.file or not shard.file.endswith(".nq.gz"):
            raise KgError(f"{path / MANIFEST}: {shard.file!r} is not the name of a shard in the folder")
        try:
            size = (path / shard.file).stat().st_size
        except OSError:
            raise KgError(f"{path / shard.file}: missing (the manifest lists it)") from None
        if size != shard.bytes:
            raise KgError(f"{path / shard.file}: {size} bytes, the manifest says {shard.bytes}: damaged or replaced")
    return result
