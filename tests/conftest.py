"""Shared fixtures: a fresh village file per test, and hypothesis profiles."""

import itertools
import os
import sqlite3
import uuid
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, settings

from store import db, village
from store.actor import resolve_actor

settings.register_profile("ci", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

TODAY = date(2026, 11, 26)


def sql_dump(path) -> list[str]:
    """Every statement that would rebuild the file at `path`: to show a refusal changed nothing."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@contextmanager
def reproducible_rows():
    """Record ids and clock times that repeat from run to run, so that what hashes
    them (the chain head printed on every notice) repeats too."""
    from store import actor, models

    ids, ticks = itertools.count(1), itertools.count()
    start = datetime(2026, 11, 26, 9, 0, tzinfo=timezone(timedelta(hours=8)))
    saved = models.uuid_factory, actor.wall_clock
    models.uuid_factory = lambda: uuid.UUID(int=next(ids))
    actor.wall_clock = lambda: start + timedelta(seconds=next(ticks))
    try:
        yield
    finally:
        models.uuid_factory, actor.wall_clock = saved


@pytest.fixture
def reproducible():
    """For golden files of printed notices: see `reproducible_rows`."""
    with reproducible_rows():
        yield


@pytest.fixture
def village_path(tmp_path):
    """An empty village, open, with its first clerk mapped to this OS account."""
    path = tmp_path / "village.jifen"
    village.create_village(path, name="麻子沟村", population=1200, township="城关镇",
                           county="潼关县", clerk="王建国", today=TODAY)
    yield path
    db.close_village()


@pytest.fixture
def actor(village_path):
    return resolve_actor(today=TODAY)
