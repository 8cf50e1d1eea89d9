"""The Textual app: a start screen or the reader, themes, keys, the command
palette, and a terminal that is always given back whole."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from extract import ExtractError
from tui import terminal
from tui.commands import Command, command_table
from tui.config import Settings
from tui.data.recent import RecentArticles, RecentFile
from tui.loading import Request
from tui.screens.reader import ReaderScreen
from tui.screens.start import StartScreen
from tui.theme import DEFAULT_THEME, THEMES

#: Exit code after an internal error (sysexits' EX_SOFTWARE).
EXIT_INTERNAL = 70


class BylineApp(App[None]):
    """byline's app: ``request`` opens an article at once; None shows the start screen."""

    CSS_PATH = Path(__file__).with_name("byline.tcss")
    TITLE = "byline"
    BINDINGS = [
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="interrupt"),
        Binding("ctrl+z", "suspend_process", "Suspend (fg resumes)", show=False, id="suspend"),
    ]

    def __init__(
        self,
        settings: Settings | None = None,
        request: Request | None = None,
        *,
        recent: RecentArticles | None = None,
        driver_class: type | None = None,
    ) -> None:
        super().__init__(driver_class=driver_class)
        self.settings = settings or Settings()
        self.request = request
        self.recent = recent
        # Smooth scrolling costs bytes and latency over SSH: off unless asked for.
        self.animation_level = "full" if self.settings.animations else "none"
        for theme in THEMES:
            self.register_theme(theme)
        self._unknown_theme = None
        wanted = self.settings.theme or DEFAULT_THEME
        if wanted in self.available_themes:
            self.theme = wanted
        else:
            self._unknown_theme = wanted
            self.theme = DEFAULT_THEME
        if self.settings.keys:
            self.set_keymap(self.settings.keys)

    def on_mount(self) -> None:
        if sys.platform != "win32" and not self.is_headless:
            terminal.install_exit_signals(self)
        if self._unknown_theme:
            self.notify(f"unknown theme {self._unknown_theme!r}; using {DEFAULT_THEME}", markup=False)
        if self.request is not None:
            self.push_screen(ReaderScreen(self.settings, self.request))
        else:
            entries = self.recent.entries() if self.recent is not None else []
            self.push_screen(StartScreen(entries), self._open_from_start)

    def _open_from_start(self, source: str | None) -> None:
        if source:
            self.push_screen(ReaderScreen(self.settings, Request(source)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette: every bound action of the screen, then Textual's own."""
        nodes = screen.command_nodes() if isinstance(screen, ReaderScreen) else [("App", self)]
        for command in command_table(nodes):
            keys = ", ".join(command.keys)
            yield SystemCommand(command.description, f"key: {keys}", partial(self._run_command, command))
        yield from super().get_system_commands(screen)

    async def _run_command(self, command: Command) -> None:
        await self.run_action(command.action, command.node)

    def _fatal_error(self) -> None:
        """A bug: log the traceback, leave with one line (article text never reaches the screen)."""
        path = terminal.write_crash_log()
        error = sys.exc_info()[1]
        where = f"; details in {path}" if path else ""
        self.panic(Text(f"byline: internal error ({type(error).__name__}){where}"))


def run_app(source: str | None, *, timeout: float | None = None, settings: Settings | None = None) -> int:
    """Run the app on ``source`` (or the start screen); return the exit code."""
    from tui.cli import EXIT_USAGE, report_error

    settings = settings or Settings()
    if timeout:
        settings = dataclasses.replace(settings, timeout=timeout)
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
            request = Request(source)
        terminal.check_terminal()
    except terminal.NoTerminal as exc:
        print(f"byline: {exc}", file=sys.stderr)
        return EXIT_USAGE
    app = BylineApp(settings, request, recent=RecentFile(), driver_class=terminal.safe_driver_class())
    app.run()
    return app.return_code or 0
