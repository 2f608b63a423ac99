"""The store never imports Textual: the arrow points tui -> store only."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import store

ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(f"store.{info.name}" for info in pkgutil.iter_modules(store.__path__))


def test_every_store_module_is_listed():
    """Guards the test below: had discovery found nothing, it would pass on nothing."""
    assert {"store.db", "store.models", "store.roster", "store.roster_import"} <= set(MODULES)


def test_no_store_module_loads_textual():
    code = ("import importlib, sys\n"
            f"for name in {MODULES!r}:\n"
            "    importlib.import_module(name)\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tui'))\n"
            "print(','.join(loaded))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == ""
