"""The library's schema, versioned with ``PRAGMA user_version``.

Each entry of ``MIGRATIONS`` takes the database from version *n* to *n + 1*
and runs in its own transaction, so a failed step leaves the previous version
whole. Never edit a released step: add a new one.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

from byline.tui.data.keys import normalise_url

#: The full-text index; created only when SQLite has FTS5 (see ``db.fts5_available``).
#: The two-character prefix index makes search-as-you-type's second keystroke
#: (``ha`` → every word starting "ha") about twice as fast for ~9 % more disk.
SEARCH_TABLE_SQL = """
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
    title, names, speakers, text,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2'
)
"""

_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per stored article: what the start screen lists, without the blobs.
CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,   -- normalised URL, file:/abs/path or stdin:<sha256>
    source        TEXT NOT NULL,          -- as the user gave it
    origin        TEXT NOT NULL CHECK (origin IN ('url', 'file', 'stdin')),
    final_url     TEXT,
    title         TEXT,
    site          TEXT,
    published     TEXT,
    authors       TEXT NOT NULL DEFAULT '',
    language      TEXT,
    words         INTEGER NOT NULL DEFAULT 0,
    fetched_at    REAL NOT NULL,          -- unix time the bytes were read
    opened_at     REAL NOT NULL,          -- unix time last opened or stored
    file_mtime_ns INTEGER,
    file_size     INTEGER,
    read          INTEGER NOT NULL DEFAULT 0,
    position      INTEGER NOT NULL DEFAULT 0,  -- offset into Article.text
    extractor     TEXT NOT NULL,          -- extract.__version__ that made the stored Article
    ner           TEXT NOT NULL,
    stored_bytes  INTEGER NOT NULL DEFAULT 0   -- compressed raw + compressed Article
);
CREATE INDEX articles_final_url ON articles (final_url);
CREATE INDEX articles_opened ON articles (opened_at);

-- The bytes as read, zlib-compressed; evicted first when the library is too big.
CREATE TABLE documents (
    article_id   INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,          -- html | text
    content_type TEXT,
    charset      TEXT,
    size         INTEGER NOT NULL,       -- uncompressed
    data         BLOB NOT NULL
);

-- Article.to_dict() as JSON, zlib-compressed.
CREATE TABLE extractions (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    data       BLOB NOT NULL
);
"""


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run ``;``-separated statements inside the caller's transaction
    (``executescript`` would commit it)."""
    without_comments = re.sub(r"--[^\n]*", "", script)
    for statement in without_comments.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v1(conn: sqlite3.Connection) -> None:
    run_script(conn, _V1)


def _v2(conn: sqlite3.Connection) -> None:
    from byline.tui.data.feeds import create_tables  # feeds, their items, HTTP validators

    create_tables(conn)


def _v3(conn: sqlite3.Connection) -> None:
    """One key per story for the whole library: URL keys stored before tracking
    parameters and default ports were dropped are rewritten. When the shorter key
    is taken already (the same story saved both ways), the later copy keeps its
    old key: it stays listed, and opening the address finds the first."""

    taken = {row[0] for row in conn.execute("SELECT key FROM articles")}
    for entry_id, key in conn.execute("SELECT id, key FROM articles WHERE origin = 'url' ORDER BY id").fetchall():
        new = normalise_url(key)
        if new != key and new not in taken:
            conn.execute("UPDATE articles SET key = ? WHERE id = ?", (new, entry_id))
            taken.discard(key)
            taken.add(new)


def _v4(conn: sqlite3.Connection) -> None:
    """The history (the library screen's list) is what the reader opened and what
    was saved by hand: a feed's articles live under their feeds until opened."""
    conn.execute("ALTER TABLE articles ADD COLUMN listed INTEGER NOT NULL DEFAULT 1")
    conn.execute("CREATE INDEX articles_history ON articles (opened_at) WHERE listed = 1")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _v4]


def latest_version() -> int:
    return len(MIGRATIONS)
