"""A misbehaving HTTP server on 127.0.0.1, written on raw sockets.

Each route is a handler that writes whatever bytes it likes to the client
socket: a lying header, a body that drips one byte a second, a connection
cut half-way, a gzip bomb. Handlers sleep through :meth:`Connection.sleep`,
which wakes at once when the server stops, so no test waits on a thread.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import unquote

Handler = Callable[["Connection"], None]

_REASONS = {
    200: "OK", 204: "No Content", 301: "Moved Permanently", 302: "Found", 303: "See Other",
    307: "Temporary Redirect", 308: "Permanent Redirect", 404: "Not Found", 410: "Gone",
    429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable",
}


@dataclass(slots=True)
class Request:
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)


class Connection:
    """One accepted client: the parsed request and ways to answer it."""

    def __init__(self, sock: socket.socket, request: Request, stopping: threading.Event) -> None:
        self.sock = sock
        self.request = request
        self._stopping = stopping

    def send(self, data: bytes) -> bool:
        """Write ``data``; False when the client has gone away."""
        try:
            self.sock.sendall(data)
            return True
        except OSError:
            return False

    def sleep(self, seconds: float) -> bool:
        """Wait ``seconds``; False when the server is stopping."""
        return not self._stopping.wait(seconds)

    def head(self, status: int, headers: dict[str, str] | list[tuple[str, str]] | None = None) -> bool:
        items = headers.items() if isinstance(headers, dict) else (headers or [])
        lines = [f"HTTP/1.1 {status} {_REASONS.get(status, 'Whatever')}"]
        lines += [f"{name}: {value}" for name, value in items]
        if not any(name.lower() == "connection" for name, _ in items):
            lines.append("Connection: close")
        return self.send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    def respond(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> bool:
        """A well-formed response with a Content-Length."""
        headers = dict(headers or {})
        headers.setdefault("Content-Type", "text/html; charset=utf-8")
        headers["Content-Length"] = str(len(body))
        return self.head(status, headers) and self.send(body)


class HostileServer:
    """A threaded raw-socket HTTP server; ``route(path, handler)`` then ``url(path)``."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.hits: dict[str, int] = {}
        self._stopping = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self._threads: list[threading.Thread] = []
        self._accept = threading.Thread(target=self._serve, name="hostile-accept", daemon=True)
        self._accept.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, handler: Handler) -> str:
        self.routes[path] = handler
        return self.url(path)

    def page(self, path: str, body: bytes, status: int = 200, headers: dict[str, str] | None = None) -> str:
        """Route ``path`` to a plain, well-formed response."""
        return self.route(path, lambda conn: conn.respond(status, body, headers))

    def stop(self) -> None:
        self._stopping.set()
        try:  # wake the accept loop now rather than at its next timeout
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        except OSError:
            pass
        self._accept.join(2)
        self._listener.close()
        for thread in self._threads:
            thread.join(2)

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._handle, args=(client,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _handle(self, client: socket.socket) -> None:
        with client:
            client.settimeout(5)
            request = _read_request(client)
            if request is None:
                return
            self.hits[request.path] = self.hits.get(request.path, 0) + 1
            handler = self.routes.get(request.path) or self.routes.get(unquote(request.path))
            conn = Connection(client, request, self._stopping)
            if handler is None:
                conn.respond(404, b"no such route")
                return
            handler(conn)
            try:
                client.shutdown(socket.SHUT_WR)
            except OSError:
                pass


def _read_request(client: socket.socket) -> Request | None:
    data = b""
    while b"\r\n\r\n" not in data:
        try:
            chunk = client.recv(4096)
        except OSError:
            return None
        if not chunk:
            return None
        data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    method, path, _version = head[0].split(" ", 2)
    headers = {}
    for line in head[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return Request(method, path, headers)


def refused_port() -> tuple[socket.socket, int]:
    """A port that refuses connections: bound but never listening (keep the socket open)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    return sock, sock.getsockname()[1]
