"""Redemption (兑换): a household spends points on goods, at the counter or on a redemption day.

A basket is written in one transaction: the points ledger entry and the
stock movements share the redemption's id, or nothing is written and the
refusal says why. An order (待领取) takes the points at once and reserves the
goods; handing it over (已领取) moves the goods off the shelf; an order
cancelled, or expired after its window, gives both back with reversing
entries. Undo of a handed-over basket reverses both ledgers (D8). No path
here, or anywhere, turns points into money.
"""

from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date, timedelta

import peewee

from store import audit, db, roles, rules
from store.actor import Actor
from store.adoption import required_policy
from store.errors import JifenError
from store.goods import available, check_quantity, goods_row
from store.ledger import account_balance, household_row, post
from store.models import (Goods, Household, LedgerEntry, Redemption, RedemptionLine,
                          RedemptionSheet, Review, Settlement, StockMovement)
from store.normalize import clean_name, clean_reason
from store.periods import period_of
from store.reviews import quarter_results, review_rules
from store.stock import last_stocktake
from store.year_end import year_closed_since

MAX_LINES = 50


@dataclass(frozen=True)
class Reason:
    """Why a household may not redeem now: a message key and its facts."""

    key: str
    params: dict


@dataclass(frozen=True)
class Standing:
    """What the counter needs to know of a household before a basket."""

    card: str
    head: str
    group: str
    status: str
    spendable: int
    held: int                      # points in baskets ordered and not yet collected
    reasons: tuple[Reason, ...]    # empty: it may redeem now

    @property
    def may_redeem(self) -> bool:
        return not self.reasons


@dataclass(frozen=True)
class LineInfo:
    goods: int
    name: str
    unit: str
    area: str
    quantity: int
    price: int

    @property
    def points(self) -> int:
        return self.quantity * self.price


@dataclass(frozen=True)
class RedemptionInfo:
    id: int
    uuid: str
    card: str
    head: str
    group: str
    house_no: str
    status: str
    points: int
    proxy: str
    made_on: date
    collect_by: date | None
    collected_on: date | None
    made_by: str
    collected_by: str
    status_reason: str
    lines: tuple[LineInfo, ...]

    def as_dict(self) -> dict:
        return {**asdict(self), "lines": [{**asdict(line), "points": line.points}
                                          for line in self.lines]}


# --- before a basket ------------------------------------------------------------------------

def standing(card_no: str, today: date) -> Standing:
    """The household's spendable points, and every reason it may not redeem today."""
    household = household_row(card_no)
    policy = required_policy()
    spendable = account_balance(household, "spendable")
    reasons = []
    if household.status != "active":
        reasons.append(Reason("shop.household_closed", {"card": household.card_no,
                                                        "status": household.status}))
    if not rules.redemption_open(policy, today):
        reasons.append(Reason("shop.window_shut",
                              {"day": str(rules.next_redemption_day(policy, today))}))
    if spendable <= 0:
        reasons.append(_why_nothing_to_spend(policy, household))
    return Standing(household.card_no, household.head,
                    household.group.name if household.group_id else "", household.status,
                    spendable, _held(household), tuple(reasons))


def _why_nothing_to_spend(policy, household: Household) -> Reason:
    """No points: under a ranked scheme (D4), say how the last ranked quarter went."""
    if policy.ranked:
        if not rules.is_covered(policy, poor=household.poor, status=household.status):
            return Reason("shop.not_covered", {"card": household.card_no})
        review, review_policy = _last_ranked_review()
        if review is not None:
            ranking = quarter_results(review, review_policy)
            for ranked in ranking:
                if ranked.key == household.id and not ranked.eligible:
                    rule = review_policy.eligibility
                    return Reason("shop.not_eligible", {
                        "period": review.period, "score": ranked.score, "rank": ranked.rank,
                        "count": len(ranking), "min_score": rule.min_score,
                        "top_percent": rule.top_percent})
    return Reason("shop.no_points", {"card": household.card_no})


def _last_ranked_review():
    """The newest finalized review held under a ranked policy, and that policy; a village
    that changed schemes keeps finalized reviews of its unranked months before it."""
    for review in (Review.select().where(Review.status == "finalized")
                   .order_by(Review.period.desc(), Review.id.desc())):
        _, review_policy = review_rules(review)
        if review_policy.ranked:
            return review, review_policy
    return None, None


def _held(household: Household) -> int:
    return (Redemption.select(peewee.fn.COALESCE(peewee.fn.SUM(Redemption.points), 0))
            .where(Redemption.household == household, Redemption.status == "ordered").scalar())


# --- making a basket ------------------------------------------------------------------------

def redeem(actor: Actor, card_no: str, basket, *, proxy: str = "", order: bool = False) -> RedemptionInfo:
    """Hand a basket over at the counter, or with `order` set it aside for a redemption day.

    `basket` is a sequence of (goods id, quantity); an item named twice counts
    once with both quantities. `proxy` is who collects on the household's behalf.
    """
    wanted = _combined(basket)
    proxy = clean_name(proxy, field="proxy")
    policy = required_policy()
    today = actor.today
    if not order and not rules.redemption_open(policy, today):
        raise JifenError("shop.window_shut", day=str(rules.next_redemption_day(policy, today)))
    with db.write():
        if not order:
            _refuse_settled(today)
        household = household_row(card_no)
        _refuse_inactive(household)
        lines = [_line(goods_id, quantity) for goods_id, quantity in wanted.items()]
        _check_donation_rule(policy, lines)
        total = sum(goods.price * quantity for goods, quantity in lines)
        balance = account_balance(household, "spendable")
        if total > balance:
            raise JifenError("shop.overspend", card=household.card_no, points=total,
                             balance=balance)
        collect_by = _collect_by(policy, today) if order else None
        row = Redemption.create(household=household, status="ordered" if order else "collected",
                                points=total, proxy=proxy, made_on=today, collect_by=collect_by,
                                collected_on=None if order else today, made_by=actor.staff_id,
                                collected_by=None if order else actor.staff_id,
                                created_at=actor.now())
        for goods, quantity in lines:
            RedemptionLine.create(redemption=row, goods=goods, quantity=quantity,
                                  price=goods.price, area=goods.area)
        post(actor, household, "spendable", "redemption", -total, day=today, link=row.uuid,
             reason=_basket_text(lines))
        if not order:
            _stock_out(actor, row)
        audit.record(actor, f"redemption.{'order' if order else 'hand_over'}",
                     f"redemption:{row.id}", household=household.card_no, points=total,
                     proxy=proxy, lines={goods.id: quantity for goods, quantity in lines})
        return redemption_info(row.id)


def _combined(basket) -> Counter:
    """Quantities by goods id; an item named twice ("3" and 3) is one line, checked once."""
    wanted = Counter()
    for goods_id, quantity in basket:
        wanted[goods_row(goods_id).id] += check_quantity(quantity)
    if not wanted:
        raise JifenError("shop.empty_basket")
    if len(wanted) > MAX_LINES:
        raise JifenError("shop.basket_too_long", limit=MAX_LINES)
    return wanted


def _line(goods_id, quantity: int) -> tuple[Goods, int]:
    goods = goods_row(goods_id)
    if not goods.active:
        raise JifenError("goods.retired", goods=goods.id, name=goods.name)
    free = available(goods)
    if quantity > free:
        raise JifenError("stock.short", goods=goods.id, name=goods.name, qty=quantity,
                         available=free)
    return goods, quantity


def _check_donation_rule(policy, lines) -> None:
    """D6: under "with_goods_area", donation goods only in a visit that redeems goods too."""
    areas = {goods.area for goods, _ in lines}
    if policy.donation_rule == "with_goods_area" and areas == {"donation"}:
        raise JifenError("shop.donation_needs_goods")


def _basket_text(lines) -> str:
    """The basket in a few words, for the passbook: 大米×1、食用油×2."""
    text = "、".join(f"{goods.name}×{quantity}" for goods, quantity in lines)
    return text if len(text) <= 200 else text[:199] + "…"


def _collect_by(policy, today: date) -> date:
    """An order waits to the end of the next redemption window; under an any-time
    policy, the policy's `order_days` (the day it was made counting as the first)."""
    if policy.redemption_anytime:
        return today + timedelta(days=policy.order_days - 1)
    day = rules.next_redemption_day(policy, today)
    while rules.redemption_open(policy, day + timedelta(days=1)):
        day += timedelta(days=1)
    return day


def _stock_out(actor: Actor, row: Redemption) -> None:
    for line in row.lines:
        StockMovement.create(goods=line.goods, kind="redemption", quantity=-line.quantity,
                             day=actor.today, redemption=row, staff=actor.staff_id,
                             created_at=actor.now())


def _refuse_settled(day: date) -> None:
    """Nothing more is handed over in a quarter whose settlement is final (D8)."""
    quarter = str(period_of(day, "quarter"))
    if Settlement.get_or_none(Settlement.period == quarter) is not None:
        raise JifenError("shop.quarter_settled", period=quarter)


def _refuse_inactive(household: Household) -> None:
    if household.status != "active":
        raise JifenError("household.not_active", card=household.card_no,
                         status=household.status)


# --- orders: collect, cancel, expire ---------------------------------------------------------

def collect(actor: Actor, redemption_id, *, proxy: str | None = None) -> RedemptionInfo:
    """Hand an ordered basket over (已领取); the goods leave the shelf now."""
    policy = required_policy()
    if not rules.redemption_open(policy, actor.today):
        raise JifenError("shop.window_shut",
                         day=str(rules.next_redemption_day(policy, actor.today)))
    with db.write():
        row = _redemption(redemption_id)
        _refuse_unless(row, "ordered", "shop.not_ordered")
        if row.collect_by < actor.today:
            raise JifenError("shop.order_overdue", redemption=row.id, day=str(row.collect_by))
        _refuse_settled(actor.today)
        _refuse_inactive(row.household)
        if proxy is not None:
            row.proxy = clean_name(proxy, field="proxy")
        row.status, row.collected_on, row.collected_by = "collected", actor.today, actor.staff_id
        row.save()
        _stock_out(actor, row)
        audit.record(actor, "redemption.collect", f"redemption:{row.id}", proxy=row.proxy)
        return redemption_info(row.id)


def cancel(actor: Actor, redemption_id, reason: str) -> RedemptionInfo:
    """An order is called off: the points come back and the goods are free again."""
    reason = clean_reason(reason)
    with db.write():
        row = _redemption(redemption_id)
        _refuse_unless(row, "ordered", "shop.not_ordered")
        _give_points_back(actor, row, reason)
        row.status, row.status_reason = "cancelled", reason
        row.save()
        audit.record(actor, "redemption.cancel", f"redemption:{row.id}", reason=reason)
        return redemption_info(row.id)


def orders_to_expire(today: date) -> int:
    """How many orders were not collected by their last day (the app reminds the clerk)."""
    return Redemption.select().where(Redemption.status == "ordered",
                                     Redemption.collect_by < today).count()


def expire(actor: Actor) -> list[int]:
    """Return every order not collected in its window to stock and points; their ids."""
    with db.write():
        overdue = list(Redemption.select().where(Redemption.status == "ordered",
                                                 Redemption.collect_by < actor.today)
                       .order_by(Redemption.id))
        for row in overdue:
            _give_points_back(actor, row, str(row.collect_by))
            row.status, row.status_reason = "expired", str(row.collect_by)
            row.save()
        if overdue:
            audit.record(actor, "redemption.expire", "", redemptions=[row.id for row in overdue])
    return [row.id for row in overdue]


# --- undo (D8) --------------------------------------------------------------------------------

def undo(actor: Actor, redemption_id, reason: str) -> RedemptionInfo:
    """Reverse a handed-over basket in both ledgers, until its quarter's settlement is final
    or a stocktake of one of its goods has happened since (D8)."""
    reason = clean_reason(reason)
    with db.write():
        row = _redemption(redemption_id)
        if row.status == "ordered":
            raise JifenError("shop.undo_order", redemption=row.id)
        _refuse_unless(row, "collected", "shop.not_collected")
        _refuse_inactive(row.household)   # D9: a closed household's points cannot come back
        quarter = str(period_of(row.collected_on, "quarter"))
        if Settlement.get_or_none(Settlement.period == quarter) is not None:
            raise JifenError("shop.settled", redemption=row.id, period=quarter)
        closed = year_closed_since(row.created_at)
        if closed is not None:  # D5: the points it took were reset with the year
            raise JifenError("shop.year_closed_since", redemption=row.id, year=closed)
        for movement in row.movements.where(StockMovement.kind == "redemption"):
            counted = last_stocktake(movement.goods)
            if counted is not None and counted.id > movement.id:
                raise JifenError("shop.counted_since", redemption=row.id,
                                 name=movement.goods.name, day=str(counted.day))
        _give_points_back(actor, row, reason)
        for movement in list(row.movements.where(StockMovement.kind == "redemption")):
            StockMovement.create(goods=movement.goods_id, kind="return",
                                 quantity=-movement.quantity, day=actor.today, redemption=row,
                                 reverses=movement, reason=reason, staff=actor.staff_id,
                                 created_at=actor.now())
        row.status, row.status_reason = "undone", reason
        row.save()
        audit.record(actor, "redemption.undo", f"redemption:{row.id}", reason=reason,
                     points=row.points)
        return redemption_info(row.id)


def _give_points_back(actor: Actor, row: Redemption, reason: str) -> None:
    taken = LedgerEntry.get(LedgerEntry.link == row.uuid, LedgerEntry.kind == "redemption")
    post(actor, row.household, "spendable", "reversal", -taken.points, day=actor.today,
         reverses=taken, link=row.uuid, reason=reason)


def _refuse_unless(row: Redemption, status: str, key: str) -> None:
    if row.status != status:
        raise JifenError(key, redemption=row.id, redemption_status=row.status)


# --- a day's sheet and its sign-off -------------------------------------------------------------

@dataclass(frozen=True)
class DaySheet:
    """A day's redemption sheet (兑换登记表): what was handed over, and its sign-off."""

    day: date
    redemptions: tuple[RedemptionInfo, ...]
    signed_off_by: str
    signed_redemptions: int
    signed_points: int

    @property
    def points(self) -> int:
        return sum(r.points for r in self.redemptions if r.status == "collected")

    def as_dict(self) -> dict:
        return {"day": self.day, "points": self.points, "signed_off_by": self.signed_off_by,
                "signed_redemptions": self.signed_redemptions,
                "signed_points": self.signed_points,
                "redemptions": [r.as_dict() for r in self.redemptions]}


def day_sheet(day: date) -> DaySheet:
    """The baskets handed over on `day` (undone ones shown as such)."""
    ids = [row.id for row in Redemption.select(Redemption.id)
           .where(Redemption.collected_on == day).order_by(Redemption.id)]
    signed = RedemptionSheet.get_or_none(RedemptionSheet.day == day)
    return DaySheet(day, tuple(redemption_info(number) for number in ids),
                    signed.signed_off_by.name if signed else "",
                    signed.redemptions if signed else 0, signed.points if signed else 0)


def sign_off_day(actor: Actor, day: date) -> DaySheet:
    """A supervisor signs a day's sheet: never a day on which they handed goods over themselves."""
    roles.require(actor, "redemption.signoff")  # said before any other refusal
    with db.write():
        if RedemptionSheet.get_or_none(RedemptionSheet.day == day) is not None:
            raise JifenError("shop.day_signed", day=str(day))
        handed = Redemption.select().where(Redemption.collected_on == day)
        if not handed.exists():
            raise JifenError("shop.day_empty", day=str(day))
        if handed.where((Redemption.made_by == actor.staff_id)
                        | (Redemption.collected_by == actor.staff_id)).exists():
            raise JifenError("shop.signoff_own", name=actor.staff_name, day=str(day))
        counted = handed.where(Redemption.status == "collected")
        points = sum(row.points for row in counted)
        RedemptionSheet.create(day=day, signed_off_by=actor.staff_id, signed_at=actor.now(),
                               redemptions=counted.count(), points=points)
        audit.record(actor, "redemption.signoff", str(day), redemptions=counted.count(),
                     points=points)
    return day_sheet(day)


# --- reading ----------------------------------------------------------------------------------

def _redemption(redemption_id) -> Redemption:
    row = Redemption.numbered(redemption_id)
    if row is None:
        raise JifenError("shop.no_such_redemption", redemption=redemption_id)
    return row


def redemption_info(redemption_id) -> RedemptionInfo:
    row = _redemption(redemption_id)
    household = row.household
    lines = tuple(LineInfo(line.goods_id, line.goods.name, line.goods.unit, line.area,
                           line.quantity, line.price)
                  for line in row.lines.select(RedemptionLine, Goods).join(Goods)
                  .order_by(RedemptionLine.id))
    return RedemptionInfo(row.id, str(row.uuid), household.card_no, household.head,
                          household.group.name if household.group_id else "",
                          household.house_no, row.status, row.points, row.proxy, row.made_on,
                          row.collect_by, row.collected_on, row.made_by.name,
                          row.collected_by.name if row.collected_by_id else "",
                          row.status_reason, lines)


def list_redemptions(*, status: str | None = None, card_no: str | None = None,
                     limit: int = 500) -> list[RedemptionInfo]:
    """Redemptions, newest first: all, or those in one status or of one household."""
    query = Redemption.select(Redemption.id).order_by(Redemption.id.desc()).limit(limit)
    if status is not None:
        query = query.where(Redemption.status == status)
    if card_no is not None:
        query = query.where(Redemption.household == household_row(card_no))
    return [redemption_info(row.id) for row in query]
