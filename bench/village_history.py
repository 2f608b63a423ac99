"""Years of the big village, month by month, as bulk rows.

Each month the shop restocks on the 2nd; households spend their points at the
counter on ten days between the 3rd and the 24th (a few order ahead, and now
and then a basket is undone or an order called off or left to expire); the
group liaisons register deeds; the review meets on the 25th, and is finalized
the day after its three-day notice, crediting spendable and honour points. A
quarter ends with a count of the shelf and is settled with the supplier on the
8th after it. The current month has its deeds waiting for the meeting and a few
orders waiting to be collected today.

The rows say what the store's own functions would have written (store.reviews,
store.redemption, store.stock, store.settlement), so `jifen check` finds nothing:
balances never below zero, an entry for each effective award, baskets whose
points and goods add up in both ledgers, stock never short, counts that match.
"""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import accumulate

from bench.bulk import Bulk, Uuids, day_text, stamp
from bench.village_goods import PlannedGoods
from bench.village_people import Home
from store.demo_plan import utc
from store.demo_reviews import ATTENDEES, COMMON_ITEMS, MEETING_SET, OTHER_DEEDS
from store.demo_shop import (
    CANCEL_REASON,
    COOPERATIVE,
    DONATIONS,
    GRAIN_SUPPLIER,
    UNDO_REASON,
)
from store.periods import Period, period_of

DEEDS_PER_HOUSEHOLD = 1.5        # deeds a month that reach the meeting: ~2M entries in 10 years
PENDING_SHARE, MOST_PENDING = 0.06, 300   # this month's deeds waiting: 300 of 5,000 households
REJECT_SHARE, WITHDRAW_SHARE = 0.02, 0.01
OBJECTION_SHARE = 0.002
BASKETS_PER_HOUSEHOLD_YEAR = 4   # 200,000 baskets in 10 years
COUNTER_DAYS = 10
FIRST_COUNTER_DAY, LAST_COUNTER_DAY, LAST_ORDER_DAY = 3, 24, 17
LEAST_POINTS = 4                 # fewer are not worth the walk
MOST_LINES, DONATION_SHARE = 4, 0.3
ORDER_SHARE, UNDO_SHARE = 0.03, 0.005
WAITING_ORDERS = 5               # ordered this morning, waiting to be collected
MEETING_DAY = 25
SIGN_OFF_LAG = 4                 # the supervisor has not yet signed the last days' sheets
SETTLEMENT_DAY = 8
SHORT_AT_COUNT = 0.02            # goods found one short at the quarter's count
WRITE_OFFS = ("搬运时挤破，无法兑换", "受潮霉变", "过期变质", "包装破损漏液")
OBJECTORS = ("村民李秀英", "村民张德明", "村民王桂兰", "村民刘志强")
GRAIN = ("大米", "面粉", "食用油", "挂面", "鸡蛋")
REJECTED, WITHDRAWN = "经核实，事迹不属实", "户主申请撤回"
OBJECTED = "事迹有出入，请核实"
HALVED, CANCELLED, DISMISSED = "核实后减半计分", "核实后撤销", "经核实事迹属实，受助者签字认可"


@dataclass(frozen=True)
class Staffing:
    clerk: int
    supervisor: int
    leader: int                     # resolves objections at the meeting
    liaisons: dict[int, int]        # staff id by villager group
    liaison_names: dict[int, str]   # who collects for a household of one (代领)


@dataclass
class Basket:
    home: Home
    moment: datetime                # Beijing time
    lines: list[tuple[int, int]]    # (index into the goods plan, quantity)
    points: int
    fate: str                       # collected, undone, ordered, order_collected, ...
    uuid: str = ""
    redemption: int = 0
    entry: int = 0


class History:
    def __init__(self, rng: random.Random, bulk: Bulk, homes: list[Home], staff: Staffing,
                 goods: list[PlannedGoods], goods_ids: list[int], rubric, policy, today: date):
        self.rng, self.bulk, self.homes, self.staff = rng, bulk, homes, staff
        self.goods, self.goods_ids, self.policy, self.today = goods, goods_ids, policy, today
        self.rubric = {item.id: item for item in rubric.items()}
        self.uuid = Uuids(rng)
        self.balance: dict[int, int] = defaultdict(int)
        self.on_hand: list[int] = [0] * len(goods)
        self.sold = [index for index, item in enumerate(goods) if item.area == "goods"]
        self.donated = [index for index, item in enumerate(goods) if item.area == "donation"]
        self.sold_weights = list(accumulate(goods[index].liked for index in self.sold))
        self.handed_points: dict[Period, int] = defaultdict(int)   # goods area, by quarter
        self.counter_days: dict[date, list[int]] = defaultdict(list)   # points handed over
        items, weights = zip(*COMMON_ITEMS)
        self.items, self.item_weights = items, list(accumulate(weights))

    # --- a month --------------------------------------------------------------------

    def month(self, period: Period) -> None:
        current = period.contains(self.today)
        last = self.today - timedelta(days=1) if current else period.last_day
        active = [home for home in self.homes if home.active_on(period.first_day)]
        baskets = self._plan_baskets(period, last, active, current)
        self._restock(period, baskets)
        deeds = self._register_deeds(period, last, active, current)
        for basket in sorted(baskets, key=lambda basket: basket.moment):
            self._write_basket(basket)
        if not current:
            self._review(period, deeds)
            if period.last_day == period_of(period.first_day, "quarter").last_day:
                self._count_shelf(period.last_day)

    def finish(self) -> None:
        """The settlements and the supervisor's signatures, once every basket is known."""
        for quarter in sorted(self.handed_points):
            made = quarter.next().first_day.replace(day=SETTLEMENT_DAY)
            points = self.handed_points[quarter]
            if made < self.today and points:
                rate = self.policy.yuan_per_point
                self.bulk.settlement.add(str(quarter), points, str(rate * points), str(rate),
                                         self.staff.clerk,
                                         stamp(utc(datetime.combine(made, time(15, 0)))))
        for day in sorted(self.counter_days):
            signing = day + timedelta(days=1)
            if signing < self.today - timedelta(days=SIGN_OFF_LAG):
                handed = self.counter_days[day]
                self.bulk.redemption_sheet.add(
                    day_text(day), self.staff.supervisor,
                    stamp(utc(datetime.combine(signing, time(16, 30)))), len(handed), sum(handed))

    # --- the counter ------------------------------------------------------------------

    def _plan_baskets(self, period: Period, last: date, active: list[Home],
                      current: bool) -> list[Basket]:
        days = list(range(FIRST_COUNTER_DAY, min(LAST_COUNTER_DAY, last.day) + 1))
        if not days:
            return []
        days = sorted(self.rng.sample(days, min(COUNTER_DAYS, len(days))))
        spenders = [home for home in active if self.balance[home.id] >= LEAST_POINTS]
        wanted = round(len(active) * BASKETS_PER_HOUSEHOLD_YEAR / 12)
        coming = self.rng.sample(spenders, min(wanted, len(spenders)))
        baskets = []
        for number, home in enumerate(coming):
            day = period.first_day.replace(day=days[number % len(days)])
            moment = datetime.combine(day, time(8, 0)) + timedelta(
                minutes=2 * (number // len(days)))
            basket = self._basket(home, moment, self._fate(day, current))
            if basket is not None:
                baskets.append(basket)
        if current:
            baskets += self._waiting_orders(active)
        return baskets

    def _fate(self, day: date, current: bool) -> str:
        draw = self.rng.random()
        if draw < UNDO_SHARE:
            return "undone"
        if draw < UNDO_SHARE + ORDER_SHARE and day.day <= LAST_ORDER_DAY and not current:
            return self.rng.choices(("order_collected", "order_cancelled", "order_expired"),
                                    (85, 8, 7))[0]
        return "collected"

    def _waiting_orders(self, active: list[Home]) -> list[Basket]:
        spenders = [home for home in active if self.balance[home.id] >= LEAST_POINTS
                    and home.status == "active"]
        moment = datetime.combine(self.today, time(9, 10))
        orders = []
        for number, home in enumerate(spenders[:WAITING_ORDERS]):
            basket = self._basket(home, moment + timedelta(minutes=30 * number), "ordered")
            if basket is not None:
                orders.append(basket)
        return orders

    def _basket(self, home: Home, moment: datetime, fate: str) -> Basket | None:
        """A few goods for at most what the household holds; its points are taken now
        (a basket undone or an order called off gives them back when that happens)."""
        budget = min(self.balance[home.id], self.rng.randint(8, 60))
        lines: dict[int, int] = {}
        if self.rng.random() < DONATION_SHARE:
            index = self.rng.choice(self.donated)
            if self.goods[index].price <= budget:
                lines[index], budget = 1, budget - self.goods[index].price
        for index in self.rng.choices(self.sold, cum_weights=self.sold_weights, k=2 * MOST_LINES):
            price = self.goods[index].price
            if index not in lines and price <= budget:
                lines[index] = self.rng.randint(1, min(2, budget // price))
                budget -= lines[index] * price
            if len(lines) == MOST_LINES:
                break
        if not lines:
            return None
        points = sum(self.goods[index].price * quantity for index, quantity in lines.items())
        self.balance[home.id] -= points
        if fate in ("undone", "order_cancelled", "order_expired"):
            self.balance[home.id] += points
        return Basket(home, moment, list(lines.items()), points, fate)

    def _restock(self, period: Period, baskets: list[Basket]) -> None:
        """On the 2nd, enough of everything for the month's baskets, with some over."""
        wanted = defaultdict(int)
        for basket in baskets:
            if basket.fate not in ("order_cancelled", "order_expired"):
                for index, quantity in basket.lines:
                    wanted[index] += quantity
        moment = datetime.combine(period.first_day.replace(day=2), time(9, 0))
        for index, item in enumerate(self.goods):
            short = wanted[index] + item.low_stock + self.rng.randint(0, 3) - self.on_hand[index]
            if short > 0 and (wanted[index] or self.on_hand[index] <= item.low_stock):
                self._bring_in(index, item, short, moment)

    def _bring_in(self, index: int, item: PlannedGoods, quantity: int, moment: datetime) -> None:
        self.on_hand[index] += quantity
        common = (self.uuid(), self.goods_ids[index])
        if item.area == "goods":
            supplier = GRAIN_SUPPLIER if any(word in item.name for word in GRAIN) else COOPERATIVE
            rest = ("purchase", quantity, day_text(moment.date()), supplier,
                    quantity * item.cost_fen, "", "")
        else:
            donation = self.rng.choice(DONATIONS)
            rest = ("donation", quantity, day_text(moment.date()), "", None, donation.donor,
                    donation.via)
        self.bulk.stock_movement.add(*common, *rest, None, "", None, None, None,
                                     self.staff.clerk, stamp(utc(moment)))

    def _write_basket(self, basket: Basket) -> None:
        made = basket.moment.date()
        clerk, ordered = self.staff.clerk, basket.fate.startswith("order")
        collected_on = {"collected": made, "undone": made,
                        "order_collected": made + timedelta(days=self.rng.randint(1, 6))
                        }.get(basket.fate)
        status = {"order_collected": "collected", "order_cancelled": "cancelled",
                  "order_expired": "expired"}.get(basket.fate, basket.fate)
        collect_by = made + timedelta(days=self.policy.order_days - 1) if ordered else None
        proxy = (self.staff.liaison_names[basket.home.group]
                 if basket.home.member_count == 1 and basket.fate == "collected" else "")
        reason = {"undone": UNDO_REASON, "order_cancelled": CANCEL_REASON,
                  "order_expired": str(collect_by)}.get(basket.fate, "")
        basket.uuid = self.uuid()
        basket.redemption = self.bulk.redemption.add(
            basket.uuid, basket.home.id, status, basket.points, proxy, day_text(made),
            day_text(collect_by), day_text(collected_on), clerk,
            clerk if collected_on else None, reason, stamp(utc(basket.moment)))
        for index, quantity in basket.lines:
            item = self.goods[index]
            self.bulk.redemption_line.add(basket.redemption, self.goods_ids[index], quantity,
                                          item.price, item.area)
        basket.entry = self._post(basket.home, "spendable", "redemption", -basket.points, made,
                                  basket.moment, link=basket.uuid, reason=self._words(basket))
        if collected_on is not None:
            self._hand_over(basket, collected_on)
        if reason:
            back_on = made
            if basket.fate == "order_cancelled":
                back_on = made + timedelta(days=2)
            elif basket.fate == "order_expired":
                back_on = collect_by + timedelta(days=1)
            self._post(basket.home, "spendable", "reversal", basket.points, back_on,
                       datetime.combine(back_on, basket.moment.time()) + timedelta(minutes=20),
                       reverses=basket.entry, link=basket.uuid, reason=reason)

    def _hand_over(self, basket: Basket, day: date) -> None:
        moment = datetime.combine(day, basket.moment.time())
        taken = []
        for index, quantity in basket.lines:
            self.on_hand[index] -= quantity
            taken.append((index, quantity, self._move(index, "redemption", -quantity, day,
                                                      moment, redemption=basket.redemption)))
        if basket.fate == "undone":
            for index, quantity, movement in taken:
                self.on_hand[index] += quantity
                self._move(index, "return", quantity, day, moment + timedelta(minutes=20),
                           redemption=basket.redemption, reverses=movement, reason=UNDO_REASON)
            return
        self.counter_days[day].append(basket.points)
        quarter = period_of(day, "quarter")
        self.handed_points[quarter] += sum(self.goods[index].price * quantity
                                           for index, quantity in basket.lines
                                           if self.goods[index].area == "goods")

    def _words(self, basket: Basket) -> str:
        """The basket as the passbook says it: 大米×1、食用油×2."""
        text = "、".join(f"{self.goods[index].name}×{quantity}"
                        for index, quantity in basket.lines)
        return text if len(text) <= 200 else text[:199] + "…"

    # --- deeds and the review ------------------------------------------------------

    def _register_deeds(self, period: Period, last: date, active: list[Home],
                        current: bool) -> list[tuple]:
        """The month's deeds in the order registered: (deed id, home, item, points)."""
        staying = [home for home in active if home.active_on(last + timedelta(days=1))]
        if current:
            count = min(MOST_PENDING, round(PENDING_SHARE * len(self.homes)))
            staying = [home for home in staying if home.status == "active"]
        else:
            count = round(DEEDS_PER_HOUSEHOLD * len(staying))
        latest = min(MEETING_DAY - 3, last.day)
        planned, once = [], set()
        for home in self.rng.choices(staying, k=count) if staying else ():
            item = self.rng.choices(self.items, cum_weights=self.item_weights)[0]
            if self.rubric[item].max_per_period is not None:
                if (home.id, item) in once:
                    item = "5.4"   # 5 points a time, as often as it happens
                once.add((home.id, item))
            planned.append((self.rng.randint(1, latest), home, item))
        planned.sort(key=lambda deed: deed[0])
        deeds = []
        for day, home, item_id in planned:
            item = self.rubric[item_id]
            what, points = item.name, item.points
            if item_id in MEETING_SET:
                what, points = self.rng.choice(OTHER_DEEDS), self.rng.randint(*MEETING_SET[item_id])
            outcome = "pending" if current else self._outcome()
            moment = datetime.combine(period.first_day.replace(day=day), time(9, 0)) + timedelta(
                minutes=self.rng.randrange(480))
            deed = self.bulk.deed.add(
                self.uuid(), home.id, day_text(moment.date()), what, item_id, "",
                int(self.rng.random() < 0.1), outcome,
                {"rejected": REJECTED, "withdrawn": WITHDRAWN}.get(outcome, ""),
                self.staff.liaisons[home.group], stamp(utc(moment)))
            if outcome == "awarded":
                deeds.append((deed, home, item_id, points))
        return deeds

    def _outcome(self) -> str:
        draw = self.rng.random()
        if draw < REJECT_SHARE:
            return "rejected"
        return "withdrawn" if draw < REJECT_SHARE + WITHDRAW_SHARE else "awarded"

    def _review(self, period: Period, deeds: list[tuple]) -> None:
        """The meeting on the 25th proposes an award for each deed, in roster order; the
        notice runs three days; then every award without an open objection counts."""
        meeting = period.first_day.replace(day=MEETING_DAY)
        last_notice = meeting + timedelta(days=self.policy.notice_days)
        final = last_notice + timedelta(days=1)
        clerk = self.staff.clerk
        review = self.bulk.review.add(
            self.uuid(), str(period), ATTENDEES, 1, 1, "finalized", clerk,
            stamp(utc(datetime.combine(meeting, time(9, 0)))), clerk, day_text(meeting),
            day_text(last_notice), None, day_text(final))
        start = datetime.combine(meeting, time(10, 0))
        awards = []
        for number, (deed, home, item_id, points) in enumerate(
                sorted(deeds, key=lambda deed: (deed[1].group, deed[1].card_no))):
            in_force, status, final_points = self._objected(points)
            award = self.bulk.award.add(
                self.uuid(), review, home.id, deed, item_id, 1, points, points, final_points,
                "", status, "" if status == "effective" else CANCELLED, clerk,
                stamp(utc(start + timedelta(seconds=number))),
                day_text(final) if status == "effective" else None)
            if status == "effective":
                awards.append((in_force, award, home))
            if final_points is not None or status != "effective":
                self._objection(award, meeting, final_points)
            elif self.rng.random() < OBJECTION_SHARE / 2:
                self._objection(award, meeting, None, upheld=False)
        credited = datetime.combine(final, time(10, 0))
        for in_force, award, home in sorted(awards, key=lambda award: -award[0]):
            for account in ("spendable", "honour"):
                self._post(home, account, "award", in_force, final, credited,
                           period=str(period), award=award)

    def _objected(self, points: int) -> tuple[int, str, int | None]:
        """Points in force, status and final points: now and then an objection upheld
        halves an award, more rarely cancels it."""
        draw = self.rng.random()
        if draw < OBJECTION_SHARE / 4:
            return 0, "cancelled", None
        if draw < OBJECTION_SHARE / 2 and points > 1:
            return points // 2, "effective", points // 2
        return points, "effective", None

    def _objection(self, award: int, meeting: date, new_points: int | None, *,
                   upheld: bool = True) -> None:
        raised = stamp(utc(datetime.combine(meeting + timedelta(days=2), time(10, 0))))
        resolution = (HALVED if new_points is not None else CANCELLED) if upheld else DISMISSED
        self.bulk.objection.add(self.uuid(), award, self.rng.choice(OBJECTORS), OBJECTED,
                                self.staff.clerk, raised, "upheld" if upheld else "dismissed",
                                new_points, resolution, self.staff.leader, raised)

    # --- the shelf --------------------------------------------------------------------

    def _count_shelf(self, day: date) -> None:
        """The quarter's end: a couple of write-offs, then every goods-area item counted."""
        moment = datetime.combine(day, time(16, 0))
        spoiled = [index for index in self.sold if self.on_hand[index] >= 2]
        for index in self.rng.sample(spoiled, min(2, len(spoiled))):
            self.on_hand[index] -= 1
            self._move(index, "writeoff", -1, day, moment, reason=self.rng.choice(WRITE_OFFS),
                       witness=self.staff.supervisor)
        for index in self.sold:
            counted = self.on_hand[index]
            if counted and self.rng.random() < SHORT_AT_COUNT:
                counted -= 1
            self._move(index, "stocktake", counted - self.on_hand[index], day,
                       moment + timedelta(hours=1), counted=counted)
            self.on_hand[index] = counted

    def _move(self, index: int, kind: str, quantity: int, day: date, moment: datetime, *,
              redemption=None, reverses=None, reason: str = "", witness=None,
              counted=None) -> int:
        return self.bulk.stock_movement.add(
            self.uuid(), self.goods_ids[index], kind, quantity, day_text(day), "", None, "", "",
            counted, reason, witness, redemption, reverses, self.staff.clerk, stamp(utc(moment)))

    # --- the points ledger ----------------------------------------------------------

    def _post(self, home: Home, account: str, kind: str, points: int, day: date,
              moment: datetime, *, period: str = "", award=None, reverses=None, link=None,
              reason: str = "") -> int:
        if account == "spendable" and kind == "award":
            self.balance[home.id] += points
        return self.bulk.ledger_entry.add(
            self.uuid(), home.id, account, kind, points, day_text(day), period, award, reverses,
            link, reason, self.staff.clerk, None, stamp(utc(moment)))
