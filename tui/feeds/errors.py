"""What can go wrong with a feed, as ``BylineError`` subclasses: one line a
person can act on, an exit status, never a traceback."""

from __future__ import annotations

from byline.extract import BylineError, ExtractError


class FeedError(ExtractError):
    """A feed (or an OPML file) was read but could not be understood (exit status 3)."""


class NotAFeed(FeedError):
    """The address is a page that is not a feed and names none."""

    exit_code = 4


class UnknownFeed(BylineError):
    """An id that names no subscription (``byline feeds list`` shows the ids)."""

    exit_code = 5
