"""What the reader opens, and how: a ``Request``, opened through the one
``Opener`` — or taken from the child process that opened the first article
while the app started (``app.prefetch``), which then finds its entities too —
and ``Opening``, the load in progress. The screen runs the opening in its
workers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from rich.text import Text

from byline.extract import Article, BylineError, RawDocument, clean_inline
from byline.tui.opener import Opened, Opener
from byline.tui.threads import in_thread
from byline.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from byline.tui.app.prefetch import Prefetch


@dataclass(slots=True, frozen=True)
class Request:
    """What to open: a URL, a path, or ``-`` with the bytes already read from
    stdin; ``prefetch`` is a child already opening it (the first article)."""

    source: str
    raw: RawDocument | None = None
    prefetch: Prefetch | None = field(default=None, compare=False, repr=False)
    #: The article, when it was extracted before the app started (no library entry).
    article: Article | None = field(default=None, compare=False, repr=False)
    #: The article opened through the library before the app started.
    opened: Opened | None = field(default=None, compare=False, repr=False)
    #: Fetch again even if the library has it (``r``, ``--refresh``).
    refresh: bool = False
    #: The library entry, when it was chosen from the library.
    entry_id: int | None = None
    #: The feed item it is, when opened from a feed (``n``/``p``: screens/feeds/reading.py).
    feed_item: int | None = None

    @property
    def label(self) -> str:
        """The source as shown on screen: a path or URL the user typed or a page
        linked to can hold terminal controls, which must not reach the terminal."""
        return "standard input" if self.source == "-" else clean_inline(self.source)


class Opening:
    """The load in progress (one at a time: a new one replaces it) and the last
    that failed, with what the status line says meanwhile."""

    def __init__(self, status: StatusLine) -> None:
        self.status = status
        #: The request being opened, if any.
        self.request: Request | None = None
        #: The request that could not be opened, and why (None: cancelled).
        self.failed: tuple[Request, BylineError | None] | None = None

    def start(self, request: Request, *, say_now: bool) -> None:
        """``request`` starts loading: say so (now, or with the first tick when an article is shown)."""
        self.request = request
        self.status.start_progress(Text.assemble(("opening ", "dim"), request.label, ("…", "dim")), say_now=say_now)

    def progress(self, request: Request, message: str) -> None:
        """A progress message from the load of ``request``: late ones, from a
        load that has ended or been cancelled, are dropped."""
        if request is self.request:
            self.status.progress(message)

    def stop(self) -> Request | None:
        """The load ended (or was cancelled); the request it was for."""
        request, self.request = self.request, None
        self.status.stop_progress()
        return request


async def open_request(request: Request, opener: Opener, progress: Callable[[str], None]) -> Opened:
    """``request`` opened: by the child when it is still at work on it, else
    through ``opener``. A fresh article comes back without entities and quotes
    (``annotated`` is False); a stored one comes back whole. Raises ``BylineError``."""
    child = request.prefetch
    if child is not None and not child.closed:
        progress("extracting…")
        try:
            message = await in_thread(child.receive)
        except asyncio.CancelledError:
            # The thread still waiting would take the next message: a retry
            # starts afresh without the child.
            child.close()
            raise
        if isinstance(message, Opened):
            return message
    return await opener.open_async(
        request.source, raw=request.raw, refresh=request.refresh, entry_id=request.entry_id, progress=progress
    )


async def annotated(request: Request, article: Article, opener: Opener) -> Article:
    """``article`` with its entities and quotes: from the child that opened it, or found here."""
    child = request.prefetch
    if child is not None and not child.closed:
        child.ask_for_annotations()
        found = await in_thread(child.receive)
        child.close()
        if isinstance(found, Article) and found.text == article.text:
            return found
    return await in_thread(opener.annotate, article)


def link_target(article: Article, source: str, index: int) -> str:
    """What following ``article.links[index]`` opens: its absolute URL — or, on
    a saved page, a relative link is a path beside the file, as a browser has it."""
    link = article.links[index]
    base = article.url or (source if "://" in source else None)
    if base is None and source != "-" and "://" not in link.url:
        from urllib.request import url2pathname  # here: 25 ms of imports, for a saved page's links only

        target = urljoin(Path(source).resolve().as_uri(), link.url)
        return url2pathname(urlsplit(target).path) if target.startswith("file:") else target
    return urljoin(base, link.url) if base else link.url
