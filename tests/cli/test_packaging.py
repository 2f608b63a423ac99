"""A normal (non-editable) install carries the data files: rubrics and the app's styles."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_ships_rubrics_policies_and_styles(tmp_path):
    # Built from a copy: setuptools leaves build/ behind, whose stale files
    # could end up in a later wheel of the working tree.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", "build", "*.egg-info", "__pycache__", ".*cache", ".hypothesis", "tests"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--wheel-dir", str(tmp_path), str(source)],
                   check=True, capture_output=True, cwd=tmp_path)
    [wheel] = tmp_path.glob("jifen-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {path.name for path in (ROOT / "rubrics").glob("*.toml")}
    assert {f"rubrics/{name}" for name in shipped} <= names and len(shipped) == 5
    assert {"tui/app.tcss", "rubrics/README.md", "store/db.py", "tui/cli.py"} <= names
