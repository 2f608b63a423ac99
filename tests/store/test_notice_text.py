"""The review result notice (评议结果公示) and the points slip (积分告知单), as printed.

Golden files (tests/store/golden/review_*.txt, slip_*.txt) hold the expected text at
80 and 48 columns (and 32 for slips): rewrite them with JIFEN_GOLDEN_UPDATE=1, then
read every one as a clerk would before committing it. Every table of every output keeps
one width within its layout, at any of the layouts (ASCII, box rules, and a GB18030
printer's two-cell "·"), and the GB18030 bytes read back as the same text.
"""

from datetime import date

import pytest

from store import notice_text, reviews, roster, staff
from store.adoption import adopt_policy_text, adopt_rubric_text
from store.errors import JifenError
from store.ledger import balance
from store.notices import Request, build, printed
from store.objections import objections_of, raise_objection, resolve_objection
from store.print_layout import Layout, as_bytes, cells
from store.roster import HouseholdFields
from store.shipped import shipped_text
from tests.store.notice_checks import (assert_gb18030_round_trip, assert_lines_up,
                                       match_golden)
from tests.store.points_helpers import leader, on
from tui.i18n import set_language, t

# The chain head at every notice's foot hashes record ids and times.
pytestmark = pytest.mark.usefixtures("reproducible")

NOV = date(2026, 11, 26)
DAY1 = date(2026, 11, 27)      # the first day of the notice
DONE = date(2026, 11, 30)      # the notice is over, the review finalized
# Heads of 2, 3 and 4 characters, a minority name with "·", and one never reviewed.
HEADS = {"MZG-0001": ("王五", "1组"), "MZG-0002": ("张三丰", "1组"),
         "MZG-0003": ("欧阳建国", "2组"), "MZG-0004": ("阿不都·热合曼", "2组"),
         "MZG-0005": ("李四", "3组")}
SUPERVISOR = "李秀兰"


# --- checking a printed notice ----------------------------------------------------------------

def text_of(lines) -> str:
    """The notice as the file written: what as_bytes makes of it, read back."""
    return as_bytes(lines).decode("utf-8")


def check_lines(lines, layout: Layout) -> None:
    """No line wider than the layout; each table's lines all of one width; GB18030 and
    UTF-8 with a BOM and CR LF that decode to the same text."""
    assert_lines_up(lines, layout)
    assert_gb18030_round_trip(lines)
    text = text_of(lines)
    assert as_bytes(lines, "utf-8-sig", crlf=True).decode("utf-8-sig") == text.replace(
        "\n", "\r\n")


def golden(name: str, lines, layout: Layout) -> None:
    """`lines` fit `layout` and are the text of tests/store/golden/`name`.txt."""
    check_lines(lines, layout)
    match_golden(name, text_of(lines))


def notice_lines(kind: str, request: Request, today: date, layout: Layout) -> list[str]:
    return printed(build(kind, request, today, t, layout), t, layout)


def every_layout(width: int):
    return [Layout(width), Layout(width, box=True), Layout(width, wide_ambiguous=True)]


# --- villages ------------------------------------------------------------------------------

def village(actor, rubric: str = "mazigou", *, name_deductions: bool = False) -> None:
    """The shipped rubric under the Mazigou policy, a supervisor, and the five households."""
    adopt_rubric_text(actor, shipped_text(f"rubric-{rubric}.toml"))
    policy = shipped_text("policy-mazigou.toml")
    if name_deductions:
        policy = policy.replace("name_deductions = false", "name_deductions = true")
    adopt_policy_text(actor, policy)
    staff.add_staff(actor, SUPERVISOR, "supervisor")
    for card, (head, group) in HEADS.items():
        roster.add_household(actor, HouseholdFields(card_no=card, head=head, group=group))


def _open_review(actor):
    reviews.open_review(actor, "2026-11")


@pytest.fixture
def language():
    yield set_language
    set_language("zh")


@pytest.fixture
def posted(actor):
    """November's review, closed on the 26th: long item names (获评好媳妇好公婆等称号), an
    award lowered and one cancelled by upheld objections, one held by an open objection,
    one withdrawn at the meeting (never on the notice)."""
    actor = on(actor, NOV)
    village(actor)
    _open_review(actor)
    propose = reviews.propose_award
    propose(actor, "MZG-0001", "2.1")                 # 1: 10 参加美丽乡村建设等活动
    propose(actor, "MZG-0002", "1.2")                 # 2: 60 获评好媳妇好公婆等称号
    propose(actor, "MZG-0003", "5.2")                 # 3: 20, lowered to 10
    propose(actor, "MZG-0004", "6.8")                 # 4: 10, objected to
    propose(actor, "MZG-0004", "6.7")                 # 5: 30 参与护林防火等工作
    gone = propose(actor, "MZG-0001", "2.2")          # 6: withdrawn
    reviews.withdraw_award(actor, gone.id, "记错了条目")
    propose(actor, "MZG-0003", "8.1", points=8)       # 7: 其他事迹, the meeting's points
    propose(actor, "MZG-0002", "5.5")                 # 8: 5, cancelled
    reviews.close_review(actor)
    day1 = on(actor, DAY1)
    lowered = raise_objection(day1, 3, "李四", "只帮了一次")
    resolve_objection(leader(day1), lowered.id, upheld=True, new_points=10, reason="核实后改分")
    cancelled = raise_objection(day1, 8, "王五", "不是他捡的")
    resolve_objection(leader(day1), cancelled.id, upheld=True, reason="核实不实")
    raise_objection(day1, 4, "张三丰", "没见过")
    return actor


# --- the review result notice ---------------------------------------------------------------

@pytest.mark.parametrize("width", [80, 48])
def test_review_notice_on_its_first_day(posted, width):
    golden(f"review_{width}", notice_lines("review", Request(), DAY1, Layout(width)),
           Layout(width))


@pytest.mark.parametrize("width", [80, 48])
def test_review_notice_once_finalized(posted, width):
    reviews.finalize_review(on(posted, DONE))
    golden(f"review_finalized_{width}", notice_lines("review", Request(review=1), DONE,
                                                     Layout(width)), Layout(width))


def test_the_review_notice_says_what_a_clerk_reads_on_it(posted):
    text = text_of(notice_lines("review", Request(), DAY1, Layout(80)))
    assert "公示期：2026-11-27 至 2026-11-29，共 3 天" in text
    assert "| 获评好媳妇好公婆等 |" in text and "| 称号               |" in text  # wraps in its column
    assert "记错了条目" not in text and "| 6 " not in text    # withdrawn: not on notice
    assert "合计：4 户，6 项，128 分" in text      # 10 + 60 + 10 (lowered) + 10 (held) + 30 + 8
    assert "监督员李秀兰" in text and "管理员：王建国　　监督员：李秀兰" in text
    narrow = text_of(notice_lines("review", Request(), DAY1, Layout(48)))
    assert "MZG-0001" not in narrow and "暂缓：有异议" in narrow   # no card at 48; states told


@pytest.mark.parametrize("width", [80, 48])
def test_every_layout_of_the_review_notice_fits(posted, width, language):
    for lang in ("zh", "en"):
        language(lang)
        for layout in every_layout(width):
            check_lines(notice_lines("review", Request(), DAY1, layout), layout)


def test_a_review_in_session_has_no_result_notice(actor):
    actor = on(actor, NOV)
    village(actor)
    with pytest.raises(JifenError) as caught:
        build("review", Request(), NOV, t, Layout())
    assert caught.value.key == "review.none_closed"
    _open_review(actor)
    with pytest.raises(JifenError) as caught:
        build("review", Request(review=1), NOV, t, Layout())
    assert caught.value.key == "notice_text.review_open"


def test_an_empty_review(actor):
    actor = on(actor, NOV)
    village(actor)
    _open_review(actor)
    reviews.close_review(actor)
    golden("review_empty_48", notice_lines("review", Request(), NOV, Layout(48)), Layout(48))


def test_a_review_of_one_household(actor):
    actor = on(actor, NOV)
    village(actor)
    _open_review(actor)
    reviews.propose_award(actor, "MZG-0004", "1.2")
    reviews.close_review(actor)
    for width in (80, 48):
        golden(f"review_one_{width}", notice_lines("review", Request(), NOV, Layout(width)),
               Layout(width))


def test_a_review_of_three_hundred_households(actor):
    actor = on(actor, NOV)
    village(actor)
    items = ["2.1", "1.2", "5.2", "6.8", "3.1", "7.7"]
    for number in range(1, 301):
        roster.add_household(actor, HouseholdFields(card_no=f"CX-{number:04d}",
                                                    head=f"{'欧阳' if number % 4 else '马'}村民{number}",
                                                    group=f"{number % 7 + 1}组"))
    _open_review(actor)
    for number in range(1, 301):
        reviews.propose_award(actor, f"CX-{number:04d}", items[number % len(items)])
    reviews.close_review(actor)
    for width in (80, 48):
        lines = notice_lines("review", Request(), NOV, Layout(width))
        golden(f"review_many_{width}", lines, Layout(width))
        assert "合计：300 户，300 项" in text_of(lines)
    paged = printed(build("review", Request(), NOV, t, Layout(48)), t, Layout(48), page_lines=60)
    assert paged.count("\f") >= 5 and "第 1 页" in text_of(paged)


@pytest.fixture
def deductions(actor):
    """The template's deductions (参与赌博 -10, 房前屋后脏乱 -5) beside a bonus."""
    def make(named: bool):
        day = on(actor, NOV)
        village(day, "virtue-template", name_deductions=named)
        _open_review(day)
        reviews.propose_award(day, "MZG-0001", "3.2")
        reviews.propose_award(day, "MZG-0002", "4.1")
        reviews.propose_award(day, "MZG-0004", "1.3")
        reviews.close_review(day)
        return day
    return make


def test_deductions_are_not_named_unless_the_policy_says_so_d10(deductions):
    deductions(False)
    lines = notice_lines("review", Request(), NOV, Layout(48))
    golden("review_deductions_48", lines, Layout(48))
    text = text_of(lines)
    assert "王五" not in text and "阿不都" not in text and "MZG-0001" not in text
    assert "（不公示）" in text and "张三丰" in text and "扣分项目按规定不公示户名。" in text
    wide = text_of(notice_lines("review", Request(), NOV, Layout(80)))
    assert "王五" not in wide and "MZG-0001" not in wide and "MZG-0002" in wide


def test_deductions_named_where_the_policy_names_them(deductions):
    deductions(True)
    lines = notice_lines("review", Request(), NOV, Layout(80))
    golden("review_deductions_named_80", lines, Layout(80))
    assert "王五" in text_of(lines) and "不公示" not in text_of(lines)


# --- the points slip ------------------------------------------------------------------------

def slips(width: int, today: date, review: int | None = None) -> list[str]:
    """The slip of each household, one after another, a rule between them."""
    layout = Layout(width)
    lines: list[str] = []
    for card in HEADS:
        if lines:
            lines += ["", "=" * width, ""]
        lines += notice_lines("slip", Request(household=card, review=review), today, layout)
    return lines


@pytest.mark.parametrize("width", [80, 48, 32])
def test_slips_after_finalizing(posted, width):
    reviews.finalize_review(on(posted, DONE))
    golden(f"slip_{width}", slips(width, DONE), Layout(width))


def test_slips_while_on_notice(posted):
    golden("slip_on_notice_32", slips(32, DAY1, review=1), Layout(32))
    text = text_of(notice_lines("slip", Request(household="MZG-0001"), DAY1, Layout(48)))
    assert "本次评分公示到 2026-11-29，期满入账后才能兑换。" in text
    assert "2.2" not in text and "文明礼貌" not in text     # the withdrawn award


def test_a_slip_says_what_the_household_holds(posted):
    reviews.finalize_review(on(posted, DONE))
    text = text_of(notice_lines("slip", Request(household="MZG-0003"), DONE, Layout(48)))
    assert "户主：欧阳建国　卡号：MZG-0003　村民小组：2组" in text
    assert "本次评分合计：18 分" in text and "可兑换积分 18，荣誉积分 18" in text
    assert "改分" in text and "公示到" not in text      # posted: nothing left pending
    never = text_of(notice_lines("slip", Request(household="MZG-0005"), DONE, Layout(32)))
    assert "本户还没有评议记录。" in never and "可兑换积分 0" in never
    other = text_of(notice_lines("slip", Request(household="MZG-0005", review=1), DONE,
                                 Layout(32)))
    assert "本次评议没有本户的评分。" in other


@pytest.mark.parametrize("width", [80, 48, 32])
def test_every_layout_of_a_slip_fits(posted, width, language):
    for lang in ("zh", "en"):
        language(lang)
        for layout in every_layout(width):
            for card in HEADS:
                check_lines(notice_lines("slip", Request(household=card), DAY1, layout), layout)


def test_the_slip_lists_the_households_own_deductions(deductions):
    deductions(False)
    text = text_of(notice_lines("slip", Request(household="MZG-0001"), NOV, Layout(32)))
    assert "参与赌博" in text and "-10" in text


# --- what the notice desk uses --------------------------------------------------------------

def test_the_desk_prints_the_same_notice_as_the_registry(posted):
    review = reviews.review_info(1)
    desk = notice_text.result_notice("麻子沟村", review, objections_of(1), t, DAY1)
    assert desk == text_of(notice_lines("review", Request(review=1), DAY1, Layout(72)))


def test_the_desks_slips_come_in_card_order_with_a_line_to_cut_along(posted):
    review = reviews.review_info(1)
    cards = notice_text.slip_households(review)
    assert cards == ["MZG-0001", "MZG-0002", "MZG-0003", "MZG-0004"]
    text = notice_text.points_slips("麻子沟村", review, {card: balance(card) for card in cards},
                                    objections_of(1), t, DAY1)
    lines = text.splitlines()
    cuts = [line for line in lines if "沿此线剪开" in line]
    assert len(cuts) == 3 and all(cells(cut, Layout(48)) == 48 for cut in cuts)
    assert cuts[0].startswith("-----") and cuts[0].endswith("-----")
    assert [line.split("卡号：")[1].split("　")[0] for line in lines if "卡号：" in line] == cards
    assert all(cells(line, Layout(48)) <= 48 for line in lines)


def test_award_states_in_words(posted):
    review = reviews.review_info(1)
    objections = objections_of(1)
    said = {award.id: notice_text.award_state(award, objections, t)
            for award in notice_text.on_notice(review)}
    assert said == {1: "待入账", 2: "待入账", 3: "异议成立改分", 4: "有异议暂缓", 5: "待入账",
                    7: "待入账", 8: "异议成立取消"}
    short = notice_text.award_state(review.awards[3], objections, t, short=True)
    assert short == "暂缓"
    assert [a.id for a in notice_text.in_force(notice_text.on_notice(review))] == [1, 2, 3, 4,
                                                                                   5, 7]


def test_a_slip_dated_earlier_shows_the_balance_of_its_day(posted):
    reviews.finalize_review(on(posted, DONE))
    assert balance("MZG-0001").spendable == 10
    earlier = text_of(notice_lines("slip", Request(household="MZG-0001"), DAY1, Layout(48)))
    assert "截至 2026-11-27：可兑换积分 0，荣誉积分 0" in earlier
