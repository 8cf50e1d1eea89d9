"""byline's persistence: the reading library (SQLite) and where its files live.
Storage only: it takes plain values (a key, an engine name, bytes, an
``Article``) and never runs the extractor — opening a source through the
library is ``byline.tui.opener``'s.

Every call blocks: the app runs them in thread workers, never on the event
loop (``Library`` gives each thread its own connection)::

    library = Library(max_bytes=…)              # ~1 ms; LibraryError → show it, go on without
    library.notices                              # one-line notes to show (a damaged file moved aside…)
    library.read_only                            # why it cannot be written (full disk…), or None
    library.find(key)                            # the Entry stored under data.keys.source_key(source)
    library.entries(limit=200)                   # the history (the library screen's list), first screenful (~1.5 ms)
    library.search(query, limit=50)              # SearchHit: .entry, .plain_snippet, .highlights
    library.load(entry_id); library.load_raw(entry_id)
    library.store(fetched, article, entry_id=…, read=…, ner=…, listed=…)   # one transaction → entry id
    FeedStore(library) (data/feeds.py)           # subscriptions, items, read state, validators
    library.set_position(entry_id, offset); library.set_read(entry_id, True)
    library.remove([entry_id]); library.vacuum(); library.close()

Every failure is a ``LibraryError`` (``LibraryFull``, ``LibraryReadOnly``,
``LibraryLocked``, ``LibraryCorrupt``, ``SearchUnavailable``), a ``BylineError``.
"""
