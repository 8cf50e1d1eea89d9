"""Feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed subscriptions whose items are
read as full articles into the library. No Textual, no Rich: the app's
screens and ``byline feeds`` (``tui/cli/feeds.py``) are both thin layers over
this. Item pages are read the one way every front end reads: the opener's
steps (``tui.opener``; see ``articles``), placed by the updater — fetches
under per-host limits, extraction in worker processes, writes on one thread.

For the app (every call blocks: run it in a thread worker; the library is
``tui.data.library.Library``)::

    from byline.tui.data.feeds import FeedStore
    store = FeedStore(library)
    store.feeds()                        # start screen: Feed(.label, .unread, .items, .updated_at, .error)
    store.items(feed.id, limit=200)      # item list: Item(.title, .published, .site, .read, .content, .article_id)
    store.next_unread(item.id)           # n; forward=False for p (None: no more unread)
    store.first_unread(feed.id)
    store.set_read(item.id, True)        # marks its article read too, in every feed
    store.mark_feed_read(feed.id)

    subscribe(library, settings, url, name=None, tags=())    # -> Subscribed(feed, created, items)
    feeds = feeds_by_id(library, [])                         # every feed, or the ids given
    reports = update(library, settings, feeds, progress=callback, cancel=threading.Event())
    #   progress(Progress) is called from the worker's thread; Progress.feed is set when a
    #   feed finishes (reload its row); FeedReport per feed (status, new, items, error)

An item with ``article_id`` opens like any library entry
(``Opener.open_async(item.url, entry_id=item.article_id)``);
``content == "summary"`` marks one whose page could not be read (its article
is the feed's summary, with a warning saying so; ``item.error`` says why) —
after a successful refresh, ``store.mark_article_fetched(article_id)``. An
item without one (``content`` "pending" or "none", or its article removed
from the library) opens from ``item.url`` like any URL; once stored,
``store.settle(item.id, content="article", article_id=entry_id)`` links it.

An item's key is the library's (``data.keys.normalise_url``: tracking
parameters, default ports and fragments dropped), so ``byline save`` of the
same link and a feed's copy are one entry.
"""

from __future__ import annotations

from importlib import import_module

_EXPORTS = {
    "FeedError": "byline.tui.feeds.errors",
    "NotAFeed": "byline.tui.feeds.errors",
    "UnknownFeed": "byline.tui.feeds.errors",
    "Limits": "byline.tui.feeds.update",
    "Progress": "byline.tui.feeds.reports",
    "FeedReport": "byline.tui.feeds.reports",
    "update": "byline.tui.feeds.update",
    "Subscribed": "byline.tui.feeds.subscriptions",
    "subscribe": "byline.tui.feeds.subscriptions",
    "unsubscribe": "byline.tui.feeds.subscriptions",
    "feeds_by_id": "byline.tui.feeds.subscriptions",
    "import_opml": "byline.tui.feeds.subscriptions",
    "export_opml": "byline.tui.feeds.subscriptions",
    "normalise_url": "byline.tui.feeds.urls",
}


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'byline.tui.feeds' has no attribute {name!r}")

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


__all__ = sorted(_EXPORTS)
