"""Stage 7: named entities (people, organisations, places).

Filled in by the entities-and-quotes work; until then no entities are found.
"""

from __future__ import annotations

from extract.article import Entity


def find_entities(text: str, title: str | None = None, *, engine: str = "rules") -> tuple[Entity, ...]:
    """Find the people, organisations and places in ``text``."""
    return ()
