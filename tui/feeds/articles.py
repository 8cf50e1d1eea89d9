"""An item's page (or, failing that, the feed's summary) as a library article.

This is the one module of ``feeds`` that knows how a source becomes a stored
article (``tui.data.through`` today); when the opener replaces it, this file
is the only one to change. ``extract_item`` and ``summary_item`` are pure and
picklable — the updater runs them in worker processes, which send back only
the ``Article`` — and ``store_item`` does the write, on the library's side.
"""

from __future__ import annotations

import dataclasses
import html
import time
from typing import TYPE_CHECKING

from byline.extract import Article, ExtractError, RawDocument
from byline.tui.config import Settings
from byline.tui.data.records import Fetched
from byline.tui.data.through import Opened, extract_document, store_opened
from byline.tui.feeds.parse import summary_text

if TYPE_CHECKING:
    from byline.tui.data.library import Library


def extract_item(raw: RawDocument, settings: Settings) -> Article:
    """Extract a fetched item page, entities and quotes included. Raises ``ExtractError``."""
    return extract_document(raw, analyse=True, ner=settings.ner)


def summary_item(
    summary: str,
    is_html: bool,
    *,
    url: str,
    base: str,
    title: str | None,
    reason: str,
    settings: Settings,
) -> tuple[RawDocument, Article]:
    """The feed's own text for an item whose page could not be read, as a page
    and its article, with a warning that says so.

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
    try:
        article = extract_document(dataclasses.replace(raw, url=base), analyse=True, ner=settings.ner)
    except ExtractError:
        # A summary too short for the article stage is still the feed's words: read it as text.
        from byline.extract.pipeline import extract_text

        text = summary_text(summary, True, limit=1_000_000) or ""
        article = extract_text(f"{title}\n\n{text}" if title else text, ner=settings.ner)
    note = f"this is the feed's summary: the page could not be read ({reason})"
    article = dataclasses.replace(article, source=url, url=url, warnings=(note, *article.warnings))
    return raw, article


def store_item(library: Library, raw: RawDocument, key: str, article: Article, settings: Settings) -> int:
    """Store an item's page and article unread under ``key`` (its normalised URL);
    return the library entry's id."""
    opened = Opened(article, None, Fetched(raw, key, "url", time.time()), from_library=False, annotated=True)
    entry_id = store_opened(library, opened, settings, read=False)
    assert entry_id is not None  # a fresh read always has bytes to store
    return entry_id
