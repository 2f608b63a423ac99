"""The rubrics and policies that ship with jifen (the `rubrics/` folder)."""

from importlib.resources import as_file, files
from pathlib import Path

DEMO_RUBRIC = "rubric-mazigou.toml"
DEMO_POLICY = "policy-mazigou.toml"


def shipped_text(file_name: str) -> str:
    """The text of a shipped rubric or policy file."""
    return files("rubrics").joinpath(file_name).read_text(encoding="utf-8")


def shipped_files() -> list[str]:
    return sorted(entry.name for entry in files("rubrics").iterdir()
                  if entry.name.endswith(".toml"))


def find_rules_file(name: str) -> Path:
    """A file the clerk named: a path, or else the name of a shipped file.

    So `jifen rubric adopt rubric-mazigou.toml` works from any folder, wherever
    pip put the package.
    """
    path = Path(name).expanduser()
    if path.exists() or name not in shipped_files():
        return path
    with as_file(files("rubrics").joinpath(name)) as shipped:
        return Path(shipped)
