"""Strings that are not article text, in the app: a notification, the status
line, a config file's path and names, a tampered library's rows and stored
articles. Whatever their origin, none reaches the screen with a terminal
control in it."""

from __future__ import annotations

import json
import sqlite3
import zlib

from appkit import controls_in, notifications, reader_app, screen_lines, wait_until
from cases_local import ESCAPES
from pages import ARTICLE
from rich.text import Text

from byline.tui.config import Settings, load_settings
from byline.tui.data.paths import library_path
from byline.tui.screens.reader.loading import Request
from byline.tui.widgets.safe_text import safe_text

PAYLOAD = "".join(ESCAPES.values())


def test_safe_text_drops_controls_and_keeps_the_styles_where_they_were():
    text = Text.assemble("open ", (f"page{PAYLOAD}.html", "bold"), " now")

    cleaned = safe_text(text)

    assert controls_in(cleaned.plain) == []
    assert cleaned.plain.startswith("open page") and cleaned.plain.endswith(".html now")
    bold = [cleaned.plain[span.start : span.end] for span in cleaned.spans if span.style == "bold"]
    assert bold and bold[0].startswith("page") and bold[0].endswith(".html")


async def test_notifications_and_the_status_line_show_no_controls(tmp_path):
    app = reader_app(Settings(), None)
    async with app.run_test(size=(100, 30)) as pilot:
        app.notify(f"a path: /tmp/x{PAYLOAD}", title=f"config{PAYLOAD}", markup=True)
        app.screen.status.say(f"status {PAYLOAD} end")
        await pilot.pause(0.1)
        assert controls_in("".join(notifications(app))) == []
        assert controls_in(app.screen.status.message.plain) == []
        assert controls_in("\n".join(screen_lines(app))) == []


async def test_a_config_file_whose_path_holds_controls_is_named_without_them(tmp_path, monkeypatch):
    folder = tmp_path / f"cfg{ESCAPES['window title']}{ESCAPES['C1 CSI and OSC']}"
    folder.mkdir()
    config = folder / "config.toml"
    config.write_text('[keys]\n"no_such_action" = "ctrl+q"\n', encoding="utf-8")
    monkeypatch.setenv("BYLINE_CONFIG", str(config))
    app = reader_app(load_settings(), None)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: any("no_such_action" in problem for problem in app.config_problems))
        assert controls_in("".join(notifications(app))) == []
        app.show_help(app.screen.command_nodes())  # the details, named on the help screen (? from the list)
        await wait_until(pilot, lambda: any("no_such_action" in line for line in screen_lines(app)))
        assert controls_in("\n".join(screen_lines(app))) == []


def _tamper(column_values: dict[str, str], article_text: str) -> None:
    """Write controls into the stored rows and the stored article, as someone with the file could."""
    with sqlite3.connect(library_path()) as conn:
        for column, value in column_values.items():
            conn.execute(f"UPDATE articles SET {column} = ?", (value,))  # noqa: S608 - the test's own names
        blob = conn.execute("SELECT data FROM extractions").fetchone()[0]
        data = json.loads(zlib.decompress(blob))
        data["text"] = data["text"].replace("ferry", article_text, 1)
        data["title"] = f"Tampered {PAYLOAD} title"
        conn.execute("UPDATE extractions SET data = ?", (zlib.compress(json.dumps(data).encode()),))


async def test_a_tampered_librarys_rows_and_article_reach_the_screen_inert(tmp_path):
    from byline.tui.data.library import Library
    from byline.tui.opener import Opener

    page = tmp_path / "page.html"
    page.write_text(ARTICLE, encoding="utf-8")
    with Library() as library:
        opener = Opener(library)
        opener.store(opener.open(str(page)))
    _tamper({"title": f"Row {PAYLOAD} title", "site": f"site{PAYLOAD}", "published": f"\x1b[2J{PAYLOAD}"}, f"ferry{PAYLOAD}")

    app = reader_app(Settings(), None)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: "Row" in "\n".join(screen_lines(app)))
        assert controls_in("\n".join(screen_lines(app))) == []
    app = reader_app(Settings(), Request(str(page)))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        await wait_until(pilot, lambda: screen.page is not None)
        assert screen.page.article.title.startswith("Tampered")
        assert controls_in(screen.page.article.text) == []
        assert controls_in("\n".join(screen_lines(app))) == []
