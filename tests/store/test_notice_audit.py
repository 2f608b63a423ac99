"""The printed audit log (store/notice_audit.py): every write of a period, who made it as
which OS account, in the office's local time.

Golden files under tests/store/golden/audit_*.txt hold it at 80 and 48 columns, in
Chinese and in English, for the October below; every write is made on a fixed clock
(Beijing time, TZ=CST-8) by staff on a fixed OS account, so the text is the same on
every machine. `JIFEN_GOLDEN_UPDATE=1 pytest tests/store/test_notice_audit.py`
rewrites them (read every one after that).
"""

import time
from datetime import date, datetime

import pytest

from store import deeds, reviews, roster, staff
from store.actor import Actor, OsAccount
from store.demo_plan import backdated
from store.models import Staff
from store.notices import Request, build, printed
from store.objections import raise_objection, resolve_objection
from store.print_layout import Layout
from store.roster import HouseholdFields
from store.settings import set_setting
from tests.store.notice_checks import (assert_gb18030_round_trip, assert_lines_up,
                                      match_golden, table_runs)
from tests.store.points_helpers import adopt
from tui.i18n import set_language, t

TODAY = date(2026, 11, 26)
# The shared office account the staff work on, as the log prints it, whoever runs the tests;
# and the account they are mapped to (it exists in CI), as staff rows print it.
OFFICE = OsAccount("office", 1000)
MAPPED = "nobody"
PHONE = "13800138000"


@pytest.fixture
def beijing(monkeypatch):
    """The office's clock on Beijing time, whatever the machine's."""
    monkeypatch.setenv("TZ", "CST-8")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _at(name: str, moment: str):
    """Staff member `name` at work at `moment`, Beijing time, on the office account."""
    row = Staff.get(Staff.name == name)
    return backdated(Actor(row.id, row.name, row.role, OFFICE), datetime.fromisoformat(moment))


@pytest.fixture
def october(actor, beijing):
    """麻子沟村's October, one write after another:

    - 10-01: the clerk 王建国 adopts the rubric and the Tongguan policy, adds 001 张明 (1组,
      with a phone) and 002 阿不都·热合曼 (2组), a supervisor, the 1组 liaison and a leader;
    - 10-02: the liaison registers a deed of 001; 10-03: 002's phone and house number change;
    - 10-25: the review meets (the deed awarded 20) and closes; 10-27: an objection to it;
    - 10-28: the leader 张国强 upholds it, 10 points; 10-30: 002 moves away;
    - 11-01 00:30 Beijing (10-31 16:30 UTC): the projector is switched on, in November's log.
    """
    clerk = "王建国"
    adopt(_at(clerk, "2026-10-01 09:00"), "mazigou", "tongguan")
    setup = _at(clerk, "2026-10-01 09:10")
    roster.add_household(setup, HouseholdFields(card_no="001", head="张明", group="1组",
                                                phone=PHONE))
    roster.add_household(setup, HouseholdFields(card_no="002", head="阿不都·热合曼",
                                                group="2组"))
    for name, role, group in (("李秀兰", "supervisor", None), ("王德福", "liaison", "1组"),
                              ("张国强", "leader", None)):
        staff.add_staff(setup, name, role, MAPPED, group=group)
    deed = deeds.register_deed(_at("王德福", "2026-10-02 10:00"), "001", item_id="5.2",
                               what="帮邻居抢收玉米", evidence="邻居签字")
    roster.edit_household(_at(clerk, "2026-10-03 11:00"), "002",
                          HouseholdFields(phone="13912345678", house_no="2组8号"))
    meeting = _at(clerk, "2026-10-25 14:00")
    reviews.open_review(meeting, "2026-10", "张国强,杨志明")
    award = reviews.propose_award(meeting, "001", "5.2", deed_id=deed.id)
    reviews.close_review(meeting)
    objection = raise_objection(_at(clerk, "2026-10-27 09:30"), award.id, "李四", "只帮了半天")
    resolve_objection(_at("张国强", "2026-10-28 16:00"), objection.id, upheld=True,
                      new_points=10, reason="核实后减半")
    roster.close_household(_at(clerk, "2026-10-30 08:45"), "002", "迁往县城", moved=True)
    set_setting(_at(clerk, "2026-11-01 00:30"), "ui.projector", "1")


def _text(width: int, period: str | None = "2026-10", today: date = TODAY,
          layout: Layout | None = None) -> str:
    layout = layout or Layout(width=width)
    notice = build("audit", Request(period=period), today, t, layout)
    return "\n".join(printed(notice, t, layout)) + "\n"


@pytest.mark.parametrize("width", [80, 48])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_log_prints_as_its_golden_file(october, width, language):
    set_language(language)
    try:
        text = _text(width)
    finally:
        set_language("zh")
    assert_lines_up(text.splitlines(), Layout(width=width))
    match_golden(f"audit_2026-10_{language}_{width}", text)


def test_an_empty_period_says_so(october):
    text = _text(48, "2026-09")
    assert "本期没有写入记录。" in text
    match_golden("audit_empty_48", text)


def _rows(text: str) -> list[list[str]]:
    """The log's table rows, each cell's wrapped lines joined (Chinese: without spaces)."""
    rows, row = [], None
    for line in table_runs(text.splitlines())[0][3:]:
        if line.startswith("+"):
            rows.append(row)
            row = None
            continue
        parts = [part.strip() for part in line.strip("|").split("|")]
        row = parts if row is None else [mine + more for mine, more in zip(row, parts)]
    return rows


def test_each_write_once_by_local_time_with_who_and_as_which_account(october):
    text = _text(80)
    rows = _rows(text)
    assert [when for when, *_ in rows] == [
        "10-01 09:00", "10-01 09:00", "10-01 09:10", "10-01 09:10", "10-01 09:10",
        "10-01 09:10", "10-01 09:10", "10-02 10:00", "10-03 11:00", "10-25 14:00",
        "10-25 14:00", "10-25 14:00", "10-27 09:30", "10-28 16:00", "10-30 08:45"]
    assert rows[13][:3] == ["10-28 16:00", "张国强（office）", "裁定异议成立异议 1"]
    assert rows[7][:3] == ["10-02 10:00", "王德福（office）", "登记事迹事迹 1"]
    assert {who for _, who, *_ in rows} == {"王建国（office）", "王德福（office）",
                                           "张国强（office）"}
    assert "共 15 条记录。" in text and "时间为本机时间（UTC+08:00）" in text
    assert "监督员：李秀兰" in text


def test_a_write_belongs_to_the_local_day_it_was_made_on(october):
    """00:30 on 1 November in Beijing is still 31 October in UTC: November's log has it."""
    assert "更改设置" not in _text(80)
    setting = [row for row in _rows(_text(80, "2026-11")) if row[2].startswith("更改设置")]
    assert setting == [["11-01 00:30", "王建国（office）", "更改设置ui.projector",
                        "设置值：- → 1"]]


def test_no_phone_number_is_ever_printed(october):
    for width in (80, 48):
        text = _text(width)
        assert PHONE not in text and "13912345678" not in text
    edit = next(row for row in _rows(_text(80)) if row[2].startswith("修改农户信息"))
    assert edit[3] == "门牌号：- → 2组8号；电话：已更改（不打印）"


def test_the_facts_of_a_write_are_its_own(october):
    facts = {what: facts for _, _, what, facts in _rows(_text(80))}
    assert facts["注销农户户 002"].replace(" ", "") == "状态：正常→迁出；原因：-→迁往县城"
    assert facts["裁定异议成立异议 1"] == "奖励：1；改为（分）：10；原因：核实后减半"
    assert facts["添加工作人员王德福"] == ("村民小组：1组；名称：王德福；系统用户：nobody；"
                                      "角色：村组信息联络员")


def test_the_default_period_is_todays_month(october):
    assert "麻子沟村操作日志（2026年10月）" in _text(80, None, date(2026, 10, 31))
    assert "麻子沟村操作日志（2026年11月）" in _text(80, None, TODAY)


def test_gb18030_and_box_rules_keep_the_table_lined_up(october):
    for layout in (Layout(48, wide_ambiguous=True), Layout(80, box=True)):
        lines = printed(build("audit", Request(period="2026-10"), TODAY, t, layout), t,
                        layout, 30)
        assert_lines_up([line for line in lines if line != "\f"], layout)
        assert_gb18030_round_trip([line for line in lines if line != "\f"])
