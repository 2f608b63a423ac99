"""Where the app's cold start goes, step by step, in one fresh process:

    python -m bench.start_steps /tmp/big.jifen

Each step as `jifen` (no command word) takes it before the first frame, timed in
order (a module imported by an earlier step is not counted again). Textual's own
start (the app, its CSS, the first frame) is not among them: `bench.run` item 1
times the whole. Run it a few times: the first run after a while also pays for
reading the files from disk.
"""

import sys
import time
from importlib import import_module

START = time.perf_counter()


def main() -> None:
    path = sys.argv[1]
    steps = []

    def step(name: str, call):
        before = time.perf_counter()
        result = call()
        steps.append((name, time.perf_counter() - before))
        return result

    cli = step("import tui.cli", lambda: import_module("tui.cli"))
    step("read the global options (no command's parser)", lambda: cli._app_options(["--db", path]))
    step("import tui.opening (the store's models, peewee)", lambda: import_module("tui.opening"))
    db = import_module("store.db")
    step("open the village", lambda: db.open_village(path))
    step("resolve the acting clerk", lambda: import_module("store.actor").resolve_actor())
    step("import textual.app", lambda: import_module("textual.app"))
    step("import the rest of tui.app", lambda: import_module("tui.app"))
    screen = step("import the roster screen", lambda: import_module("tui.screens.roster"))
    roster = import_module("store.roster")
    households = step("find_households(): the first page",
                      lambda: roster.find_households(limit=screen.FIRST_PAGE))
    for name, seconds in steps:
        print(f"{seconds * 1000:7.1f} ms  {name}")
    print(f"{(time.perf_counter() - START) * 1000:7.1f} ms  in all ({len(households)} households)")


if __name__ == "__main__":
    main()
