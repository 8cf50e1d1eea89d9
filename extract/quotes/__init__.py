"""Stage 8: direct quotations and who said them.

``marks`` finds the quoted spans, this module keeps the ones that are
someone's words (not a term, a title or a headline), and ``attribution``
finds each one's speaker. Works with either entity engine; needs no model.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from byline.extract import lexicon as lx
from byline.extract.article import Entity, Quote
from byline.extract.entities.spacy_engine import Speakers
from byline.extract.lexicon.tokens import paragraphs as split_paragraphs
from byline.extract.quotes.attribution import Attribution, attribute
from byline.extract.quotes.marks import Span, find_spans

_WORD = re.compile(r"[\w’'-]+")
_HEADING_QUOTE = re.compile(r"^(?:\d{1,2}[.)]\s*)?[\"“”„«»](?P<body>[^\"“”„«»]+)[\"“”„«»]\s*$")
# "had dubbed Sondland's role … as “the Gordon problem.”"
_TERM_IS = re.compile(r"\b(?:term|name|phrase|word|nickname|label)s?\b[^.!?\"“”]{0,30}\b(?:is|was|are|were)\s+$")
_LABELLED_AS = re.compile(r"\b(?:dubbed|labell?ed|branded|nicknamed|referred to|known)\b[^.!?\"“”]{0,60}\bas\s+(?:the\s+|a\s+|an\s+)?$")


def find_quotes(
    text: str, entities: tuple[Entity, ...], headings: Sequence[tuple[int, int]] = (), *, engine: str = "rules"
) -> tuple[Quote, ...]:
    """Find the quotations in ``text`` and attribute them to ``entities``.

    ``headings`` are the (start, end) ranges of heading blocks: quotes there
    are headline words, not speech. With the ``spacy`` engine a quote's
    speaker is first sought in the dependency parse (``Speakers``), then by
    the rules. The whole text is read: the work is linear."""
    paragraphs = list(split_paragraphs(text))
    page = _Page(text, paragraphs, sorted(headings))
    spans = [s for s in find_spans(text, paragraphs) if _is_speech(s, page)]
    speakers = Speakers(text, entities) if engine == "spacy" else None
    attributions = attribute(text, spans, paragraphs, entities, speakers)
    quotes = []
    for span, said in zip(spans, attributions):
        if _single_word(text, span) and not (said.how in ("after", "intro") and re.search(r"[,!?.]$", text[span.start : span.end])):
            continue
        if _term(text, span, said, paragraphs) or _title(text, span, said):
            continue
        speaker = entities[said.speaker].name if said.speaker is not None else None
        quotes.append(Quote(text[span.start : span.end], speaker, span.start, span.end, said.cue))
    return tuple(quotes)


class _Page:
    """The text with what the speech test asks of it per paragraph worked out
    once (a paragraph may hold thousands of quotes)."""

    def __init__(self, text: str, paragraphs: list[tuple[int, int]], headings: list[tuple[int, int]]) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.headings = headings
        self._heading_starts = [start for start, _ in headings]
        self._quoted_line: dict[int, bool] = {}

    def in_heading(self, at: int) -> bool:
        index = bisect.bisect_right(self._heading_starts, at) - 1
        return index >= 0 and at < self.headings[index][1]

    def quoted_line(self, paragraph: int) -> bool:
        """The paragraph is one quoted line (a pull quote, a numbered heading)."""
        if paragraph not in self._quoted_line:
            start, end = self.paragraphs[paragraph]
            self._quoted_line[paragraph] = bool(_HEADING_QUOTE.match(self.text[start:end]))
        return self._quoted_line[paragraph]


_ENDS_LIKE_SPEECH = re.compile(r"[.!?,…][’'”)\]]*$")
_WORDS_AFTER = re.compile(r"[\s’'”\"]*((?:[a-z]+\s+){0,2}[a-z]+)")


def _is_speech(span: Span, page: _Page) -> bool:
    text = page.text
    if page.in_heading(span.open):
        return False
    p_start, p_end = page.paragraphs[span.paragraph]
    if page.quoted_line(span.paragraph) and not _ENDS_LIKE_SPEECH.search(text, span.start, span.end):
        return False
    before = text[max(p_start, span.open - 90) : span.open]
    if lx.label_pattern().search(before[-30:]) or _LABELLED_AS.search(before) or _TERM_IS.search(before):
        return False
    if span.close is not None:
        following = _WORDS_AFTER.match(text[span.close + 1 : span.close + 40])
        if following and lx.label_nouns() & set(following.group(1).split()):
            return False
    words = _WORD.findall(text[span.start : span.end])
    if not words:
        return False
    introduced = _last_visible(text, p_start, span.open) == ":"
    if len(words) <= 6 and _title_case(words) and not introduced and not re.search(r"[.!?,]", text[span.start : span.end]):
        # "Three Amigos", "Death Sentence": a name or a title, not speech.
        return False
    return True


def _last_visible(text: str, start: int, end: int) -> str:
    """The last character of ``text[start:end]`` that is not white space."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return text[end - 1] if end > start else ""


def _title_case(words: list[str]) -> bool:
    content = [w for w in words if w.lower() not in lx.minor_words()]
    return bool(content) and all(w[:1].isupper() for w in content) and len(content) >= 1 and len(words) >= 1


def _term(text: str, span: Span, said: Attribution, paragraphs: list[tuple[int, int]]) -> bool:
    """A short quoted phrase that no one is said to say, in a sentence with no
    speech verb ("sending “free samples”", "“hot tub lung,”"): a term."""
    if said.how not in ("", "context") or said.cue_in_sentence:
        return False
    if span.open == paragraphs[span.paragraph][0] or re.search(r"[.!?]$", text[span.start : span.end]):
        return False
    return len(_WORD.findall(text[span.start : span.end])) <= 6


def _title(text: str, span: Span, said: Attribution) -> bool:
    """A title-case phrase with only a closing comma or stop inside its
    marks, which no speech verb right after or before frames: a song's or a
    book's title in a list ("including “Listen To The Music,” “Black Water,”")."""
    if said.how in ("after", "intro") or _last_visible(text, max(0, span.open - 40), span.open) == ":":
        return False
    quoted = text[span.start : span.end].rstrip(",.")
    words = _WORD.findall(quoted)
    return 2 <= len(words) <= 8 and _title_case(words) and not re.search(r"[.!?,;:]", quoted)


def _single_word(text: str, span: Span) -> bool:
    """One word is a quote only as a whole utterance set off with a speech
    verb ("Amazing," she said); "memorandum" in a sentence is a term."""
    return len(_WORD.findall(text[span.start : span.end])) < 2
