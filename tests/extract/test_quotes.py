"""Given articles the project wrote, the quotes pane shows who said what."""

from __future__ import annotations

from byline.extract import extract_text
from byline.extract.article import Entity
from byline.extract.quotes import find_quotes


def said(article):
    return [(q.speaker, q.text) for q in article.quotes]


def test_quote_offsets_cover_the_words_without_marks(read_fixture):
    article = extract_text(read_fixture("council-vote.txt"))
    assert article.quotes
    for quote in article.quotes:
        assert article.text[quote.start : quote.end] == quote.text
        assert quote.text[0] not in "\"“”" and quote.text[-1] not in "\"“”"


def test_interrupted_quote_is_two_entries_with_one_speaker(read_fixture):
    quotes = said(extract_text(read_fixture("council-vote.txt")))
    assert ("Helena Okafor", "We hope,") in quotes
    assert ("Helena Okafor", "that people will leave their cars at home within a year.") in quotes


def test_pronoun_and_following_quote_go_to_the_last_speaker(read_fixture):
    quotes = said(extract_text(read_fixture("council-vote.txt")))
    assert ("David Brennan", "wildly optimistic") in quotes
    assert ("David Brennan", "I don't want to see a fourth.") in quotes


def test_unnamed_spokesperson_gives_the_organisation(read_fixture):
    quotes = said(extract_text(read_fixture("council-vote.txt")))
    assert ("Harbour Transit Authority", "within weeks.") in quotes


def test_multi_paragraph_quote_continues_the_speaker(read_fixture):
    quotes = said(extract_text(read_fixture("council-vote.txt")))
    assert ("Samira Haddad", "We are ready to start sea trials in the spring,") in quotes
    # A paragraph that opens a quote and never closes it runs to its end;
    # the next paragraph's quote is a new entry by the same speaker.
    assert ("Samira Haddad", "Our crews have run routes like this in Lisbon and in Cape Town. This is not new for us.") in quotes
    assert ("Samira Haddad", "We simply need a date.") in quotes


def test_said_x_who_and_pronoun_after_quote(read_fixture):
    quotes = said(extract_text(read_fixture("storm-report.txt")))
    assert ("Tomas Lindqvist", "The water came up faster than anyone expected,") in quotes
    assert ("Tomas Lindqvist", "We had people on roofs by midnight.") in quotes
    assert ("Ahmed Rahimi", "Everything is gone,") in quotes
    assert ("Maria Fernandes", "nothing but the clothes they were wearing.") in quotes


def test_names_and_terms_in_quotes_are_not_quotes(read_fixture):
    texts = [q.text for q in extract_text(read_fixture("storm-report.txt")).quotes]
    assert not any("long night" in t for t in texts)


def test_nested_quote_of_the_same_style_stays_inside():
    text = "“We are waiting for their “plan”, so that the meeting is useful,” Ana Duarte said."
    people = (Entity("Ana Duarte", "PERSON", ("Ana Duarte",), ((text.index("Ana"), text.index("Ana") + 10),)),)
    quotes = find_quotes(text, people)
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Ana Duarte", "We are waiting for their “plan”, so that the meeting is useful,")
    ]


def test_single_quoted_word_is_a_term_but_a_short_utterance_counts():
    text = "The mayor called it \"historic\" on Monday.\n\n\"Amazing,\" she said."
    texts = [q.text for q in find_quotes(text, ())]
    assert texts == ["Amazing,"]


def test_quotes_in_headings_are_skipped():
    text = "“A turning point”\n\nThe council met on Tuesday."
    assert find_quotes(text, (), headings=[(0, 17)]) == ()


def test_no_speaker_when_the_text_does_not_say():
    text = "Protesters chanted \"no more cuts\" outside the hall.\n\n\"Open the door!\" an officer shouted."
    quotes = find_quotes(text, ())
    assert [(q.speaker, q.text) for q in quotes] == [(None, "no more cuts"), (None, "Open the door!")]


def test_nationality_and_role_nouns_stand_for_the_person(read_fixture):
    quotes = said(extract_text(read_fixture("cup-upset.txt")))
    # "… today," the Spaniard told the BBC. "That is the truth."
    assert ("Pep Guardiola", "We were not good enough today,") in quotes
    assert ("Pep Guardiola", "That is the truth.") in quotes
    # before adding that the club would "enjoy tonight …"
    assert ("Joanne Whitaker", "enjoy tonight and then get back to work.") in quotes


def test_title_between_cue_and_name(read_fixture):
    quotes = said(extract_text(read_fixture("chip-forecast.txt")))
    assert ("Ingrid Solberg", "The second half will be harder than we expected,") in quotes
    assert ("Rahul Mehta", "We see limited upside until inventories clear,") in quotes


def test_said_x_interrupting_a_quote_and_a_question_asked(read_fixture):
    quotes = said(extract_text(read_fixture("rail-funding.txt")))
    assert ("Marcus Bell", "This bill is a giveaway,") in quotes
    assert ("Marcus Bell", "and taxpayers will pay for it.") in quotes
    assert ("Laura Kim", "thousands of good jobs") in quotes
    assert ("Laura Kim", "Where was his outrage then?") in quotes
    # "He added:" after "According to Bell, …".
    assert ("Marcus Bell", "Nobody should rush a bill this size.") in quotes


def test_the_group_and_a_spokesman_for_an_organisation(read_fixture):
    quotes = said(extract_text(read_fixture("rail-funding.txt")))
    assert ("Association of American Railroads", "Every day of delay costs shippers money,") in quotes
    assert ("Transportation Department", "reviewing the text.") in quotes


def test_role_noun_dash_interruption_and_particles(read_fixture):
    quotes = said(extract_text(read_fixture("library-opening.txt")))
    assert ("Rosa Delgado", "It took us ten years, but we did it,") in quotes  # "the mayor said"
    assert ("Tom Reyes", "We still have potholes on every street") in quotes
    assert ("Tom Reyes", "and nobody talks about that.") in quotes
    assert ("Rosa Delgado", "Learning never stops,") in quotes  # "she wrote on Facebook"
    assert ("Anneke de Vries", "We open our doors at nine,") in quotes
