"""The deeds register (事迹登记册): deeds wait here for a review meeting."""

from dataclasses import asdict, dataclass
from datetime import date

import peewee

from store import audit, db, roles
from store.actor import Actor
from store.adoption import current_rubric
from store.errors import JifenError
from store.ledger import household_row
from store.models import Deed, Household, VillagerGroup
from store.normalize import clean_note, clean_reason, clean_text


@dataclass(frozen=True)
class DeedInfo:
    id: int
    household: str
    head: str
    day: date
    what: str
    item_id: str
    evidence: str
    self_applied: bool
    status: str
    status_reason: str
    registered_by: str
    group: str = ""        # the household's villager group: the register lists by group

    def as_dict(self) -> dict:
        return asdict(self)


def deed_info(row: Deed) -> DeedInfo:
    household = row.household
    return DeedInfo(row.id, household.card_no, household.head, row.day, row.what,
                    row.item_id, row.evidence, row.self_applied, row.status, row.status_reason,
                    row.registered_by.name, household.group.name if household.group_id else "")


def register_deed(actor: Actor, card_no: str, *, item_id: str = "", day: date | None = None,
                  what: str = "", evidence: str = "", self_applied: bool = False) -> DeedInfo:
    """Register a deed for the next review; the suggested item must be in the rubric in force.

    The clerk registers for any household, a liaison for those of their own group.
    """
    roles.require(actor, "deed.add")
    what = clean_note(what, field="what")
    evidence = clean_text(evidence, field="evidence")
    item_id = clean_text(item_id, field="item")
    if item_id:
        adopted = current_rubric()
        if adopted is None:
            raise JifenError("rubric.none_adopted")
        item = adopted.document.item(item_id)
        if item.retired:
            raise JifenError("review.item_retired", item=item_id)
        what = what or item.name
    if not what:
        raise JifenError("deed.what_missing")
    with db.write():
        household = household_row(card_no)
        roles.require_own_group(actor, household)
        if household.status != "active":
            raise JifenError("household.not_active", card=household.card_no,
                             status=household.status)
        row = Deed.create(household=household, day=day or actor.today, what=what,
                          item_id=item_id, evidence=evidence, self_applied=self_applied,
                          registered_by=actor.staff_id, registered_at=actor.now())
        info = deed_info(row)
        audit.record(actor, "deed.add", f"deed:{row.id}", after=info.as_dict())
    return info


def list_deeds(*, pending: bool = False) -> list[DeedInfo]:
    """The register by villager group (in roster order), then day."""
    query = (Deed.select(Deed, Household, VillagerGroup).join(Household)
             .join(VillagerGroup, peewee.JOIN.LEFT_OUTER)
             .order_by(peewee.fn.COALESCE(VillagerGroup.position, 1 << 30), Deed.day, Deed.id))
    if pending:
        query = query.where(Deed.status == "pending")
    return [deed_info(row) for row in query]


def withdraw_deed(actor: Actor, deed_id: int, reason: str) -> DeedInfo:
    """Take a pending deed out of the register: the clerk, or the liaison who registered it."""
    roles.require(actor, "deed.withdraw")
    reason = clean_reason(reason)
    with db.write():
        row = pending_deed(deed_id)
        roles.require_own_deed(actor, row)
        row.status, row.status_reason = "withdrawn", reason
        row.save()
        audit.record(actor, "deed.withdraw", f"deed:{row.id}", reason=reason)
        return deed_info(row)


def pending_deed(deed_id: int) -> Deed:
    row = Deed.numbered(deed_id)
    if row is None:
        raise JifenError("deed.not_found", deed=deed_id)
    if row.status != "pending":
        raise JifenError("deed.not_pending", deed=deed_id, deed_status=row.status)
    return row
