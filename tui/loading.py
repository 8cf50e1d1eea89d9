"""Getting an article for the app: read or fetch, extract, then annotate.

The network part is a coroutine (httpx's async client), so cancelling the
worker that awaits it stops the fetch at once. Extraction and annotation are
CPU work and run in a (daemon) thread; a caller that has been cancelled never
sees their result.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from extract.article import Article
from extract.sanitize import clean_inline

if TYPE_CHECKING:
    from extract.load import FetchOptions, RawDocument
    from tui.prefetch import Prefetch


T = TypeVar("T")


async def in_thread(function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``asyncio.to_thread``, but in a daemon thread of its own.

    The app's exit waits for every thread of the default executor, and
    extraction cannot be interrupted: q during a 100,000-element page waited
    four seconds for it to finish. A daemon thread is left to the interpreter,
    and a cancelled caller simply never sees its result.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(outcome: Callable[[Any], None], value: Any) -> None:
        if not future.done():
            outcome(value)

    def run() -> None:
        try:
            result = function(*args, **kwargs)
        except BaseException as exc:  # handed to the awaiting task
            outcome, value = future.set_exception, exc
        else:
            outcome, value = future.set_result, result
        try:
            loop.call_soon_threadsafe(settle, outcome, value)
        except RuntimeError:
            pass  # the app has closed its loop: nobody is waiting

    threading.Thread(target=run, name="byline-work", daemon=True).start()
    return await future


def annotate(article: Article, *, ner: str = "rules") -> Article:
    """``extract.annotate``, imported when first needed (it brings the NLP)."""
    from extract.pipeline import annotate as find

    return find(article, ner=ner)


@dataclass(slots=True, frozen=True)
class Request:
    """What to open: a URL, a path, or ``-`` with the bytes already read from
    stdin; ``prefetch`` is a child already extracting it (the first article)."""

    source: str
    raw: RawDocument | None = None
    prefetch: Prefetch | None = field(default=None, compare=False, repr=False)
    #: The article, when it was extracted before the app started.
    article: Article | None = field(default=None, compare=False, repr=False)

    @property
    def label(self) -> str:
        """The source as shown on screen: a path or URL the user typed or a page
        linked to can hold terminal controls, which must not reach the terminal."""
        return "standard input" if self.source == "-" else clean_inline(self.source)


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


async def open_article(
    request: Request, options: Callable[[], FetchOptions], progress: Callable[[str], None]
) -> Article:
    """The clean text, metadata and links of ``request`` (entities and quotes come later)."""
    prefetch = request.prefetch
    if prefetch is not None and not prefetch.closed:
        progress("extracting…")
        try:
            article = await in_thread(prefetch.receive)
        except asyncio.CancelledError:
            # The thread still waiting would take the next message: a retry
            # starts afresh without the child.
            prefetch.close()
            raise
        if isinstance(article, Article):
            return article
    raw = await read(request, options, progress)
    progress("extracting…")
    return await in_thread(_extract, raw)


async def read(request: Request, options: Callable[[], FetchOptions], progress: Callable[[str], None]) -> RawDocument:
    """The bytes of ``request``: already in hand, fetched, or read from disk."""
    if request.raw is not None:
        return request.raw
    if is_url(request.source):
        from extract.fetch import fetch_url

        progress("fetching…")
        return await fetch_url(request.source, options(), progress=progress)
    from extract.load import read_source

    progress("reading…")
    return await in_thread(read_source, request.source, options())


def _extract(raw: RawDocument) -> Article:
    from extract.pipeline import extract_document

    return extract_document(raw, analyse=False)


async def find_entities_and_quotes(request: Request, article: Article, ner: str) -> Article:
    """``article`` with its entities and quotes filled in."""
    prefetch = request.prefetch
    if prefetch is not None and not prefetch.closed:
        prefetch.ask_for_annotations()
        annotated = await in_thread(prefetch.receive)
        prefetch.close()
        if isinstance(annotated, Article) and annotated.text == article.text:
            return annotated
    return await in_thread(annotate, article, ner=ner)
