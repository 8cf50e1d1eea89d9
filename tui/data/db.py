"""Opening the library's SQLite file: journal mode, busy timeout, migrations,
what to do when the file is damaged, and reading what cannot be written.

WAL lets a reader and a writer work at once; it needs shared memory, so on a
network filesystem (NFS home directories) the classic rollback journal is
used instead. Writers take the lock up front (``BEGIN IMMEDIATE``) and wait up
to the busy timeout for another byline to finish.

A library on a read-only file system, in a read-only file or folder, or on a
full disk can still be read: ``connect(read_only=True)`` opens it read-only,
and immutable when even WAL's shared-memory file cannot be made (nothing can
write there meanwhile). ``why_unwritable`` names the reason for the one line
a refused write prints.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import ParamSpec, TypeVar
from urllib.parse import quote

from byline.tui.data import schema
from byline.tui.data.errors import LibraryCorrupt, LibraryError, LibraryFull, LibraryLocked, LibraryReadOnly
from byline.tui.data.paths import on_network_filesystem

BUSY_TIMEOUT = 10.0

P = ParamSpec("P")
R = TypeVar("R")

# SQLite primary result codes we turn into messages.
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26
_SQLITE_FULL = 13
_SQLITE_READONLY, _SQLITE_CANTOPEN, _SQLITE_IOERR = 8, 14, 10

#: Below this much free space a failed write is put down to a full disk.
LOW_DISK_BYTES = 1 << 20


class Connection(sqlite3.Connection):
    """A connection that can be weakly referenced: a thread's connection closes
    when the thread ends, and the library still closes any left at its close."""


@cache
def fts5_available() -> bool:
    """Whether this Python's SQLite was built with the FTS5 full-text extension."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    except sqlite3.OperationalError:
        return False
    finally:
        conn.close()
    return True


def choose_journal_mode(path: Path) -> str:
    return "delete" if on_network_filesystem(path.parent) else "wal"


def connect(
    path: Path, *, journal_mode: str, busy_timeout: float = BUSY_TIMEOUT, read_only: bool = False
) -> sqlite3.Connection:
    """Open (creating if needed) the database at ``path``; raise LibraryError on failure.

    ``read_only``: open an existing file for reading only, without touching
    its journal mode (see the module's docstring)."""
    if read_only:
        return _connect_read_only(path, busy_timeout)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        reason = why_unwritable(path) or (exc.strerror or str(exc))
        raise LibraryError(f"cannot create the library directory {path.parent} ({reason})") from None
    try:
        conn = sqlite3.connect(
            os.fsencode(path), timeout=busy_timeout, isolation_level=None, check_same_thread=False, factory=Connection
        )
    except sqlite3.Error as exc:
        raise translate(exc, path) from None
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        if _is_empty(conn):
            conn.execute("PRAGMA auto_vacuum = INCREMENTAL")  # only possible before the first table
        mode = conn.execute(f"PRAGMA journal_mode = {journal_mode}").fetchone()[0]
        conn.execute("PRAGMA synchronous = NORMAL" if mode == "wal" else "PRAGMA synchronous = FULL")
    except sqlite3.Error as exc:
        conn.close()
        raise translate(exc, path) from None
    return conn


def _connect_read_only(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """``path`` opened read-only; immutable when WAL's shared memory cannot be had."""
    uri = "file:" + quote(os.fsencode(path.absolute()))
    failure: sqlite3.Error | None = None
    for options in ("mode=ro", "mode=ro&immutable=1"):
        conn = None
        try:
            conn = sqlite3.connect(
                f"{uri}?{options}", uri=True, timeout=busy_timeout, isolation_level=None,
                check_same_thread=False, factory=Connection,
            )
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opening is lazy: read now
            conn.execute("PRAGMA foreign_keys = ON")
            return conn
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            if is_corruption(exc):
                raise translate(exc, path) from None
            failure = exc
    assert failure is not None
    raise translate(failure, path) from None


def why_unwritable(path: Path) -> str | None:
    """Why the library at ``path`` cannot be written, in a few words, or None
    when nothing stands in the way (a full disk, a read-only file system, file or folder)."""
    folder = path.parent
    try:
        while not os.path.lexists(folder) and folder != folder.parent:
            folder = folder.parent
        if not folder.is_dir():
            return None  # a file where a folder should be: not a matter of writing
        info = os.statvfs(folder)
    except (OSError, ValueError):
        return None
    if info.f_flag & os.ST_RDONLY:
        return "its file system is mounted read-only"
    free = (info.f_bfree if os.geteuid() == 0 else info.f_bavail) * info.f_frsize
    if free < LOW_DISK_BYTES:
        return f"the disk is full ({free // 1024} KB free)"
    try:
        if path.exists() and not os.access(path, os.W_OK):
            return "the file is read-only (its permissions or attributes forbid writing)"
        if not os.access(folder, os.W_OK | os.X_OK):
            return f"its folder {folder} is read-only (its permissions or attributes forbid writing)"
    except (OSError, ValueError):
        return None
    return None


def _is_empty(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema forward to ``schema.latest_version()``, one step per transaction."""
    latest = schema.latest_version()
    version = user_version(conn)
    if version < 0:  # no byline writes one: the header was damaged or tampered with
        raise LibraryCorrupt(f"the library {path} has schema version {version}", detail=f"schema version {version}")
    if version > latest:
        raise LibraryError(
            f"the library {path} was written by a newer byline (schema {version}, this one knows {latest}); "
            "upgrade byline, or set BYLINE_DATA_DIR to use another library"
        )
    while version < latest:
        with transaction(conn, path):
            version = user_version(conn)  # another byline may have migrated meanwhile
            if version >= latest:
                break
            schema.MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        version = user_version(conn)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


@contextmanager
def transaction(conn: sqlite3.Connection, path: Path) -> Iterator[sqlite3.Connection]:
    """A write transaction that takes the write lock at once (no upgrade deadlocks)."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise translate(exc, path) from None
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # SQLite already rolled back (e.g. after SQLITE_FULL)
        if isinstance(exc, sqlite3.Error):
            raise translate(exc, path) from None
        raise


def guarded(method: Callable[P, R]) -> Callable[P, R]:
    """Turn any sqlite3 error escaping a Library method into a LibraryError."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as exc:
            raise translate(exc, args[0].path) from None  # type: ignore[attr-defined]

    return wrapper


def is_corruption(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def translate(exc: sqlite3.Error, path: Path) -> LibraryError:
    """Turn a sqlite3 error into a one-line LibraryError a person can act on."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    detail = str(exc) or type(exc).__name__
    if code == _SQLITE_FULL or "disk is full" in detail:
        reason = why_unwritable(path)
        if reason is not None:
            return unwritable(path, reason, detail)
        return LibraryFull(
            f"the library {path} is full ({detail}); nothing was written and stored articles are intact — "
            "free disk space, remove articles (byline library remove) or lower library.max_mb",
            detail=detail,
        )
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in detail:
        return LibraryLocked(
            f"the library {path} is busy (another byline is writing to it); try again in a moment",
            detail=detail,
        )
    if "no such module: fts5" in detail:
        return LibraryError(
            f"the library {path} has a search index, and this Python's SQLite lacks FTS5, so it cannot "
            "do that (storing and reading still work); run it with a Python whose SQLite has FTS5",
            detail=detail,
        )
    if is_corruption(exc):
        return LibraryCorrupt(
            f"the library {path} is damaged ({detail}); `byline library vacuum` repairs it "
            "(or moves it aside and starts a new one)",
            detail=detail,
        )
    if code in (_SQLITE_READONLY, _SQLITE_CANTOPEN, _SQLITE_IOERR):
        reason = why_unwritable(path)
        if reason is not None:
            return unwritable(path, reason, detail)
        if code == _SQLITE_READONLY:
            return LibraryReadOnly(
                f"the library {path} cannot be written ({detail}); nothing was written", detail=detail
            )
        return LibraryError(f"cannot open the library {path} ({detail})", detail=detail)
    return LibraryError(f"library error in {path}: {detail}", detail=detail)


def unwritable(path: Path, reason: str, detail: str | None = None) -> LibraryError:
    """The one line for a write that cannot happen, saying why (``why_unwritable``)."""
    message = f"the library {path} cannot be written: {reason}; nothing was written and reading still works"
    if reason.startswith("the disk is full"):
        return LibraryFull(message + " — free some disk space", detail=detail or reason)
    return LibraryReadOnly(message, detail=detail or reason)


def move_aside(path: Path) -> Path:
    """Rename a damaged database (and its journal files) out of the way; return the new path."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    for suffix in ("-wal", "-journal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(target.with_name(target.name + suffix))
    path.rename(target)
    return target
