"""Store calls off the UI thread: the screen never freezes on the database.

A call runs in a thread worker and posts a message back: the result for the
callback, or the error in the clerk's words. Each worker thread closes its own
SQLite connection when done (peewee keeps one per thread).
"""

from collections.abc import Callable

from textual.message import Message
from textual.worker import get_current_worker

from store import db
from store.errors import JifenError
from tui.errorlog import log_traceback
from tui.i18n import explain, t


class StoreDone(Message):
    def __init__(self, callback: Callable, result) -> None:
        super().__init__()
        self.callback, self.result = callback, result


class StoreFailed(Message):
    def __init__(self, text: str, callback: Callable | None) -> None:
        super().__init__()
        self.text, self.callback = text, callback


class StoreWork:
    """Mixin for screens and dialogs that call the store."""

    def run_store(self, call: Callable, on_done: Callable, *, on_error: Callable | None = None,
                  group: str = "store", exclusive: bool = False) -> None:
        """Run `call()` in a thread; then `on_done(result)`, or `on_error(text)` / a notice."""

        def job() -> None:
            try:
                reply = StoreDone(on_done, call())
            except JifenError as error:
                reply = StoreFailed(explain(error), on_error)
            except Exception:  # noqa: BLE001 - logged, and the clerk is told in words
                reply = StoreFailed(t("error.internal", log=log_traceback()), on_error)
            finally:
                db.database.close()
            # A thread cannot be stopped: an exclusive call that was overtaken
            # by a newer one (search as you type) stays silent instead.
            if not get_current_worker().is_cancelled:
                self.post_message(reply)

        self.run_worker(job, thread=True, group=group, exclusive=exclusive, exit_on_error=False)

    def on_store_done(self, message: StoreDone) -> None:
        message.stop()
        message.callback(message.result)

    def on_store_failed(self, message: StoreFailed) -> None:
        message.stop()
        if message.callback is not None:
            message.callback(message.text)
        else:
            self.notify(message.text, severity="error", timeout=8)
