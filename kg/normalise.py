"""The normalise stage: one Unicode form and one tone-mark style.

Article text is kept NFC with invisible characters removed, so offsets stay
meaningful; canonical names additionally get one tone-mark style: the tone of an
open "oa", "oe", "uy" syllable sits on the first vowel ("hòa", "ủy", "tọa"),
the style of the Vietnamese government's own documents.
"""
from __future__ import annotations

import re
import unicodedata

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_SECOND_VOWEL_TONE = re.compile(
    r"(?<![qQ])([oO][aAeE]|[uU][yY])([" + _TONES + r"])(?![^\W\d_]|[\u0300-\u036f])"
)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")


def normalise_text(text: str) -> str:
    """NFC, Unix line breaks, plain spaces, no zero-width characters."""
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text)


def retone(text: str) -> str:
    """Move the tone of open 'oa', 'oe', 'uy' syllables to the first vowel."""
    decomposed = unicodedata.normalize("NFD", text)
    moved = _SECOND_VOWEL_TONE.sub(lambda m: m.group(1)[0] + m.group(2) + m.group(1)[1], decomposed)
    return unicodedata.normalize("NFC", moved)


def canonical(name: str) -> str:
    """A name as kg writes it: NFC, one tone style, single spaces, no edge punctuation."""
    name = retone(normalise_text(name))
    name = re.sub(r"\s+", " ", name)
    return name.strip(" .,;:\"'“”‘’()[]")


def fold(name: str) -> str:
    """A matching key: canonical, case-folded."""
    return canonical(name).casefold()


def ascii_fold(name: str) -> str:
    """Diacritics removed ('Đ' becomes 'D'), for IRIs and diacritic-free search."""
    name = canonical(name).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
