"""Publication dates as ISO 8601: structured values first, then the loose forms
pages print ("Fri 6:45 PM, Feb 16, 2018", "18. November 2019", "20 listopada 2019").

A date-time keeps its time only when it carries an offset; otherwise the date
alone is honest. Years outside 1990–2100 are placeholders ("0001-01-01"), not dates.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime

EARLIEST_YEAR = 1990
LATEST_YEAR = 2100

# Month names and their usual abbreviations, in the languages byline meets.
_MONTH_NAMES = {
    1: "january jan januar janvier janv enero ene gennaio gen stycznia styczeń januari",
    2: "february feb februar février févr fev febrero febbraio lutego luty februari",
    3: "march mar märz maerz mars marzo marca marzec maart",
    4: "april apr avril avr abril aprile kwietnia kwiecień",
    5: "may mai mayo maggio mag maja maj mei",
    6: "june jun juni juin junio giugno giu czerwca czerwiec",
    7: "july jul juli juillet juil julio luglio lug lipca lipiec",
    8: "august aug août aout agosto ago sierpnia sierpień augustus",
    9: "september sep sept septembre septiembre settembre set września wrzesień",
    10: "october oct oktober octobre octubre ottobre ott października październik okt",
    11: "november nov novembre noviembre listopada listopad",
    12: "december dec dezember décembre déc diciembre dic dicembre grudnia grudzień",
}
MONTHS: dict[str, int] = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_MONTH = "(" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + ")"

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


# The month-name patterns (a hundred names, case-folded) compile on the first
# loosely written date: most pages state theirs in metadata.
@functools.cache
def _day_month_year() -> re.Pattern[str]:
    return re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?" + _MONTH + r"\.?,?\s+(?:de\s+)?(\d{4})\b", re.I)


@functools.cache
def _month_day_year() -> re.Pattern[str]:
    return re.compile(r"\b" + _MONTH + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)


_NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_STRUCTURED_FORMATS = ("%a, %d %b %Y %H:%M:%S %z", "%d %B %Y", "%B %d, %Y", "%b %d, %Y", "%Y%m%d", "%Y/%m/%d")


def normalise_date(value: object) -> str | None:
    """An ISO 8601 date, or date-time with offset, from a structured value
    (JSON-LD, <meta>, <time datetime>) or a loosely written one; None if none."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    found = _structured(text) or loose_date(text)
    if found and EARLIEST_YEAR <= int(found[:4]) <= LATEST_YEAR:
        return found
    return None


def _structured(text: str) -> str | None:
    if re.match(r"\d{4}-\d{2}-\d{2}", text):
        iso = text.replace("Z", "+00:00").replace(" ", "T", 1)
        iso = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", iso)
        iso = re.sub(r"\.\d+(?=[+-]|$)", "", iso)
        try:
            moment = datetime.fromisoformat(iso)
        except ValueError:
            return _valid(int(text[:4]), int(text[5:7]), int(text[8:10]))
        return moment.isoformat() if moment.tzinfo else moment.date().isoformat()
    for pattern in _STRUCTURED_FORMATS:
        try:
            moment = datetime.strptime(text, pattern)
        except ValueError:
            continue
        return moment.isoformat() if moment.tzinfo else moment.date().isoformat()
    return None


def loose_date(text: str) -> str | None:
    """The first calendar date written anywhere in ``text``, as YYYY-MM-DD."""
    text = text[:300]
    match = _ISO.search(text)
    if match:
        return _valid(int(match[1]), int(match[2]), int(match[3]))
    match = _day_month_year().search(text)
    if match:
        return _valid(int(match[3]), MONTHS[match[2].lower()], int(match[1]))
    match = _month_day_year().search(text)
    if match:
        return _valid(int(match[3]), MONTHS[match[1].lower()], int(match[2]))
    match = _NUMERIC.search(text)
    if match:
        return _valid(int(match[3]), int(match[2]), int(match[1]))
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
