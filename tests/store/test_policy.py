"""Policy files: what they hold, every problem they can have, and the round trip."""

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from store.policy import (COVERS, DONATION_RULES, RHYTHMS, SPENDABLE_RESETS, BudgetTier,
                          Eligibility, Honours, Policy, Window, load_policy, parse_policy,
                          policy_to_toml)
from tests.store.test_rubric import DESCRIPTION_CHARS, changed, one_line, refusal

# Line numbers matter: the problems below are checked against them.
MONTHLY = """\
[policy]
id = "test-county"
name = "测试县积分卡管理办法"
source = "测试用，仿篇一"
version = 1

[scoring]
covers = "all"
rhythm = "month"
household_cap = 20

[[budget.tier]]
up_to = 3000
points = 250

[[budget.tier]]
up_to = 6000
points = 500

[[budget.tier]]
points = 1500

[notice]
days = 3

[value]
yuan_per_point = "1"

[accounts]
spendable_reset = "never"
honour_reset = "never"

[redemption]
anytime = true

[goods]
price_zones = [2, 5, 10, 20, 30, 50]
donation_rule = "with_goods_area"

[report]
distribution_bands = [10, 20, 50, 100]
"""

RANKED = """\
[policy]
id = "virtue"
name = "美德积分办法"
source = "测试用，仿篇三"
version = 3
description = "季度评比"

[scoring]
covers = "registered_poor"
rhythm = "quarter"
base_score = 100
ranked = true

[notice]
days = 3
supervisor_signoff = true

[value]
yuan_per_point = "0.5"

[accounts]
spendable_reset = "year_end"
honour_reset = "never"

[eligibility]
min_score = 80
top_percent = 60
ties = "include"

[redemption]
anytime = false

[[redemption.window]]
months = [1, 4, 7, 10]
first_day = 1
last_day = 5

[goods]
donation_rule = "free"

[notices]
name_deductions = true

[honours]
count = 10
title = "精神脱贫标兵"
month = 1

[report]
distribution_bands = [80, 100, 120]
"""

ELIGIBILITY = '[eligibility]\nmin_score = 80\ntop_percent = 60\nties = "include"\n\n'
SECOND_WINDOW = "\n[[redemption.window]]\nmonths = [4]\nfirst_day = {}\nlast_day = {}\n"


def test_a_monthly_policy_is_read():
    assert parse_policy(MONTHLY) == Policy(
        id="test-county", name="测试县积分卡管理办法", source="测试用，仿篇一", version=1,
        description="", covers="all", rhythm="month", household_cap=20, base_score=0,
        ranked=False, budget=(BudgetTier(3000, 250), BudgetTier(6000, 500), BudgetTier(None, 1500)),
        notice_days=3, supervisor_signoff=False, yuan_per_point=Decimal("1"),
        spendable_reset="never", honour_reset="never", eligibility=None,
        redemption_anytime=True, redemption_windows=(), order_days=7,
        price_zones=(2, 5, 10, 20, 30, 50),
        donation_rule="with_goods_area", name_deductions=False, honours=None,
        distribution_bands=(10, 20, 50, 100))


def test_a_ranked_quarterly_policy_is_read():
    policy = parse_policy(RANKED)
    assert (policy.covers, policy.rhythm, policy.base_score, policy.ranked) == (
        "registered_poor", "quarter", 100, True)
    assert policy.household_cap is None and policy.budget == ()
    assert policy.eligibility == Eligibility(80, 60, "include")
    assert not policy.redemption_anytime
    assert policy.redemption_windows == (Window((1, 4, 7, 10), 1, 5),)
    assert policy.yuan_per_point == Decimal("0.5")
    assert (policy.spendable_reset, policy.supervisor_signoff, policy.name_deductions) == (
        "year_end", True, True)
    assert policy.honours == Honours(10, "精神脱贫标兵", 1)
    assert policy.price_zones == ()


@pytest.mark.parametrize("written, value", [('"2"', "2"), ('"0.5"', "0.5"), ('"1.25"', "1.25"),
                                            ('"0.01"', "0.01"), ('"10"', "10")])
def test_yuan_per_point_is_an_exact_decimal(written, value):
    policy = parse_policy(changed(MONTHLY, 'yuan_per_point = "1"', f"yuan_per_point = {written}"))
    assert policy.yuan_per_point == Decimal(value)
    assert isinstance(policy.yuan_per_point, Decimal)


def test_a_single_open_tier_is_a_flat_budget():
    start, end = MONTHLY.index("[[budget.tier]]"), MONTHLY.index("[notice]")
    text = MONTHLY[:start] + "[[budget.tier]]\npoints = 300\n\n" + MONTHLY[end:]
    assert parse_policy(text).budget == (BudgetTier(None, 300),)


def test_windows_in_the_same_months_on_other_days_do_not_overlap():
    text = changed(RANKED, "last_day = 5\n", "last_day = 5\n" + SECOND_WINDOW.format(6, 10))
    assert parse_policy(text).redemption_windows[1] == Window((4,), 6, 10)


def test_empty_price_zones_mean_free_prices():
    text = changed(MONTHLY, "price_zones = [2, 5, 10, 20, 30, 50]", "price_zones = []")
    assert parse_policy(text).price_zones == ()


def test_loaded_from_a_file(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_bytes(b"\xef\xbb\xbf" + RANKED.encode())
    assert load_policy(path) == parse_policy(RANKED)
    path.write_bytes(RANKED.encode("gbk"))
    error = refusal(load_policy, path)
    assert (error.key, error.params["file"], error.params["line"]) == (
        "toml.not_utf8", str(path), 3)


# ---------------------------------------------------------------------------
# Every problem: (text, old, new) changes one spot of a policy; then the error
# key, the key path, the line, and the details.

M, R = MONTHLY, RANKED
PROBLEMS = [
    # [policy]
    (M, 'id = "test-county"', 'id = "Test County"', "toml.bad_id", "policy.id", 2,
     {"got": "Test County"}),
    (M, "version = 1", "version = -1", "toml.out_of_range", "policy.version", 5, {"got": -1}),
    (M, "[policy]", "[polcy]", "toml.misspelt_key", "polcy", 1, {"suggestion": "policy"}),
    # [scoring]
    (M, '[scoring]\ncovers = "all"\nrhythm = "month"\nhousehold_cap = 20\n', "",
     "toml.missing_key", "scoring", 0, {}),
    (M, 'covers = "all"', 'covers = "poor"', "toml.bad_choice", "scoring.covers", 8,
     {"got": "poor", "choices": "all, registered_poor"}),
    (M, 'rhythm = "month"', 'rhythm = "week"', "toml.bad_choice", "scoring.rhythm", 9,
     {"choices": "month, quarter"}),
    (M, 'rhythm = "month"\n', "", "toml.missing_key", "scoring.rhythm", 7, {}),
    (M, "household_cap = 20", "household_cap = 0", "toml.out_of_range",
     "scoring.household_cap", 10, {"low": 1}),
    (M, "household_cap = 20", "household_cap = 20.5", "toml.expected_integer",
     "scoring.household_cap", 10, {"got": "20.5"}),
    (M, "household_cap = 20", "househould_cap = 20", "toml.misspelt_key",
     "scoring.househould_cap", 10, {"suggestion": "household_cap"}),
    (M, "household_cap = 20", "household_cap = 20\nbase_score = -1", "toml.out_of_range",
     "scoring.base_score", 11, {"low": 0}),
    (M, "household_cap = 20", 'household_cap = 20\nranked = "no"', "toml.expected_boolean",
     "scoring.ranked", 11, {"got": '"no"'}),
    # [[budget.tier]]
    (M, "up_to = 6000", "up_to = 3000", "policy.tiers_overlap", "budget.tier[2].up_to", 17,
     {"got": 3000, "previous": 3000}),
    (M, "up_to = 6000", "up_to = 2000", "policy.tiers_overlap", "budget.tier[2].up_to", 17,
     {"got": 2000, "previous": 3000}),
    (M, "up_to = 6000\n", "", "policy.open_tier_not_last", "budget.tier[2]", 16, {}),
    (M, "points = 1500", "up_to = 9000\npoints = 1500", "policy.no_open_tier",
     "budget.tier[3].up_to", 21, {"got": 9000}),
    (M, "up_to = 3000", "up_to = 0", "toml.out_of_range", "budget.tier[1].up_to", 13, {}),
    (M, "points = 250", "points = 0", "toml.out_of_range", "budget.tier[1].points", 14, {}),
    (M, "points = 500\n", "", "toml.missing_key", "budget.tier[2].points", 16, {}),
    (M, "up_to = 3000", "upto = 3000", "toml.misspelt_key", "budget.tier[1].upto", 13,
     {"suggestion": "up_to"}),
    (M, "[[budget.tier]]\nup_to = 3000", "[budget]\ntiers = 1\n\n[[budget.tier]]\nup_to = 3000",
     "toml.misspelt_key", "budget.tiers", 13, {"suggestion": "tier"}),
    # [notice]
    (M, "days = 3", "days = 0", "toml.out_of_range", "notice.days", 24, {"low": 1, "high": 30}),
    (M, "days = 3", "days = 31", "toml.out_of_range", "notice.days", 24, {"got": 31}),
    (M, "days = 3\n", "", "toml.missing_key", "notice.days", 23, {}),
    (R, "supervisor_signoff = true", "supervisor_signoff = 1", "toml.expected_boolean",
     "notice.supervisor_signoff", 16, {}),
    # [value]
    *[(M, 'yuan_per_point = "1"', f"yuan_per_point = {written}", "policy.bad_yuan",
       "value.yuan_per_point", 27, {"got": written.strip('"')})
      for written in ['"1.005"', '"0"', '"0.00"', '"-1"', '"1."', '".5"', '"1e2"', '" 1"',
                      '"1,5"', '"２"']],
    (M, 'yuan_per_point = "1"', "yuan_per_point = 1.5", "toml.expected_text",
     "value.yuan_per_point", 27, {"got": "1.5"}),
    (M, 'yuan_per_point = "1"', "yuan_per_point = 1", "toml.expected_text",
     "value.yuan_per_point", 27, {"got": "1"}),
    # [accounts]
    (M, 'spendable_reset = "never"', 'spendable_reset = "monthly"', "toml.bad_choice",
     "accounts.spendable_reset", 30, {"choices": "never, year_end"}),
    (M, 'honour_reset = "never"', 'honour_reset = "year_end"', "toml.bad_choice",
     "accounts.honour_reset", 31, {"choices": "never"}),
    # [redemption]
    (M, "anytime = true\n", "", "toml.missing_key", "redemption.anytime", 33, {}),
    (M, "anytime = true\n", "anytime = true\n" + SECOND_WINDOW.format(1, 5),
     "policy.windows_when_anytime", "redemption.window", 36, {}),
    (M, "anytime = true", "anytime = false", "policy.no_windows", "redemption.anytime", 34, {}),
    (R, "months = [1, 4, 7, 10]", "months = [1, 4, 7, 13]", "toml.out_of_range",
     "redemption.window[1].months[4]", 34, {"low": 1, "high": 12, "got": 13}),
    (R, "months = [1, 4, 7, 10]", "months = [4, 1]", "toml.not_ascending",
     "redemption.window[1].months[2]", 34, {"got": 1, "previous": 4}),
    (R, "months = [1, 4, 7, 10]", "months = []", "toml.empty_list",
     "redemption.window[1].months", 34, {}),
    (R, "first_day = 1", "first_day = 0", "toml.out_of_range", "redemption.window[1].first_day",
     35, {"low": 1, "high": 28}),
    (R, "last_day = 5", "last_day = 29", "toml.out_of_range", "redemption.window[1].last_day",
     36, {"high": 28}),
    (R, "first_day = 1", "first_day = 6", "toml.out_of_range", "redemption.window[1].last_day",
     36, {"low": 6, "got": 5}),
    (R, "last_day = 5\n", "last_day = 5\n" + SECOND_WINDOW.format(5, 10),
     "policy.windows_overlap", "redemption.window[2]", 38, {"other": "redemption.window[1]"}),
    (R, "months = [1, 4, 7, 10]", "month = [1, 4, 7, 10]", "toml.misspelt_key",
     "redemption.window[1].month", 34, {"suggestion": "months"}),
    # [goods]
    (M, "price_zones = [2, 5, 10, 20, 30, 50]", "price_zones = [2, 5, 5]", "toml.not_ascending",
     "goods.price_zones[3]", 37, {"got": 5, "previous": 5}),
    (M, "price_zones = [2, 5, 10, 20, 30, 50]", "price_zones = [0, 5]", "toml.out_of_range",
     "goods.price_zones[1]", 37, {"got": 0}),
    (M, "price_zones = [2, 5, 10, 20, 30, 50]", 'price_zones = "2,5"', "toml.expected_integers",
     "goods.price_zones", 37, {"got": '"2,5"'}),
    (M, 'donation_rule = "with_goods_area"', 'donation_rule = "any"', "toml.bad_choice",
     "goods.donation_rule", 38, {"choices": "free, with_goods_area"}),
    # [notices], [honours], [report]
    (R, "name_deductions = true", 'name_deductions = "yes"', "toml.expected_boolean",
     "notices.name_deductions", 42, {}),
    (R, "count = 10", "count = 0", "toml.out_of_range", "honours.count", 45, {"low": 1}),
    (R, 'title = "精神脱贫标兵"\n', "", "toml.missing_key", "honours.title", 44, {}),
    (R, "month = 1", "month = 13", "toml.out_of_range", "honours.month", 47, {"high": 12}),
    (R, "[honours]", "[honors]", "toml.misspelt_key", "honors", 44, {"suggestion": "honours"}),
    (M, "distribution_bands = [10, 20, 50, 100]", "distribution_bands = []", "toml.empty_list",
     "report.distribution_bands", 41, {}),
    (M, "distribution_bands = [10, 20, 50, 100]", "distribution_bands = [50, 20]",
     "toml.not_ascending", "report.distribution_bands[2]", 41, {"got": 20, "previous": 50}),
    (M, "[report]\ndistribution_bands = [10, 20, 50, 100]\n", "", "toml.missing_key", "report",
     0, {}),
    # Across tables
    (M, "[redemption]", ELIGIBILITY + "[redemption]", "policy.eligibility_without_ranked",
     "eligibility", 33, {}),
    (R, 'rhythm = "quarter"', 'rhythm = "month"', "policy.ranked_needs_quarter",
     "scoring.rhythm", 10, {"got": "month"}),
    (R, ELIGIBILITY, "", "policy.ranked_needs_eligibility", "scoring.ranked", 12, {}),
    (R, "base_score = 100", "base_score = 0", "policy.ranked_needs_base_score",
     "scoring.base_score", 11, {"got": 0}),
    (R, "base_score = 100\n", "", "policy.ranked_needs_base_score", "scoring.base_score", 8,
     {"got": 0}),
    (R, "top_percent = 60", "top_percent = 0", "toml.out_of_range", "eligibility.top_percent",
     27, {"low": 1, "high": 100}),
    (R, "top_percent = 60", "top_percent = 101", "toml.out_of_range", "eligibility.top_percent",
     27, {"got": 101}),
    (R, "min_score = 80", "min_score = -1", "toml.out_of_range", "eligibility.min_score", 26,
     {"low": 0}),
    (R, 'ties = "include"', 'ties = "exclude"', "toml.bad_choice", "eligibility.ties", 28,
     {"choices": "include"}),
    (R, 'ties = "include"\n', "", "toml.missing_key", "eligibility.ties", 25, {}),
]


@pytest.mark.parametrize("text, old, new, message_key, key, line, details", PROBLEMS,
                         ids=[f"{case[3]}:{case[4]}" for case in PROBLEMS])
def test_each_problem_names_file_line_and_key(text, old, new, message_key, key, line, details):
    error = refusal(parse_policy, changed(text, old, new), "policy.toml")
    assert error.key == message_key
    assert {name: error.params[name] for name in ("file", "line", "key")} == {
        "file": "policy.toml", "line": line, "key": key}
    assert {name: error.params[name] for name in details} == details


def test_a_budget_table_without_tiers_is_refused():
    text = changed(MONTHLY, "[[budget.tier]]\nup_to = 3000\npoints = 250\n\n", "[budget]\n\n")
    text = text.replace("[[budget.tier]]\nup_to = 6000\npoints = 500\n\n", "")
    text = text.replace("[[budget.tier]]\npoints = 1500\n\n", "")
    error = refusal(parse_policy, text)
    assert (error.key, error.params["key"], error.params["line"]) == (
        "toml.missing_key", "budget.tier", 12)


# ---------------------------------------------------------------------------
# Writing: tomli-w, in the documented layout, read back equal


@pytest.mark.parametrize("text", [MONTHLY, RANKED])
def test_the_examples_round_trip_in_the_documented_layout(text):
    policy = parse_policy(text)
    written = policy_to_toml(policy)
    assert parse_policy(written) == policy
    assert written.count("[[budget.tier]]") == len(policy.budget)
    assert written.count("[[redemption.window]]") == len(policy.redemption_windows)


def test_yuan_per_point_is_written_as_a_string_without_an_exponent():
    policy = parse_policy(MONTHLY)
    for value, written in [(Decimal("1E+1"), '"10"'), (Decimal("2.50"), '"2.50"'),
                           (Decimal("0.5"), '"0.5"')]:
        text = policy_to_toml(Policy(**{**policy.__dict__, "yuan_per_point": value}))
        assert f"yuan_per_point = {written}\n" in text
        assert parse_policy(text).yuan_per_point == value


def ascending(low, high, min_size=0):
    return st.lists(st.integers(low, high), min_size=min_size, max_size=6, unique=True).map(
        lambda values: tuple(sorted(values)))


@st.composite
def budgets(draw):
    limits = draw(ascending(1, 10**9))
    points = st.integers(1, 10**9)
    return tuple(BudgetTier(up_to, draw(points)) for up_to in (*limits, None))


@st.composite
def windows(draw):
    """Windows in months of their own, so they never overlap."""
    months = draw(st.lists(st.integers(1, 12), min_size=1, max_size=12, unique=True))
    cuts = sorted(draw(st.sets(st.integers(1, len(months) - 1), max_size=2))) if len(months) > 1 else []
    groups = [months[start:end] for start, end in zip([0, *cuts], [*cuts, len(months)])]
    result = []
    for group in groups:
        first = draw(st.integers(1, 28))
        result.append(Window(tuple(sorted(group)), first, draw(st.integers(first, 28))))
    return tuple(result)


@st.composite
def policies(draw):
    ranked = draw(st.booleans())
    anytime = draw(st.booleans())
    places = draw(st.integers(0, 2))
    return Policy(
        id=draw(st.from_regex(r"[a-z0-9-]{1,40}", fullmatch=True)), name=draw(one_line(60)),
        source=draw(one_line(200)), version=draw(st.integers(1, 10**9)),
        description=draw(st.text(DESCRIPTION_CHARS, max_size=40)),
        covers=draw(st.sampled_from(COVERS)),
        rhythm="quarter" if ranked else draw(st.sampled_from(RHYTHMS)),
        household_cap=draw(st.none() | st.integers(1, 10**9)),
        base_score=draw(st.integers(1 if ranked else 0, 10**9)), ranked=ranked,
        budget=draw(st.just(()) | budgets()), notice_days=draw(st.integers(1, 30)),
        supervisor_signoff=draw(st.booleans()),
        yuan_per_point=Decimal(draw(st.integers(1, 10**8))).scaleb(-places),
        spendable_reset=draw(st.sampled_from(SPENDABLE_RESETS)), honour_reset="never",
        eligibility=Eligibility(draw(st.integers(0, 10**9)), draw(st.integers(1, 100)),
                                "include") if ranked else None,
        redemption_anytime=anytime, redemption_windows=() if anytime else draw(windows()),
        order_days=draw(st.integers(1, 60)) if anytime else 7,
        price_zones=draw(ascending(1, 10**9)), donation_rule=draw(st.sampled_from(DONATION_RULES)),
        name_deductions=draw(st.booleans()),
        honours=draw(st.none() | st.builds(Honours, st.integers(1, 10**9), one_line(60),
                                           st.integers(1, 12))),
        distribution_bands=draw(ascending(1, 10**9, min_size=1)))


@given(policies())
def test_every_valid_policy_round_trips(policy):
    assert parse_policy(policy_to_toml(policy)) == policy
