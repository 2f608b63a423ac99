"""The settlement screen through Pilot: the quarter's sheets, stepping, saving, making final.

The test shop of test_stock_screen.py: August (2026Q3) redemptions of rice, oil and
a donated coat; today is 2026-11-26, in 2026Q4.
"""

from decimal import Decimal

import pytest

from store.errors import JifenError
from store.models import Settlement
from store.redemption import undo
from store.settlement import settlement_sheet
from tests.tui.conftest import english_words, screen_text, settle, status_line
from tests.tui.test_stock_screen import actor, notices, open_stock, shop
from tui.dialogs.ask import AskLine, Confirm
from tui.screens.settlement import SettlementScreen
from tui.screens.stock import StockScreen


def shop_app(app_on, language: str = "zh"):
    app = app_on(language)  # opens the village
    shop()
    return app


async def open_settlement(pilot) -> SettlementScreen:
    await open_stock(pilot)
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SettlementScreen)
    return pilot.app.screen


def state(app) -> str:
    return str(app.screen.query_one("#settle-state").render())


def sheet_lines(app) -> list[str]:
    return str(app.screen.query_one("#settle-text").render()).splitlines()


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_it_opens_on_the_last_quarter_over_with_the_supplier_sheet(app_on):
    async with shop_app(app_on).run_test(size=(80, 24)) as pilot:
        screen = await open_settlement(pilot)
        assert "结算 2026Q3（2026-07-01 至 2026-09-30）· 商品区结算单（供货方）" in status_line(
            pilot.app)
        assert state(pilot.app) == "未定稿：按 f 定稿（定稿后本季度的兑换不能再撤销）。"
        lines = sheet_lines(pilot.app)
        assert lines[0].strip() == "麻子沟村爱心超市2026年第三季度兑换结算单"
        rows = [line.replace("|", " ").split() for line in lines
                if line.startswith(("| 大米", "| 食用油", "| 冬衣"))]
        assert rows == [["大米", "袋", "20", "2", "40", "40.00"],
                        ["食用油", "桶", "10", "3", "30", "30.00"]]
        assert "合计：5 件，70 分；2 户，2 张领取单" in lines
        assert "结算金额：70.00 元" in lines
        assert screen.text == "\n".join(lines) + "\n"  # what is shown is what is saved
        text = screen_text(pilot.app)
        assert "结算金额：70.00 元" in text and len(text.splitlines()) == 24


async def test_quarters_step_back_and_forth(app_on):
    async with shop_app(app_on).run_test(size=(80, 24)) as pilot:
        await open_settlement(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert "结算 2026Q2（2026-04-01 至 2026-06-30）" in status_line(pilot.app)
        assert "本季度没有兑换。" in sheet_lines(pilot.app)
        await pilot.press("n", "n")
        await settle(pilot)
        assert "结算 2026Q4（2026-10-01 至 2026-12-31）" in status_line(pilot.app)
        assert state(pilot.app) == "未定稿：本季度到 2026-12-31 才结束，结束后才能定稿。"
        await pilot.press("n")  # into the next year
        await settle(pilot)
        assert "结算 2027Q1" in status_line(pilot.app)


async def test_d_switches_to_the_donation_sheet_and_back(app_on):
    async with shop_app(app_on).run_test(size=(80, 24)) as pilot:
        await open_settlement(pilot)
        assert "d 捐赠区" in footer(pilot.app)
        await pilot.press("d")
        await settle(pilot)
        assert "捐赠区兑换登记（捐赠方）" in status_line(pilot.app)
        lines = sheet_lines(pilot.app)
        assert lines[0].strip() == "麻子沟村爱心超市2026年第三季度捐赠区兑换登记"
        assert [line.replace("|", " ").split() for line in lines if line.startswith("| 冬衣")] == [
            ["冬衣", "件", "5", "1", "5"]]
        assert "d 商品区" in footer(pilot.app)
        await pilot.press("p")  # the other quarters keep the sheet chosen
        await settle(pilot)
        assert "2026年第二季度捐赠区兑换登记" in sheet_lines(pilot.app)[0]
        await pilot.press("d")
        await settle(pilot)
        assert "2026年第二季度兑换结算单" in sheet_lines(pilot.app)[0]


async def test_the_sheet_shown_is_saved_to_a_file(app_on, tmp_path):
    target = tmp_path / "结算单.txt"
    async with shop_app(app_on).run_test(size=(80, 24)) as pilot:
        screen = await open_settlement(pilot)
        await pilot.press("d", "ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, AskLine)
        field = pilot.app.screen.query_one("#ask-input")
        assert field.value.endswith("捐赠区兑换-2026Q3.txt")
        field.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == screen.text
        assert "捐赠区兑换登记" in screen.text
        assert f"已保存到 {target}" in notices(pilot.app)
        # Again to the same file: asked before replacing; Esc keeps the file as it was.
        await pilot.press("d", "ctrl+s")
        await settle(pilot)
        pilot.app.screen.query_one("#ask-input").value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Confirm)
        assert "已存在。替换它吗？" in screen_text(pilot.app)
        await pilot.press("escape")
        await settle(pilot)
        assert "捐赠区兑换登记" in target.read_text(encoding="utf-8")
        await pilot.press("ctrl+s")
        await settle(pilot)
        pilot.app.screen.query_one("#ask-input").value = str(target)
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == screen.text
        assert "兑换结算单" in screen.text


async def test_an_unwritable_path_is_said_in_words(app_on, tmp_path):
    async with shop_app(app_on).run_test(size=(80, 24)) as pilot:
        await open_settlement(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        pilot.app.screen.query_one("#ask-input").value = str(tmp_path / "nowhere" / "a.txt")
        await pilot.press("enter")
        await settle(pilot)
        assert "无法写入" in notices(pilot.app)
        assert isinstance(pilot.app.screen, SettlementScreen)


async def test_making_final_asks_then_freezes_undo(app_on):
    async with shop_app(app_on).run_test(size=(80, 24)) as pilot:
        await open_settlement(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(pilot.app.screen, Confirm)
        question = screen_text(pilot.app)
        assert "2026Q3 结算定稿" in question
        assert "定稿后，2026-07-01 至 2026-09-30 的兑换都不能再撤销" in question
        await pilot.press("escape")
        await settle(pilot)
        assert Settlement.select().count() == 0
        await pilot.press("f", "enter")
        await settle(pilot)
        final = Settlement.get()
        assert (final.period, final.points, Decimal(final.yuan), final.made_by.name) == (
            "2026Q3", 70, Decimal(70), "王建国")
        assert "2026Q3 结算已定稿：70 分，70.00 元。" in notices(pilot.app)
        assert state(pilot.app) == "已定稿：王建国，2026-11-26。本季度的兑换不能再撤销。"
        assert "已定稿：王建国，2026-11-26" in sheet_lines(pilot.app)
        with pytest.raises(JifenError) as refused:
            undo(actor(), 1, "拿错了")
        assert refused.value.key == "shop.settled"


async def test_a_quarter_final_already_is_refused_without_asking(app_on):
    async with shop_app(app_on).run_test(size=(80, 24)) as pilot:
        await open_settlement(pilot)
        await pilot.press("f", "enter")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SettlementScreen)
        assert "2026Q3 的结算已经定稿。" in notices(pilot.app)
        assert Settlement.select().count() == 1


async def test_a_quarter_not_over_is_refused_in_the_clerks_words(app_on):
    async with shop_app(app_on).run_test(size=(80, 24)) as pilot:
        await open_settlement(pilot)
        await pilot.press("n", "f")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SettlementScreen)
        assert "2026Q4 要到 2026-12-31 之后才结束，不能定稿结算。" in notices(pilot.app)
        assert Settlement.select().count() == 0
        assert settlement_sheet("2026Q4").final_by == ""


async def test_without_a_policy_the_sheet_says_why(app_on):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await open_settlement(pilot)
        assert "本村尚未采用积分办法" in "\n".join(sheet_lines(pilot.app))
        await pilot.press("f", "ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SettlementScreen)
        assert Settlement.select().count() == 0


async def test_keys_in_the_footer_and_help(app_on):
    async with shop_app(app_on).run_test(size=(80, 24)) as pilot:
        await open_settlement(pilot)
        for shown in ("p 上一季", "d 捐赠区", "Ctrl+S 保存", "f 定稿", "F1 帮助"):
            assert shown in footer(pilot.app)
        await pilot.press("f1")
        await settle(pilot)
        help_text = str(pilot.app.screen.query_one("#help-text").render())
        for label in ("上一季", "下一季", "捐赠区", "商品区", "保存", "定稿", "返回库存"):
            assert f"{label}：" in help_text
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StockScreen)


@pytest.mark.parametrize("keys", [(), ("d",), ("f",), ("ctrl+s",), ("n",)],
                         ids=lambda keys: "+".join(keys) or "sheet")
async def test_in_chinese_nothing_is_english(app_on, keys):
    async with shop_app(app_on).run_test(size=(80, 24)) as pilot:
        await open_settlement(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        assert english_words(pilot.app) - {"Ctrl", "Esc", "Enter", "UTF"} == set()
