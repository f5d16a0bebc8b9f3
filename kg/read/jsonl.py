"""JSON Lines: one article a line, each line read as a record of ``ReadOptions.jsonl_fields``."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace

from ..errors import InputError
from ..normalise import normalise_text
from ..records import Article
from .decoding import decode
from .options import ReadFailure, ReadOptions, failure_of, too_large
from .timestamps import parse_timestamp
from .webpage import NotAnArticle, read_page_safely


def read_jsonl(source: str, data: bytes, options: ReadOptions, *, stable: bool) -> Iterator[Article | ReadFailure]:
    """One article a line; a malformed line is reported as FILE:LINE and the others are read."""
    text = decode(data, source)
    read_any = False
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        read_any = True
        where = f"{source}:{number}"
        if len(line) > options.max_article_bytes:
            yield ReadFailure(where, too_large(where, len(line), options.max_article_bytes).removeprefix(f"{where}: "))
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            yield ReadFailure(where, f"not a JSON object ({getattr(error, 'msg', error)}, column {getattr(error, 'colno', '?')})")
            continue
        if not isinstance(record, dict):
            yield ReadFailure(where, f"not a JSON object but a {type(record).__name__}")
            continue
        try:
            yield _jsonl_article(record, source, where, options, stable=stable)
        except InputError as error:
            yield failure_of(where, error)
    if not read_any:
        yield ReadFailure(source, "empty JSON Lines file (no articles)")


def _jsonl_article(record: dict, source: str, where: str, options: ReadOptions, *, stable: bool) -> Article | ReadFailure:
    def value(name: str, kinds=(str,)):
        key = options.jsonl_field(name)
        found = record.get(key)
        if found is not None and not isinstance(found, kinds):
            raise InputError(f"{where}: '{key}' should be {' or '.join(k.__name__ for k in kinds)}, "
                             f"not {type(found).__name__}")
        return found

    identifier = value("id", (str, int))
    title = _stripped(value("title"))
    url = _stripped(value("url"))
    published_value = _stripped(value("published"))
    published = parse_timestamp(published_value)
    if published_value and not published:
        raise InputError(f"{where}: '{options.jsonl_field('published')}' is not a date: {published_value!r}")
    authors = value("authors", (str, list))
    if isinstance(authors, str):
        authors = [name for name in re.split(r"\s*[,;]\s*", authors)]
    if authors is not None and not all(isinstance(name, str) for name in authors):
        raise InputError(f"{where}: '{options.jsonl_field('authors')}' should be a list of names")
    authors = tuple(normalise_text(name).strip() for name in authors or () if name.strip())
    article_source = f"{source}/{identifier}" if identifier not in (None, "") else where
    body, page = _stripped(value("text")), _stripped(value("html"))
    if body:
        body = normalise_text(body)
        text = f"{normalise_text(title)}\n\n{body}" if title and not body.lstrip().startswith(normalise_text(title)) else body
        article = Article(source=article_source, text=text, title=title and normalise_text(title), url=url)
    elif page:
        read = read_page_safely(page, article_source, url=url)
        if isinstance(read, NotAnArticle):
            return ReadFailure(where, read.reason)
        article = replace(read, title=normalise_text(title) if title else read.title)
    else:
        raise InputError(f"{where}: no article: neither '{options.jsonl_field('text')}' nor "
                         f"'{options.jsonl_field('html')}' holds text")
    return replace(
        article,
        published=published or article.published,
        authors=authors or article.authors,
        replaces_same_source=stable and identifier not in (None, ""),
    )


def _stripped(value: str | None) -> str | None:
    return value.strip() or None if isinstance(value, str) else value
