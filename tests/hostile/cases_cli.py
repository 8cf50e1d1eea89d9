"""Hostile cases that are not pages: the config and cookies files, numbers in
flags and settings, paths, standard output, the network's set-up from the
environment, usage mistakes and a damaged library header.

Each is a command line with its environment and where its stdout goes, the
exit code it must end with (2 usage/config, 3 source, 5 output) and what its
one line on stderr must say. None may end as exit 1 ("please report it").
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import dataclass, field

from casekit import Env
from pages import ARTICLE

#: How many nesting levels the deep TOML case has (tomllib recurses per level).
DEEP = 5000


@dataclass
class Invocation:
    """A command line to run: its arguments, environment changes (None unsets)
    and where its stdout goes ("capture", "full": /dev/full, "closed")."""

    argv: list[str]
    environ: dict[str, str | None] = field(default_factory=dict)
    stdout: str = "capture"


@dataclass(frozen=True)
class CliCase:
    category: str
    name: str
    setup: Callable[[Env], Invocation]
    code: int
    #: A regular expression the one stderr line must match.
    says: str
    #: Why the case cannot run here (None: it can).
    skip: str | None = None

    @property
    def id(self) -> str:
        return f"{self.category}:{self.name}"


@dataclass
class Ran:
    code: int
    stdout: bytes
    stderr: str


def run(invocation: Invocation) -> Ran:
    """Run byline's ``main`` in this process with the invocation's environment and streams."""
    from byline.tui.cli.main import main

    saved_environ = dict(os.environ)
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    out, err = io.BytesIO(), io.BytesIO()
    full = None
    for name, value in invocation.environ.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    if invocation.stdout == "full":
        full = open("/dev/full", "wb")  # noqa: SIM115 - closed below
        stdout = io.TextIOWrapper(full, encoding="utf-8")
    elif invocation.stdout == "closed":
        stdout = None
    else:
        stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    sys.stdin, sys.stdout, sys.stderr = io.TextIOWrapper(io.BytesIO(b"")), stdout, stderr
    try:
        code = main(invocation.argv)
    except SystemExit as exit_:  # argparse's usage errors (and --help) leave this way
        code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.environ.clear()
        os.environ.update(saved_environ)
    stderr.flush()
    stderr.detach()
    if isinstance(stdout, io.TextIOWrapper) and full is None:
        stdout.flush()
        stdout.detach()
    if full is not None:
        full.close = lambda: None  # its buffer may hold what could not be written; drop it quietly
    return Ran(code, out.getvalue(), err.getvalue().decode("utf-8"))


# ------------------------------------------------------------------ helpers


def _page(env: Env) -> str:
    return env.file("page.html", ARTICLE)


def _config(text: str) -> Callable[[Env], Invocation]:
    def setup(env: Env) -> Invocation:
        return Invocation(["--dump", _page(env)], {"BYLINE_CONFIG": env.file("config.toml", text)})

    return setup


def _config_at(path: Callable[[Env], str]) -> Callable[[Env], Invocation]:
    return lambda env: Invocation(["--dump", _page(env)], {"BYLINE_CONFIG": path(env)})


def _fifo(env: Env, name: str = "fifo") -> str:
    path = env.tmp / name
    os.mkfifo(path)
    return str(path)


def _cookies(path: Callable[[Env], str]) -> Callable[[Env], Invocation]:
    """A config naming ``path`` as the cookies file, and a URL to fetch (cookies load for a fetch)."""

    def setup(env: Env) -> Invocation:
        config = env.file("config.toml", f"[network]\ncookies_file = {_toml_string(path(env))}\n")
        return Invocation(["--dump", env.page("/story", ARTICLE)], {"BYLINE_CONFIG": config})

    return setup


def _toml_string(text: str) -> str:
    return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" for c in text) + '"'


def _args(*argv: str) -> Callable[[Env], Invocation]:
    return lambda env: Invocation([word.replace("{page}", _page(env)) for word in argv])


def _fetch_with(environ: dict[str, str | None]) -> Callable[[Env], Invocation]:
    return lambda env: Invocation(["--dump", env.page("/story", ARTICLE)], environ)


def _export_to(target: Callable[[Env], str]) -> Callable[[Env], Invocation]:
    return lambda env: Invocation(["--export", "md", "-o", target(env), _page(env)])


def _stdout(kind: str, *argv: str) -> Callable[[Env], Invocation]:
    return lambda env: Invocation([word.replace("{page}", _page(env)) for word in argv], stdout=kind)


def _socket(env: Env) -> str:
    import socket

    path = env.tmp / "sock"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    env.keep.append(sock)
    return str(path)


def _negative_schema(env: Env) -> Invocation:
    from byline.tui.data.library import Library
    from byline.tui.data.paths import library_path

    Library().close()
    with sqlite3.connect(library_path()) as conn:
        conn.execute("PRAGMA user_version = -3")
    return Invocation(["library", "list", "--json"])


_SOCKS = importlib.util.find_spec("socksio") is not None
_DEV_FULL = os.path.exists("/dev/full")

# ------------------------------------------------------------------ the cases

CONFIG = [
    CliCase("config", "BYLINE_CONFIG=/dev/zero", _config_at(lambda env: "/dev/zero"), 2, r"/dev/zero: is a character device, not a regular file"),
    CliCase("config", "BYLINE_CONFIG=/dev/urandom", _config_at(lambda env: "/dev/urandom"), 2, r"is a character device, not a regular file"),
    CliCase("config", "BYLINE_CONFIG is a FIFO", _config_at(_fifo), 2, r"fifo: is a FIFO, not a regular file"),
    CliCase("config", "BYLINE_CONFIG is a directory", _config_at(lambda env: str(env.tmp)), 2, r"is a directory, not a regular file"),
    CliCase("config", "a 2 MB config file", _config("# " + "x" * (2 << 20) + "\n"), 2, r"more than the 1,024 KB byline reads"),
    CliCase("config", "BYLINE_CONFIG=~nosuchuser/…", _config_at(lambda env: "~nosuchuser-byline/config.toml"), 2, r"BYLINE_CONFIG: there is no user 'nosuchuser-byline'"),
    CliCase("config", "TOML nested 5,000 deep", _config("a = " + "[" * DEEP + "]" * DEEP + "\n"), 2, r"nested too deeply"),
    CliCase("config", "network.timeout = inf", _config("[network]\ntimeout = inf\n"), 2, r"line 2: network.timeout must be between 1 and 3,600 seconds \(it is inf\)"),
    CliCase("config", "network.timeout = 1e308", _config("[network]\ntimeout = 1e308\n"), 2, r"network.timeout must be between 1 and 3,600 seconds"),
    CliCase("config", "network.timeout = nan", _config("[network]\ntimeout = nan\n"), 2, r"network.timeout must be between"),
    CliCase("config", "network.timeout = -1", _config("[network]\ntimeout = -1\n"), 2, r"network.timeout must be between"),
    CliCase("config", "network.timeout = 1e-6", _config("[network]\ntimeout = 1e-6\n"), 2, r"network.timeout must be between"),
    CliCase("config", "network.timeout = 0", _config("[network]\ntimeout = 0\n"), 2, r"network.timeout must be between"),
    CliCase("config", "network.connect_timeout = inf", _config("[network]\nconnect_timeout = inf\n"), 2, r"network.connect_timeout must be between"),
    CliCase("config", "network.max_mb = inf", _config("[network]\nmax_mb = inf\n"), 2, r"network.max_mb must be between 0.1 and 1,000 MB \(it is inf\)"),
    CliCase("config", "library.max_mb past 64 bits", _config(f"[library]\nmax_mb = {2**62}\n"), 2, r"library.max_mb must be 0 \(no limit\) or a whole number between"),
    CliCase("config", "reading_width = -5", _config("reading_width = -5\n"), 2, r"reading_width must be a whole number between 20 and 1,000"),
    CliCase("config", "a non-ASCII user agent", _config('[network]\nuser_agent = "Café reader"\n'), 2, r"network.user_agent must be printable ASCII"),
    CliCase("config", "a user agent with CR LF", _config('[network]\nuser_agent = "a\\r\\nX-Injected: yes"\n'), 2, r"network.user_agent must be printable ASCII"),
    CliCase("config", "a key binding holding ESC ] 0", _config('[keys]\nquit = "\\u001b]0;owned\\u0007"\n'), 2, r"line 2: keys.quit must be key names such as"),
    CliCase("config", "cookies_file = /dev/urandom", _cookies(lambda env: "/dev/urandom"), 2, r"cookies_file /dev/urandom: is a character device, not a regular file"),
    CliCase("config", "cookies_file is a FIFO", _cookies(_fifo), 2, r"is a FIFO, not a regular file"),
    CliCase("config", "cookies_file with a bad line", _cookies(lambda env: env.file("cookies.txt", "# Netscape HTTP Cookie File\nexample.com\tTRUE\t/\tFALSE\tsoon\tn\tv\n")), 2, r"not a Netscape cookies file"),
    CliCase("config", "cookies_file that is not one", _cookies(lambda env: env.file("cookies.txt", "hello\n")), 2, r"not a Netscape cookies file"),
    CliCase("config", "cookies_file = ~nosuchuser/…", _cookies(lambda env: "~nosuchuser-byline/cookies.txt"), 2, r"network.cookies_file: there is no user 'nosuchuser-byline'"),
    CliCase("config", "cookies_file with a NUL", _cookies(lambda env: "cook\x00ies.txt"), 2, r"network.cookies_file: a file name cannot hold a NUL byte"),
]

NUMBERS = [
    *[
        CliCase("numbers", f"--timeout {value}", _args("--dump", "--timeout", value, "{page}"), 2, r"argument --timeout: must be between 1 and 3,600 seconds")
        for value in ("inf", "-inf", "nan", "-1", "0", "1e-6", "1e308")
    ],
    CliCase("numbers", "--timeout soon", _args("--dump", "--timeout", "soon", "{page}"), 2, r"argument --timeout: 'soon' is not a number"),
    *[
        CliCase("numbers", f"save --timeout {value}", _args("save", "--timeout", value, "{page}"), 2, r"argument --timeout: must be between")
        for value in ("inf", "-inf", "nan", "0", "1e-6")
    ],
    CliCase("numbers", "save --jobs 0", _args("save", "--jobs", "0", "{page}"), 2, r"argument --jobs: must be a whole number between 1 and 64"),
    CliCase("numbers", "--width 10**30", _args("--dump", "--width", "1" + "0" * 30, "{page}"), 2, r"argument --width: must be 0 \(no wrapping\) or a whole number"),
    CliCase("numbers", "library list --limit past 64 bits", _args("library", "list", "--limit", str(2**64)), 2, r"argument --limit: must be a whole number between 1 and 9,223,372,036,854,775,807"),
    CliCase("numbers", "library list --limit -5", _args("library", "list", "--limit", "-5"), 2, r"argument --limit: must be a whole number between 1"),
    CliCase("numbers", "library remove an id past 64 bits", _args("library", "remove", str(2**64)), 2, r"argument ID: must be a whole number between 1 and 9,223,372,036,854,775,807"),
    CliCase("numbers", "library search --limit ²", _args("library", "search", "ferry", "--limit", "²"), 2, r"argument --limit: '²' is not a whole number"),
]

USAGE = [
    CliCase("usage", "save without a source", _args("save"), 2, r"^byline: the following arguments are required: SOURCE \(see byline save --help\)$"),
    CliCase("usage", "library without an action", _args("library"), 2, r"see byline library --help"),
    CliCase("usage", "library with an unknown action", _args("library", "tidy"), 2, r"invalid choice: 'tidy'"),
    CliCase("usage", "library list with an unknown option", _args("library", "list", "--colour"), 2, r"unrecognized arguments: --colour"),
]

PATHS = [
    CliCase("paths", "SOURCE ~nosuchuser/…", _args("--dump", "~nosuchuser-byline/page.html"), 3, r"~nosuchuser-byline/page.html: there is no user 'nosuchuser-byline'"),
    CliCase("paths", "SOURCE with a NUL", _args("--dump", "page\x00.html"), 3, r"not a usable path"),
    CliCase("paths", "SOURCE a 300-character name", _args("--dump", "/tmp/" + "x" * 300 + ".html"), 3, r"File name too long"),
    # The library is a convenience, never a gate: a warning, and the article.
    CliCase("paths", "BYLINE_DATA_DIR=~nosuchuser/…", lambda env: Invocation(["--dump", _page(env)], {"BYLINE_DATA_DIR": "~nosuchuser-byline/data"}), 0, r"BYLINE_DATA_DIR: there is no user 'nosuchuser-byline'.*continuing without the library"),
    CliCase("paths", "-o ~nosuchuser/…", _export_to(lambda env: "~nosuchuser-byline/out.md"), 5, r"~nosuchuser-byline/out.md: not a usable file name \(there is no user"),
    CliCase("paths", "-o with a NUL", _export_to(lambda env: "out\x00.md"), 5, r"not a usable file name \(a file name cannot hold a NUL byte\)"),
    CliCase("paths", "-o a 300-character name", _export_to(lambda env: str(env.tmp / ("x" * 300 + ".md"))), 5, r"cannot write \(File name too long\)"),
    CliCase("paths", "-o a directory", _export_to(lambda env: str(env.tmp)), 5, r"is a directory; give a file name"),
    CliCase("paths", "-o in a missing directory", _export_to(lambda env: str(env.tmp / "missing" / "out.md")), 5, r"cannot write \(No such file or directory\)"),
    CliCase("paths", "-o a socket", _export_to(_socket), 5, r"sock: is a socket; byline writes only files, character devices and pipes"),
    CliCase("paths", "-o /dev/full", _export_to(lambda env: "/dev/full"), 5, r"/dev/full: cannot write \(No space left on device\)", skip=None if _DEV_FULL else "no /dev/full"),
]

OUTPUT = [
    *[
        CliCase("output", f"{' '.join(argv)} on /dev/full", _stdout("full", *argv), 5, r"^byline: cannot write to standard output \(No space left on device\)$", skip=None if _DEV_FULL else "no /dev/full")
        for argv in (("--dump", "{page}"), ("--json", "{page}"), ("--export", "md", "{page}"), ("library", "list", "--json"), ("--config-path",))
    ],
    *[
        CliCase("output", f"{' '.join(argv)} with stdout closed", _stdout("closed", *argv), 5, r"^byline: standard output is closed")
        for argv in (("--dump", "{page}"), ("--export", "json", "{page}"), ("library", "list", "--json"))
    ],
]

NETWORK_SETUP = [
    CliCase("network set-up", "HTTPS_PROXY=socks5://…", _fetch_with({"HTTP_PROXY": "socks5://127.0.0.1:1", "HTTPS_PROXY": "socks5://127.0.0.1:1", "NO_PROXY": None}), 2, r"a SOCKS proxy, which needs the socks extra", skip="socksio is installed" if _SOCKS else None),
    CliCase("network set-up", "a malformed proxy", _fetch_with({"HTTP_PROXY": "http://[::1", "HTTPS_PROXY": "http://[::1", "NO_PROXY": None}), 2, r"the proxy in the environment is not usable"),
    CliCase("network set-up", "a proxy of an unknown scheme", _fetch_with({"HTTP_PROXY": "gopher://127.0.0.1:1", "HTTPS_PROXY": "gopher://127.0.0.1:1", "NO_PROXY": None}), 2, r"the proxy in the environment is not usable"),
    CliCase("network set-up", "SSL_CERT_FILE missing", lambda env: _fetch_with({"SSL_CERT_FILE": str(env.tmp / "missing.pem")})(env), 2, r"SSL_CERT_FILE \S+missing.pem: no such file"),
    CliCase("network set-up", "SSL_CERT_FILE not a certificate", lambda env: _fetch_with({"SSL_CERT_FILE": env.file("bad.pem", "not a certificate\n")})(env), 2, r"SSL_CERT_FILE \S+bad.pem: holds no CA certificates"),
    CliCase("network set-up", "SSL_CERT_FILE=/dev/zero", _fetch_with({"SSL_CERT_FILE": "/dev/zero"}), 2, r"SSL_CERT_FILE /dev/zero: not a regular file"),
]

LIBRARY = [
    # Repaired, not refused: the damaged file is moved aside (never deleted) and the command goes on.
    CliCase("library", "a negative schema version", _negative_schema, 0, r"was damaged \(schema version -3\); it was moved to \S+corrupt"),
]

CASES: list[CliCase] = [*CONFIG, *NUMBERS, *USAGE, *PATHS, *OUTPUT, *NETWORK_SETUP, *LIBRARY]


def check(case: CliCase, ran: Ran) -> None:
    """One line on stderr saying what the case says, the exit code it must have, no traceback."""
    assert "Traceback" not in ran.stderr and "please report it" not in ran.stderr, ran.stderr
    assert ran.code == case.code, f"exit {ran.code}, stderr: {ran.stderr!r}"
    lines = ran.stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {lines!r}"
    assert lines[0].startswith("byline: "), lines[0]
    assert re.search(case.says, lines[0]), f"{case.says!r} not in {lines[0]!r}"
    if case.code:
        assert ran.stdout == b""


def tally() -> dict[str, int]:
    counts: dict[str, int] = {}
    for case in CASES:
        counts[case.category] = counts.get(case.category, 0) + 1
    return counts

