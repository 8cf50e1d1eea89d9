"""byline's persistence: the reading library (SQLite) and where its files live.

The app and the CLI use :class:`Library` for history, offline copies and
search, and :func:`open_source` to read a source *through* the library.
"""

from __future__ import annotations

from tui.data.errors import LibraryCorrupt, LibraryError, LibraryFull, LibraryLocked, SearchUnavailable
from tui.data.library import Entry, Library, SearchHit
from tui.data.records import Fetched
from tui.data.through import Opened, annotated, open_source, read_fresh, source_key, store_opened

__all__ = [
    "Entry",
    "Fetched",
    "Library",
    "LibraryCorrupt",
    "LibraryError",
    "LibraryFull",
    "LibraryLocked",
    "Opened",
    "SearchHit",
    "SearchUnavailable",
    "annotated",
    "open_source",
    "read_fresh",
    "source_key",
    "store_opened",
]
