"""One small village per test session, copied afresh for every example that may spoil it."""

import pytest

from store import db, village
from store.actor import resolve_actor
from store.adoption import adopt_policy_text, adopt_rubric_text
from store.deeds import register_deed
from store.goods import add_goods
from store.roster import HouseholdFields, add_household
from store.shipped import DEMO_POLICY, DEMO_RUBRIC, shipped_text
from store.stock import receive_purchase
from tests.conftest import TODAY

HOUSEHOLDS = [("0101", "张三丰", "1"), ("0102", "阿不都·热合曼", "1"), ("0201", "欧阳建国", "2")]


@pytest.fixture(scope="session")
def village_template(tmp_path_factory):
    """A village with households, the Mazigou rules, goods in stock and a deed (the
    demo would take seconds): never opened by a test, only copied (harness.spoilable)."""
    path = tmp_path_factory.mktemp("fuzz-template") / "village.jifen"
    village.create_village(path, name="麻子沟村", population=1200, clerk="王建国", today=TODAY)
    actor = resolve_actor(today=TODAY)
    for card, head, group in HOUSEHOLDS:
        add_household(actor, HouseholdFields(card_no=card, head=head, group=group,
                                             member_count=3))
    adopt_rubric_text(actor, shipped_text(DEMO_RUBRIC), DEMO_RUBRIC)
    adopt_policy_text(actor, shipped_text(DEMO_POLICY), DEMO_POLICY)
    goods = add_goods(actor, "大米", 10, unit="袋")
    receive_purchase(actor, goods.id, 20, "城关粮站", "50")
    register_deed(actor, "0101", item_id="5.5")
    db.close_village()
    return path
