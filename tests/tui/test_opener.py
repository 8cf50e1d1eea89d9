"""Opening a source through the library: what was read once reads again,
offline; a refresh that fails falls back to the stored copy; what changed is
read again; the text first, then the entities, then the write."""

from __future__ import annotations

import asyncio
import dataclasses
import io
import json
import os
import time
import zlib

import httpx
import pytest

from byline import extract
from _library_support import FakeWeb, make_article, page
from byline.tui.data.library import Library
from byline.tui.opener import Opener

STORY = "https://news.example/2025/bridge"
STORY_BODY = (
    "The old swing bridge at Saltmarsh will reopen on Friday after a winter of repairs.\n\n"
    "Engineers replaced every timber of the deck and repainted the iron frame in its original green."
)


@pytest.fixture(autouse=True)
def hand_annotations():
    """The opener is tested with the library's own entities (tests/tui's other
    tests put annotations in by hand)."""


@pytest.fixture
def library(tmp_path):
    with Library(tmp_path / "library.sqlite3") as library:
        yield library


def open_and_store(source, library, web, **kwargs):
    opener = Opener(library, reader=web)
    opened = opener.open(source, **kwargs)
    opener.store(opened)
    return opened


def test_a_url_read_once_reopens_offline_with_the_same_article(library):
    web = FakeWeb({STORY: page("Swing bridge reopens", STORY_BODY)})
    first = open_and_store(STORY, library, web)
    web.down = True

    again = Opener(library, reader=web).open(STORY)

    assert web.reads == [STORY]
    assert again.from_library and not again.needs_store
    assert again.article == first.article
    assert "repainted the iron frame" in again.article.text


def test_the_same_url_with_a_fragment_or_capitals_is_the_same_entry(library):
    web = FakeWeb({STORY: page("Swing bridge reopens", STORY_BODY)})
    open_and_store(STORY, library, web)

    again = Opener(library, reader=web).open("HTTPS://NEWS.EXAMPLE/2025/bridge#comments")

    assert again.from_library
    assert web.reads == [STORY]


def test_a_link_with_tracking_parameters_or_a_default_port_is_the_same_entry(library):
    """A feed's copy of a link (``?utm_source=rss``) and ``byline save`` of the plain one are one entry."""
    web = FakeWeb({STORY: page("Swing bridge reopens", STORY_BODY)})
    open_and_store(STORY, library, web)

    again = Opener(library, reader=web).open("https://news.example:443/2025/bridge?utm_source=rss&fbclid=x1")

    assert again.from_library
    assert web.reads == [STORY]


def test_a_redirected_url_is_found_under_its_final_address(library):
    short = "https://sho.rt/b1"
    web = FakeWeb({})
    web.pages[short] = page("Swing bridge reopens", STORY_BODY)

    def redirecting(source, options):
        raw = web(source, options)
        return dataclasses.replace(raw, url=STORY)

    opened = Opener(library, reader=redirecting).open(short)
    Opener(library).store(opened)

    assert Opener(library, reader=web).open(STORY).from_library
    assert library.count() == 1


def test_refresh_fetches_again_and_keeps_the_reading_position(library):
    web = FakeWeb({STORY: page("Swing bridge reopens", STORY_BODY)})
    entry_id = Opener(library).store(Opener(library, reader=web).open(STORY))
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

    opened = Opener(library, reader=web).open(STORY, refresh=True)

    assert opened.from_library
    assert "Saltmarsh" in opened.article.text
    assert len(opened.notes) == 1
    assert "could not resolve host" in opened.notes[0] and "showing the copy stored" in opened.notes[0]


def test_a_url_never_read_fails_as_before_when_offline(library):
    web = FakeWeb({})
    web.down = True
    with pytest.raises(extract.FetchError):
        Opener(library, reader=web).open(STORY)
    assert library.count() == 0


def test_a_new_extractor_version_re_extracts_from_the_stored_bytes_offline(library, monkeypatch):
    web = FakeWeb({STORY: page("Swing bridge reopens", STORY_BODY)})
    entry_id = Opener(library).store(Opener(library, reader=web).open(STORY))
    # Make the stored extraction visibly stale, as an older extractor's output would be.
    conn = library._db()
    stale = make_article("An older extractor's title", ["Only part of the text."], url=STORY)
    conn.execute(
        "UPDATE extractions SET data = ? WHERE article_id = ?",
        (zlib.compress(json.dumps(stale.to_dict()).encode()), entry_id),
    )
    assert Opener(library, reader=web).open(STORY).article.title == "An older extractor's title"
    web.down = True
    monkeypatch.setattr(extract, "__version__", "99.0.0")

    opened = Opener(library, reader=web).open(STORY)

    assert opened.article.title == "Swing bridge reopens"
    assert "repainted the iron frame" in opened.article.text
    assert opened.needs_store  # the new extraction is written back after it is shown
    Opener(library).store(opened)
    assert library.get(entry_id).extractor == "99.0.0"
    assert not Opener(library, reader=web).open(STORY).needs_store
    assert web.reads == [STORY]


def test_a_local_file_is_read_again_only_when_it_changed(library, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Harbour notes\n\nThe tide came in early on Tuesday and flooded the slipway.\n")
    first = Opener(library).open(str(path))
    Opener(library).store(first)

    unchanged = Opener(library).open(str(path))
    assert unchanged.from_library

    path.write_text("Harbour notes\n\nThe tide came in late on Wednesday and nobody noticed.\n")
    stamp = time.time() + 5
    os.utime(path, (stamp, stamp))
    changed = Opener(library).open(str(path))

    assert not changed.from_library
    assert "nobody noticed" in changed.article.text
    Opener(library).store(changed)
    assert library.count() == 1


def test_a_deleted_file_still_opens_from_the_library_with_a_note(library, tmp_path):
    path = tmp_path / "gone.txt"
    path.write_text("Market day\n\nStalls filled the square from six in the morning until the rain came.\n")
    Opener(library).store(Opener(library).open(str(path)))
    path.unlink()

    opened = Opener(library).open(str(path))

    assert "Stalls filled the square" in opened.article.text
    assert "no such file" in opened.notes[0]


def test_standard_input_is_stored_once_per_distinct_text(library):
    text = b"Library hours\n\nThe branch library on Elm Row now opens on Sundays from ten until four.\n"

    def stdin_reader(source, options):
        from byline.extract.sources import read_stdin

        return read_stdin(options, stdin=io.BytesIO(text))

    for _ in range(2):
        Opener(library).store(Opener(library, reader=stdin_reader).open("-"))

    [entry] = library.entries()
    assert entry.origin == "stdin" and entry.source == "-"
    assert entry.key == Opener(None, reader=stdin_reader).read("-").key


def test_no_library_means_nothing_is_stored(library):
    web = FakeWeb({STORY: page("Swing bridge reopens", STORY_BODY)})
    opened = Opener(None, reader=web).open(STORY)
    assert "Saltmarsh" in opened.article.text
    assert library.count() == 0


def test_text_first_then_entities_then_store(library, monkeypatch):
    """The app's order: text on screen, then entities and quotes, then the write."""
    from byline.extract import Entity

    calls = []

    def find_entities(text, title=None, *, engine="rules"):
        calls.append(engine)
        return (Entity("Saltmarsh", "PLACE", (), ()),)

    monkeypatch.setattr("byline.extract.entities.find_entities", find_entities)
    web = FakeWeb({STORY: page("Swing bridge reopens", STORY_BODY)})

    opened = Opener(library, reader=web).open(STORY, analyse=False)
    assert not opened.annotated and opened.article.entities == () and calls == []
    opened = Opener(library).annotated(opened)
    assert [e.name for e in opened.article.entities] == ["Saltmarsh"] and calls == ["rules"]
    Opener(library).store(opened)

    again = Opener(library, reader=web).open(STORY, analyse=False)
    assert again.annotated and [e.name for e in again.article.entities] == ["Saltmarsh"]
    assert calls == ["rules"]


def test_storing_an_unannotated_article_finds_its_entities_first(library, monkeypatch):
    from byline.extract import Entity

    monkeypatch.setattr(
        "byline.extract.entities.find_entities", lambda text, title=None, *, engine="rules": (Entity("Saltmarsh", "PLACE"),)
    )
    web = FakeWeb({STORY: page("Swing bridge reopens", STORY_BODY)})
    entry_id = Opener(library).store(Opener(library, reader=web).open(STORY, analyse=False))
    assert [e.name for e in library.load(entry_id).entities] == ["Saltmarsh"]


def test_save_stores_unread_and_says_whether_the_article_was_new(library):
    """What byline save and the feed runner rely on: a stored URL is not fetched
    again unless refreshed, and the result says whether it was new."""
    fetched = []

    def serve(request: httpx.Request) -> httpx.Response:
        fetched.append(str(request.url))
        body = page("Swing bridge reopens", STORY_BODY).encode()
        return httpx.Response(200, headers={"content-type": "text/html"}, stream=httpx.ByteStream(body))

    opener = Opener(library, transport=httpx.MockTransport(serve))
    first = asyncio.run(opener.save(STORY))
    again = asyncio.run(opener.save(STORY))
    refreshed = asyncio.run(opener.save(STORY, refresh=True))

    assert (first.new, first.read_again, first.title) == (True, True, "Swing bridge reopens")
    assert (again.new, again.read_again, again.entry_id) == (False, False, first.entry_id)
    assert (refreshed.new, refreshed.read_again, refreshed.entry_id) == (False, True, first.entry_id)
    assert fetched == [STORY, STORY]
    [entry] = library.entries()
    assert not entry.read and "Saltmarsh" in library.load(entry.id).text
