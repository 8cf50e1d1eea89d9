"""The full-text index (SQLite FTS5) over titles, text, entity names and quote speakers.

The index is optional: a Python whose SQLite lacks FTS5 still stores and
reads articles. The ``meta`` row ``search`` says whether the index matches the
articles (``ok``) or must be rebuilt (``stale``) — a library written while FTS5
was missing is rebuilt the first time a capable byline searches it.

The index is derived data: the stored articles are the truth. An index damaged
in a way ``PRAGMA quick_check`` cannot see (it does not look inside FTS5's
shadow tables) is found by FTS5's own ``integrity-check`` (``damage``), dropped
(``drop``, which copes with shadow tables gone or unreadable) and rebuilt from
the articles.
"""

from __future__ import annotations

import re
import sqlite3

from byline.extract import Article
from byline.tui.data.records import MARK_END, MARK_START
from byline.tui.data.schema import SEARCH_TABLE_SQL

#: bm25 weights, in the index's column order: title, names, speakers, text.
WEIGHTS = (10.0, 5.0, 5.0, 1.0)
#: Words around the match taken from the text, of which the sentence holding it is kept.
SNIPPET_WORDS = 48
#: Where FTS5 cut the text for the snippet (replaced by "…"; never in extracted text).
_CUT = "\x1e"
#: The end of a sentence (its closing quote or bracket kept), or a line break.
_SENTENCE_END = re.compile(r"([.!?…][\"”’»)\]]*)\s+|\n+")

_PHRASE_OR_WORD = re.compile(r'"([^"]*)"|(\w+)')
_WORD = re.compile(r"\w+")

NO_FTS5_MESSAGE = (
    "this Python's SQLite was built without FTS5, so the library cannot be searched "
    "(storing and reopening articles still work); a Python with a full SQLite enables search"
)


def index_columns(article: Article) -> tuple[str, str, str, str]:
    """What the index holds for one article: title, names, speakers, text."""
    names = []
    for entity in article.entities:
        names.append(entity.name)
        names.extend(alias for alias in entity.aliases if alias != entity.name)
    speakers = sorted({quote.speaker for quote in article.quotes if quote.speaker})
    return (article.title or "", "\n".join(names), "\n".join(speakers), article.text)


def match_expression(query: str) -> str | None:
    """Turn what a person typed into a safe FTS5 query, or None when it has no words.

    Every bare word of two or more characters matches as a prefix (search as
    you type: ``bridg`` finds "bridges"); a single character matches only
    itself (as a prefix it matches nearly every article, slowly); text in
    double quotes matches as a phrase; all terms must match. FTS5 syntax
    (``AND``, ``NEAR``, ``-``, ``*``) is never interpreted.
    """
    terms = []
    for match in _PHRASE_OR_WORD.finditer(query):
        phrase, word = match.groups()
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words:
                terms.append('"' + " ".join(words) + '"')
        elif word:
            terms.append(f'"{word}"*' if len(word) > 1 else f'"{word}"')
    return " ".join(terms) if terms else None


def state(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'search'").fetchone()
    return row[0] if row else None


def set_state(conn: sqlite3.Connection, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('search', ?)", (value,))


def table_ready(conn: sqlite3.Connection) -> bool:
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search'").fetchone()
    return bool(exists) and state(conn) is not None


def ensure_table(conn: sqlite3.Connection) -> None:
    """Create the index if it is missing; mark it stale when articles predate it."""
    if table_ready(conn):
        return
    conn.execute(SEARCH_TABLE_SQL)
    # A ranking stored with the index lets "ORDER BY rank" skip re-scoring (faster than bm25()).
    weights = ", ".join(str(w) for w in WEIGHTS)
    conn.execute("INSERT INTO search (search, rank) VALUES ('rank', ?)", (f"bm25({weights})",))
    has_articles = conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone()
    set_state(conn, "stale" if has_articles else "ok")


#: FTS5's shadow tables (fts5_storage.c), enough for FTS5 to open the index so it can be dropped.
_SHADOW_TABLES = (
    "search_data (id INTEGER PRIMARY KEY, block BLOB)",
    "search_idx (segid, term, pgno, PRIMARY KEY (segid, term)) WITHOUT ROWID",
    "search_content (id INTEGER PRIMARY KEY, c0, c1, c2, c3)",
    "search_docsize (id INTEGER PRIMARY KEY, sz BLOB)",
    "search_config (k PRIMARY KEY, v) WITHOUT ROWID",
)
#: What an empty FTS5 index holds (file format 4, which every SQLite with FTS5
#: reads): the format in its config table, an empty averages record (id 1) and
#: an empty structure record (id 10: a cookie and three zero counts).
_FTS5_FORMAT = 4
_EMPTY_RECORDS = ((1, b""), (10, bytes(7)))


def damage(conn: sqlite3.Connection) -> str | None:
    """What FTS5's own check finds wrong with the index, or None when it is whole
    (or absent). Reads the whole index: call it when something failed, or from vacuum."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search'").fetchone():
        return None
    try:
        conn.execute("INSERT INTO search (search) VALUES ('integrity-check')")
    except sqlite3.Error as exc:
        return str(exc) or type(exc).__name__
    return None


def drop(conn: sqlite3.Connection) -> None:
    """Drop the index, however damaged (run it inside a transaction).

    DROP TABLE has FTS5 open the table first, which fails when its format row,
    its structure record or a shadow table is gone or garbled; those are put
    back as an empty index has them, and the drop tried again."""
    try:
        conn.execute("DROP TABLE IF EXISTS search")
        return
    except sqlite3.Error:
        pass
    for table in _SHADOW_TABLES:
        conn.execute(f"CREATE TABLE IF NOT EXISTS {table}")
    conn.execute("INSERT OR REPLACE INTO search_config (k, v) VALUES ('version', ?)", (_FTS5_FORMAT,))
    conn.executemany("INSERT OR REPLACE INTO search_data (id, block) VALUES (?, ?)", _EMPTY_RECORDS)
    conn.execute("DROP TABLE search")


def put(conn: sqlite3.Connection, article_id: int, article: Article) -> None:
    conn.execute("DELETE FROM search WHERE rowid = ?", (article_id,))
    conn.execute(
        "INSERT INTO search (rowid, title, names, speakers, text) VALUES (?, ?, ?, ?, ?)",
        (article_id, *index_columns(article)),
    )


def delete(conn: sqlite3.Connection, article_ids: list[int]) -> None:
    conn.executemany("DELETE FROM search WHERE rowid = ?", [(i,) for i in article_ids])


def query_sql(columns: str) -> str:
    """Hits, best first, each with a window of its text around the match (see ``sentence_of``)."""
    return (
        f"SELECT {columns}, "
        f"snippet(search, 3, '{MARK_START}', '{MARK_END}', '{_CUT}', {SNIPPET_WORDS}) AS snippet, "
        "search.rank "
        "FROM search JOIN articles a ON a.id = search.rowid "
        "WHERE search MATCH ? ORDER BY search.rank LIMIT ?"
    )


def sentence_of(snippet: str) -> str:
    """The sentence of a text snippet that holds its first match (marked with
    ``MARK_START``/``MARK_END``), or the first sentence when the match was in the
    title, a name or a speaker rather than the text. "…" stands where the window
    cut a sentence short."""
    cut_before, cut_after = snippet.startswith(_CUT), snippet.endswith(_CUT)
    body = snippet.strip(_CUT)
    first = body.find(MARK_START)
    after = body.find(MARK_END, first) + 1 if first >= 0 else 0
    begin = 0
    for boundary in _SENTENCE_END.finditer(body, 0, max(first, 0)):
        begin = boundary.end()
    boundary = _SENTENCE_END.search(body, after)
    end = len(body) if boundary is None else (boundary.end(1) if boundary.group(1) else boundary.start())
    sentence = body[begin:end].strip()
    if begin == 0 and cut_before:
        sentence = "…" + sentence
    if end == len(body) and cut_after:
        sentence += "…"
    return sentence
