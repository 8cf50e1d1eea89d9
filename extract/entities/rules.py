"""The ``rules`` engine: entities from capitalisation, cue words and word tables.

Pure Python, no model. It reads each paragraph line by line (a title-case
headline's or an all-caps subhead's capitals say little), proposes mentions —
capitalised runs shaped by ``spans.shape``, datelines, towns before their
state, a country's lower-case ministry — with the evidence the words around
them give (``context``), and leaves deciding what they are, across the whole
document, to ``document``.
"""

from __future__ import annotations

import bisect
import re

from byline.extract import lexicon as lx
from byline.extract.entities import teams
from byline.extract.entities.classify import THING_HEADS
from byline.extract.entities.context import context_votes
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
_DEFINED_TERM = re.compile(r"(?<![\w’'-])(?:[a-z][a-z-]+ ){1,5}$")
_DEFINED_THING = re.compile(r"(?<![\w’'-])(?:[A-Z][a-z-]+ ){1,5}?(?P<head>[A-Z][a-z]+) $")
_QUOTED = re.compile(r"[\"“]([^\"“”\n]{3,120})[\"”]")
_LOCATIVE = frozenset({"in", "at", "from", "near", "outside", "across", "to"})
_AGENCY = re.compile(r"\s*\(([A-Z][A-Za-z]+)\)")


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
        mentions.extend(teams.scoreline_votes(text, start, end))
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
            mentions.extend(context_votes(text, shaped, context.sports_report))
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
    """"hypersensitivity pneumonitis (HP)", "Polar Exploration Rover (PER)":
    an abbreviation defined for a lower-case term, or for the name of a
    programme, mission or craft, names no entity."""
    found = []
    for match in _ABBREVIATION.finditer(text):
        # The words right before the bracket (a short look back, not a scan).
        term = _DEFINED_TERM.search(text, max(0, match.start() - 200), match.start())
        if term is None:
            term = _DEFINED_THING.search(text, max(0, match.start() - 200), match.start())
            if term is None or term.group("head").lower() not in THING_HEADS:
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
    states = lx.state_abbreviations()
    for token in tokens:
        gap = text[previous.end : token.start] if previous is not None else ""
        adjacent = gap in (" ", " & ") or previous is not None and previous.possessive and gap in ("'s ", "’s ")
        if previous is not None and previous.text in states:
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


#: Plurals whose possessive takes "'s": "People’s Liberation Army", "Children’s Hospital".
_IRREGULAR_PLURALS = frozenset({"People", "Children", "Women", "Men"})


def _join_plural_possessives(text: str, runs: list[list[Token]]) -> list[list[Token]]:
    """"St Thomas' Hospital", "Guy's Hospital": a name, a possessive, then a
    single organisation or place word make one name, and so does a plural's
    possessive before any ("Women’s Health Council"). (A longer name after a
    singular possessive is a name of its own: "Trump's White House".)"""
    heads = lx.head_words()
    joined: list[list[Token]] = []
    for run in runs:
        if joined and run[-1].bare in heads:
            last = joined[-1][-1]
            gap = text[last.end : run[0].start]
            plural = gap in ("' ", "’ ") and last.text.endswith("s") or last.text in _IRREGULAR_PLURALS and gap in ("'s ", "’s ")
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


_NEXT_WORD = re.compile(r"\s+(\w+)")
_QUOTE_CLOSED = re.compile(r"[?!,.][”\"’]\s*$")


def _subjects_of_cues(text: str, mentions: list[Mention]) -> None:
    """"Twitter pledged…", "Schiff asked.": a capitalised word opening a
    sentence as the subject of a speech verb is a name, not a capital."""
    for mention in mentions:
        if mention.sentence_initial and " " not in mention.text and not mention.text.endswith("s"):
            following = _NEXT_WORD.match(text[mention.end : mention.end + 20])
            verb = following.group(1) if following else ""
            # A name takes "says", "said" — not the plural "People ask", "Officials say".
            singular = verb in lx.cue_forms() and (verb != lx.cue_forms()[verb] or verb.endswith(("ed", "s")))
            if singular and not verb.endswith("ing"):
                mention.sentence_initial = False
                if mention.label is None and _QUOTE_CLOSED.search(text[max(0, mention.start - 4) : mention.start]):
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
    function_words = lx.function_words()
    words = [t for t in tokens if t.text[:1].isalpha() and t.text.lower() not in function_words]
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


_LAST_WORD = re.compile(r"(\w+)\W*$")


def _word_before(text: str, start: int) -> str:
    match = _LAST_WORD.search(text[max(0, start - 20) : start])
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
