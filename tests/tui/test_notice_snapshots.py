"""80x24 snapshots of the notice desk: a notice running with an objection, resolving it,
and the result notice's preview.

Alignment of the Chinese text is asserted on text (tests/store/test_notice_text.py and
test_notice_desk.py); these catch layout changes. Update after a deliberate change with
`pytest --snapshot-update`.
"""

from dataclasses import replace
from datetime import timedelta

from store.actor import resolve_actor
from store.objections import raise_objection
from tests.conftest import TODAY
from tests.tui.conftest import settle
from tests.tui.test_notice_desk import month
from tui.screens.notices import NoticeDeskScreen

SIZE = (80, 24)


def _desk_app(app_on):
    """The November review on notice, its second award objected to; today is day 1."""
    app = app_on()
    month()
    tomorrow = TODAY + timedelta(days=1)
    raise_objection(resolve_actor(today=tomorrow), 2, "李四", "只帮了一次，不是每次都帮")
    app.actor = replace(app.actor, today_override=tomorrow)
    return app


def _desk_keys(*keys):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.app.push_screen(NoticeDeskScreen())
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        pilot.app.clear_notifications()  # a toast would cover the screen, and time out

    return run_before


def test_notice_desk(app_on, snap_compare):
    assert snap_compare(_desk_app(app_on), terminal_size=SIZE,
                        run_before=_desk_keys("tab", "down"))


def test_resolve_objection(app_on, snap_compare):
    assert snap_compare(_desk_app(app_on), terminal_size=SIZE,
                        run_before=_desk_keys("tab", "down", "r", "2"))


def test_result_notice_preview(app_on, snap_compare):
    assert snap_compare(_desk_app(app_on), terminal_size=SIZE, run_before=_desk_keys("n"))
