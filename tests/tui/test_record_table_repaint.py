"""What the record table asks Textual to repaint: over a slow link, every line
repainted is about 130 bytes, the scrollbar column 600 (docs/PERFORMANCE.md, item 9)."""

from unittest import mock

from textual.app import App
from textual.geometry import Region
from textual.widgets import Input

from tui.widgets.record_table import Column, RecordTable

ROWS = [(f"{n:05d}", f"村民{n}") for n in range(5000)]


class TableApp(App):
    def compose(self):
        yield RecordTable([Column("卡号", 9), Column("户主", 16)])
        yield Input()

    def on_mount(self):
        self.query_one(RecordTable).set_rows(ROWS)


def _repaints(table):
    """The repaints `table` asks for, as (regions, options), while the block runs."""
    return mock.patch.object(table, "refresh", wraps=table.refresh)


async def test_a_cursor_move_repaints_its_two_rows_and_no_more():
    async with TableApp().run_test(size=(80, 24)) as pilot:
        table = pilot.app.query_one(RecordTable)
        await pilot.pause()
        with _repaints(table) as refresh:
            await pilot.press("down")
        regions = [call.args for call in refresh.call_args_list]
        # Rows 0 and 1, each as wide as a row: not the scrollbar beside them.
        assert sorted(region.y for (region,) in regions) == [0, 1]
        assert all(region.height == 1 and region.width == table._row_width
                   for (region,) in regions)


async def test_a_scroll_repaints_the_rows_not_the_scrollbar_whose_thumb_stays():
    async with TableApp().run_test(size=(80, 24)) as pilot:
        table = pilot.app.query_one(RecordTable)
        await pilot.press("pagedown")   # the cursor at the bottom row
        await pilot.pause()
        bar = table.vertical_scrollbar
        with mock.patch.object(bar, "refresh", wraps=bar.refresh) as bar_refresh:
            await pilot.press("down")   # half a screen in 5,000 rows: the thumb stays
            await pilot.pause()
        half = table.scrollable_content_region.height // 2
        assert table.scroll_offset.y == half
        bar_refresh.assert_not_called()
        assert bar.position == half   # yet it knows where the list is


async def test_arrows_past_the_edge_scroll_half_a_screen_so_most_moves_scroll_nothing():
    async with TableApp().run_test(size=(80, 24)) as pilot:
        table = pilot.app.query_one(RecordTable)
        await pilot.pause()
        height = table.scrollable_content_region.height
        tops = []
        for _ in range(3 * height):   # the key's action: 54 presses through Pilot take 5 s
            table.action_cursor(1)
            tops.append(table.scroll_offset.y)
            assert tops[-1] <= table.cursor < tops[-1] + height
        scrolls = sum(1 for before, after in zip([0, *tops], tops) if before != after)
        assert scrolls == 5   # 54 moves, 18 rows on screen: at moves 18, 27, 36, 45, 54
        top = tops[-1]
        for _ in range(table.cursor - top + 1):   # up to the row above the screen
            table.action_cursor(-1)
        assert table.scroll_offset.y == top - height // 2
        assert table.cursor == top - 1


async def test_a_page_and_the_ends_scroll_just_enough():
    async with TableApp().run_test(size=(80, 24)) as pilot:
        table = pilot.app.query_one(RecordTable)
        await pilot.pause()
        height = table.scrollable_content_region.height
        await pilot.press("pagedown", "pagedown")
        assert table.cursor == 2 * (height - 1)
        assert table.scroll_offset.y == table.cursor - height + 1   # on the bottom row
        for _ in range(height - 4):                                     # to the 4th row
            await pilot.press("up")
        await pilot.press("pagedown")
        assert table.scroll_offset.y == table.cursor - height + 1       # on the bottom row
        await pilot.press("end")
        assert table.cursor == len(ROWS) - 1
        assert table.scroll_offset.y == len(ROWS) - height
        await pilot.press("down")                                   # nothing below
        assert table.scroll_offset.y == len(ROWS) - height


async def test_the_same_rows_again_repaint_nothing():
    async with TableApp().run_test(size=(80, 24)) as pilot:
        table = pilot.app.query_one(RecordTable)
        await pilot.pause()
        with _repaints(table) as refresh:
            table.set_rows(list(ROWS), cursor=table.cursor)
        assert [call.kwargs for call in refresh.call_args_list] == [
            {"layout": True, "repaint": False}]


async def test_rows_cut_to_a_screenful_scroll_back_and_lose_the_scrollbar():
    async with TableApp().run_test(size=(80, 24)) as pilot:
        table = pilot.app.query_one(RecordTable)
        await pilot.press("end")
        await pilot.pause()
        table.set_rows(ROWS[:5])
        await pilot.pause()
        assert table.scroll_offset.y == 0 and not table.show_vertical_scrollbar
        table.set_rows(ROWS, cursor=4000)
        await pilot.pause()
        assert table.show_vertical_scrollbar
        top, height = table.scroll_offset.y, table.scrollable_content_region.height
        assert top <= 4000 < top + height


async def test_a_focus_move_repaints_the_cursors_row_in_its_other_look():
    async with TableApp().run_test(size=(80, 24)) as pilot:
        table = pilot.app.query_one(RecordTable)
        await pilot.press("down", "down")
        await pilot.pause()
        focused_look = table.render_line(2)
        with _repaints(table) as refresh, \
                mock.patch.object(table.vertical_scrollbar, "refresh") as bar_refresh:
            pilot.app.query_one(Input).focus()
            await pilot.pause()
            table.focus()
            await pilot.pause()
        # Row 2 once for the blur, once for the focus: no other line, not the scrollbar.
        assert [call.args for call in refresh.call_args_list] == [
            (Region(0, 2, table._row_width, 1),)] * 2
        bar_refresh.assert_not_called()
        pilot.app.query_one(Input).focus()
        await pilot.pause()
        unfocused_look = table.render_line(2)
        assert unfocused_look != focused_look            # the unfocused cursor
        assert unfocused_look.text == focused_look.text
        # Beyond the columns, which no row's repaint covers, nothing may change.
        columns, width = table._rows_width(), table.scrollable_content_region.width
        assert list(unfocused_look.crop(columns, width)) == list(focused_look.crop(columns, width))
        assert list(table.render_line(3).crop(columns, width)) == list(
            focused_look.crop(columns, width))                       # a row not the cursor
