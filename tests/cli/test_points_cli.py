"""The life of a point from the command line: a Mazigou month with an article-八 item."""

import os

import pytest


@pytest.fixture
def mazigou(village):
    def at(day):
        return lambda *words: village("--today", day, *words)

    start = at("2026-11-20")
    assert start("rubric", "adopt", "rubric-mazigou.toml").code == 0
    assert start("policy", "adopt", "policy-mazigou.toml").code == 0
    for card, head in [("1", "张三丰"), ("2", "李秀英"), ("3", "王五")]:
        assert start("roster", "add", "--card", card, "--head", head).code == 0
    village.at = at
    return village


def test_a_mazigou_month(mazigou):
    day1 = mazigou.at("2026-11-20")
    deed = day1("deed", "add", "--household", "1", "--item", "5.3", "--note", "调解宅基地纠纷",
                "--evidence", "双方签字的调解记录", "--json")
    assert deed.code == 0 and deed.json()["status"] == "pending"
    assert [d["id"] for d in day1("deed", "list", "--pending", "--json").json()] == [1]
    review = day1("review", "open", "--period", "2026-11", "--attendees", "张国强,杨志明",
                  "--json")
    assert review.code == 0 and review.json()["id"] == 1 and review.json()["rubric_version"] == 1
    assert day1("review", "award", "--household", "1", "--item", "5.3", "--deed", "1").code == 0
    other = day1("review", "award", "--household", "2", "--item", "8.1", "--points", "25",
                 "--note", "扑救山火", "--json")
    assert other.code == 0 and other.json()["points"] == 25        # 第八条: the meeting decides
    out_of_range = day1("review", "award", "--household", "2", "--item", "8.1", "--points", "500")
    assert out_of_range.code == 2 and "1 到 100" in out_of_range.err
    assert day1("review", "award", "--household", "3", "--item", "5.2").code == 0
    assert day1("review", "withdraw", "3", "--reason", "重复").code == 0
    closed = day1("review", "close", "--json")
    assert closed.json()["notice_last_day"] == "2026-11-23"

    early = mazigou.at("2026-11-22")("review", "finalize")
    assert early.code == 2 and "2026-11-23" in early.err.splitlines()[-1]
    objected = mazigou.at("2026-11-21")("objection", "add", "--award", "2", "--by", "赵六",
                                         "--reason", "火是别人扑灭的", "--json")
    assert objected.code == 0
    # The leading group resolves it: the clerk is refused and told who on this OS account
    # may (D13); the party secretary, on the same account, resolves it with --as.
    assert mazigou("staff", "add", "张国强", "--role", "leader", "--os-user",
                   str(os.geteuid())).code == 0
    resolve = ("objection", "resolve", "1", "--upheld", "--points", "10", "--reason", "协助扑救")
    refused = mazigou.at("2026-11-22")(*resolve)
    assert refused.code == 2 and "jifen --as 张国强" in refused.err.strip().splitlines()[-1]
    assert mazigou.at("2026-11-22")("--as", "张国强", *resolve).code == 0
    final = mazigou.at("2026-11-24")("review", "finalize", "--json")
    assert final.code == 0 and [a["status"] for a in final.json()["awards"]] == [
        "effective", "effective", "withdrawn"]
    assert mazigou("balance", "--household", "1", "--json").json() == {
        "household": "1", "balance": 15, "honour": 15}
    assert mazigou("balance", "--household", "2", "--json").json()["balance"] == 10
    passbook = mazigou("ledger", "--household", "2", "--json").json()
    assert [(e["kind"], e["account"], e["points"]) for e in passbook] == [
        ("award", "spendable", 10), ("award", "honour", 10)]


def test_refusals_exit_2_with_one_line(mazigou):
    day1 = mazigou.at("2026-11-20")
    for words, needle in [
        (("review", "award", "--household", "1", "--item", "5.3"), "jifen review open"),
        (("review", "open", "--period", "2026Q4"), "2026-11"),
        (("deed", "add", "--household", "9", "--item", "5.3"), "9"),
        (("deed", "add", "--household", "1", "--item", "9.9"), "9.9"),
        (("year", "close", "--period", "2026"), "累积"),
        (("adjust", "--household", "1", "--points", "5", "--reason", "x", "--second", "王建国"),
         "见证"),
    ]:
        result = day1(*words)
        assert result.code == 2, words
        assert needle in result.err.strip().splitlines()[-1], (words, result.err)


def test_year_honours_from_the_command_line(mazigou):
    day1 = mazigou.at("2026-11-20")
    day1("review", "open", "--period", "2026-11")
    day1("review", "award", "--household", "2", "--item", "5.2")
    day1("review", "award", "--household", "1", "--item", "5.3")
    day1("review", "close")
    mazigou.at("2026-11-24")("review", "finalize")
    named = mazigou("year", "honours", "--period", "2026", "--count", "5", "--json").json()
    assert [(h["rank"], h["household"], h["points"]) for h in named] == [(1, "2", 20), (2, "1", 15)]
    assert mazigou("year", "honours", "--period", "2026").code == 2   # Mazigou names none
