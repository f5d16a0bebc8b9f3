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
- folders, walked recursively for the endings above (symbolic links to folders are not
  followed, so a link loop cannot trap the walk); ``-`` reads standard input, whose
  format is ``ReadOptions.input_format`` or recognised from its first bytes.

One article (a text file, a page, an archive member, a JSON line) larger than
``ReadOptions.max_article_bytes`` (8 MB unless the user says otherwise) is reported, not
read: news articles are a few kilobytes, and extraction time grows with the text.

Offsets everywhere in kg refer to the article text as returned here, after
``normalise_text``: for plain text, the file's text; for a web page, its headline and
extracted paragraphs (``webpage``); for a JSON Lines record, its text field, after a title
line when the record has a title the text does not start with.
"""
from __future__ import annotations

import errno
import gzip
import io
import json
import os
import stat
import re
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .decoding import decode, decode_html
from ..errors import InputError
from ..normalise import normalise_text
from ..records import Article
from .timestamps import parse_timestamp

if TYPE_CHECKING:
    from .webpage import NotAnArticle

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
DEFAULT_MAX_ARTICLE_BYTES = 8 * 1024 * 1024
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
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES

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


def parse_size(text: str) -> int:
    """'8MB', '500k', '1.5 GB' or a number of bytes; ValueError for anything else."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*", text, re.IGNORECASE)
    if not match or float(match.group(1)) <= 0:
        raise ValueError(f"{text!r}: write a size like 8MB, 500kB or 1000000")
    return int(float(match.group(1)) * 1024 ** " kmg".index(match.group(2).lower() or " "))


def format_size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.1f} kB" if size >= 1024 else f"{size} bytes"


def read_article(path: Path) -> Article:
    """Read one plain-text article file."""
    return _text_article(str(path), _read_bytes(path, DEFAULT_MAX_ARTICLE_BYTES))


def read_inputs(paths: Iterable[str | os.PathLike], options: ReadOptions = ReadOptions()) -> Iterator[Article | ReadFailure]:
    """Every article under ``paths``; what cannot be read comes as a ReadFailure."""
    for raw in paths:
        if str(raw) == STDIN:
            yield from _read_data(STDIN_SOURCE, sys.stdin.buffer.read(), options.input_format, options, stable=False)
            continue
        path = Path(raw)
        if path.is_dir():
            found, unreadable = _walk(path)
            yield from unreadable
            if not found and not unreadable:
                yield ReadFailure(str(path), f"no article files ({', '.join(INPUT_SUFFIXES)}) in this folder")
            for member in found:
                yield from _read_file(member, _kind(member.name), options)
        elif path.exists():
            kind = options.input_format if options.input_format != "auto" else _kind(path.name) or "auto"
            yield from _read_file(path, kind, options)
        else:
            yield ReadFailure(str(path), _why_missing(path))


def _walk(folder: Path) -> tuple[list[Path], list[ReadFailure]]:
    """The article files under ``folder`` in name order, and the sub-folders and links that
    cannot be read. Links to folders are not followed (a loop would never end)."""
    found, unreadable = [], []

    def report(error: OSError) -> None:
        unreadable.append(ReadFailure(error.filename or str(folder), f"cannot open this folder ({error.strerror})"))

    for root, _, files in os.walk(folder, onerror=report):
        for name in files:
            member = Path(root) / name
            if not _kind(name):
                continue
            if member.is_file():
                found.append(member)
            elif member.is_symlink():
                unreadable.append(ReadFailure(str(member), _why_missing(member)))
    return sorted(found), sorted(unreadable, key=lambda failure: failure.source)


def _why_missing(path: Path) -> str:
    """Why a path that does not exist as a file or folder cannot be read."""
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a loop of symbolic links"
        if path.is_symlink():
            return f"a symbolic link to nothing ({os.readlink(path)} does not exist)"
        if error.errno in (errno.EACCES, errno.EPERM):
            return f"cannot reach it ({error.strerror})"
    return "no such file or folder"


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


def _read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes; InputError when it cannot be read or has more than ``limit`` bytes.
    A device or pipe is read up to the limit (MAX_MEMBER_BYTES when none is given): /dev/zero
    would never end."""
    try:
        with path.open("rb") as stream:
            regular = stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
            if not regular:
                limit = limit or MAX_MEMBER_BYTES
            size = os.fstat(stream.fileno()).st_size if regular else None
            if limit is not None and size is not None and size > limit:
                raise InputError(_too_large(str(path), size, limit))
            data = stream.read() if limit is None else stream.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: {_why_missing(path)}") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    if limit is not None and len(data) > limit:
        raise InputError(_too_large(str(path), None, limit))
    return data


def _too_large(source: str, size: int | None, limit: int) -> str:
    what = format_size(size) if size is not None else "a stream"
    return (f"{source}: {what}, more than the {format_size(limit)} kg reads as one article "
            "(--max-size raises the limit)")


def _read_file(path: Path, kind: str, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    source = str(path)
    if kind in ("zip", "tar"):
        try:
            with path.open("rb") as stream:
                yield from _read_archive(source, stream, kind, options, depth=0)
        except OSError as error:
            yield ReadFailure(source, f"cannot read ({error.strerror or error})")
        return
    try:
        by_size = kind in ("text", "html") or (kind == "auto" and not path.is_file())
        data = _read_bytes(path, options.max_article_bytes if by_size else None)
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
        if kind in ("text", "html") and len(data) > options.max_article_bytes:
            raise InputError(_too_large(source, len(data), options.max_article_bytes))
        if kind == "text":
            article = _text_article(source, data)
            yield article if stable else replace(article, replaces_same_source=False)
        elif kind == "html":
            from .webpage import NotAnArticle  # trafilatura (kg[html]) is imported only for a web page

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
    from .webpage import NotAnArticle, read_page  # trafilatura (kg[html]) is imported only for a web page

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
        if len(line) > options.max_article_bytes:
            yield ReadFailure(where, _too_large(where, len(line), options.max_article_bytes).removeprefix(f"{where}: "))
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
        from .webpage import NotAnArticle  # trafilatura (kg[html]) is imported only for a web page

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
