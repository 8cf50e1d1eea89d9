"""A screen's worker finishing while the screen goes (an article opened from
the library as its feeds are listed; byline quitting mid-search) is dropped,
not an internal error: the result has nowhere to be drawn."""

from __future__ import annotations

import asyncio

import pytest
from textual import work
from textual.app import App
from textual.screen import Screen
from textual.widgets import Label

from byline.tui.screens.leaving import LeavingScreen


class Marker(Label):
    """Lets the worker go on once the screen's widgets are being removed."""

    def on_unmount(self) -> None:
        self.screen.widgets_going.set()


def listing_screen(base: type[Screen]) -> Screen:
    class Listing(base):  # type: ignore[valid-type, misc]
        def __init__(self) -> None:
            super().__init__()
            self.widgets_going = asyncio.Event()

        def compose(self):
            yield Marker("feeds", id="feeds")

        def on_mount(self) -> None:
            self.list_feeds()

        @work
        async def list_feeds(self) -> None:
            await self.widgets_going.wait()  # the listing read, as the screen goes
            self.query_one("#feeds", Label).update("3 feeds")

    return Listing()


class Host(App[None]):
    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.listing = screen

    def on_mount(self) -> None:
        self.push_screen(self.listing)


@pytest.mark.parametrize("base", [Screen, LeavingScreen], ids=["textual's Screen", "LeavingScreen"])
async def test_a_worker_drawing_on_a_screen_that_is_going(base):
    screen = listing_screen(base)
    app = Host(screen)
    failed = None
    try:
        async with app.run_test() as pilot:
            await pilot.pause()
            app.pop_screen()
            for _ in range(20):
                await pilot.pause()
    except Exception as error:  # what Textual raises from run_test when a worker failed
        failed = error
    assert screen.widgets_going.is_set()
    if base is LeavingScreen:
        assert failed is None
    else:
        assert "NoMatches" in repr(failed) + repr(failed.__cause__)  # the race this guards against is real
