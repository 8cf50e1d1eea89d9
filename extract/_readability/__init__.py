"""readability-lxml 0.9 (Apache License 2.0, © Yuri Baburov and contributors;
LICENSE here), carried inside byline.

It is byline's baseline for finding a page's main content. Upstream declares
``Requires-Python <3.15``, so depending on it would keep byline off newer
Pythons; the code itself runs on them unchanged. Changes from upstream 0.9:
``build_doc`` takes decoded text only (byline's decode stage follows WHATWG,
so chardet is not needed), the title heuristics' CSS selectors are written
as XPath (so cssselect is not needed), and the command-line ``main`` is gone.
Everything else is upstream's, so a diff against 0.9 stays short.

byline parses each page once (``markup.prepare``) and hands ``Document`` that
tree, which upstream already accepts: ``_parse`` drops hidden elements from
it and lxml's Cleaner then works on a copy, so the tree stays usable after,
and a second (non-ruthless) pass starts again from it unchanged. No change to
the carried code was needed for that.
"""

from .readability import Document, Unparseable

__all__ = ["Document", "Unparseable"]
