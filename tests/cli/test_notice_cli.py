"""`jifen notice KIND`: options, encodings, pages, files and refusals (D11, D12).

The option handling is tested on a stand-in builder (every kind's registry
entry pointed at `stand_in` below), so it does not hang on any one notice's
text; each real kind is then printed for the demo village at the widths it
must work at.
"""

import re
import unicodedata
from datetime import date
from importlib import import_module

import pytest

from store import notices
from store.notices import Notice
from store.print_layout import Col, Layout, cells, centred, table
from tui.cli import run
from tui.commands.notice import ALL_KINDS
from tui.i18n import set_language

TODAY = "2026-11-26"
BOM = b"\xef\xbb\xbf"
MINORITY = "阿不都·热合曼"
CALLS: list[tuple] = []


class Result:
    def __init__(self, code: int, out: bytes, err: bytes):
        self.code, self.out, self.err = code, out, err.decode("utf-8")

    @property
    def text(self) -> str:
        return self.out.decode("utf-8")

    def __repr__(self):
        return f"Result({self.code}, out={self.out[:200]!r}, err={self.err!r})"


def _caller(capsysbinary, monkeypatch, path):
    monkeypatch.delenv("JIFEN_DB", raising=False)
    monkeypatch.delenv("JIFEN_STAFF", raising=False)

    def call(*words):
        capsysbinary.readouterr()
        code = run(["--db", str(path), *map(str, words)])
        captured = capsysbinary.readouterr()
        return Result(code, captured.out, captured.err)

    call.path = path
    return call


@pytest.fixture(autouse=True)
def chinese():
    set_language("zh")
    yield
    set_language("zh")


# --- the option handling, on a stand-in builder ------------------------------------------------

def stand_in(request, today: date, say, layout: Layout) -> Notice:
    """A notice with Chinese, a minority name and long text, recording what it was given;
    a `--period` of digits is how many rows its table has."""
    CALLS.append((request, today, layout))
    rows = int(request.period) if (request.period or "").isdigit() else 3
    head = [*centred("爱心行为和立志脱贫积分公示榜", layout), *centred("麻子沟村", layout)]
    body = table([Col("户主"), Col("事迹"), Col("积分", "right", wrap=False)],
                 [[MINORITY if number % 2 else "张三", "参加村庄环境整治、义务劳动" * 2, str(number)]
                  for number in range(rows)], layout)
    return Notice(head, [*body, "", f"公示日期：{today.isoformat()}"])


@pytest.fixture
def stand_ins(monkeypatch):
    for name, kind in list(notices.KINDS.items()):
        monkeypatch.setitem(notices.KINDS, name, notices.Kind(
            name, f"{__name__}:stand_in", kind.needs, kind.narrowest))
    CALLS.clear()
    yield CALLS
    CALLS.clear()


@pytest.fixture
def jifen(tmp_path, capsysbinary, monkeypatch, stand_ins):
    call = _caller(capsysbinary, monkeypatch, tmp_path / "village.jifen")
    assert call("init", "--village", "麻子沟村", "--population", "1200",
                "--clerk", "王建国").code == 0
    return call


def _ok(result: Result) -> Result:
    assert result.code == 0, result
    assert result.err == "", result
    return result


def _refused(result: Result, containing: str = "") -> str:
    assert result.code == 2, result
    assert result.out == b"", result
    line = result.err.strip()
    assert line and containing in line, result.err
    return line


def test_every_kind_of_the_registry_has_a_command():
    assert sorted(ALL_KINDS) == sorted(notices.KINDS)


def test_a_notice_goes_to_stdout_as_utf8_dated_today(jifen):
    result = _ok(jifen("--today", TODAY, "notice", "board"))
    text = result.text
    assert "爱心行为和立志脱贫积分公示榜" in text and MINORITY in text
    assert f"公示日期：{TODAY}" in text
    assert text.endswith("\n") and "\r" not in text and "\f" not in text
    request, today, layout = CALLS[-1]
    assert today == date(2026, 11, 26)
    assert layout == Layout(width=80, box=False, wide_ambiguous=False)
    assert request == notices.Request()
    assert all(cells(line, layout) <= 80 for line in text.splitlines())


def test_the_same_arguments_print_the_same_bytes(jifen):
    first = _ok(jifen("--today", TODAY, "notice", "board", "--period", "40"))
    assert _ok(jifen("--today", TODAY, "notice", "board", "--period", "40")).out == first.out


@pytest.mark.parametrize("width", [32, 48, 80, 120, 200])
def test_each_width_in_range_lays_the_notice_out_that_wide(jifen, width):
    text = _ok(jifen("--today", TODAY, "notice", "slip", "--household", "1",
                     "--width", width)).text
    assert CALLS[-1][2].width == width
    assert max(cells(line, CALLS[-1][2]) for line in text.splitlines()) <= width


@pytest.mark.parametrize("width", [0, 23, 201, -80])
def test_a_width_out_of_range_is_refused_in_one_line(jifen, width):
    line = _refused(jifen("notice", "board", "--width", width), "24")
    assert "\n" not in line and "200" in line and str(width) in line
    assert CALLS == []


@pytest.mark.parametrize("kind, width, narrowest", [("board", 40, 48), ("slip", 24, 32)])
def test_a_width_too_narrow_for_the_kind_is_refused(jifen, kind, width, narrowest):
    line = _refused(jifen("notice", kind, "--household", "1", "--width", width)
                    if kind == "slip" else jifen("notice", kind, "--width", width), str(narrowest))
    assert "\n" not in line and str(width) in line


@pytest.mark.parametrize("width", [80, 48])
def test_gb18030_decodes_back_and_lays_ambiguous_characters_out_two_wide(jifen, width):
    result = _ok(jifen("--today", TODAY, "notice", "board", "--encoding", "gb18030",
                       "--width", width))
    layout = CALLS[-1][2]
    assert layout == Layout(width=width, wide_ambiguous=True)
    text = result.out.decode("gb18030")
    assert "麻子沟村" in text and (MINORITY in text or width < 80)
    with pytest.raises(UnicodeDecodeError):
        result.out.decode("utf-8")
    assert text.encode("gb18030") == result.out
    assert all(cells(line, layout) <= width for line in text.splitlines())
    widths = {cells(line, layout) for line in text.splitlines() if line.startswith(("+", "|"))}
    assert len(widths) == 1, widths


def test_utf8_sig_starts_with_the_bom(jifen):
    result = _ok(jifen("notice", "board", "--encoding", "utf-8-sig"))
    assert result.out.startswith(BOM) and not result.out[3:].startswith(BOM)
    assert result.out[3:].decode("utf-8") == _ok(jifen("notice", "board")).text
    assert CALLS[-1][2].wide_ambiguous is False


def test_crlf_ends_every_line_with_cr_lf(jifen):
    result = _ok(jifen("notice", "board", "--crlf"))
    plain = _ok(jifen("notice", "board")).out
    assert result.out.count(b"\r\n") == plain.count(b"\n") > 3
    assert re.search(rb"[^\r]\n", result.out) is None
    assert result.out.replace(b"\r\n", b"\n") == plain


def test_unknown_encoding_is_refused(jifen):
    _refused(jifen("notice", "board", "--encoding", "gbk"), "gbk")


def _pages(text: str) -> list[str]:
    return text.split("\f")


def test_pages_repeat_the_title_and_number_each_page(jifen):
    text = _ok(jifen("--today", TODAY, "notice", "board", "--period", "200",
                     "--page-lines", 30)).text
    pages = _pages(text)
    count = len(pages)
    assert count > 3
    for number, page in enumerate(pages, start=1):
        lines = page.splitlines()
        assert len(lines) <= 30
        assert "爱心行为和立志脱贫积分公示榜" in lines[0] and "麻子沟村" in lines[1]
        assert lines[-1].strip() == f"第 {number} 页 共 {count} 页"
    assert "\f\n" not in text            # the next page starts right after the form feed


def test_pages_default_to_sixty_lines(jifen):
    text = _ok(jifen("notice", "board", "--period", "200", "--pages")).text
    pages = _pages(text)
    assert len(pages) > 1
    assert max(len(page.splitlines()) for page in pages) == 60
    assert pages[0].splitlines()[-1].strip() == f"第 1 页 共 {len(pages)} 页"


def test_a_short_notice_in_pages_is_one_page(jifen):
    text = _ok(jifen("notice", "board", "--pages")).text
    assert "\f" not in text and text.splitlines()[-1].strip() == "第 1 页 共 1 页"


def test_page_lines_in_english_say_page_of(jifen):
    text = _ok(jifen("--lang", "en", "notice", "board", "--period", "100",
                     "--page-lines", 40)).text
    count = len(_pages(text))
    assert text.splitlines()[-1].strip() == f"Page {count} of {count}"


@pytest.mark.parametrize("lines", [0, 1, 4])
def test_pages_too_short_for_the_title_are_refused(jifen, lines):
    line = _refused(jifen("notice", "board", "--page-lines", lines), "5")
    assert "\n" not in line


def test_pages_with_crlf_and_gb18030_keep_the_form_feed(jifen):
    out = _ok(jifen("notice", "board", "--period", "100", "--page-lines", 30, "--crlf",
                    "--encoding", "gb18030")).out
    text = out.decode("gb18030")
    assert text.count("\f") == len(_pages(text)) - 1 >= 1
    assert "第 1 页 共" in text and re.search(r"[^\r]\n", text) is None


def test_box_draws_the_rules_with_box_characters(jifen):
    boxed = _ok(jifen("notice", "board", "--box")).text
    assert CALLS[-1][2].box is True
    assert "─" in boxed and "─" not in _ok(jifen("notice", "board")).text


def test_output_file_holds_exactly_what_stdout_would(jifen, tmp_path):
    target = tmp_path / "公示榜.txt"
    printed = _ok(jifen("--today", TODAY, "notice", "board", "--encoding", "gb18030",
                        "--crlf", "--pages"))
    saved = _ok(jifen("--today", TODAY, "notice", "board", "--encoding", "gb18030", "--crlf",
                      "--pages", "-o", target))
    assert target.read_bytes() == printed.out
    assert str(target) in saved.text and "gb18030" in saved.text
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


def test_output_file_is_replaced(jifen, tmp_path):
    target = tmp_path / "slip.txt"
    target.write_text("old")
    _ok(jifen("notice", "slip", "--household", "1", "--output", target))
    assert target.read_text(encoding="utf-8").startswith(" ")
    assert "old" not in target.read_text(encoding="utf-8")


def test_output_into_a_missing_folder_is_refused_before_building(jifen, tmp_path):
    target = tmp_path / "no" / "such" / "folder" / "board.txt"
    line = _refused(jifen("notice", "board", "-o", target), str(target))
    assert "\n" not in line
    assert CALLS == [] and not target.parent.exists()


@pytest.mark.parametrize("words, request_", [
    (["board", "--period", "2026-11"], notices.Request(period="2026-11")),
    (["redemptions", "--period", "2026Q4"], notices.Request(period="2026Q4")),
    (["honours", "--period", "2026"], notices.Request(period="2026")),
    (["distribution"], notices.Request()),
    (["settlement", "--period", "2026Q4"], notices.Request(period="2026Q4")),
    (["donations", "--period", "2026Q4"], notices.Request(period="2026Q4")),
    (["stock", "--period", "2026-11"], notices.Request(period="2026-11")),
    (["review"], notices.Request()),
    (["review", "--review", "4"], notices.Request(review=4)),
    (["slip", "--household", "MZG-0001"], notices.Request(household="MZG-0001")),
    (["slip", "--household", "0007", "--review", "2"],
     notices.Request(household="0007", review=2)),
    (["passbook", "--household", "0007"], notices.Request(household="0007")),
    (["collection", "--redemption", "12"], notices.Request(redemption=12)),
])
def test_each_kind_asks_for_what_its_options_name(jifen, words, request_):
    _ok(jifen("--today", TODAY, "notice", *words))
    assert CALLS[-1][0] == request_


@pytest.mark.parametrize("words", [
    ["board", "--household", "1"],          # a kind takes only its own options
    ["board", "--review", "1"],
    ["review", "--period", "2026-11"],
    ["review", "--household", "1"],
    ["slip"],                               # slips and passbooks name a household
    ["passbook", "--household", "1", "--review", "1"],   # a passbook holds every review
    ["passbook", "--period", "2026"],
    ["collection"],                         # the collection slip names a redemption
    ["collection", "--redemption", "abc"],
    ["review", "--review", "latest"],
    ["board", "--json"],                    # a notice is text, never JSON
    ["board", "--width", "wide"],
    ["board", "--page-lines", "many"],
    ["bulletin"],
    [],
])
def test_options_a_kind_does_not_take_are_refused(jifen, words):
    _refused(jifen("notice", *words))
    assert CALLS == []


def test_refusals_in_english(jifen):
    line = _refused(jifen("--lang", "en", "notice", "board", "--width", 300))
    assert "300" in line and "column" in line
    line = _refused(jifen("--lang", "en", "notice", "board", "-o", "/no/such/folder/x.txt"))
    assert "/no/such/folder/x.txt" in line


def test_without_a_village_file_it_is_refused(tmp_path, capsysbinary, monkeypatch, stand_ins):
    call = _caller(capsysbinary, monkeypatch, tmp_path / "none.jifen")
    _refused(call("notice", "board"))
    assert CALLS == []


# --- each real kind, for the demo village ------------------------------------------------------

REAL = [  # (words, the narrowest width the kind must print at)
    (["board"], 48),
    (["board", "--period", "2026-11"], 48),
    (["honours", "--period", "2026"], 48),
    (["distribution"], 48),
    (["review"], 48),
    (["review", "--review", "4"], 48),
    (["slip", "--household", "MZG-0280"], 32),
    (["passbook", "--household", "MZG-0021"], 32),
    (["redemptions", "--period", "2026-11"], 48),
    (["collection", "--redemption", "35"], 32),
    (["collection", "--redemption", "37"], 32),
    (["settlement", "--period", "2026Q4"], 48),
    (["donations", "--period", "2026Q4"], 48),
    (["stock", "--period", "2026-11"], 48),
]


@pytest.fixture
def demo(demo_path, capsysbinary, monkeypatch):
    return _caller(capsysbinary, monkeypatch, demo_path)


def _written(kind: str) -> bool:
    """Whether the kind's builder has been written yet."""
    module, function = notices.KINDS[kind].builder.split(":")
    try:
        return hasattr(import_module(module), function)
    except ModuleNotFoundError:
        return False


def _widths(narrowest: int) -> list[int]:
    return [80, 48] + ([32] if narrowest <= 32 else [])


@pytest.mark.parametrize("words, narrowest", REAL, ids=lambda value: "-".join(
    map(str, value)) if isinstance(value, list) else str(value))
def test_each_kind_prints_for_the_demo_village_at_each_width(demo, words, narrowest):
    if not _written(words[0]):
        pytest.skip(f"the {words[0]} notice is not written yet")
    for width in _widths(narrowest):
        text = _ok(demo("--today", TODAY, "notice", *words, "--width", width)).text
        lines = text.splitlines()
        assert len(lines) > 3 and "麻子沟村" in text, text
        layout = Layout(width=width)
        assert max(cells(line, layout) for line in lines) <= width, text
        for line in lines:           # no ID or phone number on any notice
            assert not re.search(r"\d{11}|\d{17}[\dXx]", line), line
    if narrowest > 32:
        _refused(demo("notice", *words, "--width", 32), "48")


@pytest.mark.parametrize("words, narrowest", REAL[::2], ids=lambda value: "-".join(
    map(str, value)) if isinstance(value, list) else str(value))
def test_each_kind_in_gb18030_pages_decodes_back(demo, words, narrowest):
    if not _written(words[0]):
        pytest.skip(f"the {words[0]} notice is not written yet")
    width = min(_widths(narrowest))
    out = _ok(demo("--today", TODAY, "notice", *words, "--width", width, "--encoding",
                   "gb18030", "--crlf", "--page-lines", 20)).out
    text = out.decode("gb18030")
    assert text.encode("gb18030") == out and "麻子沟村" in text
    layout = Layout(width=width, wide_ambiguous=True)
    pages = text.split("\f")
    for number, page in enumerate(pages, start=1):
        lines = page.split("\r\n")[:-1]
        assert len(lines) <= 20 and max(cells(line, layout) for line in lines) <= width
        assert lines[-1].strip() == f"第 {number} 页 共 {len(pages)} 页"


@pytest.mark.parametrize("words, containing", [
    (["board", "--period", "bogus"], "2026Q4"),
    (["honours", "--period", "2026-11"], "2026-11"),
    (["settlement", "--period", "2026-11"], "2026Q4"),
    (["passbook", "--household", "NOPE"], "NOPE"),
    (["slip", "--household", "NOPE"], "NOPE"),
    (["collection", "--redemption", "999"], "999"),
    (["review", "--review", "999"], "999"),
])
def test_what_the_demo_village_does_not_hold_is_refused_in_one_line(demo, words, containing):
    if not _written(words[0]):
        pytest.skip(f"the {words[0]} notice is not written yet")
    line = _refused(demo("--today", TODAY, "notice", *words), containing)
    assert "\n" not in line and line.startswith("jifen: ")


def test_the_demo_board_saved_in_gb18030_reads_back_as_printed(demo, tmp_path):
    target = tmp_path / "公示榜.txt"
    printed = _ok(demo("--today", TODAY, "notice", "board", "--encoding", "gb18030"))
    _ok(demo("--today", TODAY, "notice", "board", "--encoding", "gb18030", "-o", target))
    assert target.read_bytes() == printed.out
    utf8 = _ok(demo("--today", TODAY, "notice", "board")).text
    if not any(unicodedata.east_asian_width(char) == "A" for char in utf8):
        assert printed.out.decode("gb18030") == utf8   # laid out alike without "·" or “”
