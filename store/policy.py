"""A scheme policy (积分办法): who is scored, caps, budget, notice, value, eligibility.

Every number of a village's scheme lives in its policy file, never in code;
the format is specified in rubrics/README.md. `parse_policy` checks every rule
of it, cross-field ones included, and raises the first problem as a
JifenError naming the file, the line and the key (see store.toml_files).
"""

import re
from dataclasses import asdict, dataclass
from decimal import Decimal

from store import toml_files
from store.toml_files import LARGEST, Table

COVERS = ("all", "registered_poor")
RHYTHMS = ("month", "quarter")
SPENDABLE_RESETS = ("never", "year_end")
HONOUR_RESETS = ("never",)  # honour points only grow
TIES = ("include",)
DONATION_RULES = ("free", "with_goods_area")
MAX_NOTICE_DAYS = 30
MAX_ORDER_DAYS = 60
DEFAULT_ORDER_DAYS = 7
LAST_WINDOW_DAY = 28  # a window fits in every month, February too

# A string, so no float ever enters the points office: "2", "0.5", "1.25".
_YUAN = re.compile(r"[0-9]+(\.[0-9]{1,2})?")
_YUAN_LIMIT = 12
_TABLES = ("policy", "scoring", "budget", "notice", "value", "accounts", "eligibility",
           "redemption", "goods", "notices", "honours", "report")


@dataclass(frozen=True)
class BudgetTier:
    up_to: int | None  # population up to and including; None = the open-ended last tier
    points: int


@dataclass(frozen=True)
class Window:
    months: tuple[int, ...]
    first_day: int
    last_day: int


@dataclass(frozen=True)
class Eligibility:
    min_score: int
    top_percent: int
    ties: str


@dataclass(frozen=True)
class Honours:
    count: int
    title: str
    month: int


@dataclass(frozen=True)
class Policy:
    id: str
    name: str
    source: str
    version: int
    description: str
    covers: str
    rhythm: str
    household_cap: int | None
    base_score: int
    ranked: bool
    budget: tuple[BudgetTier, ...]  # () = no village budget
    notice_days: int
    supervisor_signoff: bool
    yuan_per_point: Decimal
    spendable_reset: str
    honour_reset: str
    eligibility: Eligibility | None
    redemption_anytime: bool
    redemption_windows: tuple[Window, ...]
    order_days: int  # an order waits this many days under an any-time policy
    price_zones: tuple[int, ...]  # () = prices free
    donation_rule: str
    name_deductions: bool
    honours: Honours | None
    distribution_bands: tuple[int, ...]


def load_policy(path) -> Policy:
    """The policy in the file at `path` (size cap, UTF-8 with or without a BOM)."""
    return parse_policy(toml_files.read_toml_text(path), str(path))


def parse_policy(text: str, file: str = "<text>") -> Policy:
    """The policy written in `text`; `file` names it in error messages."""
    root = toml_files.parse_document(text, file, _TABLES)
    policy = Policy(**toml_files.read_header(root, "policy"), **_scoring(root),
                    budget=_budget(root), **_notice(root), yuan_per_point=_yuan_per_point(root),
                    **_accounts(root), eligibility=_eligibility(root), **_redemption(root),
                    **_goods(root), name_deductions=_name_deductions(root),
                    honours=_honours(root), distribution_bands=_distribution_bands(root))
    _check_ranking(root, policy)
    return policy


def _scoring(root: Table) -> dict:
    table = root.table("scoring", ("covers", "rhythm", "household_cap", "base_score", "ranked"))
    return {"covers": table.choice("covers", COVERS),
            "rhythm": table.choice("rhythm", RHYTHMS),
            "household_cap": table.integer("household_cap", low=1, high=LARGEST, default=None),
            "base_score": table.integer("base_score", low=0, high=LARGEST, default=0),
            "ranked": table.boolean("ranked", default=False)}


def _budget(root: Table) -> tuple[BudgetTier, ...]:
    """Population tiers: ascending `up_to`, each starting where the one before ends,
    so they can neither overlap nor leave gaps, and one open-ended last tier."""
    table = root.table("budget", ("tier",), required=False)
    if table is None:
        return ()
    tier_tables = table.tables("tier", ("up_to", "points"))
    if not tier_tables:
        raise table.error("toml.missing_key", "tier")
    tiers = []
    for tier_table in tier_tables:
        up_to = tier_table.integer("up_to", low=1, high=LARGEST, default=None)
        points = tier_table.integer("points", low=1, high=LARGEST)
        is_last = tier_table is tier_tables[-1]
        if up_to is None and not is_last:
            raise tier_table.error("policy.open_tier_not_last")
        if up_to is not None and is_last:
            raise tier_table.error("policy.no_open_tier", "up_to", got=up_to)
        if tiers and up_to is not None and up_to <= tiers[-1].up_to:
            raise tier_table.error("policy.tiers_overlap", "up_to", got=up_to,
                                   previous=tiers[-1].up_to)
        tiers.append(BudgetTier(up_to, points))
    return tuple(tiers)


def _notice(root: Table) -> dict:
    table = root.table("notice", ("days", "supervisor_signoff"))
    return {"notice_days": table.integer("days", low=1, high=MAX_NOTICE_DAYS),
            "supervisor_signoff": table.boolean("supervisor_signoff", default=False)}


def _yuan_per_point(root: Table) -> Decimal:
    table = root.table("value", ("yuan_per_point",))
    text = table.text("yuan_per_point", limit=_YUAN_LIMIT)
    if not _YUAN.fullmatch(text) or Decimal(text) <= 0:
        raise table.error("policy.bad_yuan", "yuan_per_point", got=text)
    return Decimal(text)


def _accounts(root: Table) -> dict:
    table = root.table("accounts", ("spendable_reset", "honour_reset"))
    return {"spendable_reset": table.choice("spendable_reset", SPENDABLE_RESETS),
            "honour_reset": table.choice("honour_reset", HONOUR_RESETS)}


def _eligibility(root: Table) -> Eligibility | None:
    table = root.table("eligibility", ("min_score", "top_percent", "ties"), required=False)
    if table is None:
        return None
    return Eligibility(min_score=table.integer("min_score", low=0, high=LARGEST),
                       top_percent=table.integer("top_percent", low=1, high=100),
                       ties=table.choice("ties", TIES))


def _redemption(root: Table) -> dict:
    table = root.table("redemption", ("anytime", "order_days", "window"))
    anytime = table.boolean("anytime")
    order_days = table.integer("order_days", low=1, high=MAX_ORDER_DAYS, default=DEFAULT_ORDER_DAYS)
    if order_days != DEFAULT_ORDER_DAYS and not anytime:
        # Under windows an order waits to the end of its window: the key would do nothing.
        raise table.error("policy.order_days_with_windows", "order_days")
    window_tables = table.tables("window", ("months", "first_day", "last_day"))
    if anytime and window_tables:
        raise table.error("policy.windows_when_anytime", "window")
    if not anytime and not window_tables:
        raise table.error("policy.no_windows", "anytime")
    windows = []
    for window_table in window_tables:
        window = _window(window_table)
        for earlier, other in enumerate(windows, 1):
            if _overlap(window, other):
                raise window_table.error("policy.windows_overlap",
                                         other=table.key_path(f"window[{earlier}]"))
        windows.append(window)
    return {"redemption_anytime": anytime, "redemption_windows": tuple(windows),
            "order_days": order_days}


def _window(table: Table) -> Window:
    months = table.integers("months", low=1, high=12)
    first_day = table.integer("first_day", low=1, high=LAST_WINDOW_DAY)
    last_day = table.integer("last_day", low=first_day, high=LAST_WINDOW_DAY)
    return Window(months, first_day, last_day)


def _overlap(window: Window, other: Window) -> bool:
    """Whether some day falls in both windows."""
    return (bool(set(window.months) & set(other.months))
            and window.first_day <= other.last_day and other.first_day <= window.last_day)


def _goods(root: Table) -> dict:
    table = root.table("goods", ("price_zones", "donation_rule"))
    return {"price_zones": table.integers("price_zones", low=1, high=LARGEST, default=(),
                                          allow_empty=True),
            "donation_rule": table.choice("donation_rule", DONATION_RULES)}


def _name_deductions(root: Table) -> bool:
    table = root.table("notices", ("name_deductions",), required=False)
    return False if table is None else table.boolean("name_deductions", default=False)


def _honours(root: Table) -> Honours | None:
    table = root.table("honours", ("count", "title", "month"), required=False)
    if table is None:
        return None
    return Honours(count=table.integer("count", low=1, high=LARGEST),
                   title=table.text("title", limit=toml_files.NAME_LIMIT),
                   month=table.integer("month", low=1, high=12))


def _distribution_bands(root: Table) -> tuple[int, ...]:
    table = root.table("report", ("distribution_bands",))
    return table.integers("distribution_bands", low=1, high=LARGEST)


def _check_ranking(root: Table, policy: Policy) -> None:
    """A ranked scheme (D4) ranks quarter scores built on a base, among the eligible."""
    if not policy.ranked:
        if policy.eligibility is not None:
            raise root.error("policy.eligibility_without_ranked", "eligibility")
        return
    if policy.rhythm != "quarter":
        raise root.error("policy.ranked_needs_quarter", "scoring.rhythm", got=policy.rhythm)
    if policy.eligibility is None:
        raise root.error("policy.ranked_needs_eligibility", "scoring.ranked")
    if policy.base_score <= 0:
        raise root.error("policy.ranked_needs_base_score", "scoring.base_score",
                         got=policy.base_score)


def policy_to_toml(policy: Policy) -> str:
    """The policy as TOML in the documented layout; parse_policy reads it back equal."""
    tables = [("[policy]", toml_files.header_fields(policy)),
              ("[scoring]", _scoring_fields(policy))]
    tables += [("[[budget.tier]]", _tier_fields(tier)) for tier in policy.budget]
    tables += [("[notice]", {"days": policy.notice_days,
                             "supervisor_signoff": policy.supervisor_signoff}),
               # "f" keeps a Decimal out of exponent form: 1E+1 is written 10.
               ("[value]", {"yuan_per_point": format(policy.yuan_per_point, "f")}),
               ("[accounts]", {"spendable_reset": policy.spendable_reset,
                               "honour_reset": policy.honour_reset})]
    if policy.eligibility:
        tables.append(("[eligibility]", asdict(policy.eligibility)))
    redemption = {"anytime": policy.redemption_anytime}
    if policy.redemption_anytime:
        redemption["order_days"] = policy.order_days
    tables.append(("[redemption]", redemption))
    tables += [("[[redemption.window]]", asdict(window)) for window in policy.redemption_windows]
    tables += [("[goods]", _goods_fields(policy)),
               ("[notices]", {"name_deductions": policy.name_deductions})]
    if policy.honours:
        tables.append(("[honours]", asdict(policy.honours)))
    tables.append(("[report]", {"distribution_bands": policy.distribution_bands}))
    return toml_files.dump_tables(tables)


def _scoring_fields(policy: Policy) -> dict:
    fields = {"covers": policy.covers, "rhythm": policy.rhythm}
    if policy.household_cap is not None:
        fields["household_cap"] = policy.household_cap
    fields.update(base_score=policy.base_score, ranked=policy.ranked)
    return fields


def _tier_fields(tier: BudgetTier) -> dict:
    return {"points": tier.points} if tier.up_to is None else asdict(tier)


def _goods_fields(policy: Policy) -> dict:
    fields = {"price_zones": policy.price_zones} if policy.price_zones else {}
    fields["donation_rule"] = policy.donation_rule
    return fields
