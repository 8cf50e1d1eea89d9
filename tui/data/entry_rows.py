"""An article as the library's rows, and a row as an ``Entry``: the columns a
listing reads, the ``articles`` row a store writes (inserted, or updated in
place so the entry keeps its id, read flag and reading position), the
extracted ``Article`` compressed, and the search index kept in step.

Plain functions on a connection, inside the caller's transaction;
``Library`` (library.py) holds the connections and the transactions.
"""

from __future__ import annotations

import json
import sqlite3
import time
import zlib
from collections.abc import Iterable

from byline import extract
from byline.extract import Article
from byline.tui.data import search
from byline.tui.data.keys import from_column, to_column
from byline.tui.data.records import Entry, Fetched

#: The columns an ``Entry`` is made of, in its order (``entry`` reads them by position).
ENTRY_COLUMNS = (
    "a.id, a.key, a.source, a.origin, a.final_url, a.title, a.site, a.published, a.authors, "
    "a.language, a.words, a.fetched_at, a.opened_at, a.read, a.position, a.extractor, a.ner, "
    "a.file_mtime_ns, a.file_size, "
    "EXISTS (SELECT 1 FROM documents d WHERE d.article_id = a.id) AS has_raw, a.stored_bytes"
)
AUTHOR_SEPARATOR = "\x1f"  # unit separator: never inside extracted text


def entry(row: tuple) -> Entry:
    """The ``Entry`` of a row read with ``ENTRY_COLUMNS``."""
    # Positional, in ENTRY_COLUMNS order: listing 10,000 entries is a hot path.
    if bytes in (type(row[1]), type(row[2]), type(row[4])):  # a file name that is not UTF-8
        row = (row[0], from_column(row[1]), from_column(row[2]), row[3], from_column(row[4]), *row[5:])
    authors = row[8]
    return Entry(
        *row[:8],
        tuple(authors.split(AUTHOR_SEPARATOR)) if authors else (),
        *row[9:13],
        bool(row[13]),
        *row[14:19],
        bool(row[19]),
        row[20],
    )


def compress_article(article: Article) -> bytes:
    """The extracted article as stored: JSON, zlib."""
    data = article.to_dict()
    try:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:  # a source path that is not UTF-8: \udcXX escapes read back as it was
        text = json.dumps(data, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    return zlib.compress(text, 6)


def article_row(fetched: Fetched, article: Article, *, ner: str, listed: bool, stored_bytes: int) -> dict[str, object]:
    """The ``articles`` columns a store writes for ``article`` read from ``fetched`` (opened now)."""
    return {
        "key": to_column(fetched.key),
        "source": to_column(fetched.raw.source) if fetched.origin != "stdin" else "-",
        "origin": fetched.origin,
        "final_url": to_column(fetched.raw.url),
        "title": article.title,
        "site": article.site,
        "published": article.published,
        "authors": AUTHOR_SEPARATOR.join(article.authors),
        "language": article.language,
        "words": article.words,
        "fetched_at": fetched.fetched_at,
        "opened_at": time.time(),
        "file_mtime_ns": fetched.file_mtime_ns,
        "file_size": fetched.file_size,
        "extractor": extract.__version__,
        "ner": ner,
        "stored_bytes": stored_bytes,
        "listed": int(listed),
    }


def upsert(conn: sqlite3.Connection, row: dict[str, object], entry_id: int | None, read: bool, text_length: int) -> int:
    """Insert ``row``, or update the entry it replaces (by id, key, or a URL's final
    address) keeping its id, read flag and reading position; return the id."""
    existing = None
    if entry_id is not None:
        existing = conn.execute("SELECT id, read, position FROM articles WHERE id = ?", (entry_id,)).fetchone()
    if existing is None:
        existing = conn.execute("SELECT id, read, position FROM articles WHERE key = ?", (row["key"],)).fetchone()
    if existing is None and row["origin"] == "url" and row["final_url"]:
        existing = conn.execute(
            "SELECT id, read, position FROM articles WHERE final_url = ? ORDER BY id LIMIT 1",
            (row["final_url"],),
        ).fetchone()
    if existing is None:
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cursor = conn.execute(f"INSERT INTO articles ({columns}, read) VALUES ({marks}, ?)", (*row.values(), int(read)))
        return int(cursor.lastrowid)
    found_id, was_read, position = existing
    del row["key"]  # the entry keeps the address it was first stored under
    listed = row.pop("listed")  # once in the history, it stays
    assignments = ", ".join(f"{name} = ?" for name in row)
    conn.execute(
        f"UPDATE articles SET {assignments}, read = ?, position = ?, listed = max(listed, ?) WHERE id = ?",
        (*row.values(), int(bool(was_read) or read), position if position <= text_length else 0, listed, found_id),
    )
    return int(found_id)


def index(conn: sqlite3.Connection, search_available: bool, entry_id: int, article: Article) -> None:
    """Put a stored article in the search index (or mark an index this SQLite cannot keep stale)."""
    if search_available:
        if search.state(conn) == "ok":
            search.put(conn, entry_id, article)
    elif conn.execute("SELECT 1 FROM meta WHERE key = 'search'").fetchone():
        search.set_state(conn, "stale")  # an index made by a capable byline, now behind


def unindex(conn: sqlite3.Connection, search_available: bool, entry_ids: Iterable[int]) -> None:
    """Take deleted entries out of the search index (or mark it stale, as ``index``)."""
    entry_ids = list(entry_ids)
    if not entry_ids:
        return
    if search_available:
        if search.state(conn) == "ok":
            search.delete(conn, entry_ids)
    elif conn.execute("SELECT 1 FROM meta WHERE key = 'search'").fetchone():
        search.set_state(conn, "stale")
