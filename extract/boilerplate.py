"""Stage 5: separate the article's own blocks from the page furniture around them.

Two kinds of evidence, so that neither alone decides:

* phrases — a table of the labels sites print around articles (ad markers,
  share prompts, newsletter sign-ups, comment widgets, paywall labels, photo
  credits). A phrase rule only fires on a *short* block: a real paragraph that
  happens to contain "advertisement" is never cut.
* structure — link density, repetition of the headline or of another block,
  short unpunctuated lines, and position (bylines and dates at the top, author
  footers and widget tails at the bottom).

Every removed block keeps its text and a short reason, so a reader can see
what was cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.blocks import Candidate

# --------------------------------------------------------------------------- phrase table
# Each entry: (reason, pattern). A pattern must match the *whole* block (after
# trimming punctuation and white space), case-insensitively.
PHRASES: tuple[tuple[str, str], ...] = (
    ("ad marker", r"advert(isement|ising)?|ad|ads|sponsored( content| post| links?)?|promoted( content)?|paid (content|post|partner)|"
     r"(story|article|text|content) continues (below|after)( (this|the))?( ad(vertisement)?)?|"
     r"continue reading (below|the (main )?story)|skip (this )?ad(vertisement)?|scroll to continue( with content)?|"
     r"anzeige|werbung|publicité|reklama|publicidad|pubblicità"),
    ("share prompt", r"(share|tweet|email|print|copy link|pin|share this( article| story| page)?|share on \w+|share via \w+)"
     r"( (this|the) (article|story|page|link))?|(follow|like) us( on [\w ,]+)?|"
     r".{0,40}\b(click here|tap here|join us|follow us) (to|on) (follow|join|get|read|download|subscribe).{0,60}|"
     r"stay (updated|connected|informed).{0,80}(follow|join|click|subscribe|download).{0,60}|"
     r"(whatsapp|facebook|twitter|x|linkedin|telegram|instagram|reddit|email|copy)( (whatsapp|facebook|twitter|x|linkedin|telegram|instagram|reddit|email|copy))*"),
    ("newsletter", r".{0,60}\b(sign up|subscribe|register)\b.{0,40}\bnewsletters?\b.{0,80}|"
     r"(get|receive) (our|the) .{0,40}(newsletter|briefing|in your inbox).{0,60}|"
     r"newsletter( sign-?up)?|sign up|enter your email( address)?.{0,40}"),
    ("related links", r"(read more|also read|read also|related( stories| articles| content| coverage| news| reading| links)?|"
     r"you (may|might) also (like|be interested in|enjoy)|see more|see also|don'?t miss|more (from|on|stories|news|like this)\b.{0,60}|"
     r"recommended( for you| stories| reading)?|trending( now| stories)?|most (read|popular|viewed)|top stories|"
     r"(watch|listen)( now| more)?|up next|what to read next|editor'?s picks?|in other news|"
     r"lesen sie auch|mehr zum thema|à lire aussi|lire aussi|czytaj (też|także|więcej)|leer más|leggi anche)"
     r"(\s*[:|»›>-].{0,160})?"),
    ("comments", r"((post|read|latest|view|show|add|load|see|hide|write|leave) (a |all |more )?comments?( \(\d+\))?|"
     r"\d+ comments?|comments?( \(\d+\))?|join the (conversation|discussion)|"
     r"(be the first|log ?in|sign in|register) to comment.{0,60}|comments (are|have been) closed.{0,40}|"
     r"show comments|conversation)"),
    ("paywall", r"(premium|exclusive|subscriber(s)?( only| exclusive)?|members? only|"
     r"subscribe( now)?( to (continue|read|keep) reading.{0,80})?|(to )?continue reading.{0,40}subscri.{0,60}|"
     r"already a (subscriber|member)\??.{0,60}|unlock (this|full) (article|story).{0,60}|"
     r"this (article|story|content) is (for|available to|reserved for) (subscribers|members).{0,80}|"
     r"(start|get) your (free )?trial.{0,60}|log ?in to (read|continue).{0,60})"),
    ("photo credit", r"((photo|image|picture|photograph|foto|fot\.|graphic|illustration|video|credit|source)s?( credit)?\s*[:|/©-]\s*.{1,80}|"
     r"\(?(photo|image|picture)s?:?\s*[\w .&/-]{1,40}\)?|"
     r"(image|photo|slide|picture) \d+ (of|/) \d+|\d+ (of|/) \d+( photos| images)?|"
     r"©.{0,80}|(getty images|reuters|ap photo|afp|shutterstock|alamy|epa)(/[\w .]+)?( via getty images)?|"
     r"(click|tap) (to|on) (enlarge|expand|zoom).{0,40}|(view|open|see) (the )?(gallery|slideshow|photos?).{0,40}|"
     r"enlarge this image|toggle caption|hide caption|expand image)"),
    ("author footer", r"(.{0,80}\b(follow|reach|contact|email|e-mail|write to|tweets?)\b.{0,80}\b(at|on|@|via)\b.{0,80}@.{0,80}|"
     r"[\w.+-]+@[\w-]+(\.[\w-]+)+|@\w{2,30}|"
     r"(the )?(writer|author|reporter|columnist) (is|was) .{0,160}|"
     r"(additional )?(reporting|writing|editing|contributing|produced) by .{0,160})"),
    ("byline", r"(by|von|par|przez|por|di|door)\s+[\w .,'’&-]{2,80}(\s*[|•·,-]\s*.{0,80})?|"
     r"(written|posted|published|updated|last updated|first published|aktualisiert|publié|mis à jour|opublikowano)( (by|on|at|:))?.{0,80}|"
     r"\d+ min(ute)?s? read|reading time.{0,30}"),
    ("date line", r"((mon|tue|wed|thu|fri|sat|sun)\w*,?\s*)?(\d{1,2}(st|nd|rd|th)?\s+)?"
     r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s*(\d{1,2}(st|nd|rd|th)?,?\s*)?\d{4}"
     r"([ ,]+(at )?\d{1,2}[:.]\d{2}\s*([ap]\.?m\.?)?(\s*[a-z]{2,5})?)?|"
     r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}([ ,T]+\d{1,2}[:.]\d{2}.{0,12})?|\d{1,2}[:.]\d{2}( ?[ap]\.?m\.?)?"),
)

_COMPILED = tuple((reason, re.compile(rf"(?:{pattern})", re.I | re.S)) for reason, pattern in PHRASES)
_TRIM = " \t\n\r.,;:!?|•·–—-_*#>»«\"“”'’‘()[]{}"
_SENTENCE_END = re.compile(r"[.!?…]['’\"”»)\]]*\s*$")
_WORD = re.compile(r"\w+", re.U)

#: Phrase rules fire only on blocks up to this many words.
SHORT_BLOCK_WORDS = 25
#: A block with at least this share of link text (and few words) is navigation.
LINK_DENSITY = 0.6
#: Byline and date rules apply only this many blocks from the top.
TOP_BLOCKS = 4

# Reasons that only make sense near the top of the body.
_TOP_ONLY = {"byline", "date line"}
# Kinds that are never phrase-matched as a whole: code and block quotes are content.
_PROTECTED_KINDS = {"pre"}
# Hints (class/id words) of containers that hold furniture, not the article.
_FURNITURE_HINT = re.compile(
    r"\b[\w-]*(related|share|sharing|social|newsletter|promo|advert|sponsor|"
    r"comment|recommend|read-?more|more-?stories|outbrain|taboola|subscribe|paywall|byline|dateline|"
    r"breadcrumb|tags?|author-?bio|bio-?box)[\w-]*\b",
    re.I,
)


@dataclass(slots=True, frozen=True)
class Verdict:
    """Why a candidate was removed (``reason``) — None when it stays."""

    reason: str | None


def words(text: str) -> int:
    return len(_WORD.findall(text))


def phrase_reason(text: str) -> str | None:
    """The reason from the phrase table whose pattern matches the whole ``text``."""
    core = text.strip(_TRIM)
    if not core:
        return "empty"
    for reason, pattern in _COMPILED:
        if pattern.fullmatch(core):
            return reason
    return None


def remove_boilerplate(
    blocks: list[Candidate], title: str | None = None
) -> tuple[list[Candidate], list[tuple[Candidate, str]]]:
    """Split ``blocks`` into (kept, removed-with-reason), keeping document order."""
    reasons: list[str | None] = [None] * len(blocks)
    substantive = [_is_substantive(b) for b in blocks]
    first_body = next((i for i, s in enumerate(substantive) if s), len(blocks))
    last_body = max((i for i, s in enumerate(substantive) if s), default=-1)
    seen: dict[str, int] = {}
    title_key = _key(title) if title else None

    for i, block in enumerate(blocks):
        reasons[i] = _block_reason(block, i, first_body, last_body, title_key, seen)
        key = _key(block.text)
        if key and reasons[i] is None:
            seen.setdefault(key, i)

    _remove_link_runs(blocks, reasons)
    _remove_trailing_widgets(blocks, reasons, substantive)

    kept = [b for b, r in zip(blocks, reasons) if r is None]
    removed = [(b, r) for b, r in zip(blocks, reasons) if r is not None]
    return kept, removed


def _block_reason(
    block: Candidate,
    index: int,
    first_body: int,
    last_body: int,
    title_key: str | None,
    seen: dict[str, int],
) -> str | None:
    text = block.text
    count = words(text)
    key = _key(text)
    if not key:
        return "empty"
    if title_key and index <= first_body + 1 and (key == title_key or (block.kind == "heading" and key in title_key)):
        return "repeated headline"
    if key in seen and count <= 60 and block.kind != "caption":
        return "repeated"
    if block.kind in _PROTECTED_KINDS:
        return None
    if count <= SHORT_BLOCK_WORDS:
        reason = phrase_reason(text)
        if reason == "empty":
            return reason
        if reason in _TOP_ONLY and index > max(TOP_BLOCKS, first_body + 1) and index < last_body:
            reason = None
        if reason is not None:
            return reason
        if block.link_density >= LINK_DENSITY and count <= 40 and not _SENTENCE_END.search(text):
            return "link list"
        if block.hints and _FURNITURE_HINT.search(block.hints) and not _SENTENCE_END.search(text):
            return "page furniture"
    elif block.link_density >= 0.8 and count <= 60:
        return "link list"
    return None


def _is_substantive(block: Candidate) -> bool:
    """A paragraph a reader came for: long enough and ending a sentence."""
    return (
        block.kind in ("paragraph", "quote", "list")
        and words(block.text) >= 12
        and block.link_density < 0.5
        and bool(_SENTENCE_END.search(block.text))
    )


def _remove_link_runs(blocks: list[Candidate], reasons: list[str | None]) -> None:
    """A run of short list items that are all links is a related-stories list."""
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and blocks[j].kind == "list" and blocks[j].link_density >= 0.5 and words(blocks[j].text) <= 30:
            j += 1
        if j - i >= 2:
            for k in range(i, j):
                reasons[k] = reasons[k] or "link list"
        i = max(j, i + 1)


def _remove_trailing_widgets(blocks: list[Candidate], reasons: list[str | None], substantive: list[bool]) -> None:
    """After the last real paragraph, short unpunctuated lines are widget labels
    ("Latest Comment", "More from Politics"), not the article's ending."""
    last = max((i for i, s in enumerate(substantive) if s), default=-1)
    if last < 0:
        return
    for i in range(last + 1, len(blocks)):
        block = blocks[i]
        if reasons[i] is not None or block.kind in ("caption", "pre", "quote"):
            continue
        if words(block.text) <= 8 and not _SENTENCE_END.search(block.text) and block.kind != "heading":
            reasons[i] = "trailing widget"


def _key(text: str | None) -> str:
    return " ".join(_WORD.findall((text or "").casefold()))
