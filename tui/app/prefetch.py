"""Opening the first article in a child process while the app starts.

Starting the app is mostly importing Textual (about 110 ms here); extracting
a long article is its own 40 ms, plus 80 ms of importing lxml, readability
and httpx. Both are CPU work, so a thread would only take turns with the
import. A child forked before Textual is imported opens the article through
the reading library on another core instead: a stored copy is a lookup and
a row turned into an ``Article`` (about a millisecond), a local file not
stored (or changed since) is read and extracted. The child then finds the
entities and quotes there too, so NLP never competes with scrolling for the
interpreter lock. For a URL the child only looks in the library: fetching is
the app's (an async fetch that Escape cancels).

The child sends pickled messages down a pipe — an ``Opened`` (or None: "not
stored, do it yourself"), then, if asked, the annotated article — and exits.
It finds entities only when the parent asks (after the text is on screen),
so on a busy machine the NLP does not take the CPU from the first paint. The
child never writes to the library: storing is the app's, after the paint.
Anything unexpected (an error, a child that died) makes the parent do the
work itself, which reports errors the usual way.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import struct
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from byline.extract import is_url

if TYPE_CHECKING:
    from byline.tui.config import Settings

_HEADER = struct.Struct("!Q")


class Prefetch:
    """A child extracting ``source``; ``receive()`` each message in turn."""

    def __init__(self, pid: int, fd: int, go: int) -> None:
        self.pid = pid
        self.fd = fd
        self.go = go
        self.closed = False
        self._lock = threading.Lock()

    @classmethod
    def start(
        cls, source: str | None, settings: Settings, *, use_library: bool = True, refresh: bool = False
    ) -> Prefetch | None:
        """Fork a child to open ``source`` — or, with no source, to read the start
        screen's first page of the library: ``(count, entries)``. None for stdin,
        and when there is nothing to do before the app (a URL to fetch, no library)."""
        if source == "-" or sys.platform == "win32":
            return None
        if source is None and not use_library:
            return None
        if source and is_url(source) and (refresh or not use_library):
            return None  # a URL to fetch again, or without the library: the app's fetch
        read_end, write_end = os.pipe()
        go_read, go_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child
            os.close(read_end)
            os.close(go_write)
            code = 0
            try:
                _child(source, write_end, go_read, settings, use_library, refresh)
            except BaseException:  # the parent redoes the work and reports what went wrong
                code = 1
            finally:
                os._exit(code)
        os.close(write_end)
        os.close(go_read)
        return cls(pid, read_end, go_write)

    def ask_for_annotations(self) -> None:
        """Let the child go on to the entities and quotes."""
        try:
            os.write(self.go, b"g")
        except OSError:
            pass

    def ready(self, timeout: float) -> bool:
        """Whether the next message (or the child's end) arrives within ``timeout`` seconds."""
        if self.closed:
            return True
        try:
            readable, _, _ = select.select([self.fd], [], [], timeout)
        except (OSError, ValueError):
            return True
        return bool(readable)

    def receive(self) -> Any | None:
        """The next message (blocking), or None when the child has nothing more."""
        with self._lock:
            return self._receive()

    def _receive(self) -> Any | None:
        if self.closed:
            return None
        try:
            header = _read_exactly(self.fd, _HEADER.size)
            if header is None:
                self.close()
                return None
            (size,) = _HEADER.unpack(header)
            body = _read_exactly(self.fd, size)
        except OSError:
            body = None
        if body is None:
            self.close()
            return None
        return pickle.loads(body)

    def close(self) -> None:
        """Stop the child (if it is still working) and reap it."""
        if self.closed:
            return
        self.closed = True
        for fd in (self.fd, self.go):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def _child(source: str | None, fd: int, go: int, settings: Settings, use_library: bool, refresh: bool) -> None:
    gc.enable()  # the parent starts with it off; a huge page makes garbage worth collecting
    # The parent owns the terminal: the child neither reads it nor stops on it.
    for signum in (signal.SIGINT, signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU):
        signal.signal(signum, signal.SIG_IGN)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd_number in (0, 1, 2):  # nothing the child's libraries print reaches the screen
        os.dup2(devnull, fd_number)
    # Imported here, after the fork: the parent goes straight on to Textual.
    from byline.tui.data.paths import library_path
    from byline.tui.data.records import PAGE  # here: after the fork (see above)
    from byline.tui.opener import Opener  # here: after the fork

    library = _library(settings, library_path()) if use_library else None
    if source is None:
        if library is not None:
            _send(fd, (library.count(), library.entries(limit=PAGE)))
        else:  # no library yet: an empty list; a damaged one: the app says so
            _send(fd, (0, []) if not library_path().exists() else None)
        return
    opener = Opener.for_settings(library, settings)
    if is_url(source):  # fetching is the app's: only the stored copy is looked for
        opened = opener.stored(source, analyse=False)[1]
    else:
        opened = opener.open(source, refresh=refresh, analyse=False)
    _send(fd, opened)
    if opened is None or opened.annotated:
        return
    if os.read(go, 1):  # empty: the parent went away or wants no more
        _send(fd, opener.annotate(opened.article))


def _library(settings: Settings, path: Path):  # type: ignore[no-untyped-def]
    """The library, read-only in spirit: None when there is none yet (nothing
    to find, and creating it is the app's), or when it is damaged (the app
    reports that)."""
    from byline.tui.data.errors import LibraryError  # in the child: see _child
    from byline.tui.data.library import Library  # in the child: see _child

    if not path.exists():
        return None
    try:
        return Library(path, max_bytes=settings.library_max_bytes, repair=False)
    except LibraryError:
        return None


def _send(fd: int, value: Any) -> None:
    body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    data = memoryview(_HEADER.pack(len(body)) + body)
    while data:
        written = os.write(fd, data)
        data = data[written:]


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)
