"""Plain text of a review for the notice board and for the households.

`result_notice` is a review's result notice (评议结果公示), posted for the
notice period; `points_slip` is the points slip (积分告知单) handed to one
household. Both are pure: the store's dataclasses in, text out. The words come
from `say(key, **params)`, the caller's message catalog, so the store still
phrases nothing itself. Widths are counted in terminal cells (a Chinese
character takes two): no line of a notice is wider than NOTICE_WIDTH, none of
a slip wider than SLIP_WIDTH, and the columns line up in a monospaced font
that draws Chinese two cells wide.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from rich.cells import cell_len, set_cell_size

from store.ledger import Balance
from store.objections import ObjectionInfo
from store.reviews import AwardInfo, ReviewInfo

Say = Callable[..., str]

NOTICE_WIDTH = 72
SLIP_WIDTH = 48
# ASCII, as in the screens' tables: "…" is East Asian "ambiguous", two cells in many fonts.
CUT_MARK = "~"


@dataclass(frozen=True)
class Column:
    title_key: str
    width: int
    align: str = "left"


NOTICE_COLUMNS = (Column("notice_text.col.award", 5, "right"), Column("notice_text.col.card", 8),
                  Column("notice_text.col.head", 10), Column("notice_text.col.item", 5),
                  Column("notice_text.col.item_name", 21),
                  Column("notice_text.col.points", 5, "right"),
                  Column("notice_text.col.state", 12))
SLIP_COLUMNS = (Column("notice_text.col.item", 5), Column("notice_text.col.item_name", 22),
                Column("notice_text.col.points", 5, "right"), Column("notice_text.col.state", 12))


# --- lines of a given width in cells ----------------------------------------------------

def fit(text: str, width: int, align: str = "left") -> str:
    """`text` padded or cut to exactly `width` cells."""
    if cell_len(text) > width:
        text = set_cell_size(text, width - 1).rstrip() + CUT_MARK
    padding = " " * (width - cell_len(text))
    return padding + text if align == "right" else text + padding


def centred(text: str, width: int) -> str:
    text = fit(text, width).rstrip()
    return " " * ((width - cell_len(text)) // 2) + text


def right(text: str, width: int) -> str:
    return fit(text, width, "right")


# A word of Latin letters and digits stays whole; any other character may end a line.
_TOKENS = re.compile(r"\s+|[!-~\u00c0-\u024f]+|\S")


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells: breaks at spaces, or between Chinese characters."""
    lines, line = [], ""
    for token in _TOKENS.findall(text):
        if token.isspace():
            line += token if line else ""  # spaces inside a line stay; none start one
            continue
        if line and cell_len(line + token) > width:
            lines.append(line.rstrip())
            line = ""
        while len(token) > width:  # a word longer than a line (narrow letters only): cut it
            lines.append(token[:width])
            token = token[width:]
        line += token
    return [*lines, line.rstrip()]


def table_lines(columns: Sequence[Column], rows: Sequence[Sequence[str]], say: Say) -> list[str]:
    """A heading and rows between rules, each column its width in cells."""
    width = sum(column.width for column in columns) + len(columns) - 1

    def line(values: Sequence[str]) -> str:
        return " ".join(fit(value, column.width, column.align)
                        for column, value in zip(columns, values)).rstrip()

    return ["-" * width, line([say(column.title_key) for column in columns]), "-" * width,
            *(line(row) for row in rows), "-" * width]


# --- what a notice shows ------------------------------------------------------------------

def on_notice(review: ReviewInfo) -> list[AwardInfo]:
    """The awards the notice lists: all but those withdrawn at the meeting."""
    return [award for award in review.awards if award.status != "withdrawn"]


def award_state(award: AwardInfo, objections: Sequence[ObjectionInfo], say: Say) -> str:
    """The award's state in a few words: held back, changed or cancelled by an objection..."""
    if award.open_objections:
        return say("notice_text.state.objected")
    changed = any(objection.award == award.id and objection.status == "upheld"
                  for objection in objections)
    if award.status == "cancelled":
        return say("notice_text.state.cancelled")
    if changed:
        return say("notice_text.state.changed")
    return say("notice_text.state.effective" if award.status == "effective"
               else "notice_text.state.proposed")


def in_force(awards: Sequence[AwardInfo]) -> list[AwardInfo]:
    return [award for award in awards if award.status in ("proposed", "effective")]


def result_notice(village: str, review: ReviewInfo, objections: Sequence[ObjectionInfo],
                  say: Say, today: date, *, name_deductions: bool = False) -> str:
    """The result notice of a closed (or finalized) review, for the notice board.

    A deduction's household is not named unless the policy says so (D10).
    """
    width = NOTICE_WIDTH
    awards = on_notice(review)
    counted = in_force(awards)
    days = (review.notice_last_day - review.closed_on).days
    lines = [centred(say("notice_text.title", village=village), width), "",
             *wrap(say("notice_text.review", id=review.id, period=review.period,
                       closed=review.closed_on), width),
             *wrap(say("notice_text.notice_period", first=review.closed_on + timedelta(days=1),
                       last=review.notice_last_day, days=days), width),
             ""]
    rows = [(str(award.id), *_named(award, name_deductions, say), award.item_id,
             award.item_name, str(award.points), award_state(award, objections, say))
            for award in awards]
    if rows:
        lines += table_lines(NOTICE_COLUMNS, rows, say)
    else:
        lines.append(say("notice_text.no_awards"))
    lines += wrap(say("notice_text.total", households=len({a.household for a in counted}),
                      count=len(counted), points=sum(a.points for a in counted)), width)
    lines += ["", *wrap(say("notice_text.how_to_object", last=review.notice_last_day), width),
              "", right(say("notice_text.signed", village=village, day=today), width)]
    return "\n".join(lines) + "\n"


def _named(award, name_deductions: bool, say: Say) -> tuple[str, str]:
    """Card and head, or a blank for a deduction the policy keeps unnamed (D10)."""
    if award.points < 0 and not name_deductions:
        return "", say("notice_text.unnamed")
    return award.household, award.head


def points_slip(village: str, review: ReviewInfo, card: str, balance: Balance,
                objections: Sequence[ObjectionInfo], say: Say, today: date) -> str:
    """The points slip of one household: its awards at this review and its balance."""
    width = SLIP_WIDTH
    awards = [award for award in on_notice(review) if award.household == card]
    head = awards[0].head if awards else ""
    lines = [centred(say("notice_text.slip_title", village=village), width), "",
             *wrap(say("notice_text.slip_household", card=card, head=head), width),
             *wrap(say("notice_text.slip_review", id=review.id, period=review.period,
                       closed=review.closed_on), width)]
    rows = [(award.item_id, award.item_name, str(award.points),
             award_state(award, objections, say)) for award in awards]
    lines += table_lines(SLIP_COLUMNS, rows, say)
    lines += wrap(say("notice_text.slip_total",
                      points=sum(award.points for award in in_force(awards))), width)
    lines += wrap(say("notice_text.slip_balance", day=today, spendable=balance.spendable,
                      honour=balance.honour), width)
    if review.status == "closed":
        lines += wrap(say("notice_text.slip_pending", last=review.notice_last_day), width)
    lines += ["", right(say("notice_text.signed", village=village, day=today), width)]
    return "\n".join(lines) + "\n"


def slip_households(review: ReviewInfo) -> list[str]:
    """The cards of the households on the notice, in card order: one slip each."""
    return sorted({award.household for award in on_notice(review)})


def points_slips(village: str, review: ReviewInfo, balances: Mapping[str, Balance],
                 objections: Sequence[ObjectionInfo], say: Say, today: date) -> str:
    """A slip for each household in `balances`, with a line to cut along between them."""
    words = f" {say('notice_text.cut')} "
    left = (SLIP_WIDTH - cell_len(words)) // 2
    cut = "-" * left + words + "-" * (SLIP_WIDTH - left - cell_len(words))
    slips = [points_slip(village, review, card, balances[card], objections, say, today)
             for card in sorted(balances)]
    return f"\n{cut}\n\n".join(slips)
