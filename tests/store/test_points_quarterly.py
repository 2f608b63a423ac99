"""A quarter under the quarterly virtue scheme (篇三): poor households only, base 100,
deductions, ranking with a tie at the 60% line, the 80 rule, credits, the window, the reset."""

from datetime import date

import pytest

from store import ledger, reviews, rules
from store.adoption import current_policy
from store.errors import JifenError
from store.objections import raise_objection, resolve_objection
from store.year_end import close_year, honours
from tests.store.points_helpers import adopt, households, later, leader, on

CLOSE = date(2026, 12, 26)   # 篇三: summary before the 28th of the quarter's last month


@pytest.fixture
def quarter(actor):
    actor = on(actor, CLOSE)
    adopt(actor, "virtue-template", "quarterly-virtue")
    households(actor, 12, poor_every=1)           # 001..012 all registered poor
    from store import roster
    from store.roster import HouseholdFields

    roster.add_household(actor, HouseholdFields(card_no="100", head="非贫困户", poor=False))
    reviews.open_review(actor, "2026Q4", "第一书记,村两委,村民代表")
    return actor


def test_only_registered_poor_households_are_scored(quarter):
    with pytest.raises(JifenError) as caught:
        reviews.propose_award(quarter, "100", "1.1")
    assert caught.value.key == "review.not_covered"


def test_a_month_is_not_a_period_of_a_quarterly_scheme(quarter):
    with pytest.raises(JifenError) as caught:
        reviews.open_review(quarter, "2026-12")
    assert caught.value.key in ("review.one_open", "review.wrong_period")


def _score(actor, card, *items):
    for item in items:
        reviews.propose_award(actor, card, item)


def test_the_quarter(quarter):
    # Scores (base 100): 001 120, 002 115, 003 110, 004 110, 005 105, 006 100, 007 100,
    # 008 100, 009 95, 010 85, 011 78, 012 100 with a disputed deduction.
    _score(quarter, "001", "4.1", "7.1")             # +10 +10
    _score(quarter, "002", "4.1", "1.1")             # +15
    _score(quarter, "003", "7.2")                    # +10
    _score(quarter, "004", "4.1")                    # +10
    _score(quarter, "005", "1.1")                    # +5
    _score(quarter, "009", "1.1", "3.2")             # +5 -10
    _score(quarter, "010", "1.3", "3.2")             # -5 -10
    _score(quarter, "011", "2.5", "4.4", "6.4", "5.2", "1.4", "1.5")  # -5 -10 -5 +3 -3 -3
    disputed = reviews.propose_award(quarter, "012", "3.3")   # -10, objection upheld: cancelled
    reviews.close_review(quarter)
    objection = raise_objection(later(quarter, 1), disputed.id, "村民代表", "打架时是劝架")
    with pytest.raises(JifenError) as caught:
        reviews.finalize_review(later(quarter, 4))
    assert caught.value.key == "review.ranked_objections_open"
    resolve_objection(leader(later(quarter, 4)), objection.id, upheld=True, reason="核实为劝架")
    reviews.finalize_review(later(quarter, 4))

    policy = current_policy().document
    from store.models import Review

    ranked = {r.key: r for r in reviews.quarter_results(Review.get(), policy)}
    from store.models import Household

    by_card = {Household.get_by_id(key).card_no: entry for key, entry in ranked.items()}
    scores = {card: entry.score for card, entry in by_card.items()}
    assert scores == {"001": 120, "002": 115, "003": 110, "004": 110, "005": 105, "006": 100,
                      "007": 100, "008": 100, "009": 95, "010": 85, "011": 77, "012": 100}
    # 12 households: ceil(0.6 x 12) = 8 places; the 8th place (100) is shared by 006, 007,
    # 008 and 012, so all four are in; 009 (rank 10) is not.
    eligible = sorted(card for card, entry in by_card.items() if entry.eligible)
    assert eligible == ["001", "002", "003", "004", "005", "006", "007", "008", "012"]
    assert by_card["010"].counts_for_year and not by_card["010"].eligible
    assert not by_card["011"].counts_for_year            # 77 < 80: not toward the year
    assert ledger.balance("001") == ledger.Balance("001", 120, 120)
    assert ledger.balance("010") == ledger.Balance("010", 0, 85)
    assert ledger.balance("011") == ledger.Balance("011", 0, 0)
    assert ledger.balance("100") == ledger.Balance("100", 0, 0)

    # The window (D5) and the reset: not before the window of next year is over.
    assert not rules.redemption_open(policy, later(quarter, 4).today)
    assert rules.redemption_open(policy, date(2027, 1, 3))
    with pytest.raises(JifenError) as caught:
        close_year(on(quarter, date(2027, 1, 5)), 2026)
    assert caught.value.key == "year.too_early" and caught.value.params["day"] == "2027-01-06"
    assert close_year(on(quarter, date(2027, 1, 6)), 2026) == 9
    assert ledger.balance("001") == ledger.Balance("001", 0, 120)   # honour points stay
    with pytest.raises(JifenError) as caught:
        close_year(on(quarter, date(2027, 1, 7)), 2026)
    assert caught.value.key == "year.already_closed"

    named = honours(2026)
    assert [h.household for h in named][:3] == ["001", "002", "003"]
    # Ranks 1, 2, 3, 3, 5, then four share 6; 009 is 10th: ten named, as the policy says.
    assert [h.rank for h in named] == [1, 2, 3, 3, 5, 6, 6, 6, 6, 10]
    assert named[-1].household == "009"
