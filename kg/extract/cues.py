"""Cue words around events (lexicons/event_cues.tsv), found as whole words.

A cue inside a longer word that is no cue ('sắp' in 'sắp xếp', 'dự' in 'dự án') is passed over."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import alternation, lexicon


def cues(kind: str) -> list[str]:
    return lexicon().event_cues.get(kind, [])


@lru_cache(maxsize=None)
def _pattern(kinds: tuple[str, ...]) -> re.Pattern:
    return alternation([cue for kind in (*kinds, "not_cue") for cue in cues(kind)], re.IGNORECASE)


@lru_cache(maxsize=None)
def _wanted(kinds: tuple[str, ...]) -> frozenset[str]:
    return frozenset(cue for kind in kinds for cue in cues(kind))


def cues_in(text: str, *kinds: str, start: int = 0, end: int | None = None) -> list[re.Match]:
    """The cues of ``kinds`` in ``text[start:end]``."""
    wanted = _wanted(kinds)
    return [m for m in _pattern(kinds).finditer(text, start, len(text) if end is None else end)
            if m.group().lower() in wanted]
