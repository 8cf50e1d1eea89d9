"""Shape a candidate span into clean mentions: shared by both engines.

Given the tokens of a capitalised run (rules engine) or of a model's entity
(spaCy engine), cut off what is not the name — a title ("Foreign Minister"),
a leading sentence word, a trailing weekday — split runs that hold two names
("European Union Gordon Sondland", "CBS Sports NFL"), and say what each piece
looks like from its own words: an organisation word at its end, a place from
the gazetteer, an acronym, a person's title before it (``classify``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from byline.extract import lexicon as lx
from byline.extract.entities.classify import classify, is_common, is_demonym, name_like
from byline.extract.entities.mentions import BARE_SUFFIXES, CLUB_PREFIXES, CONNECTORS, ORG_CONNECTORS, PERSON, STATE_OF, Context, Mention
from byline.extract.lexicon.tokens import Token


def shape(tokens: list[Token], context: Context, label: str | None = None, weight: float = 0.0, source: str = "rules") -> list[Mention]:
    """Clean mentions from one candidate span."""
    tokens = _trim(tokens, context)
    if not tokens:
        return []
    if len(tokens) == 1:
        # Most candidates are one word (a sentence's "The", a surname): no
        # title to split off, no second name to cut away, nothing to join.
        word = _strip_connectors(tokens)
        return _classified(word, context, label, weight, source) if word else []
    heads = lx.head_words()
    titled_end = lx.is_title(tokens[-1].bare) or tokens[-1].bare.lower() in lx.title_words()
    # "Nicola Ranger", "Hannah Judge": after a given name a title word is a surname.
    surname = len(tokens) == 2 and tokens[0].bare in lx.first_names() and not lx.is_title(tokens[0].bare)
    if len(tokens) > 1 and titled_end and not surname and not any(t.bare in heads for t in tokens):
        # A title with nothing after it ("U.S. Ambassador"): only what it names counts.
        return [m for piece in _untitled(tokens) for m in _classified(piece, context, None, 0.0, source, quiet=True)]
    titled = _titled(tokens, context, weight, source)
    if titled is not None:
        return titled
    whole = spelled_out(context.text, tokens) or named_whole(tokens, context) or _known_place(tokens, context)
    pieces = [tokens] if whole else _pieces(tokens)
    if len(pieces) > 1:
        # "Deputy Director of | Public Prosecution Eva-Marie Persson": a piece
        # after a connector can hold plain words before a name too.
        pieces = [name_at_the_end(piece) for piece in pieces]
    mentions = []
    for piece in pieces:
        # "Mayor Ana Lopez | of Port Avery": a piece may open with a title too.
        titled = _titled(piece, context, weight, source) if len(pieces) > 1 else None
        mentions.extend(titled if titled is not None else _classified(piece, context, label, weight, source))
    return mentions


_ABBREVIATION_AFTER = re.compile(r"\s*\(([A-Z]{2,8})\)")


def spelled_out(text: str, tokens: list[Token]) -> bool:
    """"Office of Management and Budget (OMB)": an abbreviation right after
    the span spells the initials of all of it, so it is one name."""
    short = _ABBREVIATION_AFTER.match(text, tokens[-1].end)
    if short is None or " and " not in text[tokens[0].start : tokens[-1].end]:
        return False
    return short.group(1) == "".join(t.text[0] for t in tokens if t.text.lower() not in CONNECTORS and t.text[:1].isupper())


def _known_place(tokens: list[Token], context: Context) -> bool:
    """"Bosnia and Herzegovina", "Republic of Ireland": a place the
    gazetteer knows whole is not cut at its inner words."""
    if len(tokens) < 3:
        return False
    name = context.text[tokens[0].start : tokens[-1].end]
    state_of = STATE_OF.match(name)
    return name in lx.places().sure or bool(state_of and state_of.group(2) in lx.places().sure)


def named_whole(tokens: list[Token], context: Context) -> bool:
    """"Customs and Border Protection", written whole twice: one name."""
    span = context.text[tokens[0].start : tokens[-1].end]
    if " and " not in span or not context.repeats.used_twice(span):
        return False
    # "Moscow and Paris", "Johnson and Corbyn" repeat too: names the tables know are two.
    return not any(_known_name_word(t) for t in tokens)


def _known_name_word(token: Token) -> bool:
    word = token.bare
    return word in lx.places() or word in lx.first_names() or word in lx.surnames() or word in lx.organisations() or word in lx.generic_acronyms()


def _titled(tokens: list[Token], context: Context, weight: float, source: str) -> list[Mention] | None:
    """A person's name after a title ("Foreign Minister Sergei Lavrov"), and
    what the title itself names; None when no title stands first."""
    split = _split_title(tokens)
    if split is None:
        return None
    prefix, name = split
    mentions = []
    for piece in _untitled(prefix):
        mentions.extend(_classified(piece, context, None, 0.0, source, quiet=True))
    person = _classified(name, context, PERSON, max(weight, 3.0), source)
    for mention in person:
        mention.alias_start = tokens[0].start
    return mentions + person


def name_at_the_end(run: list[Token]) -> list[Token]:
    """A run of capitals can hold words before a name that are no part of it:
    a sentence's first noun ("Employee Steve Castro said"), an office no table
    knows ("Ombudsman Nadia Cruz"), a tag ("Britain Liu Xiaoming") — and
    where every noun is capitalised (German), any noun: "Oberbürgermeisterin
    Sabine Thelen". A given name and a surname or two at the run's end are the
    name when nothing before them is a name word; titles are left to the
    title split ("Secretary of State Ana Lopez")."""
    heads = lx.head_words()
    for index in range(len(run) - 2, 0, -1):
        if len(run) - index > 3:
            break
        name, before = run[index:], run[:index]
        if run[index].bare not in lx.first_names() or not all(t.is_capitalised for t in name):
            continue
        if any(t.bare in heads for t in name):
            return run  # "Saint Mary Hospital"
        if any(
            lx.is_title(t.bare)
            or t.bare.lower() in lx.title_words()
            or t.bare in lx.first_names()
            or t.bare in lx.surnames()
            or t.bare in heads
            for t in before
        ) or lx.is_acronym(before[-1].bare) or lx.is_camel(before[-1].bare):
            return run  # "Mary Kate Olsen", "Hillary Rodham Clinton", "BMJ Case Reports", titles
        if _known_name_at(run, max(0, index - 2), len(run)) or _known_name_at(run, index - 1, len(run)):
            return run  # "the New York Islanders": "York" is a given name, "New York" a place
        return name
    return run


def _trim(tokens: list[Token], context: Context) -> list[Token]:
    start, end = 0, len(tokens)
    while start < end and (
        _is_filler(tokens[start])
        or tokens[start].text.lower() in CONNECTORS
        and not (_capital_particle(tokens[start]) and end - start > 1 and tokens[start + 1].is_capitalised)
        or (
            tokens[start].sentence_start
            and end - start > 1
            and _opens_like_a_word(tokens[start], context)
            # "New Jersey Sen. Cory Booker": a name the tables know is no sentence's first word.
            and not _known_name_at(tokens, start, end)
            # "Harbour Ferries will…": two ordinary words capitalised together
            # are a name or nothing, never the second word alone.
            and not (end - start == 2 and is_common(tokens[start + 1], context))
        )
    ):
        start += 1
    while end > start and (
        _is_filler(tokens[end - 1])
        # "Mayor Ana Lopez Says": a speech verb in title case ends the name.
        or end - start > 1 and tokens[end - 1].text.lower() in lx.cue_forms()
        or tokens[end - 1].text.lower() in CONNECTORS
        or tokens[end - 1].bare.lower() in lx.title_words() and end - start > 1 and tokens[end - 2].text.lower() not in CONNECTORS
        and not lx.is_title(tokens[end - 2].bare)
    ):
        end -= 1
    return tokens[start:end]


def _known_name_at(tokens: list[Token], start: int, end: int) -> bool:
    """Two or three words from ``start`` make a place or organisation the
    tables know ("New Jersey", "New York Times")."""
    places = lx.places()
    for size in (2, 3):
        if start + size <= end:
            name = " ".join(t.bare if not lx.is_acronym(t.bare) else t.text for t in tokens[start : start + size])
            if name in places or name in lx.organisations():
                return True
    return False


def _opens_like_a_word(token: Token, context: Context) -> bool:
    """A sentence's first word that is an ordinary word: used in lower case
    elsewhere, or shaped like a verb form or adverb ("Questioning", "Asked")."""
    if lx.is_title(token.text) or token.bare in lx.places():
        return False
    word = token.bare.lower()
    return is_common(token, context) or word.endswith(("ing", "ed", "ly")) and word not in lx.first_names()


def _is_filler(token: Token) -> bool:
    """A weekday or month, or a function word — unless a capital in mid-
    sentence makes it part of a name ("Will Moy", "The Real Deal" aside)."""
    if token.bare in lx.calendar_words():
        # "Monday", "Sept.": a date's word — but a bare three-letter
        # abbreviation is a word of a name ("the Toledo Sun", "Jan Novak").
        return len(token.text) > 3 or token.text.endswith(".")
    if token.text.lower() not in lx.function_words() or token.text.isupper() and len(token.text) > 1:
        return False
    if lx.is_title(token.bare) and token.text[:1].isupper():
        return False  # an honorific ("Dr Aisha Rahman"): the title split takes it
    return token.sentence_start or token.text in ("The", "A", "An") or not token.text[:1].isupper()


def _split_title(tokens: list[Token]) -> tuple[list[Token], list[Token]] | None:
    """(title part, name part) when a title stands right before a name:
    "Foreign Minister | Sergei Lavrov", "Secretary of State | Mike Pompeo"."""
    heads = lx.head_words()
    start = len(tokens)
    while start > 0 and (_name_part(tokens[start - 1], heads) or start == len(tokens) and _surname_after_given(tokens, start - 1)):
        start -= 1
    while start < len(tokens) and tokens[start].text.lower() in CONNECTORS:
        start += 1
    prefix, name = tokens[:start], tokens[start:]
    surname = len(name) >= 2 and _surname_after_given(name, len(name) - 1)
    if not prefix or not name or any(t.bare in heads for t in (name[:-1] if surname else name)):
        return None
    last = prefix[-1].bare.lower()
    if not (lx.is_title(last) or last in lx.title_words()) or not any(lx.is_title(t.text) for t in prefix):
        return None
    if len(name) == 1 and lx.is_acronym(name[0].bare):
        return None
    return prefix, name


def _surname_after_given(tokens: list[Token], index: int) -> bool:
    """"Senator Helen Marsh": a place word that is a surname too, right after
    a given name, is the surname."""
    return index > 0 and tokens[index].bare in lx.surname_place_words() and tokens[index - 1].bare in lx.first_names()


def _name_part(token: Token, heads: frozenset[str]) -> bool:
    word = token.bare
    if token.text.lower() in CONNECTORS:
        return token.text.lower() in lx.name_particles()
    return not (lx.is_title(word) or word.lower() in lx.title_words() or word in heads or is_demonym(word))


def _untitled(prefix: list[Token]) -> list[list[Token]]:
    """What is left of a title once its title words are gone: "US" in "US
    President", "InfoNation" in "InfoNation President"."""
    titled = _title_words(prefix)
    core = list(prefix)
    while core and (titled[len(core) - 1] or core[-1].text.lower() in CONNECTORS):
        core.pop()
    if core and (core[-1].bare in lx.org_words() or core[-1].bare in lx.place_words()):
        # "Indiana State Teachers Association President": the organisation whole.
        return _pieces(core)
    runs: list[list[Token]] = []
    current: list[Token] = []
    for token, title in zip(prefix, titled):
        word = token.bare
        if title or is_demonym(word) or word.lower() in CONNECTORS:
            if current:
                runs.append(current)
            current = []
        else:
            current.append(token)
    if current:
        runs.append(current)
    return [piece for run in runs for piece in _pieces(run)]


def _title_words(tokens: list[Token]) -> list[bool]:
    """Which tokens are title words: titles, title words, and words that
    make a title with the title after them when only titles stand before
    ("Assistant District Attorney", "Police Chief" — but the organisation in
    "Metropolitan Police Commissioner")."""
    titled = [lx.is_title(t.bare) or t.bare.lower() in lx.title_words() for t in tokens]
    for index in range(len(tokens) - 1):
        if not titled[index] and titled[index + 1] and tokens[index].bare.lower() in lx.title_modifiers():
            titled[index] = all(titled[:index])
    return titled


def _pieces(tokens: list[Token]) -> list[list[Token]]:
    """Split a run that holds two names: after an organisation word that more
    capitalised words follow ("European Union | Gordon Sondland"), and where an
    acronym follows ordinary words ("CBS Sports | NFL")."""
    # What the rest of the run holds, from each position on (one pass back,
    # so a long run is not rescanned at every token).
    org_from = [False] * (len(tokens) + 1)
    names_from = [True] * (len(tokens) + 1)
    heads = lx.head_words()
    for index in range(len(tokens) - 1, -1, -1):
        # "MIDFLORIDA Credit Union Amphitheatre": a later organisation or place
        # word keeps the name whole.
        org_from[index] = org_from[index + 1] or tokens[index].bare in heads
        names_from[index] = names_from[index + 1] and name_like(tokens[index])
    pieces: list[list[Token]] = []
    current: list[Token] = []
    current_names = True
    for index, token in enumerate(tokens):
        rest = _Rest(tokens[index + 1 : index + 2], org_from[index + 1], current_names and names_from[index + 1])
        if current and _boundary(current, token, rest):
            pieces.append(current)
            current, current_names = [], True
        current.append(token)
        current_names = current_names and name_like(token)
    if current:
        pieces.append(current)
    return [p for p in (_strip_connectors(piece) for piece in pieces) if p]


@dataclass(slots=True)
class _Rest:
    """What follows a token in its run: the next token, whether an
    organisation word comes later, whether the words around are all name-like."""

    following: list[Token]
    org_word: bool
    all_names: bool


def _boundary(current: list[Token], token: Token, rest: _Rest) -> bool:
    last = current[-1]
    following = rest.following
    if token.text == "and":
        # "Pacific Gas and Electric Co." is one name; "Joe and Hunter Biden" two.
        return not rest.org_word
    if token.text in lx.name_particles() and following and following[0].is_capitalised and not _joins(current):
        # "Anneke de Vries", "Ursula von der Leyen"
        return not rest.all_names
    if _capital_particle(token) and following and following[0].is_capitalised and (
        last.bare in lx.first_names() or _capital_particle(last)
    ):
        return False  # "James Van Der Beek", "Leonardo Da Vinci"
    if token.text.lower() in CONNECTORS:
        return not _joins(current)
    if last.text.lower() in CONNECTORS or last.bare in CLUB_PREFIXES:
        return False  # "FC Porto", "AC Milan": the club's letters open its name
    places = lx.places()
    if last.bare in places.sure and token.bare in places.sure and f"{last.bare} {token.bare}" not in places and not lx.could_be_a_name(last.bare, token.bare):
        return True  # "Russia Ukraine": a list of tags, two places ("Chad Jordan" may be a man)
    if last.bare in lx.org_words() and token.is_capitalised and not (token.bare in lx.org_words() or token.bare in lx.place_words() or rest.org_word):
        # "European Union | Gordon Sondland" — but "Institute for International
        # Economics" holds together after its "for".
        return not any(t.text.lower() in ORG_CONNECTORS for t in current)
    country = len(last.bare.replace(".", "")) == 2 and (last.text in places.sure or last.bare in places.sure)
    if country and lx.is_acronym(token.bare) and token.bare not in places:
        return True  # "US EPA", "U.S. FDA": a country's initials, then an agency's
    if lx.is_acronym(last.bare) and token.bare in lx.organisations() and len(following) == 0:
        return True  # "VOA Pentagon": an outlet's initials before a widely named body
    if not lx.is_acronym(token.bare) or "." in token.text or lx.is_acronym(last.bare) or token.bare in BARE_SUFFIXES:
        return False
    # Initials inside a name ("Struan WA Wilkie") are not an acronym.
    initials = len(token.bare) <= 2 and following and following[0].is_capitalised and not lx.is_acronym(following[0].bare)
    return not (initials and not lx.is_title(following[0].bare))


def _capital_particle(token: Token) -> bool:
    """A name particle written with a capital ("Van", "Der", "De", "Al")."""
    return token.text[:1].isupper() and token.text.lower() in lx.name_particles()


def _joins(current: list[Token]) -> bool:
    """"Bureau of Prisons", "Commissioner for Human Rights", "State of Israel"
    hold together; "Brian Batko of the Post-Gazette" is two names."""
    head = current[-1].bare
    return head in lx.org_words() or head in lx.place_words()


def _strip_connectors(tokens: list[Token]) -> list[Token]:
    start, end = 0, len(tokens)
    while start < end and tokens[start].text.lower() in CONNECTORS:
        start += 1
    while end > start and tokens[end - 1].text.lower() in CONNECTORS:
        end -= 1
    return tokens[start:end]


def _classified(tokens: list[Token], context: Context, label: str | None, weight: float, source: str, quiet: bool = False) -> list[Mention]:
    own_label, own_weight = classify(tokens, context)
    if own_label == "SKIP":
        return []
    if quiet and (own_label is None or own_label == PERSON or own_weight < 1):
        # Leftovers of a title ("Energy" in "Energy Secretary") need their own evidence.
        return []
    start, end = tokens[0].start, tokens[-1].end
    text = context.text[start:end]
    initial = tokens[0].sentence_start
    mentions = []
    if own_label is not None:
        mentions.append(Mention(start, end, text, own_label, own_weight, start, initial))
    if label is not None and weight:
        mentions.append(Mention(start, end, text, label, weight, start, initial, source))
    if not mentions:
        mentions.append(Mention(start, end, text, None, 0.0, start, initial, source))
    return mentions
