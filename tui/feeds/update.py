"""Updating feeds: fetch each (conditionally), store its new items, and read
every new item's page into the library as a full article.

Feeds and pages are fetched concurrently, at most ``Limits.per_host`` at a
time from one host and ``Limits.connections`` in all. Extraction is CPU
work: after the first few pages, if a core is idle, it moves to a pool of
worker processes, one per core, so an update of hundreds of articles uses
every core and leaves the caller's interpreter (the app's UI thread) free.
Writes go through one database thread, in short transactions.

The same story is fetched once: an item whose normalised URL (or global
guid) another feed already has shares that item's article, and two feeds
bringing the same new story in one update share one fetch. A page that
cannot be read leaves the feed's summary in its place, marked as such; a feed
that fails keeps its items and records why. An update stopped half-way
leaves the unfetched items pending: the next update fetches them.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import functools
import hashlib
import multiprocessing
import os
import threading
import time
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from byline.extract import BylineError, RawDocument
from byline.tui.config import Settings
from byline.tui.data.errors import LibraryError
from byline.tui.data.feeds import Feed, FeedStore, Item, NewItem
from byline.tui.feeds import articles
from byline.tui.feeds.fetching import fetch_feed, validators
from byline.tui.feeds.parse import ParsedFeed, ParsedItem, parse_feed, summary_text
from byline.tui.feeds.reports import FeedReport, ItemOutcome, Progress, ProgressCallback
from byline.tui.feeds.urls import host_of, is_private, normalise_url, site_name
from byline.tui.opener import Opener

if TYPE_CHECKING:
    from byline.tui.data.library import Library

__all__ = ["FeedReport", "ItemOutcome", "Limits", "Progress", "ProgressCallback", "Updater", "update"]

T = TypeVar("T")


@dataclass(slots=True, frozen=True)
class Limits:
    """How hard an update works."""

    #: Fetches in flight at once, in all.
    connections: int = 8
    #: Fetches in flight at once from one host (politeness; servers rate-limit).
    per_host: int = 2
    #: Item pages fetched per feed per update, newest first; the rest wait for the next update.
    max_new: int = 50
    #: Extraction processes; None: one per core (at most 4), when a core is idle
    #: as the update starts to need them; 0 or 1: threads only.
    workers: int | None = None
    #: Pages extracted in threads before a process pool is worth its start-up (~1 s).
    pool_after: int = 8

    @classmethod
    def for_settings(cls, settings: Settings) -> Limits:
        return cls(per_host=settings.feeds_per_host, max_new=settings.feeds_max_new)


@dataclass(slots=True, frozen=True)
class _Page:
    """What reading one story's page came to (shared by every item that is that story)."""

    content: str
    article_id: int | None
    error: str | None
    site: str | None
    title: str | None


def update(
    library: Library,
    settings: Settings,
    feeds: Sequence[Feed],
    *,
    limits: Limits | None = None,
    progress: ProgressCallback | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    cancel: threading.Event | None = None,
) -> list[FeedReport]:
    """Update ``feeds``; blocking (the app runs it in a thread worker).

    ``progress`` is called from this thread. Setting ``cancel`` stops the
    update soon after: feeds not finished come back as "cancelled" and
    their unfetched items wait for the next update. Raises ``LibraryError``
    when the library cannot be written (nothing else: a feed's or a page's
    failure is in its report).
    """
    updater = Updater(library, settings, limits=limits, progress=progress, transport=transport)
    return asyncio.run(updater.run(feeds, cancel))


class Updater:
    """One update of a set of feeds (see :func:`update`)."""

    def __init__(
        self,
        library: Library,
        settings: Settings,
        *,
        limits: Limits | None = None,
        progress: ProgressCallback | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.library = library
        self.store = FeedStore(library)
        self.settings = settings
        self.limits = limits or Limits.for_settings(settings)
        self.options = settings.fetch_options()
        self.transport = transport
        #: Pages are read and stored the one way every front end uses.
        self.opener = Opener.for_settings(library, settings, transport=transport)
        self.opener.fetch_options = lambda: self.options  # the cookies file is read once per update
        self._progress = progress
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._connections: asyncio.Semaphore | None = None
        self._pages: asyncio.Semaphore | None = None
        self._stories: dict[str, asyncio.Task[_Page]] = {}
        self._database = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="byline-feeds-db")
        self._threads = concurrent.futures.ThreadPoolExecutor(2, thread_name_prefix="byline-feeds-extract")
        self._processes: concurrent.futures.ProcessPoolExecutor | None = None
        self._pool_broken = False
        self._cancel: threading.Event | None = None
        self._finished: set[int] = set()
        self._extractions = 0
        self._feeds_total = self._feeds_done = self._pages_total = self._pages_done = 0

    async def run(self, feeds: Sequence[Feed], cancel: threading.Event | None = None) -> list[FeedReport]:
        """Update every feed concurrently; return one report per feed, in the order given."""
        self._connections = asyncio.Semaphore(self.limits.connections)
        self._pages = asyncio.Semaphore(self.limits.connections + 2 * self._workers())
        self._cancel = cancel
        self._feeds_total = len(feeds)
        reports = [FeedReport(feed.id, feed.url, feed.label) for feed in feeds]
        # The event is looked at before every fetch, and watched in between.
        watcher = asyncio.create_task(_watch(cancel, asyncio.current_task())) if cancel else None
        try:
            await _all(self._update_feed(feed, report) for feed, report in zip(feeds, reports))
        except asyncio.CancelledError:
            if cancel is None or not cancel.is_set():
                raise
            for report in reports:
                if report.feed_id not in self._finished:
                    report.status = "cancelled"
        finally:
            if watcher is not None:
                watcher.cancel()
            self._close()
        return reports

    def _close(self) -> None:
        self._database.shutdown(wait=True)
        self._threads.shutdown(wait=False, cancel_futures=True)
        if self._processes is not None:
            self._processes.shutdown(wait=False, cancel_futures=True)

    # ------------------------------------------------------------------ feeds

    async def _update_feed(self, feed: Feed, report: FeedReport) -> None:
        parsed: dict[str, ParsedItem] = {}
        try:
            raw = await self._gated(
                feed.url,
                lambda: fetch_feed(
                    feed.url, self.options, etag=feed.etag, last_modified=feed.last_modified, transport=self.transport
                ),
            )
            report.status = await self._take_feed(feed, raw, report, parsed)
        except LibraryError:
            raise
        except BylineError as exc:  # FeedError, or the fetch's
            report.status, report.error = "failed", exc.message
            await self._db(self.store.record_failure, feed.id, exc.message)
        # Pending pages are fetched even when the feed failed or did not change:
        # they are what an earlier, interrupted update left.
        pending = await self._db(self.store.pending, feed.id, limit=self.limits.max_new)
        self._pages_total += len(pending)
        self._report(host_of(feed.url))
        report.items.extend(await _all(self._read_item(item, parsed.get(item.guid)) for item in pending))
        self._feeds_done += 1
        self._finished.add(feed.id)
        self._report(feed=report)

    async def _take_feed(
        self, feed: Feed, raw: RawDocument, report: FeedReport, parsed: dict[str, ParsedItem]
    ) -> str:
        etag, last_modified = validators(raw)
        if raw.status == 304:
            await self._db(self.store.record_unchanged, feed.id, etag=etag, last_modified=last_modified)
            return "not modified"
        digest = hashlib.sha256(raw.data).hexdigest()
        if digest == feed.digest:
            await self._db(self.store.record_unchanged, feed.id, etag=etag, last_modified=last_modified)
            return "unchanged"
        contents = await asyncio.to_thread(parse_feed, raw.data, raw.url or feed.url)
        parsed.update((item.guid, item) for item in contents.items)
        report.new = await self._db(self._store_new, feed, contents, etag, last_modified, digest)
        return "updated"

    def _store_new(
        self, feed: Feed, contents: ParsedFeed, etag: str | None, last_modified: str | None, digest: str
    ) -> int:
        """Add the items byline has not seen (database thread). An item that is a
        story another feed (or the library) already has shares its article."""
        known = self.store.known_guids(feed.id)
        now = time.time()
        new: list[NewItem] = []
        for item in contents.items:
            if item.guid in known:
                continue
            known.add(item.guid)
            new.append(self._new_item(item, now, feed.url))
        self.store.store_new(
            feed.id,
            new,
            title=contents.title,
            site_url=contents.site_url,
            etag=etag,
            last_modified=last_modified,
            digest=digest,
        )
        return len(new)

    def _new_item(self, item: ParsedItem, now: float, feed_url: str) -> NewItem:
        key = normalise_url(item.url) if item.url else None
        sort_time = min(_timestamp(item.published) or now, now)
        summary = summary_text(item.summary, item.summary_is_html)
        fresh = NewItem(
            guid=item.guid,
            url=item.url,
            url_key=key,
            title=item.title,
            authors=item.authors,
            published=item.published,
            sort_time=sort_time,
            summary=summary,
            site=site_name(item.url),
        )
        same = self.store.same_story(key, item.guid)
        if same is not None and same.content != "pending":
            return _replace(fresh, content=same.content, article_id=same.article_id, error=same.error,
                            site=same.site, read=same.read)
        if key is None:
            content = "summary" if summary else "none"
            return _replace(fresh, content=content, error="the feed gives no link for this item")
        if is_private(item.url) and not is_private(feed_url):
            # A feed from the internet may not make byline fetch from this machine or its network.
            return _replace(fresh, content="summary" if summary else "none",
                            error=f"the item links to a private address ({host_of(item.url)}), "
                                  "which byline does not fetch for a feed from the internet")
        entry = self.library.find(key)
        if entry is not None:
            return _replace(fresh, content="article", article_id=entry.id, read=entry.read,
                            site=entry.site or fresh.site)
        return fresh

    # ------------------------------------------------------------------ pages

    async def _read_item(self, item: Item, parsed: ParsedItem | None) -> ItemOutcome:
        """Fetch, extract and store an item's page (once per story), then settle the item."""
        key = item.url_key or ""
        story = self._stories.get(key)
        if story is None:
            story = asyncio.ensure_future(self._read_story(item, parsed))
            self._stories[key] = story
        page = await story
        await self._db(
            self.store.settle,
            item.id,
            content=page.content,
            article_id=page.article_id,
            error=page.error,
            site=page.site,
            title=page.title,
        )
        self._pages_done += 1
        self._report(host_of(item.url))
        return ItemOutcome(item.id, item.title or page.title, item.url, page.content, page.article_id, page.error)

    async def _read_story(self, item: Item, parsed: ParsedItem | None) -> _Page:
        # Pages wait for extraction in memory: only so many are fetched ahead of it.
        assert self._pages is not None
        async with self._pages:
            return await self._read_page(item, parsed)

    async def _read_page(self, item: Item, parsed: ParsedItem | None) -> _Page:
        key = item.url_key or ""
        url = item.url or ""
        entry = await self._db(self.library.find, key)
        if entry is not None:  # stored since the item was planned (another feed, byline save)
            return _Page("article", entry.id, None, entry.site or item.site, entry.title)
        try:
            fetched = await self._gated(url, lambda: self.opener.fetch(url))
            final_key = normalise_url(fetched.raw.url) if fetched.raw.url else key
            if final_key != key:  # redirected to a story the library has
                entry = await self._db(self.library.find, final_key)
                if entry is not None:
                    return _Page("article", entry.id, None, entry.site or item.site, entry.title)
            article = await self._extract(articles.extract_item, fetched, self.opener.ner)
        except LibraryError:
            raise
        except BylineError as exc:
            return await self._fallback(item, parsed, exc.message)
        entry_id = await self._db(articles.stored, self.opener, fetched, article)
        return _Page("article", entry_id, None, article.site or item.site, article.title)

    async def _fallback(self, item: Item, parsed: ParsedItem | None, reason: str) -> _Page:
        """The feed's summary in place of a page that could not be read."""
        if parsed is not None and parsed.summary:
            summary, is_html, base = parsed.summary, parsed.summary_is_html, parsed.base
        else:  # an item left pending by an earlier update: its clipped summary is what is left
            summary, is_html, base = item.summary, False, item.url or ""
        if not summary:
            return _Page("none", None, reason, item.site, None)
        make = functools.partial(
            articles.summary_item, summary, is_html, url=item.url or "", key=item.url_key or "", base=base,
            title=item.title, reason=reason, ner=self.opener.ner,
        )
        try:
            fetched, article = await self._extract(make)
        except LibraryError:
            raise
        except BylineError:
            return _Page("none", None, reason, item.site, None)
        entry_id = await self._db(articles.stored, self.opener, fetched, article)
        return _Page("summary", entry_id, reason, item.site, article.title)

    # ---------------------------------------------------------------- helpers

    async def _gated(self, url: str, fetch: Callable[[], Awaitable[T]]) -> T:
        """Run a fetch within the host's and the overall limits."""
        host = host_of(url)
        gate = self._hosts.setdefault(host, asyncio.Semaphore(self.limits.per_host))
        assert self._connections is not None
        async with gate, self._connections:
            if self._cancel is not None and self._cancel.is_set():
                raise asyncio.CancelledError
            return await fetch()

    async def _db(self, call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._database, functools.partial(call, *args, **kwargs))

    async def _extract(self, call: Callable[..., T], *args: Any) -> T:
        """Run an extraction in a worker process (threads until the pool is worth it)."""
        self._extractions += 1
        workers = self._workers()
        wanted = workers > 1 and self._extractions > self.limits.pool_after and not self._pool_broken
        if self._processes is None and wanted and (self.limits.workers is not None or _spare_core()):
            from byline.tui.feeds import _worker  # here: importing it warms a process up (extracts an article)

            self._processes = concurrent.futures.ProcessPoolExecutor(
                workers, mp_context=_pool_context(), initializer=_worker.start
            )
        loop = asyncio.get_running_loop()
        job = functools.partial(call, *args)
        pool = self._processes
        if pool is not None:
            try:
                return await loop.run_in_executor(pool, job)
            except concurrent.futures.process.BrokenProcessPool:
                # A worker died (killed, out of memory, a main module without the
                # ``if __name__ == "__main__"`` guard): carry on in threads.
                self._pool_broken = True
                if self._processes is pool:
                    self._processes = None
                    pool.shutdown(wait=False, cancel_futures=True)
        return await loop.run_in_executor(self._threads, job)

    def _workers(self) -> int:
        return self.limits.workers if self.limits.workers is not None else _cores()

    def _report(self, message: str = "", feed: FeedReport | None = None) -> None:
        if self._progress is not None:
            self._progress(
                Progress(self._feeds_done, self._feeds_total, self._pages_done, self._pages_total, message, feed)
            )


async def _all(coroutines: Iterable[Awaitable[T]]) -> list[T]:
    """Await them all; on the first error, cancel the rest and raise it."""
    tasks = [asyncio.ensure_future(coroutine) for coroutine in coroutines]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


async def _watch(cancel: threading.Event, task: asyncio.Task[Any] | None) -> None:
    while not cancel.is_set():
        await asyncio.sleep(0.1)
    if task is not None:
        task.cancel()


def _pool_context():  # type: ignore[no-untyped-def]
    """Workers forked from a fork server that has loaded the extractor once
    (where the platform has one), else started afresh. Neither runs the
    caller's ``__main__`` again, nor forks the caller's threads."""

    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["byline.tui.feeds._worker"])
        return context
    return multiprocessing.get_context("spawn")


def _cores() -> int:
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    return min(count, 4)


def _spare_core() -> bool:
    """Whether a core is idle (load average below the core count): only then can
    a second process add speed. On a busy machine the scheduler shares the CPU
    between sessions, not processes (Linux's autogroup), and a pool would only
    add its start-up and the copying of every page."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return True  # no load average (Windows): assume the cores are free
    return load < _cores() - 0.5


def _timestamp(published: str | None) -> float | None:
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        return moment.timestamp()
    except (OverflowError, OSError, ValueError):
        return None


def _replace(item: NewItem, **changes: Any) -> NewItem:
    return dataclasses.replace(item, **changes)

