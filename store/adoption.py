"""A village adopts one rubric and one policy; each adoption is a frozen, numbered snapshot.

The snapshot keeps the TOML text as adopted (comments and all), so an award
made under version 1 still explains itself after version 2 changes an item.
Adopting the same text again changes nothing.
"""

import hashlib
from functools import lru_cache
from dataclasses import dataclass
from datetime import datetime

import peewee

from store import audit, db
from store.actor import Actor
from store.errors import JifenError
from store.models import PolicyVersion, RubricVersion
from store.policy import Policy, parse_policy
from store.rubric import Rubric, parse_rubric
from store.shipped import find_rules_file
from store.toml_files import read_toml_text


@dataclass(frozen=True)
class Kind:
    name: str          # "rubric" or "policy": audit actions and message keys
    model: type
    parse: object


RUBRIC = Kind("rubric", RubricVersion, parse_rubric)
POLICY = Kind("policy", PolicyVersion, parse_policy)


@dataclass(frozen=True)
class Adopted:
    """One adopted version and what it says."""

    number: int
    document: Rubric | Policy
    source_file: str
    sha256: str
    adopted_at: datetime
    adopted_by: str
    new: bool = False     # from adopt_*: False when the same text was already in force


def adopt_rubric(actor: Actor, path) -> Adopted:
    return _adopt_file(actor, RUBRIC, path)


def adopt_policy(actor: Actor, path) -> Adopted:
    return _adopt_file(actor, POLICY, path)


def adopt_rubric_text(actor: Actor, text: str, source_file: str = "", *,
                      based_on: int | None = None) -> Adopted:
    """Adopt a rubric given as TOML text: edited inside jifen, or shipped.

    `based_on`: the version an edit started from; if another has been adopted
    since, the edit would silently undo it, so it is refused.
    """
    return _adopt(actor, RUBRIC, text, source_file, based_on)


def adopt_policy_text(actor: Actor, text: str, source_file: str = "") -> Adopted:
    return _adopt(actor, POLICY, text, source_file)


def current_rubric() -> Adopted | None:
    return _current(RUBRIC)


def current_policy() -> Adopted | None:
    return _current(POLICY)


def required_policy() -> Policy:
    """The policy in force, or the refusal that there is none yet."""
    adopted = current_policy()
    if adopted is None:
        raise JifenError("policy.none_adopted")
    return adopted.document


def rubric_version(number: int) -> Adopted:
    return _version(RUBRIC, number)


def policy_version(number: int) -> Adopted:
    return _version(POLICY, number)


def rubric_history() -> list[Adopted]:
    return [_adopted(RUBRIC, row) for row in RUBRIC.model.select().order_by(RUBRIC.model.number)]


def policy_history() -> list[Adopted]:
    return [_adopted(POLICY, row) for row in POLICY.model.select().order_by(POLICY.model.number)]


def _adopt_file(actor: Actor, kind: Kind, path) -> Adopted:
    path = find_rules_file(str(path))
    return _adopt(actor, kind, read_toml_text(path), path.name)


def _adopt(actor: Actor, kind: Kind, text: str, source_file: str,
           based_on: int | None = None) -> Adopted:
    document = kind.parse(text, source_file or f"<{kind.name}>")  # a bad file changes nothing
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with db.write():
        latest = kind.model.select().order_by(kind.model.number.desc()).first()
        in_force = latest.number if latest else 0
        if based_on is not None and in_force != based_on:
            raise JifenError(f"{kind.name}.changed_meanwhile", based_on=based_on,
                             number=in_force)
        if latest is not None and latest.sha256 == digest:
            return _adopted(kind, latest)
        number = (latest.number if latest else 0) + 1
        row = kind.model.create(number=number, source_id=document.id, name=document.name,
                                source_file=source_file, text=text, sha256=digest,
                                adopted_at=actor.now(), staff=actor.staff_id)
        audit.record(actor, f"{kind.name}.adopt", f"{kind.name}:{number}", id=document.id,
                     name=document.name, version=document.version, file=source_file,
                     sha256=digest)
    return _adopted(kind, row, new=True)


def _current(kind: Kind) -> Adopted | None:
    row = kind.model.select().order_by(kind.model.number.desc()).first()
    return None if row is None else _adopted(kind, row)


def _version(kind: Kind, number: int) -> Adopted:
    row = kind.model.get_or_none(kind.model.number == number)
    if row is None:
        raise JifenError(f"{kind.name}.no_such_version", number=number)
    return _adopted(kind, row)


def _adopted(kind: Kind, row: peewee.Model, *, new: bool = False) -> Adopted:
    document = _parsed(kind, row.text, row.source_file or f"<{kind.name}>")
    return Adopted(row.number, document, row.source_file, row.sha256, row.adopted_at,
                   row.staff.name, new)


@lru_cache(maxsize=32)
def _parsed(kind: Kind, text: str, file: str) -> Rubric | Policy:
    """An adopted text never changes, so it is parsed once per process (each award asks)."""
    return kind.parse(text, file)
