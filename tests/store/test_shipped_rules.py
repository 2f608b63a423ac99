"""The shipped rubrics and policies load, round-trip, and say what the seed says."""

from collections import Counter
from decimal import Decimal

import pytest

from store.policy import parse_policy, policy_to_toml
from store.rubric import parse_rubric, rubric_to_toml
from store.shipped import shipped_files, shipped_text


def _rubric(name):
    return parse_rubric(shipped_text(name), name)


def _policy(name):
    return parse_policy(shipped_text(name), name)


def test_all_five_ship():
    assert shipped_files() == ["policy-mazigou.toml", "policy-quarterly-virtue.toml",
                               "policy-tongguan.toml", "rubric-mazigou.toml",
                               "rubric-virtue-template.toml"]


@pytest.mark.parametrize("name", ["rubric-mazigou.toml", "rubric-virtue-template.toml"])
def test_rubrics_round_trip(name):
    rubric = _rubric(name)
    assert parse_rubric(rubric_to_toml(rubric)) == rubric


@pytest.mark.parametrize("name", ["policy-mazigou.toml", "policy-tongguan.toml",
                                  "policy-quarterly-virtue.toml"])
def test_policies_round_trip(name):
    policy = _policy(name)
    assert parse_policy(policy_to_toml(policy)) == policy


def test_mazigou_rubric_is_pian_wu_article_by_article():
    rubric = _rubric("rubric-mazigou.toml")
    assert [c.name for c in rubric.categories] == [
        "践行社会主义核心价值观", "社会公德", "家庭美德", "个人品德", "村规民约", "职业道德",
        "善行义举", "其他事迹"]
    points = {item.id: item.points for item in rubric.items()}
    # 第一条 15 / 60 / 5; 第五条 10, 20, 15, 5, 5, 10; 第六条 15, 20, 5, 50, 5, 30, 30, 10
    assert [points[f"1.{n}"] for n in (1, 2, 3)] == [15, 60, 5]
    assert [points[f"5.{n}"] for n in range(1, 7)] == [10, 20, 15, 5, 5, 10]
    assert [points[f"6.{n}"] for n in range(1, 9)] == [15, 20, 5, 50, 5, 30, 30, 10]
    assert points["2.1"] == 10 and points["3.1"] == points["3.2"] == 5
    assert all(points[item.id] == 5 for item in rubric.items() if item.category_id in "47")
    assert all(p > 0 for p in points.values() if p is not None)  # 篇五 has no deductions
    other = rubric.item("8.1")
    assert other.meeting_sets_points and other.points is None  # 第八条: the group decides


def test_every_pian_wu_item_is_reachable_with_four_keys():
    assert max(len(item.id) for item in _rubric("rubric-mazigou.toml").items()) <= 4


def test_virtue_template_covers_the_seven_areas_with_examples():
    rubric = _rubric("rubric-virtue-template.toml")
    assert [c.name for c in rubric.categories] == [
        "人居环境", "家庭美德", "遵纪守法", "主动脱贫", "诚实守信", "政策响应", "加分内容"]
    assert all(item.example for item in rubric.items())
    signs = Counter(item.points > 0 for item in rubric.items() if item.points is not None)
    assert signs[True] and signs[False]  # bonus and deduction items both


def test_tongguan_policy():
    policy = _policy("policy-tongguan.toml")
    assert (policy.covers, policy.rhythm, policy.household_cap) == ("all", "month", 20)
    assert [(t.up_to, t.points) for t in policy.budget] == [
        (3000, 250), (6000, 500), (9000, 750), (12000, 1000), (None, 1500)]
    assert policy.yuan_per_point == Decimal("1")
    assert policy.price_zones == (2, 5, 10, 20, 30, 50)
    assert (policy.spendable_reset, policy.notice_days) == ("never", 3)
    assert policy.donation_rule == "with_goods_area"
    assert policy.redemption_anytime and not policy.supervisor_signoff


def test_quarterly_virtue_policy():
    policy = _policy("policy-quarterly-virtue.toml")
    assert (policy.covers, policy.rhythm, policy.ranked) == ("registered_poor", "quarter", True)
    assert policy.base_score == 100
    rule = policy.eligibility
    assert (rule.min_score, rule.top_percent, rule.ties) == (80, 60, "include")
    [window] = policy.redemption_windows
    assert (window.months, window.first_day, window.last_day) == ((1, 4, 7, 10), 1, 5)
    assert policy.spendable_reset == "year_end" and not policy.redemption_anytime
    assert (policy.honours.count, policy.honours.title, policy.honours.month) == (
        10, "精神脱贫标兵", 1)
    assert policy.notice_days == 3 and not policy.supervisor_signoff


def test_mazigou_policy():
    policy = _policy("policy-mazigou.toml")
    assert (policy.covers, policy.household_cap, policy.budget) == ("all", None, ())
    assert policy.yuan_per_point == Decimal("2")
    assert (policy.notice_days, policy.price_zones, policy.spendable_reset) == (3, (), "never")
    assert policy.redemption_anytime and not policy.supervisor_signoff
