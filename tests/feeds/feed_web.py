"""A 127.0.0.1 web of feeds and the pages their items link to.

The feeds are files under ``tests/fixtures/feeds/`` whose ``@BASE@`` is the
server's address; the pages are short stories written for these tests. Every
feed answers a conditional request (``If-None-Match``/``If-Modified-Since``)
with 304, as a well-behaved server does; ``/feeds/bomb.xml`` is a gzip bomb
and the pages of ``lost-rss.xml`` are gone (404).
"""

from __future__ import annotations

import gzip
import html
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FEEDS_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "feeds"
LAST_MODIFIED = "Wed, 04 Jun 2025 10:00:00 GMT"

FEED_TYPES = {
    "harbour-rss.xml": "application/rss+xml",
    "valley-rss.xml": "application/rss+xml; charset=utf-8",
    "quarry-atom.xml": "application/atom+xml",
    "orchard.json": "application/feed+json",
    "broken-date.xml": "text/xml",
    "control-title.xml": "application/xml",
    "lost-rss.xml": "application/rss+xml",
}

# path -> (headline, paragraphs): each a short story with a named person and a quote.
STORIES: dict[str, tuple[str, list[str]]] = {
    "/harbour/ferry-strike.html": (
        "Ferry crews vote to strike over rota changes",
        [
            "Crews on the island ferries voted on Monday to strike for two days next week after the operator changed the summer rota without consulting them.",
            "\u201cWe are not asking for more money, we are asking to see our families,\u201d said Dana Whitlock, who speaks for the crews' union. Westway Ferries said it regretted the vote.",
            "The strike would halt the morning sailings to both islands, and the council has asked the two sides to meet before Friday.",
        ],
    ),
    "/harbour/lighthouse-museum.html": (
        "Lighthouse keeper's cottage to become a museum",
        [
            "The cottage beside the north lighthouse will open as a small museum next spring, after the council approved the plan on Monday evening.",
            "\u201cThe keepers' logbooks tell the story of this coast better than any of us could,\u201d said Councillor Oren Vasquez, who proposed the plan.",
            "Volunteers will restore the lamp room and the kitchen, and the museum will open on weekends from April to October.",
        ],
    ),
    "/harbour/harbour-wall.html": (
        "Harbour wall repairs finish early",
        [
            "Engineers finished repairing the harbour wall a week ahead of plan, the port authority said on Sunday, after a dry month let the crews work every day.",
            "\u201cThe weather gave us a gift this year,\u201d said Marit Solberg, the engineer in charge. The wall had cracked in two places during the winter storms.",
            "Fishing boats can use the inner berths again from Tuesday, and the footpath along the top of the wall reopens at the weekend.",
        ],
    ),
    "/valley/late-frost.html": (
        "Orchard growers brace for a late frost",
        [
            "Growers across the valley covered their young apple trees overnight as forecasters warned of a frost unusually late in the season.",
            "\u201cOne cold night now can cost us half the harvest,\u201d said Priya Mendez, who farms forty acres above the river. Some growers lit burners between the rows.",
            "The weather service expects temperatures to recover by Thursday, and the growers' cooperative will count the damage at the weekend.",
        ],
    ),
    "/quarry/stories/quarry-climbing.html": (
        "Quarry reopens as a climbing centre",
        [
            "The old limestone quarry reopened on Saturday as a climbing centre, twelve years after the last stone was cut there.",
            "\u201cPeople used to climb in here illegally, so we decided to do it properly,\u201d said Mara Tollund, who runs the centre with two friends.",
            "The centre has forty routes on the quarry faces and a small caf\u00e9 in the old weighbridge office, and it opens every day except Monday.",
        ],
    ),
    "/quarry/bus-route.html": (
        "Bus route through the quarry road returns",
        [
            "The number 12 bus will run along the quarry road again from Monday, after the county finished resurfacing the road.",
            "\u201cFor two years the villagers have walked a mile to the main road for a bus,\u201d said Halvard Moe, who chairs the parish council.",
            "Buses will run every hour from seven in the morning until seven in the evening, and on Saturdays until noon.",
        ],
    ),
    "/orchard/cider-press.html": (
        "Village cider press gets a new home",
        [
            "The village's shared cider press moved into the old mill this week, after thirty years in a barn that is about to be sold.",
            "\u201cEvery family here has pressed apples on it at some point,\u201d said Ada Kovac, who organised the move with a borrowed tractor.",
            "The press will be open to anyone with apples on autumn Saturdays, and the mill's owners have offered the space for free.",
        ],
    ),
    "/orchard/bee-hives.html": (
        "Beekeepers count the hives after the storm",
        [
            "Beekeepers across the orchards spent the weekend counting their hives after the storm blew several over and flooded others.",
            "\u201cWe lost six colonies, which is hard but not the disaster we feared,\u201d said Lena Brandt, who keeps bees on the south slope.",
            "The beekeepers' association will lend spare hives to members who lost theirs, and it asks anyone who finds a swarm to call it.",
        ],
    ),
    "/mill/market-indoors.html": (
        "Mill Street market moves indoors",
        [
            "The Saturday market on Mill Street moved into the old tannery building this weekend, ending years of trading under leaking awnings.",
            "\u201cThe stallholders voted for it almost to a person,\u201d said Joel Ekwueme, who manages the market for the town.",
            "The tannery has room for forty stalls, ten more than the street, and the market will stay open until four in the afternoon.",
        ],
    ),
    "/mill/tannery-roof.html": (
        "Tannery roof fixed at last",
        [
            "Roofers finished replacing the tannery's roof on Friday, three months after a storm tore away a third of the slates.",
            "\u201cWe could not have opened the market indoors without it,\u201d said Joel Ekwueme, who manages the market for the town.",
            "The town paid for the work from its repairs fund, and the old slates will be sold to a reclamation yard.",
        ],
    ),
    "/signal/signal-box.html": (
        "Signal box restored by volunteers",
        [
            "Volunteers finished restoring the old signal box at the junction this month, after four years of weekend work.",
            "\u201cEvery lever works again, though none of them moves a real signal,\u201d said Rune Halvorsen, who led the restoration.",
            "The box will open to visitors on the first Sunday of every month, when the volunteers will demonstrate the levers.",
        ],
    ),
    "/signal/level-crossing.html": (
        "Level crossing gates replaced",
        [
            "The wooden gates at the level crossing were replaced with new ones this week, built to the old design by a local joiner.",
            "\u201cThey look exactly like the ones my grandfather opened by hand,\u201d said Ingrid Dahl, who lives in the crossing keeper's house.",
            "The crossing was closed for two days during the work, and the railway thanked drivers for their patience.",
        ],
    ),
}


def story_page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{html.escape(title)}</title>"
        '<meta property="og:site_name" content="Test Gazette"></head>'
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{body}</article>"
        "<footer>Copyright the Test Gazette</footer></body></html>"
    )


@dataclass
class Response:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    conditional: bool = False  # answer If-None-Match/If-Modified-Since with 304


class FeedWeb:
    """The 127.0.0.1 server; ``routes`` can be changed while it runs."""

    def __init__(self) -> None:
        self.routes: dict[str, Response] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                headers = {name.lower(): value for name, value in self.headers.items()}
                with web.lock:
                    web.requests.append((self.path, headers))
                    response = web.routes.get(self.path) or web.routes.get(self.path.split("?")[0])
                if response is None:
                    self.send_error(404)
                    return
                # RFC 9110: If-None-Match, when sent, decides; If-Modified-Since only without it.
                if "if-none-match" in headers:
                    fresh = headers["if-none-match"] == response.headers.get("ETag")
                else:
                    fresh = headers.get("if-modified-since") == response.headers.get("Last-Modified")
                fresh = fresh and response.conditional
                if fresh:
                    self.send_response(304)
                    for name, value in response.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    return
                self.send_response(response.status)
                self.send_header("Content-Type", response.content_type)
                self.send_header("Content-Length", str(len(response.body)))
                for name, value in response.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(response.body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        # A short poll: shutdown() waits for it, at every test's end.
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def serve_feed(self, name: str, *, text: str | None = None, etag: str | None = None) -> str:
        """Serve a fixture feed (or ``text``) at /feeds/NAME with validators; return its URL."""
        body = (text if text is not None else (FEEDS_DIR / name).read_text(encoding="utf-8"))
        data = body.replace("@BASE@", self.base).encode("utf-8")
        headers = {"ETag": etag or f'"{abs(hash(data)):x}"', "Last-Modified": LAST_MODIFIED}
        self.routes[f"/feeds/{name}"] = Response(data, FEED_TYPES.get(name, "application/rss+xml"), headers=headers, conditional=True)
        return self.url(f"/feeds/{name}")

    def hits(self, path: str) -> int:
        with self.lock:
            return sum(1 for requested, _ in self.requests if requested.split("?")[0] == path)

    def headers_of(self, path: str) -> list[dict[str, str]]:
        with self.lock:
            return [headers for requested, headers in self.requests if requested.split("?")[0] == path]

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


_BOMB: list[bytes] = []


def gzip_bomb() -> bytes:
    """A feed that inflates to 24 MB of spaces (about 24 KB on the wire)."""
    if not _BOMB:
        head = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Bomb</title>'
        _BOMB.append(gzip.compress(head + b" " * (24 * 1024 * 1024) + b"</channel></rss>", 9))
    return _BOMB[0]


def start_web() -> FeedWeb:
    """The server with every story, the harbour's home page (which names its feed),
    a page that names none, and the gzip bomb."""
    web = FeedWeb()
    for path, (title, paragraphs) in STORIES.items():
        web.routes[path] = Response(story_page(title, paragraphs).encode("utf-8"))
    web.routes["/harbour/"] = Response(
        (
            "<!doctype html><html><head><title>The Harbour Gazette</title>"
            '<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/2">'
            '<link rel="alternate" type="application/rss+xml" title="Harbour news" href="../feeds/harbour-rss.xml">'
            '<link rel="alternate" type="application/atom+xml" title="Comments" href="/feeds/comments.xml">'
            "</head><body><p>Welcome to the harbour.</p></body></html>"
        ).encode()
    )
    web.routes["/plain-page.html"] = Response(
        story_page("A page without a feed", STORIES["/harbour/harbour-wall.html"][1]).encode()
    )
    web.routes["/feeds/bomb.xml"] = Response(gzip_bomb(), "application/rss+xml", headers={"Content-Encoding": "gzip"})
    return web
