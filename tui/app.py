"""``byline [SOURCE]``: start the app, and give the terminal back whole.

Nothing here imports Textual at module level: the command line imports this
module only when the app will run, and the first article is opened (from
the library, or read and extracted) in a child process (``tui.prefetch``)
forked before Textual's import, so the two proceed side by side.
"""

from __future__ import annotations

import dataclasses
import gc
import sys

#: How long the app waits, before its first frame, for the child's article.
PREFETCH_WAIT = 0.5


@dataclasses.dataclass(slots=True, frozen=True)
class Options:
    """What the command line says about this run, on top of the config file."""

    timeout: float | None = None
    ner: str | None = None
    #: Fetch the source again even if the library has it.
    refresh: bool = False
    #: Use the reading library (``--no-store`` turns it off).
    store: bool = True


def run_app(source: str | None, options: Options | None = None) -> int:
    """Run the app on ``source`` (or the start screen); return the exit code."""
    # Starting is mostly importing, which makes objects that live as long as
    # the process: collecting garbage among them finds none and cost about
    # 30 ms before the first frame (one full collection alone 13 ms). The
    # collector is off until the app runs, then ignores everything made so far.
    gc.disable()
    try:
        return _run_app(source, options)
    finally:
        gc.enable()


def _run_app(source: str | None, options: Options | None) -> int:
    from byline.extract.errors import BylineError
    from byline.tui import terminal
    from byline.tui.cli import report_error
    from byline.tui.config import load_settings
    from byline.tui.prefetch import Prefetch

    options = options or Options()
    try:
        settings = load_settings()
    except BylineError as exc:
        return report_error(exc, "")
    if options.timeout:
        settings = dataclasses.replace(settings, timeout=options.timeout)
    if options.ner:
        settings = dataclasses.replace(settings, ner=options.ner)
    prefetch = Prefetch.start(source, settings, use_library=options.store, refresh=options.refresh)
    try:
        return _run(source, settings, options, prefetch, terminal)
    finally:
        if prefetch is not None:
            prefetch.close()


def _run(source, settings, options, prefetch, terminal) -> int:  # type: ignore[no-untyped-def]
    from byline.extract.errors import BylineError
    from byline.tui.cli import EXIT_USAGE, report_error
    from byline.tui.loading import Request

    request = None
    try:
        if source == "-":
            from byline.extract.sources import read_stdin

            try:
                raw = read_stdin(settings.fetch_options())
            except BylineError as exc:
                return report_error(exc, source)
            terminal.attach_keyboard()
            request = Request("-", raw, refresh=options.refresh)
        elif source:
            request = Request(source, prefetch=prefetch, refresh=options.refresh)
        terminal.check_terminal()
    except terminal.NoTerminal as exc:
        print(f"byline: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from byline.tui.application import BylineApp

    listing = None
    if prefetch is not None and request is None:
        # The start screen's first page, read by the child while Textual was imported.
        listing = prefetch.receive()
        prefetch.close()
    elif prefetch is not None and request is not None and prefetch.ready(PREFETCH_WAIT):
        # Textual is imported; the child has usually finished by now. With the
        # text in hand the first frame the app draws is the article itself.
        # A page that takes longer (a huge one) is waited for in the app, which
        # meanwhile says so and answers keys.
        from byline.tui.data.through import Opened

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
        print(f"byline: not stored in the library: {reason}", file=sys.stderr)
    return app.return_code or 0
