"""The village itself: creating its file and reading its particulars."""

from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path

from store import audit, db
from store.actor import founding_actor
from store.errors import JifenError
from store.models import Staff, Village
from store.normalize import clean_name, clean_text

MAX_POPULATION = 10_000_000


@dataclass(frozen=True)
class VillageInfo:
    name: str
    population: int
    township: str
    county: str

    def as_dict(self) -> dict:
        return asdict(self)


def parse_population(value) -> int:
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_POPULATION:
        raise JifenError("village.bad_population", value=text)
    return int(text)


def create_village(path, *, name: str, population, township: str = "", county: str = "",
                   clerk: str, today: date | None = None) -> Path:
    """Make a new village file with its first clerk, mapped to this OS account."""
    name = clean_text(name, field="village")
    if not name:
        raise JifenError("village.name_missing")
    population = parse_population(population)
    clerk = clean_name(clerk, field="clerk")
    if not clerk:
        raise JifenError("staff.name_missing")
    township = clean_text(township, field="township")
    county = clean_text(county, field="county")
    actor = founding_actor(clerk, today)
    with db.new_village(path) as path, db.write():
        Village.create(name=name, population=population, township=township, county=county,
                       created_at=actor.now())
        staff = Staff.create(name=clerk, role="clerk", os_user=actor.account.name,
                             os_uid=actor.account.uid, created_at=actor.now())
        actor = replace(actor, staff_id=staff.id)
        audit.record(actor, "village.init", name, population=population,
                     township=township, county=county, clerk=clerk)
    return path


def village_info() -> VillageInfo:
    row = Village.select().first()
    if row is None:
        raise JifenError("village.not_jifen", path=db.database.database)
    return VillageInfo(row.name, row.population, row.township, row.county)
