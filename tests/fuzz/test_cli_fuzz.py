"""`jifen` with random words where its subcommands and options expect values:
exit 0 or 2 with no traceback (D11), and a refusal changes nothing.

The argument lists are built from the real parser, so a new command is fuzzed
as soon as it exists. Every path is relative and the CLI runs in a sandbox
folder: no word may point outside it (a backup onto /dev/null would replace the
device when run as root).
"""

import argparse

from hypothesis import event, example, given, strategies as st

from store.shipped import DEMO_RUBRIC, shipped_text
from tests.conftest import TODAY
from tests.fuzz.harness import run_cli, spoilable, village_digest
from tui.cli import build_parser
from tui.i18n import MESSAGES

RUBRIC = shipped_text(DEMO_RUBRIC).encode()
# How a refusal by the argument parser begins, in either language.
ARGUMENTS = tuple(text.partition("{")[0] for text in MESSAGES["cli.bad_arguments"])
# Commands left out: `demo` builds a whole demo village (seconds) where --db names none.
SKIPPED = {("demo",)}


def _leaves(parser, path=()):
    actions = [action for action in parser._actions
               if isinstance(action, argparse._SubParsersAction)]
    if not actions:
        yield path, parser
        return
    for name, child in actions[0].choices.items():
        yield from _leaves(child, (*path, name))


COMMANDS = {path: parser for path, parser in _leaves(build_parser()) if path not in SKIPPED}

# Values a clerk would type: cards, ids, periods, dates, names, files in the sandbox.
PLAUSIBLE = ["0101", "0102", "0201", "1", "2", "3", "5", "10", "100", "5.5", "1.1", "2026-11-26",
             "2026-11-30", "2026-11", "2026Q4", "2026", "王建国", "张三丰", "大米", "1组", "1:2",
             "1x2", "因病", "clerk", "supervisor", "goods", "donation", "gb18030",
             "rubric-mazigou.toml", "policy-tongguan.toml", "roster.csv", "out.txt",
             "backup.jifen", "village.jifen", "."]
JUNK = ["", " ", "0", "-1", "-0", "+5", "99999999999999999999", "-99999999999999999999",
        "1e3", "NaN", "inf", "0x10", "１２", "٣", "1_0", "2026-02-30", "2026-13-01", "0000-00-00",
        "9999-12-31", "2026Q5", "2026Q0", "2026-00", "\x00", "a\x00b", "\udcff", "x\udcff.csv",
        "张\u202e三", "\u200b", "\U000e0041", "\x1b[2J", "a" * 5000, "张" * 3000, "--", "-",
        "--bogus", "-x", "=", "%s%n", "{key}", "L115-1A2B3C4D", "x.toml", "x.xlsx"]
# Plausible words twice as often as junk, so that many command lines reach the store.
words = st.one_of(st.sampled_from(PLAUSIBLE), st.sampled_from(PLAUSIBLE + JUNK),
                  st.sampled_from(JUNK) | st.text(max_size=6))


def _value(action) -> st.SearchStrategy:
    if action.choices:
        return st.sampled_from(sorted(action.choices)) | words
    return words


def _mostly_right(draw, right: list[str]) -> str:
    """A global option's value: one of `right` but 1 time in 6, since a wrong one
    ends the command line at the parser."""
    return draw(st.sampled_from(right) if draw(st.integers(0, 5)) else words)


@st.composite
def command_lines(draw):
    """Global options, a command, its positionals and some of its options, maybe junk."""
    path = draw(st.sampled_from(sorted(COMMANDS)))
    parser = COMMANDS[path]
    argv = []
    if draw(st.integers(0, 3)):
        argv += ["--today", _mostly_right(draw, [str(TODAY), "2027-01-03"])]
    if draw(st.booleans()):
        argv += ["--lang", _mostly_right(draw, ["zh", "en"])]
    if draw(st.integers(0, 9)) == 0:
        argv += ["--as", draw(words)]
    argv += list(path)
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if not action.option_strings:
            if draw(st.integers(0, 9)):  # now and then a positional is left out
                argv.append(draw(_value(action)))
        elif draw(st.booleans()) or (action.required and draw(st.integers(0, 9))):
            argv.append(draw(st.sampled_from(action.option_strings)))
            if action.nargs != 0:
                argv.append(draw(_value(action)))
    if draw(st.integers(0, 4)) == 0:
        argv += draw(st.lists(words, min_size=1, max_size=2))
    return argv


@given(argv=command_lines())
# Found by this test: a word that is not UTF-8 (the shell passes its bytes, Python
# decodes them as lone surrogates) reached SQLite, which cannot store it.
@example(argv=["roster", "add", "--card", "0301", "--head", "\udcff"])
@example(argv=["roster", "list", "--search", "\udcff"])
@example(argv=["rubric", "adopt", "x\udcff.toml"])
@example(argv=["backup", "\x00"])  # no shell passes a NUL, but a caller in-process can
# Found by this test: a file name too long for the file system (ENAMETOOLONG)
# raised out of pathlib's checks in several commands.
@example(argv=["backup", "a" * 5000])
@example(argv=["rubric", "check", "a" * 5000])
@example(argv=["notice", "board", "--output", "a" * 5000])
def test_any_command_line_is_done_or_refused_in_words(village_template, argv):
    with spoilable(village_template) as folder:
        # A rubric the village has not adopted, under a name that is not UTF-8.
        (folder / "x\udcff.toml").write_bytes(RUBRIC.replace(b"version = 1", b"version = 2"))
        village = folder / "village.jifen"
        before = village_digest(village)
        outcome = run_cli(["--db", village, *argv], folder)
        outcome.check()
        event(f"exit {outcome.code}" + (" (arguments)" if outcome.err.startswith(ARGUMENTS)
                                         else ""))
        if outcome.code != 0:
            assert village_digest(village) == before
