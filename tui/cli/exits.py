"""How the command line ends: exit codes, and the one line on stderr.

Every failure a user can cause is a ``BylineError`` (``byline.extract``'s base)
carrying its exit code and a one-line message; this module prints it. A bug is
one line too, with the traceback only under ``BYLINE_DEBUG=1``.

    0    success
    1    internal error: a bug in byline
    2    usage (a bad option, no terminal for the app), the config file, an entity engine not installed
    3    the source could not be read (network, HTTP status, file, too large, not HTML/text, undecodable)
    4    the source was read but holds no article text
    5    the library or an export file could not be written; ``library remove`` of an id not stored
    130  interrupted (Ctrl-C)
"""

from __future__ import annotations

import os
import sys

from byline.extract import BylineError, clean_inline

EXIT_OK = 0
EXIT_BUG = 1
EXIT_USAGE = 2
EXIT_SOURCE = 3
EXIT_NOT_ARTICLE = 4
EXIT_STORAGE = 5
EXIT_INTERRUPTED = 130


def report_error(error: BylineError, source: str = "") -> int:
    """Print one line naming the source and the problem; return the error's exit code."""
    message = error.message  # already one line without controls
    source = clean_inline(source or "")
    if source and not message.startswith(source):
        message = f"{source}: {message}"
    warn(message)
    return error.exit_code


def report_bug(error: BaseException, source: str | None = None) -> int:
    """A bug: one line, the traceback only on request (``BYLINE_DEBUG=1`` re-raises)."""
    if os.environ.get("BYLINE_DEBUG"):
        raise error
    label = f"{clean_inline(source)}: " if source else ""
    if isinstance(error, MemoryError):
        warn(f"{label}ran out of memory")
    else:
        detail = clean_inline(f"{type(error).__name__}: {error}")[:200]
        warn(f"{label}internal error ({detail}); please report it (BYLINE_DEBUG=1 shows the traceback)")
    return EXIT_BUG


def warn(message: str) -> None:
    """``byline: message`` on stderr: a warning, or an error's line."""
    print(f"byline: {clean_inline(message)}", file=sys.stderr)
