"""Corner cases found in review: order of deductions, a deduction from nothing, merging
with awards on notice, honours after a merge, and a year close with later credits."""

from datetime import date

import pytest

from store import check, ledger, reviews, roster
from store.errors import JifenError
from store.year_end import close_year, honours
from tests.store.points_helpers import adopt, households, later, on

NOV = date(2026, 11, 26)


@pytest.fixture
def template_month(actor):
    """The template's bonuses and deductions under the Mazigou policy (no cap)."""
    actor = on(actor, NOV)
    adopt(actor, "virtue-template", "mazigou")
    households(actor, 3)
    reviews.open_review(actor, "2026-11")
    return actor


def test_a_deduction_counts_the_same_before_or_after_a_bonus(template_month):
    reviews.propose_award(template_month, "001", "3.2")   # -10 first
    reviews.propose_award(template_month, "001", "4.1")   # +10
    reviews.propose_award(template_month, "002", "4.1")   # +10 first
    reviews.propose_award(template_month, "002", "3.2")   # -10
    reviews.close_review(template_month)
    reviews.finalize_review(later(template_month, 4))
    assert ledger.balance("001").spendable == ledger.balance("002").spendable == 0
    assert ledger.balance("001").honour == ledger.balance("002").honour == 10


def test_a_deduction_from_an_empty_balance_leaves_a_sound_file(template_month):
    reviews.propose_award(template_month, "003", "3.2")
    reviews.close_review(template_month)
    reviews.finalize_review(later(template_month, 4))
    assert ledger.balance("003").spendable == 0
    assert check.check_village() == []


def test_no_merge_or_close_while_awards_wait_for_their_notice(template_month):
    reviews.propose_award(template_month, "001", "4.1")
    for call in (lambda: roster.merge_household(template_month, "001", "002", "合户"),
                 lambda: roster.close_household(template_month, "001", "迁出")):
        with pytest.raises(JifenError) as caught:
            call()
        assert caught.value.key == "household.awards_pending"


def test_honour_points_follow_a_merge_into_the_years_honours(template_month):
    reviews.propose_award(template_month, "001", "4.1")
    reviews.close_review(template_month)
    reviews.finalize_review(later(template_month, 4))
    roster.merge_household(later(template_month, 5), "001", "002", "合户")
    assert [(h.household, h.points) for h in honours(2026, count=5)] == [("002", 10)]
    assert check.check_village() == []


def test_a_year_close_keeps_the_points_of_a_later_period(actor):
    actor = on(actor, date(2026, 12, 26))
    adopt(actor, "virtue-template", "quarterly-virtue")
    households(actor, 1, poor_every=1)
    reviews.open_review(actor, "2026Q4")
    reviews.propose_award(actor, "001", "4.1")           # 110
    reviews.close_review(actor)
    reviews.finalize_review(later(actor, 4))
    spring = on(actor, date(2027, 3, 26))
    reviews.open_review(spring, "2027Q1")                 # 100
    reviews.close_review(spring)
    reviews.finalize_review(later(spring, 4))
    assert ledger.balance("001").spendable == 210
    assert close_year(on(actor, date(2027, 4, 2)), 2026) == 1
    assert ledger.balance("001").spendable == 100         # 2027Q1's points stay
    with pytest.raises(JifenError) as caught:
        close_year(on(actor, date(2027, 4, 2)), 2027)
    assert caught.value.key == "year.not_over"


def test_the_year_close_is_due_after_the_january_window_d5(actor):
    from store.year_end import year_close_due

    adopt(actor, "virtue-template", "quarterly-virtue")
    assert year_close_due(date(2027, 1, 5)) is None        # the window is still open
    assert year_close_due(date(2027, 1, 6)) == 2026
    close_year(on(actor, date(2027, 1, 6)), 2026)
    assert year_close_due(date(2027, 1, 7)) is None        # done


def test_no_year_close_under_a_policy_that_accumulates(actor):
    from store.year_end import year_close_due

    adopt(actor, "mazigou", "mazigou")
    assert year_close_due(date(2027, 1, 10)) is None
