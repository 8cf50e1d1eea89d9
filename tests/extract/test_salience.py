"""Entities come most salient first, ranked once, by the library: the app's
entities pane shows them in this order."""

from __future__ import annotations

from byline.extract import Entity
from byline.extract.entities.document import _rank

TEXT = (
    "Carrick Quay woke to news of the strike on Tuesday morning.\n\n"
    "Crews met late into the night, and the union said talks would resume.\n\n"
    "Ruth Nance, who runs the café by the slipway, said she would stay open."
)


def _entity(name: str, kind: str) -> Entity:
    start = TEXT.index(name)
    return Entity(name, kind, (name,), ((start, start + len(name)),))


def test_a_name_mentioned_as_often_but_earlier_ranks_first():
    ranked = _rank([_entity("Ruth Nance", "PERSON"), _entity("Carrick Quay", "PLACE")], None)
    assert [e.name for e in ranked] == ["Carrick Quay", "Ruth Nance"]


def test_a_name_in_the_headline_outranks_an_earlier_one():
    ranked = _rank([_entity("Carrick Quay", "PLACE"), _entity("Ruth Nance", "PERSON")], "Ruth Nance speaks")
    assert [e.name for e in ranked] == ["Ruth Nance", "Carrick Quay"]
