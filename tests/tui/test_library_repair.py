"""A damaged search index never locks the library: SQLite's own check does not
see inside FTS5's shadow tables, so byline asks FTS5 (``integrity-check``),
drops what is damaged and rebuilds it from the stored articles — on the write
or search that meets the damage, or at once in ``byline library vacuum``."""

from __future__ import annotations

import json
import sqlite3

import pytest

from _library_support import fetched_for, make_article
from byline.tui.cli.main import main
from byline.tui.data.library import Library
from byline.tui.data.paths import library_path

#: Ways to damage the index that ``PRAGMA quick_check`` passes: each made a
#: store, a search, a removal or vacuum fail with "damaged … run vacuum".
DAMAGE = {
    "segments deleted": "DELETE FROM search_data WHERE id > 10",
    "segments zeroed": "UPDATE search_data SET block = zeroblob(length(block)) WHERE id > 10",  # searches find nothing
    "segments garbled": "UPDATE search_data SET block = x'ffffffff' WHERE id > 10",
    "structure garbled": "UPDATE search_data SET block = x'00' WHERE id = 10",
    "averages garbled": "UPDATE search_data SET block = x'ff' WHERE id = 1",
    "document sizes deleted": "DELETE FROM search_docsize",
    "indexed text deleted": "DELETE FROM search_content WHERE id % 2 = 0",
    "format row garbled": "UPDATE search_config SET v = 99 WHERE k = 'version'",
    "format row deleted": "DELETE FROM search_config",
    "shadow table dropped": "DROP TABLE search_data",
}


def stock_library(count: int = 12) -> list[int]:
    with Library() as library:
        ids = []
        for n in range(count):
            article = make_article(f"Harbour story {n}", [f"Story {n} tells of the harbour wall and its seals. " * 8])
            ids.append(library.store(fetched_for(article), article))
        return ids


def damage(sql: str) -> None:
    conn = sqlite3.connect(library_path(), isolation_level=None)
    try:
        conn.executescript(sql)
        # SQLite's own check sees nothing wrong — or, from SQLite 3.4x on, which
        # reads FTS5 indexes too, only the index.
        try:
            seen = [row[0] for row in conn.execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError as exc:
            seen = [str(exc)]
        assert seen == ["ok"] or all("fts5" in problem.lower() for problem in seen), seen
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("INSERT INTO search (search) VALUES ('integrity-check')")
    finally:
        conn.close()


def assert_whole_and_searchable(count: int) -> None:
    conn = sqlite3.connect(library_path(), isolation_level=None)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO search (search) VALUES ('integrity-check')")
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == count
    finally:
        conn.close()
    with Library() as library:
        assert len(library.search("seals", limit=100)) == count


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("sql", DAMAGE.values(), ids=DAMAGE.keys())
def test_vacuum_rebuilds_a_damaged_index_from_the_stored_articles(sql, capsys):
    ids = stock_library()
    damage(sql)

    status, out, err = run(capsys, "library", "vacuum")

    assert status == 0 and err == ""
    assert out.count("\n") == 1 and "checked ok, 12 articles" in out
    assert "search index was damaged" in out and "rebuilt" in out
    assert_whole_and_searchable(len(ids))
    assert not list(library_path().parent.glob("*.corrupt-*"))  # nothing moved aside


@pytest.mark.parametrize("sql", [DAMAGE["segments garbled"], DAMAGE["format row garbled"], DAMAGE["shadow table dropped"]])
def test_stores_searches_and_removals_go_on_through_a_damaged_index(sql, capsys):
    ids = stock_library()
    damage(sql)

    with Library() as library:
        replacement = make_article("Harbour story 3", ["Rewritten: the seals left the harbour wall."])
        assert library.store(fetched_for(replacement), replacement) == ids[3]
        new = make_article("Harbour story new", ["A new story of seals."])
        new_id = library.store(fetched_for(new), new)
        assert library.remove([ids[0]]) == [ids[0]]
        hits = {hit.entry.id for hit in library.search("seals", limit=100)}
        [notice] = library.notices
        assert "search index" in notice and "damaged" in notice and "\n" not in notice

    assert hits == (set(ids) - {ids[0]}) | {new_id}
    assert_whole_and_searchable(len(ids))


def test_a_damaged_index_is_repaired_by_the_command_that_meets_it(capsys):
    stock_library(4)
    damage(DAMAGE["segments garbled"])

    status, out, err = run(capsys, "library", "search", "seals", "--json")

    assert status == 0 and len(json.loads(out)) == 4
    assert err.count("\n") == 1 and "search index" in err and "damaged" in err


def test_vacuum_moves_a_damaged_file_aside_in_one_line_and_never_asks_for_itself(capsys):
    stock_library(30)
    path = library_path()
    size = path.stat().st_size
    with open(path, "r+b") as handle:  # scribble over the articles themselves
        handle.seek(size // 3)
        handle.write(b"\xff" * (size // 3))

    status, out, err = run(capsys, "library", "vacuum")

    assert status == 5 and out == "", (out, err)
    assert err.count("\n") == 1 and "moved to" in err and "vacuum" not in err
    [moved] = path.parent.glob("library.sqlite3.corrupt-*")
    assert moved.stat().st_size == size
    assert run(capsys, "library", "list", "--json")[:2] == (0, "[]\n")
