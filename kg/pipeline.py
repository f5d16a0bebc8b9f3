"""The whole pipeline: read -> normalise -> extract -> map -> store.

``build`` reads in this process, extracts and maps in worker processes, and writes from
this process, a batch of articles at a time (each article its own transaction in the
embedded store, one update per batch on a SPARQL server).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import re
import sys
import traceback
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import KgError
from .extract import content_hash, extract
from .extract.layout import split_sentences
from .identities import join_identities
from .rdf.mapping import IriMinter, map_to_ntriples
from .read import (ARCHIVE_SUFFIXES, INPUT_SUFFIXES, JSONL_SUFFIXES, MAX_ARTICLE_TRIPLES, ReadFailure, ReadOptions,
                   read_inputs)
from .records import Article, Record
from .resolve import resolve
from .store import LINKS_GRAPH, ArticleWrite, GraphStore, WriteRejected, resolve_article

BATCH_ARTICLES = 50
POOL_AFTER = 4
BATCH_TRIPLES = 50_000
MAX_SENTENCE_CHARS = 10_000
MAX_PARTICIPANTS = 1_000
"""The most participants an article's events may list: past it the article is reported before it
is mapped (a list of thousands of officials is a roster, not news, and its graph outgrows memory)."""


def extract_paths(paths: Iterable[str | os.PathLike],
                  options: ReadOptions = ReadOptions()) -> Iterator[Record | ReadFailure]:
    """The record of every article under ``paths``; unreadable inputs come as ReadFailure."""
    for item in _read_and_extract(paths, options):
        yield item if isinstance(item, ReadFailure) else item[1]


def _read_and_extract(paths, options: ReadOptions) -> Iterator[tuple[Article, Record] | ReadFailure]:
    for item in read_inputs(paths, options):
        if isinstance(item, ReadFailure):
            yield item
            continue
        record = extract_article(item)
        yield record if isinstance(record, ReadFailure) else (item, record)


def extract_article(article: Article) -> Record | ReadFailure:
    """``extract`` with what the input said about the article, or why it could not be done:
    one article's trouble must not stop a batch of thousands."""
    too_long = overlong_sentence(article.text)
    if too_long:
        return ReadFailure(article.source, too_long)
    try:
        return with_read_metadata(extract(article), article)
    except RecursionError:
        return ReadFailure(article.source, "extraction failed: text nested too deeply")
    except Exception as error:  # noqa: BLE001 - reported with the article's name, the batch goes on
        return _extraction_failure(article.source, error)


def overlong_sentence(text: str) -> str | None:
    """Why ``text`` is not given to the extractor: a sentence longer than MAX_SENTENCE_CHARS
    (the extractor's work on a sentence grows faster than its length, and no prose has a
    sentence of thousands of words; a page of text with its full stops lost, a table or a
    dump of data has)."""
    position = 0
    for line in text.split("\n"):
        if len(line) > MAX_SENTENCE_CHARS:
            for span in split_sentences(text, position, position + len(line)):
                if span.end - span.start > MAX_SENTENCE_CHARS:
                    return (f"a sentence of {span.end - span.start:,} characters at offset {span.start}; kg reads "
                            f"sentences of up to {MAX_SENTENCE_CHARS:,} (is this running text?)")
        position += len(line) + 1
    return None


def _extraction_failure(source: str, error: Exception) -> ReadFailure:
    if os.environ.get("KG_DEBUG"):
        traceback.print_exception(error, file=sys.stderr)
    return ReadFailure(source, f"extraction failed: {type(error).__name__}: {error}")


def with_read_metadata(record: Record, article: Article) -> Record:
    """The record with what the input said about the article that extraction does not look at."""
    info = replace(record.article, url=article.url, section=article.section, tags=article.tags,
                   language=article.language)
    return replace(record, article=info)


@dataclass(slots=True)
class BuildReport:
    added: int = 0
    replaced: int = 0
    skipped: int = 0
    failed: list[ReadFailure] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return (f"{self.added} added, {self.replaced} replaced, {self.skipped} unchanged, "
                f"{len(self.failed)} failed")


@dataclass(frozen=True, slots=True)
class Mapped:
    """An article extracted and mapped: its graph as N-Triples, ready to write."""

    iri: str
    ntriples: str
    triples: int


def map_article(article: Article, base: str, max_triples: int = MAX_ARTICLE_TRIPLES) -> Mapped | ReadFailure:
    """Extract and map one article, within the bounds of what one article may add. Runs in a
    worker process: plain data in and out."""
    record = extract_article(article)
    if isinstance(record, ReadFailure):
        return record
    participants = sum(len(event.participants) for event in record.events)
    if participants > MAX_PARTICIPANTS:
        return ReadFailure(article.source, f"its events list {participants:,} participants, more than the "
                                           f"{MAX_PARTICIPANTS:,} kg maps from one article")
    try:
        iri, ntriples, triples = map_to_ntriples(resolve(record), IriMinter(base))
        if triples > max_triples:
            return ReadFailure(article.source, f"it would add {triples:,} triples, more than the {max_triples:,} "
                                               "one article may add (--max-triples raises the limit)")
        return Mapped(iri, ntriples, triples)
    except RecursionError:
        return ReadFailure(article.source, "mapping failed: text nested too deeply")
    except Exception as error:  # noqa: BLE001 - one article's bug must not stop a batch of thousands
        return _extraction_failure(article.source, error)


def start_worker() -> None:
    """Ready a worker process: lexicons and patterns built before the first article, and the
    garbage collector told that they are there to stay and that extraction makes many
    short-lived objects and no cycles worth a collection every 700 (10-15% of the time)."""
    extract(Article("warm-up", "Hội nghị\n\nSáng 5/3, ông Nguyễn Văn An, Giám đốc Sở Y tế tỉnh Bắc Ninh, dự hội nghị."))
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def default_jobs() -> int:
    """All the cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class _Job:
    """What the writer needs to know about an article sent for extraction."""

    source: str
    replaces: tuple[str, ...]
    replacing: bool
    unchanged: bool = False
    """Written again only because another source's replace drops it: counted as unchanged."""


class _Mappers:
    """``map_article`` in ``jobs`` worker processes; results in order.

    Workers are spawned, not forked (a fork would copy the open store and its threads), and
    only once POOL_AFTER articles wait: a few articles are extracted here, faster than
    starting the workers."""

    def __init__(self, jobs: int, base: str, max_triples: int) -> None:
        self.jobs, self.base, self.max_triples = jobs, base, max_triples
        self.pending: deque[tuple[_Job, Article | Future]] = deque()
        self.pool: ProcessPoolExecutor | None = None

    def submit(self, job: _Job, article: Article) -> None:
        if self.pool is not None:
            self.pending.append((job, self.pool.submit(map_article, article, self.base, self.max_triples)))
            return
        self.pending.append((job, article))
        if self.jobs > 1 and len(self.pending) >= POOL_AFTER:
            self.pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=start_worker)
            self.pending = deque((job, self.pool.submit(map_article, work, self.base, self.max_triples) if isinstance(work, Article)
                                  else work) for job, work in self.pending)

    def results(self, *, keep: int = 0) -> Iterator[tuple[_Job, Mapped | ReadFailure]]:
        """Results in submission order: those ready, and more (waiting) while over ``keep`` are pending."""
        while self.pending and (len(self.pending) > keep or _ready(self.pending[0][1])):
            job, work = self.pending.popleft()
            if isinstance(work, Article):
                yield job, map_article(work, self.base, self.max_triples)
                continue
            try:
                yield job, work.result()
            except BrokenProcessPool as error:
                if self.pool is not None:
                    self.pool.shutdown(cancel_futures=True)
                    self.pool = None
                yield job, ReadFailure(job.source, f"extraction failed: the worker process died ({error})")

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def _ready(work: Article | Future) -> bool:
    return isinstance(work, Future) and work.done()


class _Writer:
    """Collects article graphs and hands them to the store a batch at a time."""

    def __init__(self, store: GraphStore, report: BuildReport) -> None:
        self.store, self.report = store, report
        self.batch: list[tuple[_Job, ArticleWrite]] = []
        self.triples = 0

    def add(self, job: _Job, mapped: Mapped) -> None:
        self.batch.append((job, ArticleWrite(mapped.iri, mapped.ntriples, job.replaces)))
        self.triples += mapped.triples
        if len(self.batch) >= BATCH_ARTICLES or self.triples >= BATCH_TRIPLES:
            self.flush()

    def flush(self) -> None:
        """Write the batch; if the store refuses it, write its articles one by one and
        report those it refuses."""
        batch, self.batch, self.triples = self.batch, [], 0
        if not batch:
            return
        try:
            self.store.write_articles([write for _, write in batch])
            refusals: list[str | None] = [None] * len(batch)
        except WriteRejected:
            refusals = [self._refusal(write) for _, write in batch]
        for (job, _), refusal in zip(batch, refusals):
            if refusal:
                self.report.failed.append(ReadFailure(job.source, f"the store refused it: {refusal}"))
            elif job.unchanged:
                self.report.skipped += 1
            elif job.replacing:
                self.report.replaced += 1
            else:
                self.report.added += 1

    def _refusal(self, write: ArticleWrite) -> str | None:
        try:
            self.store.write_articles([write])
        except WriteRejected as error:
            return str(error)
        return None


def count_articles(paths: Iterable[str | os.PathLike]) -> int | None:
    """About how many articles ``build`` will read, for the total of its progress bar: a file
    is one, a JSON Lines file one a line, an archive or standard input unknown (None)."""
    total = 0
    for path in map(Path, paths):
        files = ([Path(folder, name) for folder, _, names in os.walk(path) for name in names]  # links not followed
                 if path.is_dir() else [path])
        for file in files:
            name = file.name.lower()
            if str(path) == "-" or name.endswith(ARCHIVE_SUFFIXES) or name.endswith(".gz"):
                return None
            if name.endswith(JSONL_SUFFIXES):
                try:
                    total += sum(1 for line in file.open("rb") if line.strip())
                except OSError:
                    total += 1
            elif name.endswith(INPUT_SUFFIXES) or file == path:
                total += 1
    return total


def build(paths: Iterable[str | os.PathLike], store: GraphStore, *, base: str | None = None, jobs: int = 1,
          on_article: Callable[[str], None] | None = None,
          read_options: ReadOptions = ReadOptions(), fail_fast: bool = False,
          max_triples: int = MAX_ARTICLE_TRIPLES) -> BuildReport:
    """Extract every article under ``paths`` into ``store``, one named graph per article.

    An article is identified by its canonical URL when the input gives one, else by its
    content. One already stored with the same content is skipped before extraction (the
    store's catalogue of content hashes is read once); one stored before under the same
    URL, or from the same file, with other content is replaced. Reading happens here,
    extraction and mapping in ``jobs`` worker processes, and writing here again, in
    batches of up to BATCH_ARTICLES articles. An input that cannot be read or
    extracted is reported and the others go on, unless ``fail_fast`` stops the reading at
    the first (what was extracted is still written). An article that would add more than
    ``max_triples`` triples, or whose events list more than MAX_PARTICIPANTS, is reported too.
    """
    minter = IriMinter(checked_base(base)) if base else IriMinter()
    catalogue = store.catalogue()
    stored = {article.iri: article.content_hash for article in catalogue}
    by_source: dict[str, list[str]] = defaultdict(list)
    for article in catalogue:
        if article.source is not None:
            by_source[article.source].append(article.iri)
    # Two sources with one text are two records of one article, stored once under one of them:
    # a replace from one source must not drop what the other still holds.
    kept: set[str] = set()  # articles an input of this build holds unchanged: no replace drops them
    dropped: set[str] = set()  # articles a replace of this build drops: an input holding one writes it again
    report = BuildReport()
    writer = _Writer(store, report)
    mappers = _Mappers(jobs, minter.base, max_triples)

    def take(job: _Job, result: Mapped | ReadFailure) -> None:
        if isinstance(result, ReadFailure):
            report.failed.append(result)
        else:
            writer.add(job, result)
        if on_article:
            on_article(job.source)

    try:
        for item in read_inputs(paths, read_options):
            if fail_fast and report.failed:
                break
            if isinstance(item, ReadFailure):
                take(_Job(item.source, (), False), item)
                continue
            digest = content_hash(item.text)
            iri = str(minter.article_iri(digest, item.url))
            if stored.get(iri) == digest and iri not in dropped:
                kept.add(iri)
                report.skipped += 1
                if on_article:
                    on_article(item.source)
                continue
            earlier: list[str] = []
            if item.replaces_same_source:
                earlier = [old for old in by_source[item.source] if old != iri and old not in kept]
                by_source[item.source] = [iri]
                dropped.update(earlier)
            again = stored.get(iri) == digest  # dropped by another source's replace, held by this one
            if again:
                dropped.discard(iri)
                kept.add(iri)
            mappers.submit(_Job(item.source, tuple(earlier), bool(earlier) or iri in stored, unchanged=again), item)
            stored[iri] = digest
            for job, result in mappers.results(keep=4 * jobs):
                take(job, result)
        for job, result in mappers.results():
            take(job, result)
    finally:
        mappers.close()
    writer.flush()
    store.flush()
    join_identities(store)
    return report


def checked_base(base: str) -> str:
    """``base`` when every IRI minted under it is an IRI, checked once before a build reads
    anything (not found wrong at every article); KgError says why not."""
    import pyoxigraph as ox

    reason = None
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", base):
        reason = "it has no scheme"
    elif any(char in base for char in '<>"{}|^`\\ \t\n'):
        reason = "it holds a character an IRI cannot"
    else:
        try:
            ox.NamedNode(base.rstrip("/#") + "/article/x")
        except ValueError as error:
            reason = str(error)
    if reason:
        raise KgError(f"--base {base!r} is not an absolute IRI ({reason}); give one like https://example.org/id/")
    return base


def remove(store: GraphStore, articles: Iterable[str]) -> list[str]:
    """Drop the graphs of the articles named by IRI, content hash, source file or URL, in one
    update; every name is resolved first, so a bad one removes nothing. An entity that no
    other article mentions goes with them: its facts were only in their graphs."""
    iris = sorted({resolve_article(store, name) for name in articles})
    store.remove_articles(iris)
    store.flush()
    join_identities(store)
    return iris


def stats(store: GraphStore) -> dict[str, int]:
    """How many articles, people, organisations, events, documents, places, posts, sentences,
    links to other datasets (``kg link``) and triples."""
    counts = {}
    classes = {
        "articles": "schema:NewsArticle", "people": "schema:Person", "organizations": "org:Organization",
        "events": "schema:Event", "documents": "schema:Legislation", "places": "schema:Place",
        "posts": "org:Post", "sentences": "kgo:Sentence",
    }
    for name, cls in classes.items():
        result = store.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}")
        counts[name] = int(next(iter(result))["n"].value)
    links = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?s owl:sameAs ?o }} }}")
    counts["links"] = int(next(iter(links))["n"].value)
    counts["triples"] = len({(q.subject, q.predicate, q.object) for q in store.quads()})
    counts["quads"] = len(store)
    return counts
