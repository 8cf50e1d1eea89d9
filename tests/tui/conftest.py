from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fixture_articles import FERRY_ENTITIES, annotate_by_hand
from reader_helpers import FERRY

from byline import extract
from byline.extract import Article
from byline.tui.app.app import BylineApp
from byline.tui.config import Settings
from byline.tui.screens.reader.loading import Request



def hand_annotate(article: Article, *, ner: str = "rules") -> Article:
    """Stands in for extract.annotate: the fixture's entities and quotes."""
    if "Westway Ferries" in article.text:
        return annotate_by_hand(article, FERRY_ENTITIES, ["Dana Whitlock", "Westway Ferries", None])
    return article


@pytest.fixture(autouse=True)
def hand_annotations(monkeypatch):
    """The app's panes are tested apart from the NLP: annotation (which the app
    asks the library for) is by hand."""
    monkeypatch.setattr(extract, "annotate", hand_annotate)


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., BylineApp]:
    def make(
        source: str | Path | None = FERRY, *, settings: Settings | None = None, raw=None, store: bool = True
    ) -> BylineApp:
        request = Request(str(source), raw) if source is not None else None
        return BylineApp(settings or Settings(), request, store=store)

    return make


class LocalWeb:
    """A 127.0.0.1 server for ``pages`` (path -> HTML), which a test can stop to go offline."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.hits: list[str] = []
        pages, hits = self.pages, self.hits

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                hits.append(self.path)
                body = pages.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                data = body.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.running = True

    def stop(self) -> None:
        """Go offline: nothing listens on the port any more."""
        if self.running:
            self.running = False
            self.httpd.shutdown()
            self.httpd.server_close()


@pytest.fixture
def web():
    server = LocalWeb()
    yield server
    server.stop()


def story_page(title: str, paragraph: str, *, repeat: int = 3) -> str:
    """A small article page: a headline and a few paragraphs."""
    body = "".join(f"<p>{paragraph}</p>" for _ in range(repeat))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
