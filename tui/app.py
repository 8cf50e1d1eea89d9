"""The Textual app (a first, minimal version: the article, scrollable)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from extract import Article, ExtractError, load
from extract.load import FetchOptions
from tui.render import dump_text


class BylineApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(dump_text(self.article, width=80)))
        yield Footer()


def run_app(source: str | None, *, timeout: float | None = None) -> int:
    from tui.cli import report_error

    if not source:
        print("byline: give a SOURCE (URL, path or -) — the start screen is not built yet")
        return 2
    try:
        article = load(source, FetchOptions(timeout=timeout) if timeout else None)
    except ExtractError as exc:
        return report_error(exc, source)
    BylineApp(article).run()
    return 0
