"""What the reader opens, and how: a ``Request``, opened through the one
``Opener`` — or taken from the child process that opened the first article
while the app started (``app.prefetch``), which then finds its entities too —
and ``Opening``, the load in progress. The screen runs the opening in its
workers.
"""

from __future__ import annotations

import asyncio
import os
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
    a page that is not from the web (a saved page, standard input), a local
    path: a relative link, an absolute path and a ``file:`` URL alike, as a
    browser has it. (``outside_folder`` says whether to ask first.)"""
    return resolve_link(article.links[index].url, article.url, source)


def resolve_link(url: str, page_url: str | None, source: str) -> str:
    """``url``, found on the page read from ``source`` (whose address is
    ``page_url``, if known), as something to open: absolute, or a local path."""
    base = page_url or (source if "://" in source else None)
    if base is not None:
        # A web page's file: link stays a file: URL, which the opener refuses.
        return urljoin(base, url)
    if source == "-":
        target = urljoin(Path.cwd().as_uri() + "/", url)  # no place of its own: here
    else:
        target = urljoin(_file_uri(source), url)
    if not target.startswith("file:"):
        return target
    from urllib.request import url2pathname  # here: 25 ms of imports, for a saved page's links only

    return url2pathname(urlsplit(target).path)


def outside_folder(target: str, article: Article, source: str) -> str | None:
    """The one rule for local files a link names: a saved page's link opens
    without asking only inside the page's own folder (symlinks resolved).
    Returns None when ``target`` may open at once (a URL, or a file inside);
    otherwise the folder it lies outside of — "" for a page with no folder
    (standard input) — and the reader is asked first."""
    if article.url or "://" in source or not os.path.isabs(target):
        return None  # a web page's link, or a URL (the opener reads http(s) and refuses the rest)
    if source == "-":
        return ""
    try:
        folder = os.path.dirname(os.path.realpath(Path(source).expanduser()))
        real = os.path.realpath(Path(target).expanduser())
        inside = os.path.commonpath([folder, real]) == folder
    except (OSError, ValueError, RuntimeError):
        return ""
    return None if inside else folder


def _file_uri(path: str) -> str:
    try:
        return Path(path).expanduser().resolve().as_uri()
    except (OSError, ValueError, RuntimeError):
        return Path(os.path.abspath(path)).as_uri()
