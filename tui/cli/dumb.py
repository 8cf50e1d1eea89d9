"""``byline [SOURCE]`` on a terminal that cannot move its cursor (``TERM=dumb``:
Emacs' shell and compile buffers, a serial console, an editor's terminal pane).

The app cannot be drawn there, but the article can be read: SOURCE is printed
as ``--dump`` prints it (wrapped to the terminal, stored in the library), and
through ``$PAGER`` when one is set — a pager the user chose for this terminal.
None is guessed: ``less`` on a dumb terminal stops to warn that it is "not
fully functional", and such terminals (an Emacs buffer) scroll back on their
own. ``byline`` alone has nothing to print and says what to type instead.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys

from byline.extract import BylineError
from byline.tui.cli.article import print_article
from byline.tui.config import Settings


class DumbTerminal(BylineError):
    """The app was asked for on a terminal that cannot draw it."""


def without_the_app(args: argparse.Namespace, settings: Settings) -> int:
    """Print ``args.source`` (through ``$PAGER``) instead of opening the app."""
    if not args.source:
        raise DumbTerminal(
            "this terminal (TERM=dumb) cannot draw the app; byline --dump SOURCE prints an article, "
            "byline library list lists the library"
        )
    width = args.width if args.width is not None else min(80, shutil.get_terminal_size((80, 24)).columns)
    args = argparse.Namespace(**{**vars(args), "dump": True, "json": False, "export": None, "width": width})
    print("byline: this terminal (TERM=dumb) cannot draw the app: printing the article", file=sys.stderr, flush=True)
    pager = _pager()
    if pager is None:
        return print_article(args, settings)
    return _through(pager, lambda: print_article(args, settings))


def _pager() -> str | None:
    """``$PAGER`` when it names a program that is there (``cat`` is no pager)."""
    pager = os.environ.get("PAGER", "").strip()
    try:
        program = shlex.split(pager)[0] if pager else ""
    except ValueError:
        return None
    if not program or os.path.basename(program) == "cat" or shutil.which(program) is None:
        return None
    return pager


def _through(pager: str, write) -> int:  # type: ignore[no-untyped-def]
    """Run ``write`` with standard output going to ``pager``; wait for the pager."""
    process = subprocess.Popen(pager, shell=True, stdin=subprocess.PIPE)
    assert process.stdin is not None
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(process.stdin.fileno(), 1)
    process.stdin.close()
    try:
        return write()
    except BrokenPipeError:  # the pager was left before the end: not an error
        return 0
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            pass
        os.dup2(saved, 1)
        os.close(saved)
        process.wait()

