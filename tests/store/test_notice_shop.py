"""The supermarket's notices (store/notice_shop.py, laid out by store/shop_sheets.py).

Golden files under tests/store/golden/shop_*.txt hold each notice as printed at
80 and 48 columns (the collection slip at 32 too) for one small village whose
every figure is worked out below; `JIFEN_GOLDEN_UPDATE=1 pytest
tests/store/test_notice_shop.py` rewrites them (read every one after that).
"""

import os
import re
from dataclasses import replace
from datetime import date, datetime

import pytest

from store import goods, ledger, redemption, settlement, stock
from store.notices import Notice, Request, build, printed
from store.print_layout import Layout, as_bytes
from store.roster import HouseholdFields, add_household
from tests.store.notice_checks import GOLDEN, assert_lines_up, match_golden, table_runs
from tests.store.points_helpers import adopt, on
from tests.store.shop_helpers import SUPERVISOR
from store.staff import add_staff
from tui.i18n import set_language, t

# The chain head at every notice's foot hashes record ids and times.
pytestmark = pytest.mark.usefixtures("reproducible")

TODAY = date(2026, 11, 26)
LONG = "不锈钢保温暖水瓶（大号，三点二升装）"
MINORITY = "阿不都·热合曼"
PROXY = "古丽娜尔·买买提"


def _clock(day: date):
    return lambda: datetime.combine(day, datetime.min.time()).replace(hour=2)


def _on(actor, day: date):
    """The clerk on `day`, with a clock that stays on it (notices print no time)."""
    return replace(on(actor, day), clock=_clock(day))


@pytest.fixture
def village(actor):
    """Mazigou's policy (2 yuan a point, prices free, redeem any time) in 麻子沟村:

    - households 001 张明 (1组), 002 刘满仓 (2组), 003 欧阳保平 (1组), 004 阿不都·热合曼 (3组);
    - goods 1 大米 20/袋, 2 食用油 10/桶, 3 the long-named flask 30/个, 4 旧棉衣 3/件 (donated);
    - 09-01: 10 rice, 10 oil, 3 flasks bought; 09-20: 003 takes rice x1 (the 2026-09 one);
    - 10-05: 5 rice bought, 5 coats given; 10-15: 001 takes rice x1;
    - 11-03: 001 takes rice, a flask and 2 coats, collected by 李帮扶 (56 points);
    - 11-10: 002 takes 2 oil, undone on 11-11; 11-12: 003 takes an oil (10);
    - 11-20: 004 takes a flask and 2 rice (70), collected by 古丽娜尔·买买提;
    - 11-24: a rice written off; 11-25: oil counted 8 where 9 were expected;
    - 11-26: 002 orders an oil (not collected: on no disclosure);
    - Q3 settled on 11-26 by the clerk.
    """
    adopt(actor, "mazigou", "mazigou")
    add_staff(actor, SUPERVISOR, "supervisor", os_user=str(os.geteuid()))
    for card, head, group in (("001", "张明", "1组"), ("002", "刘满仓", "2组"),
                              ("003", "欧阳保平", "1组"), ("004", MINORITY, "3组")):
        add_household(actor, HouseholdFields(card_no=card, head=head, group=group))
    sept = _on(actor, date(2026, 9, 1))
    for card, points in (("001", 100), ("002", 50), ("003", 40), ("004", 80)):
        ledger.adjust(sept, card, points, "测试用积分", SUPERVISOR)
    rice = goods.add_goods(sept, "大米", 20, unit="袋", low_stock=2).id
    oil = goods.add_goods(sept, "食用油", 10, unit="桶").id
    flask = goods.add_goods(sept, LONG, 30, unit="个").id
    coat = goods.add_goods(sept, "旧棉衣", 3, area="donation", unit="件").id
    stock.receive_purchase(sept, rice, 10, "城关镇供销社", "300")
    stock.receive_purchase(sept, oil, 10, "城关镇供销社", "85.50")
    stock.receive_purchase(sept, flask, 3, "潼关县百货公司", "90")
    redemption.redeem(_on(actor, date(2026, 9, 20)), "003", [(rice, 1)])
    october = _on(actor, date(2026, 10, 5))
    stock.receive_purchase(october, rice, 5, "城关镇供销社", "150")
    stock.receive_donation(october, coat, 5, "爱心企业", "张三")
    redemption.redeem(_on(actor, date(2026, 10, 15)), "001", [(rice, 1)])
    redemption.redeem(_on(actor, date(2026, 11, 3)), "001", [(rice, 1), (flask, 1), (coat, 2)],
                      proxy="李帮扶")
    wrong = redemption.redeem(_on(actor, date(2026, 11, 10)), "002", [(oil, 2)])
    redemption.undo(_on(actor, date(2026, 11, 11)), wrong.id, "录错了")
    redemption.redeem(_on(actor, date(2026, 11, 12)), "003", [(oil, 1)])
    redemption.redeem(_on(actor, date(2026, 11, 20)), "004", [(flask, 1), (rice, 2)],
                      proxy=PROXY)
    stock.write_off(_on(actor, date(2026, 11, 24)), rice, 1, "受潮", SUPERVISOR)
    stock.stocktake(_on(actor, date(2026, 11, 25)), oil, 8)
    redemption.redeem(_on(actor, TODAY), "002", [(oil, 1)], order=True)
    settlement.make_final(_on(actor, TODAY), "2026Q3")
    return actor


def _notice(kind: str, width: int, **request) -> Notice:
    return build(kind, Request(**request), TODAY, t, Layout(width=width))


def _text(notice: Notice, layout: Layout = Layout()) -> str:
    return "\n".join(printed(notice, t, layout)) + "\n"


def _golden(name: str, text: str) -> None:
    match_golden(f"shop_{name}", text)


GOLDENS = [  # name, kind, request, widths
    ("redemptions", "redemptions", {"period": "2026-11"}, (80, 48)),
    ("redemptions_one", "redemptions", {"period": "2026-09"}, (80, 48)),
    ("redemptions_none", "redemptions", {"period": "2026-08"}, (80, 48)),
    ("collection", "collection", {"redemption": 3}, (80, 48, 32)),
    ("collection_minority", "collection", {"redemption": 6}, (80, 48, 32)),
    ("collection_order", "collection", {"redemption": 7}, (32,)),
    ("settlement", "settlement", {"period": "2026Q4"}, (80, 48)),
    ("settlement_final", "settlement", {"period": "2026Q3"}, (80,)),
    ("donations", "donations", {"period": "2026Q4"}, (80, 48)),
    ("donations_none", "donations", {"period": "2026Q3"}, (48,)),
    ("stock", "stock", {"period": "2026Q4"}, (80, 48)),
]
CASES = [(name, kind, request, width) for name, kind, request, widths in GOLDENS
         for width in widths]


@pytest.mark.parametrize(("name", "kind", "request_", "width"), CASES,
                         ids=[f"{case[0]}-{case[3]}" for case in CASES])
def test_each_notice_prints_as_its_golden_file(village, name, kind, request_, width):
    text = _text(_notice(kind, width, **request_), Layout(width=width))
    assert_lines_up(text.splitlines(), Layout(width=width))
    _golden(f"{name}_{width}", text)


STYLES = {"gb18030-48": Layout(48, wide_ambiguous=True), "box-80": Layout(80, box=True),
          "gb18030-32": Layout(32, wide_ambiguous=True)}
STYLE_CASES = [(kind, request, style) for name, kind, request, _ in GOLDENS for style in STYLES
               if kind == "collection" or STYLES[style].width >= 48]


@pytest.mark.parametrize(("kind", "request_", "style"), STYLE_CASES,
                         ids=[f"{kind}-{style}-{index}"
                              for index, (kind, _, style) in enumerate(STYLE_CASES)])
def test_tables_keep_their_width_in_every_style_and_gb18030_keeps_the_text(
        village, kind, request_, style):
    """Box rules, and "·" and "×" two cells wide as a GB18030 printer prints them."""
    layout = STYLES[style]
    lines = printed(build(kind, Request(**request_), TODAY, t, layout), t, layout, 20)
    assert_lines_up([line for line in lines if line != "\f"], layout)
    text = as_bytes(lines, "gb18030", crlf=True).decode("gb18030")
    assert text == "".join(line if line == "\f" else line.rstrip() + "\r\n" for line in lines)


def test_the_disclosure_lists_what_was_handed_over_and_nothing_else(village):
    text = _text(_notice("redemptions", 80, period="2026-11"))
    assert "麻子沟村爱心超市2026年11月积分兑换公示" in text
    assert "合计：3 户，3 笔，136 分；其中代领 2 笔。" in text    # 56 + 10 + 70
    assert "商品区 130 分，捐赠区 6 分。" in text
    assert "刘满仓" not in text                  # undone on 11-11; the 11-26 order not collected
    assert "2026-10-15" not in text              # October's
    assert "| 阿不都·" in text and "| 热合曼" in text            # the names break at their dot
    assert "| 古丽娜尔·" in text and "| 买买提" in text and "李帮扶" in text
    assert not re.search(r"\b00[1-4]\b", text)   # no card numbers on a public notice
    assert "监督员：李监督" in text and "管理员：王建国" in text
    assert "公示日期：2026-11-26" in text


def test_a_long_goods_name_wraps_inside_its_column(village):
    for width in (48, 32):
        lines = _text(_notice("collection", width, redemption=3)).splitlines()
        rows = [line for line in table_runs(lines)[0] if line.startswith("|")]
        assert not any(LONG in row for row in rows)              # not on one line: wrapped
        joined = "".join(row.split("|")[1].strip() for row in rows)
        assert LONG in joined                                     # and every character kept


def test_the_slip_drops_the_unit_price_only_at_32(village):
    assert "单价" in _text(_notice("collection", 48, redemption=3))
    slip = _text(_notice("collection", 32, redemption=3))
    assert "单价" not in slip and "合计：56 分" in slip


def test_a_slip_printed_again_gives_the_balance_just_after_its_basket(village):
    # 001 had 100, took 20 in October and 56 on 11-03: 24 left then, and still
    assert "兑换后可兑换积分：24 分" in _text(_notice("collection", 48, redemption=3))
    # 003: 40 - 20 (September) = 20 after the first; the oil of 11-12 leaves 10
    assert "兑换后可兑换积分：20 分" in _text(_notice("collection", 48, redemption=1))
    assert "兑换后可兑换积分：10 分" in _text(_notice("collection", 48, redemption=5))


def test_the_stock_report_keeps_every_figure_at_80_and_at_48(village):
    expected = {"大米": [9, 5, 0, 4, 1, 0, 9], "食用油": [10, 0, 0, 1, 0, -1, 8],
                LONG: [3, 0, 0, 2, 0, 0, 1], "旧棉衣（捐）": [0, 0, 5, 2, 0, 0, 3]}
    wide = _cells_by_name(_text(_notice("stock", 80, period="2026Q4")))
    assert {name: numbers for name, (_, *numbers) in wide.items()} == expected
    for opening, bought, given, out, lost, counted, closing in expected.values():
        assert opening + bought + given - out - lost + counted == closing
    narrow = _text(_notice("stock", 48, period="2026Q4"))
    in_table, out_table = [_cells_by_name("\n".join(run)) for run in table_runs(narrow.splitlines())]
    for name, numbers in expected.items():
        assert in_table[name][1:] + out_table[name] == numbers


def _cells_by_name(text: str) -> dict[str, list]:
    """Each table row's goods name (its wrapped lines joined) and its figures."""
    found, name = {}, None
    for line in text.splitlines():
        if not line.startswith("|"):
            continue
        parts = [part.strip() for part in line.strip("|").split("|")]
        figures = [int(part) for part in parts[1:] if re.fullmatch(r"[+-]?\d+", part)]
        if figures:
            name = parts[0]
            found[name] = [part for part in parts[1:] if not re.fullmatch(r"[+-]?\d+", part)] \
                + figures
        elif name is not None and parts[0] and not any(parts[1:]):
            found[name + parts[0]] = found.pop(name)
            name += parts[0]
    return found


def test_the_settlement_sheet_is_in_yuan_and_the_donation_sheet_has_none(village):
    sheet = _text(_notice("settlement", 80, period="2026Q4"))
    assert "按每分 2 元结算" in sheet and "结算金额：300.00 元" in sheet   # 150 points
    assert "供货方：城关镇供销社、潼关县百货公司" in sheet and "旧棉衣" not in sheet
    donations = _text(_notice("donations", 80, period="2026Q4"))
    assert "元" not in donations and "金额" not in donations
    final = _text(_notice("settlement", 80, period="2026Q3"))
    assert "已定稿：王建国，2026-11-26" in final and "结算金额：40.00 元" in final


def test_the_donation_notice_thanks_the_donors_and_says_what_was_taken(village):
    for width in (80, 48):
        text = _text(_notice("donations", width, period="2026Q4"))
        rows = ["".join(line.replace("|", " ").split()) for line in text.splitlines()
                if line.startswith("|")]
        assert any(row.startswith("2026-10-05爱心企业旧棉衣5件") or
                   row.startswith("10-05爱心企业旧棉衣5件") for row in rows), text
        assert any("张三" in row for row in rows)
        assert "合计：1 笔，5 件。" in text                     # given
        assert "合计：2 件，6 分，1 户。" in text                # taken, from 001's basket
    assert "本期没有收到捐赠。" in _text(_notice("donations", 48, period="2026-11"))
    assert "本期捐赠区没有兑换。" in _text(_notice("donations", 48, period="2026-10"))


def test_default_periods_are_what_the_clerk_means_today(village):
    assert "2026年11月积分兑换公示" in _text(_notice("redemptions", 80))      # the month
    assert "2026年第三季度兑换结算单" in _text(_notice("settlement", 80))      # the last quarter
    assert "2026年第三季度捐赠物品公示" in _text(_notice("donations", 80))
    assert "2026年第四季度库存报表" in _text(_notice("stock", 80))            # this quarter
    assert "（本期未满，统计至 2026-11-26）" in _text(_notice("stock", 80))
    assert "2026年第四季度积分兑换公示" in _text(_notice("redemptions", 80, period="2026Q4"))
    assert "2026年积分兑换公示" in _text(_notice("redemptions", 80, period="2026"))


def test_a_disclosure_of_several_hundred_households(actor):
    adopt(actor, "mazigou", "mazigou")
    rice = goods.add_goods(actor, "大米", 5, unit="袋").id
    flask = goods.add_goods(actor, LONG, 7, unit="个").id
    stock.receive_purchase(actor, rice, 400, "城关镇供销社", "1000")
    stock.receive_purchase(actor, flask, 400, "城关镇供销社", "1000")
    add_staff(actor, SUPERVISOR, "supervisor", os_user=str(os.geteuid()))
    heads = ["张明", "刘满仓", "欧阳保平", MINORITY]
    count = 300
    for number in range(count):
        card = f"{number:04d}"
        add_household(actor, HouseholdFields(card_no=card, head=heads[number % 4],
                                             group=f"{number % 9 + 1}组"))
        ledger.adjust(actor, card, 20, "测试用积分", SUPERVISOR)
        redemption.redeem(_on(actor, date(2026, 11, number % 26 + 1)), card,
                          [(rice, 1), (flask, 1)] if number % 3 else [(rice, 2)],
                          proxy="李帮扶" if number % 10 == 0 else "")
    for width in (80, 48):
        layout = Layout(width=width)
        lines = printed(build("redemptions", Request(period="2026-11"), TODAY, t, layout),
                        t, layout)
        assert_lines_up(lines, layout)
        rows = [line for line in lines if line.startswith("|")]
        dated = [row for row in rows if re.match(r"\| (2026-)?11-\d\d", row)]
        assert len(dated) == count                              # one row per basket
        # 80: the flask wraps in two lines (three with the rice), 阿不都·热合曼 in two;
        # 48: the flask in three, the head over its group, a proxy under the goods
        assert len(rows) == {80: 726, 48: 1046}[width]           # the head's row too
        assert f"合计：{count} 户，{count} 笔" in "\n".join(lines)
        paged = printed(build("redemptions", Request(period="2026-11"), TODAY, t, layout),
                        t, layout, 60)
        pages = "\n".join(paged).split("\f")
        assert len(pages) > 5 and all(len(page.strip("\n").splitlines()) <= 60
                                      for page in pages)
        assert all("麻子沟村爱心超市2026年11月积分兑换公示" in page for page in pages)


def test_the_notices_speak_english_on_request(village):
    set_language("en")
    try:
        text = _text(_notice("redemptions", 80, period="2026-11"))
        slip = _text(_notice("collection", 48, redemption=3))
    finally:
        set_language("zh")
    assert "redemptions, 2026-11" in text and "collected on a household's behalf" in text
    assert "collection slip" in slip and "never cash" in slip


def test_every_golden_file_lines_up_within_its_width():
    """Read back from the files: what a clerk would print."""
    files = sorted(GOLDEN.glob("shop_*.txt"))
    assert len(files) == len(CASES)
    for path in files:
        layout = Layout(width=int(path.stem.rsplit("_", 1)[1]))
        lines = path.read_text(encoding="utf-8").splitlines()
        assert_lines_up(lines, layout)
        assert table_runs(lines) or "没有" in path.read_text(encoding="utf-8"), path.name
        assert as_bytes(lines, "gb18030").decode("gb18030") == "".join(
            line.rstrip() + "\n" for line in lines)
