"""The points board, the honours list with the year ranking, and the points distribution.

Golden files (tests/store/golden/board_*.txt) hold each notice at 80 and 48
columns exactly; `JIFEN_GOLDEN_UPDATE=1 pytest tests/store/test_notice_board.py`
rewrites them (read every one you rewrite). Each village is built with the store
API on fixed days, so the text depends on nothing else.
"""

import re
from datetime import date

import pytest

from store import db, ledger, reviews, roster, staff
from store.adoption import adopt_policy_text, adopt_rubric_text
from store.errors import JifenError
from store.notice_board import board_data, wrap
from store.notices import Request, build, printed
from store.objections import raise_objection, resolve_objection
from store.print_layout import Layout, cells
from store.roster import HouseholdFields
from store.shipped import shipped_text
from tests.store.notice_checks import (assert_gb18030_round_trip, assert_lines_up,
                                       match_golden)
from tests.store.points_helpers import adopt, households, leader, on
from tui.i18n import set_language, t

WIDTHS = (80, 48)
SUPERVISOR = "李监督"
PHONE = "13912345678"
# Heads of 2, 3 and 4 characters and a minority name: (card, group, house number, head).
PEOPLE = [("101", "1组", "1号", "王五"), ("102", "1组", "12号", "张三丰"),
          ("103", "1组", "2号", "欧阳建国"), ("104", "10组", "7号", "阿不都·热合曼"),
          ("105", "2组", "3号", "李四"), ("106", "2组", "", "赵六")]


# --- villages --------------------------------------------------------------------------

def _people(actor, *, poor: bool = False, only=None) -> None:
    for card, group, house, head in PEOPLE:
        if only is None or card in only:
            roster.add_household(actor, HouseholdFields(card_no=card, head=head, group=group,
                                                        house_no=house, phone=PHONE, poor=poor))


def _propose(actor, card: str, *items: str) -> list[int]:
    return [reviews.propose_award(actor, card, item).id for item in items]


def _unranked(actor, *, named: bool = False):
    """November under Mazigou's rules with the virtue rubric's deductions: review 1
    finalized (one award lowered on objection), review 2 on notice (one award objected
    to), review 3 in session."""
    policy = shipped_text("policy-mazigou.toml")
    if named:
        policy = policy.replace("name_deductions = false", "name_deductions = true")
    adopt_rubric_text(actor, shipped_text("rubric-virtue-template.toml"))
    adopt_policy_text(actor, policy)
    staff.add_staff(actor, SUPERVISOR, "supervisor")
    _people(actor)
    first = on(actor, date(2026, 11, 3))
    reviews.open_review(first, "2026-11")
    _propose(first, "101", "1.1")                   # 王五 5
    _propose(first, "102", "4.1", "1.3")            # 张三丰 10, -5
    _propose(first, "106", "3.2")                   # 赵六 -10
    lowered, = _propose(first, "104", "7.2")        # 阿不都·热合曼 10, lowered to 5
    reviews.close_review(first)
    objection = raise_objection(on(actor, date(2026, 11, 4)), lowered, "张三", "只做了一半")
    resolve_objection(leader(on(actor, date(2026, 11, 5))), objection.id, upheld=True,
                      new_points=5, reason="核实后改分")
    reviews.finalize_review(on(actor, date(2026, 11, 7)))
    ledger.adjust(on(actor, date(2026, 11, 10)), "105", 120, "旧账转入", SUPERVISOR)
    ledger.adjust(on(actor, date(2026, 11, 10)), "103", 35, "旧账转入", SUPERVISOR)
    second = on(actor, date(2026, 11, 24))
    reviews.open_review(second, "2026-11")
    _propose(second, "101", "2.1")                  # 王五 5 more, on notice
    held, = _propose(second, "103", "7.1")          # 欧阳建国 10, objected to
    _propose(second, "105", "2.5")                  # 李四 -5, on notice
    reviews.close_review(second)
    raise_objection(on(actor, date(2026, 11, 25)), held, "李大", "没见到")
    reviews.open_review(actor, "2026-11")           # review 3, in session on the 26th


def _ranked(actor):
    """Quarterly virtue: Q3 finalized (a tie at the honours line, one household below
    80), Q4 on notice; one household not registered poor, so not scored."""
    adopt(actor, "virtue-template", "quarterly-virtue")
    staff.add_staff(actor, SUPERVISOR, "supervisor")
    households(actor, 8, poor_every=1)
    _people(actor, poor=True)
    roster.add_household(actor, HouseholdFields(card_no="107", head="钱七", group="2组",
                                                house_no="9号"))
    q3 = on(actor, date(2026, 9, 20))
    reviews.open_review(q3, "2026Q3")
    # Scores 140 135 130 125 120 115 113 110 108 105 105 100 80 75: ranks 1-9, 10, 10, 12-14.
    for card, items in [("104", "4.1 7.1 7.2 7.5"), ("001", "4.1 7.1 7.2 1.1"),
                        ("102", "4.1 7.1 7.2"), ("002", "4.1 7.1 1.1"), ("101", "4.1 7.1"),
                        ("003", "4.1 1.1"), ("103", "4.1 1.2"), ("004", "4.1"),
                        ("005", "1.1 1.2"), ("105", "1.1"), ("006", "2.1"), ("106", "2.3"),
                        ("007", "2.3 1.3")]:
        _propose(q3, card, *items.split())
    reviews.close_review(q3)
    reviews.finalize_review(on(actor, date(2026, 9, 24)))
    q4 = on(actor, date(2026, 11, 24))
    reviews.open_review(q4, "2026Q4")
    _propose(q4, "101", "4.1")
    _propose(q4, "106", "2.4", "2.4")
    reviews.close_review(q4)


def _empty(actor):
    adopt(actor, "mazigou", "mazigou")


def _empty_ranked(actor):
    adopt(actor, "virtue-template", "quarterly-virtue")


def _one(actor):
    adopt(actor, "mazigou", "mazigou")
    staff.add_staff(actor, SUPERVISOR, "supervisor")
    _people(actor, only={"104"})
    day = on(actor, date(2026, 10, 12))
    reviews.open_review(day, "2026-10")
    _propose(day, "104", "5.3")
    reviews.close_review(day)
    reviews.finalize_review(on(actor, date(2026, 10, 16)))


CASES = {"unranked_hidden": _unranked,
         "unranked_named": lambda actor: _unranked(actor, named=True),
         "ranked": _ranked, "empty": _empty, "empty_ranked": _empty_ranked, "one": _one}
# (case, kind, period): every golden notice, each at 80 and 48 columns.
NOTICES = [("unranked_hidden", "board", None), ("unranked_named", "board", None),
           ("ranked", "board", None), ("ranked", "board", "2026Q3"),
           ("empty", "board", None), ("empty_ranked", "board", None), ("one", "board", None),
           ("unranked_hidden", "honours", "2026"), ("ranked", "honours", "2026"),
           ("empty", "honours", None),
           ("unranked_hidden", "distribution", None), ("ranked", "distribution", None),
           ("empty", "distribution", None)]


@pytest.fixture(scope="module")
def villages(tmp_path_factory):
    """Each case's village file, built the first time a test asks for it."""
    return {"made": {}, "factory": tmp_path_factory}


@pytest.fixture
def open_case(villages):
    from store import village
    from store.actor import resolve_actor
    from tests.conftest import TODAY, reproducible_rows

    def opener(name):
        made = villages["made"]
        if name not in made:
            path = villages["factory"].mktemp(name) / "village.jifen"
            village.create_village(path, name="麻子沟村", population=1200, township="城关镇",
                                   county="潼关县", clerk="王建国", today=TODAY)
            with reproducible_rows():  # the chain head at the foot repeats
                CASES[name](resolve_actor(today=TODAY))
            db.close_village()
            made[name] = path
        db.open_village(made[name])
        return name
    yield opener
    db.close_village()


def _lines(kind, period, layout, today=date(2026, 11, 26)) -> list[str]:
    notice = build(kind, Request(period=period), today, t, layout)
    return printed(notice, t, layout)


def _golden(name: str, lines: list[str]) -> None:
    match_golden(name, "\n".join(lines) + "\n")


# --- golden files ------------------------------------------------------------------------

@pytest.mark.parametrize("case,kind,period", NOTICES,
                         ids=[f"{kind}-{case}-{period}" for case, kind, period in NOTICES])
def test_golden(open_case, case, kind, period):
    open_case(case)
    for width in WIDTHS:
        layout = Layout(width=width)
        lines = _lines(kind, period, layout)
        suffix = f"_{period}" if period else ""
        _golden(f"board_{kind}_{case}{suffix}_{width}", lines)
        assert_lines_up(lines, layout)
        assert_gb18030_round_trip(lines)
        text = "\n".join(lines)
        assert PHONE not in text
        for variant in (Layout(width=width, box=True),
                        Layout(width=width, wide_ambiguous=True)):
            varied = _lines(kind, period, variant)
            assert_lines_up(varied, variant)
            assert_gb18030_round_trip(varied)


@pytest.mark.parametrize("case,kind,period", NOTICES[:3] + NOTICES[8:9] + NOTICES[11:12],
                         ids=lambda value: str(value))
def test_in_english_too(open_case, case, kind, period):
    open_case(case)
    set_language("en")
    try:
        for width in WIDTHS:
            layout = Layout(width=width)
            lines = _lines(kind, period, layout)
            assert_lines_up(lines, layout)
            assert not re.search(r"[，。：；（）]", "\n".join(lines))
    finally:
        set_language("zh")


# --- what the notices say ----------------------------------------------------------------

def _text(kind, period=None, width=80) -> str:
    return "\n".join(_lines(kind, period, Layout(width=width)))


def test_deductions_are_unnamed_unless_the_policy_names_them(open_case):
    open_case("unranked_hidden")
    hidden = _text("board")
    assert "赵六" not in hidden and "李四" not in hidden      # only deductions this month
    assert "本期扣分 3 项，共 -20 分，其中未入账 -5 分（按规定不公示户名）。" in hidden
    rows = [[cell.strip() for cell in line.split("|")[1:-1]] for line in hidden.splitlines()
            if line.startswith("|")]
    assert ["1组", "12号", "张三丰", "10", "", "5"] in rows      # his -5 is not shown
    db.close_village()
    open_case("unranked_named")
    named = _text("board")
    assert "本期扣分 3 项，共 -20 分，其中未入账 -5 分：" in named
    deducted = named[named.index("其中未入账 -5 分："):].splitlines()[4:7]
    assert [[cell.strip() for cell in row.split("|")[1:-1]] for row in deducted] == [
        ["1组", "12号", "张三丰", "-5"], ["2组", "3号", "李四", "-5"], ["2组", "-", "赵六", "-10"]]


def test_the_board_lists_households_in_group_then_house_order(open_case):
    open_case("unranked_hidden")
    data = board_data(None, date(2026, 11, 26))
    assert [(line.place.group, line.place.house_no, line.place.head, line.points,
             line.on_notice, line.balance) for line in data.lines] == [
        ("1组", "1号", "王五", 10, 5, 5),
        ("1组", "2号", "欧阳建国", 10, 10, 35),
        ("1组", "12号", "张三丰", 10, 0, 5),
        ("10组", "7号", "阿不都·热合曼", 5, 0, 5),
    ]
    assert data.in_session == (3,) and [dates.review for dates in data.reviews] == [1, 2]


def test_balances_are_those_at_the_end_of_the_day_printed(open_case):
    open_case("unranked_hidden")
    before = board_data("2026-11", date(2026, 11, 8))
    assert [line.balance for line in before.lines] == [5, 0, 5, 5]   # before the adjustment


def test_the_ranked_board_is_quarter_results_once_finalized(open_case):
    open_case("ranked")
    from store.models import Household, Review
    review = Review.get(Review.period == "2026Q3")
    expected = [(Household.get_by_id(row.key).head, row.score, row.rank, row.eligible)
                for row in reviews.quarter_results(review, reviews.review_rules(review)[1])]
    data = board_data("2026Q3", date(2026, 11, 26))
    shown = [(line.place.head, line.score, line.rank, line.eligible)
             for line in data.ranking.lines]
    assert sorted(shown) == sorted(expected)
    assert not data.ranking.provisional and data.ranking.places == 9
    assert "钱七" not in _text("board", "2026Q3")      # not registered poor: not scored


def test_the_ranked_board_on_notice_is_provisional_with_ties_at_the_line(open_case):
    open_case("ranked")
    data = board_data(None, date(2026, 11, 26))
    assert str(data.period) == "2026Q4" and data.ranking.provisional
    eligible = [line.place.head for line in data.ranking.lines if line.eligible]
    assert len(eligible) == 13 and "赵六" not in eligible      # 60: below 80
    assert "公示期内得分和名次为暂定，公示期满无异议后确定。" in _text("board")


def test_honours_name_the_top_places_with_ties_at_the_line(open_case):
    open_case("ranked")
    text = _text("honours", "2026")
    assert "授予“精神脱贫标兵”称号：年度荣誉积分前 10 名（同分并列），共 11 户。" in text
    assert "共 13 户有荣誉积分；另有 2 户本年度没有荣誉积分。" in text


def test_periods_by_default(open_case):
    open_case("empty")
    assert "2026年11月" in _text("board")                    # no review: this month
    assert "2025年度" in _text("honours")                     # honours: last year
    with pytest.raises(JifenError) as refused:
        _text("honours", "2026Q4")
    assert refused.value.key == "board.needs_year"
    with pytest.raises(JifenError) as refused:
        _text("board", "2026Q4x")
    assert refused.value.key == "period.bad"


def test_a_ranked_board_is_by_quarter(open_case):
    open_case("ranked")
    with pytest.raises(JifenError) as refused:
        _text("board", "2026-11")
    assert refused.value.key == "review.wrong_period"


def test_distribution_bands_from_the_policy(open_case):
    open_case("unranked_hidden")
    lines = _text("distribution").splitlines()
    band_rows = [line.split("|")[1].strip() for line in lines
                 if line.startswith("|") and line.split("|")[2].strip().isdigit()]
    assert band_rows == ["0", "1-9", "10-29", "30-59", "60-99", "100-199", "200-499",
                         "500 及以上"]
    assert "合计：6 户，可兑换积分 170 分，折合 340.00 元物品（每分 2 元，不兑换现金）。" in lines


def test_no_line_starts_with_a_closing_mark():
    layout = Layout(width=24)
    lines = wrap("如有异议，请在公示期内向村委会或监督员李秀兰反映。（见背面）", layout)
    assert all(line[:1] not in "，。）" and line[-1:] not in "（" for line in lines), lines
    assert all(cells(line, layout) <= 24 for line in lines)


# --- several hundred households ------------------------------------------------------------

def _many(actor, count: int, *, poor: bool) -> list[str]:
    groups = ["1组", "2组", "3组", "4组", "5组", "6组"]
    values = [{"card_no": f"MZG-{number:04d}", "head": PEOPLE[number % 4][3],
               "group": groups[number % 6], "house_no": f"麻子沟村{groups[number % 6]}{number}号", "poor": poor}
              for number in range(1, count + 1)]
    with db.write():
        roster.insert_households(actor, values)
    return [value["card_no"] for value in values]


def test_three_hundred_households_on_a_ranked_board(actor):
    adopt(actor, "virtue-template", "quarterly-virtue")
    cards = _many(actor, 300, poor=True)
    day = on(actor, date(2026, 11, 20))
    reviews.open_review(day, "2026Q4")
    _propose(day, cards[-1], "4.1")
    reviews.close_review(day)
    for width in WIDTHS:
        layout = Layout(width=width)
        lines = _lines("board", None, layout)
        assert_lines_up(lines, layout)
        rows = [line for line in lines if line.startswith("|")][1:]
        assert len(rows) == 300
        assert rows[0].split("|")[1].strip() == "1" and "MZG" not in "\n".join(lines)
        assert rows[0].split("|")[-4].strip() == "王五"               # MZG-0300: 110
        assert rows[1].split("|")[1].strip() == "2"           # 299 tied at 100, in group order
        assert rows[-1].split("|")[1].strip() == "2"
        notice = build("board", Request(), date(2026, 11, 26), t, layout)
        paged = "\n".join(printed(notice, t, layout, 60)).split("\n\f\n")
        assert len(paged) > 5 and all(len(page.splitlines()) <= 60 for page in paged)
        # The title on every page, and the table's column titles where it goes on.
        assert all(page.startswith(notice.head[0]) for page in paged)
        first = paged[0].splitlines()
        titles = first[next(n for n, line in enumerate(first) if line.startswith("+-")) + 1]
        with_rows = [page for page in paged if "\n|" in page]
        assert len(with_rows) > 5 and all(titles in page for page in with_rows)


def test_three_hundred_households_on_a_points_board(actor):
    adopt(actor, "mazigou", "mazigou")
    cards = _many(actor, 300, poor=False)
    day = on(actor, date(2026, 11, 20))
    reviews.open_review(day, "2026-11")
    with db.write():
        for card in cards:
            reviews.propose_award(day, card, "5.3")
    reviews.close_review(day)
    for width in WIDTHS:
        layout = Layout(width=width)
        lines = _lines("board", None, layout)
        assert_lines_up(lines, layout)
        rows = [line for line in lines if line.startswith("|")][1:]
        assert len(rows) == 300
        first, last = rows[0].split("|"), rows[-1].split("|")
        assert first[1].strip() == "1组" and last[1].strip() == "6组"
        if width == 80:
            assert first[2].strip() == "麻子沟村1组6号" and last[2].strip() == "麻子沟村6组299号"
        assert [first[-4].strip(), first[-3].strip(), first[-2].strip()] == ["15", "15", "0"]
        assert "合计：300 户，本期加分 4500 分，其中未入账 4500" in "".join(lines)
