"""Network failures the catalogue cannot stage with a server: a resolver that
fails or hangs, a body stopped while it streams, a fetch cancelled mid-way."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from misbehaving import Connection
from pages import ARTICLE
from patience import HANG

from byline.extract import FetchError, FetchOptions, TooLarge, load
from byline.extract.deadline import run_sync
from byline.extract.fetch import fetch_url
from byline.extract.inflate import StreamDecoder

CAP = 1024 * 1024


def test_a_name_that_does_not_resolve_says_so(resolver):
    # Said at once, not when the deadline passes: that would say "timed out".
    with pytest.raises(FetchError, match=r"could not resolve host news\.example"):
        load("http://news.example/ferry", FetchOptions(timeout=HANG))


def test_a_hanging_resolver_cannot_outlast_the_deadline(resolver):
    resolver["mode"] = "hang"
    with pytest.raises(FetchError, match="timed out after 1 s"):
        load("http://slow.example/ferry", FetchOptions(timeout=1))
    assert resolver["hanging"], "the error waited for the lookup"


async def test_a_hanging_resolver_cannot_outlast_the_deadline_inside_a_running_loop(resolver):
    # An app calls the blocking API from its own event loop: run_sync moves to a thread.
    resolver["mode"] = "hang"
    with pytest.raises(FetchError, match="timed out"):
        load("http://slow.example/ferry", FetchOptions(timeout=1))
    assert resolver["hanging"], "the error waited for the lookup"


def _stream(sent: list[int]):
    def handler(conn: Connection) -> None:
        conn.head(200, {"Content-Type": "text/html"})
        chunk = b"<p>" + b"word " * 13000 + b"</p>"
        for _ in range(400):  # 26 MB if nobody stops it
            if not conn.send(chunk):
                return
            sent[0] += len(chunk)

    return handler


def test_a_body_past_the_cap_is_stopped_while_it_streams(server):
    sent = [0]
    url = server.route("/endless", _stream(sent))

    with pytest.raises(TooLarge, match="more than the 1 MB limit"):
        load(url, FetchOptions(timeout=5, max_bytes=CAP))
    server.stop()
    # What the server got out before the client hung up: the cap, plus what the
    # kernel's socket buffers held — far from the 26 MB it meant to send.
    assert sent[0] < CAP + 8 * 1024 * 1024


def test_a_declared_length_past_the_cap_is_refused_before_the_body(server):
    body_due = threading.Event()

    def handler(conn: Connection) -> None:
        conn.head(200, {"Content-Type": "text/html", "Content-Length": str(100 * CAP)})
        conn.sleep(HANG)  # the body never comes (until the test ends): a refusal must not wait for it
        body_due.set()

    url = server.route("/declared", handler)
    with pytest.raises(TooLarge, match="100 MB is over the 1 MB limit"):
        load(url, FetchOptions(timeout=2 * HANG, max_bytes=CAP))
    assert not body_due.is_set(), "the refusal waited for the body"


async def test_cancelling_a_fetch_stops_it_at_once(server):
    answered = threading.Event()

    def silent(conn: Connection) -> None:
        conn.sleep(HANG)  # no answer until the test ends
        answered.set()

    url = server.route("/silent", silent)
    task = asyncio.create_task(fetch_url(url, FetchOptions(timeout=2 * HANG)))
    while not server.hits.get("/silent"):
        await asyncio.sleep(0.02)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert not answered.is_set(), "the cancel waited for the server"
    # The fetch itself stops too, not only the task awaiting it.
    give_up = time.monotonic() + HANG
    while any(thread.name == "byline-fetch" for thread in threading.enumerate()):
        assert time.monotonic() < give_up, "the fetch thread went on"
        await asyncio.sleep(0.02)


def test_progress_messages_carry_no_controls(server):
    weird = "/p\u202e\x9b2J"
    location = [("Location", weird.encode("utf-8").decode("latin-1"))]
    server.route("/start", lambda c: c.head(302, location))
    server.page(weird, ARTICLE.encode())
    seen: list[str] = []

    async def fetch():
        return await fetch_url(server.url("/start"), FetchOptions(timeout=5), progress=seen.append)

    raw = run_sync(fetch())
    assert raw.data == ARTICLE.encode()
    assert seen and not any(ch in message for message in seen for ch in "\u202e\x9b\x1b")


def test_a_gzip_bomb_dripped_one_byte_at_a_time_is_still_capped():
    from pages import gzip_bomb

    decoder = StreamDecoder(["gzip"], CAP, "bomb")
    with pytest.raises(TooLarge):
        for byte in gzip_bomb(64 * CAP)[:200_000]:
            decoder.feed(bytes([byte]))
    assert decoder.size <= CAP


def test_raw_deflate_is_recognised_even_one_byte_at_a_time():
    import zlib

    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    raw = compressor.compress(ARTICLE.encode()) + compressor.flush()
    decoder = StreamDecoder(["deflate"], CAP, "raw")
    for byte in raw:
        decoder.feed(bytes([byte]))
    assert decoder.finish() == ARTICLE.encode()
    assert decoder.warnings == []


def test_bytes_after_a_finished_gzip_stream_are_ignored_not_kept():
    import gzip

    decoder = StreamDecoder(["gzip"], CAP, "trailing")
    decoder.feed(gzip.compress(b"<p>The page.</p>"))
    for _ in range(100):
        decoder.feed(b"\0" * 65536)  # 6 MB of junk after the stream ends
    assert decoder.finish() == b"<p>The page.</p>"


async def test_a_hanging_resolver_does_not_hold_an_apps_loop_at_exit(resolver):
    # Awaited from a loop that is not byline's own (an app's): the deadline holds,
    # and no executor thread is left behind for the app's shutdown to wait on.
    resolver["mode"] = "hang"
    with pytest.raises(FetchError, match="timed out after 1 s"):
        await fetch_url("http://slow.example/ferry", FetchOptions(timeout=1))
    assert resolver["hanging"], "the error waited for the lookup"
    # The lookup hangs until the test ends: an executor thread waiting on it would hold this.
    await asyncio.wait_for(asyncio.get_running_loop().shutdown_default_executor(), HANG)


async def test_progress_is_reported_on_the_callers_loop(server):
    url = server.page("/ferry", ARTICLE.encode())
    threads: set[int] = set()
    raw = await fetch_url(url, FetchOptions(timeout=5), progress=lambda message: threads.add(threading.get_ident()))
    assert raw.data == ARTICLE.encode()
    assert threads == {threading.get_ident()}
