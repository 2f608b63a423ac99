"""80x24 snapshots of the counter with a basket and of the redemption day's orders.

Alignment of Chinese text is asserted on text in test_counter_screen.py and
test_orders_screen.py; these catch layout changes. Update after a deliberate
change with `pytest --snapshot-update tests/tui/test_counter_snapshots.py`.
"""

from tests.tui.conftest import settle
from tests.tui.test_counter_screen import shop_app  # noqa: F401 - the fixture
from tests.tui.test_orders_screen import orders_app

SIZE = (80, 24)


def _at_the_counter(*keys):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        pilot.app.clear_notifications()  # a toast would cover the screen, and time out

    return run_before


def test_counter_with_a_basket(shop_app, snap_compare):  # noqa: F811 - the fixture
    keys = [*"0101", "enter", "4", "enter", *"3x2", "enter", *"1", "enter"]
    assert snap_compare(shop_app(), terminal_size=SIZE, run_before=_at_the_counter(*keys))


def test_orders_waiting(app_on, snap_compare):
    assert snap_compare(orders_app(app_on), terminal_size=SIZE,
                        run_before=_at_the_counter("ctrl+t", "down"))
