"""Properties over any input: extraction returns an Article or raises an
ExtractError — never another exception — and every Article
it returns keeps the documented contract (offsets slice ``text``, the JSON
shape, no control characters).

The examples mix article sentences with tag soup, entities, control and
bidi characters, lone surrogates and raw bytes. Profiles live in conftest:
"ci" (the default) runs 60 examples per property. How long the slowest
examples take is bench/hostile.py's figure.
"""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st
from pages import PARAGRAPHS

from byline.extract import Article, ExtractError, extract_html, extract_text
from byline.extract.article import BLOCK_KINDS, BLOCK_SEPARATOR
from byline.extract.sanitize import clean_inline, has_controls

TAGS = (
    "html head body title meta p div span a b i em strong h1 h2 h3 ul ol li table tr td blockquote "
    "figure figcaption pre code script style noscript template svg math form input select option "
    "textarea iframe article section nav header footer aside main br hr img"
).split()
ATTRIBUTES = "class id href src content name property charset type lang dir itemprop rel".split()
ODDITIES = (
    "&amp;", "&#0;", "&#x1b;", "&#x9b;", "&#x202e;", "&bogus;", "&#99999999;", "&#x110000;", "&nbsp;",
    "<!--", "-->", "<![CDATA[", "]]>", "<?xml version='1.0' encoding='utf-8'?>", "<!DOCTYPE html>",
    "\x00", "\x1b[2J", "\x1b]52;c;eA==\x07", "\x9b31m", "\u202e", "\u2066", "\r\n", "\r", "\u2028",
    "\ud800", "\ufeff", "[bold red]", "[/]", "[link=file:///etc/passwd]", '"', "'", "<", ">", "&",
    '<script type="application/ld+json">{"@type":"NewsArticle","headline":', '<meta charset="utf-16">',
    '<meta property="og:title" content="', '<a href="javascript:alert(1)">', "<p><p><p>",
)
# Any code point, lone surrogates included.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=80)

FRAGMENT = st.one_of(
    st.sampled_from(TAGS).map(lambda tag: f"<{tag}>"),
    st.sampled_from(TAGS).map(lambda tag: f"</{tag}>"),
    st.builds(
        lambda tag, name, value: f'<{tag} {name}="{value}">',
        st.sampled_from(TAGS), st.sampled_from(ATTRIBUTES), ANY_TEXT,
    ),
    st.sampled_from(ODDITIES),
    st.sampled_from(PARAGRAPHS),
    ANY_TEXT,
)
HTML = st.lists(FRAGMENT, max_size=80).map("".join)
DEEP = st.builds(
    lambda tag, depth, text: f"<html><body>{f'<{tag}>' * depth}<p>{text}</p></body></html>",
    st.sampled_from(["div", "span", "b", "section", "li", "table", "td", "blockquote", "font", "a"]),
    st.integers(200, 4000),
    st.sampled_from(PARAGRAPHS),
)
DOCUMENTED_KEYS = {
    "source", "url", "title", "authors", "published", "site", "language", "words",
    "text", "blocks", "removed", "links", "entities", "quotes", "warnings",
}


def extract(function, value):  # type: ignore[no-untyped-def]
    try:
        result = function(value)
    except ExtractError as exc:
        result = exc
    if isinstance(result, ExtractError):
        assert str(result) and "\n" not in str(result) and not has_controls(str(result))
    else:
        assert_keeps_the_contract(result)
    return result


def assert_keeps_the_contract(article: Article) -> None:
    text = article.text
    assert not has_controls(text)
    pieces = []
    previous_end = -len(BLOCK_SEPARATOR)
    for block in article.blocks:
        assert block.kind in BLOCK_KINDS
        assert 0 <= block.start < block.end <= len(text)
        assert block.start == previous_end + len(BLOCK_SEPARATOR), "blocks are joined by one blank line"
        previous_end = block.end
        pieces.append(text[block.start : block.end])
    assert BLOCK_SEPARATOR.join(pieces) == text
    for link in article.links:
        assert 0 <= link.start < link.end <= len(text)
        assert clean_inline(text[link.start : link.end]) == link.text
        assert not has_controls(link.url)
    for removed in article.removed:
        assert 0 <= removed.at <= len(text)
        assert not has_controls(removed.text)
    for entity in article.entities:
        assert all(0 <= start < end <= len(text) for start, end in entity.mentions)
    for quote in article.quotes:
        assert text[quote.start : quote.end] == quote.text
    for field in (article.title, article.site, article.published, *article.authors):
        assert field is None or (not has_controls(field) and "\n" not in field)

    data = article.to_dict()
    assert set(data) == DOCUMENTED_KEYS
    assert isinstance(data["words"], int) and isinstance(data["text"], str)
    assert all(isinstance(data[key], list) for key in ("authors", "blocks", "removed", "links", "entities", "quotes"))
    assert all(set(b) <= {"kind", "start", "end", "level"} for b in data["blocks"])
    assert all(set(r) == {"text", "reason", "at"} for r in data["removed"])
    assert all(set(link) == {"text", "url", "start", "end"} for link in data["links"])
    round_trip = json.loads(json.dumps(data, ensure_ascii=False))
    assert Article.from_dict(round_trip) == article


@given(HTML)
def test_any_html_string_gives_an_article_or_an_extract_error(html):
    extract(extract_html, html)


@given(st.binary(max_size=4000) | HTML.map(lambda html: html.encode("utf-8", "surrogatepass")))
def test_any_bytes_give_an_article_or_an_extract_error(data):
    extract(extract_html, data)


@given(st.lists(st.one_of(ANY_TEXT, st.sampled_from(PARAGRAPHS), st.sampled_from(ODDITIES)), max_size=40).map("\n".join))
def test_any_text_gives_an_article_or_an_extract_error(text):
    extract(extract_text, text)


@given(DEEP)
def test_deeply_nested_text_is_kept(html):
    article = extract(extract_html, html)
    assert isinstance(article, Article)
    assert html.split("<p>")[1].split("</p>")[0] in article.text
