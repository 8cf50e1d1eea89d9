"""A hostile page in the app: Rich markup, ANSI and OSC sequences, C1 controls
and bidi overrides in the title, the text, the author, link texts and URLs,
entity names and quotes — and in the file's own name.

Every place the app shows them — the header, the article, both panes, the
status line, a notification, the links dialog, the search, the open dialog
and the start screen's recent list, the error panel — draws them as inert
characters. On a real pseudo-terminal every byte the app writes is checked:
the only sequences are the app's own drawing, and the only hyperlinks
(OSC 8) are the article's http(s) links, whose URLs cannot end the sequence
early (see ``appkit.terminal_problems``). Textual never sets the window title.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest
from appkit import (
    controls_in,
    notice_text,
    notifications,
    reader_app,
    screen_lines,
    terminal_problems,
    wait_until,
    without_space,
)
from cases_local import ESCAPES, MARKUP, _injected_page
from pty_helpers import PtyApp, restored

from byline.extract import extract_html
from byline.tui.config import Settings
from byline.tui.screens.reader.loading import Request

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")

PAYLOAD = "".join(ESCAPES.values())
#: A file name a page could talk someone into saving.
HOSTILE_NAME = "ferry\x1b]0;owned\x07\u202e\x9b2J.html"
CLEAN_NAME = "ferry]0;owned2J.html"
TEXT_NAME = "notes\x1b]2;owned\x07\u202e\x9b2J.txt"
CLEAN_TEXT_NAME = "notes]2;owned2J.txt"


def hostile_page() -> str:
    """The catalogue's injected page, with quotes and names that carry the payload
    (so the entities and quotes panes get it), a file: link, a link that tries to
    close its own hyperlink, and a paywall teaser (so a warning is shown)."""
    friends = (
        f"<p>“We will not pay {PAYLOAD} for [bold red]ALERT[/] ferries,” said Dara"
        f"{ESCAPES['bidi override and isolates']} Whitlock[/], who chairs the "
        f"[link=https://evil.example]Harbour{PAYLOAD} Trust[/link] in Wrenhaven.</p>"
        f"<p>Councillor Tomas [bold]Reyes[/bold] of the Tollmere Ferry{PAYLOAD} Board said: "
        f"“The [i]engine[/i] {PAYLOAD} is the problem.”</p>"
        "<p>See <a href='file:///etc/passwd'>the file</a> and "
        "<a href='https://example.org/a\x1b]8;;\x07b c\x1b\\'>a link that closes itself</a>.</p>"
        "<div class='wall'><p>This article is for subscribers only.</p><p><a href='/subscribe'>Subscribe</a></p></div>"
    )
    return _injected_page().replace("</article>", friends + "</article>")


@pytest.fixture
def hostile_file(tmp_path) -> Path:
    path = tmp_path / HOSTILE_NAME
    path.write_text(hostile_page(), encoding="utf-8")
    return path


@pytest.fixture
def untitled_file(tmp_path) -> Path:
    """A plain text whose first line is no headline: the library lists it by its file name."""
    path = tmp_path / TEXT_NAME
    path.write_text(
        "The ferry will run a reduced timetable until April, the operator said on Monday.\n\n"
        f"Islanders who commute lose the first crossing {PAYLOAD} of the day.\n",
        encoding="utf-8",
    )
    return path


async def test_the_app_shows_a_hostile_page_literally_everywhere(hostile_file, untitled_file, tmp_path):
    def look(where: str) -> str:
        shown = "\n".join(screen_lines(app))
        assert controls_in(shown) == [], f"terminal controls on screen: {where}"
        return shown

    app = reader_app(Settings(), Request(str(hostile_file)))
    async with app.run_test(size=(160, 48)) as pilot:
        screen = app.screen
        await wait_until(pilot, lambda: screen.page is not None and screen.page.annotated)
        await pilot.pause()
        article = screen.page.article
        shown = look("the article, its header and panes")
        assert without_space(MARKUP) in without_space(shown)  # the title, as written
        assert "Ann [2J[H]52" in shown  # the author
        assert app.title == "byline" and not app.sub_title
        # The panes: names and quotes carry what survived of the payload, as text.
        quotes = screen.quotes_pane.item_texts()
        assert any("The [i]engine[/i] [2J[H]52;c;" in quote for quote in quotes), quotes
        assert any("ALERT" in entity for entity in screen.entities_pane.item_texts())
        # The paywall warning: on the status line and in a notification.
        assert screen.status.message.plain.startswith("warning: the page asks readers to subscribe")
        assert any("subscribe or log in" in toast for toast in notifications(app))

        await pilot.press("G")
        look("the end of the article")
        await pilot.press("tab", "down", "enter")  # the first entity: its name on the status line
        assert screen.status.detail
        look("an entity followed")
        await pilot.press("tab", "down", "enter")  # a quote
        assert screen.status.detail.startswith("quote: ")
        look("a quote chosen")
        await pilot.press("escape", "slash", *"[i]engine[/i]", "enter")
        assert screen.status.message.plain == "/[i]engine[/i]" and screen.status.detail == "match 1/1"
        look("a search")

        await pilot.press("f")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "LinksDialog")
        await pilot.pause()
        links = look("the links dialog")
        assert without_space(f"[1] {MARKUP}") in without_space(links)
        assert "file:///etc/passwd" in links and "https://example.org/a]8;;b%20c" in links
        await pilot.press("escape")

        await pilot.press("o")  # the library screen lists it by its title, as written
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        await wait_until(pilot, lambda: "Ferry [bold red]ALERT[/]" in "".join(screen_lines(app)))
        look("the library screen")
        await pilot.press("escape", "escape")  # out of the field, then back to the reader
        await wait_until(pilot, lambda: app.screen is screen)

        # A text with no headline is listed by its (hostile) file name.
        screen.load(Request(str(untitled_file)))
        await wait_until(pilot, lambda: screen.page is not None and screen.page.request.source == str(untitled_file))
        # A source that cannot be read: the error panel names it, cleaned.
        missing = tmp_path / HOSTILE_NAME.replace(".html", "-gone.html")
        screen.load(Request(str(missing)))
        await wait_until(pilot, lambda: screen.opening.failed is not None)
        await pilot.pause()
        look("the error panel")
        clean_missing = f"{tmp_path}/{CLEAN_NAME.replace('.html', '-gone.html')}"
        panel = notice_text(screen).splitlines()
        assert panel[0] == f"Could not open {clean_missing}"
        assert panel[2] == f"{clean_missing}: no such file"
    assert article.title and MARKUP in article.title

    # The start screen: the untitled text under its file name, cleaned.
    app = reader_app(Settings())
    async with app.run_test(size=(160, 30)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        await wait_until(pilot, lambda: CLEAN_TEXT_NAME in "".join(screen_lines(app)))
        look("the start screen")


async def test_pasted_controls_never_reach_the_inputs(hostile_file, tmp_path):
    from textual import events

    pasted = f"https://example.org/{PAYLOAD}ferry"
    app = reader_app(Settings())
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        field = app.screen.query_one("#source-input")
        field.post_message(events.Paste(pasted))
        await pilot.pause()
        assert field.value == "https://example.org/[2J[H]52;c;cm0gLXJmIH4=]8;;https://evil.example/\\click]8;;\\]0;owned]2;owned\\2J0;ownedgnp.exexferry"
        assert controls_in("\n".join(screen_lines(app))) == []
    app = reader_app(Settings(), Request(str(hostile_file)))
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: app.screen.page is not None)
        await pilot.press("slash")
        bar = app.screen.query_one("#search")
        bar.post_message(events.Paste(f"[i]engine{PAYLOAD}"))
        await pilot.pause()
        assert controls_in(bar.value) == [] and controls_in("\n".join(screen_lines(app))) == []


@pytest.fixture
def home(tmp_path, monkeypatch):
    """The app's data, state and config in the test's own directories."""
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.delenv("BYLINE_DATA_DIR", raising=False)
    monkeypatch.delenv("BYLINE_CONFIG", raising=False)
    return tmp_path


def pause(app: PtyApp, seconds: float = 0.2) -> None:
    """Read what the app writes for ``seconds`` (a lone ESC is a key after ESCDELAY, 0.1 s)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.read(0.02)


def article_links(html: str) -> set[str]:
    return {link.url for link in extract_html(html, analyse=False).links}


def test_a_terminal_gets_nothing_from_a_hostile_page_but_text_and_its_links(home, hostile_file):
    links = article_links(hostile_page())
    app = PtyApp.byline(str(hostile_file), columns=160, rows=48)
    try:
        app.wait_for("Tollmere")
        assert without_space(MARKUP) in without_space(app.text())
        for keys, expect in (
            (b"\t\r", None), (b"\t\r", None), (b"/", "Search the article"), (b"ALERT\r", "/ALERT"),
            (b"f", "Follow a link"), (b"\x1b", None), (b"x", "removed blocks"), (b"G", None),
            (b"o", "Library —"), (b"\x1b", None), (b"\x1b", None),
        ):
            app.send(keys)
            if expect:
                app.wait_for(expect)
            else:
                pause(app)
        app.send(b"q")
        assert app.wait_exit() == 0
        first = bytes(app.output)
        assert restored(app) == []
    finally:
        app.close()
    assert b"\x1b]8;" in first, "the article's links were not hyperlinks"
    assert terminal_problems(first, links) == []

    # A hostile name that cannot be read: the error panel, then the library's list.
    app = PtyApp.byline(str(hostile_file).replace(".html", "-gone.html"), columns=160, rows=30)
    try:
        app.wait_for("no such file")
        app.send(b"r")
        pause(app)
        app.send(b"o")
        app.wait_for("Ferry [bold red]ALERT[/]")
        app.send(b"\x1b")  # out of the field (q there would be typed)
        pause(app)
        app.send(b"q")
        assert app.wait_exit() == 0
        second = bytes(app.output)
    finally:
        app.close()
    assert CLEAN_NAME.replace(".html", "-gone.html").encode() in second
    assert terminal_problems(second, set()) == []


def test_stdin_with_a_hostile_page_then_keys_from_the_terminal(home, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(hostile_page(), encoding="utf-8")
    app = PtyApp([f"{sys.executable} -m byline.tui - < '{page}'"], shell=True, columns=160, rows=48)
    try:
        app.wait_for("Tollmere")
        app.send(b"G")  # keys come from the terminal, not the exhausted stdin
        app.wait_for("end")
        app.send(b"q")
        assert app.wait_exit() == 0
        assert restored(app) == []
    finally:
        app.close()
    assert terminal_problems(bytes(app.output), article_links(hostile_page())) == []


def test_stdin_that_is_the_terminal_is_refused_at_once(home):
    app = PtyApp.byline("-")
    try:
        assert app.wait_exit(timeout=15) == 3
    finally:
        app.close()
    said = bytes(app.output).decode("utf-8", "replace")
    assert re.search(r"byline: -: standard input is a terminal; pipe an article in", said), said
    assert "Traceback" not in said


async def test_a_saved_pages_relative_link_opens_beside_it_not_in_the_working_directory(tmp_path, monkeypatch):
    # A page's hrefs choose what to open: relative ones resolve against the
    # page's own place, as in a browser, never against wherever byline runs.
    from pages import article_html

    saved = tmp_path / "saved"
    saved.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (saved / "next story.html").write_text(article_html("The next story about the quay"), encoding="utf-8")
    (elsewhere / "next story.html").write_text(article_html("A decoy in the working directory"), encoding="utf-8")
    page = saved / "page.html"
    page.write_text(article_html(after="<p>Read <a href='next%20story.html#top'>the next story</a> too.</p>"))
    monkeypatch.chdir(elsewhere)
    app = reader_app(Settings(), Request(str(page)))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        await wait_until(pilot, lambda: screen.page is not None)
        first = screen.page
        screen.follow_link(0)
        await wait_until(pilot, lambda: screen.page is not first or screen.opening.failed is not None)
        assert screen.opening.failed is None
        assert screen.page.article.title == "The next story about the quay"
