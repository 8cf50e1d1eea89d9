"""Titles, authors and dates as the page prints them, where its metadata
says less (or cuts the headline short)."""

from __future__ import annotations

from byline.extract.metadata import html_metadata, parse_document

URL = "https://example.org/2025/story"


def meta_of(body: str, head: str = ""):
    return html_metadata(parse_document(f"<html><head>{head}</head><body>{body}</body></html>"), URL)


def test_a_byline_printed_under_the_headline_names_every_author_the_metadata_half_names():
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Moon lander contracts awarded", "author": {"@type": "Person", "name": "Tariq Malik"}}</script>'
    body = "<h1>Moon lander contracts awarded</h1><p>By <a href='/a'>Tariq Malik</a>, <a href='/b'>Mike Wall</a></p><p>Five companies will bid.</p>"

    assert meta_of(body, head).authors == ("Tariq Malik", "Mike Wall")


def test_a_byline_and_date_under_the_headline_are_read_when_the_metadata_has_none():
    body = ("<h1 class='t'>What is the value of drugs that cross the border?</h1><p class='meta'>By <a>Ann Roe</a> , <a>Minh Do</a>"
            " <span>on Monday, November 18th, 2019 at 11:08 a.m.</span></p><p>In October the congressman said…</p>")

    meta = meta_of(body)
    assert meta.authors == ("Ann Roe", "Minh Do")
    assert meta.published == "2019-11-18"


def test_a_standfirst_saying_by_someone_is_not_a_byline():
    body = "<h1>Mourinho agrees deal to manage Tottenham</h1><p>He had been out of work since being sacked by Manchester United in 2018.</p>"

    assert meta_of(body).authors == ()


def test_a_json_ld_headline_cut_short_gives_way_to_the_whole_heading():
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Hunter diagnosed with plague after eating a rabbit making him third Beijing local to contract"}</script>'
    body = "<h1>Hunter diagnosed with plague after eating a rabbit making him third Beijing local to contract medieval disease</h1>"

    assert meta_of(body, head).title.endswith("to contract medieval disease")


def test_an_organisation_in_the_json_ld_gives_way_to_the_person_in_the_byline():
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Net worth claim checked", "author": {"@type": "Organization", "name": "Multiple Sources"}}</script>'
    body = '<h1>Net worth claim checked</h1><ul class="authors"><li><a class="author" href="/x">Dan Evon</a></li></ul>'

    assert meta_of(body, head).authors == ("Dan Evon",)
