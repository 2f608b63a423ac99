"""Peewee models of a village file. Rows stay inside `store`.

Timestamps are naive datetimes in UTC; points (later) are integers only.
"""

import uuid

import peewee

from store import chain
from store.db import database
from store.normalize import record_number

HOUSEHOLD_STATUSES = ("active", "moved", "merged", "closed")
STAFF_ROLES = ("clerk", "supervisor", "liaison", "leader")

# Makes each record's lasting id; a test may put a counter here so that what
# hashes those ids (the printed chain head) comes out the same on every run.
uuid_factory = uuid.uuid4


def new_uuid() -> uuid.UUID:
    return uuid_factory()


class BaseModel(peewee.Model):
    class Meta:
        database = database
        legacy_table_names = False

    @classmethod
    def numbered(cls, value):
        """The row whose id a clerk typed ("12", 12, "#12"), or None: also for a number
        no row can have, which SQLite would refuse with an overflow."""
        number = record_number(value)
        return None if number is None else cls.get_or_none(cls.id == number)


class ChainedModel(BaseModel):
    """A row never rewritten, sealed into the hash chain as it is inserted."""

    def save(self, *args, **kwargs):
        saved = super().save(*args, **kwargs)
        self.chain = chain.seal(self._meta.table_name, self.id)
        return saved


class Village(BaseModel):
    """The one village this file holds."""

    name = peewee.TextField()
    population = peewee.IntegerField()
    township = peewee.TextField(default="")
    county = peewee.TextField(default="")
    created_at = peewee.DateTimeField()


class VillagerGroup(BaseModel):
    """A villager group (村民小组)."""

    name = peewee.TextField(unique=True)
    position = peewee.IntegerField(default=0)


class Household(BaseModel):
    """A household: the unit that earns and spends points."""

    uuid = peewee.UUIDField(unique=True, default=new_uuid)
    card_no = peewee.TextField(unique=True)
    head = peewee.TextField()
    # Pinyin initials of the head's name, space-separated readings ("sxm dxm"),
    # computed when the name is written so search never imports pypinyin.
    head_initials = peewee.TextField(default="", index=True)
    house_no = peewee.TextField(default="")
    group = peewee.ForeignKeyField(VillagerGroup, null=True, backref="households", on_delete="RESTRICT")
    member_count = peewee.IntegerField(default=1)
    phone = peewee.TextField(default="")
    poor = peewee.BooleanField(default=False)
    status = peewee.TextField(default="active", constraints=[peewee.Check(
        "status IN ('active', 'moved', 'merged', 'closed')")])
    status_reason = peewee.TextField(default="")
    merged_into = peewee.ForeignKeyField("self", null=True, backref="merged_from", on_delete="RESTRICT")
    notes = peewee.TextField(default="")
    created_at = peewee.DateTimeField()
    changed_at = peewee.DateTimeField()


class Member(BaseModel):
    """A member of a household other than its head."""

    household = peewee.ForeignKeyField(Household, backref="members", on_delete="CASCADE")
    name = peewee.TextField()
    relation = peewee.TextField(default="")
    phone = peewee.TextField(default="")
    position = peewee.IntegerField(default=0)


class Staff(BaseModel):
    """A person who works the scheme, mapped (or not) to an OS account."""

    name = peewee.TextField(unique=True)
    role = peewee.TextField(constraints=[peewee.Check(
        "role IN ('clerk', 'supervisor', 'liaison', 'leader')")])
    os_user = peewee.TextField(default="")
    os_uid = peewee.IntegerField(null=True, index=True)
    title = peewee.TextField(default="")  # 职务, e.g. 村党支部书记
    # The villager group a liaison serves.
    group = peewee.ForeignKeyField(VillagerGroup, null=True, backref="liaisons", on_delete="RESTRICT")
    active = peewee.BooleanField(default=True)
    created_at = peewee.DateTimeField()


class Audit(ChainedModel):
    """One row for every write: who, as which OS account, what, when. Append-only and
    chained like the ledger: the record of who did what must not be quietly changed."""

    at = peewee.DateTimeField()
    staff = peewee.ForeignKeyField(Staff, null=True, backref="audit_rows", on_delete="RESTRICT")
    staff_name = peewee.TextField()
    os_user = peewee.TextField()
    os_uid = peewee.IntegerField()
    action = peewee.TextField(index=True)
    target = peewee.TextField(default="")
    # JSON: {"before": {...}, "after": {...}} or a summary of a bulk write.
    summary = peewee.TextField(default="{}")
    chain = peewee.TextField(null=True)       # store/chain.py: sealed as it is written


class AdoptedVersion(BaseModel):
    """A rubric or policy as the village adopted it: the TOML text, never changed.

    `number` counts the village's adoptions of that kind (1, 2, 3 ...): an
    award names the number, so it still explains itself after later changes.
    """

    uuid = peewee.UUIDField(unique=True, default=new_uuid)
    number = peewee.IntegerField()
    source_id = peewee.TextField()          # the file's own id, e.g. "mazigou"
    name = peewee.TextField()
    source_file = peewee.TextField(default="")
    text = peewee.TextField()
    sha256 = peewee.TextField()
    adopted_at = peewee.DateTimeField()
    staff = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")


class RubricVersion(AdoptedVersion):
    class Meta:
        indexes = ((("number",), True),)


class PolicyVersion(AdoptedVersion):
    class Meta:
        indexes = ((("number",), True),)


class Deed(BaseModel):
    """A good deed (or a lapse) registered in the deeds register (事迹登记册)."""

    uuid = peewee.UUIDField(unique=True, default=new_uuid)
    household = peewee.ForeignKeyField(Household, backref="deeds", on_delete="RESTRICT")
    day = peewee.DateField()
    what = peewee.TextField()
    item_id = peewee.TextField(default="")       # the rubric item suggested
    evidence = peewee.TextField(default="")
    self_applied = peewee.BooleanField(default=False)  # else registered by staff (liaison)
    status = peewee.TextField(default="pending", constraints=[peewee.Check(
        "status IN ('pending', 'awarded', 'rejected', 'withdrawn')")])
    status_reason = peewee.TextField(default="")
    registered_by = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    registered_at = peewee.DateTimeField()


class Review(BaseModel):
    """A review meeting (评议会) for one period, with the rules in force when it opened."""

    uuid = peewee.UUIDField(unique=True, default=new_uuid)
    period = peewee.TextField(index=True)
    attendees = peewee.TextField(default="")
    rubric_version = peewee.IntegerField()
    policy_version = peewee.IntegerField()
    status = peewee.TextField(default="open", constraints=[peewee.Check(
        "status IN ('open', 'closed', 'finalized')")])
    opened_by = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    opened_at = peewee.DateTimeField()
    closed_by = peewee.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    closed_on = peewee.DateField(null=True)
    notice_last_day = peewee.DateField(null=True)
    signed_off_by = peewee.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    finalized_on = peewee.DateField(null=True)


class Award(BaseModel):
    """Points proposed for a household at a review; they count only once effective.

    `points` is what the meeting fixed (after any trim); an upheld objection
    sets `final_points` (or cancels), so the change stays visible.
    """

    uuid = peewee.UUIDField(unique=True, default=new_uuid)
    review = peewee.ForeignKeyField(Review, backref="awards", on_delete="RESTRICT")
    household = peewee.ForeignKeyField(Household, backref="awards", on_delete="RESTRICT")
    deed = peewee.ForeignKeyField(Deed, null=True, backref="awards", on_delete="RESTRICT")
    item_id = peewee.TextField()
    rubric_version = peewee.IntegerField()
    points = peewee.IntegerField()
    asked_points = peewee.IntegerField()   # before a trim to the cap or budget
    final_points = peewee.IntegerField(null=True)
    note = peewee.TextField(default="")
    status = peewee.TextField(default="proposed", constraints=[peewee.Check(
        "status IN ('proposed', 'withdrawn', 'effective', 'cancelled')")])
    status_reason = peewee.TextField(default="")
    proposed_by = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    proposed_at = peewee.DateTimeField()
    effective_on = peewee.DateField(null=True)

    class Meta:
        indexes = ((("review", "household"), False),)


class Objection(BaseModel):
    """An objection (异议) to an award during its notice, and how it was resolved."""

    uuid = peewee.UUIDField(unique=True, default=new_uuid)
    award = peewee.ForeignKeyField(Award, backref="objections", on_delete="RESTRICT")
    raised_by = peewee.TextField()            # any villager: a name, not a staff member
    reason = peewee.TextField()
    registered_by = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    registered_at = peewee.DateTimeField()
    status = peewee.TextField(default="open", constraints=[peewee.Check(
        "status IN ('open', 'upheld', 'dismissed')")])
    new_points = peewee.IntegerField(null=True)   # upheld: the award's new points; None cancels
    resolution = peewee.TextField(default="")
    resolved_by = peewee.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    resolved_at = peewee.DateTimeField(null=True)


LEDGER_KINDS = ("award", "deduction", "quarter_credit", "redemption", "reversal",
                "merge_transfer", "expiry", "adjustment")
ACCOUNTS = ("spendable", "honour")


class LedgerEntry(ChainedModel):
    """One movement of points. Append-only: triggers refuse UPDATE and DELETE.

    There is no kind that pays out money: points are never cash.
    """

    uuid = peewee.UUIDField(unique=True, default=new_uuid)
    # index=False: (household, account, day, points) below leads with it.
    household = peewee.ForeignKeyField(Household, backref="ledger", on_delete="RESTRICT",
                                       index=False)
    account = peewee.TextField(constraints=[peewee.Check("account IN ('spendable', 'honour')")])
    kind = peewee.TextField(constraints=[peewee.Check(
        "kind IN ('award', 'deduction', 'quarter_credit', 'redemption', 'reversal', "
        "'merge_transfer', 'expiry', 'adjustment')")])
    points = peewee.IntegerField()
    day = peewee.DateField()                  # when it took effect
    period = peewee.TextField(default="")     # the scoring period it belongs to, if any
    award = peewee.ForeignKeyField(Award, null=True, backref="entries", on_delete="RESTRICT")
    reverses = peewee.ForeignKeyField("self", null=True, unique=True, backref="reversed_by",
                                      on_delete="RESTRICT")
    link = peewee.UUIDField(null=True, index=True)   # joins the entries of one operation
    reason = peewee.TextField(default="")
    # No index on who wrote an entry: no query asks, and the ledger is the biggest table.
    staff = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT", index=False)
    second_staff = peewee.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT",
                                          index=False)
    created_at = peewee.DateTimeField()
    chain = peewee.TextField(null=True)       # store/chain.py: sealed as it is written

    class Meta:
        # Covering: a balance, the board's balances and every per-household sum read
        # the index alone (docs/PERFORMANCE.md: the board 1.7 s -> 0.34 s).
        indexes = ((("household", "account", "day", "points"), False),)


GOODS_AREAS = ("goods", "donation")
STOCK_KINDS = ("purchase", "donation", "redemption", "return", "writeoff", "stocktake")
REDEMPTION_STATUSES = ("ordered", "collected", "cancelled", "expired", "undone")


class Goods(BaseModel):
    """A goods item of the love supermarket, priced in points, in the goods or donation area."""

    uuid = peewee.UUIDField(unique=True, default=new_uuid)
    name = peewee.TextField()
    unit = peewee.TextField(default="")
    price = peewee.IntegerField()             # points for one unit
    area = peewee.TextField(constraints=[peewee.Check("area IN ('goods', 'donation')")])
    low_stock = peewee.IntegerField(default=0)  # at or below this many available: running low
    active = peewee.BooleanField(default=True)
    created_at = peewee.DateTimeField()


class Redemption(BaseModel):
    """A basket of goods for a household: handed over at the counter, or ordered ahead
    for a redemption day (待领取) and collected later (已领取)."""

    uuid = peewee.UUIDField(unique=True, default=new_uuid)
    household = peewee.ForeignKeyField(Household, backref="redemptions", on_delete="RESTRICT")
    status = peewee.TextField(constraints=[peewee.Check(
        "status IN ('ordered', 'collected', 'cancelled', 'expired', 'undone')")])
    points = peewee.IntegerField()
    proxy = peewee.TextField(default="")      # who collected on the household's behalf (代领)
    made_on = peewee.DateField()
    collect_by = peewee.DateField(null=True)  # an order: the last day it may be collected
    collected_on = peewee.DateField(null=True, index=True)
    made_by = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    collected_by = peewee.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    status_reason = peewee.TextField(default="")
    created_at = peewee.DateTimeField()


class RedemptionLine(BaseModel):
    """One goods item of a basket, at the price and area it had then."""

    redemption = peewee.ForeignKeyField(Redemption, backref="lines", on_delete="RESTRICT")
    goods = peewee.ForeignKeyField(Goods, backref="+", on_delete="RESTRICT")
    quantity = peewee.IntegerField()
    price = peewee.IntegerField()
    area = peewee.TextField()


class StockMovement(ChainedModel):
    """Goods in or out. Append-only: triggers refuse UPDATE and DELETE.

    Stock on hand is the sum of an item's quantities; a stocktake records the
    count and the difference to what was expected.
    """

    uuid = peewee.UUIDField(unique=True, default=new_uuid)
    goods = peewee.ForeignKeyField(Goods, backref="movements", on_delete="RESTRICT")
    kind = peewee.TextField(constraints=[peewee.Check(
        "kind IN ('purchase', 'donation', 'redemption', 'return', 'writeoff', 'stocktake')")])
    quantity = peewee.IntegerField()
    day = peewee.DateField()
    supplier = peewee.TextField(default="")
    cost_fen = peewee.IntegerField(null=True)   # a purchase's whole cost, in fen (0.01 yuan)
    donor = peewee.TextField(default="")
    via = peewee.TextField(default="")          # who brought the donation
    counted = peewee.IntegerField(null=True)    # a stocktake's count
    reason = peewee.TextField(default="")
    witness = peewee.ForeignKeyField(Staff, null=True, backref="+", on_delete="RESTRICT")
    redemption = peewee.ForeignKeyField(Redemption, null=True, backref="movements",
                                        on_delete="RESTRICT")
    reverses = peewee.ForeignKeyField("self", null=True, unique=True, backref="reversed_by",
                                      on_delete="RESTRICT")
    staff = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    created_at = peewee.DateTimeField()
    chain = peewee.TextField(null=True)         # store/chain.py: sealed as it is written

    class Meta:
        # (goods, quantity) covers stock on hand, the sum of an item's movements.
        indexes = ((("goods", "day"), False), (("goods", "quantity"), False))


class RedemptionSheet(BaseModel):
    """A supervisor's sign-off of one day's redemptions, with what it covered."""

    day = peewee.DateField(unique=True)
    signed_off_by = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    signed_at = peewee.DateTimeField()
    redemptions = peewee.IntegerField()
    points = peewee.IntegerField()


class Settlement(BaseModel):
    """A quarter's settlement made final: its redemptions can no longer be undone (D8)."""

    period = peewee.TextField(unique=True)
    points = peewee.IntegerField()            # goods-area points settled with the supplier
    yuan = peewee.TextField()                 # their value at the policy's rate, as text
    yuan_per_point = peewee.TextField()       # that rate, kept: a later policy changes nothing
    made_by = peewee.ForeignKeyField(Staff, backref="+", on_delete="RESTRICT")
    made_at = peewee.DateTimeField()


class Setting(BaseModel):
    """A preference kept with the village file (e.g. the projector theme)."""

    key = peewee.TextField(primary_key=True)
    value = peewee.TextField()


# What waits is a sliver of what is kept: these find it without reading the rest (the
# meeting's deeds waiting among ten years' deeds, the orders among every basket).
Deed.add_index(Deed.index(Deed.household, name="deed_pending")
               .where(Deed.status == "pending"))
Redemption.add_index(Redemption.index(Redemption.collect_by, name="redemption_ordered")
                     .where(Redemption.status == "ordered"))

SHOP_MODELS = [Goods, Redemption, RedemptionLine, StockMovement, RedemptionSheet, Settlement]
ALL_MODELS = [Village, VillagerGroup, Household, Member, Staff, Audit, RubricVersion,
              PolicyVersion, Deed, Review, Award, Objection, LedgerEntry, Setting,
              *SHOP_MODELS]


def append_only_triggers(*models) -> list[str]:
    """SQL that makes the tables of `models` refuse to be rewritten.

    The one update allowed is sealing a new row's `chain` (store/chain.py), once.
    """
    triggers = []
    for model in models:
        table = model._meta.table_name
        content = ", ".join(field.column_name for field in model._meta.sorted_fields
                            if field.name != "chain")
        refuse = f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        triggers += [f"CREATE TRIGGER {table}_no_update BEFORE UPDATE OF {content} ON {table} "
                     f"{refuse}",
                     f"CREATE TRIGGER {table}_chain_once BEFORE UPDATE OF chain ON {table} "
                     f"WHEN OLD.chain IS NOT NULL {refuse}",
                     f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} {refuse}"]
    return triggers


# Models whose rows are never rewritten and carry the hash chain.
CHAINED_MODELS = (LedgerEntry, StockMovement, Audit)
