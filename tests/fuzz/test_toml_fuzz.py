"""Spoilt rubric and policy files, through the CLI's own entry points: checked, then
adopted. Accepted, or refused with a message in both languages; a refused
adoption leaves the village file as it was."""

from pathlib import Path

from hypothesis import event, example, given, strategies as st

from store.errors import JifenError
from store.policy import load_policy
from store.rubric import load_rubric
from tests.conftest import TODAY
from tests.fuzz.harness import rendered, run_cli, spoilable, village_digest
from tests.fuzz.spoil import mutations, spoil

RULES = Path(__file__).resolve().parents[2] / "rubrics"
FILES = sorted(RULES.glob("*.toml"))  # rubric-*.toml and policy-*.toml
LOADERS = {"rubric": load_rubric, "policy": load_policy}
HUGE_DECIMAL, HUGE_HEX = b"9" * 5000, b"0x" + b"f" * 5000


def loaded_or_refused(kind: str, path: Path) -> bool:
    """Whether the store accepts the file; a refusal must read in both languages."""
    try:
        LOADERS[kind](path)
    except JifenError as error:
        rendered(error)
        event(error.key)
        return False
    return True


@given(good=st.sampled_from(FILES), steps=mutations)
# Found by this test: Python refuses to read an integer of over 4,300 decimal
# digits (tomllib let that ValueError out), and to print one: a hex literal that
# long is read, then the message saying it is out of range (line 4: version) or
# not text (line 5: description) could not be written.
@example(good=RULES / "policy-mazigou.toml", steps=[("value", 3, HUGE_DECIMAL)])
@example(good=RULES / "rubric-mazigou.toml", steps=[("value", 3, HUGE_HEX)])
@example(good=RULES / "rubric-mazigou.toml", steps=[("value", 4, HUGE_HEX)])
def test_a_spoilt_file_is_checked_and_adopted_or_refused_in_words(village_template, good, steps):
    kind = good.name.partition("-")[0]
    with spoilable(village_template) as folder:
        path = folder / "spoilt.toml"
        path.write_bytes(spoil(good.read_bytes(), steps))
        village = folder / "village.jifen"
        accepted = loaded_or_refused(kind, path)

        checked = run_cli(["--db", village, kind, "check", path], folder)
        checked.check()
        assert checked.code == (0 if accepted else 2), checked.err

        before = village_digest(village)
        adopted = run_cli(["--db", village, "--today", TODAY, kind, "adopt", path], folder)
        adopted.check()
        if not accepted:
            assert adopted.code == 2
        if adopted.code != 0:
            assert village_digest(village) == before
