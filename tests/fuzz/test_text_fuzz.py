"""Names and texts a clerk types or pastes: cleaned or refused, never stored with a
character that hides or reorders what a notice shows (store.normalize)."""

import unicodedata

import pytest
from hypothesis import given, strategies as st

from store import normalize
from store.errors import JifenError
from tests.fuzz.harness import hidden_chars, rendered

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Other invisible format characters: tags (they spell hidden text), interlinear
# annotations, invisible operators, the Mongolian vowel separator.
OTHER_FORMAT = "\U000e0001\U000e0041\ufff9\ufffb\u2061\u2064\u180e\u206a\u0600"
TRAPS = (BIDI + ZERO_WIDTH + OTHER_FORMAT + "\x00\x1b\x7f\x85\t\n\r\u2028\u2029"
         + "\udcff\ud800"  # a non-UTF-8 byte as Python decodes it, a lone surrogate
         + "\u3000Ｌ１⼀⼈·．・")  # wide space, full-width, Kangxi radicals, name dots
NAME_LIKE = "张王李赵欧阳阿不都热合曼古丽 "

texts = st.text(st.one_of(st.characters(), st.sampled_from(TRAPS), st.sampled_from(NAME_LIKE)),
                max_size=40)
REFUSALS = ("text.control_char", "text.too_long")


def cleaned_or_refused(clean, text, **kwargs):
    """The cleaned text, or None after checking the refusal is one a clerk can read."""
    try:
        return clean(text, **kwargs)
    except JifenError as error:
        assert error.key in REFUSALS
        rendered(error)
        return None


@given(texts)
def test_clean_text_keeps_no_invisible_character(text):
    cleaned = cleaned_or_refused(normalize.clean_text, text, field="notes")
    if cleaned is not None:
        assert hidden_chars(cleaned) == []
        assert normalize.clean_text(cleaned, field="notes") == cleaned


@given(texts)
def test_clean_note_keeps_only_line_breaks(text):
    cleaned = cleaned_or_refused(normalize.clean_note, text)
    if cleaned is not None:
        assert hidden_chars(cleaned, keep="\n") == []
        assert normalize.clean_note(cleaned) == cleaned


@given(texts)
def test_a_name_is_folded_once_and_for_all(text):
    """A name is NFKC-folded: a Kangxi radical pasted from a PDF (⼈) becomes the
    character people type (人), so search and pinyin initials find it."""
    cleaned = cleaned_or_refused(normalize.clean_name, text)
    if cleaned is not None:
        assert hidden_chars(cleaned) == []
        assert unicodedata.normalize("NFKC", cleaned) == cleaned
        assert normalize.clean_name(cleaned) == cleaned


@given(st.text(NAME_LIKE, min_size=1, max_size=8), st.sampled_from(BIDI + OTHER_FORMAT),
       st.data())
def test_a_name_with_a_bidi_or_format_character_is_refused(name, char, data):
    """Refused, not cleaned: 张\u202e三 would show as 三张 on a notice."""
    at = data.draw(st.integers(0, len(name)))
    with pytest.raises(JifenError) as caught:
        normalize.clean_name(name[:at] + char + name[at:])
    assert caught.value.params["code"] == f"U+{ord(char):04X}"
    rendered(caught.value)


@given(st.text(NAME_LIKE, max_size=8), st.lists(st.sampled_from(ZERO_WIDTH), max_size=3),
       st.data())
def test_zero_width_characters_are_dropped(name, chars, data):
    spoilt = name
    for char in chars:
        at = data.draw(st.integers(0, len(spoilt)))
        spoilt = spoilt[:at] + char + spoilt[at:]
    assert normalize.clean_name(spoilt) == normalize.clean_name(name)


@pytest.mark.parametrize("raw, code", [("张\u202e三", "U+202E"), ("张\udcff三", "U+DCFF"),
                                       ("张\U000e0041三", "U+E0041"), ("张\x00三", "U+0000")])
def test_examples_of_refused_names(raw, code):
    with pytest.raises(JifenError) as caught:
        normalize.clean_name(raw)
    assert (caught.value.key, caught.value.params["code"]) == ("text.control_char", code)


@pytest.mark.parametrize("raw, name", [("⽥⼒", "田力"), ("张\u00ad三", "张三"), ("王⼀", "王一")])
def test_examples_of_cleaned_names(raw, name):
    assert normalize.clean_name(raw) == name


@given(texts)
def test_visible_text_shows_everything_on_one_line(text):
    """How a sheet's header cell is listed to the clerk: every invisible character
    spelled out, so none reorders or hides what is printed around it."""
    shown = normalize.visible(text)
    assert hidden_chars(shown) == []  # a line break is a control character too
    if not hidden_chars(text) and text == " ".join(text.split()):
        assert shown == text
