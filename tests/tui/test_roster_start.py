"""The roster at start-up: its first page read with the screen, the rest after."""

import pytest

from store import roster
from tests.tui.conftest import settle, status_line
from tui.screens import roster as roster_screen
from tui.widgets.record_table import RecordTable


@pytest.fixture
def limits(monkeypatch):
    """The `limit` of every roster query, in order."""
    asked = []
    find = roster.find_households

    def counted(*args, limit=None, **kwargs):
        asked.append(limit)
        return find(*args, limit=limit, **kwargs)

    monkeypatch.setattr(roster, "find_households", counted)
    return asked


async def test_the_first_page_comes_first_then_every_household_and_the_count(
        app_on, limits, monkeypatch):
    monkeypatch.setattr(roster_screen, "FIRST_PAGE", 4)
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert limits == [4, None]
        assert pilot.app.screen.query_one(RecordTable).row_count == 6
        assert "6 户" in status_line(pilot.app)


async def test_a_roster_within_its_first_page_is_read_once(app_on, limits):
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert limits == [roster_screen.FIRST_PAGE]
        assert "6 户" in status_line(pilot.app)
