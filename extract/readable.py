"""Stage 3: find the main content of an HTML page with readability-lxml
(carried in ``_readability``: see its docstring for why).

readability logs its own failures with ``log.exception``; with no handler
configured Python would print those tracebacks on the user's stderr, so its
logger gets a NullHandler and does not propagate.
"""

from __future__ import annotations

import logging

from lxml.etree import ParserError
from lxml.html import HtmlElement

from byline.extract._readability import Document, Unparseable
from byline.extract.errors import NotAnArticle

_log = logging.getLogger("byline.extract._readability.readability")
_log.addHandler(logging.NullHandler())
_log.propagate = False


def main_content(html: str, url: str | None = None, root: HtmlElement | None = None) -> str:
    """Return the main-content HTML fragment of ``html`` (a decoded str).

    ``root`` is the page already parsed (``markup.prepare``): readability then
    reads that tree instead of parsing the page again. It drops the page's
    hidden elements from it and works on its own copy after that (lxml's
    Cleaner copies the tree), so the tree stays usable for the stages after.

    ``html_partial=True`` returns the content element itself: without it some
    pages come back as an empty body. ``url`` is not handed to readability:
    it would rewrite every link on the page, and only the links the article
    keeps need resolving (``pipeline.absolute_link`` does that).
    """
    try:
        return Document(html if root is None else root).summary(html_partial=True)
    except (Unparseable, ParserError, ValueError) as exc:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else "malformed markup"
        raise NotAnArticle(f"no article text found: the page could not be parsed ({detail})") from None
