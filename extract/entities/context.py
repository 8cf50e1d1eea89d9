"""What the words around a name say it is: the context evidence of the
rules engine (``rules``), one vote per mention on the scale of ``mentions``.

A lower-case title or role noun right before a name ("spokeswoman Maria
Zakharova"), an apposition after it ("X, the company's chief executive"),
"who" after it, where one works ("analysts at X"), what a company has
("shares of X", "X's spokesman"), a place's neighbours ("Buffalo, N.Y.",
"southwest of X"), a product's or programme's noun ("the Artemis program"),
a code's number ("S&P 500"), a team's score in a sports report.
"""

from __future__ import annotations

import re

from byline.extract import lexicon as lx
from byline.extract.entities.mentions import NOT_ENTITY, ORG, PERSON, PLACE, Mention

_OWNED = re.compile(r"(?<![\w])(?:its|their|his|her|our|your|my) $")
_COMPANY_BEFORE = re.compile(r"\b(?:[Ss]hares|[Ss]tock|stake|shareholders|investors) (?:of|in) $")
_COMPANY_AFTER = re.compile(
    r"(?:['’]s)? (?:shares|stock|share price|shareholders|CEO|CFO|chief executive|spokesperson|spokesman|spokeswoman|"
    r"spokespeople|board|chairman|chairwoman|co-founder|founder|employees|staff)\b"
)
_PRONOUN_AFTER_CUE = re.compile(r"^ (?:[a-z]+ ){0,2}?(?P<verb>[a-z]+) (?:that )?(?P<pronoun>it|its|they|their|he|his|she|her)\b")
_WORKS_AT = re.compile(r"\b(?P<role>[A-Za-z][a-z]+?)s? (?P<preposition>at|with|from|for) (?:the )?$")
_PLURAL_NAME = re.compile(r"[A-Z][a-z]+[^s'’]s")
_PERSON_AFTER = re.compile(r"^,? who\b|^ \(\d{1,3}\)|^, \d{1,3},")
_PARTY_STATE = re.compile(r"(?<![\w])[RDI]-$")


def context_votes(text: str, mentions: list[Mention], sports: bool = False) -> list[Mention]:
    """What the words around a name say: a lower-case title right before
    ("spokeswoman Maria Zakharova"), an apposition after ("X, the company's
    chief executive", "X, a data firm"), "who" after; "its" before a name
    makes it a thing the subject owns ("its Starship vehicle")."""
    votes = []
    for mention in mentions:
        if mention.label in (ORG, PLACE) and mention.weight >= 2 or mention.label == PERSON and mention.weight >= 3:
            continue  # decided by its own words ("… Authority", "Mayor Ana Lopez")
        before = text[max(0, mention.start - 80) : mention.start]
        after = text[mention.end : mention.end + 120]
        words_before = before.split()
        label, weight = None, 0.0
        # Only text ending in "called", "named"… can hold one: most is spared the search.
        named_as = _CALLED.search(before) if before.endswith(_CALLED_ENDS) or before.endswith("\n") else None
        if named_as is not None:
            # "a condition called HP", "an offering called INWEGO", "a startup
            # named Tessara": the name is of the kind of the noun it names.
            label, weight = _kind_of(named_as.group("noun"))
        elif words_before and words_before[-1].islower() and (
            lx.is_title(words_before[-1]) or lx.role_nouns().get(words_before[-1]) == "PERSON" or words_before[-1] in lx.team_nouns()
        ):
            # "spokeswoman Maria Zakharova", "Pittsburgh center Maurkice Pouncey"
            label, weight = PERSON, 2.0
        elif before.endswith(("the ", "The ")) and _PLURAL_NAME.fullmatch(mention.text) and mention.text not in lx.places():
            # "the Pioneers, who…", "the Foxes": a team or a band, not a person.
            label, weight = ORG, 2.0
        elif _PERSON_AFTER.match(after) or (role := _role_in_apposition(before, after)) == "PERSON":
            # "X, who…", "X (54)", "Her son, Declan, runs…": a person.
            label, weight = PERSON, 2.0
        elif role == "ORG" and mention.label in (PERSON, None):
            # "The group that owns her music, Big Machine, says…": an organisation.
            label, weight = ORG, 2.0
        elif mention.label == PERSON and mention.weight < 3 and before.endswith(" the ") and not _attributive(after):
            # "volunteers from the Red Cross": a person's name takes no article.
            label, weight = ORG, 2.0
        elif mention.label in (PERSON, None) and mention.weight < 2 and _works_at(before):
            # "analysts at Morgan Stanley", "a scientist at Goddard": people work at organisations.
            label, weight = ORG, 2.0
        elif mention.label is None and (pronoun := _pronoun_after_cue(after)) is not None:
            label, weight = pronoun, 1.5
        elif mention.label is None and _employer_before_role(after):
            # "Jefferies analyst Mark Liu", "Acme spokeswoman Jo Kim": who employs the person.
            label, weight = ORG, 2.0
        elif _COMPANY_BEFORE.search(before) or _COMPANY_AFTER.match(after):
            # "shares of Arvelo", "Arvelo shares rose", "Arvelo CEO …": a company.
            label, weight = ORG, 2.0
        elif before.endswith(" @ ") and mention.label != PERSON:
            # "Toronto, ON @ Budweiser Stage": a listing's venue.
            label, weight = PLACE, 2.0
        elif mention.label in (PLACE, None) and _DIRECTION_OF.search(before):
            # "a village southwest of Ithaca", "on the outskirts of Ziketan": a place.
            label, weight = PLACE, 2.0
        elif mention.label == PLACE and mention.weight < 1 and _LOCATIVE_BEFORE.search(before):
            # "in Ithaca", "near Hawthorne": a small town's name after a locative preposition.
            label, weight = PLACE, 1.0
        elif _PARTY_STATE.search(before) or _after_place(before, mention.text):
            label, weight = PLACE, 2.0
        elif sports and mention.label is None and _player(mention.text, before, after):
            # "Jo-Wilfried Tsonga cruised past Uchiyama 6-2": in a sports report,
            # a name of plain words that plays, neither a place nor a nickname, is a player.
            label, weight = PERSON, 1.5
        elif sports and _SCORELINE.match(after) and mention.label != PERSON:
            # "Wild 4, Sabres 1:": in a sports report, a name and its score is a team.
            label, weight = ORG, 2.0
        elif _NUMBER_AFTER_NAME.match(after) and not lx.is_acronym(mention.text):
            # "Red Dead Redemption 2", "Galaxy S10": a sequel's or a model's number.
            label, weight = NOT_ENTITY, 1.5
        elif " & " in mention.text and mention.label in (PERSON, None):
            # "Ernst & Young", "Frost & Sullivan": no one person's name holds "&".
            label, weight = ORG, 2.0
        elif _STORE_POSSESSIVE.match(after) and (mention.label in (PERSON, None) or mention.weight < 1):
            # "at Macy’s, …", "Lowe’s reported": a possessive with no noun after is a shop's name.
            label, weight = ORG, 2.0
        elif _thing_noun_after(after) and (mention.label != PLACE or mention.weight < 3):
            # "the Artemis program", "the VIPER rover", "its Payload Services (CLPS) contracts".
            label, weight = NOT_ENTITY, 2.0
        elif _A_THING.search(before) and _LOWER_NOUN_AFTER.match(after) and mention.label != PLACE:
            # "a Liquid Retina display", "an Orvella tablet": a kind of thing, not a name of its own.
            label, weight = NOT_ENTITY, 1.0
        elif lx.is_acronym(mention.text) and _code_not_name(before, after):
            # "the S&P 500", "151 PS", "(.DJI)", "EUR=": an index, a unit or a ticker.
            label, weight = NOT_ENTITY, 2.0
        elif _OWNED.search(before) and mention.text.split()[0] not in lx.first_names():
            label, weight = NOT_ENTITY, 1.5
        elif _geographic_noun_after(after) and mention.label != PERSON:
            label, weight = PLACE, 2.0  # "the Scilla islands", "Kherson region"
        else:
            label, weight = _apposition(after)
        if label is not None:
            votes.append(Mention(mention.start, mention.end, mention.text, label, weight, mention.alias_start, mention.sentence_initial))
    return votes


_CALLED = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur) (?:[\w-]+ ){0,4}?(?P<noun>[a-z]{3,}) (?:called|named|dubbed|known as) $")
_CALLED_ENDS = ("called ", "named ", "dubbed ", "known as ")


def _kind_of(noun: str) -> tuple[str, float]:
    """What a name is of the kind a common noun says: a person's or an
    organisation's role, a kind of place, or else a thing."""
    singular = noun[:-1] if noun.endswith("s") and noun[:-1] in lx.role_nouns() else noun
    kind = lx.role_nouns().get(singular)
    if kind is not None:
        return (PERSON if kind == "PERSON" else ORG), 2.0
    if noun in lx.geographic_nouns():
        return PLACE, 2.0
    return NOT_ENTITY, 2.0


_ROLE_THEN_NAME = re.compile(r"^ (?:[a-z-]+ )?(?P<role>[a-z]+) [A-Z][a-z]")


_A_THING = re.compile(r"(?<![\w’'-])(?:[Aa]n?) $")
_LOWER_NOUN_AFTER = re.compile(r"^ (?:[a-z]+-)*[a-z]{3,}\b(?! (?:of|to|for|with|said|says|and|or)\b)")
_SCORELINE = re.compile(r"^ \d{1,3}(?:,|:| [-–]|$)")
_NUMBER_AFTER_NAME = re.compile(r"^ \d{1,4}(?![\d,.:/-])(?! (?:percent|per|years?|days?|miles?|people|points?)\b)")
_STORE_POSSESSIVE = re.compile(r"^['’]s(?:[,.;:)]| (?:and|or|said|says|reported|announced|is|was|has|had)\b)")
_DIRECTION_OF = re.compile(r"\b(?:(?:north|south)(?:east|west)?|east|west|outskirts|miles|kilometres|kilometers|km) of (?:the )?$")
_LOCATIVE_BEFORE = re.compile(r"(?<![\w-])(?:in|near|outside|from|to|across|around) $")
_NUMBER_AFTER = re.compile(r"^ \d|^[=.]?\d|^=")
_NUMBER_BEFORE = re.compile(r"(?:\d|\d[.,]\d+) $|[.(]$")


def _code_not_name(before: str, after: str) -> bool:
    """An all-caps word with a number after it ("S&P 500", "LC 500"), a
    number before it ("151 PS"), or a ticker's dot or "=" ("(.DJI)",
    "EUR="): a code, not an organisation's name."""
    if before.endswith("(") and after.startswith(")"):
        return before.endswith(".(") or False
    return bool(_NUMBER_AFTER.match(after) or _NUMBER_BEFORE.search(before))


_NOUN_AFTER = re.compile(r"^(?:\s*\([A-Z][\w&.-]*\))?\s+([a-z]+)\b")


_PLAYS = re.compile(
    r"^ (?:\w+ )?(?:beat|beats|defeated|defeats|edged|edges|cruised past|routed|rallied past|outlasted|stunned|upset|"
    r"scored|saved|stopped|held off|lost to|fell to|won|drew)\b"
)
_PLAYED = re.compile(r"\b(?:beat|defeated|edged|past|over|to|against|versus|vs\.?) $")


def _player(name: str, before: str, after: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 4 or words[-1].endswith("s") or any(w in lx.places() or w in lx.org_words() for w in words):
        return False
    return bool(_PLAYS.match(after) or _PLAYED.search(before) and re.match(r"^ \d", after))


def _thing_noun_after(after: str) -> bool:
    """A programme's, product's or work's noun right after the name (an
    abbreviation in brackets may stand between)."""
    match = _NOUN_AFTER.match(after)
    return match is not None and match.group(1) in lx.thing_nouns()


def _employer_before_role(after: str) -> bool:
    """A name, a person's role noun, then a name: the first name employs the second."""
    match = _ROLE_THEN_NAME.match(after)
    return match is not None and lx.role_nouns().get(match.group("role")) == "PERSON"


_ROLE_BEFORE_APPOSITION = re.compile(
    r"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Mm]y) (?:[\w.’'-]+ ){0,3}?(?P<role>[A-Za-z]+)(?: (?:that|which|who) [^,;.]{1,60})?, $"
)


#: A list goes on after an item: "a controller, Chromecast Ultra and three months of…".
_LIST_GOES_ON = re.compile(r"^,? (?:and|or) ")


def _role_in_apposition(before: str, after: str) -> str | None:
    """"Her son, Declan,", "the company's founder, Ana Ruiz,": the kind of
    the role noun a name stands in apposition to — not the item before it in
    a list ("a controller, Chromecast Ultra and three months…")."""
    match = _ROLE_BEFORE_APPOSITION.search(before)
    if match is None or _LIST_GOES_ON.match(after):
        return None
    role = match.group("role")
    # "the then UK Home Secretary, Sajid Javid,": a capitalised title is a person's role too.
    return lx.role_nouns().get(role.lower()) or ("PERSON" if lx.is_title(role) or role.lower() in lx.title_words() else None)


def _works_at(before: str) -> bool:
    """"analysts at", "a researcher with", "officials from", "a spokesperson
    for": a person's role noun, then where the person works."""
    match = _WORKS_AT.search(before)
    if match is None:
        return False
    role = match.group("role").lower()
    if match.group("preposition") == "for":
        # "a spokesperson for X" speaks for a body; "a lawyer for X" may act for a person.
        return role in lx.speaks_for() or role + "s" in lx.speaks_for()
    return lx.role_nouns().get(role) == "PERSON"


def _pronoun_after_cue(after: str) -> str | None:
    """ORG or PERSON when a speech verb right after a name is followed by a
    pronoun standing for it ("Westway Ferries said it was disappointed")."""
    match = _PRONOUN_AFTER_CUE.match(after)
    if match is None or match.group("verb") not in lx.cue_forms():
        return None
    return ORG if match.group("pronoun") in ("it", "its") else PERSON if match.group("pronoun") in ("he", "his", "she", "her") else None


_NEXT_LOWER_WORD = re.compile(r"\s+([a-z]+)(?![\w’'-])")


def _geographic_noun_after(after: str) -> bool:
    """"the Scilla islands", "Kherson region": a geographic noun right after."""
    following = _NEXT_LOWER_WORD.match(after)
    return following is not None and following.group(1) in lx.geographic_nouns_after_names()


_NEXT_LOWER_LETTERS = re.compile(r"\s+([a-z]+)")


def _attributive(after: str) -> bool:
    """A name used before a noun ("the Howard Jones song") may take "the"."""
    following = _NEXT_LOWER_LETTERS.match(after)
    if not following:
        return False
    word = following.group(1)
    return word not in lx.function_words() and word not in lx.cue_forms() and not word.endswith(("ed", "s"))


def _after_place(before: str, name: str) -> bool:
    """"Buffalo, N.Y.": a dotted abbreviation after a place and a comma."""
    if not re.fullmatch(r"(?:[A-Z]\.)+", name):
        return False
    previous = re.search(r"([A-Z][\w.]*(?: [A-Z][\w.]*)*), $", before)
    return bool(previous) and previous.group(1) in lx.places()


_PHRASE_END = re.compile(r"[,.;:()]")


def _apposition(after: str) -> tuple[str | None, float]:
    """"X, the principal deputy press secretary": the first role noun in a
    comma phrase after a name says whose name it is."""
    if not after.startswith(", "):
        return None, 0.0
    phrase = _PHRASE_END.split(after[2:], maxsplit=1)[0].split()[:7]
    if not phrase or phrase[0] in ("which", "that", "whose", "where", "when", "and", "but", "or", "who"):
        return (ORG, 0.5) if phrase[:1] == ["which"] else (None, 0.0)
    capital_role = lx.is_title(phrase[0]) or phrase[0].lower() in lx.role_nouns() or phrase[0].isupper() and phrase[0].lower() in lx.title_words()
    if phrase[0][:1].isupper() and not phrase[0].endswith(("'s", "’s", "'", "’")) and not capital_role:
        return None, 0.0  # "X, Director, IIFL" and "X, CEO of Y" read on; "X, Paris" does not
    if capital_role and len(phrase) > 1 and phrase[1][:1].isupper():
        return None, 0.0  # "South Bend, Ind., Mayor Pete Buttigieg": a title before a name
    if phrase[0] in lx.cue_forms():
        return None, 0.0  # "…at Google, tells The Hollywood Reporter": a verb, no apposition
    roles = lx.role_nouns()
    for word in phrase:
        word = word.lower().strip("'’")
        if word in lx.geographic_nouns():
            return PLACE, 1.5  # "St Brannoc, the largest of the islands", "X, a town in…"
        kind = roles.get(word) or ("PERSON" if lx.is_title(word) and word not in lx.function_words() else None)
        if kind is not None:
            return (PERSON, 1.5) if kind == "PERSON" else (ORG, 1.0)
    return None, 0.0
