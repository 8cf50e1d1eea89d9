"""readability-lxml 0.9 (Apache License 2.0, © Yuri Baburov and contributors;
LICENSE here), carried inside byline.

It is byline's baseline for finding a page's main content. Upstream declares
``Requires-Python <3.15``, so depending on it would keep byline off newer
Pythons; the code itself runs on them unchanged. Changes from upstream 0.9:
``build_doc`` takes decoded text only (byline's decode stage follows WHATWG,
so chardet is not needed), the title heuristics' CSS selectors are written
as XPath (so cssselect is not needed), and the command-line ``main`` is gone.
Everything else is upstream's, so a diff against 0.9 stays short.
"""

from .readability import Document, Unparseable

__all__ = ["Document", "Unparseable"]
