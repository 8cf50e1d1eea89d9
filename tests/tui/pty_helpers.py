"""Running byline in a real pseudo-terminal, with pyte as the screen."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

import pyte
from patience import HANG

ROOT = Path(__file__).resolve().parents[2]


class PtyApp:
    """A child on a pty. ``output`` is every byte it wrote; ``screen`` what shows."""

    def __init__(
        self, argv: list[str], *, columns: int = 100, rows: int = 30, shell: bool = False, env: dict[str, str] | None = None
    ) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        # A second handle on the terminal, to check its modes after the app is gone.
        self.slave = os.dup(slave)
        self.modes_before = termios.tcgetattr(self.slave)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color", **(env or {})}
        env.pop("NO_COLOR", None)
        self.pid = os.fork()
        if self.pid == 0:
            try:
                os.setsid()
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                for fd in (0, 1, 2):
                    os.dup2(slave, fd)
                os.close(self.master)
                if shell:
                    os.execve("/bin/sh", ["/bin/sh", "-c", argv[0]], env)
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        os.close(slave)
        self.status: int | None = None

    @classmethod
    def byline(cls, *args: str, **kwargs) -> PtyApp:
        return cls([sys.executable, "-m", "byline.tui", *args], **kwargs)

    def read(self, timeout: float = 0.05) -> bytes:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return b""
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return b""
        self.output += data
        self.stream.feed(data)
        return data

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, needle: str, timeout: float = HANG) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.read()
            if needle in self.text():
                return
            self.poll()
            if self.status is not None:
                break
        raise AssertionError(f"{needle!r} did not appear; screen:\n{self.text()}")

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def poll(self) -> int | None:
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
        return self.status

    def wait_exit(self, timeout: float = HANG) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.read()
            if self.poll() is not None:
                while self.read(0.05):
                    pass
                return self.status  # type: ignore[return-value]
        self.kill()
        raise AssertionError("byline did not exit")

    def kill(self) -> None:
        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)

    def close(self) -> None:
        self.kill()
        for fd in (self.master, self.slave):
            try:
                os.close(fd)
            except OSError:
                pass


def restored(app: PtyApp) -> list[str]:
    """What the app left undone in the terminal (empty when all is well)."""
    problems = []
    out = bytes(app.output)
    last_enter = out.rfind(b"\x1b[?1049h")
    after = out[last_enter:] if last_enter >= 0 else out
    for sequence, what in (
        (b"\x1b[?1049l", "alternate screen not left"),
        (b"\x1b[?25h", "cursor not shown"),
        (b"\x1b[?1000l", "mouse reporting not turned off"),
        (b"\x1b[?2004l", "bracketed paste not turned off"),
    ):
        if sequence not in after:
            problems.append(what)
    modes = termios.tcgetattr(app.slave)
    for flag, name in ((termios.ECHO, "echo"), (termios.ICANON, "line mode")):
        if (modes[3] & flag) != (app.modes_before[3] & flag):
            problems.append(f"{name} not restored")
    return problems
