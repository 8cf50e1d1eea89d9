"""Stage 4: main-content HTML becomes blocks a reader recognises, links kept in place."""

from __future__ import annotations

from byline.extract.blocks import CELL_SEPARATOR, html_blocks


def kinds_and_texts(fragment: str) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in html_blocks(fragment)]


def test_each_element_becomes_the_block_a_reader_expects():
    blocks = kinds_and_texts(
        "<div><h2>Why it matters</h2><p>The council voted.</p>"
        "<blockquote><p>We will not wait.</p></blockquote>"
        "<ul><li>First point</li><li>Second point</li></ul>"
        "<figure><img src=a.jpg><figcaption>A bridge at dusk</figcaption></figure>"
        "<pre>x = 1\n  y = 2</pre></div>"
    )

    assert blocks == [
        ("heading", "Why it matters"),
        ("paragraph", "The council voted."),
        ("quote", "We will not wait."),
        ("list", "First point"),
        ("list", "Second point"),
        ("caption", "A bridge at dusk"),
        ("pre", "x = 1\n  y = 2"),
    ]


def test_heading_level_is_kept():
    (block,) = html_blocks("<h3>Buses and ferries</h3>")

    assert (block.kind, block.level) == ("heading", 3)


def test_inline_markup_keeps_the_spacing_the_page_has_and_collapses_runs():
    (block,) = html_blocks("<p>The <b>Kestrel</b> <i>Street</i>   bridge\n closes on <em>Mon</em>day.</p>")

    assert block.text == "The Kestrel Street bridge closes on Monday."


def test_one_line_break_is_a_line_and_two_are_a_paragraph_break():
    blocks = kinds_and_texts("<div>First line<br>second line<br><br>Next paragraph</div>")

    assert blocks == [("paragraph", "First line\nsecond line"), ("paragraph", "Next paragraph")]


def test_link_offsets_point_at_the_anchor_text():
    (block,) = html_blocks('<p>Read the <a href="https://example.org/report">council report</a> online.</p>')

    ((start, end, url),) = block.links
    assert block.text[start:end] == "council report"
    assert url == "https://example.org/report"
    assert 0 < block.link_density < 0.5


def test_a_link_wrapping_a_teaser_card_covers_each_of_its_blocks():
    blocks = html_blocks('<div><a href="/news/1"><h3>STORM WATCH</h3><p>Schools close early as snow moves in</p></a></div>')

    assert [b.text for b in blocks] == ["STORM WATCH", "Schools close early as snow moves in"]
    assert all(b.link_density == 1.0 for b in blocks)


def test_a_data_table_row_is_one_block_with_its_cells_separated():
    blocks = html_blocks(
        "<table><tr><th>District</th><th>Routes cut</th></tr><tr><td>Ashford</td><td>4</td></tr></table>"
    )

    assert [b.text for b in blocks] == [f"District{CELL_SEPARATOR}Routes cut", f"Ashford{CELL_SEPARATOR}4"]
    assert all(b.row for b in blocks)


def test_a_layout_table_keeps_its_paragraphs_apart():
    blocks = html_blocks("<table><tr><td><p>First paragraph.</p><p>Second paragraph.</p></td><td><p>Side.</p></td></tr></table>")

    assert [b.text for b in blocks] == ["First paragraph.", "Second paragraph.", "Side."]
    assert not any(b.row for b in blocks)


def test_a_credit_span_is_not_glued_to_its_caption():
    (block,) = html_blocks(
        '<figcaption><span>Crowds on the quay</span><span class="article__credit">Credit: Jo Bell</span></figcaption>'
    )

    assert block.text == "Crowds on the quay Credit: Jo Bell"


def test_class_words_of_the_element_and_its_ancestors_are_kept_as_hints():
    (block,) = html_blocks('<div class="share-tools"><p id="Share-Label">Share</p></div>')

    assert "share-tools" in block.hints and "share-label" in block.hints


def test_control_characters_are_removed_and_link_offsets_stay_true():
    (block,) = html_blocks('<p>Alert\x1b[31m \x07text <a href="/x">the\x9b link\u202e</a> end</p>')

    assert block.text == "Alert[31m text the link end"
    ((start, end, _),) = block.links
    assert block.text[start:end] == "the link"


def test_scripts_styles_and_forms_leave_no_text():
    blocks = kinds_and_texts("<div><script>var a = 1;</script><style>p{}</style><button>Go</button><p>Text.</p></div>")

    assert blocks == [("paragraph", "Text.")]


def test_empty_or_unparseable_fragments_give_no_blocks():
    assert html_blocks("") == []
    assert html_blocks("   ") == []


def test_an_unclosed_link_does_not_turn_the_story_into_link_text():
    story = "".join(f"<p>Paragraph {n} of the story, long enough to be a real paragraph of news text.</p>" for n in range(8))
    blocks = html_blocks(f'<div><a href="/home">Home{story}</div>')

    assert all(b.link_density == 0 for b in blocks[1:])
