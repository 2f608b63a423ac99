"""A small village built once per test worker; each test works on its own copy."""

import shutil

import pytest

from store import db
from tests.faults.small_village import build_small_village


@pytest.fixture(scope="session")
def village_template(tmp_path_factory):
    return build_small_village(tmp_path_factory.mktemp("faults") / "template.jifen")


@pytest.fixture
def village_copy(village_template, tmp_path):
    """A closed copy of the small village, for writer processes to work on."""
    path = tmp_path / "village.jifen"
    shutil.copyfile(village_template, path)
    yield path
    db.close_village()
