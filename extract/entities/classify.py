"""What a span's own words say it is: a place the gazetteer knows, an
organisation word at its end, an acronym, a given name before a surname, a
demonym or a common word that is no name at all. ``spans`` shapes a span,
then asks :func:`classify`; the engines weigh its verdict against the rest.
"""

from __future__ import annotations

import re

from byline.extract import lexicon as lx
from byline.extract.entities.mentions import (
    BARE_SUFFIXES,
    CLUB_PREFIXES,
    CONNECTORS,
    DIRECTIONS,
    LONE_GIVEN_NAME,
    NOT_ENTITY,
    ORG,
    ORG_CONNECTORS,
    PERSON,
    PLACE,
    STATE_OF,
    Context,
)
from byline.extract.lexicon.tokens import Token


def is_common(token: Token, context: Context) -> bool:
    """A function word, or a word the text also writes in lower case."""
    word = token.bare.lower()
    return word in lx.function_words() or word in context.lower_words


def classify(tokens: list[Token], context: Context) -> tuple[str | None, float]:
    """What the words alone say: (label, weight), (None, 0) when they say
    nothing, ("SKIP", 0) when this is not an entity at all."""
    words = [t.bare for t in tokens]
    name = " ".join(t.text if lx.is_acronym(t.bare) else t.bare for t in tokens)
    last = words[-1]
    places = lx.places()
    single = len(words) == 1
    if not single and name not in places:
        # "St. Louis", "Ft. Worth": the gazetteer writes the abbreviation's dot.
        written = " ".join(t.text for t in tokens)
        name = written if written != name and written in places else name
    if all(is_demonym(w) for w in words) or (single and _not_a_name(tokens[0])):
        return "SKIP", 0.0
    if last in lx.event_words() and not (len(words) == 2 and words[0] in lx.first_names() and lx.could_be_a_name(words[0], last)):
        return "SKIP", 0.0  # "Six-Day War" — but "Ellen Weeks" is a person
    common = single and words[0].lower() in context.lower_words
    if common and lx.is_acronym(words[0]) and len(words[0]) > 2 and name not in places.sure and name not in lx.organisations():
        return "SKIP", 0.0  # "think BIG", "a HUGE win": emphasis, where the text also writes "big"
    if name in places.sure:
        return PLACE, 3.0
    if not single and last.lower() in THING_HEADS and not any(w in lx.org_words() for w in words):
        return NOT_ENTITY, 1.5  # "Polar Exploration Rover", "Artemis Program": a craft or a programme
    state_of = STATE_OF.match(name)
    if state_of and state_of.group(2) in places.sure:
        return PLACE, 3.0  # "State of Israel", "Democratic Republic of Congo"
    if name in lx.organisations() and not common:
        return ORG, 2.0
    if len(words) > 1 and words[0] in DIRECTIONS and " ".join(words[1:]) in places:
        return PLACE, 2.5  # "Southern California", "North Texas"
    if len(words) > 1 and (words[-2], last) in lx.place_word_pairs():
        return PLACE, 2.5  # "Blossom Music Center", "the Convention Centre": a venue
    if len(words) == 2 and last in ("Center", "Centre") and _brand(tokens[0]):
        return PLACE, 2.5  # "Pepsi Center", "KeyBank Center": an arena named for its sponsor
    if last in lx.org_words() or words[0] in CLUB_PREFIXES and not single or any(w in lx.org_words() and n.lower() in ORG_CONNECTORS for w, n in zip(words, words[1:])):
        return (None, 0.0) if common else (ORG, 2.5)
    if not single and last in places.countries and name not in places and words[0] not in places and " ".join(words[:-1]) not in places and not (
        len(words) == 2 and lx.could_be_a_name(words[0], last)
    ):
        # "Lexus Philippines", "Nissan North America": a firm's arm in a country
        # (whose brand may be a given name too) — but "Chad Jordan" may be a man.
        return ORG, 1.5
    if name in places.cities or name in places.big_cities:
        if not single:
            return PLACE, 2.0
        if not common:
            return PLACE, 1.5 if name in places.big_cities else 0.4
    # A given name that is also a city's ("Bristol", "Paris") decides nothing.
    named_after_place = words[0] in places.sure or words[0] in places.major_cities
    first_name = not single and (words[0] in lx.first_names() and not named_after_place or len(words) > 2 and len(words[1]) == 1)
    if words[0] in lx.place_prefixes() and not single and not first_name:
        return PLACE, 1.5
    if last in lx.place_words() and not single:
        if first_name and len(words) == 2 and last in lx.surname_place_words():
            return PERSON, 2.0
        return PLACE, 1.5
    if single:
        word = tokens[0].text
        if lx.is_acronym(word):
            return ORG, 1.5
        if lx.is_camel(word) or "." in word.strip("."):
            return ORG, 2.0
        if word in lx.place_words() and word not in lx.surname_place_words() and not common:
            return PLACE, 1.0  # "the Capitol", "the Statehouse"
        if word in lx.first_names() and word not in places.major_cities and not common:
            # "Her son, Declan, runs a boatyard": a given name alone is weak
            # evidence of a person (brands and clubs outvote it).
            return PERSON, LONE_GIVEN_NAME
        return None, 0.0
    if any(lx.is_acronym(t.bare) and len(t.bare) > 1 and t.text not in places and t.bare not in places for t in tokens) and not _middle_initials(words):
        return ORG, 1.0  # initials in a name ("CBS Sports") — a country's ("U.S. Market") say nothing
    if len(words) == 2 and (words[0] in places.sure or words[-1] in places.sure) and lx.could_be_a_name(words[0], words[1]):
        return PERSON, 1.0  # "Chad Jordan", "Georgia Holland": a place's name can be a person's
    if words[-1] in places.big_cities and words[0] not in DIRECTIONS and not first_name:
        return ORG, 1.2  # "Inter Milan", "Real Madrid": named after their city
    if words[0] in lx.first_names() and named_after_place:
        return ORG, 0.3
    if not first_name and (words[0] in places.sure or words[0] in places.big_cities or len(words) == 3 and " ".join(words[:2]) in places):
        # "Pittsburgh Post-Gazette", "Houston Chronicle": a place opening a name
        # that is not itself a place names something based there.
        return ORG, 1.2
    if all(name_like(t) for t in tokens):
        if first_name:
            return PERSON, 1.5
        if _ends_with_a_surname(tokens, context):
            return PERSON, 1.0  # "Evo Morales", "Pankaj Pandey": a given name no table has
    # Capitalised words no table knows: a person, a firm, a product or a work
    # alike. The document's own evidence decides, or nothing does.
    return None, 0.0


#: The nouns that, ending a capitalised name, make it a programme's, a
#: mission's or a craft's ("Polar Exploration Rover", "Artemis Program").
THING_HEADS = frozenset({"program", "programme", "mission", "rover", "lander", "probe", "spacecraft", "telescope", "satellite", "initiative"})

_PLAIN_NAME = re.compile(r"[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){1,2}")


def _ends_with_a_surname(tokens: list[Token], context: Context) -> bool:
    """Two or three plain name words ending in a family name, opening with no
    ordinary word: a person's name whose given name no table knows."""
    if not 2 <= len(tokens) <= 3 or tokens[-1].bare not in lx.surnames():
        return False
    if not _PLAIN_NAME.fullmatch(context.text[tokens[0].start : tokens[-1].end]):
        return False  # "Frost & Sullivan", "Smith, Jones"
    first = tokens[0].bare
    if first in lx.surnames() or first.lower().endswith(("ing", "ed")):
        return False  # firms named after two founders ("Lockheed Martin"), "Rolling Stone"
    heads = lx.head_words()
    places = lx.places()
    # Many family names are small towns' names too ("Morales"); a country, a
    # region or a big city is not read as one.
    return not any(
        t.text.lower() in CONNECTORS
        or t.bare in heads
        or t.bare in places.sure
        or t.bare in places.big_cities
        or is_common(t, context)
        or len(t.bare) < 2
        for t in tokens
    )


def _brand(token: Token) -> bool:
    """A word that names a firm by itself: an acronym, a camel-cased brand,
    a famous organisation."""
    return lx.is_acronym(token.bare) or lx.is_camel(token.bare) or token.bare in lx.organisations()


def _middle_initials(words: list[str]) -> bool:
    """"Struan WA Wilkie", "John F. Kennedy": initials between names."""
    inner = words[1:-1]
    return bool(inner) and all(len(w.replace(".", "")) <= 2 and w.replace(".", "").isupper() for w in inner) and not lx.is_acronym(words[0]) and not lx.is_acronym(words[-1])


def is_demonym(word: str) -> bool:
    """"French", "Franco-German": a people's adjective, never a name alone."""
    if word in lx.demonyms():
        return True
    return "-" in word and all(part in lx.demonyms() for part in word.split("-"))


#: "I'm", "we'll", "don't": a contraction is no name.
_CONTRACTION = re.compile(r"['’](?:m|ll|re|ve|d|t)$")


def _not_a_name(token: Token) -> bool:
    word = token.bare
    if _CONTRACTION.search(token.text):
        return True
    if any(c.isdigit() for c in word) or word.rstrip(".") in BARE_SUFFIXES:
        return True
    if word.endswith(("ism", "isms")) and not lx.is_acronym(word):
        return True  # an ideology or a movement ("anti-Semitism", "Thatcherism")
    return (
        # "there IS an", "YES!": emphasis, not an acronym ("US" is a place, "WHO" an organisation).
        word.lower() in lx.function_words() and word not in lx.places() and word not in lx.organisations()
        or word in lx.generic_acronyms()
        or word in lx.calendar_words()
        or lx.is_title(word) and not lx.is_acronym(word)
        or word.lower() in lx.title_words()
        or word.isdigit()
        or len(word) < 2
    )


def name_like(token: Token) -> bool:
    """A word that may stand in a name: capitalised (not an acronym), an initial, or a connector."""
    word = token.bare
    if word.lower() in CONNECTORS:
        return True
    return word[:1].isupper() and not lx.is_acronym(word) or len(word) == 1
