"""Given an article, the reader sees it, moves through it and finds things in it."""

from __future__ import annotations

from fixture_articles import long_article
from reader_helpers import loaded, visible_text, wait_until

from byline.tui.config import Settings
from byline.tui.screens.reader.loading import Request


async def test_opening_a_file_shows_header_and_first_paragraph(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        lines = visible_text(app.screen.view)
        assert lines[0] == "Island ferry crews vote to strike over rota changes"
        assert "By Owen Tremayne" in lines[1] and "min read" in lines[1]
        assert any(line.startswith("Crews on the ferries linking Carrick Quay") for line in lines)


async def test_text_is_centred_at_the_reading_width(make_app):
    app = make_app(settings=Settings(reading_width=60))
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        view = app.screen.view
        assert view.text_layout.width == 60
        drawn = view.render_line(0).text
        margin = len(drawn) - len(drawn.lstrip())
        assert margin == (view.size.width - 60) // 2 > 0


async def write_long(tmp_path, paragraphs=60):
    path = tmp_path / "long.txt"
    article = long_article(paragraphs)
    path.write_text(f"{article.title}\n\n" + "\n\n".join(article.block_text(b) for b in article.blocks))
    return path


async def test_less_keys_scroll_the_article(make_app, tmp_path):
    app = make_app(await write_long(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        view = app.screen.view
        await pilot.press("j", "j", "down")
        assert view.scroll_y == 3
        await pilot.press("k", "up")
        assert view.scroll_y == 1
        await pilot.press("space")
        page = view.scroll_y
        assert page > 10
        await pilot.press("b")
        assert view.scroll_y == 1
        await pilot.press("pagedown", "pageup")
        assert view.scroll_y == 1
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y
        assert app.screen.status.position == "end"
        await pilot.press("g")
        assert view.scroll_y == 0
        assert app.screen.status.position == "top"


async def test_search_highlights_matches_counts_them_and_n_moves(make_app, tmp_path):
    app = make_app(await write_long(tmp_path, 30))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        await pilot.press("slash", *"pontoon", "enter")
        assert screen.status.detail == "match 1/30"
        first = screen.finder.matches.current
        assert screen.view.is_visible(*first)
        await pilot.press("n", "n")
        assert screen.status.detail == "match 3/30"
        assert screen.view.is_visible(*screen.finder.matches.current)
        await pilot.press("N")
        assert screen.status.detail == "match 2/30"
        await pilot.press("g", "N")
        assert screen.status.detail == "match 1/30"
        await pilot.press("N")
        assert screen.status.detail == "match 30/30"
        assert "wrapped" in screen.status.message.plain


async def test_search_is_literal_and_smart_case(make_app, tmp_path):
    app = make_app(await write_long(tmp_path, 5))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        await pilot.press("slash", *"PARAGRAPH", "enter")
        assert "not found" in screen.status.message.plain
        await pilot.press("slash", "ctrl+a", *"paragraph [1", "enter")
        assert "not found" in screen.status.message.plain
        await pilot.press("slash")
        await pilot.press(*["backspace"] * 20, *"paragraph", "enter")
        assert screen.status.detail == "match 1/5"


async def test_keys_typed_straight_after_slash_go_to_the_search(make_app, tmp_path):
    from textual import events

    app = make_app(await write_long(tmp_path, 10))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        # All at once, as a fast typist or a paste delivers them.
        # b pages up, f opens the links, r reloads: here they must be typed.
        for key, char in [("slash", "/"), ("b", "b"), ("e", "e"), ("f", "f"), ("enter", "\r")]:
            app.post_message(events.Key(key, char))
        await wait_until(pilot, lambda: app.screen.status.detail.startswith("match"))
        assert app.screen.finder.query_text == "bef"


async def test_resize_keeps_the_paragraph_at_the_top(make_app, tmp_path):
    app = make_app(await write_long(tmp_path))
    async with app.run_test(size=(160, 40)) as pilot:
        await loaded(pilot)
        view = app.screen.view
        await pilot.press(*["j"] * 57)
        top = visible_text(view)[0]
        offset = view.reading_offset
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        assert view.text_layout.width < 60
        paragraph = app.screen.page.article.text[:offset].rsplit("\n\n", 1)[-1][:20]
        now_top = view.text_layout.lines[round(view.scroll_y)]
        block = view.text_layout.lines[round(view.scroll_y)].block
        assert paragraph in app.screen.page.article.block_text(app.screen.page.article.blocks[block])
        assert now_top.start <= offset <= now_top.end + 1
        assert top.split()[0] in " ".join(visible_text(view)[:3])


async def test_reading_width_is_adjustable(make_app, tmp_path):
    app = make_app(await write_long(tmp_path))
    async with app.run_test(size=(160, 40)) as pilot:
        await loaded(pilot)
        view = app.screen.view
        assert view.text_layout.width == 80
        await pilot.press("minus", "minus")
        assert view.text_layout.width == 72
        assert "reading width 72" in app.screen.status.message.plain
        await pilot.press("plus")
        assert view.text_layout.width == 76


async def test_removed_boilerplate_shows_greyed_in_place(make_app):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        assert not any("Advertisement" in line for line in visible_text(app.screen.view))
        await pilot.press("x")
        lines = visible_text(app.screen.view)
        assert "✂ removed: ad marker" in lines
        assert lines[lines.index("✂ removed: ad marker") + 1] == "Advertisement"
        assert "showing 4 removed blocks" in app.screen.status.message.plain
        strip = app.screen.view.render_line(lines.index("Advertisement"))
        assert any(seg.style and seg.style.dim for seg in strip if seg.text.strip())
        await pilot.press("x")
        assert not any("Advertisement" in line for line in visible_text(app.screen.view))


async def test_text_shows_before_entities_arrive(make_app, monkeypatch):
    import threading

    from byline import extract

    release = threading.Event()
    real = extract.annotate

    def slow(article, ner="rules"):
        release.wait(5)
        return real(article, ner=ner)

    monkeypatch.setattr(extract, "annotate", slow)
    app = make_app()
    async with app.run_test(size=(160, 24)) as pilot:
        await loaded(pilot, annotated=False)
        screen = app.screen
        await wait_until(pilot, lambda: screen.status.message.plain == "finding entities…")
        assert any("Crews on the ferries" in line for line in visible_text(screen.view))
        await pilot.press("j", "j")
        assert screen.view.scroll_y == 2
        release.set()
        await wait_until(pilot, lambda: screen.page.annotated)
        await pilot.pause()
        assert screen.status.message.plain == ""
        assert len(screen.entities_pane.entities) > 1


async def test_stdin_article_opens_from_bytes_already_read(make_app):
    from byline.extract import RawDocument

    raw = RawDocument(b"Piped headline here\n\nA piped paragraph with some words in it.\n", "-", "text")
    app = make_app("-", raw=raw)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert "A piped paragraph with some words in it." in visible_text(app.screen.view)
        await pilot.press("r")
        await loaded(pilot)
        assert "A piped paragraph with some words in it." in visible_text(app.screen.view)
        assert isinstance(app.screen.page.request, Request)
