"""What can go wrong with the library, as ``BylineError`` subclasses.

They share the CLI's one-line error path: a message a person can act on, an
exit status, never a traceback.
"""

from __future__ import annotations

from byline.extract import BylineError


class LibraryError(BylineError):
    """The reading library could not be read or written."""

    exit_code = 5

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        #: SQLite's own words, when the error came from SQLite.
        self.detail = detail or self.message


class LibraryFull(LibraryError):
    """The disk (or the database's page limit) is full; nothing was written."""


class LibraryLocked(LibraryError):
    """Another byline kept the library busy past the busy timeout."""


class LibraryCorrupt(LibraryError):
    """The database file is damaged."""


class SearchUnavailable(LibraryError):
    """This Python's SQLite has no FTS5, so the library cannot be searched."""
