"""An item's page (or, failing that, the feed's summary) as a library article.

This is the one module of ``feeds`` that knows how a source becomes a stored
article (``tui.data.through`` today); when the opener replaces it, this file
is the only one to change. ``extract_item`` and ``summary_item`` are pure and
picklable — the updater runs them in worker processes — and ``store_item``
does the write, on the library's side.
"""

from __future__ import annotations

import dataclasses
import html
import time
from typing import TYPE_CHECKING

from byline.extract import ExtractError, RawDocument
from byline.tui.config import Settings
from byline.tui.data.records import Fetched
from byline.tui.data.through import Opened, from_fetched, store_opened

if TYPE_CHECKING:
    from byline.tui.data.library import Library


def extract_item(raw: RawDocument, key: str, settings: Settings) -> Opened:
    """Extract a fetched item page (entities and quotes included), ready to store
    under ``key`` (the item's normalised URL). Raises ``ExtractError``."""
    fetched = Fetched(raw, key, "url", time.time())
    return from_fetched(fetched, None, settings, analyse=True)


def summary_item(
    summary: str,
    is_html: bool,
    *,
    url: str,
    key: str,
    base: str,
    title: str | None,
    reason: str,
    settings: Settings,
) -> Opened:
    """The feed's own text for an item whose page could not be read, as an
    article stored under the item's key, with a warning that says so.

    Raises ``ExtractError`` when the summary holds no article text either.
    """
    if not is_html:
        summary = "".join(f"<p>{html.escape(part)}</p>" for part in summary.split("\n\n") if part.strip())
    heading = f"<h1>{html.escape(title)}</h1>" if title else ""
    page = (
        f"<!doctype html><html><head><title>{html.escape(title or '')}</title></head>"
        f"<body><article>{heading}{summary}</article></body></html>"
    )
    # No final URL: the library must not take this for the page itself when the
    # page's address is opened (``Library.find`` also matches final URLs).
    raw = RawDocument(page.encode("utf-8"), url, "html", url=None, content_type="text/html", charset="utf-8")
    fetched = Fetched(raw, key, "url", time.time())
    from byline.extract.pipeline import extract_document

    try:
        article = extract_document(dataclasses.replace(raw, url=base), ner=settings.ner)
    except ExtractError:
        # A summary too short for the article stage is still the feed's words: read it as text.
        from byline.extract.pipeline import extract_text

        text = _strip_tags(summary)
        article = extract_text(f"{title}\n\n{text}" if title else text, ner=settings.ner)
    note = f"this is the feed's summary: the page could not be read ({reason})"
    article = dataclasses.replace(article, source=url, url=url, warnings=(note, *article.warnings))
    return Opened(article, None, fetched, from_library=False, annotated=True)


def store_item(library: Library, opened: Opened, settings: Settings) -> int:
    """Store an item's article unread; return its library entry's id."""
    entry_id = store_opened(library, opened, settings, read=False)
    assert entry_id is not None  # a fresh read always has bytes to store
    return entry_id


def _strip_tags(markup: str) -> str:
    from byline.tui.feeds.parse import summary_text

    return summary_text(markup, True, limit=1_000_000) or ""
