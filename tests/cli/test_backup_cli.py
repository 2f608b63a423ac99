"""`jifen backup DEST`: a whole copy, or one line saying why not."""

import sqlite3


def test_backup_to_a_folder_and_a_file(village, tmp_path):
    assert village("roster", "add", "--card", "0101", "--head", "张三丰").code == 0
    folder = tmp_path / "usb"
    folder.mkdir()
    done = village("backup", str(folder))
    assert done.code == 0 and str(folder / "village.jifen") in done.out
    copy = sqlite3.connect(folder / "village.jifen")
    assert copy.execute("SELECT head FROM household").fetchall() == [("张三丰",)]
    copy.close()
    assert village("backup", str(tmp_path / "named.jifen"), "--json").json() == {
        "path": str(tmp_path / "named.jifen")}


def test_a_backup_nowhere_is_one_line_and_no_file(village, tmp_path):
    refused = village("backup", str(tmp_path / "missing" / "copy.jifen"))
    assert refused.code == 2 and refused.err.count("\n") == 1 and "missing" in refused.err
    assert not (tmp_path / "missing").exists()


def test_restore_from_a_backup(village, tmp_path):
    assert village("roster", "add", "--card", "0101", "--head", "张三丰").code == 0
    assert village("backup", str(tmp_path / "saved.jifen")).code == 0
    assert village("roster", "add", "--card", "0102", "--head", "单雪梅").code == 0
    done = village("restore", str(tmp_path / "saved.jifen"))
    assert done.code == 0 and "before-restore" in done.out
    listed = village("roster", "list", "--json").json()
    assert [row["card_no"] for row in listed] == ["0101"]


def test_restore_of_another_village_needs_force(village, jifen, tmp_path):
    other = tmp_path / "other.jifen"
    assert jifen("init", "--village", "东村", "--population", "300", "--clerk", "李四",
                 db=other).code == 0
    refused = village("restore", str(other))
    assert refused.code == 2 and "--force" in refused.err and refused.err.count("\n") == 1
    assert village("restore", str(other), "--force").code == 0
