"""The reading library: articles stored whole, listed, searched and removed."""

from __future__ import annotations

import pytest

from _library_support import fetched_for, make_article
from byline.tui.data.keys import source_key
from byline.tui.data.library import Library


@pytest.fixture
def library(tmp_path):
    with Library(tmp_path / "library.sqlite3") as library:
        yield library


def test_entries_list_most_recently_opened_first_with_read_state(library):
    ids = []
    for n, title in enumerate(("Tide tables", "Ferry fares", "Pier lights")):
        article = make_article(title, [f"Story number {n} about the harbour front."])
        ids.append(library.store(fetched_for(article), article, read=False))
    library.mark_opened(ids[0])

    entries = library.entries()

    assert [e.title for e in entries] == ["Tide tables", "Pier lights", "Ferry fares"]
    assert [e.read for e in entries] == [True, False, False]
    assert entries[0].site == "The Test Gazette" and entries[0].authors == ("Ines Albescu",)
    assert library.entries(limit=1, offset=1)[0].title == "Pier lights"


def test_bytes_and_article_are_stored_compressed_and_load_back(library):
    article = make_article("Tide tables", ["High water at noon. " * 200])
    entry_id = library.store(fetched_for(article), article)

    assert library.load(entry_id) == article
    assert library.load_raw(entry_id).data.startswith(b"<html>")
    stored = library._db().execute("SELECT length(data), size FROM documents").fetchone()
    assert stored[0] < stored[1] / 5


def test_source_keys():
    assert source_key("-") == ("stdin", "stdin")
    assert source_key("https://Example.ORG/a?b=1#c") == ("https://example.org/a?b=1", "url")
    key, origin = source_key("some/file.html")
    assert origin == "file" and key.startswith("file:/") and key.endswith("some/file.html")


# ------------------------------------------------------------------- search


@pytest.fixture
def searchable(library):
    articles = [
        make_article(
            "Lighthouse keeper retires after forty years",
            ["Morag Dunlop climbed the ninety steps of the Rubha light every evening since 1985."],
            names={"Morag Dunlop": "PERSON", "Northern Lighthouse Board": "ORG"},
            quotes=[("I will miss the view more than the stairs", "Morag Dunlop")],
        ),
        make_article(
            "Fishing quotas cut again",
            ["Skippers in the northern ports say the new quotas will tie up a third of the fleet."],
            names={"Skippers Association": "ORG"},
            quotes=[("We cannot survive another cut", "Callum Reid")],
        ),
        make_article(
            "Café opens in the old ferry terminal",
            ["The café serves soup and scones to passengers waiting for the lighthouse tour boat."],
        ),
    ]
    for article in articles:
        library.store(fetched_for(article), article)
    return library


def titles(hits):
    return [hit.entry.title for hit in hits]


def test_search_finds_words_in_titles_and_text_best_match_first(searchable):
    hits = searchable.search("lighthouse")
    assert titles(hits) == ["Lighthouse keeper retires after forty years", "Café opens in the old ferry terminal"]


def test_search_finds_entity_names_and_quote_speakers(searchable):
    assert titles(searchable.search("Lighthouse Board")) == ["Lighthouse keeper retires after forty years"]
    assert titles(searchable.search("Callum")) == ["Fishing quotas cut again"]


def test_search_matches_prefixes_accents_and_phrases(searchable):
    assert titles(searchable.search("quot")) == ["Fishing quotas cut again"]
    assert titles(searchable.search("cafe")) == ["Café opens in the old ferry terminal"]
    assert titles(searchable.search('"tour boat"')) == ["Café opens in the old ferry terminal"]
    assert searchable.search('"boat tour"') == []
    assert searchable.search("l") == [], "one letter is a word, not a prefix of every word"


def test_search_shows_where_it_matched(searchable):
    [hit] = searchable.search("scones")
    start, end = hit.highlights[0]
    assert hit.plain_snippet[start:end] == "scones"
    assert hit.to_dict()["snippet"] == hit.plain_snippet


@pytest.mark.parametrize("query", ['"', "AND", "NEAR(", "-", "*", "title:x", "'; DROP TABLE articles; --", ""])
def test_search_never_fails_on_what_a_person_types(searchable, query):
    searchable.search(query)
    assert searchable.count() == 3


def test_removed_articles_leave_the_list_and_the_search(searchable):
    [hit] = searchable.search("scones")
    assert searchable.remove([hit.entry.id, 999]) == [hit.entry.id]
    assert searchable.search("scones") == []
    assert searchable.count() == 2
    assert searchable._db().execute("SELECT count(*) FROM documents").fetchone()[0] == 2


def test_library_works_from_several_threads(library):
    from concurrent.futures import ThreadPoolExecutor

    def store(n):
        article = make_article(f"Tide report {n}", [f"Report {n}: calm seas and a light westerly breeze."])
        return library.store(fetched_for(article), article)

    with ThreadPoolExecutor(4) as pool:
        ids = list(pool.map(store, range(20)))
    assert len(set(ids)) == 20
    assert len(library.search("westerly")) == 20


def test_a_snippet_is_the_sentence_that_holds_the_match():
    from byline.tui.data.records import MARK_END as E, MARK_START as S
    from byline.tui.data.search import _CUT as CUT, sentence_of

    window = f"{CUT}the harbour. The council said on Monday that {S}Lavrov{E} had met them. Later, they{CUT}"
    assert sentence_of(window) == f"The council said on Monday that {S}Lavrov{E} had met them."
    assert sentence_of(f"{CUT}went on to say that {S}Lavrov{E} spoke at{CUT}") == f"…went on to say that {S}Lavrov{E} spoke at…"
    assert sentence_of(f"“We wait,” said {S}Dana{E} Whitlock. Then more.") == f"“We wait,” said {S}Dana{E} Whitlock."
    # The match was in the title or a name, not the text: the text's first sentence.
    assert sentence_of("Engineers replaced the deck. Buses will divert.") == "Engineers replaced the deck."
