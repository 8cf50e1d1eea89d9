"""Citations: a quote or a passage with where it comes from, ready to paste
(what ``c`` in the reader puts on the clipboard)."""

from __future__ import annotations

from byline.extract import Article, Quote


def citation(article: Article) -> str:
    """Where a passage comes from: “Title”, Site, date — URL (what is known of it)."""
    parts = []
    if article.title:
        parts.append(f"“{article.title}”")
    if article.authors:
        parts.append("by " + ", ".join(article.authors))
    if article.site:
        parts.append(article.site)
    if article.published:
        parts.append(article.published[:10])
    line = ", ".join(parts)
    url = article.url or (article.source if article.source and "://" in article.source else None)
    if url:
        line = f"{line} — {url}" if line else url
    return line


def cite_quote(quote: Quote, article: Article) -> str:
    """A quote with its speaker and source, ready to paste::

        “We reopen in spring.”
        — Mara Voss, in “Harbour bridge to close”, The Coastal Courier, 2025-03-14 — https://…
    """
    source = citation(article)
    if quote.speaker and source:
        attribution = f"{quote.speaker}, in {source}"
    else:
        attribution = quote.speaker or source
    text = f"“{_one_line(quote.text)}”"
    return f"{text}\n— {attribution}" if attribution else text


def cite_passage(passage: str, article: Article) -> str:
    """A paragraph (or any passage of the text) with its source."""
    source = citation(article)
    body = passage.strip()
    return f"{body}\n\n— {source}" if source else body


def _one_line(text: str) -> str:
    return " ".join(text.split())
