"""JSON Lines: one article a line, each line read as a record of ``ReadOptions.jsonl_fields``."""
from __future__ import annotations

import codecs
import io
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

from ..errors import InputError
from ..normalise import normalise_text
from ..records import Article
from .decoding import decode
from .options import MAX_MEMBER_BYTES, ReadFailure, ReadOptions, failure_of, too_large
from .timestamps import parse_timestamp


CHUNK_BYTES = 1 << 20
WHOLE_BYTES = 64 * 1024 * 1024
"""The most of a JSON Lines input that is not UTF-8 (UTF-16, a legacy Vietnamese encoding) kg
decodes whole; UTF-8, which JSON is, is read a line at a time."""


def read_jsonl(source: str, stream: BinaryIO, options: ReadOptions, *, stable: bool,
               limit: int = MAX_MEMBER_BYTES) -> Iterator[Article | ReadFailure]:
    """One article a line, read from ``stream`` a chunk at a time: memory holds one line, and a
    line over ``--max-size`` is reported without being held. A malformed line is reported as
    FILE:LINE and the others are read; past ``limit`` bytes (a compressed file that unpacks
    without end) the reading stops and the input is reported, the lines before it kept."""
    read_any = False
    try:
        head = stream.read(CHUNK_BYTES)
        if not _utf8_records(head):
            rest = stream.read(WHOLE_BYTES + 1 - len(head))
            if len(head) + len(rest) > WHOLE_BYTES:
                yield ReadFailure(source, f"JSON Lines not in UTF-8 over {WHOLE_BYTES >> 20} MB; convert it to UTF-8")
                return
            text = decode(head + rest, source)
            head, stream = text.encode("utf-8"), io.BytesIO()
        for number, line, size in _lines(source, stream, head.removeprefix(codecs.BOM_UTF8),
                                         options.max_article_bytes, limit):
            if line is not None and not line.strip():
                continue
            read_any = True
            where = f"{source}:{number}"
            if line is None:
                yield ReadFailure(where, too_large(where, size, options.max_article_bytes).removeprefix(f"{where}: "))
                continue
            yield _record_article(line, source, where, options, stable=stable)
    except InputError as error:
        yield failure_of(source, error)
        return
    except (OSError, EOFError, zlib.error) as error:  # a compressed stream broken part of the way
        yield ReadFailure(source, f"cannot read on ({error})")
        return
    if not read_any:
        yield ReadFailure(source, "empty JSON Lines file (no articles)")


def _utf8_records(head: bytes) -> bool:
    """Whether the input starts as UTF-8 JSON Lines do: a record's brace, no zero bytes."""
    return b"\x00" not in head and head.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"{")


def _lines(source: str, stream: BinaryIO, head: bytes, max_line: int, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(number, line, size) for each line of the stream; the line is None past ``max_line``
    bytes (what is past it is not kept). InputError once more than ``limit`` bytes came."""
    parts: list[bytes] = []
    size = number = total = 0
    chunk = head
    while chunk:
        total += len(chunk)
        if total > limit:
            raise InputError(f"{source}: larger than {limit >> 20} MB unpacked; unpack it first (the lines "
                             "before were read)")
        pieces = chunk.split(b"\n")
        for index, piece in enumerate(pieces):
            size += len(piece)
            if size <= max_line:
                parts.append(piece)
            if index < len(pieces) - 1:
                number += 1
                yield number, b"".join(parts) if size <= max_line else None, size
                parts, size = [], 0
        chunk = stream.read(CHUNK_BYTES)
    if size:
        yield number + 1, b"".join(parts) if size <= max_line else None, size


def _record_article(line: bytes, source: str, where: str, options: ReadOptions, *,
                    stable: bool) -> Article | ReadFailure:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = decode(line, where)  # one line in a legacy Vietnamese encoding
        except InputError as error:
            return failure_of(where, error)
    try:
        record = json.loads(text)
    except ValueError as error:
        return ReadFailure(where, f"not a JSON object ({getattr(error, 'msg', error)}, column "
                                  f"{getattr(error, 'colno', '?')})")
    if not isinstance(record, dict):
        return ReadFailure(where, f"not a JSON object but a {type(record).__name__}")
    try:
        return _jsonl_article(record, source, where, options, stable=stable)
    except InputError as error:
        return failure_of(where, error)


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
        from .webpage import NotAnArticle, read_page_safely  # trafilatura (kg[html]) only for a web page

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
