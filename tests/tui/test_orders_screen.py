"""The redemption day (Ctrl+T from the counter) through Pilot: every key and refusal."""

import re
from datetime import date, timedelta

from rich.cells import cell_len

from store.actor import resolve_actor
from store.goods import goods_info
from store.ledger import balance
from store.models import Redemption, Staff
from store.redemption import collect, day_sheet, list_redemptions, redeem, redemption_info
from store.settlement import make_final
from store.stock import stocktake
from tests.conftest import TODAY
from tests.store.points_helpers import on
from tests.store.shop_helpers import SUPERVISOR, written
from tests.tui.conftest import screen_text, settle, status_line, table_lines, text_of
from tests.tui.test_counter_screen import OIL, RICE, SOAP, clerk, open_counter, open_shop
from tui.app import make_app
from tui.dialogs.ask import AskLine, Confirm
from tui.dialogs.text_preview import TextPreview
from tui.keys import described_bindings
from tui.screens.counter import CounterScreen
from tui.screens.orders import OrdersScreen, listing_columns

# Made eight days ago, so past the demo policy's seven days to collect.
EARLIER = TODAY - timedelta(days=8)


def orders_app(app_on, *, actor_name: str | None = None, language: str = "zh"):
    """The shop of the counter's tests with two orders (one overdue, made eight days ago) and one
    basket handed over today, by the clerk; the app acting for `actor_name` (the clerk)."""
    app = app_on(language)
    open_shop()
    actor = clerk()
    redeem(on(actor, EARLIER), "0102", [(SOAP, 2)], order=True)
    redeem(actor, "0101", [(RICE, 1), (OIL, 2)], order=True)
    redeem(actor, "0101", [(OIL, 1)])
    if actor_name is not None:
        app = make_app(app.village_path, resolve_actor(actor_name, today=TODAY), language)
    return app


async def open_orders(pilot) -> OrdersScreen:
    await open_counter(pilot)
    await pilot.press("ctrl+t")
    await settle(pilot)
    assert isinstance(pilot.app.screen, OrdersScreen)
    return pilot.app.screen


def said(app) -> str:
    return text_of(app, "#orders-say")


async def test_orders_waiting_by_collect_by_day_overdue_marked(app_on):
    async with orders_app(app_on).run_test(size=(80, 24)) as pilot:
        await open_orders(pilot)
        rows = table_lines(pilot.app)
        assert [row.split() for row in rows] == [
            ["1", "0102", "单雪梅", "洗衣粉×2", "10", "11-24", "逾期"],
            ["2", "0101", "张三丰", "大米×1", "食用油×2", "40", "12-02"]]
        assert "待领取 2 单 · 逾期 1 单" in status_line(pilot.app)
        detail = text_of(pilot.app, "#detail")
        assert "兑换单 1 · 2026-11-18 王建国 经办 · 洗衣粉×2件（10 分）" in detail
        await pilot.press("down")
        assert "大米×1件（20 分）、食用油×2件（20 分）" in text_of(pilot.app, "#detail")


async def test_collect_hands_over_and_shows_the_slip(app_on):
    async with orders_app(app_on).run_test(size=(80, 24)) as pilot:
        screen = await open_orders(pilot)
        await pilot.press("down", "c")
        await settle(pilot)
        info = redemption_info(2)
        assert (info.status, info.collected_on, info.proxy) == ("collected", TODAY, "")
        assert goods_info(RICE).on_hand == 9 and goods_info(RICE).reserved == 0
        slip = pilot.app.screen
        assert isinstance(slip, TextPreview) and "兑换单号：2" in slip.text
        assert "兑换后可兑换积分：70 分" in slip.text
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is screen and "订单 2 已交付：0101 张三丰" in said(pilot.app)
        assert [row.split()[0] for row in table_lines(pilot.app)] == ["1"]


async def test_collect_on_the_households_behalf(app_on):
    async with orders_app(app_on).run_test(size=(80, 24)) as pilot:
        await open_orders(pilot)
        await pilot.press("down", "p")
        await settle(pilot)
        assert isinstance(pilot.app.screen, AskLine)
        await pilot.press("escape")
        await settle(pilot)
        assert redemption_info(2).status == "ordered"
        await pilot.press("p", *"张明", "enter")
        await settle(pilot)
        info = redemption_info(2)
        assert (info.status, info.proxy) == ("collected", "张明")
        assert "代领人：张明" in pilot.app.screen.text


async def test_an_overdue_order_is_not_handed_over(app_on):
    async with orders_app(app_on).run_test(size=(80, 24)) as pilot:
        await open_orders(pilot)
        before = written()
        await pilot.press("c")
        await settle(pilot)
        assert written() == before
        assert "订单 1 的领取期已于 2026-11-24 结束" in said(pilot.app)
        assert redemption_info(1).status == "ordered"


async def test_cancel_asks_a_reason_and_gives_everything_back(app_on):
    async with orders_app(app_on).run_test(size=(80, 24)) as pilot:
        await open_orders(pilot)
        await pilot.press("down", "x")
        await settle(pilot)
        assert "取消订单 2：0101 张三丰，大米×1 食用油×2" in screen_text(pilot.app)
        await pilot.press("escape")
        await settle(pilot)
        assert redemption_info(2).status == "ordered"
        await pilot.press("x", *"农户不要了", "enter")
        await settle(pilot)
        info = redemption_info(2)
        assert (info.status, info.status_reason) == ("cancelled", "农户不要了")
        assert balance("0101").spendable == 110 and goods_info(RICE).reserved == 0
        assert "订单 2 已取消：40 分退回卡号 0101" in said(pilot.app)
        assert len(table_lines(pilot.app)) == 1


async def test_expire_asks_then_returns_the_overdue_orders(app_on):
    async with orders_app(app_on).run_test(size=(80, 24)) as pilot:
        await open_orders(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Confirm)
        assert "1 个订单已过领取期限" in screen_text(pilot.app)
        await pilot.press("escape")
        await settle(pilot)
        assert redemption_info(1).status == "ordered"
        await pilot.press("e", "enter")
        await settle(pilot)
        assert redemption_info(1).status == "expired" and balance("0102").spendable == 30
        assert "已退回 1 个逾期订单：1" in said(pilot.app)
        assert "逾期 0 单" in status_line(pilot.app)
        await pilot.press("e")  # none left: said, not asked
        await settle(pilot)
        assert isinstance(pilot.app.screen, OrdersScreen)
        assert "没有逾期的订单。" in said(pilot.app)


async def test_a_shut_window_refuses_a_hand_over_and_changes_nothing(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        open_shop("quarterly-virtue")
        redeem(clerk(), "0101", [(RICE, 1)], order=True)
        await open_orders(pilot)
        before = written()
        await pilot.press("c")
        await settle(pilot)
        assert written() == before and isinstance(pilot.app.screen, OrdersScreen)
        assert "今天不是兑换日，下一个兑换日是 2027-01-01。" in said(pilot.app)
        assert pilot.app.screen.query_one("#orders-say").has_class("-refusal")


async def test_todays_sheet_in_the_preview(app_on):
    async with orders_app(app_on).run_test(size=(80, 24)) as pilot:
        await open_orders(pilot)
        await pilot.press("d")
        await settle(pilot)
        preview = pilot.app.screen
        assert isinstance(preview, TextPreview)
        assert "麻子沟村爱心超市兑换登记表" in preview.text and "日期：2026-11-26" in preview.text
        assert "食用油×1" in preview.text and "未签核" in preview.text


async def test_signing_off_is_for_a_supervisor_who_did_not_work_that_day(app_on):
    async with orders_app(app_on).run_test(size=(80, 24)) as pilot:
        await open_orders(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert pilot.app.screen.query_one("#ask-input").value == "2026-11-26"
        await pilot.press("enter")
        await settle(pilot)
        assert "王建国（管理员）不能签核兑换登记表" in said(pilot.app)
        assert "jifen --as 李监督" in said(pilot.app)
        assert day_sheet(TODAY).signed_off_by == ""


async def test_the_supervisor_signs_a_day_off_once(app_on):
    async with orders_app(app_on, actor_name=SUPERVISOR).run_test(size=(80, 24)) as pilot:
        await open_orders(pilot)
        await pilot.press("s", "enter")
        await settle(pilot)
        assert day_sheet(TODAY).signed_off_by == SUPERVISOR
        assert "2026-11-26 的兑换登记表已由 李监督 签核：1 单，10 分。" in said(pilot.app)
        await pilot.press("s", "enter")
        await settle(pilot)
        assert "2026-11-26 的兑换登记表已签核。" in said(pilot.app)
        await pilot.press("s", *["backspace"] * 10, *"11-26", "enter")
        await settle(pilot)
        assert "日期“11-26”应写作 2026-11-26" in said(pilot.app)


async def test_a_supervisor_who_handed_goods_over_cannot_sign_that_day(app_on):
    """A day from before roles were enforced, when a supervisor could still hand an order
    over (now only a clerk may): the screen says why they may not sign it."""
    async with orders_app(app_on, actor_name=SUPERVISOR).run_test(size=(80, 24)) as pilot:
        collect(clerk(), 2)
        Redemption.update(collected_by=Staff.get(Staff.name == SUPERVISOR)).where(
            Redemption.id == 2).execute()
        await open_orders(pilot)
        before = written()
        await pilot.press("s", "enter")
        await settle(pilot)
        assert written() == before
        assert "李监督 在 2026-11-26 亲自办理过兑换，不能签核当天的兑换登记表。" in said(pilot.app)


async def test_undo_a_basket_handed_over(app_on):
    async with orders_app(app_on).run_test(size=(80, 24)) as pilot:
        screen = await open_orders(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert "最近已领取 1 单" in status_line(pilot.app)
        assert table_lines(pilot.app)[0].split() == ["3", "0101", "张三丰", "食用油×1", "10",
                                                     "11-26"]
        await pilot.press("u")
        await settle(pilot)
        assert "撤销兑换单 3：0101 张三丰，食用油×1" in screen_text(pilot.app)
        await pilot.press(*"物品记错了", "enter")
        await settle(pilot)
        info = redemption_info(3)
        assert (info.status, info.status_reason) == ("undone", "物品记错了")
        assert balance("0101").spendable == 80 and goods_info(OIL).on_hand == 5
        assert "兑换单 3 已撤销：10 分退回卡号 0101，物品退回库存。" in said(pilot.app)
        assert table_lines(pilot.app) == [] and "最近没有已领取的兑换" in text_of(pilot.app,
                                                                                  "#detail")
        await pilot.press("v")
        await settle(pilot)
        assert not screen.handed and len(table_lines(pilot.app)) == 2


async def test_undo_is_refused_after_a_stocktake(app_on):
    async with orders_app(app_on).run_test(size=(80, 24)) as pilot:
        stocktake(clerk(), OIL, 4)
        await open_orders(pilot)
        before = written()
        await pilot.press("v", "u", *"记错了", "enter")
        await settle(pilot)
        assert written() == before and redemption_info(3).status == "collected"
        assert "之后“食用油”已于 2026-11-26 盘点，不能撤销。" in said(pilot.app)


async def test_undo_is_refused_once_the_quarter_is_settled(app_on):
    async with orders_app(app_on).run_test(size=(80, 24)) as pilot:
        september = on(clerk(), date(2026, 9, 30))
        old = redeem(september, "0101", [(RICE, 1)])
        make_final(clerk(), "2026Q3")
        await open_orders(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert pilot.app.screen.current.id == old.id  # the newest first
        before = written()
        await pilot.press("u", *"记错了", "enter")
        await settle(pilot)
        assert written() == before
        assert f"兑换单 {old.id} 所在季度 2026Q3 已结算，不能撤销。" in said(pilot.app)


async def test_a_redemptions_slip_again(app_on):
    async with orders_app(app_on).run_test(size=(80, 24)) as pilot:
        await open_orders(pilot)
        await pilot.press("v", "enter")
        await settle(pilot)
        slip = pilot.app.screen
        assert isinstance(slip, TextPreview) and "兑换单号：3" in slip.text
        await pilot.press("escape", "l")
        await settle(pilot)
        assert isinstance(pilot.app.screen, TextPreview)
        await pilot.press("escape", "v", "l")  # an order's slip says until when
        await settle(pilot)
        assert "待领取：请于 2026-11-24" in pilot.app.screen.text


async def test_nothing_waiting(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        open_shop()
        await open_orders(pilot)
        assert table_lines(pilot.app) == []
        assert "没有待领取的订单" in text_of(pilot.app, "#detail")
        await pilot.press("c", "x", "u")  # nothing highlighted: nothing happens
        await settle(pilot)
        assert isinstance(pilot.app.screen, OrdersScreen) and list_redemptions() == []


async def test_esc_goes_back_to_the_counter(app_on):
    async with orders_app(app_on).run_test(size=(80, 24)) as pilot:
        await open_orders(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CounterScreen)


async def test_keys_in_the_footer_help_and_palette(app_on):
    async with orders_app(app_on).run_test(size=(80, 24)) as pilot:
        screen = await open_orders(pilot)
        footer = screen_text(pilot.app).splitlines()[-1]
        for shown in ("c 交付", "x 取消", "e 逾期退回", "v 已领取", "F1 帮助", "Ctrl+Q 退出"):
            assert shown in footer
        await pilot.press("v")
        await settle(pilot)
        footer = screen_text(pilot.app).splitlines()[-1]
        assert "u 撤销" in footer and "v 待领取" in footer and "c 交付" not in footer
        labels = {binding.description for binding in described_bindings(screen)}
        assert labels >= {"交付", "代领交付", "取消", "逾期退回", "撤销", "领取单", "已领取",
                          "待领取", "登记表", "签核", "兑换台"}
        await pilot.press("f1")
        await settle(pilot)
        help_text = text_of(pilot.app, "#help-text")
        for label in ("代领交付", "领取单", "登记表", "签核", "兑换台"):
            assert label in help_text
        await pilot.press("escape", "ctrl+p", *"签核")
        await settle(pilot)
        assert "签核  (s)" in screen_text(pilot.app)


async def test_it_fits_80x24(app_on):
    async with orders_app(app_on).run_test(size=(80, 24)) as pilot:
        await open_orders(pilot)
        for handed in (False, True):
            assert sum(column.width + 1 for column in listing_columns(handed=handed)) - 1 == 78
        lines = screen_text(pilot.app).splitlines()
        assert len(lines) == 24 and lines[0].lstrip().startswith("麻子沟村 · 兑换日")
        # The Chinese names and baskets keep the day column in line (65 cells in).
        rows = table_lines(pilot.app)
        assert [cell_len(row[:re.search(r" \d\d-\d\d", row).start()]) for row in rows] == [64, 64]
        assert all(cell_len(row) <= 78 for row in rows) and rows[0].endswith("逾期")
