import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from kg.normalise import ascii_fold, canonical, fold, normalise_text, retone


def test_tone_marks_move_to_the_first_vowel_of_open_syllables():
    assert retone("Thành uỷ") == "Thành ủy"
    assert retone("Toạ đàm") == "Tọa đàm"
    assert retone("khoá XIII") == "khóa XIII"
    assert retone("hoà bình") == "hòa bình"
    assert retone("Hoà, hoàn thành") == "Hòa, hoàn thành"  # a closed syllable beside an open one
    assert retone("uỷ1") == "ủy1"


def test_closed_syllables_and_qu_keep_their_tone():
    assert retone("hoàng") == "hoàng"
    assert retone("quý") == "quý"
    assert retone("thuỷ") == "thủy"


def test_decomposed_text_becomes_nfc():
    decomposed = unicodedata.normalize("NFD", "Trần Vi Dân")
    assert normalise_text(decomposed) == "Trần Vi Dân"


def test_invisible_characters_and_odd_spaces_go():
    assert normalise_text("Trần\u200b Vi\u00a0Dân\r\n") == "Trần Vi Dân\n"


def test_canonical_and_fold():
    assert canonical("  Thành uỷ  Hải Phòng, ") == "Thành ủy Hải Phòng"
    assert fold("THÀNH UỶ") == fold("thành ủy")
    assert ascii_fold("Đồng bằng sông Hồng") == "Dong bang song Hong"


@given(st.text())
def test_normalising_twice_changes_nothing(text):
    once = canonical(text)
    assert canonical(once) == once
    assert normalise_text(normalise_text(text)) == normalise_text(text)


@given(st.text())
def test_retone_keeps_the_length_of_nfc_text(text):
    nfc = unicodedata.normalize("NFC", text)
    assert len(retone(nfc)) == len(nfc) or not nfc.isprintable()


def _retone_in_full(text: str) -> str:
    from kg.normalise import _SECOND_VOWEL_TONE

    decomposed = unicodedata.normalize("NFD", text)
    moved = _SECOND_VOWEL_TONE.sub(lambda m: m.group(1)[0] + m.group(2) + m.group(1)[1], decomposed)
    return unicodedata.normalize("NFC", moved)


@given(st.text(alphabet=st.sampled_from("oOuUaAeEyYqQ àáãảạèéẽẻẹỳýỹỷỵÀÉỲ\u0300\u0301\u0303\u0309\u0323ăâêôơư hntg")))
def test_retone_skips_only_text_it_would_not_change(text):
    """retone returns NFC text without an open-syllable tone unchanged, without decomposing it."""
    assert retone(text) == _retone_in_full(text)
    assert retone(unicodedata.normalize("NFD", text)) == _retone_in_full(text)
