"""A small village for writers to work on, built through the store API in a fraction of a
second (the demo village takes seconds): the Mazigou rubric and policy, a supervisor to
witness, households with points, goods on both shelves."""

from pathlib import Path

from store import db, ledger, roster, staff, village
from store.actor import current_account, resolve_actor
from store.adoption import adopt_policy_text, adopt_rubric_text
from store.goods import add_goods
from store.shipped import DEMO_POLICY, DEMO_RUBRIC, shipped_text
from store.stock import receive_donation, receive_purchase
from tests.faults.operations import FIRST_DAY

SUPERVISOR = "李监督"
HOUSEHOLDS = 12
# name, price, area, quantity on the shelf
GOODS = (("食盐", 1, "goods", 20), ("肥皂", 2, "goods", 15), ("酱油", 4, "goods", 10),
         ("大米10斤装", 12, "goods", 6), ("食用油5升", 30, "goods", 3),
         ("旧衣物", 1, "donation", 30), ("棉被", 5, "donation", 5))


def build_small_village(path: Path) -> Path:
    """Make it at `path` (a new file) and leave it closed."""
    village.create_village(path, name="麻子沟村", population=1200, clerk="王建国", today=FIRST_DAY)
    clerk = resolve_actor(today=FIRST_DAY)
    with db.write():  # one commit: each call's own write nests as a savepoint
        _fill(clerk)
    db.close_village()
    return path


def _fill(clerk) -> None:
    adopt_rubric_text(clerk, shipped_text(DEMO_RUBRIC), DEMO_RUBRIC)
    adopt_policy_text(clerk, shipped_text(DEMO_POLICY), DEMO_POLICY)
    staff.add_staff(clerk, SUPERVISOR, "supervisor", str(current_account().uid))
    for number in range(1, HOUSEHOLDS + 1):
        card = f"{number:03d}"
        roster.add_household(clerk, roster.HouseholdFields(card_no=card, head=f"村民{number}",
                                                           group="1"))
        ledger.adjust(clerk, card, 10 * number, "开户积分", SUPERVISOR)
    for name, price, area, quantity in GOODS:
        goods = add_goods(clerk, name, price, area=area, unit="件")
        if area == "goods":
            receive_purchase(clerk, goods.id, quantity, "城关供销社", "100")
        else:
            receive_donation(clerk, goods.id, quantity, "爱心企业")
