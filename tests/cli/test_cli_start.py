"""`jifen` with no command word opens the app without building every command's parser."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_opening_the_app_imports_no_command_module(village):
    code = ("import sys\n"
            "from unittest import mock\n"
            "from tui.cli import run\n"
            "with mock.patch('tui.opening.open_app', return_value=0) as opened:\n"
            f"    assert run(['--db', {str(village.path)!r}, '--today', '2026-11-26',\n"
            "                '--as', '王建国', '--lang', 'en']) == 0\n"
            "args = opened.call_args.args[0]\n"
            "print(args.db.name, args.today, args.as_name, args.lang)\n"
            "print(sorted(m for m in sys.modules if m.startswith(('tui.commands', 'tabulate'))))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["village.jifen 2026-11-26 王建国 en", "[]"]


def test_a_bad_global_option_is_refused_by_the_whole_parser(village):
    refused = village("--today", "2026-02-30")
    assert refused.code == 2
    # The usage line is the whole parser's, which names the commands.
    assert "2026-02-30" in refused.err and "COMMAND" in refused.err


def test_a_command_word_still_runs_the_command(village):
    listed = village("--today", "2026-11-26", "roster", "list", "--json")
    assert listed.code == 0, listed.err
    assert listed.json() == []
