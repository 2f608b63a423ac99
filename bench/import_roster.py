"""How long a large roster import takes: opt-in, never run by pytest.

Writes a roster CSV of made-up households (5,000 by default) in a temporary
folder, imports it into a fresh temporary village, and prints the times of
the preview alone and of the whole import (which previews again, then writes):

    python -m bench.import_roster [ROWS]    (from the repository folder)
"""

import csv
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from store import db, village
from store.actor import resolve_actor
from store.demo_names import ELDER_FEMALE_GIVEN, ELDER_MALE_GIVEN, OTHER_NOTES, SURNAMES
from store.roster_import import import_roster, preview_roster

HEADER = ["卡号", "户主", "门牌号", "所属组", "家庭人口", "联系电话", "建档立卡", "备注"]
GROUPS = ("一组", "二组", "三组", "四组", "五组", "六组", "七组", "八组")
SEED = 2026


def roster_rows(count: int) -> list[list[str]]:
    """`count` households with distinct cards, spread over eight groups."""
    chance = random.Random(SEED)
    surnames = [surname for surname, _ in SURNAMES]
    weights = [weight for _, weight in SURNAMES]
    given_names = ELDER_MALE_GIVEN + ELDER_FEMALE_GIVEN
    rows = [["麻子沟村农户花名册"], HEADER]
    for number in range(1, count + 1):
        head = chance.choices(surnames, weights)[0] + chance.choice(given_names)
        rows.append([f"{number:04d}", head, f"{chance.randint(1, 400)}号", chance.choice(GROUPS),
                     str(chance.randint(1, 8)), f"13{chance.randint(100_000_000, 999_999_999)}",
                     chance.choice(("是", "否", "否", "否")),
                     chance.choice(OTHER_NOTES + ("",) * 20)])
    return rows


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)


def timed(call, *args, **kwargs):
    start = time.perf_counter()
    result = call(*args, **kwargs)
    return result, time.perf_counter() - start


def main(count: int) -> None:
    with tempfile.TemporaryDirectory(prefix="jifen-bench-") as folder:
        folder = Path(folder)
        sheet = folder / "roster.csv"
        write_csv(sheet, roster_rows(count))
        village.create_village(folder / "bench.jifen", name="麻子沟村", population=20_000,
                               clerk="王建国", today=date(2026, 11, 26))
        try:
            actor = resolve_actor()
            preview, preview_seconds = timed(preview_roster, sheet)
            result, import_seconds = timed(import_roster, actor, sheet, strict=True)
        finally:
            db.close_village()
    assert preview.good_count == result.good_count == count, "the generated sheet has problems"
    print(f"{count} rows: preview {preview_seconds:.2f} s, import {import_seconds:.2f} s "
          f"(the import includes its own preview)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
