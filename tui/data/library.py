"""The reading library: every article opened, stored in one SQLite file.

Per article it keeps where it came from, when it was read, the raw bytes
(zlib) and the extracted ``Article`` (JSON, zlib), written in ONE transaction
so an entry is whole or absent. ``Library`` methods may be called from any
thread: each thread gets its own connection (WAL lets them read while
another writes). Writes are short; the app calls them from a worker after the
article is on screen.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import weakref
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from byline.extract import Article, RawDocument
from byline.tui.data import db, entry_rows, maintenance, schema, search
from byline.tui.data.errors import (
    LibraryCorrupt,
    LibraryError,
    LibraryFull,
    LibraryLocked,
    LibraryReadOnly,
    SearchUnavailable,
)
from byline.tui.data.keys import from_column, to_column
from byline.tui.data.paths import library_path
from byline.tui.data.records import Entry, Fetched, SearchHit

T = TypeVar("T")

class Library:
    """A reading library in one SQLite file (``library_path()`` unless ``path`` is given).

    Opening checks the file and migrates its schema; a damaged file is moved
    aside (never deleted) and a note is added to ``notices`` — or, with
    ``repair=False``, ``LibraryCorrupt`` is raised instead (a helper process
    leaves that to the app, which tells the user). ``max_bytes`` is the size
    limit (0: none).

    A library that cannot be written (a full disk, a read-only file system,
    file or folder) opens for reading: ``read_only`` says why, and every write
    raises ``LibraryFull`` or ``LibraryReadOnly`` saying so. A damaged search
    index never stops a write: it is dropped, and rebuilt from the stored
    articles at the next search (``vacuum`` rebuilds it at once).
    """

    def __init__(
        self,
        path: Path | str | None = None,
        *,
        max_bytes: int = 0,
        journal_mode: str | None = None,
        busy_timeout: float = db.BUSY_TIMEOUT,
        repair: bool = True,
    ) -> None:
        self.path = Path(path) if path is not None else library_path()
        #: Size limit in bytes (0: none); enforced after each store.
        self.max_bytes = max_bytes
        self.journal_mode = journal_mode or db.choose_journal_mode(self.path)
        self.busy_timeout = busy_timeout
        #: One-line notes for the user (a damaged file was moved aside…).
        self.notices: list[str] = []
        #: Where a damaged file was moved when this library started afresh.
        self.moved_to: Path | None = None
        self.search_available = db.fts5_available()
        #: Why the library cannot be written (None: it can): it was opened for reading.
        self.read_only: str | None = None
        self._local = threading.local()
        self._lock = threading.Lock()
        # Weak: a thread's connection closes when the thread ends (the app and
        # ``byline save`` call from a new thread each time); close() closes the rest.
        self._connections: weakref.WeakSet[sqlite3.Connection] = weakref.WeakSet()
        self._generation = 0
        self._open(repair)

    # ------------------------------------------------------------------ opening

    def _open(self, repair: bool) -> None:
        try:
            self._prepare(self._db())
            if not os.access(self.path, os.W_OK):  # SQLite opened a read-only file for reading without a word
                self.read_only = db.why_unwritable(self.path)
        except LibraryCorrupt as exc:
            if not repair:
                self._close_all()
                raise
            self.start_afresh(exc.detail)
        except LibraryError as exc:
            if isinstance(exc, LibraryLocked) or not self._open_for_reading():
                self._close_all()
                raise

    def _open_for_reading(self) -> bool:
        """After opening for writing failed: open for reading when the reason is
        that nothing can be written there; False when that is not the reason."""
        reason = db.why_unwritable(self.path)
        if reason is None:
            return False
        if not self.path.exists():
            raise LibraryReadOnly(f"there is no library at {self.path}, and none can be made there: {reason}")
        self._close_all()
        self.read_only = reason
        self._prepare(self._db())
        return True

    def start_afresh(self, reason: str, *, notice: bool = True) -> Path:
        """Move the damaged database aside (never delete it) and start an empty one
        (``notice``: say so in ``notices``; vacuum's report says it instead)."""
        self._close_all()
        try:
            moved = db.move_aside(self.path)
        except OSError as exc:
            raise LibraryCorrupt(
                f"the library {self.path} is damaged ({reason}) and could not be moved aside "
                f"({exc.strerror or exc}); move it away by hand and byline starts a new one",
                detail=reason,
            ) from None
        self.moved_to = moved
        if notice:
            self.notices.append(
                f"the library {self.path} was damaged ({reason}); it was moved to {moved} "
                "and a new, empty library started"
            )
        self._prepare(self._db())
        return moved

    def _prepare(self, conn: sqlite3.Connection) -> None:
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if self.read_only is not None and db.user_version(conn) < schema.latest_version():
                raise db.unwritable(self.path, f"{self.read_only}, and this byline must update its schema first")
            db.migrate(conn, self.path)  # a no-op when up to date; refuses a newer schema
            if self.read_only is not None:
                return
            if self.search_available and not search.table_ready(conn):  # writes only when needed
                with db.transaction(conn, self.path):
                    search.ensure_table(conn)
        except sqlite3.Error as exc:
            raise db.translate(exc, self.path) from None

    def _db(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use."""
        cached = getattr(self._local, "conn", None)
        if cached is not None and cached[0] == self._generation:
            return cached[1]
        conn = db.connect(
            self.path,
            journal_mode=self.journal_mode,
            busy_timeout=self.busy_timeout,
            read_only=self.read_only is not None,
        )
        with self._lock:
            self._connections.add(conn)
        self._local.conn = (self._generation, conn)
        return conn

    def _close_all(self) -> None:
        with self._lock:
            for conn in list(self._connections):
                conn.close()
            self._connections.clear()
            self._generation += 1

    def close(self) -> None:
        self._close_all()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _read(self, sql: str, params: Iterable[object] = ()) -> list[sqlite3.Row]:
        try:
            return self._db().execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise db.translate(exc, self.path) from None

    # ------------------------------------------------------------------ reading

    @db.guarded
    def find(self, key: str) -> Entry | None:
        """The entry stored under ``key`` (see ``source_key``), also matching a URL
        key against the final URL an earlier fetch was redirected to."""
        rows = self._read(
            f"SELECT {entry_rows.ENTRY_COLUMNS} FROM articles a WHERE a.key = ? "
            f"UNION ALL SELECT {entry_rows.ENTRY_COLUMNS} FROM articles a WHERE a.final_url = ? AND a.key != ? LIMIT 1",
            (to_column(key),) * 3,
        )
        return entry_rows.entry(rows[0]) if rows else None

    @db.guarded
    def get(self, entry_id: int) -> Entry | None:
        rows = self._read(f"SELECT {entry_rows.ENTRY_COLUMNS} FROM articles a WHERE a.id = ?", (entry_id,))
        return entry_rows.entry(rows[0]) if rows else None

    @db.guarded
    def entries(self, *, limit: int | None = None, offset: int = 0, everything: bool = False) -> list[Entry]:
        """The history: entries opened in the reader or saved by hand, most recently
        opened first (a feed's articles are listed under their feeds until opened;
        ``everything`` lists them too)."""
        where = "" if everything else "WHERE a.listed = 1 "
        rows = self._read(
            f"SELECT {entry_rows.ENTRY_COLUMNS} FROM articles a {where}"
            "ORDER BY a.opened_at DESC, a.id DESC LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        )
        return [entry_rows.entry(row) for row in rows]

    @db.guarded
    def count(self, *, everything: bool = False) -> int:
        """Entries in the history (``everything``: every stored article, feeds' too)."""
        where = "" if everything else " WHERE listed = 1"
        return int(self._read(f"SELECT count(*) FROM articles{where}")[0][0])

    @db.guarded
    def load(self, entry_id: int) -> Article:
        """The stored Article of an entry (no network, no extraction)."""
        rows = self._read("SELECT data FROM extractions WHERE article_id = ?", (entry_id,))
        if not rows:
            raise LibraryError(f"no article {entry_id} in the library (byline library list shows the ids)")
        try:
            return Article.from_dict(json.loads(zlib.decompress(rows[0][0])))
        except (zlib.error, ValueError, KeyError, TypeError) as exc:
            raise LibraryCorrupt(
                f"the stored copy of article {entry_id} is damaged ({exc}); refresh it with --refresh"
            ) from None

    @db.guarded
    def load_raw(self, entry_id: int) -> RawDocument | None:
        """The stored bytes of an entry, or None when they were evicted."""
        rows = self._read(
            "SELECT d.kind, d.content_type, d.charset, d.data, a.source, a.final_url "
            "FROM documents d JOIN articles a ON a.id = d.article_id WHERE d.article_id = ?",
            (entry_id,),
        )
        if not rows:
            return None
        kind, content_type, charset, data, source, final_url = rows[0]
        try:
            raw = zlib.decompress(data)
        except zlib.error as exc:
            raise LibraryCorrupt(f"the stored bytes of article {entry_id} are damaged ({exc})") from None
        return RawDocument(
            raw, from_column(source), kind, url=from_column(final_url), content_type=content_type, charset=charset
        )

    @db.guarded
    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """Entries matching ``query`` in title, text, entity names or quote speakers, best first."""
        if not self.search_available:
            raise SearchUnavailable(search.NO_FTS5_MESSAGE)
        expression = search.match_expression(query)
        if expression is None:
            return []

        def query_index() -> list[sqlite3.Row]:
            if search.state(self._db()) != "ok":
                self.rebuild_search()
            return self._read(search.query_sql(entry_rows.ENTRY_COLUMNS), (expression, limit))

        rows = self._repairing_index(query_index)
        return [SearchHit(entry_rows.entry(row[:-2]), search.sentence_of(row[-2] or ""), row[-1]) for row in rows]

    @db.guarded
    def size(self) -> int:
        """Bytes the library's pages hold (free pages not counted)."""
        conn = self._db()
        try:
            return maintenance.used_bytes(conn)
        except sqlite3.Error as exc:
            raise db.translate(exc, self.path) from None

    # ------------------------------------------------------------------ writing

    @db.guarded
    def store(
        self,
        fetched: Fetched,
        article: Article,
        *,
        entry_id: int | None = None,
        read: bool = True,
        ner: str = "rules",
        listed: bool = True,
    ) -> int:
        """Store (or replace) an article and its bytes in one transaction; return its id.

        Replacing keeps the entry's id, read flag and reading position.
        ``listed=False`` keeps a new entry out of the history (a feed's article,
        stored by an update); it joins it when opened. Raises ``LibraryFull``
        when the disk is full (nothing is written then).
        """
        payload = entry_rows.compress_article(article)
        raw = zlib.compress(fetched.raw.data, 6)
        row = entry_rows.article_row(fetched, article, ner=ner, listed=listed, stored_bytes=len(payload) + len(raw))

        def write() -> int:
            conn = self._db()
            with db.transaction(conn, self.path):
                stored_id = entry_rows.upsert(conn, dict(row), entry_id, read, len(article.text))
                conn.execute(
                    "INSERT OR REPLACE INTO documents (article_id, kind, content_type, charset, size, data) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (stored_id, fetched.raw.kind, fetched.raw.content_type, fetched.raw.charset, len(fetched.raw.data), raw),
                )
                conn.execute(
                    "INSERT OR REPLACE INTO extractions (article_id, data) VALUES (?, ?)", (stored_id, payload)
                )
                entry_rows.index(conn, self.search_available, stored_id, article)
            return stored_id

        stored_id = self._repairing_index(write)
        if self.max_bytes:
            self.enforce_limit(protect=stored_id)
        return stored_id

    @db.guarded
    def remove(self, entry_ids: Iterable[int]) -> list[int]:
        """Delete entries (article, bytes, index); return the ids that existed."""
        ids = list(dict.fromkeys(int(i) for i in entry_ids))

        def delete() -> list[int]:
            conn = self._db()
            with db.transaction(conn, self.path):
                found = [i for i in ids if conn.execute("SELECT 1 FROM articles WHERE id = ?", (i,)).fetchone()]
                conn.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in found])
                entry_rows.unindex(conn, self.search_available, found)
            return found

        found = self._repairing_index(delete)
        if found:
            maintenance.shrink(self._db())
        return found

    @db.guarded
    def mark_opened(self, entry_id: int, *, read: bool = True) -> None:
        """Record that the entry was opened now (it moves to the top of the history)."""
        self._write(
            "UPDATE articles SET opened_at = ?, read = max(read, ?), listed = 1 WHERE id = ?",
            (time.time(), int(read), entry_id),
        )

    @db.guarded
    def set_read(self, entry_id: int, read: bool) -> None:
        self._write("UPDATE articles SET read = ? WHERE id = ?", (int(read), entry_id))

    @db.guarded
    def set_position(self, entry_id: int, position: int) -> None:
        """Remember the reading position: an offset into ``Article.text``."""
        self._write("UPDATE articles SET position = ? WHERE id = ?", (max(0, int(position)), entry_id))

    @db.guarded
    def set_file_stamp(self, entry_id: int, mtime_ns: int, size: int) -> None:
        """Record a stored file's modification time and size (its bytes were found unchanged)."""
        self._write("UPDATE articles SET file_mtime_ns = ?, file_size = ? WHERE id = ?", (mtime_ns, size, entry_id))

    def _write(self, sql: str, params: tuple[object, ...]) -> None:
        conn = self._db()
        with db.transaction(conn, self.path):
            conn.execute(sql, params)

    @db.guarded
    def rebuild_search(self) -> int:
        """Index every article afresh from the stored ones (after a byline without
        FTS5 wrote to the library, or the index was damaged); return how many."""
        if not self.search_available:
            raise SearchUnavailable(search.NO_FTS5_MESSAGE)
        conn = self._db()
        indexed = 0
        with db.transaction(conn, self.path):
            search.drop(conn)  # not DELETE: that must read the old index, which may be damaged
            search.ensure_table(conn)
            for entry_id, data in conn.execute("SELECT article_id, data FROM extractions"):
                try:
                    article = Article.from_dict(json.loads(zlib.decompress(data)))
                except (zlib.error, ValueError, KeyError, TypeError):
                    continue  # a damaged copy stays unsearchable; load() reports it
                search.put(conn, entry_id, article)
                indexed += 1
            search.set_state(conn, "ok")
        return indexed

    def search_damage(self) -> str | None:
        """What FTS5's own check finds wrong with the search index (None: nothing)."""
        if not self.search_available:
            return None
        try:
            return search.damage(self._db())
        except sqlite3.Error as exc:
            raise db.translate(exc, self.path) from None

    def drop_search(self, problem: str) -> None:
        """Drop a damaged search index; the next search rebuilds it from the stored articles."""
        conn = self._db()
        with db.transaction(conn, self.path):
            search.drop(conn)
            search.ensure_table(conn)  # empty, and "stale" when there are articles
        self.notices.append(
            f"the search index of {self.path} was damaged ({problem}); it is rebuilt from the "
            "stored articles at the next search (byline library vacuum rebuilds it now)"
        )

    def _repairing_index(self, operation: Callable[[], T]) -> T:
        """Run ``operation`` (it writes or searches the index); when it fails because
        the index is damaged — SQLite's own check cannot see that — drop the index
        and run it once more. Any other failure is raised as it was."""
        try:
            return operation()
        except (sqlite3.Error, LibraryError) as exc:
            error = db.translate(exc, self.path) if isinstance(exc, sqlite3.Error) else exc
            if isinstance(error, (LibraryLocked, LibraryFull, LibraryReadOnly)) or self.read_only is not None:
                raise error from None
            problem = self.search_damage()
            if problem is None:
                raise error from None
            self.drop_search(problem)
        return operation()

    # ------------------------------------------------------------- size limit

    @db.guarded
    def enforce_limit(self, max_bytes: int | None = None, *, protect: int | None = None) -> maintenance.Evicted:
        """Shrink the library under ``max_bytes`` (default: ``self.max_bytes``); see ``eviction``."""
        limit = self.max_bytes if max_bytes is None else max_bytes
        return self._repairing_index(lambda: maintenance.enforce(self, limit, protect=protect))

    @db.guarded
    def vacuum(self) -> maintenance.VacuumReport:
        """Check the file, rebuild a stale index and compact it; move a damaged file aside."""
        return maintenance.vacuum(self)

