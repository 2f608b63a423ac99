"""The audit trail: one row for every write, inside that write's transaction."""

import json
from dataclasses import dataclass
from datetime import datetime

from store.actor import Actor
from store.models import Audit


def record(actor: Actor, action: str, target: str = "", *, before=None, after=None, **facts) -> None:
    """Note who did `action` to `target`; call it inside the write it describes."""
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
    return [AuditEntry(row.at, row.staff_name, row.os_user, row.action, row.target,
                       json.loads(row.summary)) for row in query]
