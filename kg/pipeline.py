"""The whole pipeline: read -> normalise -> extract -> map -> store."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace


from .extract import extract
from .mapping import IriMinter, map_record
from .read import ReadFailure, ReadOptions, read_inputs
from .records import Article, Record
from .store import Store


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
        try:
            yield item, with_read_metadata(extract(item), item)
        except RecursionError:
            yield ReadFailure(item.source, "extraction failed: text nested too deeply")


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


def build(paths: Iterable[str | os.PathLike], store: Store, *, base: str | None = None,
          on_article: Callable[[str], None] | None = None,
          read_options: ReadOptions = ReadOptions()) -> BuildReport:
    """Extract every article under ``paths`` into ``store``, one named graph per article.

    An article is identified by its canonical URL when the input gives one, else by its
    content. One already stored with the same content is skipped; one stored before under
    the same URL, or from the same file, with other content is replaced.
    """
    minter = IriMinter(base) if base else IriMinter()
    report = BuildReport()
    for item in _read_and_extract(paths, read_options):
        if isinstance(item, ReadFailure):
            report.failed.append(item)
            source = item.source
        else:
            read, record = item
            source = record.source
            article = minter.article_for(record)
            stored_hash = store.article_hash(article)
            if stored_hash == record.article.content_hash:
                report.skipped += 1
            else:
                earlier = []
                if read.replaces_same_source:
                    earlier = [old for old in store.articles_from_source(source) if old != article]
                for old in earlier:
                    store.remove_article(old)
                _, graph = map_record(record, minter)
                store.replace_article(article, graph)
                if earlier or stored_hash is not None:
                    report.replaced += 1
                else:
                    report.added += 1
        if on_article:
            on_article(source)
    store.flush()
    return report


def stats(store: Store) -> dict[str, int]:
    """How many articles, people, organisations, events, documents, places, posts and triples."""
    counts = {}
    classes = {
        "articles": "schema:NewsArticle", "people": "schema:Person", "organizations": "org:Organization",
        "events": "schema:Event", "documents": "schema:Legislation", "places": "schema:Place",
        "posts": "org:Post", "sentences": "kgo:Sentence",
    }
    for name, cls in classes.items():
        result = store.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}")
        counts[name] = int(next(iter(result))["n"].value)
    counts["triples"] = len({(q.subject, q.predicate, q.object) for q in store.quads()})
    counts["quads"] = len(store)
    return counts
