"""Article text is data: markup-looking text shows as written, everywhere."""

from __future__ import annotations

import dataclasses

from fixture_articles import annotate_by_hand
from reader_helpers import loaded, visible_text, wait_until

from byline import extract
from byline.extract import Link, extract_text

MARKUP_TEXT = (
    "[bold red]Not bold[/bold red] said the headline\n\n"
    "Officials from [link=https://evil.example]Acme [b]Corp[/b][/link] said "
    "“[i]this is not italic[/i] and $variable is not a theme variable,” "
    "according to [@click=app.quit]Jane [Smith][/]."
)


def markup_article():
    article = extract_text(MARKUP_TEXT, analyse=False)
    start = article.text.index("Acme [b]Corp[/b]")
    link = Link("Acme [b]Corp[/b]", "https://example.org/acme", start, start + len("Acme [b]Corp[/b]"))
    article = dataclasses.replace(article, links=(link,))
    return annotate_by_hand(
        article,
        {"Acme [b]Corp[/b]": ("ORG", ()), "[@click=app.quit]Jane [Smith][/]": ("PERSON", ())},
        ["[@click=app.quit]Jane [Smith][/]"],
    )


async def test_markup_in_the_article_is_shown_literally_everywhere(tmp_path, monkeypatch):
    from byline.tui.app.app import BylineApp
    from byline.tui.screens.reader.loading import Request

    article = markup_article()
    monkeypatch.setattr(extract, "annotate", lambda _article, ner="rules": article)
    request = Request("markup.txt", article=dataclasses.replace(article, entities=(), quotes=()))
    app = BylineApp(request=request)
    async with app.run_test(size=(160, 40)) as pilot:
        await loaded(pilot)
        screen = app.screen
        text = " ".join(" ".join(visible_text(screen.view)).split())
        assert "[bold red]Not bold[/bold red] said the headline" in text
        assert "[link=https://evil.example]Acme [b]Corp[/b][1][/link]" in text
        assert "[i]this is not italic[/i]" in text and "$variable" in text
        entities = screen.entities_pane.item_texts()
        assert "Acme [b]Corp[/b]  1" in entities
        assert "[@click=app.quit]Jane [Smith][/]  1" in entities
        quotes = screen.quotes_pane.item_texts()
        assert quotes[0].startswith("[@click=app.quit]Jane [Smith][/] — “[i]this is not italic[/i]")
        # Choosing the entity whose name looks like an action runs nothing.
        await pilot.press("tab", "down", "enter")
        assert app.is_running
        assert "[@click=app.quit]Jane [Smith][/]" in screen.status.detail
        await pilot.press("f")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "LinksDialog")
        links = app.screen.query_one("#links")
        assert "[1] Acme [b]Corp[/b]" in str(links.get_option_at_index(0).prompt)


async def test_search_for_markup_is_literal(make_app, tmp_path):
    path = tmp_path / "markup.txt"
    path.write_text(MARKUP_TEXT)
    app = make_app(path)
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("slash", *"[/b]", "enter")
        assert app.screen.status.detail == "match 1/1"
        assert "/[/b]" in app.screen.status.message.plain


async def test_no_color_keeps_highlights_visible_by_text_style(make_app, monkeypatch):
    from textual.filter import NoColor

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        assert any(isinstance(f, NoColor) for f in app.get_line_filters())
        await pilot.press("tab", "down")  # highlight Dana Whitlock's mentions
        view = app.screen.view
        start, end = view._layers["mentions"].starts[0], view._layers["mentions"].ends[0]
        name = view.article.text[start:end]
        styles = [
            seg.style
            for y in range(view.size.height)
            for seg in view.render_line(y)
            if seg.text == name
        ]
        assert styles and all(s.bold and s.underline for s in styles)
        frame = app.export_screenshot()
        assert "Dana" in frame
