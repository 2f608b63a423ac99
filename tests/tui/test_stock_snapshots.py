"""80x24 snapshots of the stock list (with items running low) and the settlement sheet.

Alignment of the Chinese text is asserted on text in test_stock_screen.py and
test_settlement_screen.py; these catch layout changes. Update after a deliberate
change with `pytest --snapshot-update tests/tui/test_stock_snapshots.py`.
"""

from tests.tui.conftest import settle
from tests.tui.test_stock_screen import shop

SIZE = (80, 24)


def _shop_app(app_on):
    app = app_on()
    shop()
    return app


def _on_stock(*keys):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        pilot.app.clear_notifications()  # a toast would cover the screen, and time out

    return run_before


def test_stock_list_with_goods_running_low(app_on, snap_compare):
    assert snap_compare(_shop_app(app_on), terminal_size=SIZE,
                        run_before=_on_stock("down", "down"))


def test_settlement_sheet(app_on, snap_compare):
    assert snap_compare(_shop_app(app_on), terminal_size=SIZE, run_before=_on_stock("s"))
