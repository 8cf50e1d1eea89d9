"""Pages of kinds the shared bench lacks (written for these tests, under
tests/fixtures/pages/): what a reader of each sees, and what they do not."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from byline.extract import NotAnArticle, TooLarge, extract_html
from byline.extract.blocks import Candidate
from byline.extract.decode import decode
from byline.extract import FrontPage
from byline.extract.markup import MAX_ATTRIBUTES, MAX_PAGE_ATTRIBUTES, prepare
from byline.extract.metadata import html_metadata, parse_document
from byline.extract.safeguard import hold
PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
URL = "https://example.org/2025/story"


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def read(name: str):
    return extract_html(page(name), url=URL, analyse=False)


def test_a_recipe_keeps_every_headed_list_and_drops_the_related_links():
    article = read("recipe-lists.html")

    for line in ("120 g pearl barley, rinsed", "A sieve for rinsing the barley", "Season well, stir in the parsley and serve with bread"):
        assert line in article.body
    assert [article.block_text(b) for b in article.blocks if b.kind == "heading"] == ["Ingredients", "Equipment", "Method"]
    assert sum(b.kind == "list" for b in article.blocks) == 14
    assert "Quick soda bread" not in article.text


def test_a_short_post_above_a_long_comment_thread_is_the_post_whole():
    article = read("comment-thread.html")

    assert article.body.startswith("Several of you have asked why the main gate")
    assert "Visitors will need to ring the number on the gate" in article.body
    assert "Thanks for explaining this" not in article.text
    assert article.authors == ("Ivor Pengelly",)
    assert article.published == "2025-06-08T18:00:00+01:00"


def test_a_german_blog_post_is_read_not_refused():
    article = read("german-blog.html")

    assert article.title == "Unser Balkon im dritten Jahr: was wächst, was nicht"
    assert article.authors == ("Hannelore Brix",)
    assert article.published == "2025-05-12"
    assert article.language == "de"
    assert article.body.startswith("Im dritten Jahr auf dem Balkon")
    assert "Bohnen an einem Rankgitter" in article.body
    for furniture in ("12. Mai 2025 von", "Teilen", "Kommentare", "Newsletter", "Neueste Beiträge"):
        assert furniture not in article.text, furniture


def test_a_forum_thread_keeps_every_post_under_the_topic_title():
    article = read("forum-thread.html")

    assert article.title == "Chain keeps slipping on the smallest sprocket"
    for post in ("My commuter bike has started skipping", "Measure the chain first", "I borrowed a checker",
                 "At that wear the smallest two", "New chain and cassette fitted"):
        assert post in article.body, post
    for furniture in ("Post Reply", "Board index", "Return to"):
        assert furniture not in article.text, furniture


def test_a_front_page_of_teasers_is_said_to_be_one_and_offers_its_links():
    with pytest.raises(FrontPage) as caught:
        read("front-page.html")

    error = caught.value
    assert isinstance(error, NotAnArticle) and error.exit_code == 4
    assert str(error) == "a front page: 70 links"
    assert len(error.links) == 70
    text, url = error.links[0]
    assert text.startswith("Harbour board") or text.split()[0] in page("front-page.html")
    assert url.startswith("https://example.org/news/2025/100/")
    assert all(link_url.startswith("https://example.org/news/") for _, link_url in error.links)


def test_an_article_beside_many_teasers_is_still_an_article():
    teasers = "".join(f"<li><a href='/s/{i}'>Another headline about the harbour number {i}</a></li>" for i in range(40))
    html = page("visible-byline.html").replace('<div class="footer">', f"<ul class='more'>{teasers}</ul><div class='footer'>")

    assert "curlews" in read_html(html).body


def read_html(html: str):
    return extract_html(html, url=URL, analyse=False)


def test_formulas_are_kept_as_readable_text():
    body = read("formulas.html").body

    assert "its area is 40×25=1000 square metres" in body
    assert "a radius of r=12.5 metres" in body
    assert "the area of a whole circle is πr^2, so half" in body
    assert "with 245/1000, which is just under a quarter" in body
    assert "  " not in body


def test_hidden_decoration_player_dialogs_variants_and_prompts_are_gone():
    article = read("player-and-prompts.html")
    text = article.text

    assert text.startswith("A grey seal pup found exhausted")  # not "AA grey": the drop cap's copy is aria-hidden
    for chrome in ("modal window", "dialog window", "Transparency", "Semi-Transparent"):
        assert chrome not in text, chrome
    assert text.count("Pebble reaches the water") == 1
    for prompt in ("Like this story?", "Gefällt Ihnen", "Vous avez aimé", "Abonnieren Sie", "Like this:", "Like Loading"):
        assert prompt not in text, prompt
    assert "never taken in so many pups" not in text  # a related post's excerpt
    assert "“She went straight in and did not look back,” said Elin Morgan" in article.body
    assert article.published is None  # the related post's date is not this story's


def test_an_embedded_social_post_stays_in_the_article():
    tweet = (
        '<blockquote class="twitter-tweet"><p lang="en">The ferry is back on the water this morning, '
        "right on time for the first crossing.</p>&mdash; Wrenhaven Ferries (@wrenferries) "
        '<a href="https://twitter.com/wrenferries/status/1">March 3, 2025</a></blockquote>'
    )
    html = page("visible-byline.html").replace("<p>Counts at the high-tide", tweet + "<p>Counts at the high-tide")

    assert "The ferry is back on the water this morning" in read_html(html).body


def test_json_ld_in_cdata_multi_name_properties_and_surname_initial_authors():
    article = read("metadata-cdata.html")

    assert article.title == "Tide gauge shows the estuary rising faster than forecast"
    assert article.authors == ("Okafor, C.", "Lindqvist, M.")
    assert article.published == "2025-02-19T11:30:00+00:00"
    assert article.site == "Estuary Science Notes"


@pytest.mark.parametrize("wrapper", [("//<![CDATA[", "//]]>"), ("/*<![CDATA[*/", "/*]]>*/"), ("<!--", "-->"), ("", ";")])
def test_json_ld_is_read_through_its_wrapper(wrapper):
    opening, closing = wrapper
    html = (
        '<html><head><script type="application/ld+json">' + opening
        + '{"@type": "NewsArticle", "headline": "Pier reopens", "datePublished": "2025-04-01"}'
        + closing + "</script></head><body></body></html>"
    )
    meta = html_metadata(parse_document(html))
    assert (meta.title, meta.published) == ("Pier reopens", "2025-04-01")


def test_two_author_tags_name_two_authors():
    html = '<html><head><meta name="author" content="Ana Roe"><meta name="author" content="Jo Vale"></head><body></body></html>'
    assert html_metadata(parse_document(html)).authors == ("Ana Roe", "Jo Vale")


def test_a_visible_byline_names_the_author_and_the_site_chrome_h1_is_not_the_title():
    article = read("visible-byline.html")

    assert article.title == "Curlews return a fortnight early to the mudflats"
    assert article.authors == ("Rhiannon Price",)
    assert article.published == "2025-03-03"
    assert "By Rhiannon Price" not in article.text


LATIN1_LABELS = ["ISO-8859-1", "latin1", "l1", "cp819", "iso_8859-1", "IBM819", "csisolatin1"]


@pytest.mark.parametrize("label", LATIN1_LABELS)
def test_a_latin1_label_is_read_as_windows_1252_as_browsers_do(label):
    data = (PAGES / "latin1-label.html").read_bytes()
    from_meta = decode(data.replace(b"ISO-8859-1", label.encode()))[0]
    from_header = decode(data.replace(b"charset=ISO-8859-1", b""), label)[0]

    for text in (from_meta, from_header):
        body = extract_html(text, analyse=False).body
        assert "“People arrive cross and late, or they don’t arrive at all,” said Ros Penhallow" in body
        assert "a mile out of town – and that takings" in body
        assert not any("\x80" <= ch <= "\x9f" for ch in text)


def attribute_bomb(count: int, elements: int = 1) -> str:
    attributes = " ".join(f'a{i}="1"' for i in range(count))
    story = "The council met on Tuesday and voted to keep the ferry running all winter. " * 8
    cards = f"<p {attributes}>{story}</p>" * elements
    return f"<html><head><title>Ferry vote</title></head><body><article><h1>Ferry vote</h1>{cards}<p>{story}</p></article></body></html>"


def test_an_element_with_200000_attributes_keeps_its_first_few_and_its_text():
    prepared = prepare(attribute_bomb(200_000))

    counts = [len(element.attrib) for element in prepared.root.iter()]
    assert max(counts) == MAX_ATTRIBUTES  # the parser was never handed more than this on one element
    assert len(lxml.html.document_fromstring(prepared.html).find(".//p").attrib) == MAX_ATTRIBUTES
    assert prepared.warnings and f"first {MAX_ATTRIBUTES}" in prepared.warnings[0]


def test_a_quoted_bracket_does_not_hide_an_elements_attributes():
    for bracket in (">", "<"):
        html = attribute_bomb(5_000).replace("<p a0", f'<p title="{bracket}" a0')
        assert max(len(element.attrib) for element in prepare(html).root.iter()) <= MAX_ATTRIBUTES


def test_the_attribute_bomb_page_is_extracted_with_a_warning():
    article = extract_html(attribute_bomb(200_000), analyse=False)

    assert article.body.startswith("The council met on Tuesday")
    assert any("attributes" in warning for warning in article.warnings)


def test_a_page_with_too_many_attributes_in_all_is_refused():
    with pytest.raises(TooLarge, match="attributes"):
        prepare(attribute_bomb(MAX_ATTRIBUTES, elements=MAX_PAGE_ATTRIBUTES // MAX_ATTRIBUTES + 1))


def _block(index: int, text: str, kind: str = "paragraph") -> Candidate:
    return Candidate(kind=kind, text=text, index=index)


def test_the_safeguard_puts_back_what_structural_rules_took_from_most_of_the_text():
    intro = _block(0, "These are the tools I reach for every week in the workshop, with a line on each.")
    items = [_block(i, f"Tool number {i}, a sturdy thing that has lasted me many years of weekend work.", "list") for i in range(1, 9)]
    label = _block(9, "Share this")
    blocks = [intro, *items, label]
    removed = [(item, "link list") for item in items] + [(label, "share prompt")]

    kept, still_removed, held = hold(blocks, [intro], removed)

    assert held
    assert kept == [intro, *items]
    assert still_removed == [(label, "share prompt")]


def test_the_safeguard_lets_small_structural_cuts_stand():
    paragraphs = [_block(i, "A full paragraph of the story that a reader came for, long enough to count for something here.") for i in range(6)]
    related = _block(6, "Related: another story", "list")

    kept, removed, held = hold([*paragraphs, related], paragraphs, [(related, "link list")])

    assert not held and kept == paragraphs and removed == [(related, "link list")]


def test_a_poem_of_short_unpunctuated_lines_is_not_cut_to_its_introduction():
    # Each line alone looks like a widget label after the last "real" paragraph;
    # together they are most of what readability kept, so the safeguard keeps them.
    article = read("poem-post.html")

    assert "I wrote this on the sea wall last November" in article.body
    assert "The water leaves without a word" in article.body
    assert article.body.endswith("across the sand, across the foam")
    assert article.removed == ()


def test_an_author_given_by_reference_into_the_json_ld_graph_is_named():
    graph = (
        '{"@context": "https://schema.org", "@graph": ['
        '{"@type": "Article", "headline": "Pier reopens", "author": {"@id": "https://example.org/#/person/1"}},'
        '{"@type": "Person", "@id": "https://example.org/#/person/1", "name": "Ana Roe"}]}'
    )
    html = f'<html><head><script type="application/ld+json">{graph}</script></head><body></body></html>'
    assert html_metadata(parse_document(html)).authors == ("Ana Roe",)


def test_an_author_element_naming_two_people_names_both():
    html = '<html><body><span class="author">Ana Roe and Jo T. Vale</span><p>Text.</p></body></html>'
    assert html_metadata(parse_document(html)).authors == ("Ana Roe", "Jo T. Vale")
