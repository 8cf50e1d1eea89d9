"""Feeds in the app, as a person uses them: subscribe, let the update read the
items in the background, open a feed, read an item, n to the next unread —
with the feeds served from 127.0.0.1 (``feed_web``). No test waits on the
clock: each waits for what the screen shows, with a generous bound."""

from __future__ import annotations

import time

from byline.tui.app.app import BylineApp
from byline.tui.config import Settings
from byline.tui.data.feeds import FeedStore, NewItem
from byline.tui.data.library import Library
from byline.tui.widgets.keybar import KeyBar

#: How long a step may take on a slow, busy machine before the test gives up.
PATIENCE = 60.0

FERRY = "Ferry crews vote to strike over rota changes"
LIGHTHOUSE = "Lighthouse keeper's cottage to become a museum"
WALL = "Harbour wall repairs finish early"


async def wait_until(pilot, predicate, what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)


def screen_name(app) -> str:
    return type(app.screen).__name__


def shown(row_list) -> list[str]:
    return [row_list.render_line(y).text.rstrip() for y in range(min(len(row_list), row_list.size.height))]


def article_title(app) -> str | None:
    page = getattr(app.screen, "page", None)
    return page.article.title if page is not None else None


def keys_shown(screen) -> str:
    """The key bar as drawn (told when n/p change meaning, never polled)."""
    return str(screen.query_one(KeyBar).render())


def app_for(**settings) -> BylineApp:
    return BylineApp(Settings(timeout=20.0, **settings), None)


async def test_subscribe_update_read_and_next_unread(feed_web):
    url = feed_web.serve_feed("harbour-rss.xml")
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: screen_name(app) == "StartScreen", "the start screen")
        start = app.screen
        await pilot.press("tab", "tab")
        assert app.focused is start.library_list
        await pilot.press("a")
        await wait_until(pilot, lambda: screen_name(app) == "SubscribeDialog", "the subscribe dialog")
        app.focused.value = url
        await pilot.press("enter")

        # Subscribing starts an update of the new feed in the background.
        await wait_until(pilot, lambda: start.feed_list.rows and start.feed_list.rows[0].unread == 3, "the update")
        await wait_until(pilot, lambda: not app.feed_updates.running, "the update's end")
        await pilot.pause()
        [row] = shown(start.feed_list)
        assert row.startswith("● The Harbour Gazette") and "3 unread" in row and "updated " in row
        assert "Feeds — 1 feed, 3 unread" in str(start.query_one("#feeds-title").render())
        assert len(start.library_list) == 0, "a feed's articles live under the feed until opened"

        await pilot.press("shift+tab", "enter")
        await wait_until(pilot, lambda: screen_name(app) == "FeedScreen" and len(app.screen.item_list) == 3, "the items")
        items = app.screen
        await pilot.pause()
        rows = shown(items.item_list)
        assert [r.split("  ")[0] for r in rows] == [f"● {FERRY}", f"● {LIGHTHOUSE}", f"● {WALL}"]
        assert rows[0].endswith("Test Gazette  2025-06-03"), "title, site, date"

        await pilot.press("enter")  # the cursor starts on the first unread
        await wait_until(pilot, lambda: article_title(app) == FERRY, "the first item's article")
        reader = app.screen
        assert "Dana Whitlock" in reader.page.article.text, "the full article, not the feed's summary"
        await wait_until(pilot, lambda: "Next unread" in keys_shown(reader), "the key bar's n in a feed's article")

        await pilot.press("n")
        await wait_until(pilot, lambda: article_title(app) == LIGHTHOUSE, "the next unread item")
        await pilot.press("p")  # the one before was read: nothing unread before this one
        await wait_until(pilot, lambda: "no unread items before" in reader.status.message.plain, "p's answer")
        await pilot.press("h")  # back, as after following a link
        await wait_until(pilot, lambda: article_title(app) == FERRY, "the first item again")
        await wait_until(pilot, lambda: reader.page.annotated, "the entities")

        # …a search takes n while it is shown; Escape gives n back to the feed.
        await pilot.press("slash", *"crews", "enter")
        await wait_until(pilot, lambda: reader.finder.matches.starts, "the search")
        await wait_until(pilot, lambda: "Next unread" not in keys_shown(reader), "the key bar: n is the search's")
        await pilot.press("n")
        await pilot.pause()
        assert article_title(app) == FERRY and reader.status.detail.startswith("match 2/")
        panes = reader.has_class("-panes")
        await pilot.press("P")
        assert reader.has_class("-panes") != panes, "P hides the panes in a feed's article"
        await pilot.press("escape")
        await wait_until(pilot, lambda: "Next unread" in keys_shown(reader), "the key bar: n is the feed's again")
        await pilot.press("n")
        await wait_until(pilot, lambda: article_title(app) == WALL, "the last unread item")
        await pilot.press("n")
        await wait_until(pilot, lambda: "no more unread items" in reader.status.message.plain, "the end")

        # o goes back to the feed's list, on the item being read; Escape twice, back to it.
        await pilot.press("o")
        await wait_until(pilot, lambda: screen_name(app) == "FeedScreen", "the item list again")
        await wait_until(pilot, lambda: app.screen.item_list.row() and app.screen.item_list.row().title == WALL, "the cursor")
        await pilot.pause()
        assert all(r.startswith("  ") for r in shown(app.screen.item_list)), "every item read"
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen_name(app) == "StartScreen", "the start screen")
        await wait_until(pilot, lambda: app.screen.feed_list.rows[0].unread == 0, "the unread count")
        await pilot.pause()
        assert len(app.screen.library_list) == 3, "what was read is in the history"
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is reader, "the reader")

    with Library() as library:
        store = FeedStore(library)
        assert [item.read for item in store.items(store.feeds()[0].id)] == [True, True, True]


async def test_an_item_no_update_has_read_is_fetched_when_opened_and_its_place_kept(feed_web):
    url = feed_web.url("/quarry/bus-route.html")
    with Library() as library:
        store = FeedStore(library)
        feed, _ = store.add(feed_web.url("/feeds/quarry.xml"), "quarry", title="The Quarry Times")
        item = NewItem("bus-1", url, url, "Bus route returns", (), "2025-06-01", time.time(), "The number 12 bus.")
        store.store_new(feed.id, [item], title=None, site_url=None, etag=None, last_modified=None, digest=None)
    app = app_for()
    async with app.run_test(size=(60, 12)) as pilot:  # small: the article scrolls past its first paragraph
        await wait_until(pilot, lambda: screen_name(app) == "StartScreen" and app.focused is app.screen.feed_list, "feeds")
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen_name(app) == "FeedScreen" and len(app.screen.item_list) == 1, "items")
        await pilot.press("enter")
        await wait_until(pilot, lambda: article_title(app) == "Bus route through the quarry road returns", "the page")
        reader = app.screen
        await wait_until(pilot, lambda: reader.page.stored, "the store")
        await pilot.press("G")
        await wait_until(pilot, lambda: reader.page.offset > 0, "the position")
        await pilot.press("o")
        await wait_until(pilot, lambda: screen_name(app) == "FeedScreen" and app.screen.item_list.rows, "the list")
        await wait_until(pilot, lambda: app.screen.item_list.rows[0].article_id is not None, "the item linked")
        assert app.screen.item_list.rows[0].read and app.screen.item_list.rows[0].content == "article"
    assert feed_web.hits("/quarry/bus-route.html") == 1
    with Library() as library:
        [entry] = library.entries()
        assert entry.position > 0 and entry.read


async def test_feeds_update_in_the_background_while_an_article_is_read(feed_web, fixture_path):
    from byline.tui.screens.reader.loading import Request

    with Library() as library:
        store = FeedStore(library)
        store.add(feed_web.serve_feed("quarry-atom.xml"), "quarry", title="Quarry")
        feed_web.routes["/feeds/gone.xml"] = feed_web.routes["/plain-page.html"]
        store.add(feed_web.url("/feeds/gone.xml"), "gone", name="Gone Weekly")
    app = BylineApp(Settings(timeout=20.0), Request(str(fixture_path("ferry-strike.html"))))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: article_title(app) is not None, "the article")
        reader = app.screen
        await pilot.press("R")
        await wait_until(pilot, lambda: app.feed_updates.running or app._notifications, "the update to start")
        await pilot.press("space")  # reading goes on
        await wait_until(pilot, lambda: not app.feed_updates.running, "the update's end")
        await pilot.pause()
        assert app.screen is reader and reader.view.scroll_y > 0
        assert any("2 feeds updated: 2 new articles, 1 failed" in n.message for n in app._notifications)
        await pilot.press("o")
        await wait_until(pilot, lambda: screen_name(app) == "StartScreen" and len(app.screen.feed_list) == 2, "feeds")
        await pilot.pause()
        gone, quarry = shown(app.screen.feed_list)
        assert gone.startswith("  Gone Weekly") and "failed: " in gone and "not a feed" in gone
        assert quarry.startswith("● The Quarry Times") and "2 unread" in quarry


async def test_feeds_update_on_start_when_the_config_says_so(feed_web):
    with Library() as library:
        FeedStore(library).add(feed_web.serve_feed("harbour-rss.xml"), "harbour")
    app = app_for(feeds_update_on_start=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: screen_name(app) == "StartScreen", "the start screen")
        await wait_until(pilot, lambda: app.screen.feed_list.rows and app.screen.feed_list.rows[0].unread == 3, "the update")


def test_the_feed_keys_can_be_rebound_in_the_config():
    """A ``[keys]`` entry naming a feed action is not called unknown."""
    from byline.tui.app.config_check import binding_ids

    names = {"next_unread", "previous_unread", "items_next_unread", "feeds_update_all", "feed_update", "feed_subscribe"}
    assert names <= binding_ids(BylineApp)


async def test_an_update_ending_while_byline_quits_is_no_internal_error(monkeypatch):
    """An update's last messages can reach the app while its screens are taken
    down (q pressed as the update ends): they are dropped, not a crash."""
    from byline.tui.app.feed_updates import FeedsUpdated
    from byline.tui.widgets.status import StatusLine

    posted = []

    def as_the_status_line_goes(self) -> None:
        posted.append(self.app.post_message(FeedsUpdated(error="the network went away")))

    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: screen_name(app) == "StartScreen", "the start screen")
        monkeypatch.setattr(StatusLine, "on_unmount", as_the_status_line_goes, raising=False)
    assert posted and all(posted)  # the messages did reach the app as it quit
