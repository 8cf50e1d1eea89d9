"""byline's extraction library: bytes or text in, a clean ``Article`` out.

    from byline.extract import load, extract_html, extract_text
    article = load("https://example.com/news/story")
    print(article.title, article.text)

Everything a user can get wrong raises a subclass of ``ExtractError`` whose
message is one line a person can act on.
"""

from __future__ import annotations

import sys
import types

__version__ = "0.1.0"

# The names below load their module on first use (PEP 562): importing
# ``extract`` for ``Article`` or ``ExtractError`` does not pull in httpx, lxml
# and readability, which the app's path to its first paint does not need.
_EXPORTS = {
    "Article": "byline.extract.article",
    "Block": "byline.extract.article",
    "Entity": "byline.extract.article",
    "Link": "byline.extract.article",
    "Quote": "byline.extract.article",
    "Removed": "byline.extract.article",
    "DecodeError": "byline.extract.errors",
    "ExtractError": "byline.extract.errors",
    "FetchError": "byline.extract.errors",
    "FileError": "byline.extract.errors",
    "HTTPStatusError": "byline.extract.errors",
    "NotAnArticle": "byline.extract.errors",
    "TooLarge": "byline.extract.errors",
    "UnsupportedContent": "byline.extract.errors",
    "FetchOptions": "byline.extract.load",
    "RawDocument": "byline.extract.load",
    "read_source": "byline.extract.load",
    "fetch_url": "byline.extract.fetch",
    "annotate": "byline.extract.pipeline",
    "extract_document": "byline.extract.pipeline",
    "extract_html": "byline.extract.pipeline",
    "extract_text": "byline.extract.pipeline",
    "load": "byline.extract.pipeline",
}


class _Package(types.ModuleType):
    """Keeps ``extract.load`` the function, as it always was: importing the
    submodule ``extract.load`` would otherwise rebind the name to the module."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "load" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'byline.extract' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


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
