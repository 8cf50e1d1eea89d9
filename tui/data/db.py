"""Opening the library's SQLite file: journal mode, busy timeout, migrations,
and what to do when the file is damaged.

WAL lets a reader and a writer work at once; it needs shared memory, so on a
network filesystem (NFS home directories) the classic rollback journal is
used instead. Writers take the lock up front (``BEGIN IMMEDIATE``) and wait up
to the busy timeout for another byline to finish.
"""

from __future__ import annotations

import functools
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import ParamSpec, TypeVar

from byline.tui.data import schema
from byline.tui.data.errors import LibraryCorrupt, LibraryError, LibraryFull, LibraryLocked
from byline.tui.data.paths import on_network_filesystem

BUSY_TIMEOUT = 10.0

P = ParamSpec("P")
R = TypeVar("R")

# SQLite primary result codes we turn into messages.
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26
_SQLITE_FULL = 13
_SQLITE_READONLY, _SQLITE_CANTOPEN, _SQLITE_IOERR = 8, 14, 10


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


def connect(path: Path, *, journal_mode: str, busy_timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """Open (creating if needed) the database at ``path``; raise LibraryError on failure."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise LibraryError(f"cannot create the library directory {path.parent} ({exc.strerror or exc})") from None
    try:
        conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
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
            f"the library {path} is damaged ({detail}); run `byline library vacuum` to check it and move it aside",
            detail=detail,
        )
    if code == _SQLITE_READONLY:
        return LibraryError(f"the library {path} is read-only ({detail}); check its permissions", detail=detail)
    if code in (_SQLITE_CANTOPEN, _SQLITE_IOERR):
        return LibraryError(
            f"cannot open the library {path} ({detail}); check the directory and its permissions",
            detail=detail,
        )
    return LibraryError(f"library error in {path}: {detail}", detail=detail)


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
