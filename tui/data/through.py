"""Reading a source *through* the library: stored copies first, the network only
when needed.

    opened = open_source(source, library, settings, analyse=False)  # blocking: a worker
    show(opened.article)                     # paint the text first…
    opened = annotated(opened, settings)     # …entities and quotes (a no-op when stored)…
    store_opened(library, opened, settings)  # …then write, in a worker

A stored URL opens offline and at once; ``refresh=True`` fetches again (and
falls back to the stored copy, with a note, when the network is down). A
stored article is re-extracted from its stored bytes when ``extract`` changed
version (or the NER engine changed); a local file is read again when its
modification time or size changed. Standard input is always read, and stored
under a hash of its bytes so it shows in the history.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from byline import extract
from byline.extract import Article, BylineError, FetchError, FetchOptions, FileError, RawDocument, read_source
from byline.extract import is_url
from byline.tui.config import Settings
from byline.tui.data.errors import LibraryError
from byline.tui.data.records import Entry, Fetched, iso_time

if TYPE_CHECKING:
    from byline.tui.data.library import Library

Reader = Callable[[str, FetchOptions], RawDocument]


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


def source_key(source: str) -> tuple[str, str]:
    """(key, origin) of a source: a normalised URL, ``file:`` + absolute path, or ``stdin``."""
    if source == "-":
        return "stdin", "stdin"
    if is_url(source):
        return normalise_url(source), "url"
    try:
        return "file:" + str(Path(source).expanduser().resolve()), "file"
    except (OSError, ValueError):  # a NUL in the path, a loop of links: the reader explains
        return "file:" + source, "file"


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, drop the fragment: ``HTTP://Ex.org/a#b`` → ``http://ex.org/a``."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "http://[::1/": the fetch reports it as an invalid URL
        return url.strip()
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def read_fresh(source: str, options: FetchOptions, reader: Reader = read_source) -> Fetched:
    """Read ``source`` now (network, file or stdin), noting what the library needs."""
    key, origin = source_key(source)
    mtime_ns = size = None
    if origin == "file":
        try:
            info = os.stat(Path(source).expanduser())
            mtime_ns, size = info.st_mtime_ns, info.st_size
        except OSError:
            pass  # the reader reports a missing or unreadable file in its own words
    fetched_at = time.time()
    raw = reader(source, options)
    if origin == "stdin":
        key = "stdin:" + hashlib.sha256(raw.data).hexdigest()[:32]
    return Fetched(raw, key, origin, fetched_at, mtime_ns, size)


def open_source(
    source: str,
    library: Library | None,
    settings: Settings,
    *,
    refresh: bool = False,
    analyse: bool = True,
    reader: Reader = read_source,
    entry_id: int | None = None,
) -> Opened:
    """Open ``source`` through ``library`` (None: straight from the source). Blocking.

    With ``analyse=False`` a freshly read article comes back without entities
    and quotes (``annotated`` is False) so the text can show sooner; stored
    articles always come back whole. ``entry_id`` names the library entry
    (the start screen knows it; standard input can only be reopened so).
    Raises ``BylineError`` when the source cannot be read and no stored copy
    exists.
    """
    entry, stored = stored_copy(source, library, settings, refresh=refresh, analyse=analyse, entry_id=entry_id)
    if stored is not None:
        return stored
    try:
        # Options only now: a stored article reopens even if the cookies file went away.
        fetched = read_fresh(source, settings.fetch_options(), reader)
    except (FetchError, FileError) as exc:
        return stored_fallback(library, entry, source, settings, exc, analyse=analyse)
    return from_fetched(fetched, entry, settings, analyse=analyse)


def stored_copy(
    source: str,
    library: Library | None,
    settings: Settings,
    *,
    refresh: bool = False,
    analyse: bool = True,
    entry_id: int | None = None,
) -> tuple[Entry | None, Opened | None]:
    """The library's entry for ``source``, and the article when the stored copy
    can be shown without reading the source (a URL not being refreshed, a file
    unchanged since, standard input). Blocking; no network.

    The app uses this and ``from_fetched``/``stored_fallback`` to read through
    the library with its own, cancellable, fetch in between.
    """
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
        return entry, _from_library(library, entry, source, settings.ner, analyse)
    return entry, None


def extract_document(raw: RawDocument, *, analyse: bool = True, ner: str = "rules") -> Article:
    """``extract.extract_document``, imported on first use: reopening a stored
    article needs none of the extractor's modules (their import is ~0.15 s)."""
    from byline.extract.pipeline import extract_document as extract

    return extract(raw, analyse=analyse, ner=ner)


def annotate(article: Article, *, ner: str = "rules") -> Article:
    """``extract.annotate``, imported on first use."""
    from byline.extract.pipeline import annotate as find

    return find(article, ner=ner)


def from_fetched(fetched: Fetched, entry: Entry | None, settings: Settings, *, analyse: bool = True) -> Opened:
    """Extract what was just read; the library stores it later (``store_opened``)."""
    article = extract_document(fetched.raw, analyse=analyse, ner=settings.ner)
    return Opened(article, entry, fetched, from_library=False, annotated=analyse)


def stored_fallback(
    library: Library | None,
    entry: Entry | None,
    source: str,
    settings: Settings,
    error: BylineError,
    *,
    analyse: bool = True,
) -> Opened:
    """The stored copy, with a note saying why, when reading ``source`` failed;
    re-raises ``error`` when there is no stored copy."""
    if entry is None or library is None:
        raise error
    opened = _from_library(library, entry, source, settings.ner, analyse)
    note = f"{error.message}; showing the copy stored {iso_time(entry.fetched_at)}"
    return dataclasses.replace(opened, notes=(note, *opened.notes))


def annotated(opened: Opened, settings: Settings) -> Opened:
    """``opened`` with entities and quotes found (the slow part: call it from a worker)."""
    if opened.annotated:
        return opened
    article = annotate(opened.article, ner=settings.ner)
    return dataclasses.replace(opened, article=article, annotated=True)


def store_opened(library: Library, opened: Opened, settings: Settings, *, read: bool = True) -> int | None:
    """Write what ``open_source`` read (call it after the article is on screen).

    Returns the entry id; for an article that came from the library unchanged
    it only records that it was opened.
    """
    ner = settings.ner
    opened = annotated(opened, settings)  # never store an article without its entities
    if opened.fetched is not None:
        entry_id = opened.entry.id if opened.entry is not None else None
        return library.store(opened.fetched, opened.article, entry_id=entry_id, read=read, ner=ner)
    if opened.entry is not None:
        if read:
            library.mark_opened(opened.entry.id)
        return opened.entry.id
    return None


def _still_fresh(entry: Entry, source: str) -> bool:
    """A stored URL is fresh until refreshed; a file while its mtime and size match."""
    if entry.origin != "file":
        return True
    try:
        info = os.stat(Path(source).expanduser())
    except OSError:
        return False  # read it, so the user hears why; the stored copy is the fallback
    return info.st_mtime_ns == entry.file_mtime_ns and info.st_size == entry.file_size


def _from_library(library: Library, entry: Entry, source: str, ner: str, analyse: bool) -> Opened:
    notes: list[str] = []
    if entry.extractor != extract.__version__ or entry.ner != ner:
        redone = _re_extract(library, entry, ner, analyse, notes)
        if redone is not None:
            article, fetched = redone
            return Opened(
                _as_given(article, source), entry, fetched, True, tuple(notes), annotated=analyse
            )
    article = library.load(entry.id)
    return Opened(_as_given(article, source), entry, None, from_library=True, notes=tuple(notes))


def _re_extract(
    library: Library, entry: Entry, ner: str, analyse: bool, notes: list[str]
) -> tuple[Article, Fetched] | None:
    """Extract the stored bytes again with this byline's extractor (no network)."""
    try:
        raw = library.load_raw(entry.id)
    except LibraryError as exc:
        notes.append(exc.message)
        return None
    if raw is None:
        return None  # bytes evicted by the size limit: keep the stored extraction
    try:
        article = extract_document(raw, analyse=analyse, ner=ner)
    except BylineError as exc:
        notes.append(f"could not re-extract the stored copy ({exc.message}); showing the earlier extraction")
        return None
    fetched = Fetched(raw, entry.key, entry.origin, entry.fetched_at, entry.file_mtime_ns, entry.file_size)
    return article, fetched


def _as_given(article: Article, source: str) -> Article:
    return article if article.source == source else dataclasses.replace(article, source=source)
