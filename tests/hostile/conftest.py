"""Fixtures for the hostile-input tests: a misbehaving server, a resolver that
fails or hangs, an environment with no proxy, and a hypothesis profile short
enough for CI."""

from __future__ import annotations

import os
import socket
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The app tests drive byline in a pseudo-terminal with the app tests' helpers.
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "tui"))

from misbehaving import HostileServer  # noqa: E402
from patience import HANG  # noqa: E402

# "ci" keeps the property tests to a few seconds; run with
# HYPOTHESIS_PROFILE=thorough to search properly before a release.
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,  # no example may fail for the time it took: a busy machine is not a bug
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough",
    max_examples=3000,
    deadline=2000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

_PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy in the environment must not carry the tests' 127.0.0.1 traffic."""
    for name in _PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "*")


@pytest.fixture
def server():
    """A raw-socket HTTP server on 127.0.0.1 that does whatever its routes say."""
    hostile = HostileServer()
    yield hostile
    hostile.stop()


@pytest.fixture
def resolver(monkeypatch):
    """Replace the system resolver: names under .example fail or hang as the test says.

    A hanging lookup lasts until the test ends; ``hanging`` holds the lookups
    still hanging, so a test can tell an answer that came while one hung (the
    deadline, or Escape) from one that waited for it."""
    real = socket.getaddrinfo
    behaviour = {"mode": "fail", "release": threading.Event(), "hanging": set()}

    def fake(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host)
        if not name.endswith(".example"):
            return real(host, *args, **kwargs)
        if behaviour["mode"] == "hang":
            lookup = object()
            behaviour["hanging"].add(lookup)
            behaviour["release"].wait(2 * HANG)
            behaviour["hanging"].discard(lookup)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    yield behaviour
    behaviour["release"].set()
