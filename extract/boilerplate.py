"""Stage 5: separate the article's own blocks from the page furniture around them.

Two kinds of evidence, so that neither alone decides:

* phrases — ``extract.furniture`` lists the labels sites print around
  articles (ad markers, share prompts, newsletter sign-ups, comment widgets,
  paywall labels, photo credits) in the languages byline meets. A phrase rule
  fires only on a *short* block that it matches whole: a real paragraph that
  happens to contain "advertisement" is never cut.
* structure — link density, repetition of the headline or of another block,
  short unpunctuated lines, class/id words local to a block, and position
  (bylines and dates at the top, author footers and widget tails at the
  bottom, headings left with nothing to introduce).

Every removed block keeps its text and a short reason, so a reader can see
what was cut. A paragraph that ends with a photo credit is re-labelled a
caption: it stays in ``Article.text`` but leaves ``Article.body``.
"""

from __future__ import annotations

import re
from collections import Counter

from byline.extract.blocks import Candidate
from byline.extract.furniture import CREDIT_END, FURNITURE_STEMS, FURNITURE_WORDS, STRONG_STEMS, furniture_reason

_TRIM = " \t\n\r.,;:!?|•·–—-_*#>»«\"“”'’‘()[]{}"
# Ends like a sentence, or introduces what follows ("Here is what they said:").
_SENTENCE_END = re.compile(r"[.!?…:]['’\"”»)\]]*\s*$")
_WORD = re.compile(r"\w+", re.U)
_LETTER = re.compile(r"[^\W\d_]")
_ENUMERATOR = re.compile(r"^\s*(\d{1,3}|[a-z])[.)]\s", re.I)
_COUNT = re.compile(r"\s*[(\[]?\d+[)\]]?$")
_URL_ONLY = re.compile(r"^(https?://|www\.)\S+$", re.I)
# Bounded, and anchored at the start of a token, so a long run of letters costs one pass.
_HANDLE = re.compile(r"(?<![\w.])@\w{2,30}\b|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
_CONTACT = re.compile(
    r"\b(follow|reach|contact|e-?mail|write to|tweets?|folgen|suivez|obserwuj|síguenos|seguici|kontakt)\b", re.I
)

#: Phrase rules fire only on blocks up to this many words (and characters).
SHORT_BLOCK_WORDS = 25
SHORT_BLOCK_CHARS = 400
#: A block with at least this share of link text (and few words) is navigation.
LINK_DENSITY = 0.6
#: Byline and date rules apply only this many blocks from the top.
TOP_BLOCKS = 4
#: A class/id word carried by more than this share of the text is the
#: article's own container ("post tag-politics"), so it says nothing about a block.
HINT_COVERAGE = 0.5
#: The widest short line the tail rule treats as a widget label.
WIDGET_WORDS = 8
#: How far a heading looks for the text it introduces.
SECTION_LOOKAHEAD = 200
#: A paragraph this short that ends with a credit is an image caption.
CAPTION_WORDS = 40

# Reasons that only make sense at the edges of the body: the top, or from the
# last real paragraph on ("The reporter was attacked…" mid-story is news).
_EDGE_ONLY = {"byline", "date line", "author footer"}
# Kinds that are never phrase-matched: code is content.
_PROTECTED_KINDS = {"pre"}


def words(text: str) -> int:
    return len(_WORD.findall(text))


def phrase_reason(text: str) -> str | None:
    """The reason from the furniture table whose pattern matches the whole ``text``."""
    core = text.strip(_TRIM)
    if not core:
        return "empty"
    # A label may carry a count: "Comments (14)", "Kommentare 8".
    return furniture_reason(core) or furniture_reason(_COUNT.sub("", core).strip(_TRIM))


_BYLINE_LEAD = re.compile(
    r"^(by|von|par|przez|autor|autorka|autorzy|por|di|door|av|af|text|texte|tekst|reportage)\s*:?\s+(.+)$", re.I | re.S
)
_NAME_JOINERS = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\bi\b|\by\b|\be\b|\bog\b|\boch\b|\ben\b)\s*", re.I)
# Lower-case particles inside names ("Ursula von der Leyen", "Luiz Inácio Lula da Silva").
_NAME_PARTICLES = frozenset("von van der den de del della di da du la le bin al el dos das ter ten".split())


# A date printed before the byline: "12. Mai 2025 von Anna Berg", "May 12, 2025 by Jo Roe".
_LEADING_DATE = re.compile(
    r"^(?:\d{1,2}\.?\s+[^\W\d_]{3,12}\.?,?\s+\d{4}|[^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})[\s,·|•–—-]*"
)


def is_byline(text: str) -> bool:
    """"By Jane Doe and John Roe | Published …", "Von Anna Müller, Berlin",
    "12. Mai 2025 von Anna Berg": the keyword (after a date, if one comes
    first), then capitalised names. "By the end of the day…" and "Por primera
    vez…" are sentences, not bylines."""
    match = _BYLINE_LEAD.match(text.strip()) or _BYLINE_LEAD.match(_LEADING_DATE.sub("", text.strip(), count=1))
    if match is None:
        return False
    first_line = match.group(2).split("\n", 1)[0]
    names = re.split(r"\s*[|•·/]\s*|\s+[-–—]\s+", first_line, maxsplit=1)[0]
    tokens = [t for part in _NAME_JOINERS.split(names) for t in part.split()]
    if not 1 <= len(tokens) <= 12:
        return False
    return all(t[0].isupper() or t.lower() in _NAME_PARTICLES for t in tokens)


def remove_boilerplate(
    blocks: list[Candidate], title: str | None = None
) -> tuple[list[Candidate], list[tuple[Candidate, str]]]:
    """Split ``blocks`` into (kept, removed-with-reason), keeping document order."""
    reasons: list[str | None] = [None] * len(blocks)
    # Block by block: the word lists of a whole page at once are 60 MB at the element cap.
    counts: list[int] = []
    keys: list[str] = []
    for block in blocks:
        words = _WORD.findall(block.text.casefold())
        counts.append(len(words))
        keys.append(" ".join(words))
    substantive = [_is_substantive(b, n) for b, n in zip(blocks, counts)]
    first_body = next((i for i, s in enumerate(substantive) if s), len(blocks))
    last_body = max((i for i, s in enumerate(substantive) if s), default=-1)
    furniture = _furniture_hinted(blocks)
    seen: set[str] = set()
    title_key = _key(title) if title else None

    for i, block in enumerate(blocks):
        reasons[i] = _block_reason(block, counts[i], keys[i], i, first_body, last_body, title_key, seen, furniture[i])
        if reasons[i] is None:
            seen.add(keys[i])
            _recaption(block, counts[i])

    _remove_variants(blocks, reasons, counts, keys)
    _remove_kickers(blocks, reasons, counts)
    _remove_link_runs(blocks, reasons, counts)
    _remove_author_footer(blocks, reasons, counts)
    _remove_trailing_widgets(blocks, reasons, counts, last_body)
    _remove_orphan_headings(blocks, reasons)

    kept = [b for b, r in zip(blocks, reasons) if r is None]
    removed = [(b, r) for b, r in zip(blocks, reasons) if r is not None]
    return kept, removed


def _block_reason(
    block: Candidate,
    count: int,
    key: str,
    index: int,
    first_body: int,
    last_body: int,
    title_key: str | None,
    seen: set[str],
    hinted: str | None,
) -> str | None:
    text = block.text
    if not key or not text.strip(_TRIM):
        return "empty"
    if title_key and index <= first_body + 1 and (key == title_key or (block.kind == "heading" and key in title_key)):
        return "repeated headline"
    if block.row:
        # Table cells repeat by nature ("Player", "Pos", "No stats"): a data row is content.
        return None
    if not _LETTER.search(text) and block.kind != "heading":
        # Digits alone: a gallery counter, a comment count, a share tally.
        return "counter"
    if key in seen and count <= 60 and block.kind != "caption":
        return "repeated"
    if block.kind in _PROTECTED_KINDS:
        return None
    open_ended = not _SENTENCE_END.search(text)
    if count <= SHORT_BLOCK_WORDS and len(text) <= SHORT_BLOCK_CHARS:
        reason = phrase_reason(text) or ("byline" if is_byline(text) else None)
        if reason in _EDGE_ONLY and index > max(TOP_BLOCKS, first_body + 1) and index < last_body:
            reason = None
        if reason is not None:
            return reason
        # A linked heading is judged with its section (see _remove_orphan_headings).
        if (
            block.link_density >= LINK_DENSITY
            and count <= 40
            and open_ended
            and block.kind != "heading"
            and not _URL_ONLY.match(text)
        ):
            return "link list"
        if hinted and (open_ended or hinted == "strong"):
            return "page furniture"
    elif block.link_density >= 0.8 and count <= 60:
        return "link list"
    return None


def _recaption(block: Candidate, count: int) -> None:
    """A short paragraph that ends with a photo credit is an image caption."""
    if block.kind == "paragraph" and count <= CAPTION_WORDS and CREDIT_END.search(block.text):
        block.kind = "caption"


def _is_substantive(block: Candidate, count: int) -> bool:
    """A paragraph a reader came for: long enough and ending a sentence."""
    return (
        block.kind in ("paragraph", "quote", "list")
        and not block.row
        and count >= 12
        and block.link_density < 0.5
        and bool(_SENTENCE_END.search(block.text))
    )


def _furniture_hinted(blocks: list[Candidate]) -> list[str | None]:
    """Whether each block sits in an element whose class/id names furniture
    ("share-tools", "rail--trending"): "strong" for words that make even a
    punctuated sentence furniture, "weak" for the rest, None for no such word.
    Words that cover most of the text belong to the article's own container
    and are ignored."""
    total = sum(len(b.text) for b in blocks) or 1
    coverage: Counter[str] = Counter()
    token_sets = []
    for block in blocks:
        tokens = frozenset(block.hints.split())
        token_sets.append(tokens)
        for token in tokens:
            coverage[token] += len(block.text)
    local = {token for token, chars in coverage.items() if chars <= total * HINT_COVERAGE}
    verdicts: dict[str, str | None] = {}
    result: list[str | None] = []
    for tokens in token_sets:
        hinted = None
        for token in tokens & local:
            if token not in verdicts:
                verdicts[token] = _furniture_word(token)
            hinted = verdicts[token] if verdicts[token] == "strong" else hinted or verdicts[token]
            if hinted == "strong":
                break
        result.append(hinted)
    return result


def _furniture_word(token: str) -> str | None:
    parts = [p for p in re.split(r"[-_]+", token) if p]
    joined = [a + b for a, b in zip(parts, parts[1:])]
    found = None
    # Strong words hide inside compounds too ("emailsignup", "sidebarnewsletter").
    if any(stem in token for stem in STRONG_STEMS):
        return "strong"
    for part in parts + joined:
        if part in FURNITURE_WORDS or part.startswith(FURNITURE_STEMS):
            found = "weak"
    return found


#: Blocks up to this many words are compared for variants of each other.
VARIANT_WORDS = 60
#: How many earlier short blocks a block is compared with (keeps the rule linear).
VARIANT_WINDOW = 40
_ELLIPSIS = re.compile(r"(\s*(…|\.\.\.|\[…\]|\[\.\.\.\]))+\s*$")


def _remove_variants(blocks: list[Candidate], reasons: list[str | None], counts: list[int], keys: list[str]) -> None:
    """A caption printed three times (full, cut short with an ellipsis, once more
    for the lightbox) is one caption. A short block whose words appear, in
    order, inside another kept short block nearby is a variant of it: the
    fuller one stays. Exact repeats of paragraphs are handled as "repeated";
    this extends that to captions and cut-short copies."""
    recent: list[int] = []
    for i, block in enumerate(blocks):
        if reasons[i] is not None or counts[i] > VARIANT_WORDS or block.row or block.kind in ("heading", "pre"):
            continue
        key = keys[i]
        truncated = bool(_ELLIPSIS.search(block.text))
        if truncated:
            key = " ".join(_WORD.findall(_ELLIPSIS.sub("", block.text).casefold())[:-1])
        if len(key.split()) < 4:
            continue
        for j in recent:
            if reasons[j] is not None:
                continue
            if block.kind != "caption" and blocks[j].kind != "caption" and not truncated:
                continue  # two paragraphs that share words are two paragraphs
            other = keys[j]
            if f" {key} " in f" {other} " and (truncated or block.kind == "caption"):
                reasons[i] = "repeated"
                break
            if f" {other} " in f" {key} " and blocks[j].kind == "caption" and _ELLIPSIS.search(blocks[j].text):
                reasons[j] = "repeated"
        if reasons[i] is None:
            recent.append(i)
            del recent[:-VARIANT_WINDOW]


def _remove_kickers(blocks: list[Candidate], reasons: list[str | None], counts: list[int]) -> None:
    """Short labels printed above a repeated headline ("Politics", "Exclusive",
    "Verkehr") are the page's section kicker, not the article's opening."""
    headline = next((i for i, reason in enumerate(reasons) if reason == "repeated headline"), None)
    if headline is None:
        return
    for i in range(headline):
        if reasons[i] is None and counts[i] <= 4 and not _SENTENCE_END.search(blocks[i].text):
            reasons[i] = "kicker"


def _remove_link_runs(blocks: list[Candidate], reasons: list[str | None], counts: list[int]) -> None:
    """A run of short list items that are all links is a related-stories list."""
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and blocks[j].kind == "list" and blocks[j].link_density >= 0.5 and counts[j] <= 30:
            j += 1
        if j - i >= 2:
            for k in range(i, j):
                reasons[k] = reasons[k] or "link list"
        i = max(j, i + 1)


def _remove_author_footer(blocks: list[Candidate], reasons: list[str | None], counts: list[int]) -> None:
    """One of the last two kept blocks that gives a handle or an address to
    follow or write to is the author's footer, not the story."""
    kept = [i for i, reason in enumerate(reasons) if reason is None and blocks[i].kind == "paragraph"]
    for i in kept[-2:]:
        text = blocks[i].text
        if counts[i] <= 80 and _HANDLE.search(text) and _CONTACT.search(text):
            reasons[i] = "author footer"


def _remove_trailing_widgets(
    blocks: list[Candidate], reasons: list[str | None], counts: list[int], last_body: int
) -> None:
    """After the last real paragraph, short unpunctuated lines with nothing of
    the article after them are widget labels ("Latest Comment", "Mehr zum
    Thema"), not the article's ending. Reading back from the end stops at the
    first block that is kept content."""
    if last_body < 0:
        return
    for i in range(len(blocks) - 1, last_body, -1):
        block = blocks[i]
        if reasons[i] is not None or block.kind == "heading":
            continue
        if not _widget_label(block, counts[i]):
            break
        reasons[i] = "trailing widget"


def _widget_label(block: Candidate, count: int) -> bool:
    text = block.text
    if block.kind in ("caption", "pre", "quote") or block.row:
        return False
    if block.kind == "list" and block.link_density < 0.5:
        # An unlinked list item is an enumerated point of the story (tour dates, results).
        return False
    if _SENTENCE_END.search(text):
        return False
    if block.link_density >= 0.5 and count <= 2 * WIDGET_WORDS:
        return True
    return (
        count <= WIDGET_WORDS
        and not _ENUMERATOR.match(text)
        and not any(ch.isdigit() for ch in text)
    )


def _remove_orphan_headings(blocks: list[Candidate], reasons: list[str | None]) -> None:
    """A heading introduces what follows it. One with no kept text after it, or
    whose section was cut entirely ("Related stories" over its link list,
    "Comments" over the widget), introduced furniture."""
    for i, block in enumerate(blocks):
        if block.kind != "heading" or reasons[i] is not None:
            continue
        level = block.level or 2
        cut = kept = False
        # Looking ahead a bounded distance keeps a page of thousands of headings linear.
        for j in range(i + 1, min(len(blocks), i + 1 + SECTION_LOOKAHEAD)):
            other = blocks[j]
            if other.kind == "heading" and (other.level or 2) <= level and reasons[j] is None:
                break
            if reasons[j] is None and other.kind != "heading":
                kept = True
                break
            cut = cut or reasons[j] is not None
        else:
            cut = cut or not kept
        if cut and not kept:
            reasons[i] = "orphan heading"


def _key(text: str | None) -> str:
    return " ".join(_WORD.findall((text or "").casefold()))
