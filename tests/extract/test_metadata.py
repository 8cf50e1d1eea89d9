"""Stage 6: the header a reader sees — title, authors, date, site, language —
from whichever source the page offers, most trusted first."""

from __future__ import annotations

import pytest

from byline.extract import extract_html
from byline.extract.dates import normalise_date
from byline.extract.metadata import guess_language, html_metadata, parse_document


def meta(html: str, url: str | None = None):
    return html_metadata(parse_document(html), url)


def test_json_ld_wins_over_opengraph_and_the_title_tag():
    found = meta(
        """<html lang="en-GB"><head><title>Old title | Courier</title>
        <meta property="og:title" content="OG title">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
        {"@type":"NewsArticle","headline":"Bridge to close","datePublished":"2025-03-14T08:30:00Z",
         "author":[{"@type":"Person","name":"Priya Natarajan"},{"@type":"Person","name":"Owen Tremayne"}],
         "publisher":{"@type":"Organization","name":"The Coastal Courier"}}]}</script></head><body></body></html>"""
    )

    assert found.title == "Bridge to close"
    assert found.authors == ("Priya Natarajan", "Owen Tremayne")
    assert found.published == "2025-03-14T08:30:00+00:00"
    assert found.site == "The Coastal Courier"
    assert found.language == "en"


def test_opengraph_and_meta_tags_when_there_is_no_json_ld():
    found = meta(
        """<html><head><meta property="og:title" content="Ferry strike called off">
        <meta property="og:site_name" content="Island Times"><meta name="author" content="By Colm Ferris">
        <meta property="article:published_time" content="2025-01-09T07:00:00+01:00">
        <meta property="og:locale" content="fr_FR"></head><body><h1>Other</h1></body></html>"""
    )

    assert (found.title, found.site, found.authors) == ("Ferry strike called off", "Island Times", ("Colm Ferris",))
    assert found.published == "2025-01-09T07:00:00+01:00"
    assert found.language == "fr"


def test_the_document_itself_when_nothing_is_declared():
    found = meta(
        """<html lang="de"><head><title>Rathaus wird saniert – Lindenauer Rundschau</title></head>
        <body><p class="artikel-datum">14. März 2025, 09:15 Uhr</p><h1>Rathaus wird saniert</h1></body></html>""",
        url="https://www.rundschau.example/lokales/rathaus",
    )

    assert found.title == "Rathaus wird saniert"
    assert found.published == "2025-03-14"
    assert found.site == "rundschau.example"
    assert found.language == "de"


def test_site_name_is_removed_from_the_title():
    found = meta('<head><title>Council backs levee plan | Millbrook Ledger</title><meta property="og:site_name" content="Millbrook Ledger"></head>')

    assert found.title == "Council backs levee plan"


def test_a_title_with_a_dash_of_its_own_is_not_cut():
    found = meta('<head><meta property="og:title" content="Jedi review – shoots for the moon, lands among the stars"><meta property="og:site_name" content="Games Weekly"></head>')

    assert found.title == "Jedi review – shoots for the moon, lands among the stars"


def test_entities_and_controls_in_meta_values_are_decoded_and_removed():
    found = meta('<head><meta property="og:title" content="Review &#8211; a \x1b[2Jquiet\u202e triumph"></head>')

    assert found.title == "Review – a [2Jquiet triumph"


def test_time_element_and_microdata_give_a_date():
    assert meta('<body><time datetime="2024-11-19T15:02:00Z">Nov 19</time></body>').published == "2024-11-19T15:02:00+00:00"
    assert meta('<body><span itemprop="datePublished">Fri 6:45 PM, Feb 16, 2018</span></body>').published == "2018-02-16"


def test_placeholder_dates_are_not_dates():
    assert meta('<script type="application/ld+json">{"@type":"NewsArticle","headline":"x","datePublished":"0001-01-01T00:00:00Z"}</script>').published is None


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2025-03-14T08:30:00Z", "2025-03-14T08:30:00+00:00"),
        ("2019-11-20 12:32:13+0800", "2019-11-20T12:32:13+08:00"),
        ("2025-03-14T08:30:00", "2025-03-14"),
        ("Mon, 18 Nov 2019 10:00:00 +0000", "2019-11-18T10:00:00+00:00"),
        ("November 20, 2019 12:32", "2019-11-20"),
        ("Tue Nov 19 2019 03:05:46 GMT+0000", "2019-11-19"),
        ("18. November 2019, 10:32 Uhr", "2019-11-18"),
        ("1er janvier 2020", "2020-01-01"),
        ("20 listopada 2019", "2019-11-20"),
        ("19.11.2019", "2019-11-19"),
        ("yesterday", None),
    ],
)
def test_dates_are_normalised_to_iso_8601(written, iso):
    assert normalise_date(written) == iso


def test_authors_are_people_not_titles_handles_or_the_publisher():
    found = meta(
        """<script type="application/ld+json">{"@type":"NewsArticle","headline":"x",
        "author":[{"name":"By JANE O'NEIL"},{"name":"AP Education Writer"},{"name":"admin"},
                  {"name":"Valley Dispatch"},{"name":"valleydispatch.com"}],
        "publisher":{"name":"Valley Dispatch"}}</script>"""
    )

    assert found.authors == ("Jane O'Neil",)


def test_language_is_guessed_from_the_text_when_not_declared():
    german = "Der Stadtrat hat am Donnerstag beschlossen, die Linie zu verlängern. Die Bauarbeiten sollen im Frühjahr beginnen, und sie werden auch den Verkehr in der Innenstadt stören, sagte die Stadt."
    polish = "Rada miasta zdecydowała w czwartek, że linia tramwajowa zostanie przedłużona do dworca. Prace mają się rozpocząć wiosną i potrwają dwa lata, a to nie jest koniec zmian w mieście."

    assert guess_language(german) == "de"
    assert guess_language(polish) == "pl"
    assert guess_language("Too short to tell.") is None


def test_an_undeclared_page_gets_a_guessed_language():
    article = extract_html(
        "<html><body><article>"
        "<p>Le conseil municipal a voté mardi pour la fermeture du pont pendant six semaines de travaux.</p>"
        "<p>Les commerçants du quai disent qu'ils craignent de perdre des clients pendant la fermeture, qui commence lundi.</p>"
        "</article></body></html>"
    )

    assert article.language == "fr"


def test_garbage_markup_gives_empty_metadata_not_an_error():
    found = meta("<meta content=\"x\" property=og:title <script type=application/ld+json>{not json</script><title>")

    assert found.authors == ()
