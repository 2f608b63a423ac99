"""What a clerk waits for from the store, timed in this process on the big village.

Reads run on the big file as generated. Writes (opening a review, proposing an
award, a basket at the counter) run on a scratch copy made with SQLite's backup
API, each a real transaction committed to disk, so the big file stays as it was.
"""

import random
from dataclasses import replace
from datetime import date
from pathlib import Path

from bench.figures import Figure, Target, timed
from store import db
from store.actor import resolve_actor
from store.demo_reviews import ATTENDEES
from store.goods import list_goods
from store.ledger import balance, entries
from store.meeting import meeting_state
from store.models import Household, Review, Settlement
from store.notices import Request, build
from store.periods import period_of
from store.policy import parse_policy
from store.print_layout import Layout
from store.redemption import redeem, standing
from store.reviews import open_review, propose_award, quarter_results
from store.shipped import shipped_text
from tui.i18n import t

RANKED_POLICY = "policy-quarterly-virtue.toml"


def sample_cards(count: int, seed: int = 0) -> list[str]:
    """Active households picked at random (the same ones each run)."""
    cards = [card for (card,) in Household.select(Household.card_no)
             .where(Household.status == "active").order_by(Household.id).tuples()]
    return random.Random(seed).sample(cards, min(count, len(cards)))


def last_settled() -> str:
    """The latest quarter settled: a full quarter's sheet."""
    return Settlement.select(Settlement.period).order_by(Settlement.period.desc()).first().period


def reads(path: Path, today: date, repeats: int) -> list[Figure]:
    db.open_village(path)
    try:
        cards = sample_cards(repeats)
        review = (Review.select().where(Review.status == "finalized")
                  .order_by(Review.id.desc()).first())
        # The big village scores monthly, unranked (篇五); a ranked village of the same size:
        # the quarterly scheme's rules with every household covered, not only the poor.
        ranked = replace(parse_policy(shipped_text(RANKED_POLICY)), covers="all")
        settled = last_settled()
        layout = Layout()
        return [
            Figure("3 balance", "balance of one household (store.ledger.balance)", "ms",
                   timed(balance, cards), Target(2, "under 2 ms")),
            Figure("3 ledger", "a household's ledger: every entry, running balance "
                   "(store.ledger.entries)", "ms", timed(entries, cards)),
            Figure("3 ranking", f"a ranking of all households (store.reviews.quarter_results, "
                   f"{RANKED_POLICY} covering all)", "ms",
                   timed(lambda _: quarter_results(review, ranked), range(repeats)),
                   Target(100, "under 100 ms")),
            Figure("3 eligibility", "may this household redeem now (store.redemption.standing)",
                   "ms", timed(lambda card: standing(card, today), cards),
                   Target(100, "under 100 ms")),
            Figure("6 board", "points board of the whole village (notice board, 80 columns)",
                   "ms", timed(lambda _: build("board", Request(), today, t, layout),
                               range(repeats)), Target(500, "under 500 ms")),
            Figure("6 settlement", f"settlement sheet of {settled} (notice settlement)",
                   "ms", timed(lambda _: build("settlement", Request(period=settled),
                                               today, t, layout), range(repeats))),
        ]
    finally:
        db.close_village()


def writes(path: Path, today: date, repeats: int) -> list[Figure]:
    scratch = path.with_name(f"{path.stem}.bench-scratch{path.suffix}")
    db.discard(scratch)
    db.open_village(path)
    db.backup_to(scratch)
    db.open_village(scratch)
    try:
        return [*_meeting(today, repeats), _counter(today, repeats)]
    finally:
        db.discard(scratch)


def _meeting(today: date, repeats: int) -> list[Figure]:
    actor = resolve_actor(today=today)
    period = str(period_of(today, "month"))

    def open_and_show(_) -> None:
        # Rolled back each time, so it can be timed again: everything but the commit.
        with db.database.atomic() as transaction:
            open_review(actor, period, ATTENDEES)
            meeting_state(today)
            transaction.rollback()

    opening = timed(open_and_show, range(repeats))
    open_review(actor, period, ATTENDEES)
    showing = timed(lambda _: meeting_state(today), range(repeats))
    pending = [entry for entry in meeting_state(today).entries if entry.pending]
    waiting = len(pending)

    def propose(entry) -> None:
        item = entry.item
        points = item.min_points if item.meeting_sets_points else None
        propose_award(actor, entry.card, item.id, points=points, deed_id=entry.deed.id)

    proposing = timed(propose, pending[:repeats])
    refreshing = timed(lambda entry: (propose(entry), meeting_state(today)),
                       pending[repeats:2 * repeats])
    return [
        Figure("4 open", f"open a review with {waiting} deeds waiting, and its meeting "
               "screen's read (rolled back: no commit)", "ms", opening),
        Figure("4 meeting", "the meeting screen's read (store.meeting.meeting_state)", "ms",
               showing),
        Figure("4 propose", "propose one award (store.reviews.propose_award, committed)", "ms",
               proposing, Target(20, "under 20 ms")),
        Figure("4 propose+read", "propose one award and read the meeting screen again", "ms",
               refreshing),
    ]


def _counter(today: date, repeats: int) -> Figure:
    """Baskets of two goods each, the cheapest on the shelf, for households that can pay."""
    actor = resolve_actor(today=today)
    shelf = sorted((item for item in list_goods() if item.area == "goods" and item.available),
                   key=lambda item: item.price)
    pairs = [shelf[2 * run:2 * run + 2] for run in range(min(repeats, len(shelf) // 2))]
    price = max(first.price + second.price for first, second in pairs)
    cards = [card for card in sample_cards(10 * repeats, seed=1)
             if standing(card, today).spendable >= price]
    baskets = [[(first.id, 1), (second.id, 1)] for first, second in pairs]
    return Figure("5 redemption", "a basket handed over at the counter (store.redemption.redeem, "
                  "committed)", "ms",
                  timed(lambda pair: redeem(actor, *pair), list(zip(cards, baskets))))
