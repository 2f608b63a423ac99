"""Who may do what: one table of the write actions and the roles that may take each.

The clerk keeps the books; a group liaison registers deeds, for the households of
their own group; the supervisor reads everything and signs off, and writes
nothing else; the leading group resolves objections. Reads are never gated.

`require` is the gate. `store.audit.record` calls it before it writes the audit
row, and every write records its action there inside its own transaction, so a
refused write raises before it commits and leaves nothing behind. An action the
table does not list is refused to everyone: a new write cannot slip through
unlisted. A write whose form asks several things may also call `require` first,
so the role is said before any other refusal.

The two-person rule (a supervisor never signs off work they did themselves)
follows from the table, since a supervisor does no other work; the sign-offs
still check it, for files written before roles were enforced.
"""

from store.actor import Actor
from store.errors import JifenError
from store.models import STAFF_ROLES, Deed, Household, Staff

CLERK = frozenset({"clerk"})
SUPERVISOR = frozenset({"supervisor"})
LIAISON = frozenset({"liaison"})
LEADER = frozenset({"leader"})
ANYONE = frozenset(STAFF_ROLES)

# action "subject.verb" -> the roles that may do it, by subject.
MAY: dict[str, dict[str, frozenset[str]]] = {
    "village": {"init": CLERK},
    "demo": {"create": CLERK},
    "staff": {"add": CLERK},
    # The only setting is the projector theme: whoever sits at the screen switches it.
    "setting": {"set": ANYONE},
    "rubric": {"adopt": CLERK},
    "policy": {"adopt": CLERK},
    "household": {"add": CLERK, "edit": CLERK, "close": CLERK, "reopen": CLERK,
                  "merge": CLERK},
    "roster": {"import": CLERK},
    # A liaison withdraws only deeds they registered (require_own_deed).
    "deed": {"add": CLERK | LIAISON, "withdraw": CLERK | LIAISON, "reject": CLERK},
    "review": {"open": CLERK, "close": CLERK, "signoff": SUPERVISOR, "finalize": CLERK},
    "award": {"propose": CLERK, "withdraw": CLERK},
    # Villagers object to the office or to a member of the leading group at the meeting.
    "objection": {"add": CLERK | LEADER, "upheld": LEADER, "dismissed": LEADER},
    "ledger": {"reverse": CLERK, "adjust": CLERK},
    "year": {"close": CLERK},
    "goods": {"add": CLERK, "retire": CLERK},
    "stock": {"purchase": CLERK, "donation": CLERK, "writeoff": CLERK, "count": CLERK},
    "redemption": {"order": CLERK, "hand_over": CLERK, "collect": CLERK, "cancel": CLERK,
                   "expire": CLERK, "undo": CLERK, "signoff": SUPERVISOR},
    "settlement": {"final": CLERK},
}


def actions() -> list[str]:
    """Every action in the table, "subject.verb"."""
    return [f"{subject}.{verb}" for subject, verbs in MAY.items() for verb in verbs]


def allowed(action: str) -> frozenset[str]:
    """The roles that may do `action`; none for an action the table does not list."""
    subject, _, verb = action.partition(".")
    return MAY.get(subject, {}).get(verb, frozenset())


def role_set_name(roles: frozenset[str]) -> str:
    """"clerk+liaison": the roles in the order of STAFF_ROLES (the catalog says them)."""
    return "+".join(role for role in STAFF_ROLES if role in roles)


def require(actor: Actor, action: str) -> None:
    """Refuse `action` unless the actor's role may do it, naming who may (D13: and who on
    this OS account could, with `--as`)."""
    roles = allowed(action)
    if actor.role in roles:
        return
    if not roles:
        raise JifenError("roles.unlisted", action=action)
    params = {"name": actor.staff_name, "role": actor.role, "action": action,
              "allowed": role_set_name(roles)}
    other = _colleague_on_account(actor, roles)
    if other is not None:
        raise JifenError("roles.refused_try_as", other=other, **params)
    raise JifenError("roles.refused", **params)


def _colleague_on_account(actor: Actor, roles: frozenset[str]) -> str | None:
    """The first active staff member on the actor's OS account whose role may do it."""
    row = (Staff.select(Staff.name)
           .where(Staff.os_uid == actor.account.uid, Staff.active, Staff.role.in_(roles))
           .order_by(Staff.id).first())
    return None if row is None else row.name


def require_own_group(actor: Actor, household: Household) -> None:
    """A liaison whose staff row names a villager group registers for that group only."""
    group = _liaison_group(actor)
    if group is not None and household.group_id != group.id:
        raise JifenError("roles.other_group", name=actor.staff_name, group=group.name,
                         card=household.card_no,
                         household_group=household.group.name if household.group_id else "-")


def require_own_deed(actor: Actor, deed: Deed) -> None:
    """A liaison withdraws only the deeds they registered themselves."""
    if actor.role == "liaison" and deed.registered_by_id != actor.staff_id:
        raise JifenError("roles.not_own_deed", name=actor.staff_name, deed=deed.id,
                         registrar=deed.registered_by.name)


def _liaison_group(actor: Actor):
    if actor.role != "liaison" or actor.staff_id is None:
        return None
    staff = Staff.get_or_none(Staff.id == actor.staff_id)
    return None if staff is None or staff.group_id is None else staff.group
