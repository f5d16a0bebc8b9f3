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
  in memory, never unpacked to disk, JSON Lines a line at a time (``jsonl``); a member's
  source is ``ARCHIVE/MEMBER``;
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
import os
import stat
import re
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from .decoding import decode, decode_html
from ..errors import InputError
from ..normalise import normalise_text
from ..records import Article
from .jsonl import read_jsonl
from .options import (DEFAULT_MAX_ARTICLE_BYTES, JSONL_FIELDS, MAX_ARTICLE_TRIPLES, MAX_MEMBER_BYTES, ReadFailure, ReadOptions, failure_of,
                      format_size, parse_jsonl_fields, parse_size, too_large)

__all__ = ["DEFAULT_MAX_ARTICLE_BYTES", "INPUT_FORMATS", "JSONL_FIELDS", "MAX_ARTICLE_TRIPLES", "ReadFailure", "ReadOptions", "format_size",
           "parse_jsonl_fields", "parse_size", "read_article", "read_inputs"]

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
ARCHIVE_SUFFIXES = (".zip", ".tar.gz", ".tgz")
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + ARCHIVE_SUFFIXES
INPUT_FORMATS = ("auto", "text", "html", "jsonl")
STDIN = "-"
STDIN_SOURCE = "<stdin>"
MAX_ARCHIVE_DEPTH = 3
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE | re.DOTALL)


def read_article(path: Path) -> Article:
    """Read one plain-text article file."""
    return _text_article(str(path), _read_bytes(path, DEFAULT_MAX_ARTICLE_BYTES))


def read_inputs(paths: Iterable[str | os.PathLike], options: ReadOptions = ReadOptions()) -> Iterator[Article | ReadFailure]:
    """Every article under ``paths``; what cannot be read comes as a ReadFailure, and so does
    an article whose name (a file's, a folder's, a tar member's) is not UTF-8: the store
    records the name, which must be text."""
    for item in _read_paths(paths, options):
        if isinstance(item, Article) and not _is_text(item.source):
            yield ReadFailure(_printable(item.source), "its name is not UTF-8; rename it to read it")
        else:
            yield item


def _is_text(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # bytes of a name the file system gave as surrogates
        return False
    return True


def _printable(name: str) -> str:
    """A name with the bytes that are not UTF-8 shown as \\xNN."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _read_paths(paths: Iterable[str | os.PathLike], options: ReadOptions) -> Iterator[Article | ReadFailure]:
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

    for root, files in _folders(folder, report):
        for name in files:
            member = Path(root) / name
            if not _kind(name):
                continue
            if member.is_file():
                found.append(member)
            elif member.is_symlink():
                unreadable.append(ReadFailure(str(member), _why_missing(member)))
    return sorted(found), sorted(unreadable, key=lambda failure: failure.source)


def _folders(top: Path, report) -> Iterator[tuple[str, list[str]]]:
    """Each folder under ``top`` with the names in it that are not folders, walked with a list
    of folders to do, not by recursion (os.walk recurses: thousands of nested folders overflow
    the stack). Links to folders are neither listed nor followed; ``report`` gets the errors."""
    pending = [str(top)]
    while pending:
        root = pending.pop()
        try:
            with os.scandir(root) as entries:
                listed = list(entries)
        except OSError as error:
            report(error)
            continue
        files = []
        for entry in listed:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if not is_folder:
                files.append(entry.name)
            elif not entry.is_symlink():
                pending.append(entry.path)
        yield root, files


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
                raise InputError(too_large(str(path), size, limit))
            data = stream.read() if limit is None else stream.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: {_why_missing(path)}") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    if limit is not None and len(data) > limit:
        raise InputError(too_large(str(path), None, limit))
    return data


def _read_file(path: Path, kind: str, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    source = str(path)
    if kind in ("zip", "tar"):
        try:
            with path.open("rb") as stream:
                yield from _read_archive(source, stream, kind, options, depth=0)
        except OSError as error:
            yield ReadFailure(source, f"cannot read ({error.strerror or error})")
        return
    if kind in ("jsonl", "gzip"):  # read as a stream, never whole
        try:
            with path.open("rb") as stream:
                yield from _read_stream(source, stream, kind, options)
        except OSError as error:
            yield ReadFailure(source, f"cannot read ({error.strerror or error})")
        return
    try:
        by_size = kind in ("text", "html") or (kind == "auto" and not path.is_file())
        data = _read_bytes(path, options.max_article_bytes if by_size else None)
    except InputError as error:
        yield failure_of(source, error)
        return
    yield from _read_data(source, data, kind, options)


def _read_data(source: str, data: bytes, kind: str, options: ReadOptions, *, stable: bool = True,
               depth: int = 0) -> Iterator[Article | ReadFailure]:
    """The articles in ``data`` read as ``kind``; ``stable``: whether ``source`` names this input next time too."""
    if kind == "auto":
        kind = _sniff(data)
    try:
        if kind in ("text", "html") and len(data) > options.max_article_bytes:
            raise InputError(too_large(source, len(data), options.max_article_bytes))
        if kind == "text":
            article = _text_article(source, data)
            yield article if stable else replace(article, replaces_same_source=False)
        elif kind == "html":
            from .webpage import NotAnArticle, read_page_safely  # trafilatura (kg[html]) only for a web page

            page = read_page_safely(decode_html(data, source), source)
            if isinstance(page, NotAnArticle):
                yield ReadFailure(source, page.reason)
            else:
                yield page if stable else replace(page, replaces_same_source=False)
        elif kind in ("jsonl", "gzip"):
            yield from _read_stream(source, io.BytesIO(data), kind, options, stable=stable, depth=depth)
        elif kind in ("zip", "tar"):
            yield from _read_archive(source, io.BytesIO(data), kind, options, depth=depth)
    except InputError as error:
        yield failure_of(source, error)


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


def _read_stream(source: str, stream: BinaryIO, kind: str, options: ReadOptions, *, stable: bool = True,
                 depth: int = 0) -> Iterator[Article | ReadFailure]:
    """The articles of a stream: JSON Lines (gzipped or not) a line at a time, anything else
    read whole up to its limit (--max-size for an article, MAX_MEMBER_BYTES for an archive),
    so that a small compressed file cannot unpack into gigabytes of memory."""
    if kind == "jsonl":
        yield from read_jsonl(source, stream, options, stable=stable)
        return
    if kind == "gzip":
        inner = source[:-3] if source.lower().endswith(".gz") else source
        try:
            with gzip.GzipFile(fileobj=stream) as unpacked:
                yield from _read_stream(source, unpacked, _kind(inner) or "auto", options, stable=stable,
                                        depth=depth + 1)
        except (OSError, EOFError, zlib.error) as error:
            yield ReadFailure(source, f"broken gzip file ({error})")
        return
    limit = options.max_article_bytes if kind in ("text", "html") else MAX_MEMBER_BYTES
    data = stream.read(limit + 1)
    if len(data) > limit:
        yield ReadFailure(source, too_large(source, None, limit).removeprefix(f"{source}: ")
                          if kind in ("text", "html") else f"larger than {limit >> 20} MB unpacked; unpack it first")
        return
    yield from _read_data(source, data, kind, options, stable=stable, depth=depth)


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
            with read() as stream:
                yield from _read_stream(member_source, stream, _kind(name), options, depth=depth + 1)
        except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, zlib.error) as error:
            yield ReadFailure(member_source, f"cannot read this archive member ({error})")


def _zip_members(stream: BinaryIO):
    archive = zipfile.ZipFile(stream)
    for info in archive.infolist():
        if not info.is_dir():
            yield info.filename, info.file_size, lambda info=info: archive.open(info)


def _tar_members(stream: BinaryIO):
    archive = tarfile.open(fileobj=stream, mode="r:*")
    for member in archive.getmembers():
        if member.isfile():
            yield member.name, member.size, lambda member=member: archive.extractfile(member)


def _is_junk(name: str) -> bool:
    """Files archivers add beside the content (macOS resource forks)."""
    return name.startswith("__MACOSX/") or Path(name).name.startswith("._")
