"""Stage 7: named entities (people, organisations, places).

Two engines propose mentions — ``rules`` (pure Python, the default) and
``spacy`` (the ``nlp`` extra) — and one document-level pass, shared by both,
turns them into entities: type voting, alias merging, fragment filtering,
every mention located, salience order.
"""

from __future__ import annotations

from byline.extract.article import Entity
from byline.extract.entities import document, rules, spacy_engine
from byline.extract.engines import ENGINES
from byline.extract.errors import EngineUnavailable

__all__ = ["ENGINES", "EngineUnavailable", "find_entities"]

def find_entities(text: str, title: str | None = None, *, engine: str = "rules") -> tuple[Entity, ...]:
    """Find the people, organisations and places in ``text``, most salient
    first (``document.salience``). The whole text is read: the work is linear."""
    if engine == "rules":
        mentions = rules.find_mentions(text)
    elif engine == "spacy":
        mentions = spacy_engine.find_mentions(text)
    else:
        raise EngineUnavailable(f"unknown entity engine {engine!r}: choose one of {', '.join(ENGINES)}")
    return document.resolve(text, title, mentions)
