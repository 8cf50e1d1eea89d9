"""Which browser can show a page to the person at this terminal (w3m's M)."""

from __future__ import annotations

import pytest

from byline.tui.screens.reader.browser import DESKTOP, NONE, TERMINAL, choose_browser, page_address

SSH = {"SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22"}


@pytest.mark.parametrize(
    ("environ", "platform", "kind"),
    [
        ({"DISPLAY": ":0"}, "linux", DESKTOP),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", DESKTOP),
        ({}, "darwin", DESKTOP),
        (SSH, "linux", NONE),
        (SSH, "darwin", NONE),  # open(1) would show it on the remote Mac's screen
        ({**SSH, "DISPLAY": "localhost:10.0"}, "linux", DESKTOP),  # ssh -X forwards the display
        ({}, "linux", NONE),  # a console with no graphical session
        ({**SSH, "BROWSER": "w3m"}, "linux", TERMINAL),
        ({"BROWSER": "/usr/bin/lynx -accept_all_cookies:firefox"}, "linux", TERMINAL),
        ({"DISPLAY": ":0", "BROWSER": "firefox"}, "linux", DESKTOP),
    ],
)
def test_the_browser_is_one_the_reader_can_see(environ, platform, kind):
    assert choose_browser(environ, platform).kind == kind


def test_over_ssh_the_reason_says_so():
    assert "SSH" in choose_browser(SSH, "linux").reason


def test_a_terminal_browser_gets_the_url_where_browser_puts_it():
    assert choose_browser({"BROWSER": "w3m"}, "linux").argv("https://a.example/") == ["w3m", "https://a.example/"]
    assert choose_browser({"BROWSER": "lynx -dump %s"}, "linux").argv("https://a.example/") == [
        "lynx", "-dump", "https://a.example/"
    ]


def test_an_article_s_address_is_its_url_or_its_file():
    assert page_address("https://a.example/story", "https://a.example/s") == "https://a.example/story"
    assert page_address(None, "/tmp/saved page.html") == "file:///tmp/saved%20page.html"
    assert page_address(None, "-") is None
