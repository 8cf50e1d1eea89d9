"""Stage 7: named entities (people, organisations, places).

Two engines propose mentions — ``rules`` (pure Python, the default) and
``spacy`` (the ``nlp`` extra) — and one document-level pass, shared by both,
turns them into entities: type voting, alias merging, fragment filtering,
every mention located, salience order.
"""

from __future__ import annotations

from byline.extract.article import Entity
from byline.extract.entities import document, rules
from byline.extract.entities.tokens import ANALYSED_CHARS, analysed_end
from byline.extract.errors import EngineUnavailable

__all__ = ["ANALYSED_CHARS", "ENGINES", "analysed_end", "find_entities"]

ENGINES = ("rules", "spacy")


def find_entities(text: str, title: str | None = None, *, engine: str = "rules") -> tuple[Entity, ...]:
    """Find the people, organisations and places in ``text``, most salient first.

    The engines read the first ``ANALYSED_CHARS`` of a very long text; the
    entities they find there are located in all of it."""
    read = text[: analysed_end(text)]
    if engine == "rules":
        mentions = rules.find_mentions(read)
    elif engine == "spacy":
        from byline.extract.entities import spacy_engine

        mentions = spacy_engine.find_mentions(read)
    else:
        raise EngineUnavailable(f"unknown entity engine {engine!r}: choose one of {', '.join(ENGINES)}")
    return document.resolve(text, title, mentions, read_to=len(read))
