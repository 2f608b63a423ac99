"""How a member list is typed: "李秀英:妻, 张明:子:13900000000"."""

import re

from store.roster import MemberInfo

_SEPARATORS = re.compile(r"[,，、;；]")


def parse_member(text: str) -> MemberInfo:
    """NAME:RELATION[:PHONE], with ASCII or Chinese colons."""
    name, _, rest = text.replace("：", ":").partition(":")
    relation, _, phone = rest.partition(":")
    return MemberInfo(name.strip(), relation.strip(), phone.strip())


def parse_members(text: str) -> list[MemberInfo]:
    return [parse_member(part) for part in _SEPARATORS.split(text) if part.strip()]


def format_members(members) -> str:
    """The inverse of parse_members."""
    return ", ".join(":".join((m.name, m.relation, m.phone)).rstrip(":") for m in members)
