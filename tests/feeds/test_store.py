"""What the start screen and the item list will ask the library, answered from a
library built by hand (no network)."""

from __future__ import annotations

import sqlite3
import time

from byline.tui.data.library import Library
from byline.tui.data.db import user_version
from byline.tui.data.feeds import FeedStore, NewItem
from byline.tui.data.schema import latest_version
from byline.tui.feeds.urls import normalise_url


def make_article(title: str, paragraphs: list[str], *, url: str | None = None):
    import dataclasses

    from byline.extract import extract_text

    article = extract_text(title + "\n\n" + "\n\n".join(paragraphs), analyse=False)
    return dataclasses.replace(article, url=url, source=url)


def fetched_for(article, key: str | None = None):
    from byline.extract import RawDocument
    from byline.tui.data.records import Fetched

    url = article.url or "https://news.example/" + (article.title or "x").lower().replace(" ", "-")
    return Fetched(RawDocument(article.text.encode(), url, "text", url=url), key or url, "url", time.time())


def add_feed(store: FeedStore, name: str, titles: list[str], *, start: float = 1_700_000_000.0) -> int:
    url = f"https://{name.lower()}.example/feed.xml"
    feed, _ = store.add(url, normalise_url(url), title=name)
    items = [
        NewItem(
            guid=f"{name}-{n}", url=f"https://{name.lower()}.example/{n}", url_key=f"https://{name.lower()}.example/{n}",
            title=title, authors=(), published=None, sort_time=start - n * 60, summary=None, content="none",
        )
        for n, title in enumerate(titles)
    ]
    store.store_new(feed.id, items, title=name, site_url=None, etag=None, last_modified=None, digest=None)
    return feed.id


def test_feeds_are_listed_by_name_with_unread_counts(library):
    store = FeedStore(library)
    add_feed(store, "Zeta", ["z1", "z2"])
    alpha = add_feed(store, "alpha", ["a1", "a2", "a3"])
    store.set_read(store.items(alpha)[0].id, True)
    listed = store.feeds()
    assert [(feed.label, feed.unread, feed.items) for feed in listed] == [("alpha", 2, 3), ("Zeta", 2, 2)]
    assert listed[0].updated_at is not None and listed[0].error is None


def test_items_newest_first_and_unread_only(library):
    store = FeedStore(library)
    feed = add_feed(store, "Harbour", ["newest", "middle", "oldest"])
    assert [item.title for item in store.items(feed)] == ["newest", "middle", "oldest"]
    store.set_read(store.items(feed)[1].id, True)
    assert [item.title for item in store.items(feed, unread_only=True)] == ["newest", "oldest"]
    assert [item.title for item in store.items(feed, limit=1, offset=1)] == ["middle"]


def test_next_and_previous_unread_go_down_the_list_then_on_to_the_next_feed(library):
    store = FeedStore(library)
    first = add_feed(store, "Alpha", ["a0", "a1", "a2"])
    add_feed(store, "Beta", ["b0", "b1"])
    add_feed(store, "Gamma", ["g0"])
    a0, a1, a2 = store.items(first)
    store.set_read(a1.id, True)

    def walk(item_id, forward):
        titles = []
        current = store.next_unread(item_id, forward=forward)
        while current is not None:
            titles.append(current.title)
            current = store.next_unread(current.id, forward=forward)
        return titles

    assert walk(a0.id, True) == ["a2", "b0", "b1", "g0"]
    g0 = store.items(store.feeds()[2].id)[0]
    assert walk(g0.id, False) == ["b1", "b0", "a2", "a0"]
    assert store.next_unread(a0.id, across_feeds=False).title == "a2"
    assert store.next_unread(a2.id, across_feeds=False) is None
    assert store.first_unread(first).title == "a0"


def test_mark_feed_read(library):
    store = FeedStore(library)
    feed = add_feed(store, "Harbour", ["one", "two"])
    assert store.mark_feed_read(feed) == 2
    assert store.feeds()[0].unread == 0 and store.unread_count() == 0


def test_removing_a_feed_removes_its_items_but_not_the_library(library):
    store = FeedStore(library)
    feed = add_feed(store, "Harbour", ["one"])
    assert store.remove([feed, 999]) == [feed]
    assert store.feeds() == [] and store.item(1) is None


def test_adding_a_feed_twice_keeps_one_subscription(library):
    store = FeedStore(library)
    url = "https://harbour.example/feed.xml"
    first, created = store.add(url, normalise_url(url))
    again, created_again = store.add("HTTPS://Harbour.example:443/feed.xml", normalise_url("HTTPS://Harbour.example:443/feed.xml"))
    assert created and not created_again and first.id == again.id


def test_a_library_from_before_feeds_is_migrated_and_keeps_its_articles(tmp_path):
    from byline.tui.data import schema

    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    schema.MIGRATIONS[0](conn)  # the first schema, as byline 0.1 wrote it
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO articles (key, source, origin, title, fetched_at, opened_at, extractor, ner) "
        "VALUES ('https://a.example/x', 'https://a.example/x', 'url', 'Kept', ?, ?, '0.1.0', 'rules')",
        (time.time(), time.time()),
    )
    conn.close()
    with Library(path) as library:
        assert user_version(library._db()) == latest_version()
        assert [entry.title for entry in library.entries()] == ["Kept"]
        assert FeedStore(library).feeds() == []


def test_a_feed_s_articles_join_the_history_when_opened(library):
    """The history (the library screen's list) is what was opened or saved by
    hand; a feed's articles live under the feed until opened. Search finds all."""
    from byline.tui.opener import Opened, Opener

    opener = Opener(library)
    saved = make_article("Saved by hand", ["The quay reopened after repairs."])
    fed = make_article("Stored by an update", ["The quay café opened on the same day."], url="https://quay.example/cafe")
    opener.store(Opened(saved, None, fetched_for(saved)), read=False)
    fed_id = opener.store(Opened(fed, None, fetched_for(fed)), read=False, listed=False)
    assert [entry.title for entry in library.entries()] == ["Saved by hand"]
    assert library.count() == 1 and library.count(everything=True) == 2
    assert {hit.entry.title for hit in library.search("quay")} == {"Saved by hand", "Stored by an update"}

    opener.store(Opened(fed, library.get(fed_id), None, from_library=True))  # opened in the reader
    assert [entry.title for entry in library.entries()] == ["Stored by an update", "Saved by hand"]


def test_items_opened_before_an_update_are_linked_to_what_the_reader_stored(library):
    from byline.tui.opener import Opened, Opener

    store = FeedStore(library)
    feed_id = add_feed(store, "Quay", ["The café"])
    [item] = store.items(feed_id)
    article = make_article("The café", ["The quay café opened."], url=item.url)
    Opener(library).store(Opened(article, None, fetched_for(article, key=item.url_key)), read=True)
    assert store.link_stored(feed_id) == 1
    [item] = store.items(feed_id)
    assert item.content == "article" and item.article_id is not None and item.read
