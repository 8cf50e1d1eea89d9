"""``byline [SOURCE]``: start the app, and give the terminal back whole.

The command line calls ``run_app`` only when the app will run. The first
article is opened (from the library, or read and extracted) in a child process
(``app.prefetch``) forked before Textual is imported, so the two proceed side
by side; the child's article is usually in hand by the first frame.

What cannot start the app (standard input that cannot be read, no terminal)
is raised as a ``BylineError`` for the command line to report.
"""

from __future__ import annotations

import dataclasses
import gc
import sys

from byline.tui.app.prefetch import Prefetch
from byline.tui.config import Settings

#: How long the app waits, before its first frame, for the child's article.
PREFETCH_WAIT = 0.5


@dataclasses.dataclass(slots=True, frozen=True)
class Options:
    """What the command line says about this run, besides the settings."""

    #: Fetch the source again even if the library has it.
    refresh: bool = False
    #: Use the reading library (``--no-store`` turns it off).
    store: bool = True


def run_app(source: str | None, settings: Settings, options: Options | None = None) -> int:
    """Run the app on ``source`` (or the library screen); return the exit code."""
    # Starting is mostly importing, which makes objects that live as long as
    # the process: collecting garbage among them finds none and cost about
    # 30 ms before the first frame (one full collection alone 13 ms). The
    # collector is off until the app runs, then ignores everything made so far.
    gc.disable()
    options = options or Options()
    prefetch = Prefetch.start(source, settings, use_library=options.store, refresh=options.refresh)
    try:
        return _run(source, settings, options, prefetch)
    finally:
        gc.enable()
        if prefetch is not None:
            prefetch.close()


def _run(source: str | None, settings: Settings, options: Options, prefetch: Prefetch | None) -> int:
    # Imported here, after the fork, so the child starts as early as it can;
    # Textual (with the app) once the terminal is known to be there.
    from byline.extract import BylineError, read_source
    from byline.tui.app import terminal  # here: after the fork (see above)
    from byline.tui.opener import Opened  # here: after the fork
    from byline.tui.screens.reader.loading import Request  # here: after the fork

    request = None
    if source == "-":
        raw = read_source("-", settings.fetch_options())
        terminal.attach_keyboard()
        request = Request("-", raw, refresh=options.refresh)
    elif source:
        request = Request(source, prefetch=prefetch, refresh=options.refresh)
    terminal.check_terminal()
    from byline.tui.app.app import BylineApp  # Textual: what the child's work runs beside

    listing = None
    if prefetch is not None and request is None:
        # The library screen's first page, read by the child while Textual was imported.
        listing = prefetch.receive()
        prefetch.close()
    elif prefetch is not None and request is not None and prefetch.ready(PREFETCH_WAIT):
        # Textual is imported; the child has usually finished by now. With the
        # text in hand the first frame the app draws is the article itself.
        # A page that takes longer (a huge one) is waited for in the app, which
        # meanwhile says so and answers keys.
        message = prefetch.receive()
        if isinstance(message, Opened):
            request = dataclasses.replace(request, opened=message)
            if message.annotated:
                prefetch.close()  # nothing more to come
        else:  # not stored (a URL to fetch), or the child failed: the app does it
            prefetch.close()
            request = dataclasses.replace(request, prefetch=None)

    app = BylineApp(
        settings, request, store=options.store, listing=listing, driver_class=terminal.safe_driver_class()
    )
    gc.freeze()
    gc.enable()
    app.run()
    for failure in app.keeper.failures:  # the terminal is ours again: say what was not kept
        reason = failure.message if isinstance(failure, BylineError) else f"internal error ({type(failure).__name__})"
        if sys.stderr is not None:
            print(f"byline: not stored in the library: {reason}", file=sys.stderr)
    return app.return_code or 0
