"""Review meetings (评议会): open, propose awards under the policy, close for notice, finalize.

Every rule a proposal must meet (coverage, the item's limits, the household
cap and the village budget, D2) is checked as the award is proposed, with the
reason in the refusal. Finalizing after the notice (D3) makes the awards
without an open objection effective in one transaction; under the ranked
quarterly scheme it scores, ranks and credits the quarter (D4).
"""

from dataclasses import asdict, dataclass
from datetime import date

import peewee

from store import audit, db, roles, rules
from store.actor import Actor
from store.adoption import current_policy, current_rubric, policy_version, rubric_version
from store.deeds import pending_deed
from store.errors import JifenError
from store.ledger import account_balance, household_row, post
from store.models import Award, Household, Objection, Review, Staff, Village
from store.normalize import clean_note, clean_reason, clean_text
from store.periods import parse_period

COUNTING = ("proposed", "effective")   # award states that use cap and budget (D2)


@dataclass(frozen=True)
class AwardInfo:
    id: int
    review: int
    household: str
    head: str
    item_id: str
    item_name: str
    points: int            # in force: the objection's new points, else the meeting's
    asked_points: int
    trimmed: bool
    note: str
    deed: int | None
    status: str
    status_reason: str
    open_objections: int

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ReviewInfo:
    id: int
    period: str
    status: str
    attendees: str
    rubric_version: int
    policy_version: int
    closed_on: date | None
    notice_last_day: date | None
    signed_off_by: str
    finalized_on: date | None
    awards: tuple[AwardInfo, ...]

    def as_dict(self) -> dict:
        return asdict(self)


# --- the rules a review works under ---------------------------------------------

def review_rules(review: Review):
    """The rubric and policy in force when the review opened (awards name these versions)."""
    return (rubric_version(review.rubric_version).document,
            policy_version(review.policy_version).document)


def _review(review_id: int | None, status: str, *also: str) -> Review:
    """The review named, or else the latest one in `status` (or `also`) (D12)."""
    if review_id is None:
        row = (Review.select().where(Review.status.in_((status, *also)))
               .order_by(Review.id.desc()).first())
        if row is None:
            raise JifenError(f"review.none_{status}")
        return row
    row = Review.numbered(review_id)
    if row is None:
        raise JifenError("review.not_found", review=review_id)
    return row


# --- opening ----------------------------------------------------------------------

def open_review(actor: Actor, period: str, attendees: str = "") -> ReviewInfo:
    period = parse_period(period)
    attendees = clean_text(attendees, field="attendees", limit=500)
    rubric, policy = current_rubric(), current_policy()
    if rubric is None:
        raise JifenError("rubric.none_adopted")
    if policy is None:
        raise JifenError("policy.none_adopted")
    if period.kind != policy.document.rhythm:
        raise JifenError("review.wrong_period", period=str(period),
                         rhythm=policy.document.rhythm)
    with db.write():
        if Review.select().where(Review.status == "open").exists():
            raise JifenError("review.one_open")
        if policy.document.ranked and Review.select().where(
                Review.period == str(period)).exists():
            raise JifenError("review.ranked_one_per_period", period=str(period))
        row = Review.create(period=str(period), attendees=attendees,
                            rubric_version=rubric.number, policy_version=policy.number,
                            opened_by=actor.staff_id, opened_at=actor.now())
        audit.record(actor, "review.open", f"review:{row.id}", period=str(period),
                     rubric_version=rubric.number, policy_version=policy.number)
    return review_info(row.id)


# --- proposing ----------------------------------------------------------------------

def propose_award(actor: Actor, card_no: str, item_id: str, *, points: int | None = None,
                  deed_id: int | None = None, note: str = "", trim: bool = False,
                  review_id: int | None = None) -> AwardInfo:
    """Propose points for a household at the open review, or refuse with the rule broken."""
    note = clean_note(note, field="note")
    with db.write():
        review = _review(review_id, "open")
        if review.status != "open":
            raise JifenError("review.not_open", review=review.id, review_status=review.status)
        rubric, policy = review_rules(review)
        household = household_row(card_no)
        if not rules.is_covered(policy, poor=household.poor, status=household.status):
            raise JifenError("review.not_covered", card=household.card_no)
        item = rubric.item(item_id)
        if item.retired:
            raise JifenError("review.item_retired", item=item.id)
        asked = _points_for(item, points)
        deed = _deed_for(deed_id, household)
        _check_item_limit(review, household, item)
        granted = _within_cap_and_budget(review, policy, household, asked, trim)
        row = Award.create(review=review, household=household, deed=deed, item_id=item.id,
                           rubric_version=review.rubric_version, points=granted,
                           asked_points=asked, note=note, proposed_by=actor.staff_id,
                           proposed_at=actor.now())
        if deed is not None:
            deed.status = "awarded"
            deed.save()
        audit.record(actor, "award.propose", f"award:{row.id}", review=review.id,
                     household=household.card_no, item=item.id, points=granted, asked=asked)
        return award_info(row)


def _points_for(item, points: int | None) -> int:
    """The item's points, or those the meeting sets where the item lets it (篇五 第八条)."""
    if item.meeting_sets_points:
        if points is None:
            raise JifenError("review.points_needed", item=item.id, low=item.min_points,
                             high=item.max_points)
        if not item.min_points <= points <= item.max_points:
            raise JifenError("review.points_out_of_range", item=item.id, points=points,
                             low=item.min_points, high=item.max_points)
        return points
    if points is not None and points != item.points:
        raise JifenError("review.points_fixed", item=item.id, points=item.points)
    return item.points


def _deed_for(deed_id: int | None, household: Household):
    if deed_id is None:
        return None
    deed = pending_deed(deed_id)
    if deed.household_id != household.id:
        raise JifenError("review.deed_other_household", deed=deed_id,
                         card=deed.household.card_no)
    return deed


def counting_awards(period: str):
    """Awards of every review of the period that still count (D2)."""
    return (Award.select().join(Review)
            .where(Review.period == period, Award.status.in_(COUNTING)))


def _check_item_limit(review: Review, household: Household, item) -> None:
    if item.max_per_period is None:
        return
    given = (counting_awards(review.period)
             .where(Award.household == household, Award.item_id == item.id).count())
    if given >= item.max_per_period:
        raise JifenError("review.item_limit", card=household.card_no, item=item.id,
                         limit=item.max_per_period, period=review.period)


def points_in_force_sql():
    """In SQL: the meeting's points, or those an upheld objection set."""
    return peewee.fn.COALESCE(Award.final_points, Award.points)


def positive_points(query) -> int:
    """The gross positive points of these awards: what caps and budgets count (D2)."""
    points = points_in_force_sql()
    return (query.select(peewee.fn.COALESCE(peewee.fn.SUM(points), 0))
            .where(points > 0).scalar())


def _within_cap_and_budget(review: Review, policy, household: Household, asked: int,
                           trim: bool) -> int:
    """The points granted: as asked, or trimmed to what the cap and budget leave (D2).

    Deductions are always granted and free nothing.
    """
    if asked < 0:
        return asked
    used = positive_points(counting_awards(review.period).where(Award.household == household))
    room = [(rules.remaining_cap(policy, used), "review.over_cap",
             {"cap": policy.household_cap, "used": used})]
    population = Village.get().population
    budget = rules.budget_for(policy, population)
    if budget is not None:
        spent = positive_points(counting_awards(review.period))
        room.append((max(0, budget - spent), "review.over_budget",
                     {"budget": budget, "used": spent}))
    granted = asked
    for left, key, facts in room:
        if left is None or granted <= left:
            continue
        if not trim or left == 0:
            raise JifenError(key, card=household.card_no, asked=asked, left=left,
                             period=review.period, **facts)
        granted = left
    return granted


def withdraw_award(actor: Actor, award_id: int, reason: str) -> AwardInfo:
    """Take back a proposed award before the review closes; its share of cap and budget frees."""
    reason = clean_reason(reason)
    with db.write():
        row = _award(award_id)
        if row.review.status != "open" or row.status != "proposed":
            raise JifenError("review.award_frozen", award=award_id)
        row.status, row.status_reason = "withdrawn", reason
        row.save()
        if row.deed is not None:
            row.deed.status = "pending"
            row.deed.save()
        audit.record(actor, "award.withdraw", f"award:{award_id}", reason=reason)
        return award_info(row)


def reject_deed(actor: Actor, deed_id: int, reason: str, review_id: int | None = None) -> None:
    """The meeting turns a deed down: it leaves the register with the reason."""
    reason = clean_reason(reason)
    with db.write():
        review = _review(review_id, "open")
        if review.status != "open":
            raise JifenError("review.not_open", review=review.id, review_status=review.status)
        deed = pending_deed(deed_id)
        deed.status, deed.status_reason = "rejected", reason
        deed.save()
        audit.record(actor, "deed.reject", f"deed:{deed_id}", review=review.id, reason=reason)


# --- closing, sign-off, finalizing ----------------------------------------------------

def close_review(actor: Actor, review_id: int | None = None) -> ReviewInfo:
    """Freeze the awards and start the public notice (D3: day 1 is tomorrow)."""
    with db.write():
        review = _review(review_id, "open")
        if review.status != "open":
            raise JifenError("review.not_open", review=review.id, review_status=review.status)
        _, policy = review_rules(review)
        review.status, review.closed_by, review.closed_on = "closed", actor.staff_id, actor.today
        review.notice_last_day = rules.notice_last_day(policy, actor.today)
        review.save()
        audit.record(actor, "review.close", f"review:{review.id}",
                     notice_last_day=str(review.notice_last_day))
    return review_info(review.id)


def sign_off(actor: Actor, review_id: int) -> ReviewInfo:
    """A supervisor signs the review off: never one who closed it (two-person rule)."""
    roles.require(actor, "review.signoff")  # the role first: "not you" before "not this one"
    with db.write():
        review = _review(review_id, "closed")
        if review.status != "closed":
            raise JifenError("review.not_closed", review=review.id, review_status=review.status)
        if actor.staff_id == review.closed_by_id:
            raise JifenError("review.signoff_own", name=actor.staff_name)
        review.signed_off_by = actor.staff_id
        review.save()
        audit.record(actor, "review.signoff", f"review:{review.id}")
    return review_info(review.id)


def finalize_review(actor: Actor, review_id: int | None = None) -> ReviewInfo:
    """Make the review's awards effective once the notice is over (D3, D4).

    Safe to run again: it picks up awards whose objections were dismissed or
    upheld since, and nothing else.
    """
    with db.write():
        # Without an id: the latest review past its meeting, finalized before or not.
        review = _review(review_id, "closed", "finalized")
        if review.status == "open":
            raise JifenError("review.not_closed", review=review.id, review_status=review.status)
        rubric, policy = review_rules(review)
        if not rules.notice_over(policy, review.closed_on, actor.today):
            raise JifenError("review.notice_running", review=review.id,
                             last_day=str(review.notice_last_day))
        if policy.supervisor_signoff and review.signed_off_by is None:
            raise JifenError("review.needs_signoff", review=review.id)
        if policy.ranked:
            _finalize_ranked(actor, review, policy)
        else:
            _finalize_awards(actor, review, policy)
        if review.status != "finalized":
            review.status, review.finalized_on = "finalized", actor.today
            review.save()
        audit.record(actor, "review.finalize", f"review:{review.id}")
    return review_info(review.id)


def _ready_awards(review: Review) -> list[Award]:
    """Proposed awards without an open objection: an objection holds back only its award."""
    held = Objection.select(Objection.award).where(Objection.status == "open")
    return list(Award.select().where(Award.review == review, Award.status == "proposed",
                                     Award.id.not_in(held)).order_by(Award.id))


def _points_in_force(award: Award) -> int:
    """The meeting's points, or those an upheld objection set."""
    return award.final_points if award.final_points is not None else award.points


def _make_effective(actor: Actor, award: Award) -> int:
    award.status, award.effective_on = "effective", actor.today
    award.save()
    return _points_in_force(award)


def _finalize_awards(actor: Actor, review: Review, policy) -> None:
    """Spendable and honour points for each award; a deduction lowers spendable points only
    (honour points only grow), and never below zero. Credits go first, so a household's
    outcome does not depend on the order the meeting took its awards in."""
    for award in sorted(_ready_awards(review), key=_points_in_force, reverse=True):
        points = _make_effective(actor, award)
        household = award.household
        if points > 0:
            for account in ("spendable", "honour"):
                post(actor, household, account, "award", points, day=actor.today,
                     period=review.period, award=award)
            continue
        taken = min(-points, account_balance(household, "spendable"))
        if taken:
            post(actor, household, "spendable", "deduction", -taken, day=actor.today,
                 period=review.period, award=award,
                 reason="" if taken == -points else f"{points} -> {-taken}")


def _finalize_ranked(actor: Actor, review: Review, policy) -> None:
    """D4: score every covered household, rank, credit the year and the eligible."""
    if review.status == "finalized":
        return  # one review, one ranking: objections are all resolved before it
    if Objection.select().join(Award).where(Award.review == review,
                                            Objection.status == "open").exists():
        raise JifenError("review.ranked_objections_open", review=review.id)
    for award in _ready_awards(review):
        _make_effective(actor, award)
    for ranked in quarter_results(review, policy):
        household = Household.get_by_id(ranked.key)
        if ranked.counts_for_year:
            post(actor, household, "honour", "quarter_credit", ranked.score, day=actor.today,
                 period=review.period)
        if ranked.eligible:
            post(actor, household, "spendable", "quarter_credit", ranked.score,
                 day=actor.today, period=review.period)


def quarter_results(review: Review, policy) -> list[rules.Ranked]:
    """Each covered household's quarter score (base + effective awards), ranked (D4)."""
    # Ids only: building 5,000 model rows was most of the ranking's time.
    covered = Household.select(Household.id).where(Household.status == "active")
    if policy.covers == "registered_poor":
        covered = covered.where(Household.poor)
    sums = dict(Award.select(Award.household, peewee.fn.SUM(points_in_force_sql()))
        .where(Award.review == review, Award.status == "effective")
        .group_by(Award.household).tuples())
    scores = {household: policy.base_score + sums.get(household, 0)
              for (household,) in covered.order_by(Household.id).tuples()}
    return rules.rank_scores(policy, scores)


# --- reading ------------------------------------------------------------------------------

def open_review_period() -> str | None:
    """The period of the review in session, if one is."""
    row = Review.select(Review.period).where(Review.status == "open").first()
    return None if row is None else row.period


def _award(award_id: int) -> Award:
    row = Award.numbered(award_id)
    if row is None:
        raise JifenError("award.not_found", award=award_id)
    return row


def award_info(row: Award) -> AwardInfo:
    rubric, _ = review_rules(row.review)
    item = rubric.item(row.item_id)
    points = _points_in_force(row)
    open_objections = row.objections.where(Objection.status == "open").count()
    return AwardInfo(row.id, row.review_id, row.household.card_no, row.household.head, row.item_id,
                     item.name, points, row.asked_points, row.points != row.asked_points,
                     row.note, row.deed_id, row.status, row.status_reason, open_objections)


def review_info(review_id: int | None = None) -> ReviewInfo:
    """A review with its awards; without an id, the latest review."""
    if review_id is None:
        row = Review.select().order_by(Review.id.desc()).first()
        if row is None:
            raise JifenError("review.none")
    else:
        row = Review.numbered(review_id)
        if row is None:
            raise JifenError("review.not_found", review=review_id)
    signed = Staff.get_by_id(row.signed_off_by_id).name if row.signed_off_by_id else ""
    awards = tuple(award_info(award) for award in row.awards.order_by(Award.id))
    return ReviewInfo(row.id, row.period, row.status, row.attendees, row.rubric_version,
                      row.policy_version, row.closed_on, row.notice_last_day, signed,
                      row.finalized_on, awards)
