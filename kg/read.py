"""The read stage: turn what the user points at into Article records.

Offsets everywhere in kg refer to the article text as returned here (decoded,
then normalised by ``normalise_text``).
"""
from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .normalise import normalise_text
from .records import Article

ARTICLE_SUFFIXES = (".txt", ".text")
_BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a zip archive",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input that could not be read, kept so a batch can report it at the end."""

    source: str
    reason: str


def decode(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM; refuse the rest."""
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(f"{source}: not a text article ({what})")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(f"{source}: broken UTF-16 text ({error.reason})") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: not a text article (binary data)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{source}: not UTF-8 text (invalid byte at offset {error.start}); convert it to UTF-8"
        ) from None


def read_article(path: Path) -> Article:
    """Read one plain-text article file."""
    source = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{source}: is a folder, not a file") from None
    except OSError as error:
        raise InputError(f"{source}: cannot read ({error.strerror})") from None
    text = normalise_text(decode(data, source))
    if not text.strip():
        raise InputError(f"{source}: empty article (no text)")
    return Article(source=source, text=text)


def find_inputs(paths: Iterable[str | os.PathLike]) -> Iterator[Path | ReadFailure]:
    """Files named directly, and article files found in folders (recursively, sorted)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()
            )
            if not found:
                yield ReadFailure(str(path), f"no article files ({', '.join(ARTICLE_SUFFIXES)}) in this folder")
            yield from found
        elif path.exists():
            yield path
        else:
            yield ReadFailure(str(path), "no such file or folder")


def read_inputs(paths: Iterable[str | os.PathLike]) -> Iterator[Article | ReadFailure]:
    """Every article under ``paths``; what cannot be read comes as a ReadFailure."""
    for found in find_inputs(paths):
        if isinstance(found, ReadFailure):
            yield found
            continue
        try:
            yield read_article(found)
        except InputError as error:
            yield ReadFailure(str(found), str(error).removeprefix(f"{found}: "))
