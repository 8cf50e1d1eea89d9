"""Getting an article for the app: read or fetch, extract, then annotate.

The network part is a coroutine (httpx's async client), so cancelling the
worker that awaits it stops the fetch at once. Extraction and annotation are
CPU work and run in a thread; a caller that has been cancelled never sees
their result.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from extract import Article, FetchOptions, RawDocument, annotate, extract_document, fetch_url, read_source
from extract.load import is_url


@dataclass(slots=True, frozen=True)
class Request:
    """What to open: a URL, a path, or ``-`` with the bytes already read from stdin."""

    source: str
    raw: RawDocument | None = None

    @property
    def label(self) -> str:
        return "standard input" if self.source == "-" else self.source


async def read(request: Request, options: FetchOptions, progress: Callable[[str], None]) -> RawDocument:
    """The bytes of ``request``: already in hand, fetched, or read from disk."""
    if request.raw is not None:
        return request.raw
    if is_url(request.source):
        progress("fetching…")
        return await fetch_url(request.source, options, progress=progress)
    progress("reading…")
    return await asyncio.to_thread(read_source, request.source, options)


async def extract(raw: RawDocument) -> Article:
    """The clean text, metadata and links (entities and quotes come later)."""
    return await asyncio.to_thread(extract_document, raw, analyse=False)


async def find_entities_and_quotes(article: Article, ner: str) -> Article:
    """``article`` with its entities and quotes filled in."""
    return await asyncio.to_thread(annotate, article, ner=ner)
