"""The supermarket's papers as text: what they say, and that every line fits and lines up."""

import os
from datetime import date

import pytest

from store import goods, ledger, redemption, settlement, stock
from store.actor import resolve_actor
from store.print_layout import Layout
from store.roster import HouseholdFields, add_household
from store.shop_sheets import (PAPER, RECEIPT, SCREEN, collection_slip, day_sheet_text,
                               fund_text, settlement_text, stock_report_text)
from store.staff import add_staff
from tests.store.points_helpers import adopt, households, on
from tests.store.notice_checks import assert_lines_up, table_runs
from tui.i18n import set_language, t

NOV = date(2026, 11, 26)
LONG_NAME = "不锈钢保温暖水瓶（大号，三点二升装）"


@pytest.fixture
def shop(actor):
    """Under Tongguan (1 yuan a point): rice, oil, a long-named flask, donated coats; 001 has
    redeemed twice (once by proxy, once undone) and 002 has an order waiting."""
    adopt(actor, "mazigou", "tongguan")
    households(actor, 2)
    add_household(actor, HouseholdFields(card_no="0999", head="阿不都·热合曼", group="2"))
    add_staff(actor, "李监督", "supervisor", os_user=str(os.geteuid()))
    for card in ("001", "002"):
        ledger.adjust(actor, card, 100, "测试", "李监督")
    rice = goods.add_goods(actor, "大米", 20, unit="袋", low_stock=5)
    oil = goods.add_goods(actor, "食用油", 10, unit="桶")
    flask = goods.add_goods(actor, LONG_NAME, 30, unit="个")
    coat = goods.add_goods(actor, "旧棉衣", 3, area="donation", unit="件")
    stock.receive_purchase(actor, rice.id, 6, "城关镇供销社", "90")
    stock.receive_purchase(actor, oil.id, 10, "城关镇供销社", "85.50")
    stock.receive_purchase(actor, flask.id, 2, "城关镇供销社", "50")
    stock.receive_donation(actor, coat.id, 5, "爱心企业", "张三")
    kept = redemption.redeem(actor, "001", [(rice.id, 1), (flask.id, 1), (coat.id, 2)],
                             proxy="李帮扶")
    wrong = redemption.redeem(actor, "001", [(oil.id, 2)])
    redemption.undo(actor, wrong.id, "录错了")
    redemption.redeem(actor, "002", [(oil.id, 1)], order=True)
    return actor, kept, (rice, oil, flask, coat)


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("zh")


def _fits(text: str, layout: Layout) -> None:
    """No line wider than the layout; each table's lines all as wide as its rules."""
    lines = text.splitlines()
    assert_lines_up(lines, layout)
    assert table_runs(lines), text


def _fits_lines(text: str, layout: Layout) -> None:
    assert_lines_up(text.splitlines(), layout)


def test_the_collection_slip_names_the_basket_the_proxy_and_the_balance(shop):
    actor, kept, _ = shop
    for layout in (PAPER, RECEIPT, Layout(width=32)):
        text = collection_slip("麻子沟村", kept, 44, t, NOV, layout)
        _fits(text, layout)
        assert "麻子沟村爱心超市物品领取告知单" in text
        assert "兑换单号：1" in text and "户主：村民1" in text and "积分卡号：001" in text
        assert "旧棉衣（捐）" in text            # a donated item says so
        assert "合计：56 分" in text and "兑换后可兑换积分：44 分" in text
        assert "代领人：李帮扶" in text and "不兑换现金" in text
        assert "~" not in text                  # a long name wraps inside its column
        wrapped = "".join(line.split("|")[1].strip() for line in table_runs(text.splitlines())[0]
                          if line.startswith("|"))
        assert LONG_NAME in wrapped
    assert "单价" in collection_slip("麻子沟村", kept, 44, t, NOV, RECEIPT)
    assert "单价" not in collection_slip("麻子沟村", kept, 44, t, NOV, Layout(width=32))


def test_an_order_slip_says_when_to_collect(shop):
    order = redemption.list_redemptions(status="ordered")[0]
    text = collection_slip("麻子沟村", order, 90, t, NOV)
    assert f"请于 {order.collect_by}" in text


def test_the_day_sheet_counts_what_was_handed_over_and_shows_the_sign_off(shop):
    actor, _, _ = shop
    for layout in (PAPER, SCREEN, RECEIPT):
        text = day_sheet_text("麻子沟村", redemption.day_sheet(NOV), t, layout)
        _fits(text, layout)
        assert "合计：1 户，1 笔，56 分" in text       # the undone basket does not count
        assert "已撤销" in text and "未签核" in text
    supervisor = resolve_actor("李监督", today=NOV)
    signed = day_sheet_text("麻子沟村", redemption.sign_off_day(supervisor, NOV), t)
    assert "监督员签核：李监督（1 笔，56 分）" in signed
    assert "有变动" not in signed


def test_a_change_after_the_sign_off_is_flagged(shop):
    actor, _, (rice, *_) = shop
    redemption.sign_off_day(resolve_actor("李监督", today=NOV), NOV)
    redemption.redeem(actor, "002", [(rice.id, 1)])
    assert "有变动" in day_sheet_text("麻子沟村", redemption.day_sheet(NOV), t)


def test_the_settlement_sheet_prices_goods_area_points_in_yuan(shop):
    actor, _, _ = shop
    for layout in (SCREEN, RECEIPT):
        _fits(settlement_text("麻子沟村", settlement.settlement_sheet("2026Q4"), t, NOV, layout),
              layout)
    text = settlement_text("麻子沟村", settlement.settlement_sheet("2026Q4"), t, NOV)
    _fits(text, PAPER)
    assert "麻子沟村爱心超市2026年第四季度兑换结算单" in text
    assert "按每分 1 元结算" in text
    assert "合计：2 件，50 分；1 户，1 张领取单" in text
    assert "结算金额：50.00 元" in text and "草稿" in text and "供货方" in text
    assert "旧棉衣" not in text and "食用油" not in text   # donated; undone


def test_the_donation_sheet_has_no_money_and_a_final_sheet_says_who(shop):
    actor, _, _ = shop
    donation = settlement_text("麻子沟村", settlement.settlement_sheet("2026Q4", "donation"), t, NOV)
    assert "捐赠区兑换登记" in donation and "旧棉衣" in donation
    assert "结算金额" not in donation and "供货方" not in donation
    final = settlement.make_final(on(actor, date(2027, 1, 2)), "2026Q4")
    assert "已定稿：王建国，2027-01-02" in settlement_text("麻子沟村", final, t, NOV)


def test_the_stock_report_adds_up(shop):
    actor, _, _ = shop
    lines = stock.stock_report("2026Q4")
    for layout in (SCREEN, RECEIPT):
        _fits(stock_report_text("麻子沟村", "2026Q4", lines, t, NOV, layout), layout)
    text = stock_report_text("麻子沟村", "2026Q4", lines, t, NOV)
    _fits(text, PAPER)
    cells = [[part.strip() for part in line.strip("|").split("|")]
             for line in text.splitlines() if line.startswith("|")]
    rows = {row[0].removesuffix("（捐）"): [int(n) for n in row[2:]]
            for row in cells if row[0].startswith(("大米", "食用油", "旧棉衣"))}
    for opening, bought, given, out, lost, counted, closing in rows.values():
        assert opening + bought + given - out - lost + counted == closing
    assert rows["大米"] == [0, 6, 0, 1, 0, 0, 5]
    assert rows["食用油"] == [0, 10, 0, 0, 0, 0, 10]     # taken and given back


def test_the_fund_picture_weighs_points_against_the_shelf(shop):
    actor, _, (rice, *_) = shop
    text = fund_text("麻子沟村", settlement.fund(), t, NOV)
    assert "全村未兑换积分 134 分" in text and "134.00 元" in text
    for layout in (SCREEN, RECEIPT):
        _fits_lines(fund_text("麻子沟村", settlement.fund(), t, NOV, layout), layout)
    assert "大米：可用 5袋（提醒线 5）" in text
    stock.write_off(actor, rice.id, 5, "受潮", "李监督")
    ledger.adjust(actor, "0999", 500, "测试", "李监督")
    assert "库存不足" in fund_text("麻子沟村", settlement.fund(), t, NOV)


def test_the_papers_speak_english_on_request(shop, english):
    actor, kept, _ = shop
    slip = collection_slip("Dongcun", kept, 44, t, NOV)
    assert "collection slip" in slip and "never cash" in slip
    report = stock_report_text("Dongcun", "2026Q4", stock.stock_report("2026Q4"), t, NOV)
    assert "Bought" in report and "(donated)" in report
