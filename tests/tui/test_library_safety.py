"""Nothing lost: kills mid-write, two processes at once, a full disk, a damaged
file, an old schema, NFS, and a Python without FTS5."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest

from _library_support import fetched_for, make_article
from byline.tui.data import db, schema
from byline.tui.data.errors import LibraryError, LibraryFull, SearchUnavailable
from byline.tui.data.library import Library
from byline.tui.data.paths import on_network_filesystem

ROOT = Path(__file__).resolve().parents[2]
MODES = ["wal", "delete"]

CHILD = textwrap.dedent(
    """
    import os, sys, time
    from byline.tui.data.library import Library
    from byline.tui.data import search as search_index
    from _library_support import fetched_for, make_article

    path, mode, scenario, tag = sys.argv[1:5]
    library = Library(path, journal_mode=mode)

    def store(n, raw_size=0):
        article = make_article(f"{tag} story {n}", [f"Paragraph of story {n} from {tag}."])
        raw = os.urandom(raw_size) if raw_size else None
        return library.store(fetched_for(article, raw=raw), article)

    if scenario == "hang":
        store(0)
        put = search_index.put
        def put_then_hang(conn, entry_id, article):
            put(conn, entry_id, article)  # bytes and article rows are written by now
            print("inside the transaction", flush=True)
            time.sleep(60)
        search_index.put = put_then_hang
        store(1, raw_size=2_000_000)
    elif scenario == "loop":
        for n in range(100_000):
            store(n, raw_size=300_000)
            print(n, flush=True)
    elif scenario == "many":
        for n in range(25):
            store(n, raw_size=20_000)
        print("done", flush=True)
    """
)


def child(tmp_path, path, mode, scenario, tag="P"):
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "tests" / "tui")]))
    return subprocess.Popen(
        [sys.executable, str(script), str(path), mode, scenario, tag],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )


def assert_every_entry_whole(path, mode):
    with Library(path, journal_mode=mode) as library:
        conn = library._db()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [row[0] for row in conn.execute("SELECT id FROM articles")]
        for entry_id in ids:
            assert library.load(entry_id).title
            assert library.load_raw(entry_id) is not None
        for table in ("documents", "extractions"):
            orphans = conn.execute(
                f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
            ).fetchone()[0]
            assert orphans == 0
        indexed = conn.execute("SELECT count(*) FROM search").fetchone()[0]
        assert indexed == len(ids)
        return library.entries()


@pytest.mark.parametrize("mode", MODES)
def test_a_kill_inside_the_write_leaves_the_entry_absent_and_the_rest_whole(tmp_path, mode):
    path = tmp_path / "library.sqlite3"
    process = child(tmp_path, path, mode, "hang")
    line = process.stdout.readline()
    assert line.strip() == "inside the transaction", process.stderr.read()
    os.kill(process.pid, signal.SIGKILL)
    process.wait(10)

    entries = assert_every_entry_whole(path, mode)

    assert [e.title for e in entries] == ["P story 0"]


@pytest.mark.parametrize("mode", MODES)
def test_a_kill_at_any_moment_of_a_run_of_writes_leaves_only_whole_entries(tmp_path, mode):
    path = tmp_path / "library.sqlite3"
    process = child(tmp_path, path, mode, "loop")
    last = -1
    while last < 6:
        line = process.stdout.readline()
        assert line, process.stderr.read()
        last = int(line)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(10)

    entries = assert_every_entry_whole(path, mode)

    assert len(entries) >= last + 1


@pytest.mark.parametrize("mode", MODES)
def test_two_processes_writing_at_once_both_succeed(tmp_path, mode):
    path = tmp_path / "library.sqlite3"
    Library(path, journal_mode=mode).close()  # created once, as the first byline would
    processes = [child(tmp_path, path, mode, "many", tag) for tag in ("A", "B")]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert out.strip() == "done"

    entries = assert_every_entry_whole(path, mode)

    assert len(entries) == 50


@pytest.mark.parametrize("mode", MODES)
def test_a_full_disk_is_a_clear_error_and_old_articles_stay(tmp_path, mode):
    path = tmp_path / "library.sqlite3"
    library = Library(path, journal_mode=mode)
    old = make_article("Stored before the disk filled", ["The first article is safe."])
    old_id = library.store(fetched_for(old), old)
    conn = library._db()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 3}")  # a disk with three pages left
    new = make_article("Too big to fit", ["Its bytes do not fit."])

    with pytest.raises(LibraryFull) as error:
        library.store(fetched_for(new, raw=os.urandom(500_000)), new)

    message = error.value.message
    assert "full" in message and "nothing was written" in message and "\n" not in message
    assert error.value.exit_code == 5
    assert library.count() == 1
    assert library.load(old_id) == old
    assert [hit.entry.id for hit in library.search("safe")] == [old_id]
    library.close()
    assert assert_every_entry_whole(path, mode)[0].title == "Stored before the disk filled"


def test_a_damaged_file_is_moved_aside_and_reported_never_wiped(tmp_path):
    path = tmp_path / "library.sqlite3"
    garbage = b"these bytes were a library once " * 512
    path.write_bytes(garbage)

    library = Library(path)

    [notice] = library.notices
    assert "damaged" in notice and "moved to" in notice
    moved = [p for p in tmp_path.iterdir() if p.name.startswith("library.sqlite3.corrupt-")]
    assert len(moved) == 1 and moved[0].read_bytes() == garbage
    assert str(moved[0]) in notice
    article = make_article("A fresh start", ["The new library works."])
    assert library.load(library.store(fetched_for(article), article)) == article


def test_damage_found_later_is_reported_and_vacuum_moves_the_file_aside(tmp_path):
    path = tmp_path / "library.sqlite3"
    with Library(path) as library:
        for n in range(30):
            article = make_article(f"Story {n}", [f"Story {n} text."])
            library.store(fetched_for(article, raw=os.urandom(30_000)), article)
    size = path.stat().st_size
    with open(path, "r+b") as handle:  # scribble over the middle of the file
        handle.seek(size // 2)
        handle.write(b"\xff" * 40_000)

    library = Library(path)
    with pytest.raises(LibraryError) as error:
        for entry in library.entries():
            library.load(entry.id)
            library.load_raw(entry.id)
    assert "damaged" in error.value.message
    report = library.vacuum()

    assert report.moved_to is not None and report.moved_to.exists()
    assert report.moved_to.stat().st_size == size
    assert library.count() == 0


def test_a_library_from_a_newer_byline_is_refused_untouched(tmp_path):
    path = tmp_path / "library.sqlite3"
    with Library(path) as library:
        library._db().execute("PRAGMA user_version = 99")
    before = path.read_bytes()

    with pytest.raises(LibraryError) as error:
        Library(path)

    assert "newer byline" in error.value.message
    assert path.read_bytes() == before


def test_the_schema_migrates_forward_keeping_the_articles(tmp_path, monkeypatch):
    path = tmp_path / "library.sqlite3"
    article = make_article("Written by the older schema", ["Kept across the upgrade."])
    with Library(path) as library:
        entry_id = library.store(fetched_for(article), article)

    def add_starred(conn):
        conn.execute("ALTER TABLE articles ADD COLUMN starred INTEGER NOT NULL DEFAULT 0")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, add_starred])
    with Library(path) as library:
        conn = library._db()
        assert db.user_version(conn) == len(schema.MIGRATIONS)
        assert conn.execute("SELECT starred FROM articles").fetchone() == (0,)
        assert library.load(entry_id) == article


def test_keys_stored_with_tracking_parameters_are_rewritten_by_the_upgrade(tmp_path):
    path = tmp_path / "library.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for step in schema.MIGRATIONS[:2]:  # the library as the last byline before one key per story wrote it
        step(conn)
    conn.execute("PRAGMA user_version = 2")
    for key, title in (
        ("https://a.example/x?utm_source=rss", "Tracked"),
        ("https://b.example:443/y", "Plain, default port"),
        ("https://b.example/y?fbclid=1", "The same story again"),
    ):
        conn.execute(
            "INSERT INTO articles (key, source, origin, title, fetched_at, opened_at, extractor, ner) "
            "VALUES (?, ?, 'url', ?, 0, 0, '0.1.0', 'rules')",
            (key, key, title),
        )
    conn.close()

    with Library(path) as library:
        assert library.find("https://a.example/x").title == "Tracked"
        assert library.find("https://b.example/y").title == "Plain, default port"
        assert library.count() == 3  # the duplicate keeps its old key and stays listed


def test_a_failed_migration_leaves_the_previous_version_whole(tmp_path, monkeypatch):
    path = tmp_path / "library.sqlite3"
    article = make_article("Older schema", ["Still here."])
    with Library(path) as library:
        entry_id = library.store(fetched_for(article), article)
    version = len(schema.MIGRATIONS)

    def half_done(conn):
        conn.execute("ALTER TABLE articles ADD COLUMN starred INTEGER")
        conn.execute("THIS IS NOT SQL")

    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, half_done])
    with pytest.raises(LibraryError):
        Library(path)
    monkeypatch.undo()

    with Library(path) as library:
        conn = library._db()
        assert db.user_version(conn) == version
        columns = [row[1] for row in conn.execute("PRAGMA table_info(articles)")]
        assert "starred" not in columns
        assert library.load(entry_id) == article


def test_network_filesystems_are_recognised_from_the_mount_table(tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n"
        "filer:/export/home /home nfs4 rw,relatime 0 0\n"
        "//nas/share /mnt/my\\040share cifs rw 0 0\n"
        "/dev/sdb1 /home/local ext4 rw 0 0\n"
    )
    assert on_network_filesystem(Path("/home/ana/.local/share/byline"), str(mounts))
    assert on_network_filesystem(Path("/mnt/my share/byline"), str(mounts))
    assert not on_network_filesystem(Path("/home/local/byline"), str(mounts))
    assert not on_network_filesystem(Path("/var/lib/byline"), str(mounts))
    assert not on_network_filesystem(Path("/home/x"), str(tmp_path / "no-such-mounts"))


def test_on_nfs_the_library_uses_a_rollback_journal(tmp_path, monkeypatch):
    monkeypatch.setattr(db, "on_network_filesystem", lambda path: True)
    with Library(tmp_path / "library.sqlite3") as library:
        assert library.journal_mode == "delete"
        assert library._db().execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        article = make_article("On a network share", ["Stored without WAL."])
        assert library.load(library.store(fetched_for(article), article)) == article
    assert not (tmp_path / "library.sqlite3-wal").exists()


def test_without_fts5_the_library_works_and_search_says_why(tmp_path, monkeypatch):
    path = tmp_path / "library.sqlite3"
    monkeypatch.setattr(db, "fts5_available", lambda: False)
    with Library(path) as library:
        article = make_article("Stored without search", ["The dunes moved a metre this winter."])
        entry_id = library.store(fetched_for(article), article)
        assert library.load(entry_id) == article
        assert [e.id for e in library.entries()] == [entry_id]
        with pytest.raises(SearchUnavailable) as error:
            library.search("dunes")
        assert "FTS5" in error.value.message and "still work" in error.value.message
    monkeypatch.undo()

    with Library(path) as library:  # a Python with FTS5 indexes what the other one stored
        assert [hit.entry.id for hit in library.search("dunes")] == [entry_id]


def test_articles_stored_by_a_python_without_fts5_become_searchable_later(tmp_path, monkeypatch):
    path = tmp_path / "library.sqlite3"
    with Library(path) as library:
        first = make_article("Indexed at once", ["Seals on the sandbank."])
        library.store(fetched_for(first), first)
    monkeypatch.setattr(db, "fts5_available", lambda: False)
    with Library(path) as library:
        second = make_article("Stored while search was off", ["Seals in the harbour."])
        library.store(fetched_for(second), second)
        library.remove([1])
    monkeypatch.undo()

    with Library(path) as library:
        assert [hit.entry.title for hit in library.search("seals")] == ["Stored while search was off"]


def test_a_library_locked_past_the_busy_timeout_gives_a_one_line_error(tmp_path):
    path = tmp_path / "library.sqlite3"
    Library(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        library = Library(path, busy_timeout=0.2)
        article = make_article("Waiting", ["For the lock."])
        with pytest.raises(LibraryError) as error:
            library.store(fetched_for(article), article)
        assert "busy" in error.value.message and "\n" not in error.value.message
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_stored_blobs_are_zlib(tmp_path):
    with Library(tmp_path / "l.sqlite3") as library:
        article = make_article("Compressed", ["Words " * 500])
        library.store(fetched_for(article), article)
        data = library._db().execute("SELECT data FROM extractions").fetchone()[0]
        assert zlib.decompress(data).startswith(b"{")
