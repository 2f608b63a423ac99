"""80x24 snapshots of the key screens (cursor blink is off in jifen's fields).

SVG snapshots can draw wide glyphs wrongly, so alignment of Chinese text is
asserted on text elsewhere (test_shell.py); these catch layout changes.
Update after a deliberate change with `pytest --snapshot-update`.
"""

import csv

from tests.tui.conftest import settle

SIZE = (80, 24)


def test_roster(app_on, snap_compare):
    assert snap_compare(app_on(), terminal_size=SIZE, run_before=settle)


def test_roster_in_english(app_on, snap_compare):
    assert snap_compare(app_on("en"), terminal_size=SIZE, run_before=settle)


def test_help(app_on, snap_compare):
    async def open_help(pilot):
        await settle(pilot)
        await pilot.press("f1")

    assert snap_compare(app_on(), terminal_size=SIZE, run_before=open_help)


def test_household_form(app_on, snap_compare):
    async def open_form(pilot):
        await settle(pilot)
        await pilot.press("down", "e")
        await settle(pilot)

    assert snap_compare(app_on(), terminal_size=SIZE, run_before=open_form)


def test_import_preview(app_on, snap_compare, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open("花名册.csv", "w", encoding="gbk", newline="") as handle:
        csv.writer(handle).writerows([
            ["麻子沟村农户花名册"], ["卡号", "户主姓名", "所属组", "家庭人口", "身份证号"],
            ["0501", "钱七", "5", "3", ""], ["0502", "", "5", "2", ""],
            ["0101", "重复卡", "1", "2", ""], ["0503", "孙八", "第六组", "十", ""],
            ["合计", "", "", "7", ""]])

    async def open_preview(pilot):
        await settle(pilot)
        await pilot.press("i")
        pilot.app.screen.query_one("#ask-input").value = "花名册.csv"
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app_on(), terminal_size=SIZE, run_before=open_preview)


def test_projector(app_on, snap_compare):
    async def projector(pilot):
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)

    assert snap_compare(app_on(), terminal_size=SIZE, run_before=projector)


# The rubric screen (F4), on the 篇五 rubric and the Mazigou policy.


def _rubric_app(app_on, language="zh"):
    from tests.tui.test_rubric_screen import adopt_mazigou

    app = app_on(language)
    adopt_mazigou()
    return app


def _rubric_keys(*keys):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        pilot.app.clear_notifications()  # a toast would cover the screen, and time out

    return run_before


def test_rubric(app_on, snap_compare):
    assert snap_compare(_rubric_app(app_on), terminal_size=SIZE,
                        run_before=_rubric_keys("down", "down", "down", "down", "d"))


def test_rubric_in_english(app_on, snap_compare):
    assert snap_compare(_rubric_app(app_on, "en"), terminal_size=SIZE,
                        run_before=_rubric_keys())


def test_rubric_policy(app_on, snap_compare):
    assert snap_compare(_rubric_app(app_on), terminal_size=SIZE, run_before=_rubric_keys("p"))


def test_rubric_item_form(app_on, snap_compare):
    assert snap_compare(_rubric_app(app_on), terminal_size=SIZE,
                        run_before=_rubric_keys("down", "down", "e"))


def test_rubric_import_preview(app_on, snap_compare, tmp_path, monkeypatch):
    from tests.tui.test_rubric_screen import MAZIGOU

    monkeypatch.chdir(tmp_path)
    changed = (MAZIGOU.replace('points = 15\nunit = "per_time"', 'points = 18\nunit = "per_time"')
               .replace('name = "助人为乐"', 'name = "乐于助人"', 1))
    (tmp_path / "新细则.toml").write_text(changed, encoding="utf-8")

    async def open_preview(pilot):
        await _rubric_keys("i")(pilot)
        pilot.app.screen.query_one("#ask-input").value = "新细则.toml"
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(_rubric_app(app_on), terminal_size=SIZE, run_before=open_preview)


def test_rubric_none_adopted(app_on, snap_compare):
    assert snap_compare(app_on(), terminal_size=SIZE, run_before=_rubric_keys())
