"""kill -9 at random moments of ``byline save``, ``byline library vacuum`` and
``--export``, twenty times each, and four ``byline save`` writing at once:
after each, SQLite's ``PRAGMA integrity_check`` and FTS5's own integrity check
pass and every entry is whole (article, bytes and index, or none of them).

The commands run in real processes, forked from one warmed-up "zygote" that
has byline imported (a fresh interpreter per kill would cost the suite a
minute); each is ``byline.tui.cli.main.main(argv)`` in its own process, killed
by the zygote — its parent, so a pid is never reused under the kill. The seed
of the random moments is in every failure message (``BYLINE_KILL_SEED`` sets it).

A new kill target is one line in ``TARGETS``. The feed update's feed is on
127.0.0.1 (``KillFeed``): each round it moves on by four new items whose pages
are served too, so a kill can land in the feed's fetch, the storing of its
items, a page's fetch or extraction, or the storing of an article before its
item is settled; after it the feeds' tables must be whole as well (every item
that holds an article points at one, nothing pending holds one, read flags
agree), and an uncut update at the end must leave every item read.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import random
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path

import pytest

from byline.tui.data.library import Library

# The 127.0.0.1 web of tests/feeds (a folder of test modules, as pytest puts it on the path).
if str(Path(__file__).resolve().parents[1] / "feeds") not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "feeds"))
from feed_web import STORIES, FeedWeb, Response, story_page  # noqa: E402

ROUNDS = 20

ZYGOTE = textwrap.dedent(
    """
    import json, os, signal, sys, time
    from byline.tui.cli import article, feeds, library, main as cli, save  # noqa: F401 (imported once, for every child)
    from byline.tui.feeds import subscriptions, update  # noqa: F401
    from byline import extract

    extract.extract_document(  # the pipeline and its word tables, loaded once
        extract.RawDocument(b"<p>Warm up: Mara Voss said the harbour opens.</p>" * 3, "warm.html", "html")
    )
    print("ready", flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        started = time.monotonic()
        pids = []
        for job in request["jobs"]:
            pid = os.fork()
            if pid == 0:
                log = os.open(job["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND)
                os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
                os.dup2(log, 1)
                os.dup2(log, 2)
                os.environ.update(job["env"])
                try:
                    code = cli.main(job["argv"])
                finally:
                    sys.stdout.flush()
                    sys.stderr.flush()
                os._exit(code)
            pids.append(pid)
        if request.get("kill_after") is not None:
            time.sleep(request["kill_after"])
            for pid in pids:
                os.kill(pid, signal.SIGKILL)  # not reaped yet: the pid is still this child's
        statuses = []
        for pid in pids:
            status = os.waitpid(pid, 0)[1]
            statuses.append(os.waitstatus_to_exitcode(status))
        print(json.dumps({"statuses": statuses, "elapsed": time.monotonic() - started}), flush=True)
    """
)


class Zygote:
    """A warmed-up byline that forks commands on request (see the module docstring)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.process = subprocess.Popen(
            [sys.executable, "-c", ZYGOTE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        )
        assert self.process.stdout.readline().strip() == "ready"
        self.env = {name: os.environ[name] for name in ("BYLINE_DATA_DIR", "BYLINE_CONFIG")}
        self.log = folder / "children.log"

    def run(self, *argvs: Sequence[str], kill_after: float | None = None) -> tuple[list[int], float]:
        """Run each argv in a process of its own, all at once; SIGKILL them after
        ``kill_after`` seconds. Returns their exit statuses (-9: killed) and the time taken."""
        jobs = [{"argv": list(argv), "env": self.env, "log": str(self.log)} for argv in argvs]
        self.process.stdin.write(json.dumps({"jobs": jobs, "kill_after": kill_after}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, "the zygote died"
        reply = json.loads(line)
        return reply["statuses"], reply["elapsed"]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture
def zygote(tmp_path):
    zygote = Zygote(tmp_path)
    yield zygote
    zygote.close()


def library_path() -> Path:
    return Path(os.environ["BYLINE_DATA_DIR"]) / "library.sqlite3"


def assert_whole(context: str) -> int:
    """The checks after a kill, as the next byline would find the file; the number of entries."""
    conn = sqlite3.connect(library_path(), isolation_level=None)  # rolls a hot journal or WAL back or forward
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], context
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search'").fetchone():
            try:
                conn.execute("INSERT INTO search (search) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as exc:
                pytest.fail(f"{context}: the search index is damaged ({exc})")
        entries = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        for table in ("documents", "extractions"):
            orphans = conn.execute(f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")
            assert orphans.fetchone()[0] == 0, f"{context}: {table} without their article"
        missing = conn.execute("SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM extractions)")
        assert missing.fetchone()[0] == 0, f"{context}: an article without its extraction"
        state = conn.execute("SELECT value FROM meta WHERE key = 'search'").fetchone()
        if state == ("ok",):
            assert conn.execute("SELECT count(*) FROM search").fetchone()[0] == entries, f"{context}: index behind"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == [], f"{context}: a row points at nothing"
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'feed_items'").fetchone():
            for problem, where in FEED_ITEM_PROBLEMS.items():
                rows = conn.execute(f"SELECT i.id, i.content, i.article_id FROM feed_items i WHERE {where}").fetchall()
                assert rows == [], f"{context}: {problem}: {rows[:5]}"
        return entries
    finally:
        conn.close()


FEED_ITEM_PROBLEMS = {
    "an item holds an article that is not there": "i.content IN ('article', 'summary') "
    "AND (i.article_id IS NULL OR i.article_id NOT IN (SELECT id FROM articles))",
    "a pending item holds an article": "i.content IN ('pending', 'none') AND i.article_id IS NOT NULL",
    "an item's read flag is not its article's": "i.read != (SELECT a.read FROM articles a WHERE a.id = i.article_id)",
}


def write_story(folder: Path, n: int) -> str:
    path = folder / f"story-{n}.html"
    path.write_text(
        f"<html><head><title>Harbour story {n}</title></head><body><article>"
        f"<p>Story {n}: the harbour wall was mended this week, Mara Voss of the port board said.</p>"
        f"<p>“We open the quay on Friday,” she said. Boats wait off the point for story {n}.</p>"
        "</article></body></html>"
    )
    return str(path)


def make_stale(_n: int, _folder: Path) -> None:
    """Before a vacuum: the index to rebuild, so a kill can land inside the rebuild too."""
    conn = sqlite3.connect(library_path(), isolation_level=None)
    try:
        conn.execute("UPDATE meta SET value = 'stale' WHERE key = 'search'")
    finally:
        conn.close()


class KillFeed:
    """An RSS feed on 127.0.0.1 of ``ITEMS`` items that moves on by ``STEP`` new
    ones each round (so an item a killed update did not store is still there for
    the next), with every item's page served: short stories of tests/feeds'.
    Round 0 (the uncut run that is timed) has ``STEP`` items: as much new work
    as every later round."""

    ITEMS, STEP = 8, 4
    PATH = "/feeds/kill.xml"

    def __init__(self) -> None:
        self.web: FeedWeb | None = None

    @contextmanager
    def served(self) -> Iterator[None]:
        self.web = FeedWeb()
        self.serve_round(0, Path())
        try:
            yield
        finally:
            self.web.stop()
            self.web = None

    def url(self) -> str:
        assert self.web is not None, "the feed is served only inside KillFeed.served()"
        return self.web.url(self.PATH)

    def serve_round(self, n: int, _folder: Path) -> None:
        web = self.web
        assert web is not None
        stories = list(STORIES.values())
        items = []
        newest = (n + 1) * self.STEP
        for k in reversed(range(max(0, newest - self.ITEMS), newest)):  # newest first
            title, paragraphs = stories[k % len(stories)]
            title = f"{title} (part {k})"
            page = story_page(title, [f"Part {k} of the series.", *paragraphs])
            web.routes[f"/kill/{k}.html"] = Response(page.encode("utf-8"))
            items.append(
                f"<item><title>{html.escape(title)}</title><link>{web.base}/kill/{k}.html</link>"
                f'<guid isPermaLink="false">kill-{k}</guid><pubDate>{formatdate(1_700_000_000 + 3600 * k)}</pubDate>'
                f"<description>{html.escape(paragraphs[0])}</description></item>"
            )
        web.serve_feed(
            "kill.xml",
            text='<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Kill Gazette</title>'
            f"<link>{web.base}/kill/</link>{''.join(items)}</channel></rss>",
        )


KILL_FEED = KillFeed()


def assert_feed_read_in_full(context: str, zygote: Zygote, folder: Path) -> None:
    """Uncut updates (one reads at most ``feeds_max_new`` waiting items) until
    none waits: then each item holds its page, and no feed article is left out
    of both the history and every feed."""
    conn = sqlite3.connect(library_path(), isolation_level=None)
    try:
        for _ in range(3):
            statuses, _ = zygote.run(["feeds", "update"])
            assert statuses == [0], zygote.log.read_text()[-2000:]
            assert_whole(f"{context}, uncut after the kills")
            if not conn.execute("SELECT 1 FROM feed_items WHERE content = 'pending'").fetchone():
                break
        contents = dict(conn.execute("SELECT content, count(*) FROM feed_items GROUP BY content").fetchall())
        assert set(contents) == {"article"}, f"{context}: items not read: {contents}"
        lost = conn.execute(
            "SELECT id FROM articles WHERE listed = 0 AND id NOT IN (SELECT article_id FROM feed_items "
            "WHERE article_id IS NOT NULL)"
        ).fetchall()
        assert lost == [], f"{context}: feed articles under no feed: {lost}"
    finally:
        conn.close()


@dataclass(frozen=True)
class Target:
    """A command to kill: its argv for round ``n`` (files under ``folder``), what
    to run once before the rounds (argvs, or functions of ``folder`` that make
    one), what to do before each, what to serve meanwhile and what to check at
    the end (with the zygote, to run more)."""

    argv: Callable[[int, Path], list[str]]
    setup: tuple[tuple[str, ...] | Callable[[Path], list[str]], ...] = ()
    before: Callable[[int, Path], None] | None = None
    serve: Callable[[], contextlib.AbstractContextManager[None]] | None = None
    after: Callable[[str, Zygote, Path], None] | None = None


def _save(n: int, folder: Path) -> list[str]:
    return ["save", "--refresh", *(write_story(folder, k) for k in range(3)), write_story(folder, 100 + n)]


def _export(n: int, folder: Path) -> list[str]:
    return ["--export", "md", "-o", str(folder / "out.md"), "--refresh", write_story(folder, n % 3)]


TARGETS = {
    "save": Target(_save),
    "vacuum": Target(lambda n, folder: ["library", "vacuum"], setup=(("library", "remove", "2", "4", "6"),), before=make_stale),
    "export": Target(_export),
    "feed update": Target(
        lambda n, folder: ["feeds", "update"],
        setup=(lambda folder: ["feeds", "add", KILL_FEED.url()],),
        before=KILL_FEED.serve_round,
        serve=KILL_FEED.served,
        after=assert_feed_read_in_full,
    ),
}


@pytest.mark.parametrize("name", TARGETS)
def test_kill_9_at_random_moments_leaves_the_library_whole(name, zygote, tmp_path):
    target = TARGETS[name]
    with ExitStack() as stack:
        if target.serve is not None:
            stack.enter_context(target.serve())
        _kill_rounds(name, target, zygote, tmp_path)


def _kill_rounds(name: str, target: Target, zygote: Zygote, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    seed = int(os.environ.get("BYLINE_KILL_SEED", random.randrange(1 << 30)))
    chance = random.Random(seed)
    statuses, _ = zygote.run(["save", *(write_story(folder, 200 + k) for k in range(8))])
    assert statuses == [0], zygote.log.read_text()
    for setup in target.setup:
        assert zygote.run(setup(folder) if callable(setup) else setup)[0] == [0], zygote.log.read_text()
    if target.before:
        target.before(0, folder)
    statuses, took = zygote.run(target.argv(0, folder))  # uncut: how long a run takes
    assert statuses == [0], zygote.log.read_text()
    assert_whole(f"{name}, uncut")

    # ROUNDS kills are the aim. A run that ends before its moment (the timed
    # run was slow on a busy machine) narrows the window to its own length,
    # and another round is added, up to twice ROUNDS in all.
    killed = n = 0
    while killed < ROUNDS and n < 2 * ROUNDS:
        n += 1
        if target.before:
            target.before(n, folder)
        moment = chance.uniform(0, took)
        statuses, elapsed = zygote.run(target.argv(n, folder), kill_after=moment)
        assert statuses in ([0], [-9]), f"{name}: seed {seed}, round {n}: {zygote.log.read_text()[-2000:]}"
        assert_whole(f"{name}: seed {seed}, round {n}, killed at {moment:.3f} s of {took:.3f} s")
        if statuses == [-9]:
            killed += 1
        else:
            took = min(took, elapsed)

    assert killed >= ROUNDS // 2, f"{name}: only {killed} of {n} runs were cut short (seed {seed})"
    if target.after is not None:
        target.after(f"{name}: seed {seed}", zygote, folder)
    with Library() as library:  # and the next byline opens it as it is
        assert library.notices == [] and library.count(everything=True) == assert_whole(name)


def test_four_writers_at_once_all_store_everything(zygote, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shared = [write_story(folder, k) for k in range(2)]  # the same two files in every batch
    batches = [[*shared, *(write_story(folder, 10 * w + k) for k in range(10, 16))] for w in range(1, 5)]
    assert zygote.run(["library", "list"])[0] == [0]  # created once, as the first byline would

    statuses, _ = zygote.run(*(["save", *batch] for batch in batches))

    assert statuses == [0, 0, 0, 0], zygote.log.read_text()
    assert assert_whole("four writers") == 2 + 4 * 6
    with Library() as library:
        assert len(library.search("harbour", limit=100)) == 2 + 4 * 6
