"""Given a short news article the project wrote, the entities pane shows the
right people, organisations and places, each once, with every mention."""

from __future__ import annotations

import pytest
from spacy_child import INSTALLED, spacy_article

from byline.extract import EngineUnavailable, extract_text
from byline.extract.entities import find_entities

ENGINES = ["rules", "spacy"] if INSTALLED else ["rules"]


def entity(article, name):
    return next((e for e in article.entities if e.name == name), None)


@pytest.fixture(params=ENGINES)
def council(request, read_fixture):
    text = read_fixture("council-vote.txt")
    return spacy_article(text) if request.param == "spacy" else extract_text(text)


def test_person_with_title_is_one_entity_with_every_form(council):
    okafor = entity(council, "Helena Okafor")
    assert okafor is not None and okafor.type == "PERSON"
    assert {"Helena Okafor", "Okafor", "Mayor Helena Okafor"} <= set(okafor.aliases)
    # "Okafor's office": the possessive is not part of the name.
    assert all(council.text[s:e] in ("Helena Okafor", "Okafor") for s, e in okafor.mentions)
    assert len(okafor.mentions) >= 3
    assert not any(e.name.startswith(("Mayor", "Councillor")) for e in council.entities)


def test_acronym_defined_in_parentheses_is_an_alias(council):
    hta = entity(council, "Harbour Transit Authority")
    assert hta is not None and hta.type == "ORG"
    assert "HTA" in hta.aliases
    assert [e.name for e in council.entities].count("Harbour Transit Authority") == 1
    assert entity(council, "HTA") is None


def test_dateline_and_places(council):
    assert entity(council, "Meridian").type == "PLACE"
    assert entity(council, "Lisbon").type == "PLACE"
    assert entity(council, "Cape Town").type == "PLACE"


def test_organisations_by_their_words(council):
    assert entity(council, "Meridian City Council").type == "ORG"
    assert entity(council, "Brightwater Ferries Inc.").type == "ORG"


def test_mentions_are_offsets_into_text(council):
    for item in council.entities:
        for start, end in item.mentions:
            assert council.text[start:end] in item.aliases


def test_salience_puts_the_most_mentioned_first(council):
    names = [e.name for e in council.entities]
    assert names.index("Helena Okafor") < names.index("Lisbon")
    assert names.index("Harbour Transit Authority") < names.index("Cape Town")


def test_sentence_openers_and_nationalities_are_not_entities():
    text = (
        "Despite the rain, Canadian fans cheered. Meanwhile the French team waited.\n\n"
        "Yesterday Priya Raman of the Northfield Rowing Club said the Dutch crew was strong."
    )
    names = {e.name for e in find_entities(text)}
    assert {"Despite", "Meanwhile", "Yesterday", "Canadian", "French", "Dutch"}.isdisjoint(names)
    assert "Priya Raman" in names
    assert "Northfield Rowing Club" in names


def test_surname_tagged_alone_joins_the_full_name():
    text = (
        "Coach Dana Whitfield praised her squad on Sunday.\n\n"
        "Whitfield's side won 3-1. \"Proud of them,\" Whitfield said."
    )
    people = [e for e in find_entities(text) if e.type == "PERSON"]
    assert [p.name for p in people] == ["Dana Whitfield"]
    assert len(people[0].mentions) == 3


def test_country_ministry_in_lower_case_is_an_organisation():
    text = "Norway's foreign ministry said the talks would resume in Oslo."
    found = {e.name: e.type for e in find_entities(text)}
    assert found.get("Norway's foreign ministry") == "ORG"
    assert found.get("Oslo") == "PLACE"


def test_unknown_engine_is_a_one_line_error():
    with pytest.raises(EngineUnavailable) as caught:
        find_entities("Some text.", engine="magic")
    assert "rules" in str(caught.value) and "\n" not in str(caught.value)


def test_a_language_that_capitalises_nouns_gives_no_guessed_names():
    text = (
        "Die Stadtverwaltung hat am Mittwoch neue Regeln für den Verkehr beschlossen. "
        "Nach Angaben der Behörde sollen Anwohner und kleine Betriebe entlastet werden. "
        "In Hamburg begrüßten Händler die Entscheidung, die Opposition nannte das Paket unzureichend."
    )
    found = {e.name for e in find_entities(text)}
    assert found <= {"Hamburg"}


def test_sports_report_clubs_people_and_dateline(read_fixture):
    article = extract_text(read_fixture("cup-upset.txt"))
    found = {e.name: e.type for e in article.entities}
    assert found["Bristol"] == "PLACE"  # the all-caps dateline
    assert found["AP"] == "ORG"  # the agency in brackets after it
    assert found["Bristol Rovers"] == "ORG" and found["Manchester City"] == "ORG"
    assert found["Kwame Asante"] == "PERSON" and "Substitute Kwame Asante" not in found
    assert found["Pep Guardiola"] == "PERSON"


def test_business_report_firms_and_people(read_fixture):
    article = extract_text(read_fixture("chip-forecast.txt"))
    found = {e.name: e.type for e in article.entities}
    assert found["Morgan Stanley"] == "ORG"  # analysts *at* it
    assert found["Nordvik Semiconductor"] == "ORG"
    assert "Nordvik" in entity(article, "Nordvik Semiconductor").aliases
    assert found["Ingrid Solberg"] == "PERSON" and found["Rahul Mehta"] == "PERSON"
    assert found["Oslo"] == "PLACE"  # inside "Oslo-based"


def test_white_house_is_an_institution(read_fixture):
    found = {e.name: e.type for e in extract_text(read_fixture("rail-funding.txt")).entities}
    assert found["White House"] == "ORG"
    assert found["Marcus Bell"] == "PERSON" and found["Laura Kim"] == "PERSON"
    assert found["Ohio"] == "PLACE"


def test_lower_case_particle_inside_a_name(read_fixture):
    article = extract_text(read_fixture("library-opening.txt"))
    person = entity(article, "Anneke de Vries")
    assert person is not None and person.type == "PERSON"
    assert len(person.mentions) == 2  # "Anneke de Vries" and the later "de Vries"
