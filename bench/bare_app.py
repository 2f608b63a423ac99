"""The baseline: a bare Textual app with one DataTable, as the issue measured it.

Every time in a benchmark run is also given as a multiple of this app's first
frame on the same machine in the same run (bench/run.py):

    python -m bench.bare_app
"""

from textual.app import App, ComposeResult
from textual.widgets import DataTable

MARKER = "BARE-0001"   # the first row's first cell: once on screen, the frame is drawn
ROWS = 30


class BareApp(App):
    BINDINGS = [("ctrl+q", "quit")]

    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("card", "head", "group")
        table.add_rows((f"BARE-{number:04d}", f"household {number}", f"{number % 20 + 1}")
                       for number in range(1, ROWS + 1))


if __name__ == "__main__":
    BareApp().run()
