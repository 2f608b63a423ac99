"""Who is acting (D13): the staff member mapped to this OS account.

Accountability, not authentication: several staff may share one office
account, and `--as NAME` picks among them. The OS account is read by uid
(`os.geteuid()`); `os.getlogin()` fails without a terminal.
"""

import os
import pwd
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone

from store.errors import JifenError
from store.normalize import clean_name


@dataclass(frozen=True)
class OsAccount:
    name: str
    uid: int


@dataclass(frozen=True)
class Actor:
    """A staff member at work, and the day the office takes as today."""

    staff_id: int | None
    staff_name: str
    role: str
    account: OsAccount
    today_override: date | None = None
    # Gives naive UTC times; for a demo's made-up past, or a test's fixed clock.
    clock: Callable[[], datetime] | None = None

    @property
    def today(self) -> date:
        return self.today_override or date.today()

    def now(self) -> datetime:
        """The current UTC time, on the overridden day if there is one."""
        if self.clock is not None:
            return self.clock()
        current = wall_clock()
        if self.today_override is not None:
            current = datetime.combine(self.today_override, current.time(), current.tzinfo)
        return current.astimezone(timezone.utc).replace(tzinfo=None)


def wall_clock() -> datetime:
    """The local time now; a test may put a steady clock here (tests/conftest.py)."""
    return datetime.now().astimezone()


def current_account() -> OsAccount:
    uid = os.geteuid()
    try:
        return OsAccount(pwd.getpwuid(uid).pw_name, uid)
    except KeyError:  # a uid with no passwd entry, as in some containers
        return OsAccount(str(uid), uid)


def account_named(user: str) -> OsAccount:
    """The OS account for a user name or a numeric uid."""
    try:
        entry = pwd.getpwuid(int(user)) if user.isdigit() else pwd.getpwnam(user)
    except KeyError:
        if user.isdigit():  # a uid with no passwd entry, as in some containers
            return OsAccount(user, int(user))
        raise JifenError("staff.no_such_os_user", user=user) from None
    return OsAccount(entry.pw_name, entry.pw_uid)


def resolve_actor(as_name: str | None = None, today: date | None = None) -> Actor:
    """The staff member this process acts for, mapped to the current OS uid."""
    from store.models import Staff

    account = current_account()
    mapped = (Staff.select().where(Staff.os_uid == account.uid, Staff.active)
              .order_by(Staff.id))
    if as_name:
        staff = mapped.where(Staff.name == clean_name(as_name, field="as")).first()
        if staff is None:
            if Staff.get_or_none(Staff.name == as_name) is None:
                raise JifenError("actor.no_such_staff", name=as_name)
            raise JifenError("actor.other_account", name=as_name, user=account.name)
    else:
        staff = mapped.first()
        if staff is None:
            raise JifenError("actor.unmapped", user=account.name)
    return Actor(staff.id, staff.name, staff.role, account, today)


def witness(actor: Actor, name: str, self_refusal: str):
    """The active staff member `name`, the second person to `actor`'s write: never the actor.

    Named as staff names are stored (clean_name): "王 建国" is 王建国.
    """
    from store.models import Staff

    found = Staff.get_or_none(Staff.name == clean_name(name, field="witness"), Staff.active)
    if found is None:
        raise JifenError("actor.no_such_staff", name=name)
    if found.id == actor.staff_id:
        raise JifenError(self_refusal, name=found.name)
    return found


def founding_actor(clerk_name: str, today: date | None = None) -> Actor:
    """The person setting up a village, before any staff row exists."""
    return Actor(None, clerk_name, "clerk", current_account(), today)
