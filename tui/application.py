"""The Textual app: a start screen or the reader, themes, keys and the command
palette. ``tui.app.run_app`` starts it."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui import terminal
from tui.commands import Command, command_table
from tui.config import Settings
if TYPE_CHECKING:
    from tui.data.recent import RecentArticles
from tui.loading import Request
from tui.screens.reader import ReaderScreen
from tui.theme import DEFAULT_THEME, THEMES

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
        # No widget here has a tooltip: skip mounting Textual's tooltip layer.
        self._disable_tooltips = True
        self.settings = settings or Settings()
        self.request = request
        self._recent = recent
        # Smooth scrolling costs bytes and latency over SSH: off unless asked for.
        self.animation_level = "full" if self.settings.animations else "none"
        for theme in THEMES:
            self.register_theme(theme)
        self._unknown_theme = None
        wanted = self.settings.theme or DEFAULT_THEME
        if wanted not in self.available_themes:
            self._unknown_theme, wanted = wanted, DEFAULT_THEME
        self._start_with_theme(wanted)
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        if self.no_color:
            # Textual picks its NO_COLOR filter before our theme is set, and for a
            # truecolor theme that filter paints in greys: NO_COLOR means none.
            from textual.filter import Monochrome, NoColor

            self._filters = [f for f in self._filters if not isinstance(f, (Monochrome, NoColor))]
            self._filters.append(NoColor())

    def _start_with_theme(self, name: str) -> None:
        """Choose the theme before the stylesheet is first read.

        Setting ``App.theme`` queues a re-parse of every stylesheet, which the
        first parse (still to come, with this theme's variables) makes
        redundant; this does the rest of what setting it does.
        """
        self.set_reactive(App.theme, name)
        theme = self.current_theme
        classes = {cls: False for cls in self.classes if cls.startswith("-theme-")}
        classes.update({f"-theme-{theme.name}": True, "-dark-mode": theme.dark, "-light-mode": not theme.dark})
        self.update_classes(classes, update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    @property
    def recent(self) -> RecentArticles:
        """The recently opened articles (loaded on first use: not on the way to the first paint)."""
        if self._recent is None:
            from tui.data.recent import RecentFile

            self._recent = RecentFile()
        return self._recent

    def get_default_screen(self) -> Screen:
        """The reader is the app's one base screen (no empty screen below it to draw)."""
        return ReaderScreen(self.settings, self.request)

    def _redraw_after_resume(self, _app: App) -> None:
        """Redraw everything after Ctrl-Z and fg. The terminal was given back
        to the shell, so the screen is blank; Textual refreshes after its own
        ``suspend()`` block but not after ``action_suspend_process``."""
        self.refresh(layout=True)

    def on_mount(self) -> None:
        if sys.platform != "win32" and not self.is_headless:
            terminal.install_exit_signals(self)
        self.app_resume_signal.subscribe(self, self._redraw_after_resume)
        if self._unknown_theme:
            self.notify(f"unknown theme {self._unknown_theme!r}; using {DEFAULT_THEME}", markup=False)
        if self.request is None:
            from tui.screens.start import StartScreen

            self.push_screen(StartScreen(self.recent.entries()), self._open_from_start)

    def _open_from_start(self, source: str | None) -> None:
        if source:
            reader = self.screen
            if isinstance(reader, ReaderScreen):
                reader.load(Request(source))

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
