"""Given a small news page, the reader gets the article and nothing around it."""

from __future__ import annotations

import json

from byline.extract import Article, extract_html, extract_text


def test_html_article_keeps_paragraphs_and_drops_furniture(read_fixture):
    article = extract_html(read_fixture("harbour.html"), url="https://example.org/news/bridge")

    assert article.title == "Harbour bridge to close for six weeks as repairs begin"
    assert article.authors == ("Priya Natarajan",)
    assert article.published == "2025-03-14T08:30:00+00:00"
    assert article.site == "The Coastal Courier"
    assert article.language == "en"
    assert "corroded steel bearings" in article.text
    assert "People just stop coming this side of the water" in article.text
    for furniture in ("Advertisement", "Share on Facebook", "Related stories", "Post Comment", "newsletter"):
        assert furniture not in article.text, furniture
    reasons = {r.reason for r in article.removed}
    assert {"repeated headline", "byline", "newsletter"} <= reasons


def test_caption_is_in_text_but_not_in_body(read_fixture):
    article = extract_html(read_fixture("harbour.html"))

    captions = [b for b in article.blocks if b.kind == "caption"]
    assert captions, "the figure caption is kept as a caption block"
    caption_text = article.block_text(captions[0])
    assert "Engineers inspect" in caption_text
    assert "Engineers inspect" not in article.body


def test_offsets_point_into_text(read_fixture):
    article = extract_html(read_fixture("harbour.html"), url="https://example.org/news/bridge")

    for block in article.blocks:
        assert article.text[block.start : block.end].strip()
    link = next(link for link in article.links if "programme" in link.text)
    assert article.text[link.start : link.end] == link.text
    assert link.url == "https://example.org/council/bridges-plan"
    for removed in article.removed:
        assert 0 <= removed.at <= len(article.text)


def test_json_round_trip(read_fixture):
    article = extract_html(read_fixture("harbour.html"))

    data = json.loads(json.dumps(article.to_dict()))
    assert Article.from_dict(data) == article


def test_plain_text_title_only_when_first_line_is_a_headline():
    headline = extract_text("Storm closes ferry routes\n\nFerries between the islands were cancelled on Friday as winds reached 70mph.")
    lede = extract_text("Ferries between the islands were cancelled on Friday.\n\nThe operator said services would resume on Saturday morning.")

    assert headline.title == "Storm closes ferry routes"
    assert headline.text.startswith("Ferries between")
    assert lede.title is None
    assert lede.text.startswith("Ferries between the islands were cancelled on Friday.")


def test_plain_text_ad_lines_are_removed_with_their_reason():
    article = extract_text(
        "Council backs new library\n\nThe council voted on Tuesday to fund a new library in the town centre.\n\n"
        "Story continues below this ad\n\nWork is due to start next spring, the council said.\n\n"
        "Latest Comment\nPost Comment\nAdvertisement"
    )

    assert "Story continues" not in article.text
    assert "Post Comment" not in article.text
    assert [r.reason for r in article.removed] == ["ad marker", "comments", "comments", "ad marker"]
    assert article.removed[0].at == article.text.index("Work is due")


def test_article_url_is_the_page_and_relative_links_resolve_against_it():
    article = extract_html(
        "<html><body><article><p>The council published <a href='/plans/bridges'>its plan</a> on Monday, "
        "and residents have until the end of the month to respond to it in writing.</p>"
        "<p>A public meeting will be held at the town hall next Thursday evening, the council said.</p>"
        "</article></body></html>",
        url="https://news.example/local/story",
        analyse=False,
    )

    assert article.url == "https://news.example/local/story"
    assert [link.url for link in article.links] == ["https://news.example/plans/bridges"]


def test_entities_and_quotes_read_so_far_say_what_was_left_unread():
    from byline.extract import annotate

    paragraph = "“We will reopen the pier,” said Mayor Ana Lopez on Tuesday in Port Avery after the storm."
    article = extract_text("\n\n".join(f"{paragraph} Day {n}." for n in range(10)), analyse=False)

    annotated = annotate(article, words=60)

    assert 1 <= len(annotated.quotes) < 10
    assert any("the rest, from character" in warning and "was not read" in warning for warning in annotated.warnings)
    # Read whole, nothing is lost and nothing needs saying.
    whole = annotate(article, words=None)
    assert len(whole.quotes) == 10 and not whole.warnings


def test_a_long_text_annotated_in_growing_slices_ends_with_the_whole():
    from byline.extract.pipeline import annotate, annotate_slices

    paragraph = "“We will reopen the pier,” said Mayor Ana Lopez on Tuesday in Port Avery after the storm."
    article = extract_text("\n\n".join(f"{paragraph} Day {n}." for n in range(40)), analyse=False)

    slices = list(annotate_slices(article, first_words=100))

    assert len(slices) >= 3
    counts = [len(s.quotes) for s in slices]
    assert counts == sorted(counts) and counts[-1] == 40
    assert all(s.warnings for s in slices[:-1]) and not slices[-1].warnings
    assert slices[-1] == annotate(article, words=None)
