"""Cleaning typed and pasted text."""

import pytest
from hypothesis import given, strategies as st

from store import normalize
from store.errors import JifenError


@pytest.mark.parametrize("raw, group", [
    ("1", "1组"), (1.0, "1组"), ("一组", "1组"), ("第1组", "1组"), ("第十二组", "12组"),
    ("二十一", "21组"), ("１组", "1组"), ("3小组", "3组"), ("东坡", "东坡"), (" 东 坡 ", "东坡"),
])
def test_group_names_meet(raw, group):
    assert normalize.clean_group(raw) == group


@pytest.mark.parametrize("raw, name", [
    ("张 三", "张三"), ("阿不都 . 热合曼", "阿不都·热合曼"), ("古丽娜尔・艾买提", "古丽娜尔·艾买提"),
    ("\u200b李四", "李四"), ("Ｌｉ Ｓｉ", "Li Si"),
])
def test_names(raw, name):
    assert normalize.clean_name(raw) == name


@pytest.mark.parametrize("raw, count", [("４", 4), (3.0, 3), ("5人", 5), (99, 99), ("三", 3),
                                        ("十二口", 12), ("两", 2)])
def test_member_counts(raw, count):
    assert normalize.parse_count(raw) == count


@pytest.mark.parametrize("raw", ["0", "100", "-1", "三个", "许多", "", True, 2.5, "零"])
def test_bad_member_counts(raw):
    with pytest.raises(JifenError):
        normalize.parse_count(raw)


@given(st.text(max_size=60))
def test_clean_text_is_idempotent_and_never_keeps_invisible_controls(text):
    try:
        cleaned = normalize.clean_text(text, field="x")
    except JifenError as error:
        assert error.key in ("text.control_char", "text.too_long")
        return
    assert normalize.clean_text(cleaned, field="x") == cleaned
    assert cleaned == cleaned.strip()
    assert not any(char in cleaned for char in "\u200b\ufeff\t\n")


@given(st.text(alphabet=st.characters(categories=["Lo", "Nd", "Zs", "Po"]), max_size=12))
def test_clean_name_is_idempotent(text):
    cleaned = normalize.clean_name(text)
    assert normalize.clean_name(cleaned) == cleaned


def test_chinese_punctuation_stays_in_free_text():
    assert normalize.clean_note("致贫原因：因病，（２０２４年）") == "致贫原因：因病，（2024年）"


def test_identifiers_fold_fully():
    assert normalize.clean_phone("１３８－００１３－８０００") == "138-0013-8000"
    assert normalize.clean_card("ＭＺＧ－０００１") == "MZG-0001"


@pytest.mark.parametrize("raw", ["十十", "一十二三", "二二十", "十一十", "两百"])
def test_malformed_chinese_numbers_are_refused_not_crashed(raw):
    with pytest.raises(JifenError) as caught:
        normalize.parse_count(raw)
    assert caught.value.key == "household.bad_member_count"
    assert normalize.clean_group(f"第{raw}组") == f"第{raw}组"


@given(st.text(alphabet="零〇一二两三四五六七八九十百0123456789第组人口", max_size=6))
def test_any_number_like_text_is_read_or_refused(text):
    try:
        assert 1 <= normalize.parse_count(text) <= 99
    except JifenError as error:
        assert error.key in ("household.bad_member_count", "text.too_long")
    assert normalize.clean_group(text) is not None
