"""Giving the terminal back whole, whatever happens.

Textual restores the terminal when the app exits normally. This module covers
the other ways out: SIGTERM, SIGHUP (an SSH link that drops) and SIGINT
become a clean exit; writes to a terminal that has gone away are dropped
instead of killing the output thread (which would leave the app waiting on it
forever); and the sequences that undo Textual's modes are written again if
the app cannot shut down in time. (A bug's details go to ``tui.crash``'s log.)
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time
from typing import IO, TYPE_CHECKING

from byline.extract import BylineError
from byline.tui.textual_private import driver_writer_thread, wrap_driver_output

if TYPE_CHECKING:
    from textual.app import App

try:
    import termios
except ImportError:  # not on Windows, which has no cooked mode to restore
    termios = None  # type: ignore[assignment]

#: Signals that end the app cleanly, with their exit codes.
EXIT_SIGNALS = {signal.SIGTERM: 143, signal.SIGHUP: 129, signal.SIGINT: 130}

#: How long a signalled app may take to shut down before it is forced out.
SHUTDOWN_GRACE = 3.0

#: What Textual's driver sets, and the sequences that undo it.
RESET_SEQUENCES = (
    "\x1b[<u"  # kitty keyboard protocol off
    "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l"  # mouse reporting off
    "\x1b[?2004l"  # bracketed paste off
    "\x1b[?1004l"  # focus events off
    "\x1b[?7h"  # line wrap back on
    "\x1b[?1049l"  # leave the alternate screen
    "\x1b[?25h"  # show the cursor
)


class NoTerminal(BylineError):
    """The app cannot take keys or draw: there is no terminal. A usage error:
    the command line says to use ``--dump`` instead."""


def attach_keyboard() -> None:
    """After stdin was read to the end, take keys from the controlling terminal.

    Textual reads keys from file descriptor 0, so /dev/tty is put there (as the
    log viewer toolong does).
    """
    try:
        tty = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        raise NoTerminal(
            "the article came from standard input, but there is no terminal to read keys from; "
            "use byline --dump - or byline --json -"
        ) from None
    os.dup2(tty, 0)
    os.close(tty)
    sys.stdin = os.fdopen(0, "r", closefd=False)
    sys.__stdin__ = sys.stdin


def check_terminal() -> None:
    """Refuse to start the app without a terminal for keys and drawing."""
    if not os.isatty(0) or not os.isatty(sys.__stderr__.fileno()):
        raise NoTerminal("the app needs a terminal; use byline --dump SOURCE or byline --json SOURCE")


class SafeStream:
    """A text stream whose writes are dropped, not raised, once the terminal is gone."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.broken = False

    def write(self, text: str) -> int:
        if isinstance(text, _Drained):
            self.flush()  # everything queued before the marker is on the terminal
            text.event.set()
            return 0
        if not self.broken:
            try:
                return self.stream.write(text)
            except (OSError, ValueError):
                self.broken = True
        return len(text)

    def flush(self) -> None:
        if not self.broken:
            try:
                self.stream.flush()
            except (OSError, ValueError):
                self.broken = True

    def fileno(self) -> int:
        return self.stream.fileno()

    def isatty(self) -> bool:
        return True


class _Drained(str):
    """A marker passed through Textual's writer thread: ``SafeStream`` sets its
    event once everything queued before it has been written and flushed."""

    event: threading.Event


#: How long leaving application mode waits for the queued writes to reach the terminal.
DRAIN_TIMEOUT = 1.0


def safe_driver_class() -> type | None:
    """Textual's Linux driver writing through a ``SafeStream`` (None elsewhere)."""
    if sys.platform == "win32":
        return None
    from textual.drivers.linux_driver import LinuxDriver  # here: POSIX only, and Textual waits until a terminal is known

    class SafeLinuxDriver(LinuxDriver):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, **kwargs)
            wrap_driver_output(self, SafeStream)

        def stop_application_mode(self) -> None:
            # Textual queues the sequences that leave the alternate screen and
            # show the cursor for its writer thread, and its flush is a no-op:
            # on Ctrl-Z the process could stop with them still queued, leaving
            # the shell on the alternate screen. Wait until they are written.
            super().stop_application_mode()
            writer = driver_writer_thread(self)
            if writer is not None and writer.is_alive():
                marker = _Drained("")
                marker.event = threading.Event()
                writer.write(marker)
                marker.event.wait(DRAIN_TIMEOUT)

    return SafeLinuxDriver


def install_exit_signals(app: App) -> None:
    """Make SIGTERM, SIGHUP and SIGINT end ``app`` the way q does (call it on the app's loop)."""
    loop = asyncio.get_running_loop()
    for signum, code in EXIT_SIGNALS.items():
        loop.add_signal_handler(signum, _exit_on_signal, app, code)


def _exit_on_signal(app: App, code: int) -> None:
    app.exit(return_code=code)
    watchdog = threading.Thread(target=_force_exit, args=(code,), name="byline-exit-watchdog", daemon=True)
    watchdog.start()


def _force_exit(code: int) -> None:
    """If the app has not shut down in time, put the terminal right and leave."""
    time.sleep(SHUTDOWN_GRACE)
    restore_terminal()
    os._exit(code)


def restore_terminal(fd: int | None = None) -> None:
    """Write the reset sequences and restore cooked mode, best effort."""
    fd = sys.__stderr__.fileno() if fd is None else fd
    try:
        os.write(fd, RESET_SEQUENCES.encode())
    except OSError:
        pass
    if termios is None:
        return
    try:
        attrs = termios.tcgetattr(0)
        attrs[3] |= termios.ECHO | termios.ICANON | termios.ISIG | termios.IEXTEN
        termios.tcsetattr(0, termios.TCSANOW, attrs)
    except (OSError, termios.error):
        pass
