"""Stage 5: the article's own blocks stay, page furniture goes — with its reason.

Each entry of the furniture table has a line here that shows why it is there,
and each structural rule a page that needs it.
"""

from __future__ import annotations

import pytest

from byline.extract import extract_html
from byline.extract.blocks import Candidate, html_blocks
from byline.extract.boilerplate import is_byline, phrase_reason, remove_boilerplate

STORY = [
    "The council voted on Tuesday to close the Kestrel Street bridge for six weeks of repairs to its bearings.",
    "About 18,000 vehicles cross the bridge every day, and drivers will be sent along the ring road instead.",
    "Traders on Quay Parade said they feared losing customers during the closure, which begins on Monday.",
    "The repairs are part of a wider programme to restore four bridges across the county by the end of 2027.",
]


def paragraphs(*texts: str, kind: str = "paragraph") -> list[Candidate]:
    return [Candidate(kind, text, index=i) for i, text in enumerate(texts)]


def renumber(blocks: list[Candidate]) -> list[Candidate]:
    for i, block in enumerate(blocks):
        block.index = i
    return blocks


def verdicts(blocks: list[Candidate], title: str | None = None) -> dict[str, str | None]:
    kept, removed = remove_boilerplate(blocks, title)
    result: dict[str, str | None] = {b.text: None for b in kept}
    result.update({b.text: reason for b, reason in removed})
    return result


@pytest.mark.parametrize(
    ("label", "reason"),
    [
        ("Advertisement", "ad marker"),
        ("Story continues below this ad", "ad marker"),
        ("Anzeige", "ad marker"),
        ("Publicité", "ad marker"),
        ("Reklama", "ad marker"),
        ("Dalsza część artykułu pod reklamą", "ad marker"),
        ("Share this article", "share prompt"),
        ("Facebook Twitter WhatsApp Email", "share prompt"),
        ("Follow Newsroom on Instagram, Facebook and YouTube.", "share prompt"),
        ("Stay updated with the latest - Click here to follow us on Instagram", "share prompt"),
        ("Artikel teilen", "share prompt"),
        ("Suivez-nous sur Twitter", "share prompt"),
        ("Udostępnij", "share prompt"),
        ("Sign up to our morning newsletter", "newsletter"),
        ("Newsletter abonnieren", "newsletter"),
        ("Inscrivez-vous à notre newsletter", "newsletter"),
        ("Read more: Council approves bridge budget", "related links"),
        ("You may also like", "related links"),
        ("SEE MORE", "related links"),
        ("DON'T MISS", "related links"),
        ("Related Roundup: Bridges", "related links"),
        ("Mehr zum Thema", "related links"),
        ("Lire aussi", "related links"),
        ("Czytaj także", "related links"),
        ("Leggi anche", "related links"),
        ("Post Comment", "comments"),
        ("Read Comments", "comments"),
        ("Latest Comment", "comments"),
        ("Comments (14)", "comments"),
        ("Kommentare (8)", "comments"),
        ("Skomentuj", "comments"),
        ("Premium", "paywall"),
        ("Subscribe to continue reading", "paywall"),
        ("Réservé aux abonnés", "paywall"),
        ("Photo: Tom Aldridge/Coastal Courier", "photo credit"),
        ("(Image: GETTY)", "photo credit"),
        ("Jane Doe/Hindustan Times/Getty Images", "photo credit"),
        ("Foto: Jonas Reuter", "photo credit"),
        ("Image 3 of 5", "gallery counter"),
        ("Bild 1 von 4", "gallery counter"),
        ("priya.natarajan@courier.example", "author footer"),
        ("Additional reporting by Sam Okafor", "author footer"),
        ("Phil Roe is a reporter for the Valley Dispatch.", "author footer"),
        ("Anna Berg ist Redakteurin bei der Rundschau.", "author footer"),
        ("Published 10:02 AM EST Nov 19, 2024", "byline"),
        ("5 min read", "byline"),
        ("Nov. 20, 2019 5:52 AM EST", "date line"),
        ("14. März 2025, 09:15 Uhr", "date line"),
        ("20 listopada 2024", "date line"),
        ("This slideshow requires JavaScript.", "script notice"),
        ("12 issues for £11.99. Click here for more information.", "promotion"),
        ('[button link="/submit" type="big"] Send us your review[/button]', "unrendered markup"),
    ],
)
def test_furniture_label_is_recognised(label, reason):
    assert phrase_reason(label) == reason


@pytest.mark.parametrize(
    "sentence",
    [
        "The advertisement ran in three papers before the council withdrew it.",
        "Share prices fell sharply on Monday after the announcement.",
        "Comments made by the minister were later withdrawn.",
        "Photographs of the flood were shared widely online.",
        "Published reports say the mayor resigned.",
        "The mayor is a former reporter for the Gazette.",
    ],
)
def test_a_sentence_that_mentions_furniture_words_is_not_furniture(sentence):
    assert phrase_reason(sentence) is None


def test_a_long_paragraph_is_never_cut_by_a_phrase():
    text = "Advertisement " + " ".join(["spending on local radio rose again this year"] * 4) + "."
    assert verdicts(paragraphs(STORY[0], text, STORY[1]))[text] is None


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By Priya Natarajan | Published 14 March 2025", True),
        ("By DANICA KIRKA and JILL LAWLESS", True),
        ("Von Anna Müller, Berlin", True),
        ("par Jean-Pierre Dupont et Marie Curie", True),
        ("By the end of the day, nobody had come.", False),
        ("Por primera vez, el gobierno anunció cambios.", False),
    ],
)
def test_a_byline_is_a_keyword_then_capitalised_names(line, byline):
    assert is_byline(line) is byline


def test_headline_byline_and_date_repeated_at_the_top_are_removed():
    blocks = paragraphs("Politics", "Bridge to close for six weeks", "By Priya Natarajan", "14 March 2025", *STORY)
    blocks[1].kind = "heading"

    found = verdicts(blocks, title="Bridge to close for six weeks")

    assert found["Politics"] == "kicker"
    assert found["Bridge to close for six weeks"] == "repeated headline"
    assert found["By Priya Natarajan"] == "byline"
    assert found["14 March 2025"] == "date line"
    assert all(found[text] is None for text in STORY)


def test_a_date_in_the_middle_of_the_story_stays():
    blocks = paragraphs(*STORY, *STORY[:3], "14 March 2025", STORY[3] + " More to come.")

    assert verdicts(blocks)["14 March 2025"] is None


def test_a_repeated_block_is_cut_once_it_has_been_seen():
    blocks = paragraphs("Get the quiz: instant download!", *STORY, "Get the quiz: instant download!")

    kept, removed = remove_boilerplate(blocks)

    assert [b.text for b in kept].count("Get the quiz: instant download!") == 1
    assert [reason for _, reason in removed] == ["repeated"]


def test_table_rows_may_repeat_without_being_cut():
    rows = [Candidate("paragraph", text, row=True) for text in ("DL | Ogunjobi | 63", "DL | Garrett | 63", "DL | Thomas | 57")]
    header = [Candidate("paragraph", "Pos | Player | Plays", row=True) for _ in range(2)]

    found = verdicts(renumber(paragraphs(*STORY[:2]) + header + rows + paragraphs(*STORY[2:])))

    kept, _ = remove_boilerplate(renumber(paragraphs(*STORY[:2]) + header + rows))
    assert sum(b.text == "Pos | Player | Plays" for b in kept) == 2
    assert all(reason is None for reason in found.values())


def test_digits_alone_are_a_counter():
    assert verdicts(paragraphs(STORY[0], "6", STORY[1]))["6"] == "counter"


def test_a_short_run_of_linked_items_is_a_related_list():
    items = [Candidate("list", t, links=[(0, len(t), "/x")], link_chars=len(t)) for t in ("Ferry timetable changes", "Wardens to patrol the quay")]

    found = verdicts(renumber(paragraphs(*STORY) + items))

    assert found["Ferry timetable changes"] == "link list"
    assert found["Wardens to patrol the quay"] == "link list"


def test_a_bare_url_the_author_cites_is_kept():
    url = "http://example.org/report"
    blocks = renumber(paragraphs(STORY[0]) + [Candidate("paragraph", url, links=[(0, len(url), url)], link_chars=len(url))] + paragraphs(*STORY[1:]))

    assert verdicts(blocks)[url] is None


def test_furniture_class_words_cut_short_lines_but_the_article_container_says_nothing():
    story = [Candidate("paragraph", text, hints="post tag-comments share-wrapper") for text in STORY]
    teaser = Candidate("paragraph", "Schools close early as snow moves in", hints="post tag-comments share-wrapper rail--trending")
    subheading = Candidate("heading", "What happens next", hints="post tag-comments share-wrapper", level=2)

    found = verdicts(renumber(story[:2] + [teaser, subheading] + story[2:]))

    assert found["Schools close early as snow moves in"] == "page furniture"
    assert found["What happens next"] is None


def test_an_unlinked_list_that_ends_the_story_is_content():
    results = paragraphs("England (Group A): 10th appearance", "Wales (Group E): Second appearance", kind="list")

    found = verdicts(renumber(paragraphs(*STORY) + results))

    assert all(reason is None for reason in found.values())


def test_short_widget_labels_after_the_last_paragraph_are_cut():
    found = verdicts(paragraphs(*STORY, "Kommentar schreiben", "Weitere Meldungen", "Impressum"))

    assert found["Weitere Meldungen"] == "trailing widget"
    assert found["Impressum"] == "trailing widget"


def test_a_short_line_that_introduces_the_next_block_is_not_a_widget():
    blocks = paragraphs(*STORY, "The Doobie Brothers Tour Dates", "June 9 – West Palm Beach\nJune 10 – Tampa\nJune 14 – Atlanta")

    found = verdicts(blocks)

    assert found["The Doobie Brothers Tour Dates"] is None
    assert verdicts(paragraphs(*STORY, "Twitter seemed confused by the campaign:"))[
        "Twitter seemed confused by the campaign:"
    ] is None


def test_a_heading_whose_section_was_cut_goes_with_it():
    heading = Candidate("heading", "Tell us what you think", level=3)
    blocks = renumber(paragraphs(*STORY) + [Candidate("heading", "Elsewhere in the county", level=2)] + paragraphs("Advertisement", "Post Comment") + [heading])

    found = verdicts(blocks)

    assert found["Elsewhere in the county"] == "orphan heading"
    assert found["Tell us what you think"] in ("orphan heading", "comments")


def test_an_author_footer_with_a_handle_is_cut_but_a_closing_quote_stays():
    footer = "Jane Roe covers education. Reach her at jroe@dispatch.example or follow her on X @janeroe."
    found = verdicts(paragraphs(*STORY, footer))

    assert found[footer] == "author footer"
    assert all(found[text] is None for text in STORY)


def test_a_paragraph_ending_with_a_photo_credit_becomes_a_caption():
    caption = "A school bus waits outside Bellmore Middle School on Monday (Image: GETTY)"
    kept, _ = remove_boilerplate(paragraphs(STORY[0], caption, *STORY[1:]))

    assert {b.text: b.kind for b in kept}[caption] == "caption"


def test_every_removed_block_has_a_reason_and_the_order_is_kept():
    blocks = paragraphs("Advertisement", STORY[0], "Share this article", *STORY[1:], "Post Comment")

    kept, removed = remove_boilerplate(blocks)

    assert [b.text for b in kept] == STORY
    assert [(b.text, r) for b, r in removed] == [
        ("Advertisement", "ad marker"),
        ("Share this article", "share prompt"),
        ("Post Comment", "comments"),
    ]


def test_german_page_keeps_its_paragraphs_and_drops_its_labels():
    article = extract_html(
        "<html lang=de><body><article><div class=inhalt>"
        "<p>Von Katrin Albers</p><p>Artikel teilen</p>"
        "<p>Der Stadtrat hat am Donnerstag beschlossen, die Straßenbahnlinie bis zum Westbahnhof zu verlängern.</p>"
        "<p>Anzeige</p>"
        "<p>Die Bauarbeiten sollen im kommenden Frühjahr beginnen und rund zwei Jahre dauern, sagte die Stadt.</p>"
        "<p>Mehr zum Thema</p><p>Kommentare (3)</p>"
        "</div></article></body></html>"
    )

    assert article.text.splitlines()[0].startswith("Der Stadtrat")
    assert "Die Bauarbeiten" in article.text
    assert {r.text: r.reason for r in article.removed} == {
        "Von Katrin Albers": "byline",
        "Artikel teilen": "share prompt",
        "Anzeige": "ad marker",
        "Mehr zum Thema": "related links",
        "Kommentare (3)": "comments",
    }


def test_html_blocks_feed_the_stage_directly():
    blocks = html_blocks("<div><p>Advertisement</p>" + "".join(f"<p>{t}</p>" for t in STORY) + "</div>")

    kept, removed = remove_boilerplate(blocks)

    assert [b.text for b in kept] == STORY
    assert removed[0][1] == "ad marker"


def test_a_linked_subheading_over_its_own_section_stays():
    heading = Candidate("heading", "Chapter two", level=2, links=[(0, 11, "/chapter-2")], link_chars=11)

    found = verdicts(renumber(paragraphs(*STORY[:2]) + [heading] + paragraphs(*STORY[2:])))

    assert found["Chapter two"] is None


def test_one_platform_name_is_a_subheading_not_a_share_bar():
    heading = Candidate("heading", "Facebook", level=2)

    found = verdicts(renumber(paragraphs(*STORY[:2]) + [heading] + paragraphs(*STORY[2:])))

    assert found["Facebook"] is None
    assert phrase_reason("Facebook | X | Email") == "share prompt"


def test_a_sentence_about_a_reporter_mid_story_is_news_not_a_footer():
    sentence = "The reporter was attacked by protesters outside the court on Monday."

    more = [text.replace("bridge", "tunnel") + " Officials declined to comment further." for text in STORY]
    found = verdicts(paragraphs(*STORY, *more[:2], sentence, *more[2:]))

    assert found[sentence] is None


def test_a_short_sentence_in_a_newsletter_box_is_furniture_but_in_a_social_embed_it_is_not():
    story = [Candidate("paragraph", text, hints="article-body") for text in STORY]
    signup = Candidate("paragraph", "Let our news meet your inbox. Delivered weekday mornings.", hints="article-body emailsignup")
    embed = Candidate("paragraph", "We did it. Thank you, Ashford!", hints="article-body social-embed")

    found = verdicts(renumber(story[:2] + [signup, embed] + story[2:]))

    assert found[signup.text] == "page furniture"
    assert found[embed.text] is None
