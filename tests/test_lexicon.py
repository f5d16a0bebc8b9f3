"""The lexicon matchers: a trie-shaped alternation finds exactly what the plain
longest-first alternation of the same names finds."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.lexicon import alternation

# Few letters, so that names share prefixes, contain one another and meet in the texts.
LETTERS = "aAàÀđĐ hH-.1_"
NAMES = st.lists(st.text(LETTERS, min_size=1, max_size=6), max_size=12)
TEXTS = st.text(LETTERS + ",\u0301", max_size=40)


def longest_first(names, flags=0) -> re.Pattern:
    """The pattern the trie replaces: every name, longest first, as whole words."""
    body = "|".join(re.escape(name) for name in sorted(set(names), key=len, reverse=True)) or r"(?!x)x"
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", flags)


@st.composite
def names_and_text(draw):
    """Names, and a text made of some of them (in any case) and random pieces."""
    names = draw(NAMES)
    pieces = st.sampled_from(names).map(lambda name: name.swapcase() if name and name[0] == "a" else name) \
        if names else TEXTS
    text = "".join(draw(st.lists(st.one_of(pieces, TEXTS), max_size=6)))
    return names, text


@settings(max_examples=500)
@given(names_and_text(), st.sampled_from([0, re.IGNORECASE]))
def test_the_trie_matches_what_the_alternation_matches(names_text, flags):
    names, text = names_text
    trie, plain = alternation(names, flags), longest_first(names, flags)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    for position in range(len(text) + 1):
        expected = plain.match(text, position)
        found = trie.match(text, position)
        assert (found and found.span()) == (expected and expected.span())


def test_longer_names_win_and_words_stay_whole():
    pattern = alternation(["Hà Nội", "Hà", "Hà Nội mới", "Nam"])
    assert [m.group() for m in pattern.finditer("Hà Nội mới, Hà Nam và Hà Nội; Namđịnh")] == \
        ["Hà Nội mới", "Hà", "Nam", "Hà Nội"]
    assert [m.group() for m in alternation(["bộ công an"], re.IGNORECASE).finditer("Bộ Công an, BỘ CÔNG AN")] == \
        ["Bộ Công an", "BỘ CÔNG AN"]
