"""``byline [SOURCE]``: start the app, and give the terminal back whole.

Nothing here imports Textual at module level: the command line imports this
module only when the app will run, and a local article's extraction is
started in a child process (``tui.prefetch``) before Textual's import, so
the two proceed side by side.
"""

from __future__ import annotations

import dataclasses
import sys

#: How long the app waits, before its first frame, for the child's article.
PREFETCH_WAIT = 0.5


def run_app(source: str | None, *, timeout: float | None = None) -> int:
    """Run the app on ``source`` (or the start screen); return the exit code."""
    from tui import terminal
    from tui.prefetch import Prefetch

    prefetch = Prefetch.start(source, timeout)
    try:
        return _run(source, timeout, prefetch, terminal)
    finally:
        if prefetch is not None:
            prefetch.close()


def _run(source, timeout, prefetch, terminal) -> int:  # type: ignore[no-untyped-def]
    from extract.errors import ExtractError
    from tui.cli import EXIT_USAGE, report_error
    from tui.config import load_settings

    try:
        settings = load_settings()
    except ExtractError as exc:
        return report_error(exc, "")
    if timeout:
        settings = dataclasses.replace(settings, timeout=timeout)
    from tui.loading import Request

    request = None
    try:
        if source == "-":
            from extract.load import read_stdin

            try:
                raw = read_stdin(settings.fetch_options())
            except ExtractError as exc:
                return report_error(exc, source)
            terminal.attach_keyboard()
            request = Request("-", raw)
        elif source:
            request = Request(source, prefetch=prefetch)
        terminal.check_terminal()
    except terminal.NoTerminal as exc:
        print(f"byline: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from tui.application import BylineApp

    if prefetch is not None and request is not None and prefetch.ready(PREFETCH_WAIT):
        # Textual is imported; the child has usually finished by now. With the
        # text in hand the first frame the app draws is the article itself.
        # A page that takes longer (a huge one) is waited for in the app, which
        # meanwhile says so and answers keys.
        from extract.article import Article

        article = prefetch.receive()
        if isinstance(article, Article):
            request = dataclasses.replace(request, article=article)

    app = BylineApp(settings, request, driver_class=terminal.safe_driver_class())
    app.run()
    return app.return_code or 0
