"""The errors a user can cause, as types.

Every failure that comes from the input (a bad URL, a dead server, a file that
is not an article) is an :class:`ExtractError` whose message is one line a
person can act on. Anything else is a bug.
"""

from __future__ import annotations

from byline.extract.sanitize import clean_inline

#: Longest message kept: a server-chosen URL or header can be kilobytes long.
MAX_MESSAGE = 500


class ExtractError(Exception):
    """Base class: the source could not be turned into an article."""

    #: Exit status the CLI uses for this kind of failure.
    exit_code = 3

    def __init__(self, message: str, *, source: str | None = None) -> None:
        # Messages quote URLs, headers and file names that the page or the server
        # chose: one line, no terminal controls, bounded length.
        message = clean_inline(str(message))
        if len(message) > MAX_MESSAGE:
            message = message[: MAX_MESSAGE - 1] + "…"
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return self.message


class FetchError(ExtractError):
    """The network source could not be fetched (DNS, refused, TLS, timeout)."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, message: str, *, status: int, source: str | None = None) -> None:
        super().__init__(message, source=source)
        self.status = status


class FileError(ExtractError):
    """A local file or stdin could not be read."""


class UnsupportedContent(ExtractError):
    """The source is not HTML or text (a PDF, an image, JSON…)."""


class TooLarge(ExtractError):
    """The source is larger than the size cap."""


class DecodeError(ExtractError):
    """The bytes could not be decoded as text."""


class NotAnArticle(ExtractError):
    """The source was read, but it holds no article text."""

    exit_code = 4


class FrontPage(NotAnArticle):
    """The page is a front page or an index: its main content is a list of
    teasers or links, not one article. ``links`` holds them as (text, URL)
    pairs, absolute where the page's URL was known, so a reader can be offered
    them instead."""

    def __init__(self, links: list[tuple[str, str]] | tuple[tuple[str, str], ...], *, source: str | None = None) -> None:
        self.links: tuple[tuple[str, str], ...] = tuple((clean_inline(text), clean_inline(url)) for text, url in links)
        super().__init__(f"a front page: {len(self.links)} links", source=source)
