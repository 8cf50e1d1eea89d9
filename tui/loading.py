"""Getting an article for the app: through the library, else read or fetch,
extract, then annotate.

A stored article comes from the library (a lookup and a row turned into an
``Article``: about a millisecond). Otherwise the network part is a coroutine
(httpx's async client), so cancelling the worker that awaits it stops the
fetch at once. Library lookups, extraction and annotation are blocking and
run in a (daemon) thread; a caller that has been cancelled never sees their
result.
"""

from __future__ import annotations

import asyncio
import dataclasses
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from byline.extract.article import Article
from byline.extract.sanitize import clean_inline

if TYPE_CHECKING:
    from byline.extract import RawDocument
    from byline.tui.config import Settings
    from byline.tui.data.library import Library
    from byline.tui.data.records import Fetched
    from byline.tui.data.through import Opened
    from byline.tui.prefetch import Prefetch


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
    from byline.extract.pipeline import annotate as find

    return find(article, ner=ner)


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

    @property
    def label(self) -> str:
        """The source as shown on screen: a path or URL the user typed or a page
        linked to can hold terminal controls, which must not reach the terminal."""
        return "standard input" if self.source == "-" else clean_inline(self.source)


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


async def open_request(
    request: Request, library: Library | None, settings: Settings, progress: Callable[[str], None]
) -> Opened:
    """``request`` opened through ``library`` (None: straight from the source).

    A fresh article comes back without entities and quotes (``annotated`` is
    False); a stored one comes back whole. Raises ``BylineError``.
    """
    from byline.tui.data import through

    prefetch = request.prefetch
    if prefetch is not None and not prefetch.closed:
        progress("extracting…")
        try:
            message = await in_thread(prefetch.receive)
        except asyncio.CancelledError:
            # The thread still waiting would take the next message: a retry
            # starts afresh without the child.
            prefetch.close()
            raise
        if isinstance(message, through.Opened):
            return message
    from byline.tui.data.errors import LibraryError

    entry = None
    notes: tuple[str, ...] = ()
    if library is not None:
        try:
            entry, stored = await in_thread(
                through.stored_copy,
                request.source,
                library,
                settings,
                refresh=request.refresh,
                analyse=False,
                entry_id=request.entry_id,
            )
        except LibraryError as error:  # the library is a convenience, never a gate
            if request.entry_id is not None and request.source == "-":
                raise
            notes, library = (f"{error.message}; read without the library",), None
        else:
            if stored is not None:
                return stored
    try:
        fetched = await read(request, settings, progress)
    except Exception as error:
        from byline.extract.errors import FetchError, FileError

        if isinstance(error, (FetchError, FileError)) and entry is not None:
            return await in_thread(
                through.stored_fallback, library, entry, request.source, settings, error, analyse=False
            )
        raise
    if library is not None and entry is None and fetched.origin == "stdin":
        try:
            entry = await in_thread(library.find, fetched.key)  # piped before: its position
        except LibraryError:
            entry = None
    progress("extracting…")
    opened = await in_thread(_extract, fetched, entry, settings)
    return dataclasses.replace(opened, notes=(*notes, *opened.notes)) if notes else opened


def _extract(fetched: Fetched, entry, settings: Settings) -> Opened:  # type: ignore[no-untyped-def]
    from byline.tui.data import through

    opened = through.from_fetched(fetched, entry, settings, analyse=False)
    give_back_memory()
    return opened


def give_back_memory() -> None:
    """Hand back to the system the memory a page's parse has freed.

    glibc keeps what libxml2 frees for reuse, but Python's objects come from
    elsewhere (its own arenas), so after a page at the 100,000-element cap
    about 100 MB stayed resident for nothing, and the layout, the entities and
    the store that follow came on top of it (peaks of 320-340 MB). Linux with
    glibc only; elsewhere nothing happens.
    """
    import ctypes  # here: not on the way to the first paint

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


async def read(request: Request, settings: Settings, progress: Callable[[str], None]) -> Fetched:
    """The bytes of ``request``: already in hand, fetched, or read from disk."""
    from byline.tui.data.records import Fetched
    from byline.tui.data.through import read_fresh, source_key

    options = settings.fetch_options()
    if request.raw is not None:
        raw = request.raw
        return await in_thread(read_fresh, request.source, options, lambda _source, _options: raw)
    if is_url(request.source):
        from byline.extract.fetch import fetch_url

        progress("fetching…")
        started = time.time()
        raw = await fetch_url(request.source, options, progress=progress)
        key, origin = source_key(request.source)
        return Fetched(raw, key, origin, started)
    if request.source == "-":  # the app's stdin is the terminal now
        from byline.extract.errors import FileError

        raise FileError("standard input was read when byline started and cannot be read again; pipe it in anew")
    progress("reading…")
    return await in_thread(read_fresh, request.source, options)


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
