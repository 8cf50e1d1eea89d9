"""byline's persistence: the reading library (SQLite) and where its files live.

The app and the CLI use :class:`Library` for history, offline copies and
search, and :func:`open_source` to read a source *through* the library.

For the app (every call below blocks: run it in a thread worker, never on the
event loop; ``Library`` gives each thread its own connection)::

    library = Library.for_settings(settings)       # ~1 ms; LibraryError → show, go on without
    library.notices                                # one-line notes to show (file moved aside…)
    library.entries(limit=200)                     # start screen, first screenful (~1.5 ms)
    library.search(query, limit=50)                # SearchHit: .entry, .plain_snippet, .highlights
    opened = open_source(source, library, settings, analyse=False, refresh=False)
    #   paint opened.article.text now; show opened.notes; opened.entry.position is
    #   the saved reading offset into Article.text
    opened = annotated(opened, settings)           # entities + quotes (no-op if stored)
    store_opened(library, opened, settings)        # the write, after the paint → entry id
    library.set_position(entry_id, offset); library.set_read(entry_id, True)
    library.remove([entry_id]); library.close()    # close when no worker is using it

Every failure is an ``BylineError``: ``LibraryError`` (``LibraryFull``,
``LibraryLocked``, ``LibraryCorrupt``, ``SearchUnavailable``) for the library.
"""

from __future__ import annotations

# Names load their module on first use (PEP 562): ``tui.data.paths`` (which
# the config loader needs) must not bring in the database and the extractor,
# which are not on the app's way to its first paint.
_EXPORTS = {
    "LibraryCorrupt": "byline.tui.data.errors",
    "LibraryError": "byline.tui.data.errors",
    "LibraryFull": "byline.tui.data.errors",
    "LibraryLocked": "byline.tui.data.errors",
    "SearchUnavailable": "byline.tui.data.errors",
    "Entry": "byline.tui.data.library",
    "Library": "byline.tui.data.library",
    "SearchHit": "byline.tui.data.library",
    "Fetched": "byline.tui.data.records",
    "Opened": "byline.tui.data.through",
    "annotated": "byline.tui.data.through",
    "open_source": "byline.tui.data.through",
    "read_fresh": "byline.tui.data.through",
    "source_key": "byline.tui.data.through",
    "store_opened": "byline.tui.data.through",
}


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'byline.tui.data' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


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
