"""A review's result notice (评议结果公示) and the points slip (积分告知单).

`review_notice` and `slip_notice` are the builders the notice registry
(store/notices.py) names: each reads what its notice needs into a small frozen
dataclass (`review_data`, `slip_data`), and a pure function lays it out
(`review_text`, `slip_text`) with store/print_layout.py, so the data and the
arguments decide every character. The words come from `say`, the caller's
message catalog (keys `notice_text.`): the store phrases nothing itself.

Widths: the notice works at 80 and 48 columns, the slip at 80, 48 and 32 (a
58 mm receipt printer). Narrow lines get fewer columns and shorter words; a
long item name wraps inside its column, never cut. Privacy (D10): a deduction's
household is not named on the notice unless the policy's `name_deductions`
says so; the slip is the household's own paper and lists its deductions. No ID
or phone number is ever printed.

The notice desk (tui/screens/notices.py) uses `on_notice`, `award_state`,
`in_force`, `slip_households`, `result_notice` and `points_slips`.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import peewee

from store.adoption import policy_version
from store.errors import JifenError
from store.ledger import Balance, household_row
from store.models import Award, LedgerEntry, Review
from store.notices import Notice, Request, printed, with_chain_head
from store.objections import ObjectionInfo, objections_of
from store.print_layout import Col, Layout, Say, cells, centred, right, table, wrap
from store.reviews import AwardInfo, ReviewInfo, review_info
from store.staff import Signers, signers
from store.village import village_info

WIDE = 60            # from this many columns: card and item number on the notice, full states
RECEIPT = 40         # below this many: the slip's receipt layout (no item number)
# The notice desk's preview (an 80-column terminal) shows its notice whole at 72 columns;
# its slips are half a page, to cut apart.
NOTICE_LAYOUT = Layout(width=72)
SLIP_LAYOUT = Layout(width=48)


# --- what a notice shows ------------------------------------------------------------------

def on_notice(review: ReviewInfo) -> list[AwardInfo]:
    """The awards the notice lists: all but those withdrawn at the meeting."""
    return [award for award in review.awards if award.status != "withdrawn"]


def _state(award: AwardInfo, objections: Sequence[ObjectionInfo]) -> str:
    if award.open_objections:
        return "objected"
    if award.status == "cancelled":
        return "cancelled"
    if any(objection.award == award.id and objection.status == "upheld"
           for objection in objections):
        return "changed"
    return "effective" if award.status == "effective" else "proposed"


def award_state(award: AwardInfo, objections: Sequence[ObjectionInfo], say: Say, *,
                short: bool = False) -> str:
    """The award's state in a few words: held back, changed or cancelled by an objection..."""
    return say(f"notice_text.{'state_short' if short else 'state'}.{_state(award, objections)}")


def in_force(awards: Sequence[AwardInfo]) -> list[AwardInfo]:
    return [award for award in awards if award.status in ("proposed", "effective")]


def slip_households(review: ReviewInfo) -> list[str]:
    """The cards of the households on the notice, in card order: one slip each."""
    return sorted({award.household for award in on_notice(review)})


# --- who signs ----------------------------------------------------------------------------

def _signatures(village: str, who: Signers, today: date, say: Say, layout: Layout,
                *, supervisor: bool = True) -> list[str]:
    if supervisor and who.supervisor:
        names = say("notice_text.signers", clerk=who.clerk or "-", supervisor=who.supervisor)
    else:
        names = say("notice_text.signers_clerk", clerk=who.clerk or "-")
    return ["", *wrap(names, layout),
            *right(say("notice_text.signed", village=village, day=today), layout)]


# --- the review result notice ---------------------------------------------------------------

@dataclass(frozen=True)
class ReviewData:
    village: str
    review: ReviewInfo
    objections: tuple[ObjectionInfo, ...]
    name_deductions: bool            # D10: the policy the review worked under names them
    signers: Signers


def review_notice(request: Request, today: date, say: Say, layout: Layout) -> Notice:
    """The result notice of the review asked for, or of the latest one past its meeting."""
    return review_text(review_data(request.review), today, say, layout)


def review_data(review_id: int | None) -> ReviewData:
    if review_id is None:
        latest = (Review.select(Review.id).where(Review.status.in_(("closed", "finalized")))
                  .order_by(Review.id.desc()).first())
        if latest is None:
            raise JifenError("review.none_closed")
        review_id = latest.id
    review = review_info(review_id)
    if review.status == "open":
        raise JifenError("notice_text.review_open", review=review.id)
    policy = policy_version(review.policy_version).document
    return ReviewData(village_info().name, review, tuple(objections_of(review.id)),
                      policy.name_deductions, signers())


# On a narrow notice the states an objection brought are told beside the item; the others
# (on notice, posted) are the notice's own.
_TOLD = ("objected", "changed", "cancelled")


def _wide(layout: Layout) -> bool:
    return layout.width >= WIDE


def _col(key: str, say: Say, align: str = "left", wrap: bool = False) -> Col:
    return Col(say(f"notice_text.col.{key}"), align, wrap)


def review_text(data: ReviewData, today: date, say: Say, layout: Layout) -> Notice:
    """Each award on the notice (withdrawn ones are not), its points and state; the total;
    the notice period and how to object; who signs."""
    review = data.review
    awards = on_notice(review)
    counted = in_force(awards)
    first, last = review.closed_on + timedelta(days=1), review.notice_last_day
    head = [*centred(say("notice_text.title", village=data.village), layout),
            *wrap(say("notice_text.review", id=review.id, period=review.period,
                         closed=review.closed_on), layout)]
    body = [*wrap(say("notice_text.notice_period", first=first, last=last,
                         days=(last - review.closed_on).days), layout)]
    wide = _wide(layout)
    if wide:
        columns = [_col("award", say, "right"), _col("card", say), _col("head", say),
                   _col("item", say), _col("item_name", say, wrap=True),
                   _col("points", say, "right"), _col("state", say)]
    else:   # the state goes with the item, where it is not the notice's own
        columns = [_col("award", say, "right"), _col("head", say),
                   _col("item_name", say, wrap=True), _col("points", say, "right")]
    rows = []
    hidden = False
    for award in awards:
        unnamed = award.points < 0 and not data.name_deductions
        hidden = hidden or unnamed
        card, name = ("", say("notice_text.unnamed")) if unnamed else (award.household,
                                                                       award.head)
        if wide:
            rows.append([str(award.id), card, name, award.item_id, award.item_name,
                         str(award.points), award_state(award, data.objections, say, short=True)])
            continue
        item = award.item_name
        if _state(award, data.objections) in _TOLD:
            item = say("notice_text.item_state", item=item,
                       state=award_state(award, data.objections, say, short=True))
        rows.append([str(award.id), name, item, str(award.points)])
    if not rows:
        body += wrap(say("notice_text.no_awards"), layout)
        body += _signatures(data.village, data.signers, today, say, layout)
        return Notice(head, body)
    body += table(columns, rows, layout)
    body += wrap(say("notice_text.total",
                        households=len({award.household for award in counted}),
                        count=len(counted), points=sum(a.points for a in counted)), layout)
    if any(_state(award, data.objections) in _TOLD for award in awards):
        body += wrap(say("notice_text.states_explained"), layout)
    if hidden:
        body += wrap(say("notice_text.deductions_hidden"), layout)
    body.append("")
    if review.finalized_on is not None:
        body += wrap(say("notice_text.finalized", day=review.finalized_on), layout)
    elif today > last:
        body += wrap(say("notice_text.notice_over"), layout)
    elif data.signers.supervisor:
        body += wrap(say("notice_text.how_to_object_supervisor", last=last,
                            supervisor=data.signers.supervisor), layout)
    else:
        body += wrap(say("notice_text.how_to_object", last=last), layout)
    body += _signatures(data.village, data.signers, today, say, layout)
    return Notice(head, body)


def result_notice(village: str, review: ReviewInfo, objections: Sequence[ObjectionInfo],
                  say: Say, today: date, *, name_deductions: bool = False,
                  layout: Layout = NOTICE_LAYOUT) -> str:
    """The result notice as one text, for the notice desk's preview (reads the signers)."""
    data = ReviewData(village, review, tuple(objections), name_deductions, signers())
    notice = with_chain_head(review_text(data, today, say, layout), say, layout)
    return _as_text(printed(notice, say, layout))


def _as_text(lines: Sequence[str]) -> str:
    return "".join(line.rstrip() + "\n" for line in lines)


# --- the points slip ------------------------------------------------------------------------

@dataclass(frozen=True)
class Holder:
    """A household as its own papers name it: card, head, villager group."""

    card: str
    head: str
    group: str


def holder(card: str) -> Holder:
    row = household_row(card)
    return Holder(row.card_no, row.head, row.group.name if row.group_id else "")


@dataclass(frozen=True)
class SlipData:
    village: str
    holder: Holder
    review: ReviewInfo | None        # None: the household has never been on a notice
    objections: tuple[ObjectionInfo, ...]
    balance: Balance
    signers: Signers


def slip_notice(request: Request, today: date, say: Say, layout: Layout) -> Notice:
    """The slip of `request.household` for the review asked for, or for the latest review
    past its meeting that lists the household."""
    return slip_text(slip_data(request.household, request.review, today), today, say, layout)


def balance_on(card: str, day: date) -> Balance:
    """The household's balances at the end of `day`: entries dated later do not count yet."""
    row = household_row(card)
    sums = dict(LedgerEntry.select(LedgerEntry.account, peewee.fn.SUM(LedgerEntry.points))
                .where(LedgerEntry.household == row, LedgerEntry.day <= day)
                .group_by(LedgerEntry.account).tuples())
    return Balance(row.card_no, sums.get("spendable", 0), sums.get("honour", 0))


def slip_data(card: str, review_id: int | None, today: date) -> SlipData:
    row = household_row(card)
    if review_id is None:
        latest = (Award.select(peewee.fn.MAX(Award.review))
                  .join(Review)
                  .where(Award.household == row, Award.status != "withdrawn",
                         Review.status.in_(("closed", "finalized")))
                  .scalar())
        review = review_info(latest) if latest is not None else None
    else:
        review = review_info(review_id)
        if review.status == "open":
            raise JifenError("notice_text.review_open", review=review.id)
    objections = tuple(objections_of(review.id)) if review else ()
    return SlipData(village_info().name, holder(row.card_no), review, objections,
                    balance_on(row.card_no, today), signers())


def first_fit(choices: Sequence[Sequence[str]], layout: Layout) -> list[str]:
    """The first of `choices` (each a few lines, from one line to one line per part) whose
    every line fits the layout; the last one wrapped when none does."""
    for lines in choices:
        if all(cells(line, layout) <= layout.width for line in lines):
            return list(lines)
    return [line for part in choices[-1] for line in wrap(part, layout)]


def holder_lines(who: Holder, say: Say, layout: Layout) -> list[str]:
    """Head, card and villager group on a line; where the line is short, the group under the
    head and card, or each on its own line."""
    head = say("notice_text.slip_household", head=who.head, card=who.card)
    if not who.group:
        return first_fit([[head], [say("notice_text.part.head", head=who.head),
                                   say("notice_text.part.card", card=who.card)]], layout)
    group = say("notice_text.part.group", group=who.group)
    return first_fit([[say("notice_text.slip_household_group", head=who.head, card=who.card,
                           group=who.group)],
                      [head, group],
                      [say("notice_text.part.head", head=who.head),
                       say("notice_text.part.card", card=who.card), group]], layout)


def _review_lines(review: ReviewInfo, say: Say, layout: Layout) -> list[str]:
    return first_fit([[say("notice_text.slip_review", id=review.id, period=review.period,
                           closed=review.closed_on)],
                      [say("notice_text.part.review", id=review.id, period=review.period),
                       say("notice_text.part.closed", closed=review.closed_on)]], layout)


def slip_text(data: SlipData, today: date, say: Say, layout: Layout) -> Notice:
    """The household's awards at the review, their total, its balance today, when the
    points on notice count; the clerk's name."""
    head = [*centred(say("notice_text.slip_title", village=data.village), layout),
            *holder_lines(data.holder, say, layout)]
    review = data.review
    if review is None:
        body = wrap(say("notice_text.slip_no_review"), layout)
        awards = []
    else:
        awards = [award for award in on_notice(review) if award.household == data.holder.card]
        body = _review_lines(review, say, layout)
        receipt = layout.width < RECEIPT
        columns = [*([] if receipt else [_col("item", say)]), _col("item_name", say, wrap=True),
                   _col("points", say, "right"), _col("state", say)]
        rows = [[*([] if receipt else [award.item_id]), award.item_name, str(award.points),
                 award_state(award, data.objections, say, short=receipt)] for award in awards]
        if rows:
            body += table(columns, rows, layout)
            body += wrap(say("notice_text.slip_total",
                                points=sum(award.points for award in in_force(awards))),
                            layout)
        else:
            body += wrap(say("notice_text.slip_not_on_review"), layout)
        held = sum(award.points for award in awards if award.open_objections)
        if held:
            body += wrap(say("notice_text.slip_held", points=held), layout)
    body += wrap(say("notice_text.slip_balance", day=today,
                        spendable=data.balance.spendable, honour=data.balance.honour), layout)
    if review is not None and review.status == "closed" and awards:
        body += wrap(say("notice_text.slip_pending", last=review.notice_last_day), layout)
    body += _signatures(data.village, data.signers, today, say, layout, supervisor=False)
    return Notice(head, body)


def points_slips(village: str, review: ReviewInfo, balances: Mapping[str, Balance],
                 objections: Sequence[ObjectionInfo], say: Say, today: date,
                 layout: Layout = SLIP_LAYOUT) -> str:
    """A slip for each household in `balances`, in card order, with a line to cut along
    between them (for the notice desk; reads the households and the signers)."""
    words = f" {say('notice_text.cut')} "
    left = (layout.width - cells(words, layout)) // 2
    cut = "-" * left + words + "-" * (layout.width - left - cells(words, layout))
    who = signers()
    slips = []
    for card in sorted(balances):
        data = SlipData(village, holder(card), review, tuple(objections), balances[card], who)
        notice = with_chain_head(slip_text(data, today, say, layout), say, layout)
        slips.append(_as_text(printed(notice, say, layout)))
    return f"\n{cut}\n\n".join(slips)
