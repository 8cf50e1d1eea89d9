"""The reading library: what was read once reads again, offline, and can be found."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import time
import zlib

import pytest

from byline import extract
from _library_support import FakeWeb, fetched_for, make_article, page
from byline.tui.config import Settings
from byline.tui.data import Library, open_source, read_fresh, source_key
from byline.tui.data.through import store_opened

SETTINGS = Settings()
STORY = "https://news.example/2025/bridge"
STORY_BODY = (
    "The old swing bridge at Saltmarsh will reopen on Friday after a winter of repairs.\n\n"
    "Engineers replaced every timber of the deck and repainted the iron frame in its original green."
)


@pytest.fixture
def library(tmp_path):
    with Library(tmp_path / "library.sqlite3") as library:
        yield library


def open_and_store(source, library, web, **kwargs):
    opened = open_source(source, library, SETTINGS, reader=web, **kwargs)
    store_opened(library, opened, SETTINGS)
    return opened


def test_a_url_read_once_reopens_offline_with_the_same_article(library):
    web = FakeWeb({STORY: page("Swing bridge reopens", STORY_BODY)})
    first = open_and_store(STORY, library, web)
    web.down = True

    again = open_source(STORY, library, SETTINGS, reader=web)

    assert web.reads == [STORY]
    assert again.from_library and not again.needs_store
    assert again.article == first.article
    assert "repainted the iron frame" in again.article.text


def test_the_same_url_with_a_fragment_or_capitals_is_the_same_entry(library):
    web = FakeWeb({STORY: page("Swing bridge reopens", STORY_BODY)})
    open_and_store(STORY, library, web)

    again = open_source("HTTPS://NEWS.EXAMPLE/2025/bridge#comments", library, SETTINGS, reader=web)

    assert again.from_library
    assert web.reads == [STORY]


def test_a_redirected_url_is_found_under_its_final_address(library):
    short = "https://sho.rt/b1"
    web = FakeWeb({})
    web.pages[short] = page("Swing bridge reopens", STORY_BODY)

    def redirecting(source, options):
        raw = web(source, options)
        return dataclasses.replace(raw, url=STORY)

    opened = open_source(short, library, SETTINGS, reader=redirecting)
    store_opened(library, opened, SETTINGS)

    assert open_source(STORY, library, SETTINGS, reader=web).from_library
    assert library.count() == 1


def test_refresh_fetches_again_and_keeps_the_reading_position(library):
    web = FakeWeb({STORY: page("Swing bridge reopens", STORY_BODY)})
    entry_id = store_opened(library, open_source(STORY, library, SETTINGS, reader=web), SETTINGS)
    library.set_position(entry_id, 40)
    web.pages[STORY] = page("Swing bridge reopens on Saturday", STORY_BODY)

    refreshed = open_and_store(STORY, library, web, refresh=True)

    assert web.reads == [STORY, STORY]
    assert refreshed.article.title == "Swing bridge reopens on Saturday"
    entry = library.get(entry_id)
    assert entry.title == "Swing bridge reopens on Saturday"
    assert entry.position == 40 and entry.read
    assert library.count() == 1


def test_refresh_with_the_network_down_shows_the_stored_copy_and_says_so(library):
    web = FakeWeb({STORY: page("Swing bridge reopens", STORY_BODY)})
    open_and_store(STORY, library, web)
    web.down = True

    opened = open_source(STORY, library, SETTINGS, reader=web, refresh=True)

    assert opened.from_library
    assert "Saltmarsh" in opened.article.text
    assert len(opened.notes) == 1
    assert "could not resolve host" in opened.notes[0] and "showing the copy stored" in opened.notes[0]


def test_a_url_never_read_fails_as_before_when_offline(library):
    web = FakeWeb({})
    web.down = True
    with pytest.raises(extract.FetchError):
        open_source(STORY, library, SETTINGS, reader=web)
    assert library.count() == 0


def test_a_new_extractor_version_re_extracts_from_the_stored_bytes_offline(library, monkeypatch):
    web = FakeWeb({STORY: page("Swing bridge reopens", STORY_BODY)})
    entry_id = store_opened(library, open_source(STORY, library, SETTINGS, reader=web), SETTINGS)
    # Make the stored extraction visibly stale, as an older extractor's output would be.
    conn = library._db()
    stale = make_article("An older extractor's title", ["Only part of the text."], url=STORY)
    conn.execute(
        "UPDATE extractions SET data = ? WHERE article_id = ?",
        (zlib.compress(json.dumps(stale.to_dict()).encode()), entry_id),
    )
    assert open_source(STORY, library, SETTINGS, reader=web).article.title == "An older extractor's title"
    web.down = True
    monkeypatch.setattr(extract, "__version__", "99.0.0")

    opened = open_source(STORY, library, SETTINGS, reader=web)

    assert opened.article.title == "Swing bridge reopens"
    assert "repainted the iron frame" in opened.article.text
    assert opened.needs_store  # the new extraction is written back after it is shown
    store_opened(library, opened, SETTINGS)
    assert library.get(entry_id).extractor == "99.0.0"
    assert not open_source(STORY, library, SETTINGS, reader=web).needs_store
    assert web.reads == [STORY]


def test_a_local_file_is_read_again_only_when_it_changed(library, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Harbour notes\n\nThe tide came in early on Tuesday and flooded the slipway.\n")
    first = open_source(str(path), library, SETTINGS)
    store_opened(library, first, SETTINGS)

    unchanged = open_source(str(path), library, SETTINGS)
    assert unchanged.from_library

    path.write_text("Harbour notes\n\nThe tide came in late on Wednesday and nobody noticed.\n")
    stamp = time.time() + 5
    os.utime(path, (stamp, stamp))
    changed = open_source(str(path), library, SETTINGS)

    assert not changed.from_library
    assert "nobody noticed" in changed.article.text
    store_opened(library, changed, SETTINGS)
    assert library.count() == 1


def test_a_deleted_file_still_opens_from_the_library_with_a_note(library, tmp_path):
    path = tmp_path / "gone.txt"
    path.write_text("Market day\n\nStalls filled the square from six in the morning until the rain came.\n")
    store_opened(library, open_source(str(path), library, SETTINGS), SETTINGS)
    path.unlink()

    opened = open_source(str(path), library, SETTINGS)

    assert "Stalls filled the square" in opened.article.text
    assert "no such file" in opened.notes[0]


def test_standard_input_is_stored_once_per_distinct_text(library):
    text = b"Library hours\n\nThe branch library on Elm Row now opens on Sundays from ten until four.\n"

    def stdin_reader(source, options):
        from byline.extract.sources import read_stdin

        return read_stdin(options, stdin=io.BytesIO(text))

    for _ in range(2):
        store_opened(library, open_source("-", library, SETTINGS, reader=stdin_reader), SETTINGS)

    [entry] = library.entries()
    assert entry.origin == "stdin" and entry.source == "-"
    assert entry.key == read_fresh("-", SETTINGS.fetch_options(), stdin_reader).key


def test_no_library_means_nothing_is_stored(library):
    web = FakeWeb({STORY: page("Swing bridge reopens", STORY_BODY)})
    opened = open_source(STORY, None, SETTINGS, reader=web)
    assert "Saltmarsh" in opened.article.text
    assert library.count() == 0


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


def test_text_first_then_entities_then_store(library, monkeypatch):
    """The app's order: text on screen, then entities and quotes, then the write."""
    from byline.extract import Entity
    from byline.tui.data import annotated

    calls = []

    def find_entities(text, title=None, *, engine="rules"):
        calls.append(engine)
        return (Entity("Saltmarsh", "PLACE", (), ()),)

    monkeypatch.setattr("byline.extract.entities.find_entities", find_entities)
    web = FakeWeb({STORY: page("Swing bridge reopens", STORY_BODY)})

    opened = open_source(STORY, library, SETTINGS, reader=web, analyse=False)
    assert not opened.annotated and opened.article.entities == () and calls == []
    opened = annotated(opened, SETTINGS)
    assert [e.name for e in opened.article.entities] == ["Saltmarsh"] and calls == ["rules"]
    store_opened(library, opened, SETTINGS)

    again = open_source(STORY, library, SETTINGS, reader=web, analyse=False)
    assert again.annotated and [e.name for e in again.article.entities] == ["Saltmarsh"]
    assert calls == ["rules"]


def test_storing_an_unannotated_article_finds_its_entities_first(library, monkeypatch):
    from byline.extract import Entity

    monkeypatch.setattr(
        "byline.extract.entities.find_entities", lambda text, title=None, *, engine="rules": (Entity("Saltmarsh", "PLACE"),)
    )
    web = FakeWeb({STORY: page("Swing bridge reopens", STORY_BODY)})
    entry_id = store_opened(library, open_source(STORY, library, SETTINGS, reader=web, analyse=False), SETTINGS)
    assert [e.name for e in library.load(entry_id).entities] == ["Saltmarsh"]
