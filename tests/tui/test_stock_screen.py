"""The stock screen through Pilot: goods, purchases, donations, write-offs, counts, papers.

The test village under the Tongguan policy (zones 2, 5, 10, 20, 30, 50), with a
supervisor to witness, three goods-area items (rice running low) and two in the
donation area; 0101 and 0102 redeemed some of them in August (2026Q3).
"""

import os
import re
from datetime import date

import pytest
from rich.cells import cell_len

from store import db, staff, village
from store.actor import resolve_actor
from store.goods import add_goods, goods_info, list_goods
from store.ledger import adjust
from store.models import StockMovement
from store.redemption import redeem
from store.roster import insert_household
from store.stock import movements, receive_donation, receive_purchase, stocktake, write_off
from tests.conftest import TODAY
from tests.store.points_helpers import adopt, on
from tests.tui.conftest import english_words, screen_text, settle, status_line, table_lines
from tui.app import make_app
from tui.dialogs.ask import Confirm
from tui.dialogs.goods_form import GoodsForm
from tui.dialogs.stock_form import StockForm
from tui.dialogs.stock_moves import StockMovements
from tui.dialogs.text_preview import TextPreview
from tui.i18n import set_language
from tui.keys import described_bindings
from tui.screens.settlement import SettlementScreen
from tui.screens.stock import StockScreen

IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")
AUGUST = date(2026, 8, 3)


def actor():
    return resolve_actor(today=TODAY)


def shop() -> dict[str, int]:
    """The goods of the test shop by name, with stock and August's redemptions."""
    clerk = actor()
    adopt(clerk, "mazigou", "tongguan")
    staff.add_staff(clerk, "李监督", "supervisor", os_user=str(os.geteuid()))
    ids = {name: add_goods(clerk, name, price, area=area, unit=unit, low_stock=low).id
           for name, price, area, unit, low in (
               ("大米", 20, "goods", "袋", 3), ("食用油", 10, "goods", "桶", 0),
               ("洗衣粉", 5, "goods", "袋", 0), ("冬衣", 5, "donation", "件", 1),
               ("儿童图书", 2, "donation", "本", 0))}
    july = on(clerk, date(2026, 7, 1))
    receive_purchase(july, ids["大米"], 5, "县供销社", "300")
    receive_purchase(july, ids["食用油"], 10, "县供销社", "450.50")
    receive_donation(july, ids["冬衣"], 4, "爱心企业", "张三")
    for card in ("0101", "0102"):
        adjust(july, card, 100, "开办积分", "李监督")
    redeem(on(clerk, AUGUST), "0101", [(ids["大米"], 2), (ids["冬衣"], 1)])
    redeem(on(clerk, AUGUST), "0102", [(ids["食用油"], 3)])
    return ids


@pytest.fixture
def stock_app(app_on):
    """The app on the test shop; `goods` holds the items' ids by name."""

    def make(language: str = "zh"):
        app = app_on(language)  # opens the village
        app.goods = shop()
        return app

    return make


async def open_stock(pilot) -> StockScreen:
    await settle(pilot)
    await pilot.press("f9")
    await settle(pilot)
    assert isinstance(pilot.app.screen, StockScreen)
    return pilot.app.screen


async def to_item(pilot, goods_id: int) -> None:
    screen = pilot.app.screen
    screen.query_one("#stock-goods").cursor = [item.id for item in screen.goods].index(goods_id)
    await settle(pilot)


async def type_into(pilot, *values: str) -> None:
    """Fill the form's fields in order, Enter after each (the last one saves)."""
    for value in values:
        if value:
            await pilot.press(*value)
        await pilot.press("enter")
    await settle(pilot)


def detail(app) -> str:
    return str(app.screen.query_one("#detail").render())


def form_error(app) -> str:
    return str(app.screen.query_one("#form-error").render())


def notices(app) -> str:
    return "\n".join(str(notice.message) for notice in app._notifications)


def moves_of(goods_id: int):
    return movements(StockMovement.goods == goods_id)


# --- the list ---------------------------------------------------------------------------

async def test_goods_area_first_with_stock_and_the_running_low_marked(stock_app):
    async with stock_app().run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        rows = [line.split() for line in table_lines(pilot.app)]
        assert [row[1] for row in rows] == ["洗衣粉", "食用油", "大米", "儿童图书", "冬衣"]
        rice = rows[2]
        assert rice == [str(pilot.app.goods["大米"]), "大米", "袋", "商品区", "20", "3", "0",
                        "3", "偏低"]
        assert rows[1][5:8] == ["7", "0", "7"] and len(rows[1]) == 8  # not low: no mark
        assert rows[4][3:] == ["捐赠区", "5", "3", "0", "3"]
        # Out of stock is running low too, whatever the level.
        assert [row[1] for row in rows if row[-1] == "偏低"] == ["洗衣粉", "大米", "儿童图书"]
        assert "物品 5 种，3 种偏低" in status_line(pilot.app)
        assert "洗衣粉 · 商品区 · 5 分/袋 · 库存 0，预留 0，可用 0 · 库存偏低" in detail(pilot.app)
        await pilot.press("down")
        assert detail(pilot.app).endswith("可用 7")
        await pilot.press("down")
        assert "库存提醒线 3 · 库存偏低，请补货" in detail(pilot.app)


async def test_held_goods_are_not_free(stock_app):
    app = stock_app()
    rice = app.goods["大米"]
    redeem(actor(), "0102", [(rice, 1)], order=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        row = table_lines(pilot.app)[2].split()
        assert row[5:8] == ["3", "1", "2"]


async def test_it_fits_80x24_and_chinese_stays_in_line(stock_app):
    app = stock_app()
    add_goods(actor(), "阿克苏冰糖心苹果（特级，五公斤装礼盒）", 30, unit="箱")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        lines = screen_text(pilot.app).splitlines()
        assert len(lines) == 24 and all(cell_len(line) <= 80 for line in lines)
        rows = table_lines(pilot.app)
        assert all(cell_len(row) <= 78 for row in rows)
        # The price column ends in the same cell on every row, Chinese names or not.
        ends = {cell_len(row[:row.index(" 商品区" if "商品区" in row else " 捐赠区")])
                for row in rows}
        assert len(ends) == 1
        assert any("~" in row for row in rows)  # the long name is cut to its column


async def test_an_empty_shop_says_how_to_begin(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        assert table_lines(pilot.app) == []
        assert "按 a 新增" in detail(pilot.app)
        for key in ("p", "d", "w", "c", "m", "x"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(pilot.app.screen, StockScreen)
        assert notices(pilot.app).count("还没有物品，先按 a 新增。") == 6


# --- adding and retiring goods --------------------------------------------------------------

async def test_add_a_goods_item_and_the_cursor_goes_to_it(stock_app):
    async with stock_app().run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(pilot.app.screen, GoodsForm)
        assert "积分：2、5、10、20、30、50 之一（捐赠区不限）" in screen_text(pilot.app)
        await pilot.press(*"肥皂", "enter", *"块", "enter", *"5", "enter", "enter", *"4",
                          "enter")
        await settle(pilot)
        [soap] = [item for item in list_goods() if item.name == "肥皂"]
        assert (soap.unit, soap.price, soap.area, soap.low_stock) == ("块", 5, "goods", 4)
        assert isinstance(pilot.app.screen, StockScreen)
        assert pilot.app.screen.current.id == soap.id
        assert "已新增物品" in notices(pilot.app) and "肥皂" in notices(pilot.app)
        assert "偏低" in table_lines(pilot.app)[1]  # none on the shelf, warned at 4


async def test_a_price_outside_the_zones_is_refused_and_the_form_stays(stock_app):
    async with stock_app().run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await pilot.press("a")
        await settle(pilot)
        await type_into(pilot, "肥皂", "块", "7", "", "")
        assert form_error(pilot.app) == ("商品区物品的价格须为本村分区之一："
                                         "2、5、10、20、30、50 分；7 分不在其中。")
        assert isinstance(pilot.app.screen, GoodsForm)
        assert "肥皂" not in {item.name for item in list_goods()}
        pilot.app.screen.query_one("#goods-price").value = "三"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "价格“三”不对" in form_error(pilot.app)
        pilot.app.screen.query_one("#goods-price").value = "５"  # full-width digits too
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StockScreen)
        assert goods_info(pilot.app.screen.current.id).price == 5


async def test_a_donation_area_item_is_priced_freely(stock_app):
    async with stock_app().run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"棉被", "enter", *"床", "enter", *"7", "enter", "space", "enter",
                          "enter")
        await settle(pilot)
        item = goods_info(pilot.app.screen.current.id)
        assert (item.name, item.price, item.area, item.low_stock) == ("棉被", 7, "donation", 0)
        assert pilot.app.screen.current.area == "donation"


async def test_esc_adds_nothing(stock_app):
    async with stock_app().run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await pilot.press("a", *"肥皂", "escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StockScreen) and len(list_goods()) == 5


async def test_retire_asks_first(stock_app):
    app = stock_app()
    soap = app.goods["洗衣粉"]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Confirm)
        assert "下架物品" in screen_text(pilot.app) and "洗衣粉" in screen_text(pilot.app)
        await pilot.press("escape")
        await settle(pilot)
        assert goods_info(soap).active
        await pilot.press("x", "enter")
        await settle(pilot)
        assert not goods_info(soap).active
        assert "洗衣粉" not in "\n".join(table_lines(pilot.app))
        assert f"物品 {soap}“洗衣粉”已下架。" in notices(pilot.app)


async def test_an_item_held_for_an_order_is_not_retired(stock_app):
    app = stock_app()
    rice = app.goods["大米"]
    redeem(actor(), "0102", [(rice, 1)], order=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await to_item(pilot, rice)
        await pilot.press("x", "enter")
        await settle(pilot)
        assert "还有 1 件留给待领取的订单，不能下架" in notices(pilot.app)
        assert goods_info(rice).active


# --- purchases and donations ------------------------------------------------------------------

async def test_receive_a_purchase(stock_app):
    app = stock_app()
    oil = app.goods["食用油"]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await to_item(pilot, oil)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StockForm)
        text = screen_text(pilot.app)
        assert f"采购入库：{oil} 食用油" in text and "现有库存 7 桶，预留 0，可用 7。" in text
        await type_into(pilot, "12", "县供销社", "45.5")
        move = moves_of(oil)[-1]
        assert (move.kind, move.quantity, move.supplier, move.cost, move.staff) == (
            "purchase", 12, "县供销社", "45.50", "王建国")
        assert "已入库：食用油 12 桶，供货方 县供销社，进价 45.50 元。" in notices(pilot.app)
        assert table_lines(pilot.app)[1].split()[5:8] == ["19", "0", "19"]


@pytest.mark.parametrize("qty, cost, said", [
    ("三", "45", "数量“三”不对，应为 1 到 100000 的整数。"),
    ("0", "45", "数量“0”不对"),
    ("5", "四十五", "金额“四十五”不对，应为元数，如 120 或 35.50。"),
    ("5", "", "金额“”不对"),
])
async def test_a_bad_purchase_is_refused_in_the_form(stock_app, qty, cost, said):
    app = stock_app()
    oil = app.goods["食用油"]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await to_item(pilot, oil)
        await pilot.press("p")
        await settle(pilot)
        await type_into(pilot, qty, "县供销社", cost)
        assert said in form_error(pilot.app)
        assert isinstance(pilot.app.screen, StockForm)
        assert len(moves_of(oil)) == 2  # the July purchase and the August redemption


async def test_a_purchase_for_a_donation_area_item_is_refused_before_the_form(stock_app):
    app = stock_app()
    cloth = app.goods["冬衣"]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await to_item(pilot, cloth)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StockScreen)
        assert f"物品 {cloth}“冬衣”在捐赠区，采购入库只能入商品区物品。" in notices(pilot.app)


async def test_receive_a_donation(stock_app):
    app = stock_app()
    books = app.goods["儿童图书"]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await to_item(pilot, books)
        await pilot.press("d")
        await settle(pilot)
        assert f"捐赠入库：{books} 儿童图书" in screen_text(pilot.app)
        await type_into(pilot, "30", "县图书馆", "李四")
        move = moves_of(books)[-1]
        assert (move.kind, move.quantity, move.donor, move.via) == ("donation", 30, "县图书馆",
                                                                    "李四")
        assert "已登记捐赠：儿童图书 30 本，捐赠人 县图书馆。" in notices(pilot.app)
        # Who brought them may be left out; who gave them may not.
        await pilot.press("d")
        await settle(pilot)
        await type_into(pilot, "2", "", "")
        assert form_error(pilot.app) == "请填写捐赠人或单位。"
        assert len(moves_of(books)) == 1


async def test_a_donation_to_a_goods_area_item_is_refused_before_the_form(stock_app):
    app = stock_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StockScreen)
        assert "“洗衣粉”在商品区，捐赠物品应登记到捐赠区物品。" in notices(pilot.app)


# --- write-offs and counts ---------------------------------------------------------------------

async def test_write_off_needs_a_second_staff_member(stock_app):
    app = stock_app()
    rice = app.goods["大米"]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await to_item(pilot, rice)
        await pilot.press("w")
        await settle(pilot)
        await type_into(pilot, "1", "受潮霉变", "王建国")
        assert form_error(pilot.app) == "报损须由另一名工作人员见证，王建国 不能自己见证。"
        field = pilot.app.screen.query_one("#stock-witness")
        field.value = "赵六"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form_error(pilot.app) == "没有名为“赵六”的工作人员。"
        pilot.app.screen.query_one("#stock-qty").value = "9"
        field.value = "李监督"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "可用库存只有 3 件，不够 9 件" in form_error(pilot.app)
        assert len(moves_of(rice)) == 2
        pilot.app.screen.query_one("#stock-qty").value = "1"
        await pilot.press("ctrl+s")
        await settle(pilot)
        move = moves_of(rice)[-1]
        assert (move.kind, move.quantity, move.reason, move.witness) == (
            "writeoff", -1, "受潮霉变", "李监督")
        assert "已报损：大米 1 袋（受潮霉变），见证人 李监督。" in notices(pilot.app)


async def test_a_count_says_what_was_expected_and_the_difference(stock_app):
    app = stock_app()
    oil = app.goods["食用油"]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await to_item(pilot, oil)
        await pilot.press("c")
        await settle(pilot)
        assert "现有库存 7 桶" in screen_text(pilot.app)
        await type_into(pilot, "5")
        move = moves_of(oil)[-1]
        assert (move.kind, move.counted, move.quantity) == ("stocktake", 5, -2)
        assert "盘点 食用油：账面应有 7，实点 5，差额 -2。" in notices(pilot.app)
        assert table_lines(pilot.app)[1].split()[5] == "5"
        await pilot.press("c")
        await settle(pilot)
        await type_into(pilot, "6")
        assert "盘点 食用油：账面应有 5，实点 6，差额 +1。" in notices(pilot.app)


async def test_a_bad_count_is_refused(stock_app):
    app = stock_app()
    rice = app.goods["大米"]
    redeem(actor(), "0102", [(rice, 2)], order=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await to_item(pilot, rice)
        await pilot.press("c")
        await settle(pilot)
        await type_into(pilot, "几袋")
        assert form_error(pilot.app) == "盘点数“几袋”不对，应为 0 或正整数。"
        pilot.app.screen.query_one("#stock-counted").value = "1"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "有 2 件留给待领取订单，盘点数 1 比它少" in form_error(pilot.app)
        assert [move.kind for move in moves_of(rice)] == ["purchase", "redemption"]


# --- movements -------------------------------------------------------------------------------

async def test_the_movements_of_an_item_with_what_was_left_after_each(stock_app):
    app = stock_app()
    rice = app.goods["大米"]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await to_item(pilot, rice)
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StockMovements)
        rows = [line.split() for line in table_lines(pilot.app)]
        assert rows == [["2026-07-01", "采购入库", "+5", "5", "县供销社，300.00", "元", "王建国"],
                        ["2026-08-03", "兑出", "-2", "3", "兑换单", "1", "王建国"]]
        assert "2026-08-03 兑出 -2，结存 3 · 兑换单 1 · 经办 王建国" in screen_text(pilot.app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StockScreen)
        await pilot.press("enter")  # Enter on a row opens its movements too
        await settle(pilot)
        assert isinstance(pilot.app.screen, StockMovements)


async def test_movements_of_each_kind_are_said_in_words(stock_app):
    app = stock_app()
    cloth = app.goods["冬衣"]
    clerk = actor()
    write_off(clerk, cloth, 1, "虫蛀", "李监督")
    stocktake(clerk, cloth, 3)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await to_item(pilot, cloth)
        await pilot.press("m")
        await settle(pilot)
        text = "\n".join(table_lines(pilot.app))
        for said in ("爱心企业（经手 张三）", "兑换单 1", "虫蛀（见证 李监督）", "实点 3"):
            assert said in text


async def test_an_item_never_moved_says_so(stock_app):
    app = stock_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert table_lines(pilot.app) == []
        assert "还没有出入库记录。" in screen_text(pilot.app)


# --- the stock report and the fund -------------------------------------------------------------

async def test_the_stock_report_for_a_period_is_previewed_and_saved(stock_app, tmp_path):
    target = tmp_path / "库存.txt"
    async with stock_app().run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await pilot.press("r")
        await settle(pilot)
        field = pilot.app.screen.query_one("#ask-input")
        assert field.value == "2026Q4"  # the quarter we are in
        field.value = "2026q3"
        await pilot.press("enter")
        await settle(pilot)
        preview = pilot.app.screen
        assert isinstance(preview, TextPreview)
        assert "麻子沟村爱心超市2026年第三季度库存报表" in preview.text
        rice = next(line for line in preview.text.splitlines() if line.startswith("| 大米"))
        assert rice.replace("|", " ").split() == ["大米", "袋", "0", "5", "0", "2", "0", "0", "3"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        path = pilot.app.screen.query_one("#ask-input")
        assert path.value.endswith("库存报表-2026Q3.txt")
        path.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == preview.text


async def test_a_bad_period_is_said_in_words(stock_app):
    async with stock_app().run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await pilot.press("r")
        await settle(pilot)
        pilot.app.screen.query_one("#ask-input").value = "11月"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StockScreen)
        assert "期间“11月”写法不对" in notices(pilot.app)


async def test_the_fund_picture(stock_app):
    async with stock_app().run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await pilot.press("f")
        await settle(pilot)
        preview = pilot.app.screen
        assert isinstance(preview, TextPreview)
        # 0101 spent 45 of 100 and 0102 30: the shelf holds 145 points of goods.
        assert "全村未兑换积分 125 分，按每分 1 元折合物品 125.00 元。" in preview.text
        assert "可兑换库存折合 145 分" in preview.text
        assert f"{pilot.app.goods['大米']}  大米：可用 3袋（提醒线 3）" in preview.text


async def test_without_a_policy_the_fund_says_why(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StockScreen)
        assert "本村尚未采用积分办法" in notices(pilot.app)


async def test_s_opens_the_settlement_and_esc_comes_back(stock_app):
    async with stock_app().run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SettlementScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StockScreen)


# --- keys, help, languages ---------------------------------------------------------------------

LABELS = ("新增", "入库", "捐赠", "报损", "盘点", "流水", "下架", "库存报表", "积分与库存", "结算")


async def test_keys_in_the_footer_help_and_palette(stock_app):
    async with stock_app().run_test(size=(80, 24)) as pilot:
        screen = await open_stock(pilot)
        footer = screen_text(pilot.app).splitlines()[-1]
        for shown in ("a 新增", "p 入库", "d 捐赠", "w 报损", "c 盘点", "F1 帮助"):
            assert shown in footer
        assert set(LABELS) <= {binding.description for binding in described_bindings(screen)}
        await pilot.press("f1")
        await settle(pilot)
        help_text = str(pilot.app.screen.query_one("#help-text").render())
        for label in LABELS:
            assert f"{label}：" in help_text
        # Every line fits the help box unwrapped (a Chinese line has nowhere to break).
        assert all(cell_len(line) <= 72 for line in help_text.splitlines())
        await pilot.press("escape", "ctrl+p", *"积分与库存")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, TextPreview)


ALLOWED_ENGLISH = {"Ctrl", "Esc", "Enter", "Shift", "Tab", "PgUp", "PgDn", "jifen"}


@pytest.mark.parametrize("keys", [(), ("a",), ("p",), ("w",), ("c",), ("m",), ("r",),
                                  ("r", "enter"), ("f",), ("x",), ("f1",)],
                         ids=lambda keys: "+".join(keys) or "list")
async def test_in_chinese_nothing_is_english(stock_app, keys):
    async with stock_app().run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await pilot.press("down", "down", *keys)
        await settle(pilot)
        assert english_words(pilot.app) - ALLOWED_ENGLISH == set()


ASCII_VILLAGE = [{"card_no": "A01", "head": "Zhang San", "group": "East"},
                 {"card_no": "A02", "head": "Li Si", "group": "West"}]


@pytest.fixture
def english_app(tmp_path):
    """A shop whose data has no Chinese, so any Chinese on screen came from code."""
    path = tmp_path / "plain.jifen"
    village.create_village(path, name="Dongcun", population=300, clerk="Wang", today=TODAY)
    clerk = resolve_actor(today=TODAY)
    with db.write():
        for values in ASCII_VILLAGE:
            insert_household(clerk, values)
    adopt(clerk, "mazigou", "tongguan")
    staff.add_staff(clerk, "Li", "supervisor", os_user=str(os.geteuid()))
    rice = add_goods(clerk, "Rice", 20, unit="bag", low_stock=3).id
    coat = add_goods(clerk, "Coat", 5, area="donation", unit="piece").id
    july = on(clerk, date(2026, 7, 1))
    receive_purchase(july, rice, 5, "Co-op", "300")
    receive_donation(july, coat, 4, "Red Cross", "Zhao")
    adjust(july, "A01", 100, "start", "Li")
    redeem(on(clerk, AUGUST), "A01", [(rice, 2), (coat, 1)])
    yield make_app(path, clerk, "en")
    db.close_village()
    set_language("zh")


@pytest.mark.parametrize("keys", [(), ("a",), ("p",), ("d",), ("w",), ("c",), ("m",), ("r",),
                                  ("r", "enter"), ("f",), ("x",), ("s",), ("s", "d"),
                                  ("s", "f"), ("f1",)],
                         ids=lambda keys: "+".join(keys) or "list")
async def test_in_english_nothing_is_chinese(english_app, keys):
    async with english_app.run_test(size=(80, 24)) as pilot:
        await open_stock(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        text = screen_text(pilot.app)
        assert IDEOGRAPH.findall(text) == [], text
        if not keys:
            assert "stock: 2 goods, 1 running low" in text and "Rice" in text

