"""What one cursor move in the roster sends through a real 80x24 pseudo-terminal: what
crosses a slow SSH link (issue 10: under 400 bytes). The two rows it changes and the
household's detail line: not the other rows, not the scrollbar column, each row in
one colour code."""

import re
import sys

from bench.terminal import DOWN, Session
from store import db
from store.actor import resolve_actor
from store.roster import insert_household
from tests.conftest import TODAY
from tests.tui.conftest import HOUSEHOLDS

MORE = 40   # households beyond the fixture's: more than a screenful, so a scrollbar


def test_a_cursor_move_sends_two_rows_and_the_detail(village_file):
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
