"""An item's page (or, failing that, the feed's summary) as a library article,
through the one opener (``tui.opener``).

The updater takes the opener's steps one at a time so it can place them:
``Opener.fetch`` under its per-host limits, the opener's extract step in a
worker process (``extract_item`` and ``summary_item`` are module-level and
picklable, and send back only the ``Article``), and ``Opener.store`` on the
library's writer thread (``stored``).
"""

from __future__ import annotations

import dataclasses
import html
import time

from byline.extract import Article, ExtractError, RawDocument, extract_text
from byline.tui.data.records import Fetched
from byline.tui.feeds.parse import summary_text
from byline.tui.opener import Opened, Opener


def extract_item(fetched: Fetched, ner: str) -> Article:
    """The opener's extract step for a fetched item page, entities and quotes
    included (runs in a worker process). Raises ``ExtractError``."""
    return Opener(None, ner=ner).extract(fetched, None, analyse=True).article


def summary_item(
    summary: str,
    is_html: bool,
    *,
    url: str,
    key: str,
    base: str,
    title: str | None,
    reason: str,
    ner: str,
) -> tuple[Fetched, Article]:
    """The feed's own text for an item whose page could not be read, as a page
    to store under ``key`` and its article, with a warning that says so.

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
    try:
        # Relative links in the summary resolve against the feed's base.
        article = extract_item(dataclasses.replace(fetched, raw=dataclasses.replace(raw, url=base)), ner)
    except ExtractError:
        # A summary too short for the article stage is still the feed's words: read it as text.
        text = summary_text(summary, True, limit=1_000_000) or ""
        article = extract_text(f"{title}\n\n{text}" if title else text, ner=ner)
    note = f"this is the feed's summary: the page could not be read ({reason})"
    article = dataclasses.replace(article, source=url, url=url, warnings=(note, *article.warnings))
    return fetched, article


def stored(opener: Opener, fetched: Fetched, article: Article) -> int:
    """Store an item's page and article unread through the opener; return the
    entry's id. It stays out of the history (the library screen's list) until
    it is opened: it is listed under its feed."""
    opened = Opened(article, None, fetched, from_library=False, annotated=True)
    entry_id = opener.store(opened, read=False, listed=False)
    assert entry_id is not None  # the opener has a library and fresh bytes to store
    return entry_id
