"""The app's handle on the reading library.

The library is opened on first use, in a thread — never on the way to the
first paint. Reads (a lookup, a search, a page of the start screen's list)
run in the thread of whichever worker asks (``Library`` gives each thread its
own connection, and WAL lets them read while another writes). Writes go to
ONE writer thread, in the order they were asked for, so a store and the
reading position written after it never race; when the app quits it waits
for them, so an entry is written whole before the process ends.

With ``enabled=False`` (``--no-store``) nothing here touches the library.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, TypeVar

from byline.tui.data.errors import LibraryError

if TYPE_CHECKING:
    from byline.tui.config import Settings
    from byline.tui.data.library import Library

T = TypeVar("T")


class LibraryKeeper:
    """Opens the library when first needed and runs its writes in order."""

    def __init__(self, settings: Settings, *, enabled: bool = True, library: Library | None = None) -> None:
        self.settings = settings
        self.enabled = enabled
        self._library = library
        #: Why the library could not be opened (the app goes on without it).
        self.error: LibraryError | None = None
        #: One-line notes from opening it (a damaged file moved aside…), to show once.
        self.notices: list[str] = []
        #: Writes queued with ``write_soon`` that failed (said after the app exits).
        self.failures: list[BaseException] = []
        self._lock = threading.Lock()
        self._writer: ThreadPoolExecutor | None = None
        self._closed = False

    def open(self) -> Library | None:
        """The library (opened now if need be), or None when off or unusable. Blocking."""
        if not self.enabled or self._closed:
            return None
        return self._open()

    def _open(self) -> Library | None:
        with self._lock:
            if self._library is None and self.error is None:
                from byline.tui.data.library import Library  # here: sqlite is not on the way to the first paint

                try:
                    self._library = Library(max_bytes=self.settings.library_max_bytes)
                except LibraryError as exc:
                    self.error = exc
                else:
                    self.notices.extend(self._library.notices)
            return self._library

    @property
    def opened(self) -> Library | None:
        """The library if it is open already (never opens it)."""
        return self._library if self.enabled and not self._closed else None

    async def library(self) -> Library | None:
        """``open()`` from a coroutine, off the event loop."""
        if self._library is not None or not self.enabled:
            return self._library
        return await asyncio.to_thread(self.open)

    def write_soon(self, task: Callable[[Library], T]) -> Future[T] | None:
        """Queue ``task(library)`` on the writer thread; None when there is no library.
        A failure is kept in ``failures``."""
        future = self._submit(task)
        if future is not None:
            future.add_done_callback(self._note_failure)
        return future

    def _submit(self, task: Callable[[Library], T]) -> Future[T] | None:
        with self._lock:
            if not self.enabled or self._closed:
                return None
            if self._writer is None:
                self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="byline-library")
            writer = self._writer

        def run() -> T | None:
            library = self._open()  # a write queued before close() still runs
            return None if library is None else task(library)

        return writer.submit(run)

    def _note_failure(self, future: Future) -> None:
        if not future.cancelled() and future.exception() is not None:
            self.failures.append(future.exception())  # type: ignore[arg-type]

    async def write(self, task: Callable[[Library], T]) -> T | None:
        """Queue ``task(library)`` and wait for its result (a LibraryError is raised here)."""
        future = self._submit(task)
        if future is None:
            return None
        return await asyncio.wrap_future(future)

    def close(self) -> None:
        """Finish the queued writes, then close the library. Blocking."""
        self._closed = True
        with self._lock:
            writer, self._writer = self._writer, None
        if writer is not None:
            writer.shutdown(wait=True)
        if self._library is not None:
            self._library.close()
