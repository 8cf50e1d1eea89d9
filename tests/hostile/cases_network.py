"""Network cases: a server that refuses, stalls, drips, lies and bombs."""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable

from casekit import CAP, Case, Env, deflate_gib, gzip_gib
from misbehaving import Connection, refused_port
from patience import HANG
from pages import ARTICLE, FIRST

from byline.extract import FetchError, HTTPStatusError, NotAnArticle, TooLarge, UnsupportedContent


def _drip(conn: Connection, data: bytes, interval: float) -> None:
    """Send ``data`` a byte every ``interval`` seconds, for at most HANG seconds:
    a client whose deadline failed then sees the page cut short, not a hang."""
    give_up = time.monotonic() + HANG
    for byte in data:
        if not conn.send(bytes([byte])) or not conn.sleep(interval) or time.monotonic() > give_up:
            return


def _drip_body(conn: Connection) -> None:
    conn.head(200, {"Content-Type": "text/html"})
    _drip(conn, ARTICLE.encode(), 0.2)


def _drip_head(conn: Connection) -> None:
    _drip(conn, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Slow: y\r\n" * 1000, 0.1)


def _endless(conn: Connection) -> None:
    conn.head(200, {"Content-Type": "text/html"})
    chunk = b"<p>" + b"more words " * 6000 + b"</p>\n"
    for _ in range(CAP * 5 // len(chunk)):
        if not conn.send(chunk):
            return


def _short_body(conn: Connection) -> None:
    body = ARTICLE.encode()
    conn.head(200, {"Content-Type": "text/html", "Content-Length": str(len(body) * 2)})
    conn.send(body)


def _short_chunked(conn: Connection) -> None:
    conn.head(200, {"Content-Type": "text/html", "Transfer-Encoding": "chunked"})
    body = ARTICLE.encode()
    conn.send(b"%x\r\n%s\r\n" % (len(body), body) + b"400\r\n" + b"x" * 100)


def _redirect(location: str) -> Callable[[Connection], object]:
    return lambda conn: conn.respond(302, b"", {"Location": location})


def _chain(env: Env, length: int) -> str:
    for hop in range(length):
        env.route(f"/hop{hop}", _redirect(f"/hop{hop + 1}"))
    return env.server.url("/hop0")


def _refused(env: Env) -> str:
    sock, port = refused_port()
    env.keep.append(sock)
    return f"http://127.0.0.1:{port}/news/ferry"


def _status(status: int, body: bool) -> Case:
    page = "<html><body><h1>Error</h1><p>Something is wrong with this page.</p></body></html>"
    return Case(
        "network",
        f"HTTP {status} {'with' if body else 'without'} a body",
        lambda env: env.page(f"/s{status}", page if body else b"", status, Retry_After="30"),
        3,
        rf"HTTP {status} \w",
        HTTPStatusError,
    )


NETWORK = [
    Case("network", "connection refused", _refused, 3, "connection refused", FetchError),
    Case("network", "a .invalid name", lambda env: "http://news.invalid/ferry", 3, "could not resolve host", FetchError),
    Case("network", "server never answers", lambda env: env.route("/silent", lambda c: c.sleep(60)), 3, "timed out after 1 s", FetchError),
    Case("network", "status line and headers drip", lambda env: env.route("/drip-head", _drip_head), 3, "timed out after 1 s", FetchError),
    Case("network", "body drips a byte every 0.2 s", lambda env: env.route("/drip", _drip_body), 3, "timed out after 1 s", FetchError),
    *[_status(status, body) for status in (404, 410, 429, 500, 503) for body in (False, True)],
    Case("network", "redirect loop", lambda env: (env.route("/a", _redirect("/b")), env.route("/b", _redirect("/a")))[0], 3, "redirect loop", FetchError),
    Case("network", "redirect to itself", lambda env: env.route("/self", _redirect("/self")), 3, "redirect loop", FetchError),
    Case("network", "too many redirects", lambda env: _chain(env, 30), 3, "more than 10 redirects", FetchError),
    Case("network", "redirect to file:", lambda env: env.route("/f", _redirect("file:///etc/passwd")), 3, "redirected to file:///etc/passwd, which byline will not follow", FetchError),
    Case("network", "redirect to ftp:", lambda env: env.route("/ftp", _redirect("ftp://127.0.0.1/x")), 3, "redirected to ftp://127.0.0.1/x, which", FetchError),
    Case("network", "redirect to data:", lambda env: env.route("/data", _redirect("data:text/html,<p>hi</p>")), 3, "redirect", FetchError),
    Case("network", "redirect to javascript:", lambda env: env.route("/js", _redirect("javascript:alert(1)")), 3, "redirect", FetchError),
    Case("network", "redirect without Location", lambda env: env.page("/nowhere", b"", 302), 3, "302 redirect without a Location header", FetchError),
    Case("network", "PDF", lambda env: env.page("/doc.pdf", b"%PDF-1.7\n", Content_Type="application/pdf"), 3, "sent application/pdf", UnsupportedContent),
    Case("network", "image", lambda env: env.page("/pic", b"\x89PNG\r\n\x1a\n", Content_Type="image/png"), 3, "sent image/png", UnsupportedContent),
    Case("network", "JSON", lambda env: env.page("/api", b'{"title": "x"}', Content_Type="application/json"), 3, "sent application/json", UnsupportedContent),
    Case("network", "octet-stream holding HTML", lambda env: env.page("/bin", ARTICLE, Content_Type="application/octet-stream"), 3, "sent application/octet-stream", UnsupportedContent),
    Case("network", "a PNG labelled text/html", lambda env: env.page("/lie", b"\x89PNG\r\n\x1a\n" + bytes(200)), 3, "a PNG image", UnsupportedContent),
    Case("network", "endless body, no length", lambda env: env.route("/endless", _endless), 3, "is more than the 10 MB limit", TooLarge),
    Case("network", "Content-Length past the cap", lambda env: env.route("/huge", lambda c: c.head(200, {"Content-Type": "text/html", "Content-Length": str(50 * CAP)})), 3, "500 MB is over the 10 MB limit", TooLarge),
    Case("network", "1 GB gzip bomb", lambda env: env.page("/bomb", gzip_gib(), Content_Encoding="gzip"), 3, "decompresses to more than the 10 MB limit", TooLarge),
    Case("network", "1 GB bomb under gzip, gzip", lambda env: env.page("/bomb2", gzip.compress(gzip_gib()), Content_Encoding="gzip, gzip"), 3, "decompresses to more than", TooLarge),
    Case("network", "1 GB deflate bomb", lambda env: env.page("/bomb3", deflate_gib(), Content_Encoding="deflate"), 3, "decompresses to more than", TooLarge),
    Case("network", "five stacked encodings", lambda env: env.page("/stack", b"x", Content_Encoding="gzip, gzip, gzip, gzip, gzip"), 3, "stacked 5 Content-Encodings", UnsupportedContent),
    Case("network", "unsupported encoding", lambda env: env.page("/br", b"x", Content_Encoding="br"), 3, r"unsupported Content-Encoding \(br\)", UnsupportedContent),
    Case("network", "corrupt gzip", lambda env: env.page("/badgz", b"this is not gzip at all", Content_Encoding="gzip"), 3, "corrupt", FetchError),
    Case("network", "body shorter than its Content-Length", lambda env: env.route("/short", _short_body), 3, "closed the connection before the page was complete", FetchError),
    Case("network", "chunked body cut off", lambda env: env.route("/cut", _short_chunked), 3, "closed the connection before the page was complete", FetchError),
    Case("network", "gzip stream cut off", lambda env: env.page("/gzcut", gzip.compress(ARTICLE.encode())[:-60], Content_Encoding="gzip"), 0, FIRST, warns="ended early"),
    Case("network", "server hangs up at once", lambda env: env.route("/hangup", lambda c: None), 3, "closed the connection", FetchError),
    Case("network", "not HTTP at all", lambda env: env.route("/ssh", lambda c: c.send(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")), 3, "malformed response", FetchError),
    Case("network", "200 KB header", lambda env: env.route("/hdr", lambda c: c.head(200, {"X-Big": "a" * 200_000})), 3, "malformed response|closed the connection", FetchError),
    Case("network", "unknown declared charset", lambda env: env.page("/klingon", ARTICLE.replace("café", "cafe"), Content_Type="text/html; charset=x-klingon"), 0, "harbour cafe on Tollmere"),
    Case("network", "declared utf-8, sent cp1252", lambda env: env.page("/cp", ARTICLE.encode("cp1252"), Content_Type="text/html; charset=utf-8"), 0, "harbour café on Tollmere"),
    Case("network", "declared latin-1, sent utf-8", lambda env: env.page("/l1", ARTICLE, Content_Type="text/html; charset=iso-8859-1"), 0, "harbour café on Tollmere", absent=("cafÃ",)),
    Case("network", "declared a non-text codec", lambda env: env.page("/zlib", ARTICLE, Content_Type="text/html; charset=zlib"), 0, "harbour café on Tollmere"),
    Case("network", "invalid UTF-8 bytes", lambda env: env.page("/bad8", ARTICLE.encode().replace(b"Monday", b"Mon\xff\xfeday")), 0, FIRST[:20]),
    Case("network", "empty body", lambda env: env.page("/empty", b""), 4, "the server sent an empty page", NotAnArticle),
    Case("network", "white-space body", lambda env: env.page("/blank", b" \r\n\t \n"), 4, "the server sent an empty page", NotAnArticle),
    Case("network", "204 No Content", lambda env: env.page("/nc", b"", 204), 4, "empty page", NotAnArticle),
    Case("network", "URL without a host", lambda env: "http:///ferry", 3, "no host name", FetchError),
    Case("network", "port out of range", lambda env: "http://127.0.0.1:99999/ferry", 3, "not a valid URL", FetchError),
    Case("network", "malformed IPv6 URL", lambda env: "http://[::1/ferry", 3, "not a valid URL", FetchError),
    Case("network", "unsupported scheme", lambda env: "ftp://127.0.0.1/ferry.html", 3, "unsupported URL scheme 'ftp'", FetchError),
]
