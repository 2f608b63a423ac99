"""The demo's love supermarket (爱心超市): goods, stock, donations and months of baskets.

The shop opens in the first month of the demo's scoring. After each month's
review has put its points on the cards, the next month's trade follows:
baskets at the counter (a cadre collecting for a household of one, 代领; now
and then something from the donation area), restocking, a write-off, the
quarter's count and settlement, the supervisor's signature on each day's
sheet. The month of today has an order called off, a basket undone and an
order not collected in time; today two orders wait (待领取).

Everything goes through the store's own functions, each by the staff member
who would do it, on its day, so every row is made as the app makes it. A
basket is chosen from what its household can spend and what is on the shelf
at that moment, so the store never has to refuse one. When today is early in
a month, that month is too young for some of its events: they are left out.
"""

import heapq
import random
from datetime import date, datetime, time, timedelta
from itertools import count
from typing import NamedTuple

import peewee

from store import goods, redemption, settlement, stock
from store.actor import Actor, resolve_actor
from store.demo_names import STAFF
from store.demo_plan import backdated
from store.models import Household, LedgerEntry, VillagerGroup
from store.periods import Period, period_of

GRAIN_SUPPLIER = "潼关县惠民粮油批发部"
COOPERATIVE = "城关镇供销社"


class ShopGoods(NamedTuple):
    name: str
    unit: str
    price: int        # points: at 2 yuan a point, about what the village shop asks
    low_stock: int
    stock: int        # bought when the shop opens, and topped up to each quarter
    cost: str         # yuan a unit from the supplier, a little under the price's worth
    liked: int        # how much more often a household reaches for it than for the least


# Grain, oil and eggs come from the county's wholesaler, the rest from the
# township's supply and marketing cooperative. A small shelf: about a season's
# redemptions of a village where most households hold a few dozen points.
GOODS = {
    GRAIN_SUPPLIER: (
        ShopGoods("大米10斤装", "袋", 12, 4, 12, "22.50", 6),
        ShopGoods("面粉10斤装", "袋", 10, 3, 8, "18.50", 4),
        ShopGoods("食用油5升", "桶", 30, 2, 5, "56.00", 4),
        ShopGoods("挂面1公斤", "袋", 4, 4, 15, "7.20", 3),
        ShopGoods("鸡蛋10枚", "盒", 5, 3, 10, "9.00", 3),
    ),
    COOPERATIVE: (
        ShopGoods("酱油", "瓶", 4, 4, 12, "6.80", 3),
        ShopGoods("醋", "瓶", 3, 4, 12, "5.20", 2),
        ShopGoods("食盐", "袋", 1, 8, 20, "1.60", 2),
        ShopGoods("白糖", "袋", 3, 3, 10, "5.30", 1),
        ShopGoods("洗衣粉", "袋", 8, 3, 10, "14.50", 3),
        ShopGoods("肥皂", "块", 2, 6, 20, "3.20", 2),
        ShopGoods("香皂", "块", 2, 4, 12, "3.50", 1),
        ShopGoods("牙膏", "支", 4, 4, 12, "6.80", 2),
        ShopGoods("牙刷", "支", 2, 4, 12, "3.20", 1),
        ShopGoods("毛巾", "条", 5, 3, 10, "8.50", 1),
        ShopGoods("卫生纸", "提", 8, 3, 10, "13.50", 2),
        ShopGoods("洗洁精", "瓶", 4, 3, 10, "6.50", 2),
        ShopGoods("洗发水", "瓶", 12, 2, 6, "21.00", 1),
        ShopGoods("塑料盆", "个", 4, 2, 6, "6.50", 1),
        ShopGoods("拖把", "把", 8, 2, 5, "13.00", 1),
        ShopGoods("电池", "板", 3, 4, 12, "4.80", 1),
        ShopGoods("手电筒", "个", 8, 2, 5, "13.00", 1),
        ShopGoods("雨伞", "把", 8, 2, 5, "13.50", 1),
        ShopGoods("暖水瓶", "个", 15, 2, 5, "26.00", 1),
        ShopGoods("学生文具套装", "套", 10, 3, 8, "16.50", 1),
        ShopGoods("电饭锅", "台", 60, 1, 2, "105.00", 1),
    ),
}

BY_NAME = {item.name: item for supplier_goods in GOODS.values() for item in supplier_goods}

# (name, unit, points): donated goods cost the scheme nothing; the village prices them low.
DONATION_GOODS = (
    ("旧衣物", "件", 1), ("课外图书", "册", 1), ("儿童玩具", "件", 2), ("老花镜", "副", 2),
    ("书包", "个", 3), ("棉被", "床", 5), ("取暖器", "台", 8), ("轮椅", "台", 20),
)


class Donation(NamedTuple):
    month: int        # -1: the opening; else the trade month (0 for the first)
    day: int
    goods: str
    quantity: int
    donor: str
    via: str          # who brought them in: a cadre, a liaison


DONATIONS = (
    Donation(-1, 12, "旧衣物", 80, "驻村工作队", "陈宇"),
    Donation(-1, 12, "课外图书", 60, "陕西华瑞农业科技有限公司", "陈宇"),
    Donation(-1, 12, "书包", 20, "陕西华瑞农业科技有限公司", "张国强"),
    Donation(-1, 12, "老花镜", 15, "城关镇明亮眼镜店", "王建国"),
    Donation(-1, 12, "轮椅", 2, "潼关县鑫源建材有限公司", "杨志明"),
    Donation(0, 16, "儿童玩具", 30, "返乡务工人员刘海涛", "刘国庆"),
    Donation(2, 10, "棉被", 20, "潼关县鑫源建材有限公司", "杨志明"),
    Donation(2, 10, "取暖器", 6, "潼关县鑫源建材有限公司", "杨志明"),
)

OPENING_DAY = 10
COUNTER_DAYS = 4              # days a month with baskets at the counter
COUNTER_OPENS = time(9, 0)
BASKET_MINUTES = 12           # between two baskets of one morning
SPEND_SHARE = 0.6             # of the households with points, those who come in a month
LEAST_POINTS = 4              # fewer are not worth the walk (a bottle of soy sauce)
SPEND_ALL_SHARE = 0.6         # baskets that spend every point; the others about half or more
MOST_ITEMS = 3                # different goods in one basket
DONATION_SHARE = 0.3          # baskets that take something from the donation area
SIGN_OFF_LAG = 4              # the supervisor has not yet signed the last days' sheets
RESTOCK_DAY = 2
WRITE_OFF_DAY = 14            # of the second trade month
SETTLEMENT_DAY = 8            # of the month after the quarter
WRITE_OFF = ("鸡蛋10枚", 2, "搬运时挤破，无法兑换")
COUNT_SHORT = "肥皂"          # one bar missing at the quarter's count
CANCEL_REASON = "户主住院，家人来电取消"
UNDO_REASON = "拿错物品，退回后重新兑换"
# Days before today of the current month's events.
ORDER_CANCELLED, CANCELLED_AFTER = 10, 2
BASKET_UNDONE = 6
ORDER_OVERDUE = 9   # the village's orders wait 7 days (policy order_days)
ORDER_COLLECTED_DAY, COLLECTED_AFTER = 12, 2    # the second trade month's order, picked up


class Spender(NamedTuple):
    card: str
    group: str
    member_count: int
    points: int       # spendable when the month was planned: one basket a month spends it


class DemoShop:
    """The shop's events in date order, run month by month between the reviews."""

    def __init__(self, rng: random.Random, clerk: Actor, liaisons: dict[int, str], today: date):
        self.rng = rng
        self.clerk = clerk
        self.supervisor = resolve_actor(next(name for name, role, *_ in STAFF
                                             if role == "supervisor"), today=today)
        self.liaisons = {f"{group}组": name for group, name in liaisons.items()}
        self.today = today
        self.months = 0                   # trade months begun
        self.traded: set[Period] = set()  # quarters with baskets handed over
        self.signed: set[date] = set()
        self.events: list = []
        self.sequence = count()           # ties keep the order they were planned in
        self.ids: dict[str, int] = {}     # goods name -> id

    # --- the calendar ----------------------------------------------------------------

    def _at(self, day: date, moment: time, action, *args) -> None:
        heapq.heappush(self.events, (datetime.combine(day, moment), next(self.sequence),
                                     action, args))

    def _run_until(self, last: date) -> None:
        while self.events and self.events[0][0].date() <= last:
            moment, _, action, args = heapq.heappop(self.events)
            action(moment, *args)

    # --- what the demo calls -----------------------------------------------------------

    def open(self, month: Period) -> None:
        """Goods on the list, the first purchases and the first donations."""
        day = month.first_day.replace(day=OPENING_DAY)
        self._at(day, time(9, 0), self._list_goods)
        self._at(day, time(10, 0), self._buy, {name: item.stock for name, item in BY_NAME.items()})
        self._donations(-1, month)
        self._run_until(min(month.last_day, self.today))

    def trade(self, month: Period) -> None:
        """The month after a review: baskets for what households can spend now."""
        index, self.months = self.months, self.months + 1
        first, last = month.first_day + timedelta(days=1), min(month.last_day,
                                                               self.today - timedelta(days=1))
        if first > last:
            return
        spenders = self._spenders()
        self._new_quarter(month)
        self._donations(index, month)
        if month.contains(self.today):
            spenders = self._plan_mishaps(spenders, first)
        elif index == 1:
            spenders = self._plan_collected_order(spenders, month)
            self._at(month.first_day.replace(day=WRITE_OFF_DAY), time(16, 0), self._write_off)
        self._plan_baskets(spenders, first, last)
        quarter = period_of(month.first_day, "quarter")
        if quarter.last_day == month.last_day < self.today:
            self._at(month.last_day, time(17, 0), self._count)
        self._run_until(min(month.last_day, self.today))

    def close_today(self) -> None:
        """Two households phone in orders to collect today."""
        for minute, spender in zip((10, 40), self._spenders()[:2]):
            self._at(self.today, time(9, minute), self._order, spender)
        self._run_until(self.today)

    # --- planning a month ----------------------------------------------------------------

    def _spenders(self) -> list[Spender]:
        """Active households with points worth spending now, richest first, ties by card."""
        points = peewee.fn.SUM(LedgerEntry.points)
        rows = (LedgerEntry.select(Household.card_no, VillagerGroup.name, Household.member_count,
                                   points)
                .join(Household).join(VillagerGroup)
                .where(LedgerEntry.account == "spendable", Household.status == "active")
                .group_by(Household.id).having(points >= LEAST_POINTS)
                .order_by(points.desc(), Household.card_no).tuples())
        return [Spender(*row) for row in rows]

    def _plan_baskets(self, spenders: list[Spender], first: date, last: date) -> None:
        coming = self.rng.sample(spenders, round(SPEND_SHARE * len(spenders)))
        span = (last - first).days + 1
        days = sorted(first + timedelta(days=offset)
                      for offset in self.rng.sample(range(span), min(COUNTER_DAYS, span,
                                                                     len(coming))))
        for number, spender in enumerate(coming):
            day = days[number % len(days)]
            when = datetime.combine(day, COUNTER_OPENS) + timedelta(
                minutes=BASKET_MINUTES * (number // len(days)))
            self._at(day, when.time(), self._redeem, spender)

    def _plan_collected_order(self, spenders: list[Spender], month: Period) -> list[Spender]:
        """A household of one orders by phone; its liaison collects two days later."""
        alone = [s for s in spenders if s.member_count == 1] or spenders
        if not alone:
            return spenders
        spender = alone[0]
        self._at(month.first_day.replace(day=ORDER_COLLECTED_DAY), time(8, 40), self._order,
                 spender, COLLECTED_AFTER)
        return [s for s in spenders if s != spender]

    def _plan_mishaps(self, spenders: list[Spender], first: date) -> list[Spender]:
        """This month: an order called off, a basket undone, an order not collected."""
        plans = ((ORDER_CANCELLED, self._order_called_off), (BASKET_UNDONE, self._undone_basket),
                 (ORDER_OVERDUE, self._order))
        for (days_ago, action), spender in zip(plans, spenders):
            day = self.today - timedelta(days=days_ago)
            if day >= first:
                self._at(day, time(8, 50), action, spender)
        return spenders[len(plans):]

    def _new_quarter(self, month: Period) -> None:
        """In the first days of a quarter the supplier delivers the next quarter's goods,
        and the quarter before is settled with him and made final (D8)."""
        last_quarter = period_of(month.first_day, "quarter").previous()
        if month.first_day != last_quarter.next().first_day or last_quarter not in self.traded:
            return
        self._at(month.first_day.replace(day=RESTOCK_DAY), time(9, 0), self._restock)
        day = month.first_day.replace(day=SETTLEMENT_DAY)
        if day < self.today:
            self._at(day, time(15, 0), self._settle, last_quarter)

    def _donations(self, index: int, month: Period) -> None:
        for donation in DONATIONS:
            day = month.first_day.replace(day=donation.day)
            if donation.month == index and day < self.today:
                self._at(day, time(15, 0), self._receive_donation, donation)

    # --- the events ----------------------------------------------------------------------

    def _list_goods(self, moment: datetime) -> None:
        clerk = backdated(self.clerk, moment)
        for item in BY_NAME.values():
            self.ids[item.name] = goods.add_goods(clerk, item.name, item.price, unit=item.unit,
                                                  low_stock=item.low_stock).id
        for name, unit, price in DONATION_GOODS:
            self.ids[name] = goods.add_goods(clerk, name, price, area="donation", unit=unit).id

    def _buy(self, moment: datetime, wanted: dict[str, int]) -> None:
        """From each supplier, `wanted` units of its goods, paid at its cost a unit."""
        clerk = backdated(self.clerk, moment)
        for supplier, supplier_goods in GOODS.items():
            for item in supplier_goods:
                if item.name in wanted:
                    quantity = wanted[item.name]
                    cost = stock.yuan_text(quantity * stock.parse_yuan(item.cost))
                    stock.receive_purchase(clerk, self.ids[item.name], quantity, supplier, cost)

    def _restock(self, moment: datetime) -> None:
        """Every goods-area item back up to its usual stock."""
        short = {info.name: BY_NAME[info.name].stock - info.on_hand for info in goods.list_goods()
                 if info.area == "goods" and info.on_hand < BY_NAME[info.name].stock}
        self._buy(moment, short)

    def _receive_donation(self, moment: datetime, donation: Donation) -> None:
        stock.receive_donation(backdated(self.clerk, moment), self.ids[donation.goods],
                               donation.quantity, donation.donor, donation.via)

    def _basket(self, balance: int) -> list[tuple[int, int]]:
        """What a household takes: most of its points, a few goods, now and then a donated one."""
        budget = balance if self.rng.random() < SPEND_ALL_SHARE else self.rng.randint(
            (balance + 1) // 2, balance)
        shelf = [info for info in goods.list_goods() if info.available > 0]
        donated = [info for info in shelf if info.area == "donation" and info.price <= budget]
        basket = {}
        if donated and self.rng.random() < DONATION_SHARE:
            item = self.rng.choice(donated)
            basket[item.id], budget = 1, budget - item.price
        on_sale = [info for info in shelf if info.area == "goods"]
        # A random order in which better-liked goods tend to come first.
        on_sale.sort(key=lambda info: self.rng.random() ** (1 / BY_NAME[info.name].liked),
                     reverse=True)
        for item in on_sale:
            most = min(item.available, budget // item.price, 2)
            if most >= 1:
                basket[item.id] = self.rng.randint(1, most)
                budget -= basket[item.id] * item.price
            if len(basket) == MOST_ITEMS:
                break
        return list(basket.items())

    def _proxy(self, spender: Spender) -> str:
        """A household of one (mostly old people) has its group's liaison collect (代领)."""
        return self.liaisons.get(spender.group, "") if spender.member_count == 1 else ""

    def _redeem(self, moment: datetime, spender: Spender, *,
                order: bool = False) -> redemption.RedemptionInfo | None:
        basket = self._basket(spender.points)
        if not basket:
            return None
        info = redemption.redeem(backdated(self.clerk, moment), spender.card, basket,
                                 proxy="" if order else self._proxy(spender), order=order)
        if not order:
            self._handed_over(moment.date())
        return info

    def _handed_over(self, day: date) -> None:
        """The supervisor signs the day's sheet the next afternoon."""
        self.traded.add(period_of(day, "quarter"))
        signing = day + timedelta(days=1)
        if day not in self.signed and signing < self.today - timedelta(days=SIGN_OFF_LAG):
            self.signed.add(day)
            self._at(signing, time(16, 30), self._sign_off, day)

    def _order(self, moment: datetime, spender: Spender, collect_after: int | None = None) -> None:
        info = self._redeem(moment, spender, order=True)
        if info is not None and collect_after is not None:
            self._at(moment.date() + timedelta(days=collect_after), time(10, 0), self._collect,
                     info.id, self._proxy(spender))

    def _collect(self, moment: datetime, order_id: int, proxy: str) -> None:
        redemption.collect(backdated(self.clerk, moment), order_id, proxy=proxy)
        self._handed_over(moment.date())

    def _order_called_off(self, moment: datetime, spender: Spender) -> None:
        info = self._redeem(moment, spender, order=True)
        if info is not None:
            self._at(moment.date() + timedelta(days=CANCELLED_AFTER), time(11, 0), self._cancel,
                     info.id)

    def _cancel(self, moment: datetime, order_id: int) -> None:
        redemption.cancel(backdated(self.clerk, moment), order_id, CANCEL_REASON)

    def _undone_basket(self, moment: datetime, spender: Spender) -> None:
        """The wrong goods handed over: undone at once, then the right basket."""
        info = self._redeem(moment, spender)
        if info is not None:
            later = moment + timedelta(minutes=20)
            redemption.undo(backdated(self.clerk, later), info.id, UNDO_REASON)
            self._redeem(later + timedelta(minutes=5), spender)

    def _write_off(self, moment: datetime) -> None:
        name, quantity, reason = WRITE_OFF
        stock.write_off(backdated(self.clerk, moment), self.ids[name], quantity, reason,
                        self.supervisor.staff_name)

    def _count(self, moment: datetime) -> None:
        """The quarter's count of the goods area: all as expected but one bar of soap."""
        clerk = backdated(self.clerk, moment)
        for info in goods.list_goods():
            if info.area == "goods":
                stock.stocktake(clerk, info.id, info.on_hand - (info.name == COUNT_SHORT))

    def _settle(self, moment: datetime, quarter: Period) -> None:
        settlement.make_final(backdated(self.clerk, moment), str(quarter))

    def _sign_off(self, moment: datetime, day: date) -> None:
        redemption.sign_off_day(backdated(self.supervisor, moment), day)
