"""Articles for the app's tests, built from the project's own fixtures, with
entities and quotes filled in by hand (the app is tested apart from the NLP)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from byline.extract import Article, Entity, Quote, extract_html, extract_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

#: name -> (type, aliases) for the ferry-strike fixture.
FERRY_ENTITIES = {
    "Dana Whitlock": ("PERSON", ()),
    "Ruth Nance": ("PERSON", ()),
    "Maritime Workers Union": ("ORG", ("union",)),
    "Westway Ferries": ("ORG", ()),
    "St Brannoc": ("PLACE", ()),
    "Carrick Quay": ("PLACE", ()),
}


def annotate_by_hand(article: Article, entities: dict[str, tuple[str, tuple[str, ...]]], speakers: list[str | None]) -> Article:
    """Entities: every occurrence of the name or an alias, most salient first as
    the library ranks them (more mentions, then a name in the headline, then the
    first mentioned). Quotes: every “…” span, attributed in order to ``speakers``."""
    found = []
    for name, (kind, aliases) in entities.items():
        forms = "|".join(re.escape(form) for form in (name, *aliases))
        mentions = tuple(m.span() for m in re.finditer(rf"(?<!\w)(?:{forms})(?!\w)", article.text))
        found.append(Entity(name, kind, aliases, mentions))
    headline = article.title or ""
    found.sort(key=lambda e: (-len(e.mentions) - 3 * (e.name in headline), e.mentions[0][0] if e.mentions else len(article.text)))
    quotes = []
    for match, speaker in zip(re.finditer(r"“([^”]+)”", article.text), speakers + [None] * 50):
        start, end = match.span(1)
        quotes.append(Quote(article.text[start:end], speaker, start, end, "said" if speaker else None))
    return dataclasses.replace(article, entities=tuple(found), quotes=tuple(quotes))


def ferry_raw() -> Article:
    html = (FIXTURES / "ferry-strike.html").read_text(encoding="utf-8")
    return extract_html(html, url="https://example.com/news/ferry-strike", analyse=False)


def ferry_article() -> Article:
    """The ferry-strike fixture with its people, organisations, places and quotes."""
    return annotate_by_hand(ferry_raw(), FERRY_ENTITIES, ["Dana Whitlock", "Westway Ferries", None])


def long_article(paragraphs: int = 60) -> Article:
    """A long plain-text article, for scrolling, search and reflow."""
    body = []
    for number in range(1, paragraphs + 1):
        body.append(
            f"Paragraph {number} begins here. The harbour master Ilse Varga inspected pontoon {number} "
            "before the evening tide, noting loose cleats, a cracked fender and two lamps that "
            "flickered whenever the wind rose off the estuary."
        )
    return extract_text("Harbour log for the autumn season\n\n" + "\n\n".join(body), analyse=False)


def wide_article() -> Article:
    """Text with CJK characters and emoji, which take two cells each."""
    text = (
        "Mixed scripts\n\n"
        "東京の港では朝から漁船が次々と戻り、市場は観光客でにぎわった。"
        "漁師たちは今年の水揚げが例年より多いと話している。\n\n"
        "The ferry 🚢 left at dawn 🌅 and the crew 👩‍✈️ waved to the crowd 🎉 on the quay "
        "while gulls 🐦 circled overhead, hoping for scraps from the fish market 🐟."
    )
    return extract_text(text, analyse=False)
