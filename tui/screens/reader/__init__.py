"""The reader: ``screen.ReaderScreen`` and the plain objects it owns — the
``history`` of pages followed, ``showing`` (a page drawn, its entities found
after the paint), the ``finder`` (search, mentions, quotes), the ``/`` bar's
``searching``, the ``panes`` and reading width, ``links``, the ``shelf`` that
keeps pages in the library, ``sharing`` (export and copy) — and ``loading``:
what to open (``Request``), the load in progress (``Opening``), and how the
first article is taken over from the child that opened it before the app
started."""
