"""Four more kinds of news story the project wrote — a game report, a deal
story, a court report and a long feature — and what the two panes show for
each: the right people, organisations and places, and who said what."""

from __future__ import annotations

import pytest
from spacy_child import INSTALLED as spacy_installed
from spacy_child import spacy_article

from byline.extract import extract_text


@pytest.fixture
def article(read_fixture):
    return lambda name: extract_text(read_fixture(name))


def kinds(article):
    return {e.name: e.type for e in article.entities}


def said(article):
    return [(q.speaker, q.text) for q in article.quotes]


def aliases(article, name):
    return set(next(e for e in article.entities if e.name == name).aliases)


# A game report: teams named after their cities, positions as titles, a
# nationality standing for a player.


def test_game_report_teams_keep_their_short_names(article):
    game = article("pioneers-comeback.txt")
    found = kinds(game)
    assert found["Portland Pioneers"] == "ORG" and "Pioneers" in aliases(game, "Portland Pioneers")
    assert found["Denver Foxes"] == "ORG" and "Foxes" in aliases(game, "Denver Foxes")
    assert "Pioneers" not in found and "Foxes" not in found  # "the Pioneers, who…" is no person
    assert found["Denver"] == "PLACE"  # the dateline
    assert found["Harbor Arena"] == "PLACE"
    assert {found["Chidi Okonkwo"], found["Luis Ferreira"], found["Tomasz Wójcik"], found["Melissa Grant"]} == {"PERSON"}


def test_game_report_speakers(article):
    quotes = said(article("pioneers-comeback.txt"))
    assert ("Melissa Grant", "We talked all week about finishing quarters,") in quotes  # Pioneers coach X said
    assert ("Luis Ferreira", "You just give him the ball and get out of the way.") in quotes
    # "He left … after a collision with Ferreira": the sentence is still about
    # Wójcik, so "the Polish big man" is Wójcik.
    assert ("Tomasz Wójcik", "I'm fine. It was just a knock,") in quotes
    assert ("Tomasz Wójcik", "We dug ourselves too deep a hole.") in quotes
    assert ("Ray Hollis", "Effort. That's all it is. You can't teach effort at this level.") in quotes


# A deal story: company suffixes, an acronym defined in brackets, analysts at
# a bank, two speakers in one sentence.


def test_deal_story_companies_and_acronyms(article):
    deal = article("skyloom-deal.txt")
    found = kinds(deal)
    assert found["Veltrix Inc."] == "ORG" and "Veltrix" in aliases(deal, "Veltrix Inc.")
    assert found["Federal Trade Commission"] == "ORG" and "FTC" in aliases(deal, "Federal Trade Commission")
    assert "FTC" not in found
    assert {found["Skyloom"], found["IBM"], found["Goldman Sachs"], found["Jefferies"], found["DataNest"], found["Reuters"]} == {"ORG"}
    assert found["Priya Natarajan"] == "PERSON" and found["Mark Liu"] == "PERSON"
    assert found["Austin"] == "PLACE" and found["Texas"] == "PLACE" and found["San Francisco"] == "PLACE"


def test_deal_story_speakers(article):
    quotes = said(article("skyloom-deal.txt"))
    assert ("Priya Natarajan", "Security is no longer a feature, it is the product,") in quotes
    # `Analysts at Goldman Sachs called the price "…," while Jefferies analyst
    # Mark Liu wrote …`: the verb after "while" is someone else's.
    assert ("Goldman Sachs", "full but defensible,") in quotes
    assert ("Mark Liu", "fills the biggest hole in the product line.") in quotes
    assert ("Priya Natarajan", "There will be more.") in quotes


# A court report: "Judge X of the Y Court", "the judge said", compound titles,
# a company suffix.


def test_court_report_people_and_institutions(article):
    court = article("harbour-bribes.txt")
    found = kinds(court)
    assert found["Miriam Achterberg"] == "PERSON" and "Judge Miriam Achterberg" in aliases(court, "Miriam Achterberg")
    assert found["Omar Siddiqui"] == "PERSON"
    assert found["Kellsworth County Superior Court"] == "ORG"
    assert found["Tidewell Construction LLC"] == "ORG" and found["Blackwater Marine Services"] == "ORG"
    # "Assistant District Attorney" is a title, not an organisation.
    assert not any("District" in name for name in found if name != "Kellsworth County Superior Court")


def test_court_report_speakers(article):
    quotes = said(article("harbour-bribes.txt"))
    assert ("Miriam Achterberg", "used his office as a cash machine") in quotes  # X of the Y Court said
    assert ("Miriam Achterberg", "You were trusted with public money and you treated it as your own,") in quotes
    assert ("Miriam Achterberg", "The harm here is not only financial.") in quotes
    assert ("Celia Burke", "He is a sick man, and prison will make him sicker.") in quotes
    assert ("Omar Siddiqui", "Nobody is above the law in this county,") in quotes
    assert ("Gerald Fenn", "I let down my family and my city.") in quotes
    assert (None, "a betrayal of the public trust.") in quotes  # prosecutors, unnamed


# A long feature: present-tense "she says", quotes running over paragraphs,
# a nested single-quoted thought, a first name alone.


def test_feature_places_and_a_first_name_alone(article):
    feature = article("lighthouse-keeper.txt")
    found = kinds(feature)
    assert found["Skerry Point"] == "PLACE"
    assert found["Northern Lighthouse Board"] == "ORG"
    assert found["Declan"] == "PERSON"  # "Her son, Declan, runs a boatyard"
    assert "People" not in found  # "People ask me…" opens a quote
    assert "Agnes" in aliases(feature, "Agnes Mulvaney")


def test_feature_quotes_over_several_paragraphs(article):
    quotes = said(article("lighthouse-keeper.txt"))
    mulvaney = [text for speaker, text in quotes if speaker == "Agnes Mulvaney"]
    # A paragraph that opens a quote and never closes it, then one that
    # continues it, ending in a nested single-quoted thought.
    assert "I tell them the sea is never quiet enough for that." in mulvaney
    assert any(text.startswith("In the winter of 1987") and text.endswith("at least the view is good.'") for text in mulvaney)
    assert any(text.startswith("The light doesn't need me now.") for text in mulvaney)
    assert ("Declan", "She'll never leave,") in quotes  # "he says", after "Her son, Declan, …"
    assert ("Fiona Strachan", "deeply grateful") in quotes  # "Its chief executive, Fiona Strachan, said"
    assert ("Fiona Strachan", "Agnes knows this coast better than any chart we have,") in quotes


@pytest.mark.skipif(not spacy_installed, reason="the nlp extra is not installed")
@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("pioneers-comeback.txt", {"Portland Pioneers": "ORG", "Chidi Okonkwo": "PERSON", "Harbor Arena": "PLACE"}),
        ("skyloom-deal.txt", {"Veltrix Inc.": "ORG", "Federal Trade Commission": "ORG", "Priya Natarajan": "PERSON", "Austin": "PLACE"}),
        ("harbour-bribes.txt", {"Miriam Achterberg": "PERSON", "Kellsworth County Superior Court": "ORG", "Tidewell Construction LLC": "ORG"}),
        ("lighthouse-keeper.txt", {"Agnes Mulvaney": "PERSON", "Skerry Point": "PLACE", "Northern Lighthouse Board": "ORG"}),
    ],
)
def test_the_spacy_engine_reads_the_four_styles_as_well(read_fixture, fixture, expected):
    found = kinds(spacy_article(read_fixture(fixture)))
    assert {name: found.get(name) for name in expected} == expected
