"""The app's feeds: a feed's item list (``items``), and reading its items in
the reader with ``n``/``p`` for the next and previous unread (``reading``)."""
