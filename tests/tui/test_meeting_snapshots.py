"""Snapshots of the review meeting: the projector view at 160x45, the compact view at 80x24.

The village is in the middle of a Tongguan month: one award made, one trimmed to
the cap, deeds still waiting. Wording and alignment are asserted on text in
test_meeting_screen.py; these catch layout changes. Update after a deliberate
change with `pytest --snapshot-update`, and look at the pictures.
"""

from store import reviews
from store.actor import resolve_actor
from tests.conftest import TODAY
from tests.tui.conftest import settle
from tests.tui.test_meeting_screen import meeting_app  # noqa: F401 - the fixture
from tui.screens.meeting import MeetingScreen


def _mid_meeting(meeting_app):  # noqa: F811
    app = meeting_app()
    actor = resolve_actor(today=TODAY)
    reviews.propose_award(actor, "0301", "5.3")
    return app


def _keys(*keys):
    async def run_before(pilot):
        await settle(pilot)
        # Toasts (the app's offer to resume a meeting) would cover the card, and time out.
        pilot.app.clear_notifications()
        await pilot.app.push_screen(MeetingScreen())
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        pilot.app.clear_notifications()
        await settle(pilot)

    return run_before


def test_meeting_projector(meeting_app, snap_compare):  # noqa: F811
    # 0101's first deed accepted (15 of 20): the card shows its second deed.
    assert snap_compare(_mid_meeting(meeting_app), terminal_size=(160, 45),
                        run_before=_keys("y"))


def test_meeting_projector_theme(meeting_app, snap_compare):  # noqa: F811
    assert snap_compare(_mid_meeting(meeting_app), terminal_size=(160, 45),
                        run_before=_keys("f2", "y"))


def test_meeting_trim_offered(meeting_app, snap_compare):  # noqa: F811
    assert snap_compare(_mid_meeting(meeting_app), terminal_size=(160, 45),
                        run_before=_keys("y", "y"))


def test_meeting_compact(meeting_app, snap_compare):  # noqa: F811
    assert snap_compare(_mid_meeting(meeting_app), terminal_size=(80, 24),
                        run_before=_keys("y"))


def test_meeting_compact_card(meeting_app, snap_compare):  # noqa: F811
    """The projector card toggled on at 80x24: it must still fit."""
    assert snap_compare(_mid_meeting(meeting_app), terminal_size=(80, 24),
                        run_before=_keys("y", "v"))
