"""Make the README's screenshots from the demo village: python docs/screenshots/make_screenshots.py"""

import asyncio
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from store.actor import resolve_actor  # noqa: E402
from store.demo import create_demo  # noqa: E402
from tui.app import make_app  # noqa: E402

SHOTS = {"roster": (), "roster-en": (), "help": ("f1",), "projector": ("f2",)}


async def shoot(path: Path, name: str, keys: tuple[str, ...]) -> None:
    app = make_app(path, resolve_actor(), "en" if name.endswith("-en") else "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("down", "down")
        await pilot.press(*keys)
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        app.save_screenshot(f"{name}.svg", str(HERE))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = create_demo(Path(folder) / "demo.jifen", today=date(2026, 11, 26))
        for name, keys in SHOTS.items():
            asyncio.run(shoot(path, name, keys))


if __name__ == "__main__":
    main()
