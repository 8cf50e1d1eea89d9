"""Opening an article: the one way from a source to an ``Article``, for every
front end — the app, the command line, the prefetch child, ``byline save``,
and the feed and batch runners.

An ``Opener`` decides whether the library's stored copy will do, reads the
source when it will not, falls back to the stored copy when reading fails,
extracts, finds the entities and quotes, and stores::

    opener = Opener.for_settings(library, settings)         # library None: straight from the source
    opened = opener.open(source)                             # blocking: the CLI, the prefetch child
    opened = await opener.open_async(source, progress=say)   # the app: the fetch is cancellable
    opened = opener.annotated(opened)                        # entities and quotes, if still to find
    opener.store(opened, read=True)                          # after the article is shown
    saved = await opener.save(url)                           # byline save, feeds: stored unread

``open`` and ``open_async`` share every step but the read itself.

A stored URL opens offline and at once; ``refresh=True`` reads it again (and
falls back to the stored copy, with a note, when that fails). A stored article
is re-extracted from its stored bytes when the extractor's version (or the
entity engine) changed; a local file is read again when its modification time
or size changed. Standard input is always read, and stored under a hash of its
bytes so it shows in the history.

Nothing here imports Textual, and the extractor's modules load on first use
(``byline.extract``'s names are lazy): reopening a stored article imports none
of them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from byline import extract
from byline.extract import Article, BylineError, FetchError, FetchOptions, FileError, RawDocument, is_url, read_source
from byline.tui.data.errors import LibraryError
from byline.tui.data.keys import source_key
from byline.tui.data.records import Entry, Fetched, iso_time
from byline.tui.threads import in_thread

if TYPE_CHECKING:
    import httpx

    from byline.tui.config import Settings
    from byline.tui.data.library import Library

#: Reads a source, blocking: ``read_source``, or a stand-in (tests, a cache).
Reader = Callable[[str, FetchOptions], RawDocument]
#: Takes one-line progress messages ("fetching example.org… 12 KB").
Progress = Callable[[str], None]

@dataclass(slots=True, frozen=True)
class Opened:
    """An article ready to show, and what (if anything) the library should store."""

    article: Article
    #: The library entry it came from or will update (None: new or no library).
    entry: Entry | None = None
    #: Fresh bytes to store after the article is shown (None: nothing to write).
    fetched: Fetched | None = None
    #: True when the article came from the library without reading the source.
    from_library: bool = False
    #: One-line notes for the user (offline fallback, re-extraction trouble).
    notes: tuple[str, ...] = ()
    #: False when opened with ``analyse=False`` and entities/quotes are still to find.
    annotated: bool = True

    @property
    def needs_store(self) -> bool:
        return self.fetched is not None


@dataclass(slots=True, frozen=True)
class Saved:
    """What ``Opener.save`` did with a source."""

    entry_id: int
    title: str | None
    #: False when the stored entry was left as it was (nothing extracted).
    read_again: bool
    #: True when the library had no entry for the source before.
    new: bool
    #: True when a file or piped text was the same as stored (same bytes, same
    #: extractor and entity engine), so it was not extracted again.
    unchanged: bool = False


class Opener:
    """Opens sources through ``library`` (None: straight from the source).

    ``fetch_options`` is called only when a source is read, so a stored article
    reopens even when the cookies file it names has gone. ``reader`` reads a
    source, blocking; ``transport`` is httpx's, for the async fetch (tests).
    ``concurrent_reads`` bounds how many ``save`` calls read and extract at
    once (extraction holds the GIL: three hundred at once starved the main
    thread, and Ctrl-C took over ten seconds to be heard).
    """

    def __init__(
        self,
        library: Library | None,
        *,
        ner: str = "rules",
        fetch_options: Callable[[], FetchOptions] = FetchOptions,
        reader: Reader = read_source,
        transport: httpx.AsyncBaseTransport | None = None,
        concurrent_reads: int | None = None,
    ) -> None:
        self.library = library
        self.ner = ner
        self.fetch_options = fetch_options
        self.reader = reader
        self.transport = transport
        self.concurrent_reads = concurrent_reads
        self._reads: Any = None

    @classmethod
    def for_settings(cls, library: Library | None, settings: Settings, **options: Any) -> Opener:
        """An opener with the user's entity engine and fetch limits."""
        return cls(library, ner=settings.ner, fetch_options=settings.fetch_options, **options)

    # ------------------------------------------------------------ the whole way

    def open(self, source: str, *, refresh: bool = False, analyse: bool = True, entry_id: int | None = None) -> Opened:
        """Open ``source``, blocking. Raises ``BylineError`` when it cannot be read
        and no stored copy stands in.

        With ``analyse=False`` a freshly read article comes back without entities
        and quotes (``annotated`` is False) so the text can show sooner; stored
        articles always come back whole. ``entry_id`` names the library entry
        (the library screen knows it; standard input can only be reopened so).
        """
        entry, stored, notes = self._look_up(source, refresh, entry_id, analyse)
        if stored is not None:
            return stored
        try:
            fetched = self.read(source)
        except (FetchError, FileError) as error:
            return self.fallback(entry, source, error, analyse=analyse)
        return _noted(self.extract(fetched, entry, analyse=analyse), notes)

    async def open_async(
        self,
        source: str,
        *,
        raw: RawDocument | None = None,
        refresh: bool = False,
        entry_id: int | None = None,
        progress: Progress | None = None,
    ) -> Opened:
        """``open`` for an event loop: the fetch is a coroutine (cancelling the
        caller stops it at once), every blocking step runs in a thread of its own,
        and a fresh article comes back without entities and quotes.

        ``raw`` is the source's bytes when they were read already (standard input,
        read before the app started)."""
        say = progress or _silent
        entry, stored, notes = await in_thread(self._look_up, source, refresh, entry_id, False)
        if stored is not None:
            return stored
        try:
            if raw is not None:
                fetched = await in_thread(self.read, source, raw=raw)
            elif is_url(source):
                say("fetching…")
                fetched = await self.fetch(source, progress=say)
            elif source == "-":
                raise FileError("standard input was read when byline started and cannot be read again; pipe it in anew")
            else:
                say("reading…")
                fetched = await in_thread(self.read, source)
        except (FetchError, FileError) as error:
            return await in_thread(self.fallback, entry, source, error, analyse=False)
        say("extracting…")

        def extract_text_first() -> Opened:
            opened = self.extract(fetched, entry, analyse=False)
            give_back_memory()
            return opened

        return _noted(await in_thread(extract_text_first), notes)

    async def save(self, source: str, *, refresh: bool = False) -> Saved:
        """Put ``source`` in the library with its entities and quotes, unread
        (``byline save``, feeds). A stored URL is left as it is unless
        ``refresh``; a file or piped text the same as stored (same bytes, same
        extractor and entity engine) is left as it is and ``unchanged`` — so a
        killed ``byline save`` of many files resumes where it stopped. No stored
        copy stands in for a read that fails: the ``BylineError`` is raised."""
        library = self.library
        assert library is not None, "save needs a library"
        key, origin = source_key(source)
        entry = await in_thread(library.find, key) if origin != "stdin" else None
        if entry is not None and not refresh:
            if origin == "url":
                return Saved(entry.id, entry.title, read_again=False, new=False)
            if origin == "file" and self._current(entry) and _still_fresh(entry, source):
                return Saved(entry.id, entry.title, read_again=False, new=False, unchanged=True)
        if self._reads is None:
            import asyncio  # here: loaded already (this is a coroutine); the CLI's and the child's opener never need it

            self._reads = asyncio.Semaphore(self.concurrent_reads) if self.concurrent_reads else contextlib.nullcontext()
        async with self._reads:
            fetched = await self.fetch(source) if origin == "url" else await in_thread(self.read, source)
            if origin == "stdin":
                entry = await in_thread(library.find, fetched.key)  # the key is a hash of the bytes
            if not refresh and entry is not None and origin != "url":
                if await in_thread(self._same_as_stored, entry, fetched):
                    return Saved(entry.id, entry.title, read_again=False, new=False, unchanged=True)
            opened = await in_thread(self.extract, fetched, entry, analyse=True)
        entry_id = await in_thread(self.store, opened, read=False)
        assert entry_id is not None
        return Saved(entry_id, opened.article.title, read_again=True, new=entry is None)

    def _current(self, entry: Entry) -> bool:
        """Whether ``entry`` was extracted by this extractor with this entity engine."""
        return entry.extractor == extract.__version__ and entry.ner == self.ner

    def _same_as_stored(self, entry: Entry, fetched: Fetched) -> bool:
        """Whether what was just read is the stored bytes, extracted as this byline
        would; if so, the entry's file stamp is brought up to date (a copy with a
        new modification time is then skipped without reading it next time)."""
        assert self.library is not None
        if not self._current(entry):
            return False
        if fetched.origin == "stdin":
            return True  # stored under a hash of these very bytes
        stored = self.library.load_raw(entry.id)
        if stored is None or stored.data != fetched.raw.data:
            return False
        if fetched.file_mtime_ns is not None and fetched.file_size is not None:
            self.library.set_file_stamp(entry.id, fetched.file_mtime_ns, fetched.file_size)
        return True

    # ---------------------------------------------------------------- the steps

    def stored(
        self, source: str, *, refresh: bool = False, entry_id: int | None = None, analyse: bool = True
    ) -> tuple[Entry | None, Opened | None]:
        """The library's entry for ``source``, and the article when the stored copy
        will do without reading the source (a URL not being refreshed, a file
        unchanged since, standard input). Blocking; no network. A stored copy
        comes back whole, unless re-extracted (``analyse=False``: text first)."""
        library = self.library
        if library is None:
            return None, None
        key, origin = source_key(source)
        if entry_id is not None:
            entry = library.get(entry_id)
        else:
            entry = library.find(key) if origin != "stdin" else None
        if entry is None:
            return None, None
        reopen_only = entry.origin == "stdin"  # standard input cannot be read again
        if reopen_only or (not refresh and _still_fresh(entry, source)):
            return entry, self._from_library(entry, source, analyse)
        return entry, None

    def _look_up(
        self, source: str, refresh: bool, entry_id: int | None, analyse: bool
    ) -> tuple[Entry | None, Opened | None, tuple[str, ...]]:
        """``stored``; a library that fails is a note, and the source is read
        without it (the library is a convenience, never a gate) — unless the
        stored copy was all there was to read."""
        try:
            entry, opened = self.stored(source, refresh=refresh, entry_id=entry_id, analyse=analyse)
        except LibraryError as error:
            if entry_id is not None and source == "-":
                raise
            return None, None, (f"{error.message}; read without the library",)
        return entry, opened, ()

    def read(self, source: str, *, raw: RawDocument | None = None) -> Fetched:
        """Read ``source`` now (network, file or stdin) — or take ``raw``, its bytes
        already read — noting what the library needs to store it. Blocking."""
        key, origin = source_key(source)
        mtime_ns = size = None
        if origin == "file":
            try:
                info = os.stat(Path(source).expanduser())
                mtime_ns, size = info.st_mtime_ns, info.st_size
            except (OSError, ValueError, RuntimeError):
                pass  # the reader reports a missing or unreadable file (or ~nosuchuser) in its own words
        fetched_at = time.time()
        if raw is None:
            raw = self.reader(source, self.fetch_options())
        if origin == "stdin":
            key = "stdin:" + hashlib.sha256(raw.data).hexdigest()[:32]
        return Fetched(raw, key, origin, fetched_at, mtime_ns, size)

    async def fetch(self, url: str, *, progress: Progress | None = None) -> Fetched:
        """Fetch ``url`` with httpx's async client: cancelling the caller stops it at once."""
        options = self.fetch_options()
        started = time.time()
        raw = await extract.fetch_url(url, options, progress=progress, transport=self.transport)
        key, origin = source_key(url)
        return Fetched(raw, key, origin, started)

    def extract(self, fetched: Fetched, entry: Entry | None, *, analyse: bool = True) -> Opened:
        """Extract what was just read; ``store`` writes it later. Blocking."""
        if entry is None and fetched.origin == "stdin" and self.library is not None:
            try:  # piped before: the same entry, and where the reader left it
                entry = self.library.find(fetched.key)
            except LibraryError:
                entry = None
        article = extract.extract_document(fetched.raw, analyse=analyse, ner=self.ner)
        return Opened(article, entry, fetched, from_library=False, annotated=analyse)

    def fallback(self, entry: Entry | None, source: str, error: FetchError | FileError, *, analyse: bool = True) -> Opened:
        """The stored copy, with a note saying why, when reading ``source`` failed;
        re-raises ``error`` when there is no (usable) stored copy."""
        if entry is None or self.library is None:
            raise error
        try:
            opened = self._from_library(entry, source, analyse)
        except LibraryError:
            raise error from None
        note = f"{error.message}; showing the copy stored {iso_time(entry.fetched_at)}"
        return dataclasses.replace(opened, notes=(note, *opened.notes))

    def annotated(self, opened: Opened) -> Opened:
        """``opened`` with its entities and quotes found (the slow part: call it
        from a worker, never on the UI thread)."""
        if opened.annotated:
            return opened
        return dataclasses.replace(opened, article=self.annotate(opened.article), annotated=True)

    def annotate(self, article: Article) -> Article:
        """``article`` with its entities and quotes found (blocking, slow)."""
        return extract.annotate(article, ner=self.ner)

    def store(self, opened: Opened, *, read: bool = True, listed: bool = True) -> int | None:
        """Write what was opened (after it is on screen); return its entry id.
        An article that came from the library unchanged is only marked opened.
        Never stores an article without its entities. Blocking. ``listed=False``
        keeps a new entry out of the history (a feed's article nobody opened yet)."""
        library = self.library
        if library is None:
            return None
        opened = self.annotated(opened)
        if opened.fetched is not None:
            entry_id = opened.entry.id if opened.entry is not None else None
            return library.store(
                opened.fetched, opened.article, entry_id=entry_id, read=read, ner=self.ner, listed=listed
            )
        if opened.entry is not None:
            if read:
                library.mark_opened(opened.entry.id)
            return opened.entry.id
        return None

    # ------------------------------------------------------------ stored copies

    def _from_library(self, entry: Entry, source: str, analyse: bool) -> Opened:
        assert self.library is not None
        notes: list[str] = []
        if entry.extractor != extract.__version__ or entry.ner != self.ner:
            redone = self._re_extract(entry, notes, analyse)
            if redone is not None:
                article, fetched = redone
                return Opened(_as_given(article, source), entry, fetched, True, tuple(notes), annotated=analyse)
        article = self.library.load(entry.id)
        return Opened(_as_given(article, source), entry, None, from_library=True, notes=tuple(notes))

    def _re_extract(self, entry: Entry, notes: list[str], analyse: bool) -> tuple[Article, Fetched] | None:
        """Extract the stored bytes again with this byline's extractor (no network)."""
        assert self.library is not None
        try:
            raw = self.library.load_raw(entry.id)
        except LibraryError as exc:
            notes.append(exc.message)
            return None
        if raw is None:
            return None  # bytes evicted by the size limit: keep the stored extraction
        try:
            article = extract.extract_document(raw, analyse=analyse, ner=self.ner)
        except BylineError as exc:  # an entity engine gone since, too
            notes.append(f"could not re-extract the stored copy ({exc.message}); showing the earlier extraction")
            return None
        fetched = Fetched(raw, entry.key, entry.origin, entry.fetched_at, entry.file_mtime_ns, entry.file_size)
        return article, fetched


def _still_fresh(entry: Entry, source: str) -> bool:
    """A stored URL is fresh until refreshed; a file while its mtime and size match."""
    if entry.origin != "file":
        return True
    try:
        info = os.stat(Path(source).expanduser())
    except (OSError, ValueError, RuntimeError):
        return False  # read it, so the user hears why; the stored copy is the fallback
    return info.st_mtime_ns == entry.file_mtime_ns and info.st_size == entry.file_size


def _as_given(article: Article, source: str) -> Article:
    return article if article.source == source else dataclasses.replace(article, source=source)


def _noted(opened: Opened, notes: tuple[str, ...]) -> Opened:
    return dataclasses.replace(opened, notes=(*notes, *opened.notes)) if notes else opened


def _silent(_message: str) -> None:
    pass


def give_back_memory() -> None:
    """Hand back to the system the memory a page's parse has freed.

    glibc keeps what libxml2 frees for reuse, but Python's objects come from
    elsewhere (its own arenas), so after a page at the 100,000-element cap
    about 100 MB stayed resident for nothing, and the layout, the entities and
    the store that follow came on top of it (peaks of 320-340 MB). Linux with
    glibc only; elsewhere nothing happens.
    """
    import ctypes  # here: only a long-running app needs it, and not before its first paint

    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
