"""When byline has a bug: the details go to a log file, the user sees one line.

Nothing from an article reaches the screen this way: a traceback can quote
the text being worked on.
"""

from __future__ import annotations

import time
import traceback
from pathlib import Path

from platformdirs import user_state_path


def crash_log_path() -> Path:
    return user_state_path("byline", appauthor=False) / "crash.log"


def write_crash_log() -> Path | None:
    """Append the exception being handled to the crash log; return its path."""
    path = crash_log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n{traceback.format_exc()}\n")
    except OSError:
        return None
    return path


def internal_error_message(doing: str) -> str:
    """One line for a bug met while ``doing`` something; the traceback goes to the crash log."""
    path = write_crash_log()
    return f"internal error while {doing}" + (f" (details in {path})" if path else "")
