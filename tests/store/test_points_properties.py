"""Property: any sequence of proposals, withdrawals, objections and finalizations keeps the
cap and the budget (D2), keeps spendable balances at or above zero, and leaves ledger
entries only for effective awards, each balance being the sum of its entries."""

from datetime import date, timedelta

import peewee
import pytest
from hypothesis import given, settings, strategies as st

from store import check, db, ledger, reviews, village
from store.actor import resolve_actor
from store.errors import JifenError
from store.models import Award, LedgerEntry
from store.objections import raise_objection, resolve_objection
from tests.store.points_helpers import adopt, households, leader, on

CARDS = ["001", "002", "003"]
# 篇五 items (one set by the meeting), and the template's bonuses and deductions.
ITEMS = {"mazigou": ["5.2", "5.3", "2.2", "6.3", "8.1"],
         "virtue-template": ["1.1", "4.1", "7.1", "3.2", "1.3"]}

operation = st.one_of(
    st.tuples(st.just("award"), st.sampled_from(CARDS), st.integers(0, 4),
              st.integers(1, 40), st.booleans()),
    st.tuples(st.just("withdraw"), st.integers(1, 30)),
    st.tuples(st.just("object"), st.integers(1, 30)),
    st.tuples(st.just("resolve"), st.integers(1, 10), st.booleans(), st.integers(1, 30)),
    st.tuples(st.just("close")),
    st.tuples(st.just("finalize")),
    st.tuples(st.just("wait"), st.integers(1, 5)),
    st.tuples(st.just("open")),
)


def _apply(actor, step, items):
    kind = step[0]
    if kind == "award":
        _, card, which, points, trim = step
        item = items[which]
        reviews.propose_award(actor, card, item, points=points if item == "8.1" else None,
                              trim=trim)
    elif kind == "withdraw":
        reviews.withdraw_award(actor, step[1], "撤回")
    elif kind == "object":
        raise_objection(actor, step[1], "村民", "有异议")
    elif kind == "resolve":
        _, objection, upheld, points = step
        resolve_objection(leader(actor), objection, upheld=upheld, reason="处理",
                          new_points=points if upheld and points % 2 else None)
    elif kind == "close":
        reviews.close_review(actor)
    elif kind == "finalize":
        reviews.finalize_review(actor)
    elif kind == "open":
        reviews.open_review(actor, "2026-11")


def _positive(query):
    points = peewee.fn.COALESCE(Award.final_points, Award.points)
    return query.select(peewee.fn.COALESCE(peewee.fn.SUM(points), 0)).where(points > 0).scalar()


def _check_invariants():
    counting = Award.select().where(Award.status.in_(("proposed", "effective")))
    for card in CARDS:
        household = ledger.household_row(card)
        assert _positive(counting.where(Award.household == household)) <= 20   # Tongguan cap
        spendable = ledger.account_balance(household, "spendable")
        assert spendable >= 0
        assert spendable == sum(e.points for e in LedgerEntry.select().where(
            LedgerEntry.household == household, LedgerEntry.account == "spendable"))
    assert _positive(counting) <= 250                                          # budget
    for award in Award.select():
        entries = LedgerEntry.select().where(LedgerEntry.award == award).count()
        if award.status != "effective":
            assert entries == 0
        elif award.points > 0:
            assert entries > 0
    assert check.check_village() == []


@pytest.mark.parametrize("rubric", sorted(ITEMS))
@settings(deadline=None)  # example counts come from the ci / long profiles
@given(steps=st.lists(operation, max_size=25))
def test_any_sequence_keeps_the_rules(tmp_path_factory, rubric, steps):
    path = tmp_path_factory.mktemp("village") / "v.jifen"
    village.create_village(path, name="东村", population=1000, clerk="王建国")
    try:
        actor = on(resolve_actor(), date(2026, 11, 2))
        adopt(actor, rubric, "tongguan")
        households(actor, 3)
        reviews.open_review(actor, "2026-11")
        for step in steps:
            if step[0] == "wait":
                actor = on(actor, actor.today + timedelta(days=step[1]))
                continue
            try:
                _apply(actor, step, ITEMS[rubric])
            except JifenError:
                pass          # a refusal changes nothing: the invariants must still hold
            _check_invariants()
    finally:
        db.close_village()
