"""Feed updates in the app: ``R`` (every feed), ``r`` (one), a new
subscription, and ``feeds.update_on_start`` — in a thread of their own, so
reading goes on while pages are fetched and extracted (extraction moves to
worker processes when a core is free, as ``byline feeds update`` does).

One update runs at a time; feeds asked for meanwhile are updated next. The
app hears how it goes by message (``FeedsProgress``, ``FeedsUpdated``) and
passes that on to the screens that show feeds. Quitting stops an update at
once: the items it had not read yet are read by the next one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

from byline.extract import BylineError
from byline.tui import crash

if TYPE_CHECKING:
    from textual.app import App

    from byline.tui.app.keeper import LibraryKeeper
    from byline.tui.config import Settings
    from byline.tui.feeds.reports import FeedReport, Progress

#: Seconds between progress messages (a feed that finishes is said at once).
PROGRESS_EVERY = 0.25


@dataclass
class FeedsProgress(Message):
    """An update is under way; ``progress.feed`` is set when a feed has just finished."""

    progress: Progress


@dataclass
class FeedsUpdated(Message):
    """An update ended: the reports, or the error that stopped it."""

    reports: list[FeedReport] = field(default_factory=list)
    error: str | None = None

    def summary(self) -> str:
        """``3 feeds updated: 12 new articles, 1 failed``, in a person's words."""
        if self.error:
            return f"feeds not updated: {self.error}"
        done = [report for report in self.reports if report.status != "cancelled"]
        failed = sum(report.status == "failed" for report in done)
        stored = sum(report.count("article") + report.count("summary") for report in done)
        text = f"{_count(len(done), 'feed')} updated: {_count(stored, 'new article')}"
        if failed:
            text += f", {failed} failed"
        if len(done) < len(self.reports):
            text += " (stopped)"
        return text


class FeedUpdates:
    """Runs feed updates one after another in a background thread."""

    def __init__(self, app: App, keeper: LibraryKeeper, settings: Settings) -> None:
        self.app = app
        self.keeper = keeper
        self.settings = settings
        #: Feeds waiting for the update under way to end (None: every feed).
        self._queued: list[int] | None = []
        self._wanted = False
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._said = 0.0

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, feed_ids: Sequence[int] | None = None) -> bool:
        """Update ``feed_ids`` (None: every feed); False when it waits for the update under way."""
        with self._lock:
            if self.running:
                if feed_ids is None or self._queued is None:
                    self._queued = None
                else:
                    self._queued.extend(i for i in feed_ids if i not in self._queued)
                self._wanted = True
                return False
            self._cancel = threading.Event()
            self._thread = threading.Thread(
                target=self._run, args=(None if feed_ids is None else list(feed_ids),), name="byline-feeds", daemon=True
            )
            self._thread.start()
            return True

    def stop(self, wait: float = 5.0) -> None:
        """Stop the update under way (the app is quitting); wait up to ``wait`` seconds for it. Blocking."""
        with self._lock:
            self._wanted = False
            thread = self._thread
        self._cancel.set()
        if thread is not None:
            thread.join(wait)

    # ------------------------------------------------------------ the thread

    def _run(self, feed_ids: list[int] | None) -> None:
        while True:
            self.app.post_message(self._update(feed_ids))
            with self._lock:
                if not self._wanted or self._cancel.is_set():
                    self._thread = None
                    return
                feed_ids, self._queued, self._wanted = self._queued, [], False

    def _update(self, feed_ids: list[int] | None) -> FeedsUpdated:
        from byline.tui.feeds.subscriptions import feeds_by_id  # here: the update's modules load in its thread
        from byline.tui.feeds.update import update  # here: with feeds_by_id, in the thread

        library = self.keeper.open()
        if library is None:
            return FeedsUpdated(error=self.keeper.error.message if self.keeper.error else "the library is off")
        try:
            feeds = feeds_by_id(library, feed_ids or [])
            if not feeds:
                return FeedsUpdated()
            reports = update(library, self.settings, feeds, progress=self._progressed, cancel=self._cancel)
        except BylineError as error:
            return FeedsUpdated(error=error.message)
        except Exception:  # a bug: logged, said in one line, and the app goes on
            return FeedsUpdated(error=crash.internal_error_message("updating feeds"))
        return FeedsUpdated(reports)

    def _progressed(self, progress: Progress) -> None:
        now = time.monotonic()
        if progress.feed is None and now - self._said < PROGRESS_EVERY:
            return
        self._said = now
        self.app.post_message(FeedsProgress(progress))


def _count(n: int, thing: str) -> str:
    return f"{n:,} {thing}" if n == 1 else f"{n:,} {thing}s"
