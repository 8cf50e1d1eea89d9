"""Feeds in the library: subscriptions, their items, read state and the HTTP
validators that make an unchanged feed cost one small request.

An item's article is an ordinary library entry (``articles``), shared when
two feeds carry the same story; its read flag is the article's, kept in step
by a trigger, so reading a story anywhere marks it read in every feed. The
queries the start screen and the item list run are index-only at 100 feeds
and 10,000 items (bench/feeds.py times them).

Every method blocks: the app calls them from a thread worker.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from byline.tui.data import db
from byline.tui.data.feed_records import SEPARATOR, Feed, Item, NewItem, feed_from_row, item_from_row
from byline.tui.data.schema import run_script

__all__ = ["CONTENT_STATES", "Feed", "FeedStore", "Item", "NewItem", "create_tables"]

if TYPE_CHECKING:
    from byline.tui.data.library import Library

#: What an item holds: its page as an article, the feed's summary as one
#: (the page could not be read), nothing (no page, no summary), or not yet fetched.
CONTENT_STATES = ("article", "summary", "none", "pending")

SCHEMA = """
CREATE TABLE feeds (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL,            -- the feed's address (after discovery)
    key           TEXT NOT NULL UNIQUE,     -- normalised url: one subscription per feed
    name          TEXT,                     -- the user's name for it (--name)
    title         TEXT,                     -- the feed's own title
    site_url      TEXT,                     -- the site the feed belongs to
    tags          TEXT NOT NULL DEFAULT '',
    added_at      REAL NOT NULL,
    checked_at    REAL,                     -- last update attempt
    updated_at    REAL,                     -- last update that reached the feed (200 or 304)
    error         TEXT,                     -- why the last attempt failed; NULL when it worked
    etag          TEXT,
    last_modified TEXT,
    digest        TEXT                      -- sha256 of the last body parsed
);

CREATE TABLE feed_items (
    id         INTEGER PRIMARY KEY,
    feed_id    INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    guid       TEXT NOT NULL,
    url        TEXT,                        -- absolute http(s) link, as the feed gave it
    url_key    TEXT,                        -- normalised, tracking parameters dropped
    title      TEXT,
    authors    TEXT NOT NULL DEFAULT '',
    published  TEXT,                        -- ISO 8601, as the feed gave it
    sort_time  REAL NOT NULL,               -- published, but never later than first seen
    site       TEXT,
    summary    TEXT,                        -- the feed's summary as plain text, clipped
    content    TEXT NOT NULL DEFAULT 'pending'
               CHECK (content IN ('article', 'summary', 'none', 'pending')),
    error      TEXT,                        -- why the page could not be read
    article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    read       INTEGER NOT NULL DEFAULT 0,
    added_at   REAL NOT NULL,
    UNIQUE (feed_id, guid)
);
CREATE INDEX feed_items_order ON feed_items (feed_id, sort_time DESC, id DESC, read);
CREATE INDEX feed_items_unread ON feed_items (feed_id, sort_time DESC, id DESC) WHERE read = 0;
CREATE INDEX feed_items_pending ON feed_items (feed_id, sort_time DESC) WHERE content = 'pending';
CREATE INDEX feed_items_url ON feed_items (url_key);
CREATE INDEX feed_items_guid ON feed_items (guid);
CREATE INDEX feed_items_article ON feed_items (article_id);
"""

# Reading an article anywhere (the app, --dump, library commands) reads it in every feed.
_READ_TRIGGER = """
CREATE TRIGGER feed_items_follow_read AFTER UPDATE OF read ON articles
WHEN NEW.read != OLD.read
BEGIN
    UPDATE feed_items SET read = NEW.read WHERE article_id = NEW.id AND read != NEW.read;
END
"""


def create_tables(conn: sqlite3.Connection) -> None:
    """The schema step that adds feeds (run by ``schema.MIGRATIONS``, inside its transaction)."""

    run_script(conn, SCHEMA)
    conn.execute(_READ_TRIGGER)  # one statement with inner ';': not for run_script


_FEED_COLUMNS = (
    "f.id, f.url, f.name, f.title, f.site_url, f.tags, f.added_at, f.checked_at, f.updated_at, "
    "f.error, f.etag, f.last_modified, f.digest, "
    "(SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id AND i.read = 0), "
    "(SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id)"
)
_FEED_ORDER = "lower(coalesce(f.name, f.title, f.url)), f.id"
_ITEM_COLUMNS = (
    "i.id, i.feed_id, i.guid, i.url, i.url_key, i.title, i.authors, i.published, i.sort_time, "
    "i.site, i.summary, i.content, i.error, i.article_id, i.read, i.added_at"
)
_ITEM_ORDER = "i.sort_time DESC, i.id DESC"


# -------------------------------------------------------------------- store


class FeedStore:
    """Feeds and their items in a :class:`Library`'s database (same file, same connections)."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.path = library.path

    def _conn(self) -> sqlite3.Connection:
        return self.library._db()  # this thread's connection; the package shares it

    def _rows(self, sql: str, params: Iterable[object] = ()) -> list[sqlite3.Row]:
        try:
            return self._conn().execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise db.translate(exc, self.path) from None

    def _write(self, sql: str, params: Iterable[object] = ()) -> int:
        conn = self._conn()
        with db.transaction(conn, self.path):
            return conn.execute(sql, tuple(params)).rowcount

    # ---------------------------------------------------------------- feeds

    def feeds(self) -> list[Feed]:
        """Every subscription with its unread and total counts, in name order."""
        return [feed_from_row(row) for row in self._rows(f"SELECT {_FEED_COLUMNS} FROM feeds f ORDER BY {_FEED_ORDER}")]

    def feed(self, feed_id: int) -> Feed | None:
        rows = self._rows(f"SELECT {_FEED_COLUMNS} FROM feeds f WHERE f.id = ?", (feed_id,))
        return feed_from_row(rows[0]) if rows else None

    def find(self, key: str) -> Feed | None:
        """The subscription whose normalised address is ``key``."""
        rows = self._rows(f"SELECT {_FEED_COLUMNS} FROM feeds f WHERE f.key = ?", (key,))
        return feed_from_row(rows[0]) if rows else None

    def add(
        self,
        url: str,
        key: str,
        *,
        name: str | None = None,
        title: str | None = None,
        site_url: str | None = None,
        tags: Sequence[str] = (),
    ) -> tuple[Feed, bool]:
        """Subscribe to ``url``; return the feed and whether it is new (an existing
        subscription with the same ``key`` is returned as it is)."""
        conn = self._conn()
        with db.transaction(conn, self.path):
            found = conn.execute("SELECT id FROM feeds WHERE key = ?", (key,)).fetchone()
            if found is None:
                cursor = conn.execute(
                    "INSERT INTO feeds (url, key, name, title, site_url, tags, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (url, key, name, title, site_url, SEPARATOR.join(dict.fromkeys(tags)), time.time()),
                )
                feed_id = int(cursor.lastrowid)
        feed = self.feed(feed_id if found is None else found[0])
        assert feed is not None
        return feed, found is None

    def remove(self, feed_ids: Iterable[int]) -> list[int]:
        """Unsubscribe (the feeds' items go; their articles stay in the library); return the ids that existed."""
        ids = list(dict.fromkeys(int(i) for i in feed_ids))
        conn = self._conn()
        with db.transaction(conn, self.path):
            found = [i for i in ids if conn.execute("SELECT 1 FROM feeds WHERE id = ?", (i,)).fetchone()]
            conn.executemany("DELETE FROM feeds WHERE id = ?", [(i,) for i in found])
        return found

    def record_failure(self, feed_id: int, error: str) -> None:
        """The feed could not be fetched or parsed: its items and validators stay."""
        self._write("UPDATE feeds SET checked_at = ?, error = ? WHERE id = ?", (time.time(), error, feed_id))

    def record_unchanged(self, feed_id: int, *, etag: str | None, last_modified: str | None) -> None:
        """The feed answered 304 (or sent the same bytes again)."""
        now = time.time()
        self._write(
            "UPDATE feeds SET checked_at = ?, updated_at = ?, error = NULL, "
            "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE id = ?",
            (now, now, etag, last_modified, feed_id),
        )

    # ---------------------------------------------------------------- items

    def known_guids(self, feed_id: int) -> set[str]:
        return {row[0] for row in self._rows("SELECT guid FROM feed_items WHERE feed_id = ?", (feed_id,))}

    def same_story(self, url_key: str | None, guid: str | None) -> Item | None:
        """An item of any feed that is this story: the same normalised URL, or the
        same globally unique guid (one with a scheme, ``tag:``/``urn:``/``http:``)."""
        if url_key:
            rows = self._rows(
                f"SELECT {_ITEM_COLUMNS} FROM feed_items i WHERE i.url_key = ? "
                "ORDER BY (i.content = 'pending'), i.id LIMIT 1",
                (url_key,),
            )
            if rows:
                return item_from_row(rows[0])
        if guid and ":" in guid:
            rows = self._rows(
                f"SELECT {_ITEM_COLUMNS} FROM feed_items i WHERE i.guid = ? "
                "ORDER BY (i.content = 'pending'), i.id LIMIT 1",
                (guid,),
            )
            if rows:
                return item_from_row(rows[0])
        return None

    def store_new(
        self,
        feed_id: int,
        items: Sequence[NewItem],
        *,
        title: str | None,
        site_url: str | None,
        etag: str | None,
        last_modified: str | None,
        digest: str | None,
    ) -> list[int]:
        """Add a fetched feed's new items and its validators in one transaction;
        return the new items' ids. Items come in feed order (newest first) and
        are inserted oldest first, so ids rise with recency on equal dates."""
        now = time.time()
        conn = self._conn()
        ids: list[int] = []
        with db.transaction(conn, self.path):
            for item in reversed(items):
                cursor = conn.execute(
                    "INSERT OR IGNORE INTO feed_items (feed_id, guid, url, url_key, title, authors, published, "
                    "sort_time, site, summary, content, error, article_id, read, added_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        feed_id, item.guid, item.url, item.url_key, item.title, SEPARATOR.join(item.authors),
                        item.published, item.sort_time, item.site, item.summary, item.content, item.error,
                        item.article_id, int(item.read), now,
                    ),
                )
                if cursor.rowcount:
                    ids.append(int(cursor.lastrowid))
            conn.execute(
                "UPDATE feeds SET checked_at = ?, updated_at = ?, error = NULL, title = coalesce(?, title), "
                "site_url = coalesce(?, site_url), etag = ?, last_modified = ?, digest = ? WHERE id = ?",
                (now, now, title, site_url, etag, last_modified, digest, feed_id),
            )
        ids.reverse()
        return ids

    def pending(self, feed_id: int, *, limit: int) -> list[Item]:
        """Items whose page is still to be fetched, newest first."""
        return [
            item_from_row(row)
            for row in self._rows(
                f"SELECT {_ITEM_COLUMNS} FROM feed_items i WHERE i.feed_id = ? AND i.content = 'pending' "
                "ORDER BY i.sort_time DESC, i.id DESC LIMIT ?",
                (feed_id, limit),
            )
        ]

    def settle(
        self,
        item_id: int,
        *,
        content: str,
        article_id: int | None = None,
        error: str | None = None,
        site: str | None = None,
        title: str | None = None,
        read: bool | None = None,
    ) -> None:
        """Record what fetching an item's page gave (``content`` is one of ``CONTENT_STATES``)."""
        if content not in CONTENT_STATES:
            raise ValueError(f"unknown content state {content!r}")
        conn = self._conn()
        with db.transaction(conn, self.path):
            if read is None and article_id is not None:
                row = conn.execute("SELECT read FROM articles WHERE id = ?", (article_id,)).fetchone()
                read = bool(row[0]) if row else None
            conn.execute(
                "UPDATE feed_items SET content = ?, article_id = ?, error = ?, site = coalesce(?, site), "
                "title = coalesce(title, ?), read = coalesce(?, read) WHERE id = ?",
                (content, article_id, error, site, title, None if read is None else int(read), item_id),
            )

    def link_stored(self, feed_id: int | None = None) -> int:
        """Items (of ``feed_id``, or every feed) whose page the reader has stored
        since - opened from the item list before any update read it - now hold
        that article, and its read state. Returns how many changed."""
        where, params = (" AND feed_id = ?", (feed_id,)) if feed_id is not None else ("", ())
        return self._write(
            "UPDATE feed_items SET content = 'article', error = NULL, "
            "article_id = (SELECT a.id FROM articles a WHERE a.key = feed_items.url_key), "
            "read = max(read, (SELECT a.read FROM articles a WHERE a.key = feed_items.url_key)) "
            f"WHERE article_id IS NULL AND url_key IN (SELECT key FROM articles){where}",
            params,
        )

    def mark_article_fetched(self, article_id: int) -> int:
        """The app refreshed a summary-only article and got the page: its items
        now hold the article. Returns how many items changed."""
        return self._write(
            "UPDATE feed_items SET content = 'article', error = NULL WHERE article_id = ? AND content != 'article'",
            (article_id,),
        )

    # ------------------------------------------------------- what the app lists

    def items(
        self, feed_id: int, *, limit: int | None = None, offset: int = 0, unread_only: bool = False
    ) -> list[Item]:
        """A feed's items, newest first (the item list: title, date, site, unread)."""
        unread = " AND i.read = 0" if unread_only else ""
        rows = self._rows(
            f"SELECT {_ITEM_COLUMNS} FROM feed_items i WHERE i.feed_id = ?{unread} "
            f"ORDER BY {_ITEM_ORDER} LIMIT ? OFFSET ?",
            (feed_id, -1 if limit is None else limit, offset),
        )
        return [item_from_row(row) for row in rows]

    def item(self, item_id: int) -> Item | None:
        rows = self._rows(f"SELECT {_ITEM_COLUMNS} FROM feed_items i WHERE i.id = ?", (item_id,))
        return item_from_row(rows[0]) if rows else None

    def items_of_article(self, article_id: int) -> list[Item]:
        """The items (of any feed) whose article is this library entry."""
        rows = self._rows(
            f"SELECT {_ITEM_COLUMNS} FROM feed_items i WHERE i.article_id = ? ORDER BY i.id", (article_id,)
        )
        return [item_from_row(row) for row in rows]

    def unread_count(self) -> int:
        return int(self._rows("SELECT count(*) FROM feed_items WHERE read = 0")[0][0])

    def next_unread(self, item_id: int, *, forward: bool = True, across_feeds: bool = True) -> Item | None:
        """The next (``forward``) or previous unread item after ``item_id`` in list
        order — down the item list, then on through the feeds in the start
        screen's order, as newsboat's n/p do. None when there is none."""
        current = self.item(item_id)
        if current is None:
            return None
        found = self._unread_near(current.feed_id, (current.sort_time, current.id), forward)
        if found is not None or not across_feeds:
            return found
        order = [row[0] for row in self._rows(f"SELECT f.id FROM feeds f ORDER BY {_FEED_ORDER}")]
        with_unread = {row[0] for row in self._rows("SELECT DISTINCT feed_id FROM feed_items WHERE read = 0")}
        at = order.index(current.feed_id) if current.feed_id in order else -1
        following = order[at + 1 :] if forward else list(reversed(order[:at]))
        for feed_id in following:
            if feed_id in with_unread:
                return self._unread_near(feed_id, None, forward)
        return None

    def first_unread(self, feed_id: int) -> Item | None:
        """The newest unread item of a feed (where n starts in a fresh list)."""
        return self._unread_near(feed_id, None, True)

    def _unread_near(self, feed_id: int, after: tuple[float, int] | None, forward: bool) -> Item | None:
        # List order is (sort_time, id) descending: "forward" goes to smaller keys.
        compare, order = ("<", "DESC") if forward else (">", "ASC")
        where, params = "", [feed_id]
        if after is not None:
            where = f" AND (i.sort_time, i.id) {compare} (?, ?)"
            params += list(after)
        rows = self._rows(
            f"SELECT {_ITEM_COLUMNS} FROM feed_items i WHERE i.feed_id = ? AND i.read = 0{where} "
            f"ORDER BY i.sort_time {order}, i.id {order} LIMIT 1",
            params,
        )
        return item_from_row(rows[0]) if rows else None

    # ------------------------------------------------------------ read state

    def set_read(self, item_id: int, read: bool = True) -> None:
        """Mark an item read or unread (its article too, so every feed that carries it follows)."""
        conn = self._conn()
        with db.transaction(conn, self.path):
            row = conn.execute("SELECT article_id FROM feed_items WHERE id = ?", (item_id,)).fetchone()
            if row is None:
                return
            if row[0] is not None:
                conn.execute("UPDATE articles SET read = ? WHERE id = ?", (int(read), row[0]))
                conn.execute("UPDATE feed_items SET read = ? WHERE article_id = ?", (int(read), row[0]))
            conn.execute("UPDATE feed_items SET read = ? WHERE id = ?", (int(read), item_id))

    def mark_feed_read(self, feed_id: int) -> int:
        """Mark every item of a feed read; return how many were unread."""
        conn = self._conn()
        with db.transaction(conn, self.path):
            unread = conn.execute(
                "SELECT count(*) FROM feed_items WHERE feed_id = ? AND read = 0", (feed_id,)
            ).fetchone()[0]
            conn.execute(
                "UPDATE articles SET read = 1 WHERE read = 0 AND id IN "
                "(SELECT article_id FROM feed_items WHERE feed_id = ? AND read = 0 AND article_id IS NOT NULL)",
                (feed_id,),
            )
            conn.execute("UPDATE feed_items SET read = 1 WHERE feed_id = ? AND read = 0", (feed_id,))
        return int(unread)
