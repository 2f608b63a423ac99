"""The counter (F8) through Pilot: card, basket, confirm, slip; every key and refusal."""

import os
import re
from datetime import date

import pytest
from rich.cells import cell_len
from textual import events

from store import db, roster, staff, village
from store.actor import resolve_actor
from store.errors import JifenError
from store.goods import add_goods, goods_info
from store.ledger import balance
from store.redemption import list_redemptions, redeem
from store.roster import insert_household
from store.stock import receive_purchase, write_off
from tests.conftest import TODAY
from tests.store.points_helpers import adopt
from tests.store.shop_helpers import SUPERVISOR, give, stocked, written
from tests.tui.conftest import english_words, screen_text, settle, table_lines, text_of, until
from tui.app import make_app
from tui.dialogs.ask import AskLine, Confirm
from tui.dialogs.goods_picker import GoodsPicker
from tui.dialogs.household_picker import HouseholdPicker
from tui.dialogs.text_preview import TextPreview
from tui.i18n import set_language
from tui.keys import described_bindings
from tui.screens.counter import CounterScreen, basket_columns, parse_entry
from tui.screens.orders import OrdersScreen

IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")

# The promise of the screen: two items for a known card in at most 10 keys besides the
# card number's own; the last one closes the slip, and the screen takes the next card.
TWO_ITEMS = ["enter", "1", "enter", "2", "enter", "ctrl+s", "enter"]

# Goods on the test village's shelf, by id: name, price, on hand.
RICE, OIL, SOAP, CLOTHES, TOWEL = 1, 2, 3, 4, 5


def clerk():
    return resolve_actor(today=TODAY)


def open_shop(policy: str = "tongguan") -> None:
    """The 篇五 rubric under `policy`, a supervisor, points for 0101 (120) and 0102 (30),
    and five goods: rice 20 (10 on the shelf), oil 10 (5), soap powder 5 (2), donated
    clothes 3 (4), towels 2 (none)."""
    actor = clerk()
    adopt(actor, "mazigou", policy)
    staff.add_staff(actor, SUPERVISOR, "supervisor", os_user=str(os.geteuid()))
    give(actor, "0101", 120)
    give(actor, "0102", 30)
    stocked(actor, "大米", 20, 10)
    stocked(actor, "食用油", 10, 5)
    stocked(actor, "洗衣粉", 5, 2)
    stocked(actor, "旧衣物", 3, 4, area="donation")
    add_goods(actor, "毛巾", 2, unit="条")


@pytest.fixture
def shop_app(app_on):
    """The test village with a shop open, and the app on it."""

    def make(language: str = "zh", policy: str = "tongguan"):
        app = app_on(language)  # opens the village
        open_shop(policy)
        return app

    return make


async def open_counter(pilot) -> CounterScreen:
    await settle(pilot)
    await pilot.press("f8")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CounterScreen)
    return pilot.app.screen


def said(app) -> str:
    return text_of(app, "#counter-say")


def household_line(app) -> str:
    return text_of(app, "#counter-household")


def basket_of(app) -> list[tuple[int, int]]:
    return [(line.goods.id, line.quantity) for line in app.screen.basket]


async def card(pilot, number: str) -> None:
    await pilot.press(*number, "enter")
    await settle(pilot)


async def test_two_items_for_a_known_card_take_seven_keys(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        screen = await open_counter(pilot)
        assert len(TWO_ITEMS) == 7  # the promise is at most 10
        await pilot.press(*"0101", *TWO_ITEMS[:-1])
        await settle(pilot)
        [info] = list_redemptions()
        assert (info.card, info.status, info.points, info.made_by) == ("0101", "collected", 30,
                                                                        "王建国")
        assert [(line.goods, line.quantity) for line in info.lines] == [(RICE, 1), (OIL, 1)]
        assert balance("0101").spendable == 90
        slip = pilot.app.screen
        assert isinstance(slip, TextPreview)
        assert "物品领取告知单" in slip.text and "兑换后可兑换积分：90 分" in slip.text
        await pilot.press(TWO_ITEMS[-1])
        await settle(pilot)
        assert pilot.app.screen is screen and pilot.app.focused is screen.entry
        assert (screen.card, screen.basket, table_lines(pilot.app)) == (None, [], [])
        assert f"兑换单 {info.id}：0101 张三丰 兑换 30 分，余 90 分" in said(pilot.app)
        assert text_of(pilot.app, "#counter-entry-label") == "卡号"


async def test_enter_on_an_empty_line_redeems_too(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        await open_counter(pilot)
        await pilot.press(*"0101", "enter", "1", "enter", "enter")
        await settle(pilot)
        [info] = list_redemptions()
        assert info.points == 20 and isinstance(pilot.app.screen, TextPreview)


async def test_keys_typed_ahead_of_the_screen_are_taken_in_order(shop_app):
    """A card reader, or a clerk faster than the village file: every key arrives at once."""
    async with shop_app().run_test(size=(80, 24)) as pilot:
        await open_counter(pilot)
        for key in [*"0101", "enter", "1", "enter", *"3x2", "enter", "enter"]:
            pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))
        await until(pilot, lambda: isinstance(pilot.app.screen, TextPreview))
        [info] = list_redemptions()
        assert [(line.goods, line.quantity) for line in info.lines] == [(RICE, 1), (SOAP, 2)]


@pytest.mark.parametrize("typed, entry", [
    ("3", ("3", 1)), ("3x2", ("3", 2)), ("3*2", ("3", 2)), ("3 X 2", ("3", 2)),
    ("3×2", ("3", 2)), ("３×２", ("3", 2)), ("３＊１２", ("3", 12)), ("dm x2", ("dm", 2)),
    ("xyf", ("xyf", 1)), ("xyfx3", ("xyf", 3)), (" 大米 ", ("大米", 1))])
def test_what_the_goods_line_says(typed, entry):
    assert parse_entry(typed) == entry


@pytest.mark.parametrize("typed", ["3x0", "3x100001"])
def test_a_quantity_out_of_range_is_the_stores_refusal(typed):
    with pytest.raises(JifenError) as caught:
        parse_entry(typed)
    assert caught.value.key == "stock.bad_quantity"


@pytest.mark.parametrize("typed", ["3x2", "3*2", "3 X 2"])
async def test_a_quantity_after_the_goods_number(shop_app, typed):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        await open_counter(pilot)
        await card(pilot, "0101")
        await pilot.press(*typed, "enter")
        assert basket_of(pilot.app) == [(SOAP, 2)]
        assert "已加入：洗衣粉 2件，10 分" in said(pilot.app)


async def test_the_same_goods_twice_is_one_line(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        await open_counter(pilot)
        await card(pilot, "0101")
        await pilot.press("1", "enter", "2", "enter", "1", "enter")
        assert basket_of(pilot.app) == [(RICE, 2), (OIL, 1)]
        assert table_lines(pilot.app)[0].split() == ["1", "大米", "件", "20", "2", "40", "10"]
        assert "共 3 件 · 合计 50 分 · 兑换后余 70 分" in text_of(pilot.app, "#counter-total")


async def test_the_standing_shows_at_once(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        await open_counter(pilot)
        assert "还没有输入卡号" in household_line(pilot.app)
        await card(pilot, "0101")
        assert household_line(pilot.app) == "0101 张三丰 · 1组 · 可兑换 120 分"
        assert text_of(pilot.app, "#counter-reasons") == "可以兑换。"
        assert text_of(pilot.app, "#counter-entry-label") == "物品"


async def test_points_held_in_orders_are_shown(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        redeem(clerk(), "0101", [(RICE, 1)], order=True)
        await open_counter(pilot)
        await card(pilot, "0101")
        assert household_line(pilot.app) == \
            "0101 张三丰 · 1组 · 可兑换 100 分 · 待领取订单占 20 分"


async def test_each_reason_it_may_not_redeem_is_said(shop_app):
    async with shop_app(policy="quarterly-virtue").run_test(size=(80, 24)) as pilot:
        roster.close_household(clerk(), "0301", "全家迁往县城")
        await open_counter(pilot)
        await card(pilot, "0301")
        reasons = text_of(pilot.app, "#counter-reasons").splitlines()
        assert len(reasons) == 3
        assert "卡号 0301 的农户当前状态为已注销，不能兑换。" == reasons[0]
        assert "今天不是兑换日，下一个兑换日是 2027-01-01。" == reasons[1]
        assert "不在本积分办法范围内" in reasons[2]
        assert pilot.app.screen.query_one("#counter-reasons").has_class("-refusal")


async def test_a_name_or_initials_open_the_household_picker(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        await open_counter(pilot)
        await card(pilot, "dxm")
        picker = pilot.app.screen
        assert isinstance(picker, HouseholdPicker) and picker.query_text == "dxm"
        await pilot.press("enter")
        await settle(pilot)
        assert household_line(pilot.app) == "0102 单雪梅 · 1组 · 可兑换 30 分"
        await pilot.press("1", "enter")
        assert basket_of(pilot.app) == [(RICE, 1)]


async def test_esc_in_the_household_picker_asks_for_the_card_again(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        screen = await open_counter(pilot)
        await card(pilot, "nobody")
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen and screen.card is None
        assert text_of(pilot.app, "#counter-entry-label") == "卡号"


async def test_a_refused_lookup_is_said(app_on):
    """No policy adopted: the store's sentence, and the line asks for a card again."""
    async with app_on().run_test(size=(80, 24)) as pilot:
        screen = await open_counter(pilot)
        await card(pilot, "0101")
        assert "本村尚未采用积分办法。" in said(pilot.app)
        assert screen.card is None and screen.query_one("#counter-say").has_class("-refusal")


async def test_words_open_the_goods_picker_by_name_or_initials(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        await open_counter(pilot)
        await card(pilot, "0101")
        await pilot.press(*"xyfx2", "enter")
        await settle(pilot)
        picker = pilot.app.screen
        assert isinstance(picker, GoodsPicker) and picker.query_text == "xyf"
        assert [goods.name for goods in picker.matches] == ["洗衣粉"]
        await pilot.press("enter")
        assert basket_of(pilot.app) == [(SOAP, 2)]
        await pilot.press(*"食用", "enter", "enter")
        assert basket_of(pilot.app) == [(SOAP, 2), (OIL, 1)]


async def test_an_unknown_number_opens_the_whole_shelf(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        await open_counter(pilot)
        await card(pilot, "0101")
        await pilot.press(*"99", "enter")
        await settle(pilot)
        picker = pilot.app.screen
        assert isinstance(picker, GoodsPicker) and len(picker.matches) == 5
        await pilot.press("escape")
        assert "没有编号为 99 的物品。" in said(pilot.app) and basket_of(pilot.app) == []


async def test_ctrl_f_and_enter_on_an_empty_basket_open_the_goods_picker(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        await open_counter(pilot)
        await card(pilot, "0101")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, GoodsPicker)
        await pilot.press("escape", *"dm", "ctrl+f")
        await settle(pilot)
        assert pilot.app.screen.query_text == "dm"
        assert [goods.name for goods in pilot.app.screen.matches] == ["大米"]


async def test_goods_not_on_the_shelf_are_refused_in_the_picker(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        await open_counter(pilot)
        await card(pilot, "0101")
        await pilot.press(*"mj", "enter")
        await settle(pilot)
        await pilot.press("enter")
        picker = pilot.app.screen
        assert isinstance(picker, GoodsPicker)
        assert "物品 5“毛巾”可用库存只有 0 件，不够 1 件。" in text_of(pilot.app, "#goods-detail")
        await pilot.press("escape")
        assert basket_of(pilot.app) == []


async def test_more_than_the_shelf_has_is_refused_when_added(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        screen = await open_counter(pilot)
        await card(pilot, "0101")
        await pilot.press(*"3x2", "enter", "3", "enter")
        assert basket_of(pilot.app) == [(SOAP, 2)]
        assert "物品 3“洗衣粉”可用库存只有 2 件，不够 3 件。" in said(pilot.app)
        await pilot.press(*"3x0", "enter")
        assert "数量“0”不对" in said(pilot.app) and screen.basket[0].quantity == 2


async def test_remove_a_line_and_change_a_quantity(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        screen = await open_counter(pilot)
        await card(pilot, "0101")
        await pilot.press("1", "enter", "2", "enter", "up", "ctrl+r")
        assert basket_of(pilot.app) == [(OIL, 1)] and "已移除：大米" in said(pilot.app)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(pilot.app.screen, AskLine)
        await pilot.press("backspace", "3", "enter")
        await settle(pilot)
        assert basket_of(pilot.app) == [(OIL, 3)] and "食用油 改为 3件" in said(pilot.app)
        await pilot.press("ctrl+n", "backspace", *"9", "enter")
        await settle(pilot)
        assert basket_of(pilot.app) == [(OIL, 3)] and "只有 5 件，不够 9 件" in said(pilot.app)
        await pilot.press("ctrl+n", "backspace", "x", "enter")
        await settle(pilot)
        assert "数量“x”不对" in said(pilot.app)
        await pilot.press("ctrl+r")
        assert screen.basket == [] and table_lines(pilot.app) == []
        await pilot.press("ctrl+r")  # nothing to remove: a bell, nothing else
        assert screen.basket == []


async def test_proxy_asks_the_helpers_name_first(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        await open_counter(pilot)
        await card(pilot, "0101")
        await pilot.press("1", "enter", "ctrl+l")
        await settle(pilot)
        assert isinstance(pilot.app.screen, AskLine)
        assert "代领：替 张三丰 领取" in screen_text(pilot.app)
        await pilot.press("escape")
        await settle(pilot)
        assert list_redemptions() == [] and basket_of(pilot.app) == [(RICE, 1)]
        await pilot.press("ctrl+l", *"张明", "enter")
        await settle(pilot)
        [info] = list_redemptions()
        assert (info.proxy, info.status) == ("张明", "collected")
        assert "代领人：张明" in pilot.app.screen.text


async def test_an_order_sets_the_basket_aside(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        await open_counter(pilot)
        await card(pilot, "0101")
        await pilot.press("1", "enter", "ctrl+o")
        await settle(pilot)
        [info] = list_redemptions()
        assert (info.status, info.collect_by) == ("ordered", date(2026, 12, 2))   # seven days to collect
        assert goods_info(RICE).reserved == 1 and goods_info(RICE).on_hand == 10
        assert "待领取：请于 2026-12-02" in pilot.app.screen.text
        await pilot.press("escape")
        assert f"订单 {info.id}：0101 张三丰 预订 20 分的物品" in said(pilot.app)


async def test_an_order_when_the_window_is_shut(shop_app):
    """Under the quarterly scheme the counter cannot hand goods over in November, but it
    can set a basket aside for the January days."""
    async with shop_app(policy="quarterly-virtue").run_test(size=(80, 24)) as pilot:
        await open_counter(pilot)
        await card(pilot, "0101")
        await pilot.press("2", "enter", "ctrl+o")
        await settle(pilot)
        [info] = list_redemptions()
        assert (info.status, str(info.collect_by)) == ("ordered", "2027-01-05")


def _overspend(actor):
    return "0102", ["1", "enter", "1", "enter"], "卡号 0102 的可兑换积分只有 30 分，不够 40 分。"


def _donation_alone(actor):
    return "0101", ["4", "enter"], "须同时在商品区兑换，才能兑换捐赠区物品"


def _closed(actor):
    roster.close_household(actor, "0301", "全家迁往县城")
    return "0301", ["1", "enter"], "卡号 0301 的农户状态为已注销"


@pytest.mark.parametrize("case", [_overspend, _donation_alone, _closed])
async def test_a_refused_basket_writes_nothing_and_stays(shop_app, case):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        number, keys, sentence = case(clerk())
        screen = await open_counter(pilot)
        await card(pilot, number)
        await pilot.press(*keys)
        basket = basket_of(pilot.app)
        before = written()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert written() == before and list_redemptions() == []
        assert pilot.app.screen is screen and basket_of(pilot.app) == basket
        assert sentence.split("状态")[0] in said(pilot.app)
        assert screen.query_one("#counter-say").has_class("-refusal")


async def test_a_shut_window_refuses_a_hand_over(shop_app):
    async with shop_app(policy="quarterly-virtue").run_test(size=(80, 24)) as pilot:
        await open_counter(pilot)
        await card(pilot, "0101")
        await pilot.press("1", "enter")
        before = written()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert written() == before and basket_of(pilot.app) == [(RICE, 1)]
        assert "今天不是兑换日，下一个兑换日是 2027-01-01。" in said(pilot.app)


async def test_stock_gone_meanwhile_is_refused_at_confirm(shop_app):
    """Another clerk wrote off soap powder after it went into this basket."""
    async with shop_app().run_test(size=(80, 24)) as pilot:
        await open_counter(pilot)
        await card(pilot, "0101")
        await pilot.press(*"3x2", "enter")
        write_off(clerk(), SOAP, 1, "受潮", SUPERVISOR)
        before = written()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert written() == before and basket_of(pilot.app) == [(SOAP, 2)]
        assert "物品 3“洗衣粉”可用库存只有 1 件，不够 2 件。" in said(pilot.app)


async def test_the_shelf_is_read_again_on_coming_back(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        screen = await open_counter(pilot)
        receive_purchase(clerk(), TOWEL, 3, "城关供销社", "6")
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        await card(pilot, "0101")
        await pilot.press(*"5x3", "enter")
        assert basket_of(pilot.app) == [(TOWEL, 3)] and screen.shelf.find(TOWEL).available == 3


async def test_esc_asks_before_dropping_a_basket(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        screen = await open_counter(pilot)
        await card(pilot, "0101")
        await pilot.press("1", "enter", "escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("escape")
        await settle(pilot)
        assert basket_of(pilot.app) == [(RICE, 1)] and screen.card == "0101"
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert (screen.card, screen.standing, screen.basket) == (None, None, [])
        await pilot.press("escape")  # nothing to lose: no question
        assert pilot.app.screen is screen


async def test_a_confirm_with_no_card_or_basket_is_refused(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        screen = await open_counter(pilot)
        await pilot.press("enter")
        assert screen.card is None
        await card(pilot, "0101")
        await pilot.press("ctrl+s")  # no basket: the key does not apply
        await settle(pilot)
        assert list_redemptions() == [] and pilot.app.screen is screen


async def test_ctrl_t_opens_the_redemption_day_and_esc_comes_back(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        screen = await open_counter(pilot)
        await card(pilot, "0101")
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(pilot.app.screen, OrdersScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen and pilot.app.focused is screen.entry
        assert household_line(pilot.app).startswith("0101 张三丰")


async def test_keys_in_the_footer_help_and_palette(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        screen = await open_counter(pilot)
        footer = screen_text(pilot.app).splitlines()[-1]
        for shown in ("Ctrl+T 兑换日", "Esc 下一户", "F1 帮助", "Ctrl+Q 退出"):
            assert shown in footer
        await card(pilot, "0101")
        await pilot.press("1", "enter")
        footer = screen_text(pilot.app).splitlines()[-1]
        for shown in ("Ctrl+S 兑换", "Ctrl+O 预订", "Esc 下一户", "F1 帮助", "Ctrl+Q 退出"):
            assert shown in footer
        labels = ("兑换", "预订", "代领", "找物品", "移除", "改数量", "兑换日", "下一户")
        assert {binding.description for binding in described_bindings(screen)} >= set(labels)
        await pilot.press("f1")
        await settle(pilot)
        help_text = text_of(pilot.app, "#help-text")
        for key in ("Ctrl+S", "Ctrl+O", "Ctrl+L", "Ctrl+F", "Ctrl+R", "Ctrl+N", "Ctrl+T", "Esc"):
            assert key in help_text
        await pilot.press("escape", "ctrl+p", *"代领")
        await settle(pilot)
        assert "代领  (Ctrl+L)" in screen_text(pilot.app)


async def test_it_fits_80x24(shop_app):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        give(clerk(), "0201", 50)
        await open_counter(pilot)
        assert sum(column.width + 1 for column in basket_columns()) - 1 == 78
        await card(pilot, "0201")
        await pilot.press(*"4", "enter", *"3x2", "enter", "1", "enter")
        lines = screen_text(pilot.app).splitlines()
        assert len(lines) == 24 and lines[0].lstrip().startswith("麻子沟村 · 兑换台")
        assert "0201 阿不都·热合曼 · 2组 · 可兑换 50 分" in lines[2]
        # Every row is exactly the table's width: Chinese names do not push columns out.
        rows = table_lines(pilot.app)
        assert [cell_len(row) for row in rows] == [78, 78, 78]
        assert rows[0].split()[:2] == ["4", "旧衣物（捐）"]


ASCII_VILLAGE = [{"card_no": "A01", "head": "Zhang San", "group": "East", "house_no": "East 3"},
                 {"card_no": "A02", "head": "Li Si", "group": "West", "house_no": "West 12"}]


@pytest.fixture
def english_shop(tmp_path):
    """A village whose data has no Chinese, so any Chinese on screen came from code."""
    path = tmp_path / "plain.jifen"
    village.create_village(path, name="Dongcun", population=300, clerk="Wang", today=TODAY)
    actor = resolve_actor(today=TODAY)
    with db.write():
        for values in ASCII_VILLAGE:
            insert_household(actor, values)
    adopt(actor, "mazigou", "tongguan")
    staff.add_staff(actor, SUPERVISOR, "supervisor", os_user=str(os.geteuid()))
    give(actor, "A01", 50)
    for name, price, area in (("Rice", 20, "goods"), ("Old coat", 3, "donation")):
        goods = add_goods(actor, name, price, area=area, unit="bag")
        if area == "goods":
            receive_purchase(actor, goods.id, 5, "Coop", "50")
    redeem(actor, "A01", [(1, 1)], order=True)
    redeem(actor, "A01", [(1, 1)])
    yield make_app(path, actor, "en")
    db.close_village()
    set_language("zh")


@pytest.mark.parametrize("keys", [
    (), ("A01", "enter", "1", "enter"), ("A01", "enter", "2", "enter", "ctrl+s"),
    ("A01", "enter", "r", "enter"), ("Zhang", "enter"), ("A01", "enter", "1", "enter", "ctrl+l"),
    ("A01", "enter", "1", "enter", "ctrl+s"), ("ctrl+t",), ("ctrl+t", "v"), ("f1",)],
    ids=lambda keys: "+".join(keys) or "counter")
async def test_in_english_nothing_is_chinese(english_shop, keys):
    async with english_shop.run_test(size=(80, 24)) as pilot:
        await open_counter(pilot)
        for key in keys:
            await pilot.press(*([key] if key in ("enter", "ctrl+s", "ctrl+l", "ctrl+t", "f1")
                                else key))
            await settle(pilot)
        text = screen_text(pilot.app)
        assert IDEOGRAPH.findall(text) == [], text


# Words that are the same in the Chinese screens: key names, the program and an example.
ALLOWED_ENGLISH = {"Ctrl", "Esc", "Enter", "PgUp", "PgDn", "Tab", "Shift", "zsf", "jifen"}


@pytest.mark.parametrize("keys", [(), ("0101", "enter", "1", "enter"), ("0101", "enter", "dm"),
                                  ("ctrl+t",), ("f1",)],
                         ids=lambda keys: "+".join(keys) or "counter")
async def test_in_chinese_nothing_is_english(shop_app, keys):
    async with shop_app().run_test(size=(80, 24)) as pilot:
        await open_counter(pilot)
        for key in keys:
            await pilot.press(*([key] if key in ("enter", "ctrl+t", "f1") else key))
            await settle(pilot)
        assert english_words(pilot.app) - ALLOWED_ENGLISH == set()
