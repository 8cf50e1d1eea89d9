"""byline's extraction library: bytes or text in, a clean ``Article`` out.

    from extract import load, extract_html, extract_text
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
    "Article": "extract.article",
    "Block": "extract.article",
    "Entity": "extract.article",
    "Link": "extract.article",
    "Quote": "extract.article",
    "Removed": "extract.article",
    "DecodeError": "extract.errors",
    "ExtractError": "extract.errors",
    "FetchError": "extract.errors",
    "FileError": "extract.errors",
    "HTTPStatusError": "extract.errors",
    "NotAnArticle": "extract.errors",
    "TooLarge": "extract.errors",
    "UnsupportedContent": "extract.errors",
    "FetchOptions": "extract.load",
    "RawDocument": "extract.load",
    "read_source": "extract.load",
    "fetch_url": "extract.fetch",
    "annotate": "extract.pipeline",
    "extract_document": "extract.pipeline",
    "extract_html": "extract.pipeline",
    "extract_text": "extract.pipeline",
    "load": "extract.pipeline",
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
        raise AttributeError(f"module 'extract' has no attribute {name!r}")
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
