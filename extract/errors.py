"""The errors a user can cause, as types.

:class:`BylineError` is the one base for everything a person can cause or fix:
its message is one line they can act on, and it carries the exit status the
command line ends with. Under it, every failure that comes from the input (a
bad URL, a dead server, a file that is not an article) is an
:class:`ExtractError` (an entity engine that cannot run here among them);
beside it, in the app, the library, the config file, an export and a missing
terminal. Anything else is a bug.
"""

from __future__ import annotations

from byline.extract.sanitize import clean_inline

#: Longest message kept: a server-chosen URL or header can be kilobytes long.
MAX_MESSAGE = 500


class BylineError(Exception):
    """Base class: something a user can cause, said in one line they can act on."""

    #: Exit status the command line ends with (2: a usage or set-up problem).
    exit_code = 2

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


class ExtractError(BylineError):
    """The source could not be turned into an article."""

    exit_code = 3


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


class EngineUnavailable(ExtractError):
    """The chosen entity engine cannot run here: unknown, or its extra (``nlp``)
    is not installed, so the article cannot be analysed. A set-up problem, like
    a bad option: the command line's usage status."""

    exit_code = 2
