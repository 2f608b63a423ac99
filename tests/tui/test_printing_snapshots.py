"""An 80x24 snapshot of the printing screen: a points slip chosen for a household, at 32 columns.

The preview comes from the stand-in builders of test_printing_screen.py, so this
catches changes of the screen's layout, not of the notices (those have golden files
under tests/store/golden). Update after a deliberate change with
`pytest --snapshot-update tests/tui/test_printing_snapshots.py`.
"""

from tests.tui.conftest import settle
from tests.tui.test_printing_screen import KIND_ORDER, stand_ins  # noqa: F401 - a fixture

SIZE = (80, 24)


async def _slip_for_0201(pilot):
    await settle(pilot)
    await pilot.press("f7")
    await settle(pilot)
    await pilot.press("p")
    await settle(pilot)
    pilot.app.screen.kinds_table.cursor = KIND_ORDER.index("slip")
    await settle(pilot)
    await pilot.press("h", *"0201", "enter")
    await settle(pilot)
    await pilot.press("w", "w")
    await settle(pilot)
    pilot.app.clear_notifications()  # a toast would cover the screen, and time out


def test_points_slip_at_32_columns(app_on, stand_ins, snap_compare):  # noqa: F811
    assert snap_compare(app_on(), terminal_size=SIZE, run_before=_slip_for_0201)
