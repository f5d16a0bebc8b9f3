"""The read stage: turn what the user points at into Article records.

Inputs, by file name ending:

- plain text (``.txt``, ``.text``): UTF-8 (with or without BOM), UTF-16, or Vietnamese in
  Windows-1258 (see ``decoding``); the seed-style header (title line, time line) is left
  for the extractor to recognise;
- saved web pages (``.html``, ``.htm``): the article's text and metadata (see ``webpage``);
  a page that shows no article is reported, with no record;
- JSON Lines (``.jsonl``, ``.ndjson``): one article a line, with ``text`` (or ``html``) and
  optional ``title``, ``url``, ``published``, ``authors``, ``id``; other exports' field
  names are mapped with ``ReadOptions.jsonl_fields``; a malformed line is reported as
  ``FILE:LINE`` and the others are read;
- archives (``.zip``, ``.tar.gz``, ``.tgz``, and ``NAME.EXT.gz``): their members are read
  in memory, never unpacked to disk; a member's source is ``ARCHIVE/MEMBER``;
- folders, walked recursively for the endings above; ``-`` reads standard input, whose
  format is ``ReadOptions.input_format`` or recognised from its first bytes.

Offsets everywhere in kg refer to the article text as returned here, after
``normalise_text``: for plain text, the file's text; for a web page, its headline and
extracted paragraphs (``webpage``); for a JSON Lines record, its text field, after a title
line when the record has a title the text does not start with.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from .decoding import decode, decode_html
from .errors import InputError
from .normalise import normalise_text
from .records import Article
from .timestamps import parse_timestamp
from .webpage import NotAnArticle, read_page

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
ARCHIVE_SUFFIXES = (".zip", ".tar.gz", ".tgz")
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + ARCHIVE_SUFFIXES
INPUT_FORMATS = ("auto", "text", "html", "jsonl")
JSONL_FIELDS = ("text", "html", "title", "url", "published", "authors", "id")
STDIN = "-"
STDIN_SOURCE = "<stdin>"
MAX_MEMBER_BYTES = 256 * 1024 * 1024
MAX_ARCHIVE_DEPTH = 3
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input that could not be read, kept so a batch can report it at the end."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read: the format of standard input and of files named directly
    (``auto``: by ending, else by content), and the JSON Lines field names
    (kg's name to the export's, e.g. ``{"text": "body"}``)."""

    input_format: str = "auto"
    jsonl_fields: Mapping[str, str] = field(default_factory=dict)

    def jsonl_field(self, name: str) -> str:
        return self.jsonl_fields.get(name, name)


def parse_jsonl_fields(specs: Iterable[str]) -> dict[str, str]:
    """``["text=body", "published=date"]`` as a field map; ValueError names a bad one."""
    fields = {}
    for spec in specs:
        name, sep, export_name = spec.partition("=")
        name, export_name = name.strip(), export_name.strip()
        if not sep or not export_name or name not in JSONL_FIELDS:
            raise ValueError(f"{spec!r}: write KG_FIELD=EXPORT_FIELD with KG_FIELD one of {', '.join(JSONL_FIELDS)}")
        fields[name] = export_name
    return fields


def read_article(path: Path) -> Article:
    """Read one plain-text article file."""
    return _text_article(str(path), _read_bytes(path))


def read_inputs(paths: Iterable[str | os.PathLike], options: ReadOptions = ReadOptions()) -> Iterator[Article | ReadFailure]:
    """Every article under ``paths``; what cannot be read comes as a ReadFailure."""
    for raw in paths:
        if str(raw) == STDIN:
            yield from _read_data(STDIN_SOURCE, sys.stdin.buffer.read(), options.input_format, options, stable=False)
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if _kind(p.name) and p.is_file())
            if not found:
                yield ReadFailure(str(path), f"no article files ({', '.join(INPUT_SUFFIXES)}) in this folder")
            for member in found:
                yield from _read_file(member, _kind(member.name), options)
        elif path.exists():
            kind = options.input_format if options.input_format != "auto" else _kind(path.name) or "auto"
            yield from _read_file(path, kind, options)
        else:
            yield ReadFailure(str(path), "no such file or folder")


def _kind(name: str) -> str | None:
    """How a file is read, from its name's ending; None for files kg does not read."""
    lower = name.lower()
    if lower.endswith((".tar.gz", ".tgz")):
        return "tar"
    if lower.endswith(".zip"):
        return "zip"
    if lower.endswith(".gz"):
        return "gzip" if _kind(lower[:-3]) else None
    for kind, suffixes in (("text", TEXT_SUFFIXES), ("html", HTML_SUFFIXES), ("jsonl", JSONL_SUFFIXES)):
        if lower.endswith(suffixes):
            return kind
    return None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None


def _read_file(path: Path, kind: str, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    source = str(path)
    if kind in ("zip", "tar"):
        try:
            with path.open("rb") as stream:
                yield from _read_archive(source, stream, kind, options, depth=0)
        except OSError as error:
            yield ReadFailure(source, f"cannot read ({error.strerror})")
        return
    try:
        data = _read_bytes(path)
    except InputError as error:
        yield _failure(source, error)
        return
    yield from _read_data(source, data, kind, options)


def _read_data(source: str, data: bytes, kind: str, options: ReadOptions, *, stable: bool = True,
               depth: int = 0) -> Iterator[Article | ReadFailure]:
    """The articles in ``data`` read as ``kind``; ``stable``: whether ``source`` names this input next time too."""
    if kind == "auto":
        kind = _sniff(data)
    try:
        if kind == "text":
            article = _text_article(source, data)
            yield article if stable else replace(article, replaces_same_source=False)
        elif kind == "html":
            page = _read_page(decode_html(data, source), source)
            if isinstance(page, NotAnArticle):
                yield ReadFailure(source, page.reason)
            else:
                yield page if stable else replace(page, replaces_same_source=False)
        elif kind == "jsonl":
            yield from _read_jsonl(source, data, options, stable=stable)
        elif kind in ("zip", "tar"):
            yield from _read_archive(source, io.BytesIO(data), kind, options, depth=depth)
        elif kind == "gzip":
            inner = source[:-3] if source.lower().endswith(".gz") else source
            yield from _read_data(source, _gunzip(source, data), _kind(inner) or "auto", options, stable=stable,
                                  depth=depth + 1)
    except InputError as error:
        yield _failure(source, error)


def _read_page(page: str, source: str, url: str | None = None) -> Article | NotAnArticle:
    try:
        return read_page(page, source, url=url)
    except Exception as error:  # noqa: BLE001 - one odd page must not stop a batch of thousands
        return NotAnArticle(source, f"cannot read this page ({type(error).__name__}: {error})")


def _failure(source: str, error: InputError) -> ReadFailure:
    return ReadFailure(source, str(error).removeprefix(f"{source}: "))


def _sniff(data: bytes) -> str:
    """The format of input without a telling name: a web page, JSON Lines, or plain text."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return "html"
    first_line = head.lstrip().split(b"\n", 1)[0].strip()
    if first_line.startswith(b"{") and first_line.endswith(b"}"):
        return "jsonl"
    return "text"


def _text_article(source: str, data: bytes) -> Article:
    text = normalise_text(decode(data, source))
    if not text.strip():
        raise InputError(f"{source}: empty article (no text)")
    return Article(source=source, text=text)


def _gunzip(source: str, data: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            inner = stream.read(MAX_MEMBER_BYTES + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise InputError(f"{source}: broken gzip file ({error})") from None
    if len(inner) > MAX_MEMBER_BYTES:
        raise InputError(f"{source}: larger than {MAX_MEMBER_BYTES >> 20} MB unpacked; unpack it first")
    return inner


def _read_archive(source: str, stream: BinaryIO, kind: str, options: ReadOptions, *,
                  depth: int) -> Iterator[Article | ReadFailure]:
    """The articles in a zip or tar archive, member by member in name order, without unpacking to disk."""
    if depth >= MAX_ARCHIVE_DEPTH:
        yield ReadFailure(source, f"archives nested more than {MAX_ARCHIVE_DEPTH} deep; unpack it first")
        return
    try:
        members = list(_zip_members(stream) if kind == "zip" else _tar_members(stream))
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, zlib.error) as error:
        yield ReadFailure(source, f"broken {'zip' if kind == 'zip' else 'tar'} archive ({error})")
        return
    members = sorted((name, size, read) for name, size, read in members if _kind(name) and not _is_junk(name))
    if not members:
        yield ReadFailure(source, f"no article files ({', '.join(INPUT_SUFFIXES)}) in this archive")
    for name, size, read in members:
        member_source = f"{source}/{name}"
        if size > MAX_MEMBER_BYTES:
            yield ReadFailure(member_source, f"larger than {MAX_MEMBER_BYTES >> 20} MB; unpack it first")
            continue
        try:
            data = read()
        except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, zlib.error) as error:
            yield ReadFailure(member_source, f"cannot read this archive member ({error})")
            continue
        yield from _read_data(member_source, data, _kind(name), options, depth=depth + 1)


def _zip_members(stream: BinaryIO):
    archive = zipfile.ZipFile(stream)
    for info in archive.infolist():
        if not info.is_dir():
            yield info.filename, info.file_size, lambda info=info: archive.read(info)


def _tar_members(stream: BinaryIO):
    archive = tarfile.open(fileobj=stream, mode="r:*")
    for member in archive.getmembers():
        if member.isfile():
            yield member.name, member.size, lambda member=member: archive.extractfile(member).read()


def _is_junk(name: str) -> bool:
    """Files archivers add beside the content (macOS resource forks)."""
    return name.startswith("__MACOSX/") or Path(name).name.startswith("._")


def _read_jsonl(source: str, data: bytes, options: ReadOptions, *, stable: bool) -> Iterator[Article | ReadFailure]:
    """One article a line; a malformed line is reported as FILE:LINE and the others are read."""
    text = decode(data, source)
    read_any = False
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        read_any = True
        where = f"{source}:{number}"
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
            yield _failure(where, error)
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
        read = _read_page(page, article_source, url=url)
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
