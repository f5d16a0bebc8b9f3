"""What the read stage is told (``ReadOptions``), what it reports (``ReadFailure``) and its
size limits, shared by its modules."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..errors import InputError

JSONL_FIELDS = ("text", "html", "title", "url", "published", "authors", "id")
MAX_MEMBER_BYTES = 256 * 1024 * 1024
DEFAULT_MAX_ARTICLE_BYTES = 8 * 1024 * 1024
MAX_ARTICLE_TRIPLES = 200_000
"""The most triples one article may add (``kg build --max-triples``); a larger one is reported, unwritten."""


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


def too_large(source: str, size: int | None, limit: int) -> str:
    what = format_size(size) if size is not None else "a stream"
    return (f"{source}: {what}, more than the {format_size(limit)} kg reads as one article "
            "(--max-size raises the limit)")


def failure_of(source: str, error: InputError) -> ReadFailure:
    return ReadFailure(source, str(error).removeprefix(f"{source}: "))
