"""Bytes to text for the read stage: UTF-8 first, then the legacy encodings Vietnamese files come in.

UTF-8 (with or without BOM) and UTF-16 or UTF-32 with a BOM are taken as they are. UTF-16
without a BOM is recognised by its zero bytes. For bytes that are not valid UTF-8, the legacy
Vietnamese encodings are tried: Windows-1258 (the Windows code page for Vietnamese) and the
two font encodings that old government documents still use, TCVN3 (the ".Vn" fonts of the
ABC standard, one byte a letter) and VNI (the "VNI-" fonts, a Latin-1 letter followed by
its marks). One is kept only when its text reads as Vietnamese: any byte string decodes in
a single-byte encoding, so the check is what tells them apart, and from a file in another
encoding.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import InputError

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
_LATIN_CODECS = ("latin-1", "iso8859-1", "cp1252", "ascii")


def _tcvn3_table() -> dict[int, str]:
    """TCVN3 (ABC): each toned lower-case letter is one byte; of the capitals only the seven
    with a vowel mark or bar have their own byte (toned capitals needed the ".VnTimeH" font,
    whose letters share the lower-case bytes)."""
    rows = {  # letter: its bytes with no tone, grave, hook, tilde, acute, dot below
        "a": (None, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9), "ă": (0xA8, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
        "â": (0xA9, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB), "e": (None, 0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
        "ê": (0xAA, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6), "i": (None, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
        "o": (None, 0xDF, 0xE1, 0xE2, 0xE3, 0xE4), "ô": (0xAB, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
        "ơ": (0xAC, 0xEA, 0xEB, 0xEC, 0xED, 0xEE), "u": (None, 0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
        "ư": (0xAD, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9), "y": (None, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
    }
    table = {0xAE: "đ", 0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ"}
    for letter, codes in rows.items():
        for code, tone in zip(codes, ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")):
            if code is not None:
                table[code] = unicodedata.normalize("NFC", letter + tone)
    return table


def _vni_sequences() -> dict[str, str]:
    """VNI: a base letter followed by mark characters of Windows-1252 ('Vieät' is 'Việt'),
    lower-case marks after lower-case letters and upper-case ones after capitals; ơ, ư, đ, ỵ
    and the toned i are single characters."""
    tones = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # grave, acute, hook, tilde, dot
    marks = {  # base: (its marks for no tone and the five tones, lower case; upper case)
        "": ((None, "ø", "ù", "û", "õ", "ï"), (None, "Ø", "Ù", "Û", "Õ", "Ï")),
        "\u0302": (("â", "à", "á", "å", "ã", "ä"), ("Â", "À", "Á", "Å", "Ã", "Ä")),  # circumflex
        "\u0306": (("ê", "è", "é", "ú", "ü", "ë"), ("Ê", "È", "É", "Ú", "Ü", "Ë")),  # breve
    }
    bases = {"": "aeouy", "\u0302": "aeo", "\u0306": "a"}
    sequences = {"ñ": "đ", "Ñ": "Đ", "î": "ỵ", "Î": "Ỵ"}
    for i_code, tone in zip("ìíæóò", tones):
        sequences[i_code] = unicodedata.normalize("NFC", "i" + tone)
        sequences[i_code.upper()] = unicodedata.normalize("NFC", "I" + tone)
    for horn, base in (("ô", "o"), ("ö", "u")):  # ơ, ư and their tones
        for upper in (False, True):
            code, letter = (horn.upper(), base.upper()) if upper else (horn, base)
            sequences[code] = unicodedata.normalize("NFC", letter + "\u031b")
            for mark, tone in zip(marks[""][upper][1:], tones):
                sequences[code + mark] = unicodedata.normalize("NFC", letter + "\u031b" + tone)
    for vowel_mark, letters in bases.items():
        for upper in (False, True):
            codes = marks[vowel_mark][upper]
            for letter in letters:
                letter = letter.upper() if upper else letter
                for code, tone in zip(codes, ("",) + tones):
                    if code is not None:
                        sequences[letter + code] = unicodedata.normalize("NFC", letter + vowel_mark + tone)
    return sequences


_TONE_MARKS = re.compile("[\u0300\u0301\u0303\u0309\u0323]")
_NUCLEI = ("a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ "
           "uy ưa ưi ươ ưu yê iêu yêu oai oao oay oeo uây uôi ươi ươu uya uyê uyu").split()
_SYLLABLE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
    rf"(?:{'|'.join(sorted(_NUCLEI, key=len, reverse=True))})(?:ch|nh|ng|[cmnpt])?"
)
_TCVN3 = _tcvn3_table()
_VNI = _vni_sequences()
_VNI_PATTERN = re.compile("|".join(re.escape(code) for code in sorted(_VNI, key=len, reverse=True)))


def decode(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 (BOM or not), UTF-16 (BOM or not), UTF-32 (BOM), or Vietnamese in
    Windows-1258, TCVN3 or VNI."""
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(f"{source}: not a text article ({what})")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        try:
            return data.decode("utf-32")
        except UnicodeDecodeError as error:
            raise InputError(f"{source}: broken UTF-32 text ({error.reason})") from None
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
        legacy = legacy_vietnamese(data)
        if legacy is not None:
            return legacy[0]
        raise InputError(
            f"{source}: not UTF-8 text (invalid byte at offset {error.start}) nor Vietnamese in "
            f"{', '.join(LEGACY_ENCODINGS)}; convert it to UTF-8"
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
                page = data.decode(codec)
            except UnicodeDecodeError:
                page = None
            if page is not None and codec in _LATIN_CODECS and not looks_vietnamese(_without_markup(page)):
                legacy = legacy_vietnamese(data)  # a ".VnTime" or "VNI-Times" page declares Latin-1
                if legacy is not None:
                    return legacy[0]
            if page is not None:
                return page
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


LEGACY_ENCODINGS = ("Windows-1258", "TCVN3 (ABC)", "VNI")


def legacy_vietnamese(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` for bytes in one of LEGACY_ENCODINGS, the one whose text has the
    fewest letters foreign to Vietnamese; None when none of them reads as Vietnamese."""
    readings = []
    for name, reader in zip(LEGACY_ENCODINGS, (_windows_1258, _tcvn3, _vni)):
        text = reader(data)
        if text is None:
            continue
        prose = _without_markup(text)
        share = syllable_share(prose)
        if looks_vietnamese(prose) and share >= 0.8:
            readings.append((share, -_foreign_letters(prose), name, text))
    if not readings:
        return None
    *_, name, text = max(readings, key=lambda reading: reading[:2])
    return text, name


def syllable_share(text: str) -> float:
    """The share of words with letters beyond ASCII that are Vietnamese syllables (one tone
    mark, an onset, a vowel cluster and a final of the language): a text read in the wrong
    legacy encoding gets Vietnamese letters too, in clusters no word has ('chaứo')."""
    words = [unicodedata.normalize("NFD", word) for word in re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", text))
             if any(ord(ch) > 127 for ch in word)]
    if not words:
        return 0.0
    valid = 0
    for word in words:
        toneless = unicodedata.normalize("NFC", _TONE_MARKS.sub("", word)).lower()
        if len(_TONE_MARKS.findall(word)) <= 1 and _SYLLABLE.fullmatch(toneless):
            valid += 1
    return valid / len(words)


def _windows_1258(data: bytes) -> str | None:
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError:
        return None


def _tcvn3(data: bytes) -> str:
    """Bytes of the TCVN3 table as their letters, the others (ASCII, punctuation) as in Windows-1252."""
    return "".join(_TCVN3.get(byte) or bytes([byte]).decode("cp1252", errors="replace") for byte in data)


def _vni(data: bytes) -> str:
    return _VNI_PATTERN.sub(lambda match: _VNI[match.group()], data.decode("cp1252", errors="replace"))


def _foreign_letters(text: str) -> int:
    return sum(1 for ch in text if ord(ch) > 127 and ch not in _VIETNAMESE_LETTERS and ch not in _TYPOGRAPHY)


def _without_markup(text: str) -> str:
    """A page's text without its tags, for judging its language."""
    return re.sub(r"<[^>]*>", " ", text)


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
