"""Plain text in: paragraphs, a title only when the first line is a headline,
and the same boilerplate removal as HTML."""

from __future__ import annotations

import pytest

from byline.extract import NotAnArticle, extract_text
from byline.extract.plaintext import is_headline, text_blocks


def test_saved_article_comes_out_clean(read_fixture):
    article = extract_text(read_fixture("ferry-strike.txt"), analyse=False)

    assert article.title == "Island ferry crews walk out over rota changes"
    kinds = [b.kind for b in article.blocks]
    assert kinds[:2] == ["paragraph", "caption"], "standfirst, then the photo caption"
    assert article.text.startswith("Thousands of passengers face cancelled sailings")
    assert "Colm Ferris" in article.body and "Isle Link" in article.body
    assert "Passengers queue at Kellan pier" not in article.body
    for furniture in ("Premium", "Story continues", "Advertisement", "Click here", "Comment"):
        assert furniture not in article.text, furniture
    assert [r.reason for r in article.removed] == [
        "paywall", "ad marker", "ad marker", "share prompt", "comments", "comments", "comments", "ad marker",
    ]


def test_hard_wrapped_lines_become_one_paragraph(read_fixture):
    article = extract_text(read_fixture("ferry-strike.txt"), analyse=False)

    assert "strike at midnight on Friday, cancelling every sailing between the island" in article.text


def test_text_that_begins_with_the_lede_keeps_it(read_fixture):
    article = extract_text(read_fixture("lede-first.txt"), analyse=False)

    assert article.title is None
    assert article.text.startswith("The county's only maternity unit will stay open")
    assert len(article.blocks) == 3


@pytest.mark.parametrize(
    ("first", "headline"),
    [
        ("Storm closes ferry routes", True),
        ("Russia proposes June 2 for peace talks, Trump says can sit ‘if necessary’", True),
        ("Ferries were cancelled on Friday.", False),
        ("the operator said services would resume", False),
        ("Lone", False),
    ],
)
def test_first_line_is_a_title_only_when_it_reads_as_a_headline(first, headline):
    assert is_headline(first, ["More text follows here."]) is headline


def test_a_lone_line_is_never_its_own_title():
    article = extract_text("Storm closes ferry routes", analyse=False)

    assert article.title is None and article.text == "Storm closes ferry routes"


def test_removed_lines_stand_where_they_were():
    article = extract_text(
        "Council backs new library\n\nThe council voted on Tuesday to fund a new library in the town centre.\n\n"
        "Advertisement\n\nWork is due to start next spring, the council said.",
        analyse=False,
    )

    (removed,) = article.removed
    assert removed.at == article.text.index("Work is due")


def test_markdown_headings_quotes_and_lists_are_recognised():
    blocks = text_blocks("# Title line\n\n## Section\n\n> A quoted line\n> continues\n\n- a bullet\n\n2. Never urged an inquiry")

    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Title line"),
        ("heading", "Section"),
        ("quote", "A quoted line\ncontinues"),
        ("list", "a bullet"),
        ("list", "2. Never urged an inquiry"),
    ]


def test_a_short_line_between_paragraphs_is_a_subheading():
    article = extract_text(
        "The talks ended without agreement on Friday, officials from both sides said.\n\n"
        "What happens next\n\n"
        "Negotiators are due to meet again in Geneva on Monday, the foreign ministry said.",
        analyse=False,
    )

    assert [b.kind for b in article.blocks] == ["paragraph", "heading", "paragraph"]


def test_one_paragraph_per_line_when_there_are_no_blank_lines():
    article = extract_text("First paragraph of the story.\nSecond paragraph of the story.\nThird one.", analyse=False)

    assert len(article.blocks) == 3


def test_control_characters_never_reach_the_text_or_the_title():
    article = extract_text("Storm \x1b[31mcloses\x07 routes\u202e\n\nFerries were \x9bcancelled on Friday.\r\nMore later.", analyse=False)

    assert article.title == "Storm [31mcloses routes"
    for char in "\x1b\x07\x9b\u202e\r":
        assert char not in article.text and char not in (article.title or "")


def test_only_furniture_is_not_an_article():
    with pytest.raises(NotAnArticle, match="only page furniture"):
        extract_text("Advertisement\n\nPost Comment\n\nRead Comments")
