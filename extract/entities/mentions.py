"""What both engines hand the document-level pass: mentions with the evidence
for their type, the labels, and what shaping needs to know of the document.

The evidence scale
------------------
Every piece of evidence is a vote: a label (PERSON, ORG, PLACE, or
``NOT_ENTITY``) and a weight on one scale. The document pass adds up the
votes of all the mentions of a name (and of the names merged with it), and
the label with the most weight wins — if it reaches ``MINIMUM_EVIDENCE``
(``document``): below that the name is left out, since a wrong type is worse
for a reader than none.

- ``DECISIVE`` (3): the words settle it — a country or state in the
  gazetteer, a title right before a name ("Mayor Ana Lopez"), a dateline, a
  postal code after a town, a country's ministry.
- ``STRONG`` (2–2.5): a pattern that rarely misleads — an organisation or
  venue word ending the name ("… Authority", "… Amphitheatre"), a person's
  role noun before it or in apposition ("spokeswoman X", "her son, X,"),
  "analysts at X", "X analyst Y", "shares of X", a famous organisation's
  name, a country that plays in a sports report, a town before its state.
- ``MODERATE`` (1–1.5): a table's hint — a known given name with a second
  word, an acronym, a city of the gazetteer, "X said it…", a name a speech
  verb follows after a quote.
- ``WEAK`` (under 1): a guess — a lone given name, a small town's name, a
  model's label (``MODEL_WEIGHT``), which only tips a balance.

A weight of 50 (``DEFINED_TERM_WEIGHT``) outvotes everything: an abbreviation
the text defines for a lower-case term ("hypersensitivity pneumonitis (HP)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from byline.extract import lexicon as lx

PERSON, ORG, PLACE = "PERSON", "ORG", "PLACE"
#: The evidence scale (see the module's docstring).
DECISIVE, STRONG, MODERATE, WEAK = 3.0, 2.0, 1.0, 0.5
#: The source of a vote that rests on the spacy engine's model alone.
MODEL = "spacy"
#: The source of a vote that a place name stands for its sports team.
TEAM = "team"
#: A vote that a span names no entity at all (a product: "its Starship").
NOT_ENTITY = "NONE"
#: Lower-case words allowed inside a name ("Bureau of Prisons", "Ursula von der Leyen").
CONNECTORS = frozenset({"of", "for", "the", "and", "&", "de", "del", "della", "da", "di", "du", "van", "von", "der", "den", "la", "le", "al", "el", "bin", "ibn", "y"})
#: Letters that open a club's name ("FC Porto", "AC Milan", "SC Freiburg").
CLUB_PREFIXES = frozenset({"FC", "AC", "AFC", "CF", "SC", "SK", "SV", "CD", "RC"})
#: Company suffixes that name nothing on their own.
BARE_SUFFIXES = frozenset({"Inc", "Corp", "Co", "Ltd", "LLC", "LLP", "PLC", "Plc", "FC", "AG", "SA", "GmbH", "NV"})
DIRECTIONS = frozenset("North South East West Northern Southern Eastern Western Central Upper Lower Greater Inner Outer Northeast Northwest Southeast Southwest".split())
#: What a lone given name ("Declan") weighs as evidence of a person.
LONE_GIVEN_NAME = 0.6
_ACRONYM = re.compile(r"(?<![\w&.])[A-Z][A-Z&.]*[A-Z](?![\w&])")
#: "State of Israel", "Democratic Republic of Congo", "Islamic Republic of Iran".
STATE_OF = re.compile(r"^((?:(?:Democratic|Islamic|Federal|Arab|Socialist|People['’]s|United|Federative|Plurinational) )*(?:State|Republic|Kingdom|Commonwealth|Principality)) of (?:the )?(.+)$")
ORG_CONNECTORS = frozenset({"of", "for", "the", "and", "&", "on"})


@dataclass(slots=True)
class Mention:
    """One occurrence of a possible entity and what its evidence says."""

    start: int
    end: int
    text: str
    label: str | None
    weight: float
    #: Start of the title+name form ("President Putin") when a title stands before.
    alias_start: int
    sentence_initial: bool = False
    #: Evidence that rests only on the engine (a model label), not on the words.
    source: str = "rules"


class Repeats:
    """Whether a name is used more than once in the document, answered from
    an index of capitalised words built on first use: a check per name costs
    a few look-ups, not a pass over the whole text."""

    #: Occurrences of a name's first word checked at most (a bound, not a count).
    LOOKS = 64
    _CAPITAL_WORD = re.compile(r"(?<![\w&])[^\W\d_a-z]\w*")
    _FIRST_WORD = re.compile(r"\w+")

    def __init__(self, text: str) -> None:
        self.text = text
        self._positions: dict[str, list[int]] | None = None
        self._known: dict[str, bool] = {}

    def used_twice(self, name: str) -> bool:
        if name not in self._known:
            self._known[name] = self._count(name, 2) >= 2
        return self._known[name]

    def _count(self, name: str, enough: int) -> int:
        if self._positions is None:
            self._positions = {}
            for word in self._CAPITAL_WORD.finditer(self.text):
                self._positions.setdefault(word.group(), []).append(word.start())
        first = self._FIRST_WORD.match(name)
        found = 0
        for position in self._positions.get(first.group() if first else "", [])[: self.LOOKS]:
            end = position + len(name)
            if self.text.startswith(name, position) and not self.text[end : end + 1].isalnum():
                found += 1
                if found >= enough:
                    break
        return found


_LOWER_CASE = re.compile(r"[^\W\d_A-Z]")
_CAPITAL_LETTER = re.compile(r"[^\W\d_a-z]")


def all_caps(line: str) -> bool:
    """Four letters or more, none of them in lower case ("FRANCE WINS")."""
    return not _LOWER_CASE.search(line) and len(_CAPITAL_LETTER.findall(line)) >= 4


#: Scores and sports words that make a text a sports report.
SPORTS_REPORT = 10
SHORT_SPORTS_REPORT = 6
SPORTS_DENSITY = 50
_SCORE = re.compile(r"(?<![\w-])\d{1,3}-\d{1,3}(?![\w-])")


@lru_cache(maxsize=4)
def sports_report(text: str) -> bool:
    """Scores ("2-1") and sports words ("beat", "goal", "season"): ten or
    more, or, in a short text, six or more and one every 50 words."""
    found = len(_SCORE.findall(text)) + len(_sport_words().findall(text))
    return found >= SPORTS_REPORT or found >= SHORT_SPORTS_REPORT and found * SPORTS_DENSITY >= len(text.split())


@cache
def _sport_words() -> re.Pattern[str]:
    words = sorted(lx.sport_words(), key=len, reverse=True)
    # The look at a word's first letter spares trying every word at every
    # position of the text (it halves the time of the count).
    firsts = "".join(sorted({re.escape(word[0]) for word in words}))
    return re.compile(r"\b(?=[" + firsts + r"])(?:" + "|".join(words) + r")\b", re.I)


@dataclass(slots=True)
class Context:
    """What the shaping needs to know about the whole document."""

    text: str
    #: Words the document also uses in lower case ("federal", "key").
    lower_words: frozenset[str]
    repeats: Repeats | None = None
    _prose_acronyms: frozenset[str] | None = None
    _sports_report: bool | None = None

    def __post_init__(self) -> None:
        if self.repeats is None:
            self.repeats = Repeats(self.text)

    @property
    def sports_report(self) -> bool:
        """The text reports sport: scores and sports words, ten or more in
        all. There a country or city that plays is the team."""
        if self._sports_report is None:
            self._sports_report = sports_report(self.text)
        return self._sports_report

    @property
    def prose_acronyms(self) -> frozenset[str]:
        """The all-caps words the text uses in lines that are not all caps
        ("NASA said…"): in an all-caps subhead, only these are acronyms."""
        if self._prose_acronyms is None:
            found = set()
            for line in self.text.splitlines():
                if _LOWER_CASE.search(line):
                    found.update(_ACRONYM.findall(line))
            self._prose_acronyms = frozenset(found)
        return self._prose_acronyms
