"""The audit trail: one row for every write, inside that write's transaction.

Recording is also where roles are enforced (store.roles): every write names its
action here, so a role that may not do it is refused before anything commits.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from store import roles
from store.actor import Actor
from store.models import Audit


def record(actor: Actor, action: str, target: str = "", *, before=None, after=None, **facts) -> None:
    """Note who did `action` to `target`; call it inside the write it describes.

    Refuses (roles.require) an actor whose role may not do `action`: the write's
    transaction then rolls back whole.
    """
    roles.require(actor, action)
    summary = dict(facts)
    if before is not None:
        summary["before"] = before
    if after is not None:
        summary["after"] = after
    Audit.create(
        at=actor.now(),
        staff=actor.staff_id,
        staff_name=actor.staff_name,
        os_user=actor.account.name,
        os_uid=actor.account.uid,
        action=action,
        target=target,
        summary=json.dumps(summary, ensure_ascii=False, sort_keys=True, default=str),
    )


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    staff_name: str
    os_user: str
    action: str
    target: str
    summary: dict


def audit_entries(*, target: str | None = None, limit: int = 100) -> list[AuditEntry]:
    """The latest audit rows, newest first."""
    query = Audit.select().order_by(Audit.id.desc()).limit(limit)
    if target is not None:
        query = query.where(Audit.target == target)
    return [_entry(row) for row in query]


def entries_between(start: datetime, end: datetime) -> list[AuditEntry]:
    """The audit rows written from `start` up to (not including) `end`, by time (then in
    the order written); both are naive UTC, as the rows are."""
    query = (Audit.select().where(Audit.at >= start, Audit.at < end)
             .order_by(Audit.at, Audit.id))
    return [_entry(row) for row in query]


def _entry(row: Audit) -> AuditEntry:
    return AuditEntry(row.at, row.staff_name, row.os_user, row.action, row.target,
                      json.loads(row.summary))
