"""Objections (异议) to awards during their public notice, and their resolution."""

from dataclasses import asdict, dataclass

from store import audit, db, roles
from store.actor import Actor
from store.errors import JifenError
from store.models import Award, Objection
from store.normalize import clean_name, clean_reason


@dataclass(frozen=True)
class ObjectionInfo:
    id: int
    award: int
    household: str
    raised_by: str
    reason: str
    status: str
    new_points: int | None
    resolution: str

    def as_dict(self) -> dict:
        return asdict(self)


def objection_info(row: Objection) -> ObjectionInfo:
    return ObjectionInfo(row.id, row.award_id, row.award.household.card_no, row.raised_by,
                         row.reason, row.status, row.new_points, row.resolution)


def raise_objection(actor: Actor, award_id: int, raised_by: str, reason: str) -> ObjectionInfo:
    """Anyone may object to an award while its notice runs (D3); it holds back that award only.

    The office or a member of the leading group registers it.
    """
    roles.require(actor, "objection.add")
    raised_by = clean_name(raised_by, field="by")
    if not raised_by:
        raise JifenError("objection.by_missing")
    reason = clean_reason(reason)
    with db.write():
        award = Award.numbered(award_id)
        if award is None:
            raise JifenError("award.not_found", award=award_id)
        review = award.review
        if review.status == "open":
            raise JifenError("objection.before_notice", award=award_id)
        if actor.today > review.notice_last_day:
            raise JifenError("objection.notice_over", award=award_id,
                             last_day=str(review.notice_last_day))
        if award.status != "proposed":
            raise JifenError("objection.award_not_proposed", award=award_id, award_status=award.status)
        row = Objection.create(award=award, raised_by=raised_by, reason=reason,
                               registered_by=actor.staff_id, registered_at=actor.now())
        audit.record(actor, "objection.add", f"objection:{row.id}", award=award_id,
                     by=raised_by, reason=reason)
        return objection_info(row)


def resolve_objection(actor: Actor, objection_id: int, *, upheld: bool, reason: str,
                      new_points: int | None = None) -> ObjectionInfo:
    """Upheld: the award takes the new (lower) points, or is cancelled. Dismissed: it stands.

    The leading group decides. Either way the award's next finalizing picks it up;
    the change stays visible.
    """
    action = f"objection.{'upheld' if upheld else 'dismissed'}"
    roles.require(actor, action)
    reason = clean_reason(reason)
    if not upheld and new_points is not None:
        raise JifenError("objection.points_when_dismissed")
    with db.write():
        row = Objection.numbered(objection_id)
        if row is None:
            raise JifenError("objection.not_found", objection=objection_id)
        if row.status != "open":
            raise JifenError("objection.resolved", objection=objection_id, objection_status=row.status)
        award = row.award
        if upheld:
            _change_award(award, new_points, reason)
        row.status = "upheld" if upheld else "dismissed"
        row.new_points, row.resolution = new_points, reason
        row.resolved_by, row.resolved_at = actor.staff_id, actor.now()
        row.save()
        audit.record(actor, action, f"objection:{row.id}", award=award.id,
                     new_points=new_points, reason=reason)
        return objection_info(row)


def _change_award(award: Award, new_points: int | None, reason: str) -> None:
    if new_points is None:
        award.status, award.status_reason = "cancelled", reason
    else:
        current = award.final_points if award.final_points is not None else award.points
        if new_points == 0 or (new_points > 0) != (current > 0) or abs(new_points) >= abs(current):
            raise JifenError("objection.points_not_lower", points=new_points, current=current)
        award.final_points = new_points
    award.save()


def objections_of(review_id: int) -> list[ObjectionInfo]:
    query = (Objection.select().join(Award).where(Award.review == review_id)
             .order_by(Objection.id))
    return [objection_info(row) for row in query]
