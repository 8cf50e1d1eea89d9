"""How the command line reads an article through the library, and what it
says when the library is unavailable: the article still comes first.

The library is a convenience, never a gate: if it cannot be opened or
written, ``--dump``/``--json``/``--export`` warn on stderr and carry on.
"""

from __future__ import annotations

import dataclasses
import sys

from byline.tui.config import ConfigError, Settings, load_settings
from byline.tui.data import Library, LibraryError, Opened, open_source
from byline.tui.data.through import store_opened

__all__ = ["ConfigError", "keep", "open_library", "open_through", "settings_for"]


def settings_for(timeout: float | None, ner: str | None = None) -> Settings:
    """The config file's settings, with ``--timeout`` and ``--ner`` from the command line on top."""
    settings = load_settings()
    if timeout:
        settings = dataclasses.replace(settings, timeout=timeout)
    if ner:
        settings = dataclasses.replace(settings, ner=ner)
    return settings


def open_library(settings: Settings) -> Library | None:
    """The user's library, or None (with a warning) when it cannot be opened."""
    try:
        library = Library.for_settings(settings)
    except LibraryError as exc:
        _warn(f"{exc.message}; continuing without the library (--no-store skips it)")
        return None
    for notice in library.notices:
        _warn(notice)
    return library


def open_through(source: str, library: Library | None, settings: Settings, *, refresh: bool = False) -> Opened:
    """``open_source``, falling back to reading the source directly if the library fails."""
    if library is not None:
        try:
            opened = open_source(source, library, settings, refresh=refresh)
        except LibraryError as exc:
            _warn(f"{exc.message}; reading {source} without the library")
        else:
            for note in opened.notes:
                _warn(note)
            return opened
    return open_source(source, None, settings, refresh=refresh)


def keep(library: Library, opened: Opened, settings: Settings, *, read: bool) -> None:
    """Store what was read; a library error is a warning, the output is already out."""
    try:
        store_opened(library, opened, settings, read=read)
    except LibraryError as exc:
        _warn(f"not stored: {exc.message}")
    finally:
        library.close()


def _warn(message: str) -> None:
    print(f"byline: {message}", file=sys.stderr)
