"""Text that lines up on paper: tables that keep their width, wrapping, pages, encodings."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wcwidth import wcswidth

from store.print_layout import (MIN_COLUMN, Col, Layout, as_bytes, cells, centred, paginate,
                                right, table, wrap)
from tui.i18n import t

NAMES = ["王五", "张三丰", "欧阳建国", "阿不都·热合曼", "Li Si"]
WORDS = st.text(st.sampled_from("爱心超市积分大米食用油“好媳妇”·（）、，abc 123-"), max_size=40)
NUMBERS = st.integers(-9999, 99999).map(str)


@st.composite
def tables(draw):
    """Columns of text (some wrapping) and one or two number columns, on a line wide
    enough for them: the numbers whole, each text column at least MIN_COLUMN cells."""
    texts = draw(st.integers(1, 3))
    numbers = draw(st.integers(1, 2))
    columns = [Col(draw(st.sampled_from(["户主", "事项", "物品名称"])), wrap=draw(st.booleans()))
               for _ in range(texts)] + [Col("积分", "right", False)] * numbers
    rows = draw(st.lists(st.tuples(*[WORDS | st.sampled_from(NAMES)] * texts,
                                   *[NUMBERS] * numbers), max_size=6))
    least = 3 * len(columns) + 1 + MIN_COLUMN * texts + 6 * numbers
    layout = Layout(width=draw(st.integers(max(least, 24), 120)), box=draw(st.booleans()),
                    wide_ambiguous=draw(st.booleans()))
    return columns, rows, layout


@given(tables())
def test_every_line_of_a_table_has_one_width_within_the_layout(drawn):
    columns, rows, layout = drawn
    lines = table(columns, rows, layout)
    widths = {cells(line, layout) for line in lines}
    assert len(widths) == 1 and widths.pop() <= layout.width, "\n".join(lines)


@given(tables())
def test_a_table_keeps_every_character_of_its_cells(drawn):
    columns, rows, layout = drawn
    printed = "".join(table(columns, rows, layout))
    squeezed = "".join(printed.split())
    for row in rows:
        for value in row:
            for piece in value.split():
                assert piece in squeezed or all(char in squeezed for char in piece)


def test_numbers_right_aligned_and_never_wrapped():
    layout = Layout(width=32)
    lines = table([Col("事项"), Col("积分", "right", False)],
                  [("不锈钢保温暖水瓶（大号，三点二升装）", "123456"), ("大米", "5")], layout)
    body = [line for line in lines if "|" in line][1:]
    assert body[0].endswith("| 123456 |") and body[-1].endswith("|      5 |")
    assert len(body) > 2   # the long name wrapped inside its column


def test_an_empty_table_is_its_head_between_rules():
    lines = table([Col("户主"), Col("积分", "right", False)], [], Layout(width=48))
    assert lines == ["+------+------+", "| 户主 | 积分 |", "+======+======+", "+------+------+"]


def test_box_rules_on_request():
    lines = table([Col("户主")], [("王五",)], Layout(box=True))
    assert lines[0].startswith("┌") and lines[-1].startswith("└") and "│ 王五 │" in lines


def test_a_middle_dot_is_two_cells_for_a_gb18030_printer():
    name = "阿不都·热合曼"
    assert (cells(name, Layout()), cells(name, Layout(wide_ambiguous=True))) == (13, 14)
    wide = table([Col("户主"), Col("积分", "right", False)], [(name, "5"), ("王五", "10")],
                 Layout(wide_ambiguous=True))
    assert wcswidth(wide[3]) + 1 == wcswidth(wide[4])   # one more cell of padding for 王五...
    assert {cells(line, Layout(wide_ambiguous=True)) for line in wide} == {25}


def test_paragraphs_wrap_between_chinese_characters_and_keep_words_whole():
    layout = Layout(width=32)
    lines = wrap("对以上评分有异议的，请在 2026-11-29（含当天）之前向村委会提出。", layout)
    assert all(cells(line, layout) <= 32 for line in lines)
    assert "2026-11-29" in "".join(lines) and len(lines) == 3
    assert wrap("一\n二", layout) == ["一", "二"]


def test_centred_and_right():
    layout = Layout(width=20)
    assert centred("公示榜", layout) == ["       公示榜"]
    assert right("麻子沟村", layout) == ["            麻子沟村"]


def test_pages_carry_the_head_and_say_which_page_of_how_many():
    layout = Layout(width=40)
    body = [f"第{n}行" for n in range(1, 11)]
    lines = paginate(["公示榜"], body, 6, t, layout)
    pages = "\n".join(lines).split("\n\f\n")
    assert len(pages) == 4                 # three body lines a page: 6 less head and footer
    assert all(page.startswith("公示榜") for page in pages)
    assert pages[0].splitlines()[1:4] == ["第1行", "第2行", "第3行"]
    assert pages[3].rstrip().endswith("第 4 页 共 4 页")
    assert all(len(page.splitlines()) <= 6 for page in pages)


def test_bytes_in_each_encoding_decode_back_to_the_same_text():
    lines = ["爱心超市积分公示榜", "阿不都·热合曼  “好媳妇”  12", "\f", "第 2 页"]
    text = "爱心超市积分公示榜\n阿不都·热合曼  “好媳妇”  12\n\f第 2 页\n"
    assert as_bytes(lines).decode("utf-8") == text
    assert as_bytes(lines, "utf-8-sig").startswith(b"\xef\xbb\xbf")
    assert as_bytes(lines, "gb18030").decode("gb18030") == text
    assert as_bytes(lines, "gb18030", crlf=True).decode("gb18030") == text.replace("\n", "\r\n")


def test_lines_never_start_with_a_closing_mark_nor_end_with_an_opening_one():
    layout = Layout(48)
    text = ("对以上评分有异议的，请在 2026-11-28（含当天）之前向村委会或监督员李秀兰提出，"
            "写明评分编号和理由。")
    for width in (48, 32, 24, 17):
        lines = wrap(text, layout, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert not any(line[:1] in "，。、）" for line in lines)
        assert not any(line.endswith("（") for line in lines)
        assert all(cells(line, layout) <= width for line in lines)


def test_a_wrapped_cell_keeps_punctuation_with_its_word():
    lines = table([Col("兑换物品"), Col("积分", "right", False)],
                  [("大米×1、香皂×2、食用油×1、洗衣粉×1", "30")], Layout(width=24))
    assert not any(line.split("|")[1].strip()[:1] in "、，" for line in lines if "|" in line)


@pytest.mark.parametrize("box", [False, True])
def test_a_table_cut_by_a_page_is_closed_and_opened_again_with_its_titles(box):
    layout = Layout(width=40, box=box)
    rows = [(f"村民{n}", str(n)) for n in range(12)]
    body = ["说明", *table([Col("户主"), Col("积分", "right", False)], rows, layout), "合计"]
    pages = "\n".join(paginate(["公示榜"], body, 10, t, layout)).split("\n\f\n")
    for page in pages:
        lines = page.splitlines()
        assert len(lines) <= 10
        tables = [line for line in lines if line[:1] and line[0] in "+|┌└├│"]
        assert tables[0][:1] in "+┌" and tables[1].startswith(("| 户主", "│ 户主"))
        assert tables[-1][:1] in "+└" and tables[-1] != tables[2]
    shown = [line.split()[1] for page in pages for line in page.splitlines()
             if "村民" in line]
    assert shown == [name for name, _ in rows]


@pytest.mark.parametrize("page_lines", [12, 13, 14, 15, 20])
def test_a_row_of_several_lines_is_never_split_by_a_page(page_lines):
    layout = Layout(width=30)
    rows = [(f"村民{n}", "大米×1、香皂×2、食用油×1" if n % 2 else "大米", str(n))
            for n in range(9)]
    body = table([Col("户主", wrap=False), Col("物品"), Col("积分", "right", False)], rows,
                 layout)
    assert "+======" in "".join(body) and body.count(body[0]) > 2   # rules between rows
    pages = "\n".join(paginate(["兑换公示"], body, page_lines, t, layout)).split("\n\f\n")
    for page in pages:
        lines = page.splitlines()
        assert len(lines) <= page_lines, page
        tabled = [line for line in lines if line[:1] and line[0] in "+|"]
        assert tabled[0].startswith("+-") and tabled[-1].startswith("+-"), page
        # Every row on the page is whole: it starts with its household and ends at a rule.
        for n, line in enumerate(tabled):
            if line.startswith("| 村民") and "香皂" in line:   # a row of two lines
                assert "食用油" in tabled[n + 1] and tabled[n + 2].startswith("+"), page
    shown = [line.split()[1] for page in pages for line in page.splitlines()
             if line.startswith("| 村民")]
    assert shown == [name for name, _, _ in rows]


@pytest.mark.parametrize("page_lines", range(4, 14))
def test_no_page_is_longer_than_asked_even_when_rows_barely_fit(page_lines):
    layout = Layout(width=30)
    rows = [(f"村民{n}", "大米×1、香皂×2、食用油×1", str(n)) for n in range(6)]
    body = ["说明", *table([Col("户主", wrap=False), Col("物品"), Col("积分", "right", False)],
                           rows, layout)]
    pages = "\n".join(paginate(["兑换公示"], body, page_lines, t, layout)).split("\n\f\n")
    assert all(len(page.splitlines()) <= page_lines for page in pages)
