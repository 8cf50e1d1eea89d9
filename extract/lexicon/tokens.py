"""Words with offsets, paragraphs and sentence starts: the little tokenising
the entity engines and the quote stage share.

A token is a run of letters/digits with inner apostrophes, dots, hyphens and
ampersands ("O'Brien", "U.S", "Post-Gazette", "AT&T"); a trailing dot joins it
when it is an abbreviation ("U.S.", "Sen.", "J."). A possessive "'s" is split
off. A hyphenated compound with a lower-case part ("Boston-based") is two
tokens, so the name inside it is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from byline.extract import lexicon as lx

_WORD = re.compile(r"[^\W_](?:[\w&]|[.'’-](?=[^\W_]))*")
_POSSESSIVES = ("'s", "’s")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
SENTENCE_END = frozenset(".!?")
_QUOTES = "\"'“”‘’«»()[]"


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    #: True when the token opens a sentence (its capital says nothing).
    sentence_start: bool = False
    possessive: bool = False
    #: Cut from a word glued to the one before ("Ukraine|Moscow has insisted").
    glued: bool = False

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def bare(self) -> str:
        """The token without a trailing abbreviation dot."""
        return self.text.rstrip(".")


_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every paragraph: blocks are separated by blank lines."""
    for match in _PARAGRAPH.finditer(text):
        yield match.start(), match.end()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    tokens: list[Token] = []
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        at = match.start()
        # Most words are plain: no hyphen, no dot after, no possessive.
        pieces = _split_compound(word, at) if "-" in word else (Token(word, at, at + len(word)),)
        # Only a capital after the first letter can start a glued word: most
        # words are spared the search.
        if not word[1:].islower() and _GLUED.search(word):
            pieces = [part for piece in pieces for part in _unglue(piece)]
        for token in pieces:
            if token.end < end and text[token.end] == ".":
                _attach_dot(text, token, end)
            if token.text.endswith(_POSSESSIVES) and len(token.text) > 2:
                token.text = token.text[:-2]
                token.end -= 2
                token.possessive = True
            tokens.append(token)
    _mark_sentence_starts(text, tokens, start)
    return tokens


_GLUED = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


def _unglue(token: Token) -> list[Token]:
    """"UkraineMoscow" in a caption whose tag words were run together: two
    place names glued, cut apart when every part is a country, region or big
    city (brands written "SoftBank" and given names written "RuiWen" stay
    whole)."""
    cuts = [0, *(m.start() for m in _GLUED.finditer(token.text)), len(token.text)]
    parts = [token.text[a:b] for a, b in zip(cuts, cuts[1:])]
    places = lx.places()
    if not all(part in places.sure or part in places.big_cities for part in parts):
        return [token]
    return [Token(part, token.start + a, token.start + b, glued=index > 0) for index, (part, a, b) in enumerate(zip(parts, cuts, cuts[1:]))]


#: Short words that end a compound after a name ("Trump-era", "Kremlin-led").
_COMPOUND_ENDS = frozenset({"era", "led", "run", "set", "age", "old", "new", "one", "two", "day"})


def _split_compound(word: str, offset: int) -> list[Token]:
    if "-" not in word:
        return [Token(word, offset, offset + len(word))]
    parts = word.split("-")
    # "Boston-based" splits, "T-Mobile" and "Post-Gazette" do not; "R-Neb."
    # (a party and a state) does.
    party_state = len(parts) == 2 and parts[0] in ("R", "D", "I") and parts[1][:1].isupper()
    mixed = any(not p[:1].isupper() for p in parts) or party_state
    # "Cheuk Hau-yip", "Moon Jae-in": a short syllable after a capitalised one
    # is the rest of a given name, not a word like "based" or "era".
    given = len(parts) == 2 and parts[0][:1].isupper() and parts[1].islower() and len(parts[1]) <= 3 and parts[1] not in _COMPOUND_ENDS
    if not mixed or given:
        return [Token(word, offset, offset + len(word))]
    tokens = []
    position = offset
    for part in parts:
        if part:
            tokens.append(Token(part, position, position + len(part)))
        position += len(part) + 1
    return tokens


def _attach_dot(text: str, token: Token, limit: int) -> None:
    if token.end < limit and text[token.end] == "." and (
        token.text in lx.abbreviations() or _DOTTED.match(token.text) or (len(token.text) == 1 and token.text.isupper())
    ):
        token.text += "."
        token.end += 1


def _mark_sentence_starts(text: str, tokens: list[Token], start: int) -> None:
    previous_end = start
    previous: Token | None = None
    for token in tokens:
        if token.glued:
            # No space before it, so no run joins it to the word before; a
            # glued name ("…UkraineMoscow has insisted") is read as a name.
            token.sentence_start = False
        elif previous is not None and token.start == previous_end + 1 and text[previous_end] == " ":
            token.sentence_start = False  # one space after a word: mid-sentence
        else:
            gap = text[previous_end : token.start]
            token.sentence_start = _opens_sentence(gap, previous, previous_end == start)
        previous_end = token.end
        previous = token


_OPENING_MARK = re.compile(r"(?:^|\s)[\"“‘(\[]$")


def _opens_sentence(gap: str, previous: Token | None, at_start: bool) -> bool:
    if gap == " " and previous is not None:
        return False
    if "\n" in gap:
        return True
    stripped = gap.strip()
    if previous is None or (at_start and not stripped.strip(_QUOTES + " ")):
        return True
    if _OPENING_MARK.search(gap.rstrip(" ")) or gap.rstrip(" ").endswith(("“", "‘")):
        return True  # the first word inside a quotation or brackets
    core = stripped.rstrip(_QUOTES + " ")
    # A table's cells are joined by " | " (extract.blocks): each opens afresh.
    return core[-1:] in SENTENCE_END or core.endswith(("…", ":", "—", "–", "|"))
