"""The Textual app: the reader (or the library screen first), themes, keys, the
command palette and the help screen. ``app.startup.run_app`` starts it."""

from __future__ import annotations

import asyncio
import io
import sys
import time
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from rich.text import Text
from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.filter import LineFilter, Monochrome, NoColor
from textual.notifications import SeverityLevel
from textual.screen import Screen

from byline.extract import clean_inline, strip_controls

from byline.tui import crash
from byline.tui.app import terminal
from byline.tui.app.clipboard import copy_sequence
from byline.tui.app.commands import Command, command_table
from byline.tui.app.feed_updates import FeedsProgress, FeedsUpdated, FeedUpdates
from byline.tui.app.keeper import LibraryKeeper
from byline.tui.textual_private import (
    keymap,
    refresh_truecolor_filter,
    remember_clipboard,
    skip_tooltips,
    taken_down,
    write_to_terminal,
)
from byline.tui.app.theme import DEFAULT_THEME, THEMES
from byline.tui.config import Settings
from byline.tui.dialogs.help import HelpScreen
from byline.tui.opener import Opener
from byline.tui.screens.reader.loading import Request
from byline.tui.screens.reader.screen import ReaderScreen

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from byline.tui.data.library import Library
    from byline.tui.data.records import Entry


#: The name byline's screenshots are delivered under (Textual's own handlers ignore it).
SCREENSHOT = "byline-screenshot"


def screenshot_directory() -> Path:
    """Where a screenshot goes: the downloads folder when there is one, else here."""
    downloads = platformdirs.user_downloads_path()
    return downloads if downloads.is_dir() else Path.cwd()


class BylineApp(App[None]):
    """byline's app: ``request`` opens an article at once; None shows the library screen."""

    CSS_PATH = Path(__file__).with_name("byline.tcss")
    TITLE = "byline"
    BINDINGS = [
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="interrupt"),
        Binding("ctrl+z", "suspend_process", "Suspend (fg resumes)", show=False, id="suspend"),
        Binding("R", "update_feeds", "Update all feeds", show=False, id="feeds_update_all"),
    ]

    def __init__(
        self,
        settings: Settings | None = None,
        request: Request | None = None,
        *,
        store: bool = True,
        library: Library | None = None,
        listing: tuple[int, list[Entry]] | None = None,
        driver_class: type | None = None,
    ) -> None:
        """``store=False`` (``--no-store``) leaves the reading library alone;
        ``library`` is an already open one (tests), else it is opened when first
        needed; ``listing`` is the library screen's first page, read before the app started."""
        super().__init__(driver_class=driver_class)
        skip_tooltips(self)
        self.settings = settings or Settings()
        self.request = request
        self.keeper = LibraryKeeper(self.settings, enabled=store, library=library)
        self.feed_updates = FeedUpdates(self, self.keeper, self.settings)
        self._library_error_said = False
        #: What the config file asks for that the app could not do, one line each (the help screen lists them).
        self.config_problems: list[str] = []
        self._listing = listing
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
        self._no_color = NoColor()

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
        refresh_truecolor_filter(self)
        self.stylesheet.set_variables(self.get_css_variables())

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual picks its NO_COLOR filter before our theme is set, and for a
        truecolor theme that filter paints in greys: NO_COLOR means none."""
        filters = super().get_line_filters()
        if not self.no_color:
            return filters
        return [*(f for f in filters if not isinstance(f, (Monochrome, NoColor))), self._no_color]

    def get_default_screen(self) -> Screen:
        """The reader is the app's one base screen (no empty screen below it to draw)."""
        self.reader = ReaderScreen(self.settings, self.request)
        return self.reader

    def _redraw_after_resume(self, _app: App) -> None:
        """Redraw everything after Ctrl-Z and fg. The terminal was given back
        to the shell, so the screen is blank; Textual refreshes after its own
        ``suspend()`` block but not after ``action_suspend_process``."""
        self.refresh(layout=True)

    def on_mount(self) -> None:
        if sys.platform != "win32" and not self.is_headless:
            terminal.install_exit_signals(self)
        self.app_resume_signal.subscribe(self, self._redraw_after_resume)
        if self.request is None:
            self.show_library(from_reader=False)
        self.call_after_refresh(self._check_config_names)
        if self.settings.feeds_update_on_start and self.keeper.enabled:
            # After the first paint, and after the first article's entities have had a head start.
            self.set_timer(1.0, lambda: self.update_feeds(None, quiet=True))

    def show_library(self, *, from_reader: bool) -> None:
        """The library screen: open a source or a stored article. From an article
        opened from a feed, its feed's item list is shown over it."""
        from byline.tui.screens.library.screen import StartScreen  # here: not on the way to an article's first paint

        listing, self._listing = self._listing, None
        page = self.reader.page if from_reader else None
        feed_item = page.request.feed_item if page is not None else None
        screen = StartScreen(self.keeper, from_reader=from_reader, listing=listing, feed_item=feed_item)
        self.push_screen(screen, self._open_from_library)

    # ------------------------------------------------------------------ feeds

    def action_update_feeds(self) -> None:
        self.update_feeds(None)

    def update_feeds(self, feed_ids: list[int] | None, *, quiet: bool = False) -> None:
        """Update ``feed_ids`` (None: every feed) in the background; reading goes on."""
        if not self.keeper.enabled:
            self.notify("the library is off (--no-store): feeds live in it", timeout=4, markup=False)
            return
        if not self.feed_updates.start(feed_ids) and not quiet:
            self.notify("an update is under way: these feeds are next", timeout=3, markup=False)

    def _screens_with(self, method: str) -> list[Screen]:
        """The screens on the stack that have ``method`` and can still show
        something: not one being taken down (the app quitting, or the screen
        leaving) while an update's message was on its way, whose widgets are
        already gone."""
        return [screen for screen in self.screen_stack if hasattr(screen, method) and not taken_down(screen)]

    def on_feeds_progress(self, message: FeedsProgress) -> None:
        for screen in self._screens_with("feeds_progress"):
            screen.feeds_progress(message)

    def on_feeds_updated(self, message: FeedsUpdated) -> None:
        shown = False
        for screen in self._screens_with("feeds_updated"):
            screen.feeds_updated(message)
            shown = shown or screen is self.screen
        if not shown and (message.reports or message.error):
            # Reading: one short line, gone in a few seconds.
            self.notify(message.summary(), title="feeds", timeout=4, markup=False)

    def show_help(self, nodes: Iterable[tuple[str, DOMNode]]) -> None:
        """The help screen: the bindings of ``nodes`` (group name, node), from the
        palette's table, after what is wrong in the config file."""
        self.push_screen(HelpScreen(command_table(nodes), problems=self.config_problems))

    async def library(self) -> Library | None:
        """The reading library, opened (off the event loop) on first use; None
        when it is off or unusable, which is said once."""
        library = await self.keeper.library()
        self._say_library_notices()
        return library

    async def opener(self) -> Opener:
        """An opener through the reading library (or straight from the source
        when the library is off or unusable), with the user's settings."""
        return Opener.for_settings(await self.library(), self.settings)

    def _say_library_notices(self) -> None:
        keeper = self.keeper
        messages, keeper.notices = keeper.notices, []
        if keeper.error is not None and not self._library_error_said:
            self._library_error_said = True
            messages.append(f"{keeper.error.message}; articles are not stored this session")
        for message in messages:
            self.notify(message, title="library", severity="warning", timeout=15, markup=False)

    def _open_from_library(self, request: Request | None) -> None:
        if request is not None:
            self.reader.load(request)

    async def on_unmount(self) -> None:
        """Write what is owed to the library (positions, a pending store), then close it."""
        reader = getattr(self, "reader", None)
        if reader is not None:
            reader.finish()
        await asyncio.to_thread(self.feed_updates.stop)  # its unread items wait for the next update
        await asyncio.to_thread(self.keeper.close)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Textual's notification, but what it says is data: never markup, never
        a terminal control (a path or a config value can hold ESC). Every
        widget's and screen's ``notify`` comes here."""
        super().notify(
            strip_controls(str(message)), title=clean_inline(title), severity=severity, timeout=timeout, markup=False
        )

    def copy_to_clipboard(self, text: str) -> None:
        """Put ``text`` on the terminal's clipboard with OSC 52 — wrapped for
        passthrough inside tmux, which Textual's own copy does not do."""
        remember_clipboard(self, text)
        write_to_terminal(self, copy_sequence(text))

    def _check_config_names(self) -> None:
        """Find what in the config file means nothing here, or clashes (the app
        goes on without it): one short notice, the details on the help screen."""
        from byline.tui.app.config_check import key_conflicts, unknown_names  # here, after the first frame: it imports every dialog

        problems = unknown_names(self.settings, self._unknown_theme, self.available_themes, type(self))
        if self.settings.keys:
            problems += key_conflicts(
                keymap(self), type(self), lambda key: self.get_key_display(Binding(key, "")), self.settings.keys
            )
        self.config_problems = problems
        if problems:
            count = f"{len(problems)} problems" if len(problems) > 1 else "a problem"
            self.notify(f"config: {count}; ? for details", severity="warning", timeout=8, markup=False)

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """The palette's Screenshot. Textual saves into ~/Downloads and fails
        where there is none (a server): here the downloads folder when it
        exists, else the current directory, and the notice names the file."""

        if path is None and not self.is_web:
            path = str(screenshot_directory())
        name = filename or f"byline_{time.strftime(time_format or '%Y-%m-%dT%H_%M_%S')}.svg"
        return self.deliver_text(
            io.StringIO(self.export_screenshot()),
            save_directory=path,
            save_filename=name,
            open_method="browser",
            mime_type="image/svg+xml",
            name=SCREENSHOT,
        )

    @on(events.DeliveryComplete)
    def _screenshot_saved(self, event: events.DeliveryComplete) -> None:
        if event.name == SCREENSHOT:
            where = f" to {event.path}" if event.path is not None else ""
            self.notify(f"saved the screenshot{where}", markup=False)

    @on(events.DeliveryFailed)
    def _screenshot_failed(self, event: events.DeliveryFailed) -> None:
        if event.name == SCREENSHOT:
            reason = getattr(event.exception, "strerror", None) or str(event.exception)
            self.notify(f"could not save the screenshot: {reason}", severity="error", markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette: every bound action of the screen, then Textual's own."""
        nodes = screen.command_nodes() if hasattr(screen, "command_nodes") else [("App", self)]
        for command in command_table(nodes):
            keys = f"key: {', '.join(command.keys)}" if command.keys else "no key (the config file's [keys] can give one)"
            yield SystemCommand(command.description, keys, partial(self._run_command, command))
        yield from super().get_system_commands(screen)

    async def _run_command(self, command: Command) -> None:
        await self.run_action(command.action, command.node)

    def _fatal_error(self) -> None:
        """A bug: log the traceback, leave with one line (article text never reaches the screen).
        Overrides Textual's handler of the same name (see ``tui.textual_private``)."""
        path = crash.write_crash_log()
        error = sys.exc_info()[1]
        where = f"; details in {path}" if path else ""
        self.panic(Text(clean_inline(f"byline: internal error ({type(error).__name__}){where}")))
