"""``byline serve``: the app in a web browser, through textual-serve (the
``serve`` extra).

    byline serve [--host 127.0.0.1] [--port 8000]

Every browser tab that connects starts a ``byline`` of its own (the library
screen) under Textual's web driver; an article or link it opens "in the
browser" opens as a new tab there (``App.open_url``). The server listens on
this machine only unless ``--host`` says otherwise: whoever reaches the port
can open any file this user can read (the Open field takes paths), so another
host is said out loud.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import socket
import sys

from byline.extract import BylineError
from byline.tui.config import Settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


class ServeUnavailable(BylineError):
    """``byline serve`` without the ``serve`` extra installed."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST}: this machine only)"
    )
    parser.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, metavar="N", help=f"port to listen on (default {DEFAULT_PORT}; 0: any free one)"
    )


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError("a port is a number from 1 to 65535 (0: any free one)")
    return port


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        from textual_serve.server import Server  # here: the serve extra may not be installed
    except ImportError:
        raise ServeUnavailable("byline serve needs the serve extra: pip install 'byline[serve]'") from None

    host = args.host
    try:
        port = args.port or _free_port(host)
    except OSError as error:
        raise ServeUnavailable(f"cannot listen on {host}: {error.strerror or error}") from None
    url = f"http://{_bracketed(socket.getfqdn() if _is_any(host) else host)}:{port}"
    if not _is_loopback(host):
        print(
            f"byline: warning: listening on {host}: anyone who can reach port {port} can open any file you can read",
            file=sys.stderr,
        )

    class BylineServer(Server):
        async def on_startup(self, app) -> None:  # type: ignore[no-untyped-def]
            print(f"byline: serving the app at {url} (Ctrl-C stops)", flush=True)

    command = shlex.join([sys.executable, "-m", "byline.tui"])
    server = BylineServer(command, host=host, port=port, title="byline", public_url=url)
    try:
        server.serve()
    except OSError as error:  # the port is taken, the address is not this machine's
        raise ServeUnavailable(f"cannot listen on {host} port {port}: {error.strerror or error}") from None
    return 0


def _free_port(host: str) -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_any(host: str) -> bool:
    return host in ("0.0.0.0", "::", "")


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host else host
