"""`jifen` with no command word: the village opened, the clerk named, the terminal
checked, then the app.

Apart from tui.commands so that opening the app imports none of the commands'
modules (tabulate, the notices, the shop...): the cold start is what a clerk
waits for every morning (docs/PERFORMANCE.md, item 1).
"""

import sys

from store import db
from store.actor import resolve_actor
from tui.cli import EXIT_OK, EXIT_REFUSED, default_village_path
from tui.i18n import MESSAGES, current_language, t


def open_app(args) -> int:
    """Open the Textual app on the village `args` name (--db, --as, --today)."""
    from tui.terminal import terminal_problem

    path = args.db if args.db is not None else default_village_path()
    opened = db.open_village(path)
    if db.readable_by_others():
        # One line, and the app still opens: the file's mode is the office's to fix.
        print(f"jifen: {t('files.world_readable', path=opened)}", file=sys.stderr)
    actor = resolve_actor(args.as_name, args.today)
    problem = terminal_problem()
    if problem is not None:
        # Both languages: a terminal that cannot show Chinese can still show English.
        print(MESSAGES[problem][1], MESSAGES[problem][0], sep="\n", file=sys.stderr)
        return EXIT_REFUSED
    from tui.app import make_app

    return make_app(path, actor, current_language()).run() or EXIT_OK
