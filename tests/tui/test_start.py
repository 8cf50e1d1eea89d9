"""``byline`` alone: the library screen — the list, search, open, delete, refresh."""

from __future__ import annotations

from textual import events

from _library_support import fetched_for, make_article, stock
from reader_helpers import FERRY, loaded, visible_text, wait_until

from byline.tui.data.library import Library
from byline.tui.screens.reader.screen import ReaderScreen
from byline.tui.widgets.source_picker import PathSuggester

def rows(screen) -> list[str]:
    listing = screen.library_list
    return [listing.render_line(y).text.rstrip() for y in range(listing.size.height)]


async def listed(pilot, screen, count: int) -> None:
    await wait_until(pilot, lambda: len(screen.library_list) == count and screen.library_list.entry(0) is not None)
    await pilot.pause()


async def test_an_empty_library_starts_in_the_field_and_opens_a_typed_path(make_app):
    app = make_app(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        assert app.focused.id == "source-input"
        await wait_until(pilot, lambda: "Nothing stored yet" in " ".join(rows(app.screen)))
        await pilot.press(*"/no")  # typed, "/" included (it is also the search key)
        assert app.focused.value == "/no"
        app.focused.value = str(FERRY)  # the rest at once: pressing each key is slow in a test
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await loaded(pilot)
        assert app.screen.page.article.title.startswith("Island ferry crews")


async def test_the_library_is_listed_newest_first_with_site_date_and_unread_marks(make_app):
    stock(read=(1,))
    app = make_app(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        screen = app.screen
        await listed(pilot, screen, 3)
        assert app.focused is screen.library_list, "a library to choose from: the list has the keys"
        shown = rows(screen)[:3]
        assert shown[0].startswith("● Night ferry returns after two years")
        assert shown[0].endswith("The Lantern Gazette  2025-06-02")
        assert shown[1].startswith("  Orchard planted on old rail land"), "read: no mark"
        assert shown[2].startswith("● Harbour bridge to close for repairs")
        assert "Library — 3 articles" in str(screen.query_one("#library-title").render())


async def test_search_finds_titles_text_names_and_speakers_as_you_type(make_app):
    stock()
    app = make_app(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        screen = app.screen
        await listed(pilot, screen, 3)
        for query, title in (("deck", "Harbour bridge"), ("Varga", "Orchard planted"), ("westway", "Night ferry")):
            await pilot.press("slash", *query)
            assert app.focused.id == "library-search"
            await wait_until(pilot, lambda: screen.library_list.searching and len(screen.library_list) == 1)
            await pilot.pause()
            assert rows(screen)[0].startswith(f"● {title}"), query
            await pilot.press("escape")
            await wait_until(pilot, lambda: not screen.library_list.searching and len(screen.library_list) == 3)
        await pilot.press("slash", *"zebra")
        await wait_until(pilot, lambda: screen.library_list.searching and len(screen.library_list) == 0)
        await pilot.pause()
        assert "Nothing in the library matches zebra" in rows(screen)[0]


async def test_the_search_field_keeps_the_keys_when_it_is_emptied(make_app):
    """Emptied with Backspace or Ctrl-U, the field keeps the focus: the next
    letters are typed, not run as commands (d would ask to delete)."""
    stock()
    app = make_app(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        screen = app.screen
        await listed(pilot, screen, 3)
        field = screen.query_one("#library-search")
        await pilot.press("slash", *"deck")
        await wait_until(pilot, lambda: screen.library_list.searching and len(screen.library_list) == 1)
        for _ in "deck":
            await pilot.press("backspace")
        await wait_until(pilot, lambda: not screen.library_list.searching and len(screen.library_list) == 3)
        await pilot.pause(0.2)  # the first page is in again
        assert app.focused is field
        await pilot.press(*"dq")
        assert field.value == "dq" and type(app.screen).__name__ == "StartScreen"
        await pilot.press("ctrl+u")
        await wait_until(pilot, lambda: not screen.library_list.searching and len(screen.library_list) == 3)
        await pilot.pause(0.2)
        await pilot.press("r")
        assert app.focused is field and field.value == "r"
        await pilot.press("enter")
        assert app.focused is screen.library_list, "Enter goes to the results"


async def test_a_search_hit_shows_the_sentence_that_matches(make_app):
    paragraphs = [
        "The ferry company said on Tuesday that the night crossing would return in June. "
        "Cabins went on sale at noon, and the first week sold out within hours.",
        "Westway Ferries will run the service with its oldest ship, the Lantern, which was refitted over the winter.",
    ]
    stock([("Night ferry returns", "The Lantern Gazette", "2025-06-02", paragraphs, {"Westway Ferries": "ORG"}, [])])
    app = make_app(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        screen = app.screen
        await listed(pilot, screen, 1)
        for query, sentence in (
            ("cabins", "Cabins went on sale at noon, and the first week sold out within hours."),
            ("westway", "Westway Ferries will run the service with its oldest ship, the Lantern, which was refitted ov…"),
        ):
            await pilot.press("slash", *query, "enter")
            await wait_until(pilot, lambda: screen.library_list.searching and len(screen.library_list) == 1)
            await pilot.pause()
            assert rows(screen)[1].strip() == sentence, query
            await pilot.press("escape")
            await wait_until(pilot, lambda: not screen.library_list.searching)
        # A match far along a long sentence is brought into view.
        await pilot.press("slash", *"winter", "enter")
        await wait_until(pilot, lambda: screen.library_list.searching and len(screen.library_list) == 1)
        await pilot.pause()
        assert rows(screen)[1].startswith("    …") and rows(screen)[1].endswith("over the winter.")


async def test_enter_in_the_search_searches_at_once_and_keys_typed_ahead_act_on_the_results(make_app):
    stock()
    app = make_app(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        screen = app.screen
        await listed(pilot, screen, 3)

        for key, char in [("slash", "/"), *[(c, c) for c in "bridge"], ("enter", "\r"), ("d", "d")]:
            app.post_message(events.Key(key, char))  # all at once, as over a slow link
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        assert "Harbour bridge to close for repairs" in str(app.screen.question)


async def test_enter_reads_a_stored_article_offline_at_its_saved_position(make_app, tmp_path):
    paragraphs = [f"Paragraph {n} of the long harbour report, with enough words to wrap." for n in range(80)]
    long_one = ("Harbour log", "The Log", "2025-01-01", paragraphs, {}, [])
    ids = stock([long_one])
    text = "\n\n".join(paragraphs)
    with Library() as library:
        library.set_position(ids[0], text.index("Paragraph 40 "))
    app = make_app(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        await listed(pilot, app.screen, 1)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await loaded(pilot)
        assert visible_text(app.screen.view)[0].startswith("Paragraph 40 "), "the reading position is restored"


async def test_d_deletes_only_after_a_yes(make_app):
    stock()
    app = make_app(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        screen = app.screen
        await listed(pilot, screen, 3)
        await pilot.press("d")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        assert "Night ferry returns after two years" in str(app.screen.question)
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is screen)
        assert len(screen.library_list) == 3
        await pilot.press("j", "delete")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        await pilot.press("y")
        await wait_until(pilot, lambda: len(screen.library_list) == 2)
        assert "deleted “Orchard planted on old rail land”" in screen.status.message.plain
        assert [r[:20] for r in rows(screen)[:2]] == ["● Night ferry return", "● Harbour bridge to "]
    with Library() as library:
        assert [e.title for e in library.entries()] == [
            "Night ferry returns after two years",
            "Harbour bridge to close for repairs",
        ]


async def test_r_fetches_the_article_again_in_the_background(make_app, web):
    pages = web.pages
    url = f"{web.url}/story"
    pages["/story"] = "<html><head><title>Quay reopens</title></head><body><article><h1>Quay reopens</h1>" + (
        "<p>The quay reopened on Monday after a month of repairs to its stone walls and rails.</p>" * 3
    ) + "</article></body></html>"
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
    pages["/story"] = pages["/story"].replace("Quay reopens", "Quay reopens early")
    app = make_app(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        screen = app.screen
        await listed(pilot, screen, 1)
        await pilot.press("r")
        await wait_until(pilot, lambda: "refreshed" in screen.status.message.plain)
        assert rows(screen)[0].startswith("  Quay reopens early"), "the row shows the new title; still read"
    with Library() as library:
        assert library.entries()[0].title == "Quay reopens early"


async def test_the_list_pages_in_lazily(make_app):
    with Library() as library:
        for number in range(450):
            article = make_article(f"Tide table {number:03d}", [f"High water at {number} minutes past."])
            library.store(fetched_for(article), article)
    app = make_app(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        screen = app.screen
        listing = screen.library_list
        await listed(pilot, screen, 450)
        assert sum(entry is not None for entry in listing.rows) == 200, "one page read, not the library"
        await pilot.press("G")
        await wait_until(pilot, lambda: listing.entry(449) is not None)
        await pilot.pause()
        assert rows(screen)[-1].startswith("  Tide table 000")
        assert screen.status.position == "450/450"


async def test_u_marks_read_and_unread(make_app):
    ids = stock()
    app = make_app(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        await listed(pilot, app.screen, 3)
        await pilot.press("u")
        await wait_until(pilot, lambda: rows(app.screen)[0].startswith("  Night ferry"))
        await pilot.press("u")
        await wait_until(pilot, lambda: rows(app.screen)[0].startswith("● Night ferry"))
    with Library() as library:
        assert library.get(ids[-1]).read is False


async def test_o_from_the_reader_shows_the_library_and_escape_returns(make_app):
    stock()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        reader = app.screen
        await pilot.press("o")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        await listed(pilot, app.screen, 4)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is reader)
        assert reader.page.article.title.startswith("Island ferry crews"), "one Escape goes back"


async def test_after_o_slash_searches_the_library_and_o_types_a_source(make_app):
    stock()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("o", *"/night")  # as fast as a typist: the library is still loading
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        screen = app.screen
        search = screen.query_one("#library-search")
        await wait_until(pilot, lambda: search.value == "night")
        assert screen.query_one("#source-input").value == "", "the Open field got none of it"
        await wait_until(pilot, lambda: "Night ferry" in rows(screen)[0])
        await pilot.press("escape", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.press("o")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        screen = app.screen
        await listed(pilot, screen, 4)
        app.screen.post_message(events.Paste("https://example.com/pasted"))
        await wait_until(pilot, lambda: screen.query_one("#source-input").value == "https://example.com/pasted")
        assert app.focused.id == "source-input", "a URL pasted over the list goes to the Open field"


async def test_local_paths_complete(tmp_path):
    (tmp_path / "harbour-story.html").write_text("x")
    (tmp_path / "notes").mkdir()
    suggester = PathSuggester()
    assert await suggester.get_suggestion(str(tmp_path / "harb")) == str(tmp_path / "harbour-story.html")
    assert await suggester.get_suggestion(str(tmp_path / "no")) == str(tmp_path / "notes") + "/"
    assert await suggester.get_suggestion("https://exa") is None


def test_byline_alone_in_a_terminal_lists_the_library_in_its_first_frame():
    from pty_helpers import PtyApp

    app = PtyApp.byline()
    try:
        app.wait_for("Nothing stored yet")
        app.send(b"\x1b")  # the field has the keys (q would be typed): Escape leaves
        assert app.wait_exit() == 0
    finally:
        app.close()
    stock()
    app = PtyApp.byline(columns=100, rows=30)
    try:
        app.wait_for("Library — 3 articles")
        assert "● Night ferry returns after two years" in app.text()
        app.send(b"\r")  # the newest, offline (its URL has no server)
        app.wait_for("The overnight crossing to the islands sails again from Friday.")
        app.send(b"q")
        assert app.wait_exit() == 0
    finally:
        app.close()
