"""The full-text index (SQLite FTS5) over titles, text, entity names and quote speakers.

The index is optional: a Python whose SQLite lacks FTS5 still stores and
reads articles. The ``meta`` row ``search`` says whether the index matches the
articles (``ok``) or must be rebuilt (``stale``) — a library written while FTS5
was missing is rebuilt the first time a capable byline searches it.
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
