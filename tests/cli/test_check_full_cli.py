"""`jifen check --full`: SQLite's whole integrity_check, which matches each index entry by
entry against its table; the everyday check runs its quick_check, which does not."""

import sqlite3


def _index_rewritten_behind_sqlites_back(path):
    """An index whose definition no longer says what it holds, as a bad tool can leave it."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA writable_schema = ON")
    connection.execute("UPDATE sqlite_master SET sql = "
                       "'CREATE INDEX household_head_initials ON household (head)' "
                       "WHERE name = 'household_head_initials'")
    connection.commit()
    connection.close()


def test_only_the_full_check_matches_each_index_against_its_table(village):
    village("roster", "add", "--card", "1", "--head", "张三")
    assert village("check", "--full").code == 0
    _index_rewritten_behind_sqlites_back(village.path)
    assert village("check").code == 0
    found = village("check", "--full", "--json")
    assert found.code == 1
    assert [p["key"] for p in found.json()["problems"]] == ["check.integrity"]
