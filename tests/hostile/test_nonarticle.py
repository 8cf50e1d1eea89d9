"""Telling an error page from an article about errors, in several languages."""

from __future__ import annotations

import pytest
from pages import ARTICLE, PARAGRAPHS, article_html

from byline.extract import NotAnArticle, extract_html
from byline.extract.nonarticle import error_title


@pytest.mark.parametrize(
    "title",
    [
        "Page not found | Wrenhaven Gazette", "404", "404 Not Found", "Oops! Page not found", "Error 404",
        "Sorry, this page doesn't exist", "We can't find that page", "Access denied", "500 Internal Server Error",
        "Page introuvable – Le Courrier", "Seite nicht gefunden", "Página no encontrada", "Pagina non trovata",
        "Página não encontrada", "Pagina niet gevonden", "Nie znaleziono strony", "Страница не найдена",
        "ページが見つかりません", "页面不存在", "الصفحة غير موجودة",
    ],
)
def test_an_error_title_is_recognised(title):
    assert error_title(title)


@pytest.mark.parametrize(
    "title",
    [
        "Server error hits bank payments for second day", "Flight 404 lands safely in fog",
        "Top 500 companies report record profits", "Lost dog not found after three days of searching",
        "Forbidden City reopens to visitors", "Ferry timetable cut for engine repair",
    ],
)
def test_a_headline_that_mentions_an_error_is_not_an_error_page(title):
    assert error_title(title) is None


def test_a_short_page_titled_not_found_is_refused():
    page = article_html("Page not found", ("Sorry, we could not find the page you asked for. Try the search box.",) * 2)
    with pytest.raises(NotAnArticle, match="error page"):
        extract_html(page)


def test_a_full_article_about_a_404_page_is_kept():
    paragraphs = tuple(f"{paragraph} That was the {n}th notice this year." for n in range(4, 9) for paragraph in PARAGRAPHS)
    page = article_html("404", paragraphs)
    assert extract_html(page).text.startswith(PARAGRAPHS[0])


def test_a_newsletter_prompt_does_not_make_an_article_a_paywall():
    page = ARTICLE.replace("</article>", "<p>Subscribe to our newsletter</p></article>")
    assert extract_html(page).warnings == ()
