"""Cities standing for their teams in a round-up of results.

A round-up's paragraph opens with its scoreline, the teams by their
nicknames ("Wild 4, Sabres 1: … and Minnesota beat Buffalo."); in the
paragraph the teams are then called by their cities. The guidelines make
such a city an alias of its team, while the same name used for the place
("a New Jersey native") stays a place. Which city is which team the
paragraph says: the subject of "beat" (or the team the scorers "lead") won,
its object lost, and the scoreline says which nickname won. Where the words
do not say, nothing is paired.
"""

from __future__ import annotations

import re

from byline.extract import lexicon as lx
from byline.extract.article import Entity
from byline.extract.entities.mentions import ORG, PLACE, STRONG, Mention
from byline.extract.lexicon.tokens import paragraphs

_NAME = r"[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}"
#: "Wild 4, Sabres 1:", "Blue Jackets 5, Canadiens 2 (OT):".
SCORELINE = re.compile(rf"(?P<a>{_NAME}) (?P<a_score>\d{{1,3}}), (?P<b>{_NAME}) (?P<b_score>\d{{1,3}})(?: \(\w+\))?:")
_BEATS = r"(?:beat|beats|defeated|defeats|downed|edged|topped|routed|blanked|outlasted|stunned|past|over|held off|rallied past)"
#: After the winner: "Minnesota beat Buffalo", "Ottawa held on to beat Detroit",
#: "lead St. Louis past Tampa Bay".
_WON = re.compile(rf"\s+(?:[a-z]+\s+){{0,3}}?{_BEATS}\b")
#: Before the loser: "beat Buffalo", "past Tampa Bay".
_LOST = re.compile(rf"\b{_BEATS}\s+(?:the\s+)?$")
#: Before the winner: "to lead Boston", "to lift Florida".
_LEADS = re.compile(r"\b(?:lead|led|leads|lift|lifted|lifts|carry|carried|help|helped|power|powered|propel|propelled)\s+$")
#: A place named as a place, not as a team: "a New Jersey native", "in Buffalo".
_PLACE_AFTER = re.compile(r"(?:\s+native|-born|-based|\s+(?:area|suburb|neighborhood|neighbourhood))\b")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|near|to the city of)\s+$")


#: What a name in a round-up's scoreline weighs as evidence of a team.
SCORELINE_WEIGHT = STRONG + 0.5


def scoreline_votes(text: str, start: int, end: int) -> list[Mention]:
    """"Wild 4, Sabres 1:" opening a paragraph: both names are teams, whatever
    their words ("Red Wings" holds a given name)."""
    line = SCORELINE.match(text, start, end)
    if line is None:
        return []
    return [Mention(line.start(side), line.end(side), line.group(side), ORG, SCORELINE_WEIGHT, line.start(side)) for side in ("a", "b")]


def alias_cities(text: str, entities: list[Entity]) -> list[Entity]:
    """Entities with every city that stands for a round-up's team moved into
    the team (a place that is also named as a place keeps those mentions)."""
    if not SCORELINE.search(text):
        return entities
    by_alias: dict[str, int] = {}
    for index, entity in enumerate(entities):
        for alias in entity.aliases:
            by_alias.setdefault(alias, index)
    mentions = sorted((start, end, index) for index, entity in enumerate(entities) for start, end in entity.mentions)
    moves: dict[tuple[int, int], int] = {}  # a city's mention → the team it stands for
    for start, end in paragraphs(text):
        line = SCORELINE.match(text, start, end)
        if line is None:
            continue
        teams = [by_alias.get(line.group(side)) for side in ("a", "b")]
        if None in teams or any(entities[i].type != ORG for i in teams) or line.group("a_score") == line.group("b_score"):
            continue
        winner, loser = teams if int(line.group("a_score")) > int(line.group("b_score")) else teams[::-1]
        cities = [(s, e) for s, e, i in mentions if line.end() <= s and e <= end and i not in teams and _stands_for_team(text, s, e, entities[i])]
        for (s, e), team in _pair(text, cities, winner, loser).items():
            moves[(s, e)] = team
    return _moved(text, entities, moves) if moves else entities


def _stands_for_team(text: str, start: int, end: int, entity: Entity) -> bool:
    if entity.type != PLACE and text[start:end] not in lx.places():
        return False
    return not _PLACE_AFTER.match(text, end, end + 20) and not _PLACE_BEFORE.search(text, max(0, start - 20), start)


def _pair(text: str, cities: list[tuple[int, int]], winner: int, loser: int) -> dict[tuple[int, int], int]:
    """Each city mention of one paragraph → the team it stands for, where the
    words say: a city's every team mention in the paragraph goes with it."""
    side: dict[str, int] = {}
    conflict = set()
    for start, end in cities:
        name = text[start:end]
        before = text[max(0, start - 30) : start]
        won = _WON.match(text, end, end + 40) or _LEADS.search(before)
        lost = _LOST.search(before)
        for team, said in ((winner, won), (loser, lost)):
            if said:
                if side.get(name, team) != team:
                    conflict.add(name)
                side[name] = team
    for name in conflict:
        del side[name]
    open_names = {text[s:e] for s, e in cities} - set(side) - conflict
    taken = set(side.values())
    if len(open_names) == 1 and len(taken) == 1:
        # The one other city the paragraph names is the other team.
        side[open_names.pop()] = loser if winner in taken else winner
    return {(s, e): side[text[s:e]] for s, e in cities if text[s:e] in side}


def _moved(text: str, entities: list[Entity], moves: dict[tuple[int, int], int]) -> list[Entity]:
    gained: dict[int, list[tuple[int, int]]] = {}
    for span, team in moves.items():
        gained.setdefault(team, []).append(span)
    result = []
    for index, entity in enumerate(entities):
        kept = tuple(span for span in entity.mentions if span not in moves)
        added = gained.get(index, [])
        if not kept and not added:
            continue
        aliases = list(entity.aliases)
        for start, end in added:
            if text[start:end] not in aliases:
                aliases.append(text[start:end])
        if kept == entity.mentions and not added:
            result.append(entity)
        else:
            result.append(Entity(entity.name, entity.type, tuple(aliases), tuple(sorted(kept + tuple(added)))))
    return result
