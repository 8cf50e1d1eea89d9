"""The ``rules`` engine: entities from capitalisation, cue words and word tables.

Pure Python, no model. It proposes mentions — capitalised runs shaped by
``spans.shape``, all-caps datelines, a country's lower-case ministry — and
leaves deciding what they are, across the whole document, to ``document``.
"""

from __future__ import annotations

import bisect
import re

from byline.extract import lexicon as lx
from byline.extract.entities.mentions import CONNECTORS, NOT_ENTITY, ORG, PERSON, PLACE, TEAM, Context, Mention, Repeats, all_caps
from byline.extract.entities.spans import name_at_the_end, named_whole, shape, spelled_out
from byline.extract.lexicon.tokens import Token, paragraphs, tokenize

#: A lower-case word of the prose: not a piece of a web address ("pic.twitter.com", "@handle").
_LOWER_WORD = re.compile(r"(?<![\w’'./@#-])[a-z][a-z]+(?:-[a-z]+)*(?![\w-]|\.\w)")
#: What follows a dateline's place: a dash, a comma, a colon, or an agency in brackets and a dash.
_DATELINE_GAP = re.compile(r"^\s*(?:[–—-]|,|:|\([A-Za-z][A-Za-z .]*\)\s*[–—-])")
#: ", Ohio —", ", Neb. (AP) —": the region after a dateline's town.
_DATELINE_REGION = re.compile(r",\s+([A-Z][\w.]*(?: [A-Z][\w.]*)?)\s*(?:\([A-Za-z]+\)\s*)?[–—-]")
_GOVERNMENT_BODY = re.compile(
    r"(?<![\w])(?P<owner>(?!The )[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:['’]s)? "
    r"(?P<portfolio>(?:foreign|defen[cs]e|interior|finance|health|justice|economy|trade|education|"
    r"culture|energy|agriculture|environment|transport|home|labou?r) )?(?P<body>ministry|commission)\b"
)
#: A lower-case term's abbreviation outweighs any number of its mentions.
DEFINED_TERM_WEIGHT = 50.0
_ABBREVIATION = re.compile(r"\(([A-Z]{2,6})\)")
_DEFINED_TERM = re.compile(r"(?:[a-z][a-z-]+ ){1,5}$")
_QUOTED = re.compile(r"[\"“]([^\"“”\n]{3,120})[\"”]")
_LOCATIVE = frozenset({"in", "at", "from", "near", "outside", "across", "to"})
_AGENCY = re.compile(r"\s*\(([A-Z][A-Za-z]+)\)")
_PARTY_STATE = re.compile(r"(?<![\w])[RDI]-$")
_OWNED = re.compile(r"(?<![\w])(?:its|their|his|her|our|your|my) $")
_COMPANY_BEFORE = re.compile(r"\b(?:[Ss]hares|[Ss]tock|stake|shareholders|investors) (?:of|in) $")
_COMPANY_AFTER = re.compile(
    r"(?:['’]s)? (?:shares|stock|share price|shareholders|CEO|CFO|chief executive|spokesperson|spokesman|spokeswoman|"
    r"spokespeople|board|chairman|chairwoman|co-founder|founder|employees|staff)\b"
)
#: "Westway Ferries said it…", "X announced its…": a name a speech verb then
#: "it" or "its" refer back to is an organisation's; "he", "she" a person's.
_PRONOUN_AFTER_CUE = re.compile(r"^ (?:[a-z]+ ){0,2}?(?P<verb>[a-z]+) (?:that )?(?P<pronoun>it|its|they|their|he|his|she|her)\b")
_WORKS_AT = re.compile(r"\b(?P<role>[A-Za-z][a-z]+?)s? (?P<preposition>at|with|from|for) (?:the )?$")
_PLURAL_NAME = re.compile(r"[A-Z][a-z]+[^s'’]s")
_PERSON_AFTER = re.compile(r"^,? who\b|^ \(\d{1,3}\)|^, \d{1,3},")


def build_context(text: str) -> Context:
    return Context(text, frozenset(_LOWER_WORD.findall(text)), Repeats(text))


def find_mentions(text: str, context: Context | None = None) -> list[Mention]:
    """Every mention the rules can see, with the evidence for its type."""
    context = context or build_context(text)
    mentions: list[Mention] = []
    for start, end in paragraphs(text):
        tokens = tokenize(text, start, end)
        if not tokens:
            continue
        taken = _dateline(text, start, tokens, mentions)
        lines = _Lines(text, start, end, tokens)
        slogans = _title_case_quotes(text, start, end)
        slogan_starts = [a for a, _ in slogans]
        for run in capitalised_runs(text, tokens[taken:], context):
            inside = bisect.bisect_right(slogan_starts, run[0].start) - 1
            kind = lines.kind(run[0].start)
            if kind != "prose" or inside >= 0 and run[0].start < slogans[inside][1]:
                known = _known_places(run, context, capitals=kind == "capitals")
                _teams_named_after_places(text, known, context)
                mentions.extend(known)
                continue
            cut = name_at_the_end(run)
            if cut is not run:  # what came before the name counts only as a known place ("Britain")
                mentions.extend(_known_places(run[: len(run) - len(cut)], context))
                run = cut
            shaped = shape(run, context)
            _subjects_of_cues(text, shaped)
            _teams_named_after_places(text, shaped, context)
            mentions.extend(shaped)
            mentions.extend(_context_votes(text, shaped, context.sports_report))
    mentions.extend(_government_bodies(text))
    mentions.extend(_defined_terms(text))
    mentions.extend(_towns_and_regions(text))
    return mentions


#: "Tampa, FL", "Greenbelt, Maryland,", "Buffalo, N.Y.": a town, a comma, then
#: its state or country, which ends the phrase.
_TOWN_REGION = re.compile(
    r"(?<![\w’'.-])(?P<town>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}), "
    r"(?P<region>[A-Z][A-Za-z.]*(?: [A-Z][a-z]+)?)(?=[,;:.)]?(?:\s|$)|\s+@)"
)


def _towns_and_regions(text: str) -> list[Mention]:
    """A postal code right after a town ("Alpharetta, GA", "Toronto, ON") is
    a place, and so is the town before its state or country ("Greenbelt,
    Maryland"): the pair names where something is."""
    places = lx.places()
    found = []
    position = 0
    while (match := _TOWN_REGION.search(text, position)) is not None:
        # The region may be the next pair's town ("SpaceX, Hawthorne, California").
        position = match.start("region")
        region = match.group("region")
        postal = region in places.postal
        if not (postal or region in places.sure) or lx.is_acronym(match.group("town").split()[-1]):
            continue
        start, end = match.span("region")
        if postal:
            found.append(Mention(start, end, region, PLACE, 3.0, start))
        town = match.group("town")
        # "On Monday, Switzerland and Denmark…": a weekday or a function word is no town.
        ordinary = any(w.lower() in lx.function_words() or w in lx.calendar_words() for w in town.split())
        # "Bosnia and Herzegovina, Slovakia": the tail of a name joined by "and" is no town.
        ordinary = ordinary or text.endswith(" and ", 0, match.start("town"))
        if not ordinary and town not in places.sure:
            start = match.start("town")
            found.append(Mention(start, start + len(town), town, PLACE, 2.0, start))
    return found


def _defined_terms(text: str) -> list[Mention]:
    """"hypersensitivity pneumonitis (HP)": an abbreviation defined for a
    lower-case term names no entity."""
    found = []
    for match in _ABBREVIATION.finditer(text):
        # The words right before the bracket (a short look back, not a scan).
        term = _DEFINED_TERM.search(text, max(0, match.start() - 200), match.start())
        if term is None:
            continue
        words, short = term.group().split(), match.group(1)
        initials = "".join(w[0] for w in words[-len(short) :]).upper()
        if len(words) >= len(short) and initials == short.replace("&", ""):
            start = match.start(1)
            # Decisive: however often "HP" recurs, it abbreviates a term.
            found.append(Mention(start, match.end(1), short, NOT_ENTITY, DEFINED_TERM_WEIGHT, start))
    return found


def capitalised_runs(text: str, tokens: list[Token], context: Context | None = None) -> list[list[Token]]:
    """Maximal runs of capitalised tokens separated only by spaces, with
    connectors inside ("Bureau of Prisons"); a possessive ends a run
    ("Epstein's Manhattan cell") unless it follows a title ("Attorney's Office")."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    pending: list[Token] = []
    previous: Token | None = None
    for token in tokens:
        gap = text[previous.end : token.start] if previous is not None else ""
        adjacent = gap in (" ", " & ") or previous is not None and previous.possessive and gap in ("'s ", "’s ")
        if previous is not None and previous.text in lx.state_abbreviations():
            adjacent = False  # "…, R-Neb. Workers said": an abbreviated state ends a name
        if current and not adjacent:
            runs.append(current)
            current, pending = [], []
        if token.is_capitalised:
            if current and previous is not None and previous.possessive and not lx.is_title(previous.text):
                runs.append(current)
                current, pending = [], []
            current.extend(pending)
            pending = []
            current.append(token)
        elif current and token.text in CONNECTORS and len(pending) < 2:
            pending.append(token)
        else:
            if current:
                runs.append(current)
            current, pending = [], []
        previous = token
    if current:
        runs.append(current)
    runs = _join_venues(text, _join_plural_possessives(text, runs))
    return [piece for run in runs for piece in _split_and(text, run, context)]


def _join_venues(text: str, runs: list[list[Token]]) -> list[list[Token]]:
    """"Coastal Credit Union Music Park at Walnut Creek", "Harbour Arena at
    Pier 9": a place's name of two words or more, "at", and a name ending in
    a place word name one venue."""
    joined: list[list[Token]] = []
    places = lx.place_words()
    for run in runs:
        if joined and len(joined[-1]) >= 2 and text[joined[-1][-1].end : run[0].start] == " at " and (
            joined[-1][-1].bare in places or run[-1].bare in places
        ):
            joined[-1] = joined[-1] + run
            continue
        joined.append(run)
    return joined


def _join_plural_possessives(text: str, runs: list[list[Token]]) -> list[list[Token]]:
    """"St Thomas' Hospital", "Guy's Hospital": a name, a possessive, then a
    single organisation or place word make one name. (A longer name after a
    possessive is a name of its own: "Trump's White House".)"""
    heads = lx.org_words() | lx.place_words()
    joined: list[list[Token]] = []
    for run in runs:
        if joined and run[-1].bare in heads:
            last = joined[-1][-1]
            gap = text[last.end : run[0].start]
            plural = gap in ("' ", "’ ") and last.text.endswith("s")
            if plural or last.possessive and len(run) == 1 and gap in ("'s ", "’s "):
                joined[-1] = joined[-1] + run
                continue
        joined.append(run)
    return joined


def _split_and(text: str, run: list[Token], context: Context | None = None) -> list[list[Token]]:
    """"Pacific Gas and Electric Co." is one name; "Gordon Sondland and
    Energy Secretary Rick Perry" and "SpaceX and Tyvak Nano-Satellite
    Systems" are two: "and" joins only when an organisation word follows and
    what stands before it is no name of its own."""
    if not any(token.text == "and" for token in run) or spelled_out(text, run):
        return [run]
    if context is not None and (named_whole(run, context) or text[run[0].start : run[-1].end] in lx.places().sure):
        return [run]  # "Customs and Border Protection", named whole twice: one name
    # org_after[i]: an organisation word stands at run[i] or later.
    org_after = [False] * (len(run) + 1)
    for index in range(len(run) - 1, -1, -1):
        org_after[index] = org_after[index + 1] or run[index].bare in lx.org_words()
    pieces = []
    begin = 0
    for index, token in enumerate(run):
        if token.text == "and" and not (org_after[index + 1] and not _whole_name(text, run[begin:index], context)):
            pieces.append(run[begin:index])
            begin = index + 1
    pieces.append(run[begin:])
    return pieces


def _whole_name(text: str, tokens: list[Token], context: Context | None) -> bool:
    if not tokens:
        return False
    name = text[tokens[0].start : tokens[-1].end]
    single = len(tokens) == 1 and (lx.is_acronym(name) or lx.is_camel(name))
    if single or name in lx.places() or tokens[-1].bare in lx.org_words():
        return True
    return (context or build_context(text)).repeats.used_twice(name)


def _subjects_of_cues(text: str, mentions: list[Mention]) -> None:
    """"Twitter pledged…", "Schiff asked.": a capitalised word opening a
    sentence as the subject of a speech verb is a name, not a capital."""
    for mention in mentions:
        if mention.sentence_initial and " " not in mention.text and not mention.text.endswith("s"):
            following = re.match(r"\s+(\w+)", text[mention.end : mention.end + 20])
            verb = following.group(1) if following else ""
            # A name takes "says", "said" — not the plural "People ask", "Officials say".
            singular = verb in lx.cue_forms() and (verb != lx.cue_forms()[verb] or verb.endswith(("ed", "s")))
            if singular and not verb.endswith("ing"):
                mention.sentence_initial = False
                if mention.label is None and re.search(r"[?!,.][”\"’]\s*$", text[max(0, mention.start - 4) : mention.start]):
                    # `"…?" Schiff asked.`: the speaker of a quote is most often a person.
                    mention.label, mention.weight = PERSON, 1.0


def _teams_named_after_places(text: str, mentions: list[Mention], context: Context) -> None:
    """"Pittsburgh quarterback Mason Rudolph", "Tottenham's manager", "Porto
    beat Lyon 2-1": a place name standing for its sports team is the team
    (the guidelines make it an alias of the club). In most texts only this
    mention changes and the same name elsewhere ("in Pittsburgh") stays a
    place; in a sports report the team is what the name stands for
    (``document`` decides), and more words show it ("Serbia takes on Japan")."""
    after, before = lx.team_context()
    report_after, report_before = lx.report_team_context() if context.sports_report else (None, None)
    for mention in mentions:
        if mention.label not in (PLACE, None) or mention.text not in lx.places():
            continue
        preceding = text[max(0, mention.start - 20) : mention.start]
        team = after.match(text, mention.end, mention.end + 40) or before.search(preceding)
        if not team and report_after is not None:
            team = report_after.match(text, mention.end, mention.end + 40) or report_before.search(preceding)
        if team:
            mention.label, mention.weight, mention.source = ORG, max(mention.weight, 2.5), TEAM


class _Lines:
    """What kind of line each part of a paragraph is: ``"prose"``, a
    ``"headline"`` in title case, or ``"capitals"`` (an all-caps subhead: its
    words are no acronyms). A paragraph's lines are read one by one: a list
    of tour dates under a title-case line is not a headline."""

    def __init__(self, text: str, start: int, end: int, tokens: list[Token]) -> None:
        self.starts: list[int] = []
        self.kinds: list[str] = []
        position = start
        first = 0
        for line in text[start:end].split("\n"):
            line_end = position + len(line)
            last = first
            while last < len(tokens) and tokens[last].start < line_end:
                last += 1
            self.starts.append(position)
            self.kinds.append(_line_kind(tokens[first:last], line))
            position, first = line_end + 1, last

    def kind(self, at: int) -> str:
        return self.kinds[bisect.bisect_right(self.starts, at) - 1]


#: Longer than any headline, subhead or list row.
LONGEST_HEADING = 300


def _line_kind(tokens: list[Token], line: str) -> str:
    if len(line) > LONGEST_HEADING:
        return "prose"
    if all_caps(line) and sum(1 for t in tokens if len(t.bare) > 1) >= 2:
        return "capitals"  # "WILL THEY BASH THE BILLIONAIRES?", "FRANCE WINS"
    return "headline" if is_headline(tokens, line) else "prose"


#: What separates the items of a list row ("June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL").
_ROW_SEPARATOR = re.compile(r",|\s@\s|\s\|\s|/|\s[–—-]{1,2}\s")


def is_headline(tokens: list[Token], paragraph: str) -> bool:
    """A title-case line ("Man Shot at Dallas Gas Station Dies at Hospital"):
    its capitals say nothing about names. A row of a list, whose items two
    or more commas (or "@", "|", "/", dashes) separate, is read as names."""
    words = [t for t in tokens if t.text[:1].isalpha() and t.text.lower() not in lx.function_words()]
    if len(words) < 3 or len(_ROW_SEPARATOR.findall(paragraph)) >= 2:
        return False
    capitalised = sum(1 for t in words if t.is_capitalised)
    if paragraph.rstrip().endswith((".", "?", "!", '"', "”")):
        # A sentence: long, or short with a speech verb ("“No,” said Mayor Ana
        # Lopez."), or with a word in lower case ("Colombia had lost to Belgium.").
        if len(words) >= 6 or any(t.text.lower() in lx.cue_forms() for t in tokens) or capitalised < len(words):
            return False
    return capitalised >= 0.75 * len(words)


def _title_case_quotes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted title-case phrases — a sign's "Less Money on Testing", a song's
    name — whose capitals, like a headline's, say nothing about names."""
    spans = []
    for match in _QUOTED.finditer(text, start, end):
        words = [w for w in match.group(1).split() if w.lower() not in lx.function_words() or w[:1].isupper()]
        if 2 <= len(words) <= 10 and all(w[:1].isupper() for w in words if w[:1].isalpha()):
            spans.append(match.span())
    return spans


def _known_places(run: list[Token], context: Context, capitals: bool = False) -> list[Mention]:
    """Inside a headline only what the gazetteer knows, and acronyms, count;
    in an all-caps line ("NEW DELHI WAITS") the gazetteer's names in capitals,
    and only the acronyms the text also uses outside such lines."""
    places = lx.places()
    found: list[Mention] = []
    index = 0
    while index < len(run):
        for size in range(min(4, len(run) - index), 0, -1):
            window = run[index : index + size]
            name = " ".join(t.text.title() if capitals and len(t.bare) > 2 else t.text for t in window)
            multi_city = size > 1 and name in places.cities
            previous = run[index - 1].text if index else _word_before(context.text, run[0].start)
            located = size == 1 and name in places.big_cities and previous.lower() in _LOCATIVE
            if name in places.sure or multi_city or located:
                start, end = window[0].start, window[-1].end
                found.append(Mention(start, end, context.text[start:end], PLACE, 2.0, start))
                index += size
                break
            if size == 1 and lx.is_acronym(window[0].text) and window[0].text not in lx.generic_acronyms() and (
                not capitals or window[0].bare in context.prose_acronyms
            ):
                found.append(Mention(window[0].start, window[0].end, window[0].text, ORG, 1.0, window[0].start))
        else:
            index += 1
            continue
    return found


def _word_before(text: str, start: int) -> str:
    match = re.search(r"(\w+)\W*$", text[max(0, start - 20) : start])
    return match.group(1) if match else ""


def _dateline(text: str, start: int, tokens: list[Token], mentions: list[Mention]) -> int:
    """"WASHINGTON —", "LONDON (Reuters) —": an all-caps place opening a
    paragraph, and the agency in brackets after it. Returns tokens consumed."""
    taken = 0
    capitals = tokens[0].text.isupper()
    while taken < min(len(tokens), 4) and tokens[taken].text[:1].isupper() and tokens[taken].text.isalpha():
        if taken and (text[tokens[taken - 1].end : tokens[taken].start] != " " or tokens[taken].text.isupper() != capitals):
            break
        taken += 1
    if taken:
        words = tokens[:taken]
        name = " ".join(t.text.title() if capitals else t.text for t in words)
        region = _DATELINE_REGION.match(text, words[-1].end, words[-1].end + 40) if capitals else None
        # A town no table knows is a place all the same before its region: "ELMSWORTH, Ohio —".
        town = region is not None and (region.group(1) in lx.places() or region.group(1).rstrip(".") in lx.abbreviations())
        if _DATELINE_GAP.match(text[words[-1].end : words[-1].end + 40]) and (name in lx.places() or town):
            mentions.append(Mention(words[0].start, words[-1].end, text[words[0].start : words[-1].end], PLACE, 3.0, words[0].start))
            start = words[-1].end
        else:
            taken = 0
    agency = _AGENCY.match(text, start)
    if agency:
        mentions.append(Mention(agency.start(1), agency.end(1), agency.group(1), ORG, 2.0, agency.start(1)))
        taken += 1
    return taken


def _context_votes(text: str, mentions: list[Mention], sports: bool = False) -> list[Mention]:
    """What the words around a name say: a lower-case title right before
    ("spokeswoman Maria Zakharova"), an apposition after ("X, the company's
    chief executive", "X, a data firm"), "who" after; "its" before a name
    makes it a thing the subject owns ("its Starship vehicle")."""
    votes = []
    for mention in mentions:
        if mention.label in (ORG, PLACE) and mention.weight >= 2:
            continue
        before = text[max(0, mention.start - 80) : mention.start]
        after = text[mention.end : mention.end + 120]
        words_before = before.split()
        label, weight = None, 0.0
        if words_before and words_before[-1].islower() and (
            lx.is_title(words_before[-1]) or lx.role_nouns().get(words_before[-1]) == "PERSON" or words_before[-1] in lx.team_nouns()
        ):
            # "spokeswoman Maria Zakharova", "Pittsburgh center Maurkice Pouncey"
            label, weight = PERSON, 2.0
        elif before.endswith(("the ", "The ")) and _PLURAL_NAME.fullmatch(mention.text) and mention.text not in lx.places():
            # "the Pioneers, who…", "the Foxes": a team or a band, not a person.
            label, weight = ORG, 2.0
        elif _PERSON_AFTER.match(after) or _role_in_apposition(before) == "PERSON":
            # "X, who…", "X (54)", "Her son, Declan, runs…": a person.
            label, weight = PERSON, 2.0
        elif _role_in_apposition(before) == "ORG" and mention.label in (PERSON, None):
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


def _role_in_apposition(before: str) -> str | None:
    """"Her son, Declan,", "the company's founder, Ana Ruiz,": the kind of
    the role noun a name stands in apposition to."""
    match = _ROLE_BEFORE_APPOSITION.search(before)
    if match is None:
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


def _geographic_noun_after(after: str) -> bool:
    """"the Scilla islands", "Kherson region": a geographic noun right after."""
    following = re.match(r"\s+([a-z]+)(?![\w’'-])", after)
    return following is not None and following.group(1) in lx.geographic_nouns_after_names()


def _attributive(after: str) -> bool:
    """A name used before a noun ("the Howard Jones song") may take "the"."""
    following = re.match(r"\s+([a-z]+)", after)
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


def _apposition(after: str) -> tuple[str | None, float]:
    """"X, the principal deputy press secretary": the first role noun in a
    comma phrase after a name says whose name it is."""
    if not after.startswith(", "):
        return None, 0.0
    phrase = re.split(r"[,.;:()]", after[2:], maxsplit=1)[0].split()[:7]
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


def _government_bodies(text: str) -> list[Mention]:
    """"Russia's foreign ministry", "the French foreign ministry": the
    guidelines count a named country's ministry as an organisation."""
    found = []
    for match in _GOVERNMENT_BODY.finditer(text):
        owner = match.group("owner")
        if owner not in lx.places().sure and owner not in lx.demonyms():
            continue
        start, end = match.start("owner"), match.end()
        found.append(Mention(start, end, text[start:end], ORG, 3.0, start))
        if owner in lx.places().sure:
            found.append(Mention(start, match.end("owner"), owner, PLACE, 3.0, start))
    return found
