"""More pages of kinds the shared bench lacks (written for these tests, under
tests/fixtures/pages/): what a reader of each sees, and what they do not.
The first four reproduce recall losses readability alone has on such layouts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from byline.extract import extract_html

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
URL = "https://example.org/2025/story"


def read(name: str):
    return extract_html((PAGES / name).read_text(encoding="utf-8"), url=URL, analyse=False)


def texts(article, kind: str) -> list[str]:
    return [article.text[b.start : b.end] for b in article.blocks if b.kind == kind]


def test_a_posts_own_bullet_lists_of_links_stay_in_the_post():
    article = read("linked-lists-post.html")

    for item in ("Hollow Lane Seeds for beans and peas", "Northwold Heritage for old tomatoes",
                 "Climbing bean 'Cherokee Trail of Tears'", "Tomato 'Gardener's Delight'"):
        assert item in texts(article, "list"), item
    assert "Next month I will write about saving bean seed" in article.body
    for furniture in ("Recent posts", "Onions from sets or seed?", "Blogroll", "Leave a comment"):
        assert furniture not in article.text, furniture


def test_a_how_to_keeps_its_materials_tools_and_steps_boxes():
    article = read("craft-materials.html")

    assert texts(article, "heading") == ["Materials", "Tools", "Steps", "Good to know"]
    assert "Twenty 40 mm galvanised nails" in article.body
    assert "Drill the entrance hole 125 mm up from the bottom of the front." in article.body
    assert article.body.endswith("smells less of the workshop.")
    for furniture in ("More projects", "A bat box", "One project a month"):
        assert furniture not in article.text, furniture


def test_a_short_post_is_not_lost_to_the_long_reply_thread_under_it():
    article = read("short-post-replies.html")

    assert article.body.startswith("The all-weather path round the moss is finished")
    assert "Thank you to the forty volunteers" in article.body
    assert "kingfisher" not in article.text
    assert "Leave a reply" not in article.text
    assert article.authors == ("Ellen Marsh",)


def test_a_german_forum_in_a_table_layout_keeps_every_post():
    article = read("german-forum-table.html")

    assert article.title == "Apfelbaum trägt kaum noch - woran liegt das?"  # board and forum names cut
    assert article.language == "de"
    for post in ("unser Apfelbaum", "Der Junifruchtfall ist erst einmal normal", "Früher stand beim Nachbarn",
                 "Ein junger Baum braucht drei bis vier Jahre", "Das mit den Zweigen im Eimer",
                 "gut dreißig Kilo Äpfel"):
        assert post in article.body, post
    for furniture in ("Registriert seit", "Zitieren", "Ähnliche Themen", "Birnbaum wirft", "Heutige Beiträge"):
        assert furniture not in article.text, furniture


def test_a_product_page_reads_as_its_description_not_its_shop():
    article = read("shop-product.html")

    assert article.title == "Enamel Camping Kettle, 1.2 litres"
    assert article.body.startswith("Our enamel kettle is pressed from a single sheet of steel")
    assert "Suitable for gas, wood and induction" in article.body
    for furniture in ("Add to basket", "Free delivery", "You may also like", "Folding wood stove",
                      "27 reviews", "Customer reviews", "Lovely kettle", "£34.00"):
        assert furniture not in article.text, furniture


def test_a_club_news_page_shows_its_news_and_not_its_menu():
    article = read("club-news.html")

    assert article.title == "Neuigkeiten"  # the club's name, printed in its masthead, cut
    assert article.language == "de"
    for news in ("Ab dem 3. März trainieren unsere Jugendmannschaften", "Der Vorstand lädt alle Mitglieder",
                 "den Aufstieg vorzeitig gesichert"):
        assert news in article.body, news
    for furniture in ("Startseite", "Arbeitseinsatz Sportplatz", "Impressum", "Eingestellt am 18.02.2025"):
        assert furniture not in article.text, furniture


def test_a_french_news_story_is_whole_and_its_chrome_is_gone():
    article = read("french-news.html")

    assert article.title == "À Saint-Aubin, la halle du marché rouvre après deux ans de travaux"
    assert article.authors == ("Claire Dufresne",)
    assert article.published == "2025-04-05T07:30:00+02:00"
    assert article.language == "fr"
    assert "« On a l'impression de retrouver une vieille maison »" in article.body
    assert article.body.endswith("a précisé le maire lors de l'inauguration.")
    for furniture in ("Partager sur Facebook", "Publicité", "À lire aussi", "Mentions légales", "S'abonner"):
        assert furniture not in article.text, furniture


def test_a_japanese_post_without_spaces_is_read_whole():
    article = read("japanese-blog.html")

    assert article.title == "はじめての味噌づくり：冬に仕込んで夏に食べる"
    assert article.language == "ja"
    assert article.body.startswith("寒い時期は雑菌が増えにくいので")
    assert article.body.endswith("また報告します。")
    assert len(texts(article, "paragraph")) == 4
    for furniture in ("シェアする", "最近の記事", "ぬか床の手入れ", "このブログについて"):
        assert furniture not in article.text, furniture


def test_an_article_laid_out_in_a_table_is_read_without_its_menu_and_footer():
    article = read("table-layout.html")

    assert article.title == "Restoring a 1930s wireless set"
    assert article.published is None  # "last changed" is no publication date
    assert article.body.startswith("The set came from a house clearance")
    assert article.body.endswith("a little quieter than a modern radio but much warmer.")
    for furniture in ("Sets restored", "Write to me", "Page last changed", "Back to the index", "No cookies"):
        assert furniture not in article.text, furniture


def test_a_cookie_banner_and_a_newsletter_box_are_not_the_story():
    article = read("consent-modal.html")

    assert article.body.startswith("Work to dredge Eastwick harbour will start")
    assert article.authors == ("Rhys Penhallow",)
    for furniture in ("We value your privacy", "Accept all", "morning briefing", "Never miss a story", "No thanks"):
        assert furniture not in article.text, furniture


def test_a_live_blog_keeps_every_entry_in_the_order_the_page_gives():
    article = read("live-blog.html")

    entries = ["all but 300 homes", "coast road has reopened", "Porthmoor lifeboat", "Schools in the county",
               "82 mph", "Ferries to the islands", "Storm Freya arrived overnight"]
    at = [article.body.find(entry) for entry in entries]
    assert -1 not in at and at == sorted(at)
    assert "Gusts of 80 mph recorded on exposed headlands" in article.body
    assert article.authors == ("Nia Rowlands",)
    for furniture in ("Most read", "Council tax", "Copy link"):
        assert furniture not in article.text, furniture


def test_a_question_page_keeps_the_question_and_its_answers():
    article = read("qa-page.html")

    assert article.title == "Why does my sourdough starter smell of nail varnish?"
    for text in ("I have kept a rye starter for about two months", "Your starter is hungry, not spoiled",
                 "keep it in the fridge between bakes"):
        assert text in article.body, text
    for furniture in ("Ask a question", "Related questions", "Starter has grey liquid", "Log in"):
        assert furniture not in article.text, furniture


@pytest.mark.parametrize("name", ["japanese-blog.html"])
def test_cjk_text_counts_as_words_for_the_safeguard(name):
    from byline.extract.safeguard import words
    from byline.extract.blocks import Candidate

    text = read(name).body
    assert words([Candidate("paragraph", text)]) >= len(re.sub(r"\s", "", text)) // 2



def test_a_short_german_post_beside_a_long_archive_is_an_article_not_a_front_page():
    article = read("short-post-archive.html")

    assert article.title == "Kurz notiert: Apfelernte 2025"
    assert article.body.startswith("Heute haben wir die letzten Äpfel gepflückt.")
    assert article.published == "2025-10-12"
    assert "Beitrag Nummer" not in article.text


def test_a_question_kept_apart_from_its_answers_is_read_with_them():
    article = read("qa-answers-apart.html")

    assert article.body.startswith("Our back lawn is more moss than grass after a wet winter.")
    for answer in ("Yes, and it is the usual first step.", "look up before you look down", "Do not forget the feeding."):
        assert answer in article.body, answer
    for furniture in ("asked 2 March", "Hot questions", "When to prune roses", "12 votes"):
        assert furniture not in article.text, furniture


def test_a_page_cannot_forge_the_numbers_that_say_what_readability_kept():
    html = (PAGES / "craft-materials.html").read_text(encoding="utf-8")
    forged = html.replace("<p>", '<p data-byline="1" data-byline-0="2">').replace("<li>", '<li data-byline="40">')

    assert extract_html(forged, url=URL, analyse=False).text == read("craft-materials.html").text
