#!/usr/bin/env python3
"""Feeds at scale: updating 50 feeds × 20 items, parsing, and the start screen's queries.

    python bench/feeds.py [--feeds 50] [--items 20] [--delay 0.05] [--save-jobs 1] [--repeat 15]

1. A local web in its own process (one server per loopback address 127.0.0.2,
   .3, …: one host per feed, its items on the same host, as a site's are) serves ``--feeds``
   RSS feeds of ``--items`` items each; every response waits ``--delay``
   seconds first, as a real server does. The pages are generated articles
   (bench/library.py's generator: 8-18 paragraphs, names, quotes, navigation
   and script around them).
   - reference: ``byline save`` given the same page URLs, ``--save-jobs`` at a
     time (1: one after another), into its own library;
   - a first ``byline feeds update`` of every feed into a fresh library
     (target: all articles stored, at least 2× faster than the reference);
   - a second update with nothing new (target: ≤ 2 s, conditional requests only).
2. Parsing a 200-item feed (with content:encoded) with byline's parser
   (fastfeedparser + sanitising; target ≤ 20 ms), against feedparser on the
   same bytes; and both on the test fixtures.
3. The queries the start screen and the item list will run, at 100 feeds ×
   100 items (10,000) in a library that also holds 10,000 articles: medians.

All timings are medians or single wall-clock runs in this process, on this
machine, with the reference measured in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import hashlib
import html
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from library import make_article  # noqa: E402  (bench/library.py's article generator)

from byline.tui.config import Settings  # noqa: E402
from byline.tui.data.library import Library  # noqa: E402
from byline.tui.data.feeds import FeedStore, NewItem  # noqa: E402
from byline.tui.feeds.update import Limits, update  # noqa: E402
from byline.tui.feeds.urls import normalise_url  # noqa: E402


# ----------------------------------------------------------------- the web


class Host:
    """One site on its own loopback address: a feed and its pages, each answered after ``delay``."""

    def __init__(self, address: str, delay: float) -> None:
        self.routes: dict[str, tuple[bytes, str]] = {}
        self.requests = 0
        self.not_modified = 0
        host = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                if self.path == "/_stats":  # the bench's own question, not counted
                    self._send(json.dumps([host.requests, host.not_modified]).encode(), "application/json", "")
                    return
                time.sleep(delay)
                host.requests += 1
                found = host.routes.get(self.path.split("?")[0])
                if found is None:
                    self.send_error(404)
                    return
                body, content_type = found
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    host.not_modified += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self._send(body, content_type, etag)

            def _send(self, body: bytes, content_type: str, etag: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer((address, 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://{address}:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def rss(title: str, base: str, items: list[tuple[str, str, str]], *, content: bool = False) -> bytes:
    """An RSS 2.0 feed of (title, link, summary) items, newest first."""
    entries = []
    for n, (item_title, link, summary) in enumerate(items):
        encoded = f"<content:encoded><![CDATA[{summary}]]></content:encoded>" if content else ""
        entries.append(
            f"<item><title>{html.escape(item_title)}</title><link>{html.escape(link)}</link>"
            f"<guid isPermaLink='false'>{html.escape(link)}#{n}</guid>"
            f"<pubDate>Tue, {1 + n % 28:02d} Jul 2025 {n % 24:02d}:00:00 +0000</pubDate>"
            f"<description>{html.escape(summary[:300])}</description>{encoded}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{html.escape(title)}</title><link>{base}/</link><description>d</description>"
        + "".join(entries)
        + "</channel></rss>"
    ).encode("utf-8")


class Web:
    """The local web in a process of its own, as a real server is: its CPU is not
    this process's (a server thread here would hold the updater's GIL)."""

    def __init__(self, feeds: int, items: int, delay: float) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve", "--feeds", str(feeds), "--items", str(items), "--delay", str(delay)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        assert self.process.stdout is not None
        started = json.loads(self.process.stdout.readline())
        self.feed_urls: list[str] = started["feeds"]
        self.page_urls: list[str] = started["pages"]

    def counts(self) -> tuple[int, int]:
        """Requests answered so far by every host, and how many of them with 304."""
        totals = [0, 0]
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        for url in self.feed_urls:
            with direct.open(url.replace("/feed.xml", "/_stats"), timeout=30) as answer:
                requests, not_modified = json.loads(answer.read())
            totals[0] += requests
            totals[1] += not_modified
        return totals[0], totals[1]

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


def serve(feeds: int, items: int, delay: float) -> None:
    """The --serve side: start the hosts, say where they are, serve until stdin closes."""
    hosts, feed_urls, page_urls = build_web(feeds, items, delay)
    print(json.dumps({"feeds": feed_urls, "pages": page_urls}), flush=True)
    sys.stdin.read()
    for host in hosts:
        host.stop()


def build_web(feeds: int, items: int, delay: float) -> tuple[list[Host], list[str], list[str]]:
    """Start one host per feed; return the hosts, the feed URLs and every page URL (feed order)."""
    rng = random.Random(2025)
    hosts, feed_urls, page_urls = [], [], []
    for f in range(feeds):
        host = Host(f"127.0.0.{2 + f}", delay)
        listed = []
        for i in range(items):
            article, page = make_article(f * items + i, rng)
            path = f"/news/{f}-{i}.html"
            host.routes[path] = (page, "text/html; charset=utf-8")
            listed.append((article.title or f"story {i}", host.base + path + "?utm_source=rss", article.text[:400]))
            page_urls.append(host.base + path)
        host.routes["/feed.xml"] = (rss(f"Site {f}", host.base, listed), "application/rss+xml")
        hosts.append(host)
        feed_urls.append(host.base + "/feed.xml")
    return hosts, feed_urls, page_urls


# ------------------------------------------------------------------ updates


def bench_updates(args: argparse.Namespace, workdir: Path) -> bool:
    total = args.feeds * args.items
    print(f"web            {args.feeds} feeds × {args.items} items on {args.feeds} loopback hosts, "
          f"{args.delay * 1000:.0f} ms per response; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    web = Web(args.feeds, args.items, args.delay)
    feed_urls, page_urls = web.feed_urls, web.page_urls
    settings = Settings(timeout=60.0)
    limits = dataclasses.replace(Limits.for_settings(settings), workers=args.workers)
    try:
        from byline.tui.cli.save import save_all
        from byline.tui.opener import Opener

        with Library(workdir / "save.sqlite3") as library:
            opener = Opener.for_settings(library, settings, concurrent_reads=args.save_jobs)
            started, cpu = time.perf_counter(), time.process_time()
            with contextlib.redirect_stderr(io.StringIO()):  # save reports every page on stderr
                saved = asyncio.run(save_all(opener, page_urls))
            reference = time.perf_counter() - started
            save_cpu = time.process_time() - cpu
            stored_by_save = sum(outcome.status == "saved" for outcome in saved)
        print(f"byline save    {stored_by_save}/{total} stored in {reference:.1f} s "
              f"({args.save_jobs} at a time; {reference / total * 1000:.0f} ms per article); "
              f"CPU {save_cpu:.1f} s ({save_cpu / total * 1000:.0f} ms per article)")

        with Library(workdir / "feeds.sqlite3") as library:
            from byline.tui.feeds.subscriptions import subscribe

            for url in feed_urls:
                subscribe(library, settings, url)
            feeds = FeedStore(library).feeds()
            before, _ = web.counts()
            workers_cpu: list[float] = []
            started, cpu = time.perf_counter(), time.process_time()
            with counting_workers(workers_cpu):
                reports = update(library, settings, feeds, limits=limits)
            first = time.perf_counter() - started
            update_cpu = time.process_time() - cpu + sum(workers_cpu)
            stored = sum(report.count("article") for report in reports)
            requests = web.counts()[0] - before
            ratio = reference / first
            met_first = stored == total and ratio >= 2
            print(f"first update   {stored}/{total} articles stored in {first:.1f} s ({requests} requests); "
                  f"{ratio:.2f}× faster than byline save (target ≥ 2×: {'met' if met_first else 'NOT met'})")
            print(f"               CPU {update_cpu:.1f} s ({update_cpu / total * 1000:.0f} ms per article; "
                  f"{len(workers_cpu)} worker processes); it had {update_cpu / first / (os.cpu_count() or 1):.0%} "
                  f"of the {os.cpu_count()} CPUs, byline save {save_cpu / reference:.0%} of one while it ran")
            sample = library.entries(limit=20, everything=True)  # an update's articles are not in the history
            entities = sum(1 for entry in sample if library.load(entry.id).entities)
            print(f"               entities found in {entities}/{len(sample)} of the stored articles sampled")

            feeds = FeedStore(library).feeds()
            before, before_304 = web.counts()
            started = time.perf_counter()
            reports = update(library, settings, feeds, limits=limits)
            second = time.perf_counter() - started
            after, after_304 = web.counts()
            requests, not_modified = after - before, after_304 - before_304
            statuses = sorted({report.status for report in reports})
            met_second = second <= 2.0 and requests == not_modified == args.feeds
            print(f"second update  nothing new: {second:.2f} s, {requests} requests, {not_modified} answered 304 "
                  f"({', '.join(statuses)}) (target ≤ 2 s, conditional requests only: {'met' if met_second else 'NOT met'})")
    finally:
        web.stop()
    return met_first and met_second


@contextlib.contextmanager
def counting_workers(seconds: list[float]):  # type: ignore[no-untyped-def]
    """Add each extraction worker's CPU seconds to ``seconds`` (read from /proc as
    the update closes its pool; the fork server's children are not ours to reap)."""
    from byline.tui.feeds.update import Updater

    close = Updater._close

    def counted(self: Updater) -> None:
        pool = self._processes
        for pid in list(getattr(pool, "_processes", None) or {}):
            try:
                with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                seconds.append((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))
            except (OSError, ValueError, IndexError):
                pass  # not Linux, or already gone
        close(self)

    Updater._close = counted  # type: ignore[method-assign]
    try:
        yield
    finally:
        Updater._close = close  # type: ignore[method-assign]


# ------------------------------------------------------------------ parsing


def median_ms(call: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def bench_parsing(repeat: int) -> bool:
    from byline.tui.feeds.parse import parse_feed

    try:
        import feedparser
    except ImportError:  # the dev extra installs it
        feedparser = None
    rng = random.Random(7)
    items = []
    for n in range(200):
        article, _page = make_article(n, rng)
        body = "".join(f"<p>{html.escape(p)}</p>" for p in article.text.split("\n\n")[:4])
        items.append((article.title or "", f"https://news.example/2025/story-{n}?utm_source=rss", body))
    data = rss("Two hundred", "https://news.example", items, content=True)
    url = "https://news.example/feed.xml"
    ours = median_ms(lambda: parse_feed(data, url), repeat)
    line = f"parse 200      {len(data) // 1024} KB feed: byline (fastfeedparser + sanitising) median {ours:.1f} ms"
    if feedparser is not None:
        theirs = median_ms(lambda: feedparser.parse(data, response_headers={"content-location": url}), max(3, repeat // 3))
        line += f"; feedparser {theirs:.0f} ms ({theirs / ours:.0f}× slower)"
    met = ours <= 20
    print(line + f" (target ≤ 20 ms: {'met' if met else 'NOT met'})")
    fixtures = ROOT / "tests" / "fixtures" / "feeds"
    for path in sorted(fixtures.iterdir()):
        raw = path.read_bytes().replace(b"@BASE@", b"http://feeds.example")
        mine = median_ms(lambda raw=raw: parse_feed(raw, "http://feeds.example/feed"), repeat)
        text = f"               {path.name:<18} byline {mine:5.2f} ms"
        if feedparser is not None:
            other = median_ms(lambda raw=raw: feedparser.parse(raw), repeat)
            text += f"   feedparser {other:6.2f} ms"
        print(text)
    return met


# ------------------------------------------------------------------ queries


def bench_queries(workdir: Path, repeat: int) -> bool:
    path = workdir / "queries.sqlite3"
    feeds_count, per_feed = 100, 100
    with Library(path) as library:
        conn = library._db()
        now = time.time()
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO articles (key, source, origin, final_url, title, site, fetched_at, opened_at, extractor, ner, words) "
            "VALUES (?, ?, 'url', ?, ?, ?, ?, ?, '0.1.0', 'rules', 700)",
            [(f"https://site{n % feeds_count}.example/{n}",) * 3 + (f"Story {n}", f"Site {n % feeds_count}", now - n, now - n)
             for n in range(feeds_count * per_feed)],
        )
        conn.execute("COMMIT")
        store = FeedStore(library)
        rng = random.Random(3)
        for f in range(feeds_count):
            url = f"https://site{f}.example/feed.xml"
            feed, _ = store.add(url, normalise_url(url), title=f"Site {f}")
            items = [
                NewItem(
                    guid=f"{f}-{i}", url=f"https://site{f}.example/{f * per_feed + i}",
                    url_key=f"https://site{f}.example/{f * per_feed + i}", title=f"Story {f * per_feed + i}",
                    authors=("A. Writer",), published="2025-07-01T10:00:00+00:00", sort_time=now - rng.random() * 1e6,
                    summary="A summary of the story, as the feed gave it.", site=f"Site {f}", content="article",
                    article_id=f * per_feed + i + 1, read=rng.random() < 0.6,
                )
                for i in range(per_feed)
            ]
            store.store_new(feed.id, items, title=f"Site {f}", site_url=None, etag=None, last_modified=None, digest=None)
    with Library(path) as library:
        store = FeedStore(library)
        feeds = store.feeds()
        some_feed = feeds[len(feeds) // 2]
        item = store.items(some_feed.id)[per_feed // 2]
        measures = {
            "open library": lambda: Library(path).close(),
            "feeds + unread counts": store.feeds,
            "library entries (200)": lambda: library.entries(limit=200),
            "a feed's items (all)": lambda: store.items(some_feed.id),
            "a feed's items (200)": lambda: store.items(some_feed.id, limit=200),
            "next unread (n)": lambda: store.next_unread(item.id),
            "previous unread (p)": lambda: store.next_unread(item.id, forward=False),
            "first unread": lambda: store.first_unread(some_feed.id),
            "unread total": store.unread_count,
            "mark read + unread": lambda: (store.set_read(item.id, True), store.set_read(item.id, False)),
        }
        print(f"queries        {len(feeds)} feeds × {per_feed} items = {sum(f.items for f in feeds):,} items; "
              f"{library.count():,} articles")
        results = {}
        for label, call in measures.items():
            results[label] = median_ms(call, repeat)
            print(f"               {label:<24} median {results[label]:7.2f} ms")
        screen = results["open library"] + results["feeds + unread counts"] + results["library entries (200)"]
        met = screen <= 100
        print(f"start screen   data for the start screen (open + feeds + 200 entries): {screen:.1f} ms "
              f"(of the 500 ms paint budget; here ≤ 100 ms: {'met' if met else 'NOT met'})")
        for sql in (
            "SELECT count(*) FROM feed_items i WHERE i.feed_id = 1 AND i.read = 0",
            "SELECT id FROM feed_items i WHERE i.feed_id = 1 ORDER BY i.sort_time DESC, i.id DESC LIMIT 200",
        ):
            plan = "; ".join(row[-1] for row in library._db().execute("EXPLAIN QUERY PLAN " + sql))
            print(f"               plan: {plan}")
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--delay", type=float, default=0.05, help="seconds each response waits (default 0.05)")
    parser.add_argument("--save-jobs", type=int, default=1, help="byline save's --jobs for the reference (default 1)")
    parser.add_argument("--repeat", type=int, default=15, help="timings per measurement (median taken)")
    parser.add_argument("--workers", type=int, help="extraction processes for the updates (default: byline's, one per core)")
    parser.add_argument("--skip-updates", action="store_true", help="only parsing and queries")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)  # the web's own process
    args = parser.parse_args()
    if args.serve:
        serve(args.feeds, args.items, args.delay)
        return 0
    if args.feeds > 250:
        parser.error("at most 250 feeds (one loopback address each)")
    workdir = Path(tempfile.mkdtemp(prefix="byline-bench-feeds-"))
    try:
        met = [bench_parsing(args.repeat), bench_queries(workdir, args.repeat)]
        if not args.skip_updates:
            met.append(bench_updates(args, workdir))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if all(met) else 1


if __name__ == "__main__":
    sys.exit(main())
