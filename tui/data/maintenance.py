"""Keeping the library small and healthy: the size limit, compaction, checks.

Size limit policy (``library.max_mb`` in the config): the size is the bytes
the database's pages hold. When a store pushes it over the limit,

1. the raw bytes of the least recently opened articles are dropped first —
   the extracted article stays readable offline, only re-extraction after a
   byline upgrade is lost for them (``--refresh`` fetches them again);
2. if that is not enough, whole entries go, least recently opened first.

Eviction goes down to 90 % of the limit, so it runs now and then rather than
after every store. The article just stored is never evicted. Freed pages are
returned to the file system at once (``auto_vacuum = INCREMENTAL``); after
whole entries go, the search index is merged so their words stop taking room.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from byline.tui.data import db, entry_rows, search
from byline.tui.data.errors import LibraryCorrupt, LibraryError

if TYPE_CHECKING:
    from byline.tui.data.library import Library

_MAX_ROUNDS = 50
_BATCH = 200
#: Evict down to this share of the limit (hysteresis: not after every store).
LOW_WATER = 0.9


@dataclass(slots=True, frozen=True)
class Evicted:
    """What ``enforce`` took out to get under the limit."""

    raw_dropped: tuple[int, ...] = ()
    entries_removed: tuple[int, ...] = ()
    size_before: int = 0
    size_after: int = 0


@dataclass(slots=True, frozen=True)
class VacuumReport:
    path: Path
    entries: int
    size_before: int
    size_after: int
    #: "ok", or what SQLite's check found.
    check: str = "ok"
    #: Where a damaged file was moved, when it was.
    moved_to: Path | None = None
    search_rebuilt: bool = False
    #: What FTS5's check found wrong with the search index (it was rebuilt), if anything.
    search_damage: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "entries": self.entries,
            "size_before": self.size_before,
            "size_after": self.size_after,
            "check": self.check,
            "moved_to": str(self.moved_to) if self.moved_to else None,
            "search_rebuilt": self.search_rebuilt,
            "search_damage": self.search_damage,
        }


def used_bytes(conn: sqlite3.Connection) -> int:
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    free = conn.execute("PRAGMA freelist_count").fetchone()[0]
    return (pages - free) * page_size


def shrink(conn: sqlite3.Connection) -> None:
    """Give free pages back to the file system (cheap; a no-op without auto_vacuum)."""
    try:
        # executescript steps the pragma to the end; execute() frees one page per call.
        conn.executescript("PRAGMA incremental_vacuum;")
    except sqlite3.OperationalError:
        pass  # busy: the pages stay free inside the file and are reused


def enforce(library: Library, limit: int, *, protect: int | None = None) -> Evicted:
    """Evict raw bytes, then entries, least recently opened first, until under ``limit``."""
    conn = library._db()
    before = used_bytes(conn)
    if limit <= 0 or before <= limit:
        return Evicted(size_before=before, size_after=before)
    target = int(limit * LOW_WATER)
    dropped = _evict(
        library,
        target,
        "SELECT d.article_id, length(d.data) FROM documents d JOIN articles a ON a.id = d.article_id "
        "WHERE d.article_id != ? ORDER BY a.opened_at, a.id LIMIT ?",
        protect,
        _drop_raw,
    )
    removed = _evict(
        library,
        target,
        # stored_bytes is compressed; the index holds the text uncompressed.
        "SELECT id, stored_bytes + 3 * words * 6 FROM articles WHERE id != ? ORDER BY opened_at, id LIMIT ?",
        protect,
        _remove_entries,
    )
    shrink(conn)
    return Evicted(tuple(dropped), tuple(removed), before, used_bytes(conn))


def _evict(
    library: Library,
    limit: int,
    candidates_sql: str,
    protect: int | None,
    action: Callable[[Library, sqlite3.Connection, list[int]], None],
) -> list[int]:
    conn = library._db()
    taken: list[int] = []
    for _round in range(_MAX_ROUNDS):
        excess = used_bytes(conn) - limit
        if excess <= 0:
            break
        rows = conn.execute(candidates_sql, (-1 if protect is None else protect, _BATCH)).fetchall()
        if not rows:
            break
        batch, freed = [], 0
        for entry_id, size in rows:
            batch.append(entry_id)
            freed += size or 0
            if freed >= excess:
                break
        with db.transaction(conn, library.path):
            action(library, conn, batch)
        taken.extend(batch)
    return taken


def _drop_raw(library: Library, conn: sqlite3.Connection, ids: list[int]) -> None:
    for entry_id in ids:
        conn.execute(
            "UPDATE articles SET stored_bytes = stored_bytes - "
            "coalesce((SELECT length(data) FROM documents WHERE article_id = ?), 0) WHERE id = ?",
            (entry_id, entry_id),
        )
    conn.executemany("DELETE FROM documents WHERE article_id = ?", [(i,) for i in ids])


def _remove_entries(library: Library, conn: sqlite3.Connection, ids: list[int]) -> None:
    conn.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in ids])
    entry_rows.unindex(conn, library.search_available, ids)
    if library.search_available and search.state(conn) == "ok":
        # FTS5 keeps deleted words until its segments merge: merge now, or the
        # space would not come back and eviction would take more than it must.
        conn.execute("INSERT INTO search (search) VALUES ('optimize')")


def vacuum(library: Library) -> VacuumReport:
    """Check the database and its search index, repair what is damaged, compact.

    The articles damaged: the file is moved aside (never deleted) and a new one
    started. Only the search index damaged (``PRAGMA quick_check`` does not look
    inside it; FTS5's own check does): it is rebuilt from the stored articles."""
    conn = library._db()
    before = file_bytes(library.path)
    problems = _quick_check(library)
    index_damage: str | None = None
    if problems != ["ok"] and library.search_available and all(_about_the_index(p) for p in problems):
        # SQLite from 3.4x on reads FTS5 indexes in quick_check too: damage
        # there alone is the search index's, rebuilt below, not the articles'.
        index_damage = "; ".join(problems[:3])
        problems = ["ok"]
    if problems != ["ok"]:
        return _moved_aside(library, "; ".join(problems[:3]), before)
    rebuilt = False
    try:
        if library.search_available:
            index_damage = index_damage or library.search_damage()
            if index_damage is not None or search.state(conn) != "ok":
                library.rebuild_search()
                rebuilt = True
                problems = _quick_check(library)  # the rest, now that the index is whole
                if problems != ["ok"]:
                    return _moved_aside(library, "; ".join(problems[:3]), before)
            with db.transaction(conn, library.path):
                conn.execute("INSERT INTO search (search) VALUES ('optimize')")
        conn.execute("VACUUM")
        if library.journal_mode == "wal":
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except (sqlite3.Error, LibraryError) as exc:
        error = db.translate(exc, library.path) if isinstance(exc, sqlite3.Error) else exc
        if isinstance(error, LibraryCorrupt):  # what could not be repaired in place
            return _moved_aside(library, error.detail, before)
        raise error from None
    return VacuumReport(
        library.path,
        library.count(everything=True),
        before,
        file_bytes(library.path),
        "ok",
        None,
        rebuilt,
        index_damage,
    )


def _quick_check(library: Library) -> list[str]:
    """What ``PRAGMA quick_check`` finds wrong (["ok"]: nothing)."""
    try:
        return [row[0] for row in library._db().execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        if not (db.is_corruption(exc) or _about_the_index(str(exc))):
            raise db.translate(exc, library.path) from None
        return [str(exc)]


def _about_the_index(problem: str) -> bool:
    """Whether a problem SQLite reports is in the FTS5 search index only."""
    return "fts5" in problem.lower()


def _moved_aside(library: Library, problem: str, before: int) -> VacuumReport:
    moved = library.start_afresh(problem, notice=False)
    return VacuumReport(library.path, 0, before, file_bytes(library.path), problem, moved)


def file_bytes(path: Path) -> int:
    """The database file's size on disk, with its write-ahead log."""
    total = 0
    for candidate in (path, path.with_name(path.name + "-wal")):
        try:
            total += candidate.stat().st_size
        except OSError:
            pass
    return total
