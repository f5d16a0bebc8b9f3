"""The normalise stage: one Unicode form and one tone-mark style.

Article text is kept NFC with invisible characters removed, so offsets stay
meaningful; canonical names additionally get one tone-mark style: the tone of an
open "oa", "oe", "uy" syllable sits on the first vowel ("hòa", "ủy", "tọa"),
the style of the Vietnamese government's own documents.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_SECOND_VOWEL_TONE = re.compile(
    r"(?<![qQ])([oO][aAeE]|[uU][yY])([" + _TONES + r"])(?![^\W\d_]|[\u0300-\u036f])"
)
# What a second-vowel tone looks like in NFC text, at the end of a syllable ('hòa', not
# 'hoàn'): most text has none, and skips the work. (No letter decomposes to a non-letter
# first, so a letter after it in NFC is one after the tone in NFD.)
_OPEN_SYLLABLE_TONE = re.compile(r"(?:[oO][àáãảạÀÁÃẢẠèéẽẻẹÈÉẼẺẸ]|[uU][ỳýỹỷỵỲÝỸỶỴ])(?![^\W\d_])")
# Zero-width characters, direction marks and isolates, invisible operators, variation
# selectors, and control characters other than line breaks and tabs.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u034f\u180e"
                        "\ufe00-\ufe0f\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_SURROGATES = re.compile("[\ud800-\udfff]")
# Cyrillic and Greek letters drawn like Latin ones; full-width Latin letters and digits.
_LOOKALIKES = dict(zip(
    "аеорсухіјѕԁһӏАВЕКМНОРСТХУІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικ",
    "aeopcyxijsdhlABEKMHOPCTXYIJSABEZHIKMNOPTYXoik",
))
_FULL_WIDTH = str.maketrans({code: code - 0xFEE0 for code in range(0xFF10, 0xFF5B) if chr(code - 0xFEE0).isalnum()})
_HAS_LOOKALIKE = re.compile("[\uff10-\uff5a" + "".join(_LOOKALIKES) + "]")
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")


def normalise_text(text: str) -> str:
    """NFC, Unix line breaks, plain spaces, no zero-width or control characters, ASCII for
    full-width letters and digits, Latin letters for their lookalikes inside Latin words; a
    lone surrogate (from a JSON escape) becomes U+FFFD."""
    text = _SURROGATES.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    if _HAS_LOOKALIKE.search(text):
        text = unicodedata.normalize("NFC", _WORD.sub(_latin_lookalikes, text.translate(_FULL_WIDTH)))
    return _SPACES.sub(" ", text)


def _latin_lookalikes(word: re.Match) -> str:
    """'Vі' with a Cyrillic 'і' is 'Vi': lookalikes become Latin in a word that has Latin
    letters; a word in Cyrillic or Greek alone is left as it is."""
    text = word.group()
    if not any("a" <= ch.lower() <= "z" or "\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff" for ch in text):
        return text
    return "".join(_LOOKALIKES.get(ch, ch) for ch in text)


def retone(text: str) -> str:
    """Move the tone of open 'oa', 'oe', 'uy' syllables to the first vowel."""
    if unicodedata.is_normalized("NFC", text) and not _OPEN_SYLLABLE_TONE.search(text):
        return text
    decomposed = unicodedata.normalize("NFD", text)
    moved = _SECOND_VOWEL_TONE.sub(lambda m: m.group(1)[0] + m.group(2) + m.group(1)[1], decomposed)
    return unicodedata.normalize("NFC", moved)


@lru_cache(maxsize=1 << 16)
def canonical(name: str) -> str:
    """A name as kg writes it: NFC, one tone style, single spaces, no edge punctuation.
    Kept: the same names come back in article after article."""
    name = retone(normalise_text(name))
    name = re.sub(r"\s+", " ", name)
    return name.strip(" .,;:\"'“”‘’()[]")


def fold(name: str) -> str:
    """A matching key: canonical, case-folded."""
    return canonical(name).casefold()


class _WithoutCombining(dict):
    """A ``str.translate`` table dropping combining marks, filled in as characters come: the
    few hundred characters of Vietnamese names are looked up once each, then in C."""

    def __missing__(self, code: int) -> int | None:
        kept = self[code] = None if unicodedata.combining(chr(code)) else code
        return kept


_WITHOUT_COMBINING = _WithoutCombining()


def ascii_fold(name: str) -> str:
    """Diacritics removed ('Đ' becomes 'D'), for IRIs and diacritic-free search."""
    name = canonical(name).replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFD", name).translate(_WITHOUT_COMBINING)


_WORDS = re.compile(r"[^\W_]+")


def search_key(text: str) -> str:
    """The folded form a search matches on (``kgo:searchKey``): lower case, without
    diacritics, its words joined by one space ('Bà Rịa - Vũng Tàu' -> 'ba ria vung tau')."""
    return " ".join(_WORDS.findall(ascii_fold(text).lower()))


@lru_cache(maxsize=1 << 16)
def search_keys(name: str) -> tuple[str, ...]:
    """The search keys of a name: its folded words, each once ('Công an tỉnh Nam Định' ->
    'cong', 'an', 'tinh', 'nam', 'dinh'). A search finds the names holding every word it
    asks for, each an exact key: a lookup in the store's index, not a scan of every label.
    Kept: the same names come back in article after article."""
    return tuple(dict.fromkeys(search_key(name).split()))
