"""Updating feeds served from 127.0.0.1: every new item becomes a full article in
the library, once per story, and what cannot be read is said, never lost."""

from __future__ import annotations

import threading

import pytest
from byline.tui.data.feeds import FeedStore
from byline.tui.feeds.update import Limits, update

THREADS = Limits(workers=0)  # extraction in threads: the process pool has its own test


def run(library, settings, feeds, **options):
    options.setdefault("limits", THREADS)
    return update(library, settings, feeds, **options)


def test_new_items_are_stored_as_full_articles_with_names_and_quotes_unread(feed_web, library, settings, subscribe_to):
    feed = subscribe_to(feed_web.serve_feed("harbour-rss.xml"))
    [report] = run(library, settings, [feed])
    assert report.status == "updated" and report.new == 3 and report.count("article") == 3
    store = FeedStore(library)
    items = store.items(feed.id)
    assert [item.title for item in items] == [
        "Ferry crews vote to strike over rota changes",
        "Lighthouse keeper's cottage to become a museum",
        "Harbour wall repairs finish early",
    ]
    ferry = items[0]
    assert ferry.content == "article" and not ferry.read and ferry.site == "Test Gazette"
    article = library.load(ferry.article_id)
    assert "without consulting them" in article.text
    assert "Dana Whitlock" in {entity.name for entity in article.entities}
    assert any(quote.speaker == "Dana Whitlock" for quote in article.quotes)
    entry = library.get(ferry.article_id)
    assert not entry.read
    # Stored under the address without its tracking parameters.
    assert entry.key == feed_web.url("/harbour/ferry-strike.html")
    assert store.feeds()[0].unread == 3


def test_the_same_story_from_two_feeds_is_one_article(feed_web, library, settings, subscribe_to):
    harbour = subscribe_to(feed_web.serve_feed("harbour-rss.xml"))
    valley = subscribe_to(feed_web.serve_feed("valley-rss.xml"))
    run(library, settings, [harbour, valley])
    store = FeedStore(library)
    from_harbour = store.items(harbour.id)[0]
    from_valley = next(item for item in store.items(valley.id) if item.title.startswith("Ferry strike"))
    assert from_harbour.article_id == from_valley.article_id
    assert feed_web.hits("/harbour/ferry-strike.html") == 1
    assert library.count(everything=True) == 4  # three harbour stories and the valley's frost
    # Reading it in one feed reads it in the other.
    store.set_read(from_valley.id, True)
    assert store.item(from_harbour.id).read and library.get(from_harbour.article_id).read
    assert [feed.unread for feed in store.feeds()] == [2, 1]


def test_reading_the_article_through_the_library_marks_every_item_read(feed_web, library, settings, subscribe_to):
    harbour = subscribe_to(feed_web.serve_feed("harbour-rss.xml"))
    valley = subscribe_to(feed_web.serve_feed("valley-rss.xml"))
    run(library, settings, [harbour, valley])
    store = FeedStore(library)
    ferry = store.items(harbour.id)[0]
    library.mark_opened(ferry.article_id)  # what opening it in the reader does
    assert all(item.read for item in store.items_of_article(ferry.article_id))


def test_an_unchanged_feed_costs_one_conditional_request(feed_web, library, settings, subscribe_to):
    feed = subscribe_to(feed_web.serve_feed("harbour-rss.xml"))
    run(library, settings, [feed])
    pages_before = feed_web.hits("/harbour/lighthouse-museum.html")
    feed = FeedStore(library).feed(feed.id)
    [report] = run(library, settings, [feed])
    assert report.status == "not modified" and report.items == []
    last = feed_web.headers_of("/feeds/harbour-rss.xml")[-1]
    assert last["if-none-match"] and last["if-modified-since"]
    assert feed_web.hits("/harbour/lighthouse-museum.html") == pages_before
    assert FeedStore(library).feed(feed.id).error is None


def test_only_new_items_are_fetched_when_the_feed_changes(feed_web, library, settings, subscribe_to):
    url = feed_web.serve_feed("valley-rss.xml")
    feed = subscribe_to(url)
    run(library, settings, [feed])
    text = (feed_web.routes["/feeds/valley-rss.xml"].body.decode()).replace(
        "<item>",
        f"<item><title>Cider press moves</title><link>{feed_web.base}/orchard/cider-press.html</link>"
        "<guid>valley-weekly-78</guid></item><item>",
        1,
    )
    feed_web.serve_feed("valley-rss.xml", text=text, etag='"v2"')
    [report] = run(library, settings, [FeedStore(library).feed(feed.id)])
    assert report.new == 1 and [item.title for item in report.items] == ["Cider press moves"]
    assert feed_web.hits("/valley/late-frost.html") == 1


def test_items_whose_pages_are_gone_keep_the_feeds_summary_marked_as_such(feed_web, library, settings, subscribe_to):
    feed = subscribe_to(feed_web.serve_feed("lost-rss.xml"))
    [report] = run(library, settings, [feed])
    assert report.status == "updated"
    flood, towpath, headline = FeedStore(library).items(feed.id)
    assert flood.content == "summary" and "404" in flood.error
    article = library.load(flood.article_id)
    assert "raising the river wall" in article.text  # content:encoded, not the teaser
    assert "Nadia Osei" in {entity.name for entity in article.entities}
    assert article.warnings[0].startswith("this is the feed's summary: the page could not be read")
    assert towpath.content == "summary" and "fallen trees" in library.load(towpath.article_id).text
    assert headline.content == "none" and headline.article_id is None and "404" in headline.error
    # The summary is not mistaken for the page when the page's address is opened.
    assert library.get(flood.article_id).final_url is None


def test_a_feed_that_fails_keeps_its_items_and_says_why(feed_web, library, settings, subscribe_to):
    url = feed_web.serve_feed("harbour-rss.xml")
    feed = subscribe_to(url)
    run(library, settings, [feed])
    feed_web.routes["/feeds/harbour-rss.xml"] = feed_web.routes["/feeds/bomb.xml"]
    [report] = run(library, settings, [FeedStore(library).feed(feed.id)])
    assert report.status == "failed" and "10 MB limit" in report.error
    stored = FeedStore(library).feed(feed.id)
    assert stored.error == report.error and stored.items == 3 and stored.checked_at >= stored.updated_at
    # Once it works again (the same items, under a new ETag) the error is gone.
    feed_web.serve_feed("harbour-rss.xml", etag='"v2"')
    [report] = run(library, settings, [FeedStore(library).feed(feed.id)])
    assert report.status == "unchanged" and FeedStore(library).feed(feed.id).error is None


def test_a_gzip_bomb_never_becomes_a_subscription(feed_web, library, settings):
    from byline.extract import TooLarge
    from byline.tui.feeds.subscriptions import subscribe

    with pytest.raises(TooLarge):
        subscribe(library, settings, feed_web.url("/feeds/bomb.xml"))
    assert FeedStore(library).feeds() == []


def test_broken_dates_and_control_characters(feed_web, library, settings, subscribe_to):
    mill = subscribe_to(feed_web.serve_feed("broken-date.xml"))
    signal = subscribe_to(feed_web.serve_feed("control-title.xml"))
    orchard = subscribe_to(feed_web.serve_feed("orchard.json"))
    run(library, settings, [mill, signal, orchard])
    store = FeedStore(library)
    market, roof = store.items(mill.id)
    assert market.title == "Mill Street market moves indoors" and market.published is None
    assert market.content == roof.content == "article"
    # A date in 9999 does not pin the item to the top for ever: it sorts as first seen.
    assert roof.sort_time <= roof.added_at
    shown = [store.feed(signal.id).label, store.feed(orchard.id).label]
    for feed in (signal, orchard):
        for item in store.items(feed.id):
            shown += [item.title, *item.authors]
    assert all("\x1b" not in text and "\x9b" not in text and "\u202e" not in text for text in shown)
    # A title of the wrong type is no title: the article's own headline stands in.
    assert {item.title for item in store.items(orchard.id)} >= {"Beekeepers count the hives after the storm"}


def test_fetches_to_one_host_stay_within_the_limit(feed_web, library, settings, subscribe_to):
    in_flight, most = 0, 0
    lock = threading.Lock()
    release = threading.Event()
    real_handler = feed_web.httpd.RequestHandlerClass.do_GET

    def counting(handler):
        nonlocal in_flight, most
        with lock:
            in_flight += 1
            most = max(most, in_flight)
        release.wait(0.05)  # hold the request a moment so others can pile up
        try:
            real_handler(handler)
        finally:
            with lock:
                in_flight -= 1

    feed_web.httpd.RequestHandlerClass.do_GET = counting
    feeds = [subscribe_to(feed_web.serve_feed(name)) for name in ("harbour-rss.xml", "valley-rss.xml", "quarry-atom.xml")]
    run(library, settings, feeds, limits=Limits(workers=0, per_host=2))
    assert 1 <= most <= 2


def test_an_update_stopped_half_way_leaves_the_rest_for_the_next(feed_web, library, settings, subscribe_to):
    feed = subscribe_to(feed_web.serve_feed("harbour-rss.xml"))
    cancel = threading.Event()

    def stop_once_items_are_stored(progress):
        if progress.pages_total:  # the feed's items are in; no page has been fetched yet
            cancel.set()

    [report] = run(library, settings, [feed], cancel=cancel, progress=stop_once_items_are_stored)
    store = FeedStore(library)
    assert report.status == "cancelled"
    assert [item.content for item in store.items(feed.id)] == ["pending"] * 3
    [report] = run(library, settings, [store.feed(feed.id)])
    assert report.status == "not modified" and {item.content for item in store.items(feed.id)} == {"article"}


def test_max_new_fetches_the_newest_pages_first(feed_web, library, settings, subscribe_to):
    feed = subscribe_to(feed_web.serve_feed("harbour-rss.xml"))
    [report] = run(library, settings, [feed], limits=Limits(workers=0, max_new=2))
    assert report.new == 3 and len(report.items) == 2
    assert [item.content for item in FeedStore(library).items(feed.id)] == ["article", "article", "pending"]


def test_extraction_in_worker_processes(feed_web, library, settings, subscribe_to):
    feeds = [subscribe_to(feed_web.serve_feed(name)) for name in ("harbour-rss.xml", "quarry-atom.xml", "lost-rss.xml")]
    reports = run(library, settings, feeds, limits=Limits(workers=2, pool_after=0))
    assert [report.count("article") for report in reports] == [3, 2, 0]
    assert reports[2].count("summary") == 2
    flood = FeedStore(library).items(feeds[2].id)[0]
    assert "Nadia Osei" in {entity.name for entity in library.load(flood.article_id).entities}


def test_a_story_already_in_the_library_is_not_fetched_again(feed_web, library, settings, subscribe_to):
    from byline.tui.opener import Opener

    url = feed_web.url("/quarry/bus-route.html")
    opener = Opener.for_settings(library, settings)
    opener.store(opener.open(url))  # read earlier with `byline URL`
    feed = subscribe_to(feed_web.serve_feed("quarry-atom.xml"))
    run(library, settings, [feed])
    assert feed_web.hits("/quarry/bus-route.html") == 1
    bus = FeedStore(library).items(feed.id)[1]
    assert bus.content == "article" and bus.read  # it was read then


def test_progress_reports_each_finished_feed(feed_web, library, settings, subscribe_to):
    feeds = [subscribe_to(feed_web.serve_feed(name)) for name in ("harbour-rss.xml", "valley-rss.xml")]
    seen = []
    run(library, settings, feeds, progress=seen.append)
    finished = [progress.feed.feed_id for progress in seen if progress.feed is not None]
    assert sorted(finished) == sorted(feed.id for feed in feeds)
    # Five items, four pages: the ferry strike is in both feeds.
    assert seen[-1].feeds_done == 2 and seen[-1].pages_done == seen[-1].pages_total == 5
    assert "feeds 2/2" in seen[-1].line()



def test_removing_an_article_from_the_library_leaves_the_item_listed(feed_web, library, settings, subscribe_to):
    feed = subscribe_to(feed_web.serve_feed("quarry-atom.xml"))
    run(library, settings, [feed])
    store = FeedStore(library)
    climbing = store.items(feed.id)[0]
    library.remove([climbing.article_id])
    again = store.item(climbing.id)
    assert again.article_id is None and again.url == climbing.url and again.title == climbing.title


def test_a_feed_from_the_internet_cannot_make_byline_fetch_from_this_network(library, settings):
    import httpx

    feed_xml = (
        b'<rss version="2.0"><channel><title>Public</title>'
        b"<item><title>Router</title><link>http://192.168.1.1/admin</link><description>pwn</description></item>"
        b"<item><title>Local</title><link>http://localhost:8080/x</link></item>"
        b"<item><title>Story</title><link>https://news.example/story</link></item></channel></rss>"
    )
    paragraph = b"<p>The ferry crews voted to strike on Monday after a long dispute over the rota.</p>"
    page = b"<html><body><article><h1>Story</h1>" + paragraph * 4 + b"</article></body></html>"
    asked = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        if request.url.path == "/feed.xml":
            return httpx.Response(200, stream=httpx.ByteStream(feed_xml), headers={"Content-Type": "application/rss+xml"})
        return httpx.Response(200, stream=httpx.ByteStream(page), headers={"Content-Type": "text/html"})

    transport = httpx.MockTransport(answer)
    store = FeedStore(library)
    feed, _ = store.add("https://news.example/feed.xml", "https://news.example/feed.xml")
    [report] = run(library, settings, [feed], transport=transport)
    assert asked == ["https://news.example/feed.xml", "https://news.example/story"]
    router, local, story = store.items(feed.id)
    assert router.content == "summary" and "private address (192.168.1.1)" in router.error
    assert local.content == "none" and story.content == "article"
