"""80x24 snapshots of the deeds register and its deed form (cursor blink is off in fields).

Alignment of Chinese text is asserted on text in test_deeds_screen.py; these catch
layout changes. Update after a deliberate change with `pytest --snapshot-update`.
"""

from datetime import date

from store.actor import resolve_actor
from store.deeds import register_deed, withdraw_deed
from tests.conftest import TODAY
from tests.tui.conftest import settle
from tests.tui.test_rubric_screen import adopt_mazigou
from tui.screens.deeds import DeedsScreen

SIZE = (80, 24)


def _deeds_app(app_on, language="zh"):
    """The test village with the 篇五 rubric and a few deeds: one withdrawn, one self-applied."""
    app = app_on(language)
    adopt_mazigou()
    actor = resolve_actor(today=TODAY)
    register_deed(actor, "0301", item_id="2.1", day=date(2026, 11, 3))
    register_deed(actor, "0201", item_id="5.3", evidence="双方签字的调解记录",
                  what="调解宅基地纠纷")
    register_deed(actor, "0101", item_id="1.1", day=date(2026, 11, 12), self_applied=True)
    withdraw_deed(actor, register_deed(actor, "0102", item_id="5.3").id, "重复登记")
    register_deed(actor, "0202", item_id="3.2", day=date(2026, 11, 20))
    return app


def _on_deeds(*keys):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.app.push_screen(DeedsScreen())
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        pilot.app.clear_notifications()  # a toast would cover the screen, and time out

    return run_before


def test_deeds_pending(app_on, snap_compare):
    assert snap_compare(_deeds_app(app_on), terminal_size=SIZE, run_before=_on_deeds())


def test_deeds_all_in_english(app_on, snap_compare):
    assert snap_compare(_deeds_app(app_on, "en"), terminal_size=SIZE,
                        run_before=_on_deeds("v", "up"))


def test_deed_form(app_on, snap_compare):
    assert snap_compare(_deeds_app(app_on), terminal_size=SIZE,
                        run_before=_on_deeds("a", *"zsf", "enter", *"5.3", "enter", *"调解记录"))
