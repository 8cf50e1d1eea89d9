"""``byline`` alone: the start screen, path completion and the recent list."""

from __future__ import annotations

import json

from reader_helpers import FERRY, loaded, wait_until

from tui.application import BylineApp
from tui.data.recent import RecentFile
from tui.screens.reader import ReaderScreen
from tui.widgets.source_picker import PathSuggester


async def test_start_screen_opens_a_typed_path(make_app):
    app = make_app(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        assert app.focused.id == "source-input"
        await pilot.press(*str(FERRY), "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await loaded(pilot)
        assert app.screen.page.article.title.startswith("Island ferry crews")


async def test_opened_articles_are_remembered_and_listed(tmp_path):
    recent = RecentFile(tmp_path / "recent.json")
    from tui.config import Settings
    from tui.loading import Request

    app = BylineApp(Settings(), Request(str(FERRY)), recent=recent)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await wait_until(pilot, lambda: recent.entries())
    entries = recent.entries()
    assert entries[0].source == str(FERRY.resolve())
    assert entries[0].title == "Island ferry crews vote to strike over rota changes"

    app = BylineApp(Settings(), None, recent=recent)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        listed = app.screen.query_one("#recent")
        assert "Island ferry crews vote to strike" in str(listed.get_option_at_index(0).prompt)
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen) and app.screen.page is not None)


def test_recent_list_survives_a_damaged_file_and_skips_stdin(tmp_path):
    path = tmp_path / "recent.json"
    path.write_text("{not json")
    recent = RecentFile(path)
    assert recent.entries() == []
    recent.record_open("-", "piped")
    assert recent.entries() == []
    recent.record_open("https://example.org/a", "A")
    recent.record_open("https://example.org/b", "B")
    recent.record_open("https://example.org/a", "A again")
    assert [e.title for e in recent.entries()] == ["A again", "B"]
    assert json.loads(path.read_text())[0]["source"] == "https://example.org/a"


async def test_local_paths_complete(tmp_path):
    (tmp_path / "harbour-story.html").write_text("x")
    (tmp_path / "notes").mkdir()
    suggester = PathSuggester()
    assert await suggester.get_suggestion(str(tmp_path / "harb")) == str(tmp_path / "harbour-story.html")
    assert await suggester.get_suggestion(str(tmp_path / "no")) == str(tmp_path / "notes") + "/"
    assert await suggester.get_suggestion("https://exa") is None
