"""Peewee models of a village file. Rows stay inside `store`.

Timestamps are naive datetimes in UTC; points (later) are integers only.
"""

import uuid

import peewee

from store.db import database

HOUSEHOLD_STATUSES = ("active", "moved", "merged", "closed")
STAFF_ROLES = ("clerk", "supervisor", "liaison", "leader")


class BaseModel(peewee.Model):
    class Meta:
        database = database
        legacy_table_names = False


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

    uuid = peewee.UUIDField(unique=True, default=uuid.uuid4)
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


class Audit(BaseModel):
    """One row for every write: who, as which OS account, what, when."""

    at = peewee.DateTimeField()
    staff = peewee.ForeignKeyField(Staff, null=True, backref="audit_rows", on_delete="RESTRICT")
    staff_name = peewee.TextField()
    os_user = peewee.TextField()
    os_uid = peewee.IntegerField()
    action = peewee.TextField(index=True)
    target = peewee.TextField(default="")
    # JSON: {"before": {...}, "after": {...}} or a summary of a bulk write.
    summary = peewee.TextField(default="{}")


class AdoptedVersion(BaseModel):
    """A rubric or policy as the village adopted it: the TOML text, never changed.

    `number` counts the village's adoptions of that kind (1, 2, 3 ...): an
    award names the number, so it still explains itself after later changes.
    """

    uuid = peewee.UUIDField(unique=True, default=uuid.uuid4)
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


class Setting(BaseModel):
    """A preference kept with the village file (e.g. the projector theme)."""

    key = peewee.TextField(primary_key=True)
    value = peewee.TextField()


ALL_MODELS = [Village, VillagerGroup, Household, Member, Staff, Audit, RubricVersion,
              PolicyVersion, Setting]
