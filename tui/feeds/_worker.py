"""Extraction worker processes for feed updates.

Importing this module warms a process up for extraction: the pipeline's
modules are imported and one short article is extracted, so the entity and
quote tables are loaded. The process pool's fork server imports it once, and
every worker forked from it starts warm in milliseconds instead of loading
the tables itself (about a second each).
"""

from __future__ import annotations

import signal

from byline.extract import extract_text
from byline.tui.feeds import articles  # noqa: F401 - what the workers run

_WARM_UP = (
    "Harbour wall repaired\n\n"
    "Engineers finished the repairs on Sunday, the port authority said. "
    "\u201cThe weather was kind to us,\u201d said Marit Solberg, who led the work."
)

extract_text(_WARM_UP)


def start() -> None:
    """Each worker's initializer: Ctrl-C reaches the whole process group, and
    the parent reports it; the workers stay quiet."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
