"""What lxml would lose, found before it parses: NUL bytes, XML declarations,
lone surrogates, and nesting past libxml2's 255 levels."""

from __future__ import annotations

import lxml.html
import pytest
from pages import ARTICLE, PARAGRAPHS

from byline.extract import TooLarge, extract_html
from byline.extract.markup import MAX_ELEMENTS, prepare

DEEP = "Deep words are here, and they must survive the flattening."
# (opening markup repeated, closing markup repeated): patterns that nest differently.
NESTINGS = {
    "div": ("<div>", "</div>"), "unclosed b": ("<b>", ""), "p then div": ("<p><div>", ""),
    "ul li": ("<ul><li>", ""), "tables": ("<table><tr><td>", ""),
    "spans": ("<span>", "</span>"), "font": ("<font>", ""), "definition lists": ("<dl><dd>", ""),
    "select": ("<select><option>", ""), "blockquote": ("<blockquote>", ""), "i b": ("<i><b>", "</i>"),
    "custom elements": ("<x-card>", "</x-card>"), "svg groups": ("<svg><g>", ""), "headings": ("<h2>", ""),
}


def _text(html: str) -> str:
    return lxml.html.document_fromstring(html).text_content()


@pytest.mark.parametrize("depth", [300, 5000])
@pytest.mark.parametrize("pattern", NESTINGS, ids=list(NESTINGS))
def test_text_nested_past_lxmls_limit_survives(pattern, depth):
    opening, closing = NESTINGS[pattern]
    html = f"<html><body><p>Start.</p>{opening * depth}<p>{DEEP}</p>{closing * depth}<p>End words.</p></body></html>"
    assert DEEP not in _text(html)  # what lxml alone does

    prepared = prepare(html)

    assert DEEP in _text(prepared.html) and "End words." in _text(prepared.html)
    assert prepared.warnings and "flattened" in prepared.warnings[0]


def test_markup_lxml_closes_itself_is_not_flattened():
    # A new <a> or <form> closes the open one, in lxml as in browsers: no depth, no warning.
    html = f"<html><body>{'<a href=x>link ' * 400}{'<form>' * 400}<p>{DEEP}</p></body></html>"
    assert prepare(html).warnings == ()


def test_deep_paragraphs_stay_apart_and_in_order():
    html = "<html><body>" + "<div>" * 3000 + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>" * 3000 + "</body></html>"
    article = extract_html(html)
    assert article.text == "\n\n".join(PARAGRAPHS)
    assert any("3003 levels" in warning for warning in article.warnings)


def test_an_ordinary_page_is_left_alone():
    prepared = prepare(ARTICLE)
    assert prepared.html == ARTICLE and prepared.warnings == ()


def test_markup_inside_comments_and_scripts_is_not_counted_as_nesting():
    html = ARTICLE.replace("<main>", "<main><!--" + "<div>" * 1000 + "--><script>var s = '" + "<div>" * 1000 + "';</script>")
    assert prepare(html).warnings == ()


def test_a_nul_byte_no_longer_ends_the_page():
    html = ARTICLE.replace("</p>", "\x00</p>", 1)
    assert PARAGRAPHS[-1] in extract_html(html).text


def test_an_xml_declaration_no_longer_hides_the_metadata():
    html = '<?xml version="1.0" encoding="utf-8"?>\n' + ARTICLE
    assert extract_html(html).title == "Tollmere ferry cuts early and late crossings for engine repair"


def test_a_lone_surrogate_becomes_a_replacement_character():
    article = extract_html(ARTICLE.replace("Monday", "Mon\ud800day"))
    assert "Mon\ufffdday" in article.text


def test_a_page_with_too_many_elements_is_refused_quickly():
    with pytest.raises(TooLarge, match="more than 100,000 HTML elements"):
        prepare("<i>x</i>" * (MAX_ELEMENTS + 1))


def test_nesting_just_under_libxml2s_limit_still_reads_after_readability_wraps_it():
    # libxml2 keeps 253 levels, but readability and the block stage wrap the
    # content again; without flattening, the sentence fell past the limit there.
    from byline.extract import extract_html

    sentence = "The ferry will run a reduced timetable until April while its spare engine is rebuilt, the operator said."
    article = extract_html(f"<html><body>{'<blockquote>' * 253}<p>{sentence}</p></body></html>", analyse=False)

    assert sentence in article.text
