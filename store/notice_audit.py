"""The audit log as a printed notice (store.notices.KINDS "audit"): every write of a period.

One row a write, in the order written: when (the office's local time), who (the
staff member, and the OS account in brackets: D13), what (the action in words,
and what it was done to), and the facts the write recorded. Phone numbers are
never printed (a changed one is said to have changed), nor the row ids, file
hashes and card lists a reader cannot use. By default the current month.

The builder reads the village file; `audit_log_notice` lays out what it is
given, and depends on nothing else.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from store.audit import AuditEntry, entries_between
from store.notices import Notice, Request
from store.periods import Period, parse_period, period_of
from store.print_layout import Col, Layout, Say, centred, right, wrap
from store.shop_sheets import BLANK, NAME_CAP, WIDE, Field, grid, period_words
from store.staff import signers
from store.village import village_info

# Never printed: private (phone), or of no use on paper (ids, hashes, long lists).
HIDDEN = frozenset({"phone", "members", "id", "uuid", "sha256", "os_uid", "active", "cards",
                    "lines", "staff", "statuses"})
# Changed, never printed: a changed value is said to have changed.
PRIVATE = frozenset({"phone"})
# A new record's status and registrar say nothing the row does not.
NEW_RECORD_HIDDEN = frozenset({"status", "registered_by"})
# Facts whose values are words of the catalog: "status" "closed" -> "status.closed".
VALUE_WORDS = frozenset({"status", "role", "area"})
WHEN_FORMAT = "%m-%d %H:%M"    # the period printed above gives the year
WHAT_CAP = 16                  # the longest action in words: 结束评议会并公示


@dataclass(frozen=True)
class Written:
    """An audit row as printed: its local time, and the row."""

    at: datetime
    entry: AuditEntry


def audit_notice(request: Request, today: date, say: Say, layout: Layout) -> Notice:
    """The audit log of a month, quarter or year (by default today's month): every write
    in it, with who made it as which OS account."""
    period = parse_period(request.period) if request.period else period_of(today, "month")
    start = _utc_midnight(period.first_day)
    written = [Written(_local(entry.at), entry)
               for entry in entries_between(start, _utc_midnight(period.last_day
                                                                 + timedelta(days=1)))]
    supervisor = signers().supervisor
    return audit_log_notice(village_info().name, period, written, _utc_offset(start),
                            supervisor, say, today, layout)


def audit_log_notice(village: str, period: Period, written: Sequence[Written], offset: str,
                     supervisor: str, say: Say, today: date, layout: Layout) -> Notice:
    """The log laid out: `offset` is the local time's ("+08:00"), `supervisor` who signs
    it as read ("" for a blank line)."""
    head = centred(say("audit.title", village=village, period=period_words(period, say)),
                   layout)
    body = ["", *wrap(say("sheet.span", first=period.first_day, last=period.last_day), layout)]
    if period.first_day <= today <= period.last_day:
        body += wrap(say("sheet.span_running", today=today), layout)
    if written:
        body += _table(written, say, layout)
        body += wrap(say("audit.total", count=len(written)), layout)
    else:
        body += wrap(say("audit.empty"), layout)
    body += wrap(say("audit.times", offset=offset), layout)
    role = say("sheet.role.supervisor")
    signature = (say("sheet.sign_line", role=role, name=supervisor, blank=BLANK) if supervisor
                 else say("sheet.sign_blank", role=role, blank=BLANK))
    body += ["", *wrap(say("audit.printed_on", day=today), layout), *wrap(signature, layout),
             "", *right(say("sheet.signed", village=village, day=today), layout)]
    return Notice(head, body)


def _table(written: Sequence[Written], say: Say, layout: Layout) -> list[str]:
    when = Field(Col(say("audit.col.when"), wrap=False))
    facts = Field(Col(say("audit.col.facts")), flex=True)
    rows = [(row.at.strftime(WHEN_FORMAT),
             [row.entry.staff_name, say("audit.os_user", user=row.entry.os_user)],
             [_action_words(row.entry.action, say), *_target_words(row.entry.target, say)],
             say("word.parts").join(fact_lines(row.entry.summary, say)))
            for row in written]
    if layout.width >= WIDE:
        fields = [when, Field(Col(say("audit.col.who")), NAME_CAP),
                  Field(Col(say("audit.col.what")), WHAT_CAP), facts]
        return grid(fields, [list(row) for row in rows], layout)
    # Narrow: who under when, and the facts under what was done.
    who = Field(Col(say("audit.col.when_who")), NAME_CAP)
    what = Field(Col(say("audit.col.what_facts")), flex=True)
    return grid([who, what], [[[at, *person], [*action, *([text] if text else [])]]
                              for at, person, action, text in rows], layout)


def _word(say: Say, key: str, fallback: str, **params) -> str:
    """The catalog's words for `key`, or `fallback` for a name it does not know (a file
    written by a later jifen): the log prints whatever a file holds."""
    try:
        return say(key, **params)
    except KeyError:
        return fallback


def _action_words(action: str, say: Say) -> str:
    return _word(say, f"action.{action}", action)


def _target_words(target: str, say: Say) -> list[str]:
    """"deed:12" in words (事迹 12); a name, a day or a file as it is; nothing for none."""
    if not target:
        return []
    kind, _, number = target.partition(":")
    return [_word(say, f"audit.target.{kind}", target, id=number) if number else target]


def fact_lines(summary: dict, say: Say) -> list[str]:
    """The facts a write recorded, each "label：value"; a changed record's fields as
    "before → after"."""
    facts = dict(summary)
    before, after = facts.pop("before", None), facts.pop("after", None)
    pairs: list[tuple[str, str]] = []
    if isinstance(before, dict) and isinstance(after, dict):
        pairs += [(key, _change(key, before.get(key), after.get(key), say))
                  for key in {**before, **after}
                  if before.get(key) != after.get(key) and (key in PRIVATE or key not in HIDDEN)]
    elif isinstance(after, dict):
        pairs += [(key, _value(key, value, say)) for key, value in after.items()
                  if key not in HIDDEN | NEW_RECORD_HIDDEN and _shown(value)]
    elif before is not None or after is not None:       # a setting: one value for another
        pairs.append(("value", _change("value", before, after, say)))
    pairs += [(key, _value(key, value, say)) for key, value in facts.items()
              if key not in HIDDEN and _shown(value)]
    return [say("audit.fact", label=_word(say, f"audit.fact.{key}", key), value=value)
            for key, value in pairs]


def _shown(value) -> bool:
    """Whether a fact is worth a line: not empty, not a flag that is off (0 is a figure)."""
    return value is not None and value is not False and value not in ("", [], {})


def _change(key: str, before, after, say: Say) -> str:
    if key in PRIVATE:
        return say("audit.private_changed")
    return say("audit.changed", before=_value(key, before, say) if _shown(before) else "-",
               after=_value(key, after, say) if _shown(after) else "-")


def _value(key: str, value, say: Say) -> str:
    if isinstance(value, bool):
        return say("word.yes") if value else say("word.no")
    if isinstance(value, list):
        return say("word.list").join(str(part) for part in value)
    if isinstance(value, dict):
        return say("word.list").join(f"{name}={part}" for name, part in value.items())
    if key in VALUE_WORDS:
        return _word(say, f"{key}.{value}", str(value))
    return str(value)


def _local(at: datetime) -> datetime:
    """A stored time (naive UTC) in the office's time zone."""
    return at.replace(tzinfo=timezone.utc).astimezone()


def _utc_midnight(day: date) -> datetime:
    """The start of `day` in the office's time zone, as the file stores times (naive UTC)."""
    return datetime.combine(day, time()).astimezone(timezone.utc).replace(tzinfo=None)


def _utc_offset(moment: datetime) -> str:
    """The office's offset from UTC at `moment` (naive UTC): "+08:00"."""
    offset = _local(moment).strftime("%z")
    return f"{offset[:3]}:{offset[3:]}"
