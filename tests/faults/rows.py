"""Rows of a village file as plain JSON values: what a writer reports, what a check reads back.

The writer reads the rows its store call wrote (after the call returned) and
prints them; the harness reads the same columns of every row to compare. One
reader per table, so both sides see a row alike.
"""

from store.models import Award, Deed, Household, LedgerEntry, Redemption, Review, StockMovement


def _where(query, where):
    return query.where(*where) if where else query


def ledger_rows(*where) -> dict[int, list]:
    """Entry id -> [uuid, card, account, points]."""
    query = (LedgerEntry.select(LedgerEntry.id, LedgerEntry.uuid, Household.card_no,
                                LedgerEntry.account, LedgerEntry.points).join(Household))
    return {entry_id: [str(uuid), card, account, points]
            for entry_id, uuid, card, account, points in _where(query, where).tuples()}


def stock_rows(*where) -> dict[int, list]:
    """Movement id -> [uuid, goods id, quantity]."""
    query = StockMovement.select(StockMovement.id, StockMovement.uuid, StockMovement.goods,
                                 StockMovement.quantity)
    return {movement_id: [str(uuid), goods, quantity]
            for movement_id, uuid, goods, quantity in _where(query, where).tuples()}


def redemption_records(*where) -> dict[int, dict]:
    query = (Redemption.select(Redemption.id, Redemption.uuid, Household.card_no,
                               Redemption.points, Redemption.status).join(Household))
    return {row_id: {"uuid": str(uuid), "card": card, "points": points, "status": status}
            for row_id, uuid, card, points, status in _where(query, where).tuples()}


def deed_records(*where) -> dict[int, dict]:
    query = (Deed.select(Deed.id, Deed.uuid, Household.card_no, Deed.item_id, Deed.status)
             .join(Household))
    return {row_id: {"uuid": str(uuid), "card": card, "item": item, "status": status}
            for row_id, uuid, card, item, status in _where(query, where).tuples()}


def award_records(*where) -> dict[int, dict]:
    query = (Award.select(Award.id, Award.uuid, Household.card_no, Award.review, Award.points,
                          Award.status).join(Household))
    return {row_id: {"uuid": str(uuid), "card": card, "review": review, "points": points,
                     "status": status}
            for row_id, uuid, card, review, points, status in _where(query, where).tuples()}


def review_records(*where) -> dict[int, dict]:
    query = Review.select(Review.id, Review.uuid, Review.period, Review.status)
    return {row_id: {"uuid": str(uuid), "period": period, "status": status}
            for row_id, uuid, period, status in _where(query, where).tuples()}


RECORDS = {"redemption": (Redemption, redemption_records), "deed": (Deed, deed_records),
           "award": (Award, award_records), "review": (Review, review_records)}


def record(table: str, row_id: int) -> list:
    """[table, id, fields] of one record, as a report names it."""
    model, read = RECORDS[table]
    return [table, row_id, read(model.id == row_id)[row_id]]
