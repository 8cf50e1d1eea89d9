"""A server that stalls, in the app: the UI keeps answering keys and the progress
line keeps moving until the deadline ends the fetch; Escape ends it at once
(the fetch thread stops and the server sees the connection close); q quits at
once even while a DNS lookup hangs; and a URL whose keys arrive in one burst
(a slow link) is typed as it was sent."""

from __future__ import annotations

import asyncio
import select
import sys
import threading
import time

import pytest
from appkit import STALLS, notice_text, reader_app, settled, wait_until
from casekit import Env
from misbehaving import Connection
from pages import ARTICLE
from pty_helpers import PtyApp

from byline.tui.config import Settings
from byline.tui.screens.reader.loading import Request


#: Long enough for the progress line to count a second before the error.
DEADLINE = 1.5


def fetch_threads() -> list[str]:
    return [thread.name for thread in threading.enumerate() if thread.name == "byline-fetch" and thread.is_alive()]


def load_running(screen) -> bool:
    return any(worker.group == "load" and worker.is_running for worker in screen.app.workers)


async def test_stalled_fetches_leave_the_ui_answering_until_the_deadline(server, tmp_path):
    # The three stalls run side by side, an app each on this loop: each only waits.
    env = Env(server, tmp_path)
    await asyncio.gather(*(_stall_in_the_app(case, env) for case in STALLS))
    for _ in range(50):
        if not fetch_threads():
            break
        await asyncio.sleep(0.02)
    assert fetch_threads() == [], "a fetch went on after Escape"


async def _stall_in_the_app(case, env: Env) -> None:
    server = env.server
    request = Request(case.setup(env))
    path = request.source.removeprefix(server.url(""))
    app = reader_app(Settings(timeout=DEADLINE), request)
    started = time.monotonic()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        progress: list[str] = []
        answered = 0
        while screen.opening.request is request:
            panes = screen.has_class("-panes")
            await pilot.press("p")
            if screen.opening.request is request:
                assert screen.has_class("-panes") != panes, f"{case.id}: a key was not handled while fetching"
                answered += 1
            line = screen.status.message.plain
            if not progress or progress[-1] != line:
                progress.append(line)
            await pilot.pause(0.05)
        elapsed = time.monotonic() - started
        await wait_until(pilot, lambda: settled(screen, request))

        assert answered >= 3, f"{case.id}: only {answered} keys handled while fetching"
        assert len(progress) >= 2 and any("Esc cancels" in line for line in progress), (case.id, progress)
        assert elapsed <= DEADLINE + 1, f"{case.id}: the error took {elapsed:.2f} s"
        message = screen.opening.failed[1].message
        assert message.endswith(f"timed out after {DEADLINE:g} s (the server is slow or unreachable)"), case.id
        assert message in notice_text(screen).splitlines(), case.id
        assert screen.status.message.plain == message, case.id

        # r fetches again; Escape ends that at once.
        seen = server.hits[path]
        await pilot.press("r")
        await wait_until(pilot, lambda: server.hits[path] > seen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not load_running(screen), timeout=1)
        assert "Loading was cancelled." in notice_text(screen), case.id


def _watch_for_hang_up(gone: threading.Event, *, drip: bool):
    """A route that stalls (or drips a byte every 0.1 s) and notes when the client goes."""

    def handler(conn: Connection) -> None:
        if drip:
            conn.head(200, {"Content-Type": "text/html"})
        while conn.sleep(0):
            if drip and not conn.send(b"<"):
                break
            readable, _, _ = select.select([conn.sock], [], [], 0.1)
            if readable:
                try:
                    if not conn.sock.recv(1):
                        break
                except OSError:
                    break
        else:
            return  # the server is stopping
        gone.set()

    return handler


@pytest.mark.parametrize("drip", [False, True], ids=["silent", "drip"])
async def test_escape_stops_the_fetch_and_the_server_sees_the_connection_close(drip, server, tmp_path):
    gone = threading.Event()
    url = server.route("/stall", _watch_for_hang_up(gone, drip=drip))
    app = reader_app(Settings(timeout=30), Request(url))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await wait_until(pilot, lambda: server.hits.get("/stall"))
        await pilot.pause(0.3)
        assert screen.opening.request is not None and fetch_threads()

        started = time.monotonic()
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen.opening.failed is not None, timeout=1)
        assert "Loading was cancelled." in notice_text(screen)
        assert not load_running(screen)
        assert await asyncio.to_thread(gone.wait, 2), "the server never saw the client go"
        await wait_until(pilot, lambda: not fetch_threads(), timeout=1)
        assert time.monotonic() - started < 1

        # and r opens it again
        await pilot.press("r")
        await wait_until(pilot, lambda: server.hits["/stall"] == 2)
        assert screen.opening.request is not None


async def test_q_quits_at_once_while_a_dns_lookup_hangs(resolver, tmp_path):
    resolver["mode"] = "hang"
    app = reader_app(Settings(timeout=30), Request("http://slow.example/ferry"))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: "fetching" in app.screen.status.message.plain)
        await pilot.pause(0.3)
        started = time.monotonic()
        await pilot.press("q")
    assert time.monotonic() - started < 1
    assert app.return_code == 0
    # The lookup still hangs, in a thread the interpreter will not wait for at exit.
    stuck = [thread for thread in threading.enumerate() if _in_resolver(thread)]
    assert stuck and all(thread.daemon for thread in stuck), [(t.name, t.daemon) for t in stuck]


def _in_resolver(thread: threading.Thread) -> bool:
    frame = sys._current_frames().get(thread.ident)
    while frame is not None:
        if frame.f_code.co_name == "fake" and "conftest" in frame.f_code.co_filename:
            return True
        frame = frame.f_back
    return False


def test_a_url_that_arrives_in_one_burst_keeps_its_order(server, tmp_path, monkeypatch):
    # Pasted without bracketed paste, or typed over a slow link: the keys come
    # together, and "/" is a priority binding of the start screen.
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.setenv("NO_PROXY", "*")
    url = server.page("/news/ferry", ARTICLE.encode())
    app = PtyApp.byline(columns=120, rows=30)
    try:
        app.wait_for("Library")
        app.send(url.encode() + b"\r")
        app.wait_for("Tollmere ferry cuts")
        app.send(b"q")
        assert app.wait_exit() == 0
    finally:
        app.close()
