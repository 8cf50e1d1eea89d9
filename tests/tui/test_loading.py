"""Loading in the app: progress, errors with retry, Escape cancels, links and history."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fixture_articles import FIXTURES
from reader_helpers import loaded, visible_text, wait_until

PAGES = {
    "/ferry": (FIXTURES / "ferry-strike.html").read_bytes(),
    "/news/ferry-talks-letter": (FIXTURES / "ferry-letter.html").read_bytes(),
}


@pytest.fixture
def server():
    """A 127.0.0.1 server with the fixture pages, a page that never arrives and a 404."""
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            if self.path == "/slow":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                self.wfile.write(b"<html><body><p>")
                self.wfile.flush()
                stop.wait(10)
                return
            body = PAGES.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    stop.set()
    httpd.shutdown()
    httpd.server_close()


async def test_a_url_is_fetched_and_shown(make_app, server):
    app = make_app(f"{server}/ferry")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        assert visible_text(app.screen.view)[0] == "Island ferry crews vote to strike over rota changes"


async def test_following_a_numbered_link_opens_it_with_back_and_forward(make_app, server):
    app = make_app(f"{server}/ferry")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        screen = app.screen
        first = screen.page
        await pilot.press(*"jjjjjjjj")
        await pilot.press("f")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "LinksDialog")
        await pilot.press("2", "enter")
        await wait_until(pilot, lambda: screen.page is not first)
        assert visible_text(screen.view)[0] == "Union writes to ferry operator ahead of strike"
        await pilot.press("h")
        assert screen.page is first
        assert screen.view.scroll_y == 8, "back returns to the reading position"
        await pilot.press("l")
        assert visible_text(screen.view)[0] == "Union writes to ferry operator ahead of strike"
        await pilot.press("backspace")
        assert screen.page is first
        await pilot.press("h")
        assert "no earlier article" in screen.status.message.plain


async def test_links_are_terminal_hyperlinks(make_app, server):
    app = make_app(f"{server}/ferry")
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        view = app.screen.view
        links = {}
        for y in range(view.size.height):
            for segment in view.render_line(y):
                if segment.style and segment.style.link:
                    links[segment.text] = segment.style.link
        assert links["winter timetable"] == "https://example.com/timetables/winter"
        assert links["letter seen by the Gazette"] == f"{server}/news/ferry-talks-letter"


async def test_a_missing_file_shows_the_reason_and_r_retries(make_app, tmp_path):
    path = tmp_path / "later.txt"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await wait_until(pilot, lambda: screen.opening.failed is not None)
        notice = str(screen.query_one("#notice").render())
        assert "no such file" in notice and "r retry" in notice
        path.write_text("Written afterwards\n\nNow the file has a paragraph of text to read.\n")
        await pilot.press("r")
        await loaded(pilot)
        assert "Now the file has a paragraph of text to read." in visible_text(screen.view)


async def test_an_http_error_is_shown_in_the_app(make_app, server):
    app = make_app(f"{server}/gone")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen.opening.failed is not None)
        assert "HTTP 404" in str(app.screen.query_one("#notice").render())
        assert app.return_code is None, "an error is shown, the app keeps running"


async def test_escape_cancels_a_slow_fetch_at_once(make_app, server):
    app = make_app(f"{server}/slow")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await wait_until(pilot, lambda: "fetching" in screen.status.message.plain)
        started = time.monotonic()
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen.opening.failed is not None, timeout=2)
        assert time.monotonic() - started < 1
        assert "cancelled" in str(screen.query_one("#notice").render())
        assert not [w for w in screen.workers if w.group == "load" and w.is_running]


async def test_a_failed_link_leaves_the_article_one_key_away(make_app, server, monkeypatch):
    app = make_app(f"{server}/ferry")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        screen = app.screen
        article = screen.page
        screen.load(__import__("byline.tui.screens.reader.loading", fromlist=["Request"]).Request(f"{server}/nowhere"))
        await wait_until(pilot, lambda: screen.opening.failed is not None)
        assert "h back to the article" in str(screen.query_one("#notice").render())
        await pilot.press("h")
        assert screen.page is article and screen.view.display


async def test_opening_another_source_with_o(make_app, server):
    app = make_app(f"{server}/ferry")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        screen = app.screen
        await pilot.press("o")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        app.focused.value = f"{server}/news/ferry-talks-letter"
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.page and "Union writes" in (screen.page.article.title or ""))
        assert screen.history.back, "the first article is in the history"


async def test_a_bug_in_extraction_or_nlp_is_shown_not_fatal(make_app, monkeypatch, tmp_path):
    from byline import extract

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def broken_annotate(article, ner="rules"):
        raise ValueError("a bug in the entity finder")

    monkeypatch.setattr(extract, "annotate", broken_annotate)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot, annotated=False)
        await wait_until(pilot, lambda: "entities unavailable" in app.screen.status.message.plain)
        assert "internal error while finding entities" in app.screen.status.message.plain
        assert app.is_running and visible_text(app.screen.view)[0].startswith("Island ferry crews")

    def broken_extract(raw, analyse=True, ner="rules"):
        raise RuntimeError("a bug in extraction")

    monkeypatch.setattr(extract, "extract_document", broken_extract)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.screen.opening.failed is not None)
        assert "internal error while reading this article" in str(app.screen.query_one("#notice").render())
    assert "a bug in extraction" in (tmp_path / "state" / "byline" / "crash.log").read_text()
