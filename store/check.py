"""`jifen check`: recompute what must hold in a village file and report each breach.

`PRAGMA integrity_check` only proves the file is a sound SQLite database; it
says "ok" about a file whose rows contradict each other, so the invariants are
checked here one by one.
"""

from dataclasses import dataclass, field

import peewee

from store.db import database, sqlite_errors_explained
from store.models import Household, Member, Village
from store.pinyin import name_initials


@dataclass(frozen=True)
class Problem:
    key: str
    params: dict = field(default_factory=dict)


def check_village() -> list[Problem]:
    """Every problem found, in a stable order; an empty list means all is well."""
    with sqlite_errors_explained():
        problems = _sqlite_problems()
        if problems:  # rows of a damaged file cannot be trusted for the rest
            return problems
        return [*_village_problems(), *_household_problems()]


def _sqlite_problems() -> list[Problem]:
    problems = [Problem("check.integrity", {"detail": row[0]})
                for row in database.execute_sql("PRAGMA integrity_check")
                if row[0] != "ok"]
    problems += [Problem("check.foreign_key", {"table": table, "rowid": rowid, "parent": parent})
                 for table, rowid, parent, _ in database.execute_sql("PRAGMA foreign_key_check")]
    return problems


def _village_problems() -> list[Problem]:
    count = Village.select().count()
    return [] if count == 1 else [Problem("check.village_rows", {"count": count})]


def _household_problems() -> list[Problem]:
    member_counts = dict(Member.select(Member.household, peewee.fn.COUNT(Member.id))
                         .group_by(Member.household).tuples())
    problems = []
    for row in Household.select().order_by(Household.id):
        card = row.card_no
        if (row.status == "merged") != (row.merged_into_id is not None):
            problems.append(Problem("check.merge_link", {"card": card}))
        listed = member_counts.get(row.id, 0)
        if row.member_count < 1 + listed:
            problems.append(Problem("check.member_count",
                                    {"card": card, "count": row.member_count, "listed": listed}))
        if row.head_initials != name_initials(row.head):
            problems.append(Problem("check.initials", {"card": card}))
    return problems
