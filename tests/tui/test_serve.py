"""``byline serve``: the app in a real browser (headless Chromium, driven by
Playwright). The browser loads the page, its terminal connects, the library
and then the article with both panes are drawn, and a key typed in the
browser scrolls the article.

The screen is read from what the browser receives on its WebSocket (the
terminal's bytes, replayed into pyte): the page draws the terminal on a
canvas, which holds no text to read.

Skipped, with the reason, without the ``serve`` extra, Playwright or a
Chromium (Debian's ``chromium`` package; CI installs it: see .ci/run).
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyte
import pytest
from patience import HANG

from byline.tui.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
FERRY = ROOT / "tests" / "fixtures" / "ferry-strike.html"
TITLE = "Island ferry crews vote to strike over rota changes"
#: The flags a headless Chromium needs on a closed network, as root, with no GPU.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX only")


def _chromium() -> str | None:
    return os.environ.get("BYLINE_TEST_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def _needs() -> str | None:
    """Why the browser test cannot run here, or None."""
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        return "the serve extra (textual-serve) is not installed: pip install -e '.[serve]'"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (it comes with the dev extra)"
    if _chromium() is None:
        return "no Chromium to drive: apt-get install chromium (or set BYLINE_TEST_CHROMIUM)"
    return None


class BrowserTerminal:
    """What the page's terminal shows: the bytes its WebSocket received, in pyte."""

    def __init__(self) -> None:
        self.size = (80, 24)
        self.received: list[bytes] = []

    def watch(self, websocket) -> None:  # type: ignore[no-untyped-def]
        websocket.on("framesent", self._sent)
        websocket.on("framereceived", self._received)

    def _sent(self, payload: str | bytes) -> None:
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size = json.loads(payload)[1]
            self.size = (size["width"], size["height"])

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):  # text frames are the page's own (pong, ids)
            self.received.append(payload)

    def lines(self) -> list[str]:
        screen = pyte.Screen(*self.size)
        stream = pyte.ByteStream(screen)
        for data in self.received:
            stream.feed(data)
        return screen.display

    def row_of(self, text: str) -> int | None:
        return next((number for number, line in enumerate(self.lines()) if text in line), None)


def _serve(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    server = subprocess.Popen(
        [sys.executable, "-m", "byline.tui", "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT,
    )
    ready, _, _ = select.select([server.stdout], [], [], HANG)
    line = server.stdout.readline().decode() if ready else ""
    found = re.search(r"serving the app at (http://\S+)", line)
    if not found:
        server.kill()
        raise AssertionError(f"byline serve did not start: {line!r} {server.stderr.read().decode()!r}")
    return server, found.group(1)


def test_the_app_runs_in_a_browser_with_its_panes_and_keys(tmp_path):
    missing = _needs()
    if missing and os.environ.get("BYLINE_REQUIRE_BROWSER"):  # CI installs a Chromium: the test must run
        pytest.fail(missing)
    if missing:
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    assert main(["save", str(FERRY)]) == 0  # a library with one article (this test's own)
    # PYTHONPATH: the app's processes import this checkout, as the test does.
    server, url = _serve(dict(os.environ, PYTHONPATH=str(ROOT)))
    terminal = BrowserTerminal()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch_persistent_context(
                str(tmp_path / "chromium-profile"),
                executable_path=_chromium(),
                args=CHROMIUM_FLAGS,
                headless=True,
                viewport={"width": 1280, "height": 480},  # the panes beside the text; the article taller than the window
            )
            browser.set_default_timeout(HANG * 1000)
            page = browser.pages[0] if browser.pages else browser.new_page()
            page.on("websocket", terminal.watch)
            page.goto(url)

            def wait_for(condition, what: str) -> None:  # type: ignore[no-untyped-def]
                give_up = time.monotonic() + HANG
                while not condition():
                    assert time.monotonic() < give_up, f"{what}; the browser shows:\n" + "\n".join(terminal.lines())
                    page.wait_for_timeout(50)  # the browser's events are handled meanwhile

            wait_for(lambda: terminal.row_of("Library — 1 article") is not None, "the library never appeared")
            page.focus(".xterm-helper-textarea")  # the terminal's keyboard
            page.keyboard.press("Enter")  # open the article the list has selected
            wait_for(
                lambda: all(terminal.row_of(text) is not None for text in (TITLE, "Entities", "Quotes", "Westway Ferries")),
                "the article and its panes never appeared",
            )
            top = terminal.row_of(TITLE)
            page.keyboard.press("j")
            wait_for(lambda: terminal.row_of(TITLE) != top, "j did not scroll the article")
            assert terminal.row_of(TITLE) in (top - 1, None), "j scrolls one line up"
            browser.close()
    finally:
        server.send_signal(signal.SIGINT)  # what Ctrl-C does
        try:
            code = server.wait(HANG)
        finally:
            server.kill()
        errors = server.stderr.read().decode()
    assert code == 0, errors
    assert "Traceback" not in errors


def test_serve_without_its_extra_says_how_to_get_it(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # as if not installed
    assert main(["serve"]) == 2
    assert capsys.readouterr().err == "byline: byline serve needs the serve extra: pip install 'byline[serve]'\n"


@pytest.mark.parametrize("port", ["http", "-1", "70000"])
def test_a_port_that_is_not_one_is_a_usage_error(port, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["serve", "--port", port])
    assert exit.value.code == 2
    assert "--port" in capsys.readouterr().err
