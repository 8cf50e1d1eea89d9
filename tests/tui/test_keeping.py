"""The reader reads through the library: stored after the paint, read marks,
reading positions, offline reopening, refresh, and ``--no-store``."""

from __future__ import annotations

from fixture_articles import story_page
from fixture_articles import long_article
from reader_helpers import FERRY, loaded, visible_text, wait_until

from byline.tui.data.library import Library
from byline.tui.data.paths import library_path
from byline.tui.data.keys import source_key


def entry_for(source):
    with Library() as library:
        return library.find(source_key(str(source))[0])


async def test_an_opened_article_is_stored_with_its_entities_and_marked_read(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await wait_until(pilot, lambda: app.screen.page.stored and app.screen.page.entry_id is not None)
    entry = entry_for(FERRY)
    assert entry.read and entry.title == "Island ferry crews vote to strike over rota changes"
    with Library() as library:
        names = [e.name for e in library.load(entry.id).entities]
    assert "Dana Whitlock" in names, "stored after the entities came, with them"


async def test_the_reading_position_is_kept_when_leaving_and_restored_on_reopening(make_app, tmp_path):
    article = long_article(60)
    path = tmp_path / "long.txt"
    path.write_text(f"{article.title}\n\n" + "\n\n".join(article.block_text(b) for b in article.blocks))
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_until(pilot, lambda: app.screen.page.stored)
        await pilot.press("space", "space", "j", "j")
        shown = visible_text(app.screen.view)
        assert app.screen.view.scroll_y > 20 and shown[0].startswith("Paragraph")
    assert entry_for(path).position > 0, "written when the app quit"

    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert visible_text(app.screen.view) == shown
        assert app.screen.page.opened.from_library, "unchanged file: the stored copy"
        status = app.screen.status
        await wait_until(pilot, lambda: status.message.plain.startswith("resumed at "))
        assert status.message.plain == f"resumed at {status.position} — g for the top"
        await pilot.press("g")
        assert status.message.plain == "" and status.position == "top"


async def test_r_on_a_file_says_it_was_read_again_and_whether_it_changed(make_app, tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("Pool closes for repairs\n\nThe town pool will close for two weeks in March.\n")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        status = app.screen.status
        await pilot.press("r")
        await wait_until(pilot, lambda: status.message.plain == "read " + str(path) + " again: no change")
        path.write_text("Pool closes for repairs\n\nThe town pool will close for three weeks in March.\n")
        await pilot.press("r")
        await wait_until(pilot, lambda: status.message.plain == "read " + str(path) + " again: the text changed")
        assert any("three weeks" in line for line in visible_text(app.screen.view))


async def test_a_url_reopens_offline_and_r_keeps_the_stored_copy_when_offline(make_app, web):
    web.pages["/quay"] = story_page("Quay walls repaired", "Masons rebuilt forty metres of the harbour wall this winter.")
    url = f"{web.url}/quay"
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await wait_until(pilot, lambda: app.screen.page.stored)
    web.stop()

    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert visible_text(screen.view)[0] == "Quay walls repaired"
        assert screen.page.opened.from_library
        await pilot.press("r")
        await wait_until(pilot, lambda: "showing the copy stored" in screen.status.message.plain)
        assert visible_text(screen.view)[0] == "Quay walls repaired"
        assert screen.opening.failed is None


async def test_r_fetches_again_and_shows_the_new_version(make_app, web):
    web.pages["/vote"] = story_page("Council delays vote", "The council put off its vote on the ferry plan until June.")
    url = f"{web.url}/vote"
    app = make_app(url)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        screen = app.screen
        web.pages["/vote"] = story_page("Council approves ferry plan", "The council approved the ferry plan by nine votes.")
        await pilot.press("r")
        await wait_until(pilot, lambda: visible_text(screen.view)[0] == "Council approves ferry plan")
        assert screen.status.message.plain == "fetched 127.0.0.1 again: the text changed"
        await wait_until(pilot, lambda: screen.page.stored)
    assert web.hits == ["/vote", "/vote"]
    with Library() as library:
        entries = library.entries()
    assert [e.title for e in entries] == ["Council approves ferry plan"], "the entry is updated, not duplicated"


async def test_no_store_never_touches_the_library(make_app, web):
    web.pages["/quay"] = story_page("Quay walls repaired", "Masons rebuilt forty metres of the harbour wall.")
    for source in (FERRY, f"{web.url}/quay"):
        app = make_app(source, store=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await loaded(pilot)
            await pilot.press("space", "o")
            await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
            await wait_until(pilot, lambda: "The library is off" in app.screen.library_list.placeholder.plain)
    assert not library_path().exists()
    assert not library_path().parent.exists() or not any(library_path().parent.iterdir())


async def test_standard_input_is_stored_and_listed(make_app):
    from byline.extract import RawDocument

    raw = RawDocument(b"Piped headline here\n\nA piped paragraph with some words in it.\n", "-", "text")
    app = make_app("-", raw=raw)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_until(pilot, lambda: app.screen.page.stored)
    with Library() as library:
        (entry,) = library.entries()
    assert entry.origin == "stdin" and entry.title == "Piped headline here"

    app = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        await wait_until(pilot, lambda: app.screen.library_list.entry(0) is not None)
        await pilot.press("enter")
        await loaded(pilot)
        assert "A piped paragraph with some words in it." in visible_text(app.screen.view)


async def test_the_same_text_piped_twice_is_one_entry(make_app):
    from byline.extract import RawDocument

    text = b"Piped twice\n\nThe same paragraph, piped into byline two times over.\n"
    for _ in range(2):
        app = make_app("-", raw=RawDocument(text, "-", "text"))
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            await wait_until(pilot, lambda: app.screen.page.stored)
    app = make_app("-", raw=RawDocument(text.replace(b"two", b"three"), "-", "text"))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_until(pilot, lambda: app.screen.page.stored)
    with Library() as library:
        assert [entry.title for entry in library.entries()] == ["Piped twice", "Piped twice"], "two texts, two entries"


async def test_an_unusable_library_is_said_once_and_the_article_still_opens(make_app, private_user_dirs, monkeypatch):
    blocked = private_user_dirs / "not-a-directory"
    blocked.write_text("a file where the data directory should be\n")
    monkeypatch.setenv("BYLINE_DATA_DIR", str(blocked / "data"))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        assert visible_text(app.screen.view)[0].startswith("Island ferry crews")
        await wait_until(pilot, lambda: app._notifications)
        (note,) = [str(n.message) for n in app._notifications]
        assert "cannot create the library directory" in note and "not stored this session" in note


async def test_a_changed_local_file_is_read_again(make_app, tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("Pool closes for repairs\n\nThe town pool will close for two weeks in March.\n")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_until(pilot, lambda: app.screen.page.stored)
    path.write_text("Pool closes for repairs\n\nThe town pool will now close for three weeks in April.\n")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert "The town pool will now close for three weeks in April." in visible_text(app.screen.view)
        assert not app.screen.page.opened.from_library


def test_the_command_line_app_stores_what_it_opens_and_no_store_leaves_the_library_alone():
    from pty_helpers import PtyApp

    title = "Island ferry crews vote"
    app = PtyApp.byline("--no-store", str(FERRY))
    try:
        app.wait_for(title)
        app.send(b"q")
        assert app.wait_exit() == 0
    finally:
        app.close()
    assert not library_path().exists()

    for _ in range(2):  # the second time from the library, through the prefetch child
        app = PtyApp.byline(str(FERRY))
        try:
            app.wait_for(title)
            app.send(b"q")
            assert app.wait_exit() == 0
        finally:
            app.close()
        entry = entry_for(FERRY)
        assert entry is not None and entry.read
    with Library() as library:
        assert library.count() == 1 and library.load(entry.id).entities, "stored whole, with its entities"
