"""byline's extraction library: bytes or text in, a clean ``Article`` out.

    from extract import load, extract_html, extract_text
    article = load("https://example.com/news/story")
    print(article.title, article.text)

Everything a user can get wrong raises a subclass of ``ExtractError`` whose
message is one line a person can act on.
"""

from __future__ import annotations

__version__ = "0.1.0"

from extract.article import Article, Block, Entity, Link, Quote, Removed  # noqa: E402
from extract.errors import (  # noqa: E402
    DecodeError,
    ExtractError,
    FetchError,
    FileError,
    HTTPStatusError,
    NotAnArticle,
    TooLarge,
    UnsupportedContent,
)
from extract.load import FetchOptions, RawDocument, read_source  # noqa: E402
from extract.fetch import fetch_url  # noqa: E402
from extract.pipeline import annotate, extract_document, extract_html, extract_text, load  # noqa: E402

__all__ = [
    "Article",
    "Block",
    "DecodeError",
    "Entity",
    "ExtractError",
    "FetchError",
    "FetchOptions",
    "FileError",
    "HTTPStatusError",
    "Link",
    "NotAnArticle",
    "Quote",
    "RawDocument",
    "Removed",
    "TooLarge",
    "UnsupportedContent",
    "__version__",
    "annotate",
    "extract_document",
    "extract_html",
    "extract_text",
    "fetch_url",
    "load",
    "read_source",
]
