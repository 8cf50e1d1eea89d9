"""byline's extraction library: bytes or text in, a clean ``Article`` out.

    from byline.extract import load, extract_html, extract_text
    article = load("https://example.com/news/story")
    print(article.title, article.text)

Everything a user can get wrong raises a ``BylineError`` (a source that cannot
become an article: an ``ExtractError``) whose message is one line a person can
act on. The names below are the library's whole public face; its modules are
private.
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

# Each name loads its module on first use (PEP 562): importing the library for
# ``Article`` or an error type does not pull in httpx, lxml and readability,
# which an app's way to its first paint does not need.
_FACE = {
    # Sources: read a URL, a path or "-" into bytes.
    "FetchOptions": "sources",
    "RawDocument": "sources",
    "is_url": "sources",
    "read_source": "sources",
    "fetch_url": "fetch",
    # Extraction: bytes or text to an Article; entities and quotes.
    "load": "pipeline",
    "extract_document": "pipeline",
    "extract_html": "pipeline",
    "extract_text": "pipeline",
    "annotate": "pipeline",
    # The Article and its parts.
    "Article": "article",
    "Block": "article",
    "Entity": "article",
    "Link": "article",
    "Quote": "article",
    "Removed": "article",
    # The errors.
    "BylineError": "errors",
    "ExtractError": "errors",
    "FetchError": "errors",
    "HTTPStatusError": "errors",
    "FileError": "errors",
    "UnsupportedContent": "errors",
    "TooLarge": "errors",
    "DecodeError": "errors",
    "NotAnArticle": "errors",
    "FrontPage": "errors",
    "EngineUnavailable": "errors",
    # The entity engines a user may choose, the default first.
    "ENGINES": "engines",
    # Text from a page is data: what to show of it on one line, or at all.
    "clean_inline": "sanitize",
    "strip_controls": "sanitize",
}

__all__ = sorted([*_FACE, "__version__"])


def __getattr__(name: str) -> object:
    module = _FACE.get(name)
    if module is None:
        raise AttributeError(f"module 'byline.extract' has no attribute {name!r}")
    value = getattr(import_module(f"byline.extract.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
