"""readability-lxml's choice is the baseline; byline's boilerplate stage may
take from it only on evidence that holds across sites. This module is the
check on that evidence.

The boilerplate stage has two kinds of evidence (see ``boilerplate``):

* whole-block evidence: a short block that *is* a known label ("Share this",
  "Advertisement", "3 comments"), an exact repeat, a counter, the headline
  again. Each says something about one block and holds on any site.
* structural evidence: link density, class/id words, runs of short lines,
  position at the end, a heading left alone. It is read from the page's
  layout, and on a layout no one has tuned for it can be wrong wholesale: a
  German blog whose container is called "teaser", a post whose own bullet
  points are links, a forum whose posts are short lines.

When the structural rules together would remove a large share of what
readability kept (more than :data:`MAX_REMOVED_SHARE` of its words), or leave
the page with almost nothing (under :data:`MIN_KEPT_WORDS` words), that is a
sign the evidence is wrong, not the page: every block removed on structural
evidence alone is put back, and only the whole-block removals stand.
"""

from __future__ import annotations

import re

from byline.extract.blocks import Candidate

#: Reasons a block was removed on evidence about that block alone.
WHOLE_BLOCK_REASONS = frozenset(
    (
        "empty", "counter", "repeated", "repeated headline", "ad marker", "promotion",
        "unrendered markup", "script notice", "share prompt", "newsletter", "related links",
        "comments", "paywall", "photo credit", "gallery counter", "byline", "date line",
    )
)
#: The structural rules may remove at most this share of readability's words.
MAX_REMOVED_SHARE = 0.5
#: ... and must leave at least this many words of a page that had more.
MIN_KEPT_WORDS = 30
#: Below this many words readability's own choice is too slight to hold the
#: stages to (a login form, a list of links): the stages' verdict stands.
MIN_BASELINE_WORDS = 60

_WORD = re.compile(r"\w+")


def words(blocks: list[Candidate]) -> int:
    return sum(len(_WORD.findall(block.text)) for block in blocks if block.kind != "caption")


def hold(
    blocks: list[Candidate], kept: list[Candidate], removed: list[tuple[Candidate, str]]
) -> tuple[list[Candidate], list[tuple[Candidate, str]], bool]:
    """``kept`` and ``removed`` as the boilerplate stage left them, or, when its
    structural rules took too much of readability's text, with those
    removals undone. The third value says whether they were undone."""
    structural = [(block, reason) for block, reason in removed if reason not in WHOLE_BLOCK_REASONS]
    if not structural:
        return kept, removed, False
    kept_words = words(kept)
    baseline = kept_words + words([block for block, _ in structural])
    if kept_words >= MIN_KEPT_WORDS and kept_words >= baseline * (1 - MAX_REMOVED_SHARE):
        return kept, removed, False
    if baseline <= kept_words or baseline < MIN_BASELINE_WORDS:
        return kept, removed, False
    restored = {id(block) for block, _ in structural}
    order = {id(block): position for position, block in enumerate(blocks)}
    kept = sorted(kept + [block for block, _ in structural], key=lambda block: order[id(block)])
    removed = [(block, reason) for block, reason in removed if id(block) not in restored]
    return kept, removed, True
