"""The roster at start-up: its first page read with the screen, the rest after."""

import pytest

from store import roster
from tests.tui.conftest import screen_text, settle, status_line
from tui.screens import roster as roster_screen
from tui.widgets.footer import Footer
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


async def test_the_footer_is_built_with_the_screen_and_again_only_when_its_keys_change(
        app_on, monkeypatch):
    """Textual builds the footer after the first frame and again each time the screen
    says its bindings changed, three times at start-up; ours, with the screen and then
    once per change of what it shows."""
    built = []
    recompose = Footer.recompose

    async def counted(self):
        built.append(self.screen.id)
        await recompose(self)

    monkeypatch.setattr(Footer, "recompose", counted)
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert built == []
        assert "a 新增" in screen_text(pilot.app).splitlines()[-1]
        pilot.app.screen.refresh_bindings()   # said again, nothing changed
        await settle(pilot)
        assert built == []
        await pilot.press("slash")            # the search line's keys are not the table's
        await settle(pilot)
        assert built == ["roster-screen"]
        assert "a 新增" not in screen_text(pilot.app).splitlines()[-1]


async def test_the_roster_is_the_first_screen_and_f3_comes_back_to_it(app_on):
    """The roster is the app's default screen (no CSS parsed twice at start) and still
    a task F3 returns to, as left."""
    async with app_on().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        roster_screen_shown = pilot.app.screen
        await pilot.press("down", "f4")
        await settle(pilot)
        assert pilot.app.current_mode == "rubric"
        await pilot.press("f3")
        await settle(pilot)
        assert pilot.app.current_mode == "roster"
        assert pilot.app.screen is roster_screen_shown
        assert pilot.app.screen.query_one(RecordTable).cursor == 1
