"""Given the bytes of a feed, the reader gets clean titles, absolute links and dates."""

from __future__ import annotations

import pytest
from feed_web import FEEDS_DIR

from byline.extract.sanitize import has_controls
from byline.tui.feeds.errors import FeedError
from byline.tui.feeds.parse import looks_like_feed, parse_feed

BASE = "http://feeds.example:8080"


def fixture(name: str) -> bytes:
    return (FEEDS_DIR / name).read_bytes().replace(b"@BASE@", BASE.encode())


def test_rss_with_content_encoded_keeps_the_full_text_as_the_summary():
    feed = parse_feed(fixture("harbour-rss.xml"), f"{BASE}/feeds/harbour-rss.xml")
    assert feed.title == "The Harbour Gazette"
    assert feed.site_url == f"{BASE}/harbour/"
    first = feed.items[0]
    assert first.title == "Ferry crews vote to strike over rota changes"
    assert first.guid == "harbour-gazette-1041"
    assert first.url == f"{BASE}/harbour/ferry-strike.html?utm_source=rss&utm_medium=feed"
    assert first.authors == ("Ines Albescu",)
    assert first.published == "2025-06-03T07:15:00+00:00"
    assert "changed the summer rota" in first.summary and first.summary_is_html
    # Without content:encoded the description is the summary.
    assert feed.items[2].summary == "Engineers finished the repairs a week ahead of plan."


def test_rss_without_content_encoded_and_an_email_author():
    feed = parse_feed(fixture("valley-rss.xml"), f"{BASE}/feeds/valley-rss.xml")
    frost = feed.items[0]
    assert frost.authors == ("Priya Mendez",)  # "desk@valley.example (Priya Mendez)"
    assert frost.summary == "Growers covered the young trees overnight."
    assert frost.guid == f"{BASE}/valley/late-frost.html"


def test_atom_relative_links_follow_xml_base():
    feed = parse_feed(fixture("quarry-atom.xml"), f"{BASE}/feeds/quarry-atom.xml")
    assert feed.title == "The Quarry Times"  # a type="html" title, read as its text
    assert feed.site_url == f"{BASE}/quarry/"
    climbing, bus = feed.items
    assert climbing.url == f"{BASE}/quarry/stories/quarry-climbing.html"
    assert climbing.base == f"{BASE}/quarry/stories/"
    assert climbing.authors == ("Mara Tollund",)
    assert bus.url == f"{BASE}/quarry/bus-route.html"
    assert bus.published == "2025-06-03T13:00:00+00:00"
    assert "number 12" in bus.summary


def test_relative_links_without_xml_base_resolve_against_the_feed_address():
    data = b'<rss version="2.0"><channel><title>R</title><item><title>A</title><link>/news/a.html</link></item></channel></rss>'
    feed = parse_feed(data, "https://paper.example/feeds/all.xml")
    assert feed.items[0].url == "https://paper.example/news/a.html"


def test_json_feed_drops_controls_and_values_of_the_wrong_type():
    feed = parse_feed(fixture("orchard.json"), f"{BASE}/feeds/orchard.json")
    assert not has_controls(feed.title) and "\x1b" not in feed.title
    press, hives = feed.items
    assert "\u202e" not in press.title and press.title.endswith("gets a new home")
    assert all("\x1b" not in name and "\x07" not in name for name in press.authors)
    assert hives.title is None  # a JSON list where a title belongs is no title
    assert hives.summary == "Beekeepers counted the hives after the storm." and not hives.summary_is_html


def test_a_broken_date_is_no_date_and_the_item_is_kept():
    feed = parse_feed(fixture("broken-date.xml"), f"{BASE}/feeds/broken-date.xml")
    assert [item.title for item in feed.items] == ["Mill Street market moves indoors", "Tannery roof fixed at last"]
    assert feed.items[0].published is None
    assert feed.items[0].guid == f"{BASE}/mill/market-indoors.html"


def test_control_characters_never_survive_in_any_field():
    feed = parse_feed(fixture("control-title.xml"), f"{BASE}/feeds/control-title.xml")
    fields = [feed.title]
    for item in feed.items:
        fields += [item.title, item.url, item.guid, *item.authors]
    assert all(text and not has_controls(text) and "\x1b" not in text for text in fields)
    assert feed.items[0].authors == ("Rune Halvorsen",)


RSS_1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://rdf.example/"><title>Canal Notes</title><link>https://rdf.example/</link><description>d</description></channel>
<item rdf:about="https://rdf.example/lock-gates"><title>Lock gates replaced</title><link>https://rdf.example/lock-gates</link>
<dc:date>2025-06-01T10:00:00Z</dc:date><dc:creator>Pat Irwin</dc:creator></item></rdf:RDF>"""

RSS_091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old Pier Post</title><link>https://pier.example/</link>
<description>d</description><language>en</language><item><title>Pier lights repaired</title>
<link>https://pier.example/lights</link><description>The lights are on again.</description></item></channel></rss>"""


@pytest.mark.parametrize("data, title, url", [
    (RSS_1, "Lock gates replaced", "https://rdf.example/lock-gates"),
    (RSS_091, "Pier lights repaired", "https://pier.example/lights"),
])
def test_rss_1_and_0_9x(data, title, url):
    feed = parse_feed(data, "https://example.org/feed")
    assert (feed.items[0].title, feed.items[0].url) == (title, url)


def test_a_feed_that_declares_entities_is_refused():
    xxe = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY leak SYSTEM "file:///etc/passwd">
    <!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
    <rss version="2.0"><channel><title>T&leak;&c;</title><item><title>x&leak;</title><link>https://a.example/1</link></item></channel></rss>"""
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed(xxe, "https://a.example/feed")
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed(xxe.decode().encode("utf-16"), "https://a.example/feed")


def test_a_doctype_quoted_inside_an_item_is_text():
    data = (b'<rss version="2.0"><channel><title>T</title><item><title>On &lt;!DOCTYPE x [ and entities</title>'
            b"<description><![CDATA[<!DOCTYPE x [<!ENTITY y 'z'>]>]]></description><link>https://a.example/1</link></item></channel></rss>")
    assert parse_feed(data, "https://a.example/feed").items[0].url == "https://a.example/1"


def test_links_to_other_schemes_are_dropped():
    data = (b'<rss version="2.0"><channel><title>T</title>'
            b"<item><title>A</title><link>javascript:alert(1)</link></item>"
            b"<item><title>B</title><link>file:///etc/passwd</link></item></channel></rss>")
    feed = parse_feed(data, "https://a.example/feed")
    assert [item.url for item in feed.items] == [None, None]
    assert feed.items[0].guid != feed.items[1].guid  # still told apart


@pytest.mark.parametrize("data", [
    b"<!doctype html><html><head><title>x</title></head><body>hi</body></html>",
    b"\x00\x01\x02 not xml at all",
    b"   ",
])
def test_what_is_not_a_feed_is_one_clear_error(data):
    with pytest.raises(FeedError) as caught:
        parse_feed(data, "https://a.example/page")
    assert caught.value.message.startswith("https://a.example/page: ")


def test_feeds_are_told_from_pages_by_their_first_element():
    assert looks_like_feed(fixture("harbour-rss.xml"))
    assert looks_like_feed(b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- hi --><feed xmlns='http://www.w3.org/2005/Atom'>")
    assert looks_like_feed(fixture("orchard.json"))
    assert not looks_like_feed(b"<!doctype html><html><body>")
