"""Stage 8: direct quotations and who said them."""

from __future__ import annotations

from extract.article import Entity, Quote


def find_quotes(text: str, entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """Find the quotations in ``text`` and attribute them to ``entities``."""
    return ()
