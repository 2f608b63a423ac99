"""Staff: the people who work the scheme and the OS accounts they use."""

from dataclasses import asdict, dataclass

from store import audit, db
from store.actor import Actor, account_named
from store.errors import JifenError
from store.models import STAFF_ROLES, Staff
from store.normalize import clean_group, clean_name, clean_text
from store.roster import group_named


@dataclass(frozen=True)
class StaffInfo:
    name: str
    role: str
    title: str
    group: str
    os_user: str
    os_uid: int | None
    active: bool

    def as_dict(self) -> dict:
        return asdict(self)


def _info(row: Staff) -> StaffInfo:
    return StaffInfo(row.name, row.role, row.title, row.group.name if row.group_id else "",
                     row.os_user, row.os_uid, row.active)


def add_staff(actor: Actor, name: str, role: str, os_user: str | None = None, *,
              title: str = "", group: str | None = None) -> StaffInfo:
    """Add a staff member, mapped to an OS account when one is named.

    `group` is the villager group a liaison serves; `title` their post (职务).
    """
    name = clean_name(name, field="name")
    if not name:
        raise JifenError("staff.name_missing")
    if role not in STAFF_ROLES:
        raise JifenError("staff.bad_role", role=role)
    title = clean_text(title, field="title", limit=40)
    group = clean_group(group) if group else ""
    account = account_named(os_user) if os_user else None
    with db.write():
        if Staff.get_or_none(Staff.name == name) is not None:
            raise JifenError("staff.exists", name=name)
        row = Staff.create(name=name, role=role, title=title, group=group_named(group),
                           os_user=account.name if account else "",
                           os_uid=account.uid if account else None,
                           created_at=actor.now())
        info = _info(row)
        audit.record(actor, "staff.add", name, after=info.as_dict())
    return info


def list_staff() -> list[StaffInfo]:
    return [_info(row) for row in Staff.select().order_by(Staff.id)]


@dataclass(frozen=True)
class Signers:
    """Who signs a notice: the first active clerk and supervisor ("" where there is none)."""

    clerk: str = ""
    supervisor: str = ""


def signers() -> Signers:
    staff = [member for member in list_staff() if member.active]
    first = {role: next((member.name for member in staff if member.role == role), "")
             for role in ("clerk", "supervisor")}
    return Signers(first["clerk"], first["supervisor"])
