"""Guessing a text's language when the page declares none."""

from __future__ import annotations

import re

# Very common function words per language: enough to tell a plain text's
# language when nothing declares it. Scores are counts of these words.
_STOPWORDS = {
    "en": "the and of to in is that for it with was on as by at from his her they said this be have are",
    "de": "der die und das ist nicht ein eine zu den mit sich des auf für im dem auch es von sie",
    "fr": "le la les et des est une un du que dans pour pas qui sur au avec il elle ce sont",
    "es": "el la los las y de que en un una por con para es se del al lo como más pero",
    "it": "il la le di che e un una per non sono del della con si gli nel alla anche è",
    "pt": "o a os as e de que em um uma para com não do da no na se por mais foi",
    "nl": "de het een en van is dat op te in zijn met voor niet aan er ook als bij",
    "pl": "i w na z się nie do to że jest o jak po co ale przez od za dla tak",
    "sv": "och i att det som en på är av för med till den har inte om ett var",
}
_STOPWORD_SETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}


def guess_language(text: str) -> str | None:
    """Guess a Latin-script text's language from its function words, or None."""
    tokens = re.findall(r"[^\W\d_]+", text[:20000].lower())
    if len(tokens) < 20:
        return None
    scores = {lang: sum(1 for t in tokens if t in words) for lang, words in _STOPWORD_SETS.items()}
    best = max(scores, key=scores.__getitem__)
    if scores[best] < max(5, len(tokens) // 25):
        return None
    return best
