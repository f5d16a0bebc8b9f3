"""Bytes to text for the read stage: UTF-8 first, then the legacy encodings Vietnamese files come in.

UTF-8 (with or without BOM) and UTF-16 with a BOM are taken as they are. UTF-16 without a
BOM is recognised by its zero bytes. Windows-1258, the Windows code page for Vietnamese,
is tried only for bytes that are not valid UTF-8, and kept only when the decoded text reads
as Vietnamese: any byte string decodes in a single-byte code page, so the check is what
tells a Windows-1258 article from a file in another encoding.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from .errors import InputError

_BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a zip archive",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
}
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_VIETNAMESE_LETTERS = frozenset(
    letter
    for base in "aăâeêioôơuưy"
    for tone in _TONES
    for letter in (unicodedata.normalize("NFC", base + tone), unicodedata.normalize("NFC", base.upper() + tone))
) | {"đ", "Đ"}
_TYPOGRAPHY = frozenset("“”‘’–—…•°·«»€©®™\u00a0§¶×")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 (BOM or not), UTF-16 (BOM or not), or Vietnamese Windows-1258."""
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
    else:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: not a text article (binary data)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        legacy = _windows_1258(data)
        if legacy is not None:
            return legacy
        raise InputError(
            f"{source}: not UTF-8 text (invalid byte at offset {error.start}) nor Vietnamese in "
            "Windows-1258; convert it to UTF-8"
        ) from None


def decode_html(data: bytes, source: str) -> str:
    """A page's bytes to text: the charset its <meta> declares when that is not UTF-8, else as ``decode``."""
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        name = declared.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            codec = None
        if codec and codec != "utf-8":
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                pass
    return decode(data, source)


def looks_vietnamese(text: str) -> bool:
    """Whether the letters beyond ASCII are Vietnamese ones, on enough of the words."""
    text = unicodedata.normalize("NFC", text)
    beyond_ascii = [ch for ch in text if ord(ch) > 127 and not ch.isspace()]
    if not beyond_ascii:
        return False
    foreign = sum(1 for ch in beyond_ascii if ch not in _VIETNAMESE_LETTERS and ch not in _TYPOGRAPHY)
    if foreign > 0.01 * len(beyond_ascii):
        return False
    words = text.split()
    marked = sum(1 for word in words if any(ch in _VIETNAMESE_LETTERS and ord(ch) > 127 for ch in word))
    return marked >= 0.1 * len(words)


def _windows_1258(data: bytes) -> str | None:
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return None
    return text if looks_vietnamese(text) else None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: every other byte is mostly zero (the ASCII half of each character)."""
    sample = data[:8192]
    if len(data) < 8 or len(data) % 2:
        return None
    half = len(sample) // 2
    even_zeros, odd_zeros = sample[0::2].count(0), sample[1::2].count(0)
    if odd_zeros > 0.3 * half and even_zeros < 0.02 * half:
        codec = "utf-16-le"
    elif even_zeros > 0.3 * half and odd_zeros < 0.02 * half:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if "\x00" in text or any(unicodedata.category(ch) in ("Cs", "Co", "Cn") for ch in text[:4096]):
        return None
    return text
