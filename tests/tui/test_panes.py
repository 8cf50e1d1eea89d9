"""The entities and quotes panes, and how they steer the article."""

from __future__ import annotations

import dataclasses

from fixture_articles import ferry_article
from reader_helpers import loaded

from byline import extract
from byline.extract import Article, Entity


def option_texts(pane) -> list[str]:
    return pane.item_texts()


def mention_spans(view) -> list[tuple[int, int]]:
    layer = view._layers["mentions"]
    return list(zip(layer.starts, layer.ends))


async def test_entities_are_grouped_with_counts_in_salience_order(make_app):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        rows = option_texts(app.screen.entities_pane)
        assert rows == [
            "People (2)",
            "Dana Whitlock  2",
            "Ruth Nance  1",
            "Organisations (2)",
            "Maritime Workers Union  4",
            "Westway Ferries  3",
            "Places (2)",
            "Carrick Quay  2",
            "St Brannoc  2",
        ]


async def test_the_pane_keeps_the_library_s_order_within_each_group(make_app, monkeypatch):
    """Salience is ranked once, by the library: the pane groups by type and keeps its order."""
    reordered = ferry_article()
    reordered = dataclasses.replace(reordered, entities=tuple(reversed(reordered.entities)))
    monkeypatch.setattr(extract, "annotate", lambda _article, ner="rules": reordered)
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        assert option_texts(app.screen.entities_pane) == [
            "People (2)",
            "Ruth Nance  1",
            "Dana Whitlock  2",
            "Organisations (2)",
            "Westway Ferries  3",
            "Maritime Workers Union  4",
            "Places (2)",
            "St Brannoc  2",
            "Carrick Quay  2",
        ]


async def test_quotes_pane_shows_speaker_and_marks_unattributed(make_app):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        rows = option_texts(app.screen.quotes_pane)
        assert rows[0].startswith("Dana Whitlock — “Nobody wants to leave islanders")
        assert rows[1].startswith("Westway Ferries — “We have offered")
        assert rows[2] == "unattributed — “Our door remains open.”"


async def test_selecting_an_entity_highlights_every_mention_and_brackets_jump(make_app):
    app = make_app()
    async with app.run_test(size=(100, 20)) as pilot:
        await loaded(pilot)
        screen = app.screen
        await pilot.press("p")  # the tab strip is shown by default at 100 columns
        await pilot.press("p", "tab")
        assert screen.tab == "entities" and app.focused is screen.entities_pane
        await pilot.press("down", "down", "down")
        assert screen.finder.entity.name == "Maritime Workers Union"
        await pilot.press("enter")
        union = next(e for e in screen.page.article.entities if e.name == "Maritime Workers Union")
        assert mention_spans(screen.view) == sorted(union.mentions)
        assert screen.tab == "article", "at 100 columns choosing an entity brings the article back"
        assert screen.view.is_visible(*screen.finder.mentions.current)
        assert "mention 1/4" in screen.status.detail
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert "mention 3/4" in screen.status.detail
        assert screen.view.is_visible(*screen.finder.mentions.current)
        await pilot.press("left_square_bracket")
        assert "mention 2/4" in screen.status.detail
        await pilot.press("escape")
        assert mention_spans(screen.view) == []


async def test_moving_through_the_entities_pane_highlights_as_you_go(make_app):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        screen = app.screen
        await pilot.press("tab", "down")
        assert screen.finder.entity is not None and screen.finder.entity.name == "Dana Whitlock"
        assert len(mention_spans(screen.view)) == 2
        await pilot.press("j")
        assert screen.finder.entity.name == "Ruth Nance"
        assert app.focused is screen.entities_pane, "browsing keeps the focus in the pane"


async def test_selecting_a_quote_scrolls_to_it_and_highlights_it(make_app):
    app = make_app()
    async with app.run_test(size=(100, 16)) as pilot:
        await loaded(pilot)
        screen = app.screen
        await pilot.press("tab", "tab")
        assert screen.tab == "quotes"
        await pilot.press("down", "down", "down", "enter")
        quote = screen.page.article.quotes[2]
        layer = screen.view._layers["quote"]
        assert (layer.starts, layer.ends) == ([quote.start], [quote.end])
        assert screen.tab == "article"
        assert screen.view.is_visible(quote.start, quote.end)
        assert "unattributed" in screen.status.detail


async def test_i_reveals_the_nearest_entity_or_quote_in_its_pane(make_app):
    app = make_app()
    async with app.run_test(size=(160, 20)) as pilot:
        await loaded(pilot)
        screen = app.screen
        await pilot.press("i")
        # The first thing named on screen is Carrick Quay, in the caption.
        assert app.focused is screen.entities_pane
        highlighted = screen.entities_pane.entities[screen.entities_pane.cursor]
        assert highlighted.name == "Carrick Quay"
        await pilot.press("shift+tab", "G", "k", "k", "k")
        await pilot.press("i")
        assert app.focused in (screen.entities_pane, screen.quotes_pane)


async def test_narrow_terminal_shows_one_pane_at_a_time_with_a_tab_strip(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        tabs = screen.query_one("#tabs")
        assert tabs.display and "Entities 6" in tabs.render().plain
        assert screen.view.display and not screen.query_one("#side").display
        await pilot.press("tab")
        assert not screen.view.display and screen.entities_pane.display and not screen.quotes_pane.display
        await pilot.press("tab")
        assert screen.quotes_pane.display and not screen.entities_pane.display
        await pilot.press("tab")
        assert screen.view.display and app.focused is screen.view
        await pilot.press("p")
        assert not tabs.display, "p hides the tab strip for the most reading room"


async def test_wide_terminal_shows_all_three_panes(make_app):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        screen = app.screen
        assert screen.view.display and screen.entities_pane.display and screen.quotes_pane.display
        assert not screen.query_one("#tabs").display
        assert screen.view.region.width > 80 and screen.entities_pane.region.width > 30
        await pilot.press("p")
        assert not screen.query_one("#side").display
        assert screen.view.region.width == 160


async def test_article_without_entities_says_so(make_app, tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("A short headline\n\nNothing here names anyone at all, it is only about weather.\n")
    app = make_app(path)
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        assert option_texts(app.screen.entities_pane) == ["No people, organisations or places found."]
        assert option_texts(app.screen.quotes_pane) == ["No quotes found."]
        await pilot.press("right_square_bracket")
        assert "choose an entity first" in app.screen.status.message.plain


def _article_with_entity(text: str, name: str) -> Article:
    start = text.index(name)
    return Article(text=text, entities=(Entity(name, "PERSON", (), ((start, start + len(name)),)),))


async def test_the_mouse_works_where_natural(make_app, tmp_path):
    from textual import events

    app = make_app()
    async with app.run_test(size=(160, 24)) as pilot:
        await loaded(pilot)
        screen = app.screen
        view = screen.view
        view.post_message(events.MouseScrollDown(view, 1, 1, 0, 0, 0, False, False, False))
        await pilot.pause()
        assert view.scroll_y > 0, "the wheel scrolls the article"
        await pilot.click("#quotes", offset=(2, 0))
        assert screen.finder.quote is not None, "clicking a quote chooses it"
        # A click on a link's text follows it (here: a relative link, resolved against the page).
        view.scroll_to(y=0, animate=False, immediate=True, force=True)
        await pilot.pause()
        followed = []
        screen.follow_link = followed.append
        for y in range(view.size.height):
            line = view.render_line(y)
            x = 0
            for segment in line:
                if segment.text == "winter timetable":
                    await pilot.click("#article", offset=(x + 2, y))
                    break
                x += segment.cell_length
        await pilot.pause()
        assert followed == [0]
