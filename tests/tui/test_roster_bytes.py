"""What keys in the roster send through a real 80x24 pseudo-terminal: what crosses a
slow SSH link (issue 10). A cursor move (under 400 bytes): the two rows it changes and
the household's detail line, not the other rows, not the scrollbar column, each row in
one colour code. A focus move (into the search line, from field to field in a form):
the widgets it concerns, not the whole screen (Textual's 5-7 KB)."""

import re
import sys

from bench.terminal import DOWN, Session
from store import db
from store.actor import resolve_actor
from store.roster import insert_household
from tests.conftest import TODAY
from tests.tui.conftest import HOUSEHOLDS

MORE = 40   # households beyond the fixture's: more than a screenful, so a scrollbar


def _roster_session(village_file) -> Session:
    """The app on the fixture's village and MORE households, quiet on its roster."""
    db.open_village(village_file)
    actor = resolve_actor(today=TODAY)
    with db.write():
        for n in range(MORE):
            insert_household(actor, {"card_no": f"09{n:02d}", "head": f"村民{n}", "group": "9"})
    db.close_village()
    session = Session([sys.executable, "-m", "tui", "--db", str(village_file),
                       "--today", str(TODAY)])
    try:
        session.wait_for("0101")
        session.settle(quiet=1.0)
    except BaseException:
        session.close()
        raise
    return session


def _lines_touched(drawn: str) -> set[int]:
    return {int(line) for line in re.findall(r"\x1b\[(\d+);\d+H", drawn)}


def test_a_cursor_move_sends_two_rows_and_the_detail(village_file):
    session = _roster_session(village_file)
    try:
        start = len(session.output)
        sent = session.press(DOWN)
        drawn = bytes(session.output[start:]).decode()
    finally:
        session.close()
    cards = [card for card, *_ in HOUSEHOLDS] + [f"09{n:02d}" for n in range(MORE)]
    assert [card for card in cards if card in drawn] == ["0101", "0102"]
    assert "单雪梅" in drawn                               # 0102's detail line
    assert not re.search(r"\x1b\[\d+;80H", drawn)         # the scrollbar's column
    # Each row one run of cells from the screen's edge, its leading blank included:
    # no colour code of its own for a padding cell.
    assert re.search(r"\x1b\[\d+;1H\x1b\[[\d;]+m 0101 ", drawn)
    assert re.search(r"\x1b\[\d+;1H\x1b\[[\d;]+m 0102 ", drawn)
    assert sent < 400


def test_a_focus_move_sends_what_it_changes_not_the_screen(village_file):
    session = _roster_session(village_file)
    try:
        sent = {}
        for key in (b"/", b"\x1b", b"a", b"\r"):   # search line, back, a form, next field
            start = len(session.output)
            sent[key] = (session.press(key, quiet=0.5),
                         _lines_touched(bytes(session.output[start:]).decode()))
    finally:
        session.close()
    into_search, into_search_lines = sent[b"/"]
    # The search line (2), the table's cursor row (4) in its unfocused look, the footer (24).
    assert into_search_lines == {2, 4, 24} and into_search < 1200
    assert sent[b"\x1b"][1] == {2, 4, 24}
    next_field, next_field_lines = sent[b"\r"]
    assert len(next_field_lines) <= 2 and next_field < 500   # the field left, the field entered
