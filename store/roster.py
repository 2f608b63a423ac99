"""The household roster: add, edit, close, reopen, merge, search, list.

A household with history is never deleted (D9): closing, moving away and
merging change its status and keep every row.
"""

import re
import unicodedata
import uuid
from dataclasses import asdict, dataclass, field, fields as dataclass_fields
from datetime import datetime

import peewee

from store import audit, db
from store.actor import Actor
from store.errors import JifenError
from store.ledger import transfer_all
from store.models import Award, Household, Member, Redemption, VillagerGroup
from store.normalize import (clean_card, clean_group, clean_name, clean_note,
                             clean_phone, clean_reason, clean_text, parse_count)
from store.pinyin import name_initials

# Households per INSERT statement in `insert_households`: 50 rows of 12
# columns stay under 999 bound variables, the limit of SQLite before 3.32.
INSERT_BATCH = 50


@dataclass(frozen=True)
class MemberInfo:
    name: str
    relation: str = ""
    phone: str = ""


@dataclass(frozen=True)
class HouseholdInfo:
    """A household as the screens and the CLI see it."""

    card_no: str
    head: str
    house_no: str
    group: str
    member_count: int
    phone: str
    poor: bool
    status: str
    status_reason: str
    merged_into: str
    notes: str
    # None when the list was read without members (lists and searches).
    members: tuple[MemberInfo, ...] | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        if self.members is None:
            del data["members"]
        return data


@dataclass
class HouseholdFields:
    """What a clerk gives for a new household or changes in one; None = unchanged."""

    card_no: str | None = None
    head: str | None = None
    house_no: str | None = None
    group: str | None = None
    member_count: int | str | None = None
    phone: str | None = None
    poor: bool | None = None
    notes: str | None = None
    members: list[MemberInfo] | None = field(default=None)


def _clean_member(member: MemberInfo) -> MemberInfo:
    name = clean_name(member.name, field="member")
    if not name:
        raise JifenError("household.member_name_missing")
    return MemberInfo(name, clean_text(member.relation, field="relation", limit=20),
                      clean_phone(member.phone))


def _clean_members(members: list[MemberInfo]) -> list[MemberInfo]:
    return [_clean_member(member) for member in members]


_CLEANERS = {
    "card_no": clean_card,
    "head": clean_name,
    "house_no": lambda value: clean_text(value, field="house_no", limit=40),
    "group": clean_group,
    "member_count": parse_count,
    "phone": clean_phone,
    "poor": bool,
    "notes": clean_note,
    "members": _clean_members,
}
_REQUIRED_FIELDS = ("card_no", "head")


def clean_field(name: str, value):
    """One field of HouseholdFields, cleaned and checked; raises JifenError when it is bad.

    A required field that cleans to nothing is bad: it may be left out, not blanked.
    """
    cleaned = _CLEANERS[name](value)
    if name in _REQUIRED_FIELDS and not cleaned:
        raise JifenError(f"household.{name}_missing")
    return cleaned


def clean_fields(given: HouseholdFields) -> dict:
    """The given fields, cleaned and checked; raises JifenError on the first bad one."""
    return {item.name: clean_field(item.name, getattr(given, item.name))
            for item in dataclass_fields(given) if getattr(given, item.name) is not None}


def group_named(name: str) -> VillagerGroup | None:
    """The villager group of that name, created in its place if new (2组 before 10组)."""
    if not name:
        return None
    group = VillagerGroup.get_or_none(VillagerGroup.name == name)
    if group is None:
        group = VillagerGroup.create(name=name, position=0)
        _order_groups()
    return group


def _group_order(name: str) -> tuple:
    """Numbered groups first, by number; then the others by name."""
    number = re.match(r"\d+", name)
    return (0, int(number.group()), name) if number else (1, 0, name)


def _order_groups() -> None:
    groups = sorted(VillagerGroup.select(), key=lambda group: _group_order(group.name))
    for position, group in enumerate(groups, start=1):
        if group.position != position:
            group.position = position
            group.save()


def insert_household(actor: Actor, values: dict) -> Household:
    """Create a household from cleaned values; the caller holds the write transaction."""
    if Household.get_or_none(Household.card_no == values["card_no"]) is not None:
        raise JifenError("household.card_exists", card=values["card_no"])
    group = group_named(values.get("group", ""))
    row = Household.create(**_new_household(values, group, actor.now()))
    _add_members(row, values.get("members", []))
    return row


def insert_households(actor: Actor, households: list[dict]) -> None:
    """Create many households from cleaned values, without members (as a roster sheet
    gives them); the caller holds the write transaction.

    The same checks as `insert_household`, made once for all of them: peewee
    building the SQL of two look-ups and an insert per household took most of
    a 3.8 s import of 5,000 rows (bench/import_roster.py).
    """
    if any(values.get("members") for values in households):
        raise ValueError("insert_households takes households without members")
    _check_cards_free([values["card_no"] for values in households])
    groups = _groups_named([values.get("group", "") for values in households])
    now = actor.now()
    columns = [_new_household(values, groups.get(values.get("group", "")), now)
               for values in households]
    for batch in peewee.chunked(columns, INSERT_BATCH):
        Household.insert_many(batch).execute()


def _check_cards_free(cards: list[str]) -> None:
    """Refuse a card that is in the village already, or given twice."""
    taken = {card for (card,) in Household.select(Household.card_no).tuples()}
    for card in cards:
        if card in taken:
            raise JifenError("household.card_exists", card=card)
        taken.add(card)


def _groups_named(names: list[str]) -> dict[str, VillagerGroup]:
    """The groups of these names, the new ones created."""
    groups = {group.name: group for group in VillagerGroup.select()}
    for name in dict.fromkeys(names):
        if name and name not in groups:
            groups[name] = group_named(name)
    return groups


def _new_household(values: dict, group: VillagerGroup | None, now: datetime) -> dict:
    """The columns of a new household row, from cleaned values."""
    return {
        # A given uuid keeps a household's identity when files are merged or rebuilt.
        "uuid": values.get("uuid") or uuid.uuid4(),
        "card_no": values["card_no"],
        "head": values["head"],
        "head_initials": name_initials(values["head"]),
        "house_no": values.get("house_no", ""),
        "group": group,
        "member_count": values.get("member_count", 1 + len(values.get("members", []))),
        "phone": values.get("phone", ""),
        "poor": values.get("poor", False),
        "notes": values.get("notes", ""),
        "created_at": now,
        "changed_at": now,
    }


def _replace_members(row: Household, members: list[MemberInfo]) -> None:
    Member.delete().where(Member.household == row).execute()
    _add_members(row, members)


def _add_members(row: Household, members: list[MemberInfo]) -> None:
    for position, member in enumerate(members):
        Member.create(household=row, name=member.name, relation=member.relation,
                      phone=member.phone, position=position)


def _check_member_count(count: int, members) -> None:
    """The head plus the listed members cannot outnumber the household."""
    if count < 1 + len(members):
        raise JifenError("household.count_below_members", count=count, listed=len(members))


def add_household(actor: Actor, given: HouseholdFields) -> HouseholdInfo:
    values = clean_fields(given)
    for required in _REQUIRED_FIELDS:
        if not values.get(required):
            raise JifenError(f"household.{required}_missing")
    if "member_count" in values:
        _check_member_count(values["member_count"], values.get("members", []))
    with db.write():
        row = insert_household(actor, values)
        info = household_info(row, with_members=True)
        audit.record(actor, "household.add", _target(row), after=info.as_dict())
    return info


def edit_household(actor: Actor, card_no: str, given: HouseholdFields) -> HouseholdInfo:
    """Change the given fields; a new card number must be free."""
    values = clean_fields(given)
    with db.write():
        row = _household(card_no)
        before = household_info(row, with_members=True)
        _check_member_count(values.get("member_count", row.member_count),
                            values.get("members", before.members))
        new_card = values.get("card_no", row.card_no)
        if new_card != row.card_no and Household.get_or_none(Household.card_no == new_card):
            raise JifenError("household.card_exists", card=new_card)
        for name in ("card_no", "head", "house_no", "member_count", "phone", "poor", "notes"):
            if name in values:
                setattr(row, name, values[name])
        if "head" in values:
            row.head_initials = name_initials(row.head)
        if "group" in values:
            row.group = group_named(values["group"])
        if "members" in values:
            _replace_members(row, values["members"])
        row.changed_at = actor.now()
        row.save()
        after = household_info(row, with_members=True)
        audit.record(actor, "household.edit", _target(row), before=_changed(before, after),
                     after=_changed(after, before))
    return after


def _refuse_pending_awards(row: Household) -> None:
    """Awards still waiting for their notice would be credited to a closed household (D9)."""
    if Award.select().where(Award.household == row, Award.status == "proposed").exists():
        raise JifenError("household.awards_pending", card=row.card_no)


def _refuse_pending_orders(row: Household) -> None:
    """A basket waiting (待领取) holds points and goods that a closed household could
    never collect: it is collected or cancelled first."""
    if Redemption.select().where(Redemption.household == row,
                                 Redemption.status == "ordered").exists():
        raise JifenError("household.orders_pending", card=row.card_no)


def close_household(actor: Actor, card_no: str, reason: str, *, moved: bool = False) -> HouseholdInfo:
    """Close a household (or mark it moved away); it keeps its history."""
    reason = clean_reason(reason)
    with db.write():
        row = _household(card_no)
        if row.status != "active":
            raise JifenError("household.not_active", card=row.card_no, status=row.status)
        _refuse_pending_awards(row)
        _refuse_pending_orders(row)
        return _set_status(actor, row, "moved" if moved else "closed", reason, "household.close")


def reopen_household(actor: Actor, card_no: str, reason: str = "") -> HouseholdInfo:
    """Make a closed or moved household active again; the reason is kept."""
    reason = clean_text(reason, field="reason")
    with db.write():
        row = _household(card_no)
        if row.status == "active":
            raise JifenError("household.already_active", card=row.card_no)
        if row.status == "merged":
            raise JifenError("household.merged_final", card=row.card_no,
                             into=row.merged_into.card_no)
        return _set_status(actor, row, "active", reason, "household.reopen")


def merge_household(actor: Actor, card_no: str, into: str, reason: str) -> HouseholdInfo:
    """Merge one household into another (D9): the first keeps its history, closed."""
    reason = clean_reason(reason)
    with db.write():
        source, target = _household(card_no), _household(into)
        if source.id == target.id:
            raise JifenError("household.merge_self", card=source.card_no)
        for row in (source, target):
            if row.status != "active":
                raise JifenError("household.not_active", card=row.card_no, status=row.status)
        _refuse_pending_awards(source)
        _refuse_pending_orders(source)
        source.merged_into = target
        transfer_all(actor, source, target, reason)
        return _set_status(actor, source, "merged", reason, "household.merge")


def _set_status(actor: Actor, row: Household, status: str, reason: str, action: str) -> HouseholdInfo:
    before = {"status": row.status, "status_reason": row.status_reason}
    row.status, row.status_reason, row.changed_at = status, reason, actor.now()
    row.save()
    after = {"status": status, "status_reason": reason}
    if status == "merged":
        after["merged_into"] = row.merged_into.card_no
    audit.record(actor, action, _target(row), before=before, after=after)
    return household_info(row)


def _changed(mine: HouseholdInfo, other: HouseholdInfo) -> dict:
    theirs = other.as_dict()
    return {key: value for key, value in mine.as_dict().items() if theirs.get(key) != value}


def _target(row: Household) -> str:
    return f"household:{row.card_no}"


def _household(card_no: str) -> Household:
    row = Household.get_or_none(Household.card_no == clean_card(card_no))
    if row is None:
        raise JifenError("household.not_found", card=card_no)
    return row


def household_info(row: Household, *, with_members: bool = False) -> HouseholdInfo:
    members = None
    if with_members:
        members = tuple(MemberInfo(m.name, m.relation, m.phone)
                        for m in row.members.order_by(Member.position))
    return HouseholdInfo(
        card_no=row.card_no, head=row.head, house_no=row.house_no,
        group=row.group.name if row.group_id else "", member_count=row.member_count,
        phone=row.phone, poor=row.poor, status=row.status, status_reason=row.status_reason,
        merged_into=row.merged_into.card_no if row.merged_into_id else "",
        notes=row.notes, members=members,
    )


def get_household(card_no: str) -> HouseholdInfo:
    return household_info(_household(card_no), with_members=True)


def _search_condition(text: str):
    """Matches a Chinese substring of the head, a card number, or pinyin initials.

    Letters alone are initials, never part of a card (only a whole card made of
    letters): a village's cards share their letters (LSW-0001, LSW-0002...), so `w`
    typed for 王 would find every household.
    """
    # Folded as names are (NFKC): a query pasted with Kangxi radicals finds the name.
    text = unicodedata.normalize("NFKC", clean_text(text, field="search")).replace(" ", "")
    if not text:
        return None
    condition = peewee.fn.instr(Household.head, text) > 0
    if text.isascii() and text.isalpha():
        condition |= peewee.fn.instr(Household.head_initials, text.lower()) > 0
        condition |= Household.card_no == text.upper()   # a card of letters, typed whole
    else:
        condition |= peewee.fn.instr(Household.card_no, text.upper()) > 0
    return condition


def find_households(search: str = "", *, group: str | None = None, status: str | None = None,
                    limit: int | None = None, offset: int = 0) -> list[HouseholdInfo]:
    """Households in roster order (group, then card number), filtered; paged at the query.

    Reads SQLite's own values through a plain cursor, neither model rows nor
    peewee's converted tuples: 5,000 households in 25 ms, not 200 (rows) or 40
    (tuples), which is what a clerk waits for when a search is cleared.
    """
    merged = Household.alias()
    query = (Household.select(Household.card_no, Household.head, Household.house_no,
                              peewee.fn.COALESCE(VillagerGroup.name, ""), Household.member_count,
                              Household.phone, Household.poor, Household.status,
                              Household.status_reason, peewee.fn.COALESCE(merged.card_no, ""),
                              Household.notes)
             .join_from(Household, VillagerGroup, peewee.JOIN.LEFT_OUTER)
             .join_from(Household, merged, peewee.JOIN.LEFT_OUTER,
                        on=(Household.merged_into == merged.id)))
    condition = _search_condition(search) if search else None
    if condition is not None:
        query = query.where(condition)
    if group:
        query = query.where(VillagerGroup.name == clean_group(group))
    if status:
        query = query.where(Household.status == status)
    query = query.order_by(peewee.fn.COALESCE(VillagerGroup.position, 1 << 30),
                           peewee.fn.length(Household.card_no), Household.card_no)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    with db.sqlite_errors_explained():
        rows = db.database.execute(query).fetchall()
    return [HouseholdInfo(*row[:6], bool(row[6]), *row[7:]) for row in rows]


def group_names() -> list[str]:
    return [row.name for row in VillagerGroup.select().order_by(VillagerGroup.position)]
