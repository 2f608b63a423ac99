"""A small village and the app on it, for Pilot and snapshot tests."""

import re

import pytest

from store import db, roster, village
from store.actor import resolve_actor
from store.roster import HouseholdFields, MemberInfo
from tests.conftest import TODAY
from tui.app import make_app
from tui.i18n import set_language
from tui.widgets.record_table import RecordTable

HOUSEHOLDS = [
    ("0101", "张三丰", "1", 4, [MemberInfo("李秀英", "妻")], True),
    ("0102", "单雪梅", "1", 2, [], False),
    ("0103", "[b]王五[/b]", "1", 3, [], False),
    ("0201", "阿不都·热合曼", "2", 5, [], True),
    ("0202", "欧阳建国", "2", 3, [], False),
    ("0301", "李四", "3", 1, [], False),
]


def fill(actor, households=HOUSEHOLDS) -> None:
    for card, head, group, count, members, poor in households:
        roster.add_household(actor, HouseholdFields(
            card_no=card, head=head, group=group, member_count=count, members=members,
            poor=poor, house_no=f"{group}组{card[-2:]}号"))


@pytest.fixture
def village_file(tmp_path, reproducible):
    """The test village; its record ids and times repeat from run to run, as the
    snapshots of printed text need (the chain head at the foot hashes them)."""
    path = tmp_path / "village.jifen"
    village.create_village(path, name="麻子沟村", population=1200, clerk="王建国", today=TODAY)
    fill(resolve_actor(today=TODAY))
    yield path
    db.close_village()
    set_language("zh")


@pytest.fixture
def app_on(village_file):
    """make the app on the test village, in a language."""

    def make(language: str = "zh"):
        db.open_village(village_file)
        return make_app(village_file, resolve_actor(today=TODAY), language)

    return make


def table_lines(app) -> list[str]:
    """The rows of the screen's table as their columns read, scrolled or not."""
    table = app.screen.query_one(RecordTable)
    return [table.row_text(index).rstrip() for index in range(table.row_count)]


async def settle(pilot) -> None:
    """Wait for store workers, then for the messages they posted."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def english_words(app) -> set[str]:
    """Words of three or more Latin letters on the screen, less what is data, not
    language: file paths and the chain head printed on sheets (L12-0A1B2C3D4E5F)."""
    text = re.sub(r"/\S+|[LS]\d+-[0-9A-F]{12}", "", screen_text(app))
    return set(re.findall(r"[A-Za-z]{3,}", text))


def screen_text(app) -> str:
    """Everything on the terminal, as plain text (what a clerk reads)."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system=None, record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()


async def until(pilot, condition, tries: int = 200) -> None:
    """Let the app run until `condition()` holds; counted in message rounds, not seconds."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the app never got there")


def text_of(app, selector: str) -> str:
    """What the widget `selector` on the screen shows, as plain text."""
    return str(app.screen.query_one(selector).render())


def status_line(app) -> str:
    return text_of(app, "#status-line")
