"""What the meeting screen reads: agenda order, standings and budget, in step with the rules."""

from datetime import date

import pytest

from store import deeds, meeting, reviews
from store.errors import JifenError
from store.models import Village
from tests.store.points_helpers import adopt, households, on

NOV = date(2026, 11, 26)


@pytest.fixture
def month(actor):
    actor = on(actor, NOV)
    adopt(actor, "mazigou", "tongguan")
    households(actor, 4)
    return actor


def test_without_an_open_review_the_current_period_is_offered(month):
    state = meeting.meeting_state(NOV)
    assert state.review is None and state.period_to_open == "2026-11"
    assert state.entries == () and state.rhythm == "month"


def test_without_a_policy_nothing_is_offered(actor):
    state = meeting.meeting_state(NOV)
    assert (state.review, state.period_to_open) == (None, "")


def test_the_agenda_is_this_reviews_awards_then_the_deeds_waiting(month):
    late = deeds.register_deed(month, "002", item_id="5.3", day=date(2026, 11, 20))
    early = deeds.register_deed(month, "001", item_id="2.2", day=date(2026, 11, 21))
    same_household = deeds.register_deed(month, "002", item_id="6.3", day=date(2026, 11, 2))
    reviews.open_review(month, "2026-11")
    spot = reviews.propose_award(month, "004", "5.4")
    state = meeting.meeting_state(NOV)
    assert [entry.key for entry in state.entries] == [
        ("award", spot.id), ("deed", early.id), ("deed", same_household.id), ("deed", late.id)]
    assert state.entries[0].deed is None and state.entries[0].item.name == "参加镇村义务活动"
    assert state.pending_count == 3 and state.first_pending() == 1
    assert state.entries[3].item.id == "5.3"


def test_a_withdrawn_award_stays_and_its_deed_waits_again(month):
    deed = deeds.register_deed(month, "001", item_id="5.3")
    reviews.open_review(month, "2026-11")
    award = reviews.propose_award(month, "001", "5.3", deed_id=deed.id)
    assert [entry.key for entry in meeting.meeting_state(NOV).entries] == [("award", award.id)]
    reviews.withdraw_award(month, award.id, "记错了")
    entries = meeting.meeting_state(NOV).entries
    assert [entry.key for entry in entries] == [("award", award.id), ("deed", deed.id)]
    assert entries[0].award.status == "withdrawn" and entries[0].deed.id == deed.id


def test_standings_and_budget_agree_with_the_refusals(month):
    Village.update(population=1).execute()
    reviews.open_review(month, "2026-11")
    reviews.propose_award(month, "001", "5.3")                    # 15 of 20
    deeds.register_deed(month, "001", item_id="5.3")
    state = meeting.meeting_state(NOV)
    standing = state.standings["001"]
    assert (standing.counted, standing.net, standing.cap, standing.left) == (15, 15, 20, 5)
    assert (state.budget.budget, state.budget.used, state.budget.left) == (250, 15, 235)
    with pytest.raises(JifenError) as refused:
        reviews.propose_award(month, "001", "5.3")
    assert refused.value.params["left"] == standing.left
    reviews.propose_award(month, "001", "5.3", trim=True)
    assert meeting.meeting_state(NOV).standings["001"].left == 0


def test_the_mazigou_policy_has_no_cap_and_no_budget(actor):
    actor = on(actor, NOV)
    adopt(actor, "mazigou", "mazigou")
    households(actor, 1)
    reviews.open_review(actor, "2026-11")
    reviews.propose_award(actor, "001", "5.2")
    state = meeting.meeting_state(NOV)
    assert (state.standings["001"].cap, state.standings["001"].left) == (None, None)
    assert (state.budget.budget, state.budget.used, state.budget.left) == (None, 20, None)


def test_a_household_standing_on_the_spot(month):
    reviews.open_review(month, "2026-11")
    reviews.propose_award(month, "003", "6.3")
    review = meeting.open_review_row()
    _, policy = reviews.review_rules(review)
    assert meeting.household_standing("2026-11", policy, "003").left == 15
    with pytest.raises(JifenError):
        meeting.household_standing("2026-11", policy, "999")


def test_the_household_for_an_award_on_the_spot(month):
    with pytest.raises(JifenError) as none_open:
        meeting.find_household("001")
    assert none_open.value.key == "review.none_open"
    reviews.open_review(month, "2026-11")
    assert meeting.find_household("001").head == "村民1"
    assert meeting.find_household("村民3").card == "003"
    with pytest.raises(JifenError) as several:
        meeting.find_household("村民")
    assert several.value.key == "household.several" and "001 村民1" in several.value.params["names"]
    with pytest.raises(JifenError) as missing:
        meeting.find_household("赵")
    assert missing.value.key == "household.not_found"


def test_the_meeting_reads_awards_as_the_review_does(month):
    """The bulk read mirrors reviews.review_info: trims, withdrawals, objections' points."""
    deed = deeds.register_deed(month, "002", item_id="5.3", what="调解")
    reviews.open_review(month, "2026-11", "张国强")
    reviews.propose_award(month, "001", "5.3")
    reviews.propose_award(month, "001", "5.2", trim=True)
    taken_back = reviews.propose_award(month, "002", "5.3", deed_id=deed.id)
    reviews.withdraw_award(month, taken_back.id, "记错了")
    reviews.propose_award(month, "003", "8.1", points=12, note="抢修村道")
    state = meeting.meeting_state(NOV)
    expected = reviews.review_info(state.review.id)
    assert state.review == expected
    assert [entry.award for entry in state.entries if entry.award] == list(expected.awards)
