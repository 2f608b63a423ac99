"""A month under the Tongguan policy: cap (refuse and trim), budget, notice, objections, finalize."""

from datetime import date

import pytest

from store import deeds, ledger, reviews
from store.errors import JifenError
from store.models import Award, LedgerEntry
from store.objections import raise_objection, resolve_objection
from tests.store.points_helpers import adopt, households, later, leader, on

NOV = date(2026, 11, 26)


@pytest.fixture
def month(actor):
    """Tongguan's policy with the 篇五 items (the seed gives Tongguan no item list)."""
    actor = on(actor, NOV)
    adopt(actor, "mazigou", "tongguan")
    households(actor, 3)
    reviews.open_review(actor, "2026-11", "张国强,杨志明")
    return actor


def _refusal(call):
    with pytest.raises(JifenError) as caught:
        call()
    return caught.value


def test_the_household_cap_refuses_then_trims(month):
    reviews.propose_award(month, "001", "5.3")          # 15
    refused = _refusal(lambda: reviews.propose_award(month, "001", "5.3"))
    assert (refused.key, refused.params["left"], refused.params["cap"]) == ("review.over_cap", 5, 20)
    trimmed = reviews.propose_award(month, "001", "5.3", trim=True)
    assert (trimmed.points, trimmed.asked_points, trimmed.trimmed) == (5, 15, True)
    full = _refusal(lambda: reviews.propose_award(month, "001", "2.2", trim=True))
    assert full.key == "review.over_cap" and full.params["left"] == 0


def test_withdrawing_frees_the_cap_d2(month):
    first = reviews.propose_award(month, "001", "5.3")
    reviews.withdraw_award(month, first.id, "记错了户")
    assert reviews.propose_award(month, "001", "5.2").points == 20


def test_the_village_budget(month):
    from store.models import Village

    Village.update(population=1).execute()   # budget 250 for <= 3000 people
    from store import roster
    from store.roster import HouseholdFields

    for number in range(4, 30):
        roster.add_household(month, HouseholdFields(card_no=f"{number:03d}", head="张三"))
    for number in range(1, 13):                 # 12 x 20 = 240 of 250
        reviews.propose_award(month, f"{number:03d}", "5.2")
    refused = _refusal(lambda: reviews.propose_award(month, "013", "5.2"))
    assert (refused.key, refused.params["budget"], refused.params["left"]) == (
        "review.over_budget", 250, 10)
    assert reviews.propose_award(month, "013", "5.2", trim=True).points == 10


def test_item_limits_and_fixed_points(month):
    reviews.propose_award(month, "001", "2.2")    # max_per_period = 1
    assert _refusal(lambda: reviews.propose_award(month, "001", "2.2")).key == "review.item_limit"
    assert _refusal(lambda: reviews.propose_award(month, "002", "5.3", points=3)).key == \
        "review.points_fixed"
    assert _refusal(lambda: reviews.propose_award(month, "002", "8.1")).key == \
        "review.points_needed"
    assert reviews.propose_award(month, "002", "8.1", points=12).points == 12


def test_a_deed_is_awarded_once(month):
    deed = deeds.register_deed(month, "003", item_id="5.3", what="调解王李两家宅基地纠纷",
                               evidence="双方签字的调解记录")
    assert deed.what == "调解王李两家宅基地纠纷"
    award = reviews.propose_award(month, "003", "5.3", deed_id=deed.id)
    assert award.deed == deed.id
    assert _refusal(lambda: reviews.propose_award(month, "003", "5.3", deed_id=deed.id)).key \
        == "deed.not_pending"
    assert _refusal(lambda: reviews.propose_award(month, "001", "5.2", deed_id=deed.id)).key \
        == "deed.not_pending"


def test_the_whole_month_to_effective_points(month):
    upheld = reviews.propose_award(month, "001", "5.3")                 # 15, objection upheld -> 10
    dismissed = reviews.propose_award(month, "002", "5.2")              # 20, objection dismissed
    held = reviews.propose_award(month, "003", "6.3")                   # 5, objection still open
    plain = reviews.propose_award(month, "003", "2.2")                  # 5
    closed = reviews.close_review(month)
    assert (closed.closed_on, closed.notice_last_day) == (NOV, date(2026, 11, 29))
    assert _refusal(lambda: reviews.propose_award(month, "001", "2.2")).key == "review.none_open"

    day2 = later(month, 2)
    first = raise_objection(day2, upheld.id, "李四", "调解是村干部做的")
    second = raise_objection(day2, dismissed.id, "王五", "没见过")
    raise_objection(day2, held.id, "赵六", "培训没去")
    assert _refusal(lambda: reviews.finalize_review(later(month, 3))).key == "review.notice_running"

    resolve_objection(leader(day2), first.id, upheld=True, new_points=10, reason="核实后按协助计分")
    resolve_objection(leader(day2), second.id, upheld=False, reason="有受助者证明")
    reviews.finalize_review(later(month, 4))

    assert ledger.balance("001").spendable == 10 and ledger.balance("001").honour == 10
    assert ledger.balance("002").spendable == 20
    assert ledger.balance("003").spendable == 5                       # the held one waits
    assert Award.get_by_id(held.id).status == "proposed"
    assert Award.get_by_id(plain.id).status == "effective"
    assert _refusal(lambda: raise_objection(later(month, 4), plain.id, "x", "y")).key == \
        "objection.notice_over"

    # The open objection is dismissed later: finalizing again picks the award up, once.
    from store.models import Objection

    still_open = Objection.get(Objection.status == "open")
    resolve_objection(leader(later(month, 6)), still_open.id, upheld=False, reason="有签到表")
    reviews.finalize_review(later(month, 6))
    reviews.finalize_review(later(month, 7))
    assert ledger.balance("003").spendable == 10
    assert LedgerEntry.select().where(LedgerEntry.award == held.id).count() == 2


def test_an_upheld_objection_without_points_cancels_and_frees_the_cap(month):
    award = reviews.propose_award(month, "001", "5.2")
    reviews.close_review(month)
    objection = raise_objection(later(month, 1), award.id, "李四", "并非本户所为")
    resolve_objection(leader(later(month, 1)), objection.id, upheld=True, reason="核实不属实")
    reviews.finalize_review(later(month, 4))
    assert Award.get_by_id(award.id).status == "cancelled"
    assert ledger.balance("001").spendable == 0
    reviews.open_review(later(month, 5), "2026-11")
    assert reviews.propose_award(later(month, 5), "001", "5.2").points == 20


def test_the_ledger_is_append_only(month):
    import peewee

    reviews.propose_award(month, "001", "5.2")
    reviews.close_review(month)
    reviews.finalize_review(later(month, 4))
    with pytest.raises(peewee.IntegrityError):
        LedgerEntry.update(points=999).execute()
    with pytest.raises(peewee.IntegrityError):
        LedgerEntry.delete().execute()
    assert ledger.balance("001").spendable == 20


def test_reversal_and_adjustment(month):
    from store import staff

    reviews.propose_award(month, "001", "5.2")
    reviews.close_review(month)
    reviews.finalize_review(later(month, 4))
    entry = LedgerEntry.get(LedgerEntry.account == "spendable")
    ledger.reverse(month, entry.id, "重复记分")
    assert ledger.balance("001").spendable == 0
    assert _refusal(lambda: ledger.reverse(month, entry.id, "again")).key == "ledger.already_reversed"
    staff.add_staff(month, "李秀兰", "supervisor")
    assert _refusal(lambda: ledger.adjust(month, "001", -5, "x", "李秀兰")).key == "ledger.insufficient"
    assert _refusal(lambda: ledger.adjust(month, "001", 5, "x", "王建国")).key == "ledger.second_is_self"
    ledger.adjust(month, "001", 7, "补录纸质台账", "李秀兰")
    lines = ledger.entries("001")
    assert [(e.kind, e.account, e.points, e.balance) for e in lines] == [
        ("award", "spendable", 20, 20), ("award", "honour", 20, 20),
        ("reversal", "spendable", -20, 0), ("adjustment", "spendable", 7, 7)]


def test_merging_moves_the_balances_d9(month):
    from store import roster

    reviews.propose_award(month, "001", "5.2")
    reviews.close_review(month)
    reviews.finalize_review(later(month, 4))
    roster.merge_household(later(month, 5), "001", "002", "合户")
    assert ledger.balance("001") == ledger.Balance("001", 0, 0)
    assert ledger.balance("002") == ledger.Balance("002", 20, 20)
    pair = LedgerEntry.select().where(LedgerEntry.kind == "merge_transfer")
    assert len({entry.link for entry in pair}) == 1 and pair.count() == 4
