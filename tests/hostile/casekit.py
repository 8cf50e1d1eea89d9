"""What a hostile case is: how it is set up and how it must end.

Each case names its category, builds its source (a route on the misbehaving
server, a file, or bytes for stdin), and says how a user sees it end: the
exit code and what the one stderr line (or, for a page that is read, the
output) must say. ``hostile_catalogue.CASES`` lists them all.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from misbehaving import Connection, HostileServer
from patience import HANG
from pages import deflate_bomb, gzip_bomb

from byline.extract import ExtractError

#: The deadline (``--timeout``) of the cases that stall: they end when it passes,
#: with "timed out after 1 s". How long every case takes is bench/hostile.py's figure.
DEADLINE = 1.0
#: The deadline of every other case: only a hang reaches it.
GENEROUS_DEADLINE = HANG
CAP = 10 * 1024 * 1024  # byline's default size cap
GIB = 1 << 30


@functools.cache
def gzip_gib() -> bytes:
    return gzip_bomb(GIB)


@functools.cache
def deflate_gib() -> bytes:
    return deflate_bomb(GIB)


@dataclass
class Env:
    """Where a case sets itself up: the server, a scratch directory."""

    server: HostileServer
    tmp: Path
    keep: list = field(default_factory=list)

    def file(self, name: str, data: bytes | str) -> str:
        path = self.tmp / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return str(path)

    def page(self, path: str, body: bytes | str, status: int = 200, **headers: str) -> str:
        body = body.encode("utf-8") if isinstance(body, str) else body
        headers = {name.replace("_", "-"): value for name, value in headers.items()}
        return self.server.page(path, body, status, headers)

    def route(self, path: str, handler: Callable[[Connection], object]) -> str:
        return self.server.route(path, handler)


@dataclass(frozen=True)
class Case:
    category: str
    name: str
    setup: Callable[[Env], str]
    code: int
    #: A regular expression the stderr line (failures) or stdout (successes) must match.
    says: str
    error: type[ExtractError] | None = None
    #: Bytes (or a function making them) to feed as stdin when the source is "-".
    stdin: bytes | Callable[[], bytes] | None = None
    #: For successes: a regular expression one "byline: warning:" line must match.
    warns: str | None = None
    #: Strings that must not appear in the output.
    absent: tuple[str, ...] = ()
    #: The CLI mode the case runs in.
    mode: str = "--dump"

    def argv(self, source: str) -> list[str]:
        """The command line the case runs as. Only a case that stalls gets the
        short deadline: ``--timeout`` also bounds extraction, which a loaded
        machine must not turn into a failure for a page that is merely big."""
        return [self.mode, "--timeout", f"{self.deadline:g}", source]

    def stdin_bytes(self) -> bytes | None:
        return self.stdin() if callable(self.stdin) else self.stdin

    @property
    def id(self) -> str:
        return f"{self.category}:{self.name}"

    @property
    def stalls(self) -> bool:
        """The case ends only when the deadline passes (a server that never answers, or drips)."""
        return "timed out" in self.says

    @property
    def deadline(self) -> float:
        """The ``--timeout`` the case runs under."""
        return DEADLINE if self.stalls else GENEROUS_DEADLINE
