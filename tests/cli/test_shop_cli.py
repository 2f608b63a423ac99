"""The love supermarket from the command line, under the Mazigou policy (any day, 2 yuan a point).

Every refusal is checked to exit 2 with one line on stderr and to leave the
village file exactly as it was.
"""

import argparse
import os
import re

import pytest

from store.errors import JifenError
from tests.conftest import sql_dump
from tui.cli import build_parser
from tui.commands.shop import parse_basket
from tui.i18n import set_language

TODAY = "2026-11-20"
IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")


def _ok(result):
    assert result.code == 0, result
    return result


def _refused(shop, *words, containing: str, **options) -> str:
    """The command exits 2 with one line saying why, and the file is unchanged."""
    before = sql_dump(shop.path)
    result = shop(*words, **options)
    assert result.code == 2, result
    line = result.err.strip()
    assert line and "\n" not in line and containing in line, result.err
    assert sql_dump(shop.path) == before
    return line


def _open_shop(village, *, heads: tuple[str, str], donor: str, supervisor: str,
               goods: tuple[str, str], unit: str):
    """Mazigou adopted, households 1 and 2 (1 with 100 points), a supervisor, rice
    (goods 1, 10 points, 10 bought) and old clothes (goods 2, donated, 3 points, 5 given)."""
    def shop(*words, day=TODAY, **options):
        return village("--today", day, *words, **options)

    _ok(shop("rubric", "adopt", "rubric-mazigou.toml"))
    _ok(shop("policy", "adopt", "policy-mazigou.toml"))
    for card, head in enumerate(heads, start=1):
        _ok(shop("roster", "add", "--card", card, "--head", head))
    _ok(shop("staff", "add", supervisor, "--role", "supervisor", "--os-user", str(os.geteuid())))
    _ok(shop("adjust", "--household", "1", "--points", "100", "--reason", "test",
             "--second", supervisor))
    rice, clothes = goods
    _ok(shop("goods", "add", "--name", rice, "--price", "10", "--unit", unit, "--low", "2"))
    _ok(shop("goods", "add", "--name", clothes, "--price", "3", "--area", "donation"))
    _ok(shop("stock", "in", "--goods", "1", "--qty", "10", "--supplier", donor, "--cost", "300"))
    _ok(shop("stock", "in", "--goods", "2", "--qty", "5", "--donor", donor))
    shop.path = village.path
    return shop


@pytest.fixture
def shop(village):
    return _open_shop(village, heads=("张三丰", "李秀英"), donor="县红十字会", supervisor="李监督",
                      goods=("大米", "旧衣服"), unit="袋")


def _balance(shop, card="1") -> int:
    return shop("balance", "--household", card, "--json").json()["balance"]


def _stock(shop) -> dict[int, tuple[int, int, int]]:
    return {item["id"]: (item["on_hand"], item["reserved"], item["available"])
            for item in shop("stock", "show", "--json").json()}


# --- goods ---------------------------------------------------------------------------------

def test_goods_add_list_retire(shop):
    added = _ok(shop("goods", "add", "--name", "食用油", "--price", "25", "--unit", "瓶",
                     "--low", "3", "--json")).json()
    assert (added["id"], added["price"], added["unit"], added["area"], added["low_stock"],
            added["on_hand"]) == (3, 25, "瓶", "goods", 3, 0)
    assert "已新增物品 4 肥皂：2 分/-，捐赠区" in _ok(
        shop("goods", "add", "--name", "肥皂", "--price", "2", "--area", "donation")).out
    assert [g["id"] for g in shop("goods", "list", "--json").json()] == [1, 3, 4, 2]
    assert "物品 3 食用油 已下架" in _ok(shop("goods", "retire", "3")).out
    assert 3 not in [g["id"] for g in shop("goods", "list", "--json").json()]
    everything = _ok(shop("goods", "list", "--all"))
    assert "食用油" in everything.out and "已下架" in everything.out
    assert "库存偏低" in everything.out            # soap: nothing free, warn at 0

    _refused(shop, "goods", "add", "--name", "白糖", "--price", "0", containing="1 到")
    _refused(shop, "goods", "add", "--name", "大米", "--price", "10", "--unit", "袋",
             containing="同名")
    _refused(shop, "goods", "retire", "99", containing="99")
    _refused(shop, "goods", "retire", "3", containing="已下架")
    _refused(shop, "goods", "list", db=shop.path.with_name("missing.jifen"),
             containing="jifen init")


# --- stock ---------------------------------------------------------------------------------

def test_stock_in_writeoff_count_show(shop):
    bought = _ok(shop("stock", "in", "--goods", "1", "--qty", "4", "--supplier", "供销社",
                      "--cost", "120.5", "--json")).json()
    assert (bought["kind"], bought["quantity"], bought["supplier"], bought["cost"]) == (
        "purchase", 4, "供销社", "120.50")
    given = _ok(shop("stock", "in", "--goods", "2", "--qty", "3", "--donor", "爱心企业",
                     "--via", "李四", "--json")).json()
    assert (given["kind"], given["donor"], given["via"], given["cost"]) == (
        "donation", "爱心企业", "李四", "")
    lost = _ok(shop("stock", "writeoff", "--goods", "1", "--qty", "2", "--reason", "受潮",
                    "--witness", "李监督"))
    assert "见证人 李监督" in lost.out
    counted = _ok(shop("stock", "count", "--goods", "2", "--counted", "7", "--json")).json()
    assert (counted["kind"], counted["counted"], counted["quantity"]) == ("stocktake", 7, -1)
    assert _stock(shop) == {1: (12, 0, 12), 2: (7, 0, 7)}
    table = _ok(shop("stock", "show")).out
    assert "库存" in table and "预留" in table and "大米" in table
    report = _ok(shop("stock", "show", "--period", "2026Q4")).out
    assert "麻子沟村爱心超市2026年第四季度库存报表" in report and "旧衣服（捐）" in report
    lines = _ok(shop("stock", "show", "--period", "2026Q4", "--json")).json()
    assert [(line["goods"], line["purchased"], line["written_off"], line["closing"])
            for line in lines] == [(1, 14, 2, 12), (2, 0, 0, 7)]

    _refused(shop, "stock", "in", "--goods", "1", "--qty", "1", containing="--supplier")
    _refused(shop, "stock", "in", "--goods", "1", "--qty", "1", "--supplier", "供销社",
             "--cost", "5", "--donor", "某人", containing="不能同时")
    _refused(shop, "stock", "in", "--goods", "1", "--qty", "1", "--supplier", "供销社",
             containing="--cost")
    _refused(shop, "stock", "in", "--goods", "2", "--qty", "1", "--supplier", "供销社",
             "--cost", "5", containing="捐赠区")
    _refused(shop, "stock", "writeoff", "--goods", "1", "--qty", "1", "--reason", "坏",
             "--witness", "王建国", containing="见证")
    _refused(shop, "stock", "count", "--goods", "1", "--counted", "-1", containing="-1")
    _refused(shop, "stock", "show", "--period", "2026Q9", containing="2026Q9")


# --- redeem --------------------------------------------------------------------------------

def test_redeem_two_items_for_a_card_with_enough_points(shop):
    assert _balance(shop) == 100
    done = _ok(shop("redeem", "--household", "1", "--goods", "1x2", "--goods", "2",
                    "--proxy", "张小明", "--json")).json()
    assert (done["status"], done["points"], done["balance_after"], done["proxy"]) == (
        "collected", 23, 77, "张小明")
    assert [(line["goods"], line["quantity"], line["points"]) for line in done["lines"]] == [
        (1, 2, 20), (2, 1, 3)]
    assert _balance(shop) == 77
    assert _stock(shop) == {1: (8, 0, 8), 2: (4, 0, 4)}
    passbook = shop("ledger", "--household", "1", "--json").json()
    assert (passbook[-1]["kind"], passbook[-1]["points"]) == ("redemption", -23)

    printed = _ok(shop("redeem", "--household", "1", "--goods", "1*1", "--goods", "2×2"))
    assert printed.out.splitlines()[0] == "已兑换（兑换单 2）：1 张三丰 领取 大米×1 旧衣服×2，共 16 分；兑换后余 61 分"
    assert "麻子沟村爱心超市物品领取告知单" in printed.out and "兑换后可兑换积分：61 分" in printed.out


@pytest.mark.parametrize("word, line", [("3", (3, 1)), ("3x2", (3, 2)), ("3X2", (3, 2)),
                                         ("3*2", (3, 2)), ("3×2", (3, 2)), ("３ｘ２", (3, 2)),
                                         (" 12 x 10 ", (12, 10))])
def test_goods_words(word, line):
    assert parse_basket([word]) == [line]


@pytest.mark.parametrize("word", ["", "x2", "3x", "rice", "3x2x1", "-3", "3.5", "3/2"])
def test_bad_goods_words(word):
    with pytest.raises(JifenError) as refused:
        parse_basket([word])
    assert refused.value.key == "cli.redeem.bad_goods"


def test_redeem_refusals(shop):
    _refused(shop, "redeem", "--household", "1", "--goods", "1y2", containing="“1y2”")
    _refused(shop, "redeem", "--household", "1", "--goods", "1x0", containing="数量“0”")
    _refused(shop, "redeem", "--household", "1", "--goods", "1x11", containing="只有 10")
    _refused(shop, "redeem", "--household", "2", "--goods", "1", containing="只有 0 分")
    _refused(shop, "redeem", "--household", "1", "--goods", "1x9", "--goods", "2x5",
             containing="不够 105 分")


# --- orders --------------------------------------------------------------------------------

def test_order_collect_cancel_expire(shop):
    ordered = _ok(shop("redeem", "--household", "1", "--goods", "1x2", "--order"))
    assert "请于 2026-11-26 前领取" in ordered.out   # the policy's 7 days and "待领取" in ordered.out
    assert _stock(shop)[1] == (10, 2, 8)
    assert [r["id"] for r in shop("redemption", "list", "--orders", "--json").json()] == [1]
    collected = _ok(shop("redemption", "collect", "1", "--proxy", "王五", "--json")).json()
    assert (collected["status"], collected["proxy"]) == ("collected", "王五")
    assert _stock(shop)[1] == (8, 0, 8)
    _refused(shop, "redemption", "collect", "1", containing="不是待领取")
    _refused(shop, "redemption", "undo", "9", "--reason", "错", containing="9")

    _ok(shop("redeem", "--household", "1", "--goods", "2", "--order"))
    _refused(shop, "redemption", "undo", "2", "--reason", "错", containing="取消")
    assert "3 分退回卡号 1" in _ok(shop("redemption", "cancel", "2", "--reason", "不要了")).out
    _refused(shop, "redemption", "cancel", "2", "--reason", "再次", containing="已取消")

    _ok(shop("redeem", "--household", "1", "--goods", "1", "--order"))
    assert _balance(shop) == 70
    assert _ok(shop("redemption", "expire", "--json")).json() == []
    assert "1 张逾期未领的订单：3" in _ok(shop("redemption", "expire", day="2026-11-27")).out
    assert _balance(shop) == 80 and _stock(shop)[1] == (8, 0, 8)
    assert "没有逾期未领的订单" in _ok(shop("redemption", "expire", day="2026-11-27")).out
    _refused(shop, "--as", "赵六", "redemption", "expire", containing="赵六")


# --- show, list, undo, the day's sheet and its sign-off ----------------------------------------

def test_show_list_undo_sheet_signoff(shop):
    _ok(shop("redeem", "--household", "1", "--goods", "1x2", "--proxy", "张小明"))
    _ok(shop("redeem", "--household", "1", "--goods", "2"))
    shown = _ok(shop("redemption", "show", "1")).out
    assert shown.splitlines()[0] == "兑换单 1：1 张三丰，已领取，20 分"
    assert "代领人：张小明" in shown and "商品区" in shown
    assert shop("redemption", "show", "1", "--json").json()["lines"][0]["name"] == "大米"
    undone = _ok(shop("redemption", "undo", "2", "--reason", "拿错了", "--json")).json()
    assert (undone["status"], undone["status_reason"]) == ("undone", "拿错了")
    assert _balance(shop) == 80 and _stock(shop)[2] == (5, 0, 5)
    listed = shop("redemption", "list", "--household", "1", "--json").json()
    assert [(r["id"], r["status"]) for r in listed] == [(2, "undone"), (1, "collected")]
    assert "已撤销" in _ok(shop("redemption", "list")).out
    _refused(shop, "redemption", "undo", "2", "--reason", "再撤", containing="不能撤销")
    _refused(shop, "redemption", "show", "7", containing="7")
    _refused(shop, "redemption", "list", "--household", "99", containing="99")

    sheet = _ok(shop("redemption", "sheet")).out
    assert "麻子沟村爱心超市兑换登记表" in sheet and "未签核" in sheet
    _refused(shop, "redemption", "signoff", "--date", TODAY, containing="jifen --as 李监督")
    _refused(shop, "--as", "李监督", "redemption", "signoff", "--date", "2026-11-19",
             containing="没有兑换")
    signed = _ok(shop("--as", "李监督", "redemption", "signoff", "--date", TODAY, "--json"))
    assert (signed.json()["signed_off_by"], signed.json()["signed_points"]) == ("李监督", 20)
    assert "监督员签核：李监督（1 笔，20 分）" in _ok(
        shop("redemption", "sheet", "--date", TODAY)).out
    _refused(shop, "redemption", "sheet", "--date", TODAY,
             db=shop.path.with_name("missing.jifen"), containing="jifen init")


# --- settlement and the fund -----------------------------------------------------------------

def test_settlement_printed_saved_and_made_final(shop, tmp_path):
    _ok(shop("redeem", "--household", "1", "--goods", "1x2", "--goods", "2"))
    printed = _ok(shop("settlement", "--period", "2026Q4")).out
    assert "麻子沟村爱心超市2026年第四季度兑换结算单" in printed and "结算金额：40.00 元" in printed
    assert "草稿" in printed
    donations = _ok(shop("settlement", "--period", "2026Q4", "--donations")).out
    assert "捐赠区兑换登记" in donations and "旧衣服" in donations and "大米" not in donations
    target = tmp_path / "结算单.txt"
    saved = _ok(shop("settlement", "--period", "2026Q4", "-o", str(target)))
    assert str(target) in saved.out
    assert target.read_text(encoding="utf-8") == printed
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []

    _refused(shop, "settlement", "--period", "2026Q4", "--final", containing="2026-12-31")
    _refused(shop, "settlement", "--period", "2026-11", containing="季度")
    after = "2027-01-05"
    _refused(shop, "settlement", "--period", "2026Q4", "--final", "-o",
             str(tmp_path / "no" / "such.txt"), day=after, containing="such.txt")
    final = _ok(shop("settlement", "--period", "2026Q4", "--final", "-o", str(target), day=after))
    assert "2026Q4" in final.out
    assert "已定稿：王建国，2027-01-05" in target.read_text(encoding="utf-8")
    _refused(shop, "settlement", "--period", "2026Q4", "--final", day=after, containing="已经定稿")
    _refused(shop, "redemption", "undo", "1", "--reason", "晚了", day=after, containing="已结算")


def test_fund(shop):
    _ok(shop("redeem", "--household", "1", "--goods", "1x9"))
    picture = _ok(shop("fund", "--json")).json()
    assert (picture["outstanding_points"], picture["stock_points"], picture["stock_cost"],
            picture["donated_on_hand"], picture["covered"]) == (10, 25, "30.00", 5, True)
    assert [low["name"] for low in picture["running_low"]] == ["大米"]
    text = _ok(shop("fund")).out
    assert "麻子沟村爱心超市积分与库存" in text and "大米：可用 1袋（提醒线 2）" in text


def test_fund_needs_a_policy(village):
    _refused(village, "fund", containing="jifen policy adopt")


# --- English ---------------------------------------------------------------------------------

@pytest.fixture
def english(jifen):
    """A shop whose data has no Chinese: any Chinese in its English output came from code."""
    _ok(jifen("init", "--village", "Dongcun", "--population", "300", "--clerk", "Wang"))
    shop = _open_shop(jifen, heads=("Zhang San", "Li Si"), donor="Red Cross", supervisor="Li",
                      goods=("Rice", "Old coat"), unit="bag")
    return lambda *words: shop("--lang", "en", *words)


def test_english_output_has_no_chinese_but_data(english, tmp_path):
    runs = [
        ("goods", "add", "--name", "Oil", "--price", "5", "--unit", "bottle"),
        ("goods", "list", "--all"), ("goods", "retire", "3"),
        ("stock", "in", "--goods", "1", "--qty", "1", "--supplier", "Coop", "--cost", "9"),
        ("stock", "writeoff", "--goods", "1", "--qty", "1", "--reason", "wet", "--witness", "Li"),
        ("stock", "count", "--goods", "1", "--counted", "10"),
        ("stock", "show"), ("stock", "show", "--period", "2026Q4"),
        ("redeem", "--household", "1", "--goods", "1x2", "--goods", "2", "--proxy", "Zhang Er"),
        ("redeem", "--household", "1", "--goods", "1", "--order"),
        ("redemption", "show", "1"), ("redemption", "list"),
        ("redemption", "collect", "2"), ("redemption", "undo", "2", "--reason", "wrong"),
        ("redeem", "--household", "1", "--goods", "2", "--order"),
        ("redemption", "cancel", "3", "--reason", "no"), ("redemption", "expire"),
        ("redemption", "sheet"), ("--as", "Li", "redemption", "signoff", "--date", TODAY),
        ("settlement", "--period", "2026Q4"), ("settlement", "--period", "2026Q4", "--donations"),
        ("settlement", "--period", "2026Q4", "-o", str(tmp_path / "sheet.txt")),
        ("fund",),
        # refusals
        ("stock", "in", "--goods", "1", "--qty", "1"),
        ("redeem", "--household", "1", "--goods", "1y"),
        ("redeem", "--household", "2", "--goods", "1"),
        ("redemption", "signoff", "--date", TODAY),
    ]
    for words in runs:
        result = english(*words)
        said = result.out + result.err
        assert said.strip() and IDEOGRAPH.findall(said) == [], (words, said)
    assert "Zhang San" in english("redemption", "sheet").out
    assert IDEOGRAPH.findall((tmp_path / "sheet.txt").read_text(encoding="utf-8")) == []


SHOP_COMMANDS = ("goods", "stock", "redeem", "redemption", "settlement", "fund")


def _options(parser: argparse.ArgumentParser, path: tuple[str, ...]):
    """Every option and argument of a command and its actions, with where it is."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _options(sub, (*path, name))
        elif not isinstance(action, argparse._HelpAction):
            yield path, action


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_option_has_help_in_the_clerks_language(language):
    set_language(language)
    try:
        root = next(a for a in build_parser()._actions
                    if isinstance(a, argparse._SubParsersAction))
        found = [(path, action) for name in SHOP_COMMANDS
                 for path, action in _options(root.choices[name], (name,))]
    finally:
        set_language("zh")
    assert len(found) > 40
    for path, action in found:
        assert action.help, (path, action.dest)
        assert bool(IDEOGRAPH.search(action.help)) == (language == "zh"), (path, action.help)


def test_a_settlement_that_cannot_be_saved_is_not_made_final(shop, tmp_path):
    _ok(shop("redeem", "--household", "1", "--goods", "1"))
    _refused(shop, "settlement", "--period", "2026Q4", "--final", "-o", str(tmp_path),
             day="2027-01-02", containing=str(tmp_path))
    _refused(shop, "settlement", "--period", "2026Q4", "--final", "-o",
             str(tmp_path / "missing" / "sheet.txt"), day="2027-01-02", containing="missing")
