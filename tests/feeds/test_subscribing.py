"""Subscribing: a page names its feed, addresses are one story each, and OPML
goes out and comes back the same."""

from __future__ import annotations

import pytest

from byline.tui.data.feeds import FeedStore
from byline.tui.feeds.errors import FeedError, NotAFeed
from byline.tui.feeds.opml import Subscription, read_opml, write_opml
from byline.tui.feeds.subscriptions import export_opml, import_opml, subscribe
from byline.tui.feeds.urls import normalise_url


@pytest.mark.parametrize("given, key", [
    ("https://News.Example:443/story?id=7&utm_source=rss&utm_medium=feed#top", "https://news.example/story?id=7"),
    ("http://news.example:80/a?fbclid=IwAR0&gclid=x&page=2", "http://news.example/a?page=2"),
    ("http://news.example:8080/a?_hsenc=p2&mc_cid=1", "http://news.example:8080/a"),
    ("https://news.example", "https://news.example/"),
    ("https://[::1]:443/x?UTM_Campaign=y", "https://[::1]/x"),
])
def test_one_address_per_story(given, key):
    assert normalise_url(given) == key


def test_a_page_that_names_its_feed_subscribes_to_that_feed(feed_web, library, settings):
    feed_url = feed_web.serve_feed("harbour-rss.xml")
    done = subscribe(library, settings, feed_web.url("/harbour/"), name="Harbour \x1b[31mnews", tags=["local", "sea,side"])
    assert done.created and done.items == 3
    assert done.feed.url == feed_url  # not the WordPress JSON API the page also names
    assert done.feed.label == "Harbour [31mnews" and done.feed.tags == ("local", "sea side")
    assert done.feed.title == "The Harbour Gazette" and done.feed.site_url == feed_web.url("/harbour/")
    again = subscribe(library, settings, feed_url)
    assert not again.created and again.feed.id == done.feed.id


def test_a_page_that_names_no_feed_is_a_clear_error(feed_web, library, settings):
    with pytest.raises(NotAFeed) as caught:
        subscribe(library, settings, feed_web.url("/plain-page.html"))
    assert "names none" in caught.value.message and caught.value.exit_code == 4
    with pytest.raises(FeedError):
        subscribe(library, settings, "ftp://example.org/feed")
    assert FeedStore(library).feeds() == []


def test_opml_round_trip(feed_web, library, settings, tmp_path):
    subscribe(library, settings, feed_web.serve_feed("harbour-rss.xml"), tags=["local", "sea"])
    subscribe(library, settings, feed_web.serve_feed("quarry-atom.xml"), name="Quarry & Co <news>")
    subscribe(library, settings, feed_web.serve_feed("orchard.json"), tags=["local"])
    exported = export_opml(library)
    path = tmp_path / "subs.opml"
    path.write_bytes(exported)

    from byline.tui.data.library import Library

    with Library(tmp_path / "other.sqlite3") as other:
        imported = import_opml(other, str(path))
        assert imported.existing == []
        before = {(f.url, f.label, f.tags) for f in FeedStore(library).feeds()}
        after = {(f.url, f.label, f.tags) for f in FeedStore(other).feeds()}
        assert after == before
        assert import_opml(other, str(path)).added == []  # importing twice adds nothing


def test_opml_folders_become_tags():
    data = b"""<?xml version="1.0"?>
<opml version="1.0"><head><title>mine</title></head><body>
  <outline text="News"><outline text="Local">
    <outline text="Harbour" xmlUrl="https://harbour.example/feed.xml" htmlUrl="https://harbour.example/"/>
  </outline></outline>
  <outline text="Bad" xmlUrl="javascript:alert(1)"/>
  <outline title="Tagged" xmlUrl="https://tagged.example/rss" category="/Sport/Rowing,/Weather"/>
</body></opml>"""
    harbour, tagged = read_opml(data)
    assert harbour == Subscription("https://harbour.example/feed.xml", "Harbour", "https://harbour.example/", ("News", "Local"))
    assert tagged.tags == ("Rowing", "Weather")


XXE_OPML = b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY leak SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaaaaaaaa">]>
<opml version="1.0"><body><outline text="Harbour&leak;&a;" xmlUrl="https://harbour.example/feed.xml"/></body></opml>"""


def test_xml_entities_are_refused_in_opml_and_in_feeds(library, tmp_path):
    from byline.tui.feeds.parse import parse_feed

    with pytest.raises(FeedError, match="declares XML entities"):
        read_opml(XXE_OPML)
    feed = XXE_OPML.replace(b"opml", b"rss").replace(b"<body><outline", b"<channel><title").replace(b"/></body>", b"/></channel>")
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed(feed, "https://harbour.example/feed.xml")
    # A DOCTYPE without entities (RSS 0.91's) is fine.
    rss_091 = (b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
               b'"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>Pier</title>'
               b"<item><title>Lights</title><link>https://pier.example/l</link></item></channel></rss>")
    assert parse_feed(rss_091, "https://pier.example/rss").items[0].title == "Lights"


def test_what_is_not_opml_is_one_clear_error(tmp_path, library):
    path = tmp_path / "feed.opml"
    path.write_bytes(b"<rss version='2.0'><channel/></rss>")
    with pytest.raises(FeedError, match="not an OPML file"):
        import_opml(library, str(path))
    path.write_bytes(b"<opml version='2.0'><body><outline text='no feeds'/></body></opml>")
    with pytest.raises(FeedError, match="lists no feeds"):
        import_opml(library, str(path))


def test_written_opml_reads_back():
    feeds = [
        Subscription("https://a.example/feed", "A \u201cquoted\u201d & <odd> name", "https://a.example/", ("one", "two")),
        Subscription("https://b.example/rss", None, None, ()),
    ]
    again = read_opml(write_opml(feeds))
    assert again[0] == feeds[0]
    assert again[1] == Subscription("https://b.example/rss", "https://b.example/rss", None, ())
