"""The article laid out in lines: every character in place, nothing wider than
the measure, wide characters counted as the two cells they take."""

from __future__ import annotations

import dataclasses

import pytest
from fixture_articles import ferry_article, long_article, wide_article
from rich.cells import cell_len

from byline.extract import Article, Block, Link, Removed, extract_text
from byline.tui.widgets.article.lines import layout_article, link_numbers


def line_text(line) -> str:
    return "".join(piece.text for piece in line.pieces)


def text_pieces(layout):
    return [piece for line in layout.lines for piece in line.pieces if piece.start >= 0]


@pytest.mark.parametrize("width", [20, 33, 60, 80])
def test_no_line_is_wider_than_the_measure(width):
    for article in (ferry_article(), long_article(5), wide_article()):
        layout = layout_article(article, width)
        for line in layout.lines:
            assert cell_len(line_text(line)) <= width, line_text(line)


@pytest.mark.parametrize("width", [20, 41, 80])
def test_every_word_of_the_text_is_shown_once_in_order(width):
    article = wide_article()
    pieces = text_pieces(layout_article(article, width))
    shown = "".join(article.text[p.start : p.end] for p in pieces)
    assert "".join(shown.split()) == "".join(article.text.split())
    assert [p.start for p in pieces] == sorted(p.start for p in pieces)
    for piece in pieces:
        if piece.text != " ":
            assert piece.text == article.text[piece.start : piece.end]


def test_cjk_wraps_by_cells_and_never_splits_an_emoji():
    article = wide_article()
    layout = layout_article(article, 21)
    cjk_lines = [line_text(l) for l in layout.lines if "港" in line_text(l) or "漁" in line_text(l)]
    assert cjk_lines and all(cell_len(line) <= 21 for line in cjk_lines)
    # Ten ideographs fill twenty cells: a CJK line is nearly full, not cut at a "word".
    assert cell_len(cjk_lines[0]) >= 19
    emoji = "👩‍✈️"
    assert any(emoji in line_text(l) for l in layout.lines), "a ZWJ emoji stays whole on one line"


def test_word_longer_than_the_line_is_broken_not_lost():
    article = extract_text("Title here\n\n" + "x" * 50 + " end.", analyse=False)
    layout = layout_article(article, 20)
    body = [line_text(l) for l in layout.lines if l.role == "paragraph"]
    assert body[:3] == ["x" * 20, "x" * 20, "x" * 10 + " end."]


def test_header_has_title_site_authors_date_and_reading_time():
    layout = layout_article(ferry_article(), 80)
    title, meta = line_text(layout.lines[0]), line_text(layout.lines[1])
    assert title == "Island ferry crews vote to strike over rota changes"
    assert "The Lantern Gazette" in meta and "By Owen Tremayne" in meta
    assert "2025-06-02" in meta and "min read" in meta


def test_block_kinds_get_their_marks():
    layout = layout_article(ferry_article(), 80)
    roles: dict[str, str] = {}
    for line in layout.lines:
        roles.setdefault(line.role, line_text(line))
    assert roles["heading2"] == "Islanders count the cost"
    assert roles["quote"].startswith("│ If the boats stop")
    assert roles["list"].startswith("• ")
    assert roles["caption"].startswith("The Morwenna leaves")


def test_consecutive_list_items_have_no_blank_line_between_them():
    layout = layout_article(ferry_article(), 80)
    roles = [line.role for line in layout.lines]
    first = roles.index("list")
    assert roles[first : first + 3] == ["list", "list", "list"]


def test_links_are_numbered_after_their_anchor_text():
    article = ferry_article()
    assert link_numbers(article) == {0: 1, 1: 2}
    text = "\n".join(line_text(line) for line in layout_article(article, 200).lines)
    assert "winter timetable[1] between" in text
    assert "the Gazette[2]." in text


def test_removed_boilerplate_is_shown_in_place_only_when_asked():
    article = ferry_article()
    hidden = "\n".join(line_text(l) for l in layout_article(article, 80).lines)
    assert "Advertisement" not in hidden
    lines = layout_article(article, 80, show_removed=True).lines
    texts = [line_text(l) for l in lines]
    label = texts.index("✂ removed: ad marker")
    assert texts[label + 1] == "Advertisement"
    # It stands where it was cut: just before the paragraph that followed it.
    following = next(l for l in lines[label + 2 :] if l.role == "paragraph")
    assert article.text[following.start :].startswith("“Nobody wants")


def test_reading_position_maps_to_the_line_that_shows_it():
    article = long_article(20)
    layout = layout_article(article, 40)
    for index, line in enumerate(layout.lines):
        if line.role == "paragraph":
            assert layout.line_for_offset(line.start) == index
            assert layout.line_for_offset(line.end - 1) == index


def test_a_link_inside_a_word_puts_its_number_after_the_anchor():
    text = "Headline of the day\n\nThe ministry's statement was brief."
    base = extract_text(text, analyse=False)
    start = base.text.index("ministry")
    article = dataclasses.replace(
        base, links=(Link("ministry", "https://example.org/m", start, start + len("ministry")),)
    )
    body = [line_text(l) for l in layout_article(article, 80).lines if l.role == "paragraph"]
    assert body == ["The ministry[1]'s statement was brief."]


def test_preformatted_text_keeps_its_lines():
    text = "line one\n  indented two"
    article = Article(text=text, blocks=(Block("pre", 0, len(text)),))
    lines = [line_text(l) for l in layout_article(article, 40).lines if l.role == "pre"]
    assert lines == ["  line one", "    indented two"]


def test_removed_block_at_the_end_is_shown_after_the_text():
    article = Article(
        text="Only paragraph.", blocks=(Block("paragraph", 0, 15),), removed=(Removed("Read more: x", "related links", 15),)
    )
    texts = [line_text(l) for l in layout_article(article, 40, show_removed=True).lines]
    assert texts[-2:] == ["✂ removed: related links", "Read more: x"]
