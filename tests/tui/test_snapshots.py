"""The reader's layout, as pictures: 80x24 (one pane at a time behind tabs),
100x30 (the panes below the text) and 160x48 (the panes beside it). Update
with ``pytest --snapshot-update`` after a deliberate change, and look at each
new picture."""

from __future__ import annotations

from reader_helpers import FERRY, loaded, wait_until

from byline.tui.app.app import BylineApp
from byline.tui.config import Settings
from byline.tui.screens.reader.loading import Request


def reader(tmp_path) -> BylineApp:
    return BylineApp(Settings(), Request(str(FERRY)))


def test_reader_at_80x24(snap_compare, tmp_path):
    async def ready(pilot):
        await loaded(pilot)

    assert snap_compare(reader(tmp_path), terminal_size=(80, 24), run_before=ready)


def test_entities_tab_at_80x24(snap_compare, tmp_path):
    async def ready(pilot):
        await loaded(pilot)
        await pilot.press("tab")  # the cursor is on the first entity at once

    assert snap_compare(reader(tmp_path), terminal_size=(80, 24), run_before=ready)


def test_three_panes_with_an_entity_highlighted_at_160x48(snap_compare, tmp_path):
    async def ready(pilot):
        await loaded(pilot)
        await pilot.press("tab", "down", "down", "enter")

    assert snap_compare(reader(tmp_path), terminal_size=(160, 48), run_before=ready)


def test_panes_below_the_text_with_an_entity_highlighted_at_100x30(snap_compare, tmp_path):
    async def ready(pilot):
        await loaded(pilot)
        await pilot.press("tab", "down", "down", "right_square_bracket")

    assert snap_compare(reader(tmp_path), terminal_size=(100, 30), run_before=ready)


def test_library_screen_at_80x24(snap_compare):
    from _library_support import stock

    stock(read=(1,))

    async def ready(pilot):
        app = pilot.app
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        await wait_until(pilot, lambda: len(app.screen.library_list) == 3)
        await wait_until(pilot, lambda: app.focused is app.screen.library_list)  # once the feeds are read too
        await pilot.pause()

    assert snap_compare(BylineApp(Settings(), None), terminal_size=(80, 24), run_before=ready)
