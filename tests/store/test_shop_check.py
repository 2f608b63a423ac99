"""`check` finds the shop's damage: stock below zero or below what orders hold, a basket
whose ledgers disagree with its status, a return that does not mirror its movement."""

import pytest

from store import check, db
from store.redemption import redeem, undo
from tests.store.shop_helpers import give, open_shop, stocked
from tests.store.tamper import rewrite_chain
from tui.i18n import MESSAGES, explain, set_language


def _keys():
    return [problem.key for problem in check.check_village()]


def _raw(*statements):
    """Change the file behind jifen's back, as a tamperer who knows the hash chain would:
    then the invariants are what still shows it (tests/store/test_chain.py: the chain)."""
    for sql in statements:
        db.database.execute_sql(sql)
    rewrite_chain()


UNLOCK_STOCK = "DROP TRIGGER stock_movement_no_update"
UNLOCK_LEDGER = "DROP TRIGGER ledger_entry_no_update"


@pytest.fixture
def shop(actor):
    """Rice (6 bought) and a household with 100 points, under Mazigou."""
    open_shop(actor, "mazigou")
    give(actor, "001", 100)
    return actor, stocked(actor, "大米", 10, 6)


def test_a_busy_shop_passes(shop):
    actor, rice = shop
    redeem(actor, "001", [(rice, 1)], proxy="张干部")
    undo(actor, redeem(actor, "001", [(rice, 2)]).id, "拿错了")
    redeem(actor, "001", [(rice, 2)], order=True)
    assert _keys() == []


def test_negative_stock_shows(shop):
    _raw(UNLOCK_STOCK, "UPDATE stock_movement SET quantity = -2 WHERE kind = 'purchase'")
    problems = check.check_village()
    assert [(p.key, p.params["on_hand"]) for p in problems] == [("check.negative_stock", -2)]


def test_orders_holding_more_than_the_shelf_shows(shop):
    actor, rice = shop
    redeem(actor, "001", [(rice, 3)], order=True)
    _raw(UNLOCK_STOCK, "UPDATE stock_movement SET quantity = 2 WHERE kind = 'purchase'")
    problems = check.check_village()
    assert [(p.key, p.params["reserved"], p.params["on_hand"]) for p in problems] == [
        ("check.over_reserved", 3, 2)]


def test_an_order_marked_expired_without_its_points_back_shows(shop):
    actor, rice = shop
    redeem(actor, "001", [(rice, 3)], order=True)
    _raw("UPDATE redemption SET status = 'expired'")
    problems = check.check_village()
    assert [(p.key, p.params["points"], p.params["expected"]) for p in problems] == [
        ("check.redemption_points", -30, 0)]


def test_a_basket_whose_points_were_changed_shows(shop):
    actor, rice = shop
    redeem(actor, "001", [(rice, 1)])
    _raw(UNLOCK_LEDGER, "UPDATE ledger_entry SET points = -1 WHERE kind = 'redemption'")
    assert _keys() == ["check.redemption_points"]


def test_a_handed_over_basket_marked_ordered_shows(shop):
    actor, rice = shop
    redeem(actor, "001", [(rice, 2)])
    _raw("UPDATE redemption SET status = 'ordered'")
    assert _keys() == ["check.redemption_stock"]


def test_a_basket_with_its_stock_movement_gone_shows(shop):
    actor, rice = shop
    redeem(actor, "001", [(rice, 2)])
    _raw("DROP TRIGGER stock_movement_no_delete",
         "DELETE FROM stock_movement WHERE kind = 'redemption'")
    assert _keys() == ["check.redemption_stock"]


def test_a_return_that_does_not_mirror_shows(shop):
    actor, rice = shop
    undo(actor, redeem(actor, "001", [(rice, 2)]).id, "拿错了")
    _raw(UNLOCK_STOCK, "UPDATE stock_movement SET quantity = 5 WHERE kind = 'return'")
    assert _keys() == ["check.redemption_stock", "check.bad_return"]


def test_a_return_that_names_no_movement_shows(shop):
    actor, rice = shop
    undo(actor, redeem(actor, "001", [(rice, 2)]).id, "拿错了")
    _raw(UNLOCK_STOCK, "UPDATE stock_movement SET reverses_id = NULL WHERE kind = 'return'")
    assert _keys() == ["check.bad_return"]


def test_a_return_that_reverses_a_purchase_shows(shop):
    actor, rice = shop
    undo(actor, redeem(actor, "001", [(rice, 2)]).id, "拿错了")
    _raw(UNLOCK_STOCK, "UPDATE stock_movement SET reverses_id = "
                       "(SELECT id FROM stock_movement WHERE kind = 'purchase') "
                       "WHERE kind = 'return'")
    assert _keys() == ["check.bad_return"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_shops_problems_are_said_in_words(shop, language):
    actor, rice = shop
    redeem(actor, "001", [(rice, 2)])
    _raw("UPDATE redemption SET status = 'ordered'")
    set_language(language)
    try:
        [problem] = check.check_village()
        said = explain(problem)
        assert MESSAGES["redemption_status.ordered"][language == "en"] in said
    finally:
        set_language("zh")
