"""Feed links as addresses: resolved, cleaned, and keyed the library's way.

One story has one address: ``normalise_url`` is the library's own key
(``tui.data.keys``: tracking parameters, default ports and fragments
dropped), so an item and ``byline save`` of the same link find one entry.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urljoin, urlsplit

from byline.extract import clean_inline
from byline.tui.data.keys import DEFAULT_PORTS, normalise_url

__all__ = ["absolute_http_url", "host_of", "is_private", "normalise_url", "site_name"]


# An absolute http(s) URL of printable ASCII with a plain host name and port.
_PLAIN_ABSOLUTE = re.compile(r"(?i)https?://[a-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][\x21-\x7e]*)?\Z")


def absolute_http_url(href: str | None, base: str | None) -> str | None:
    """``href`` resolved against ``base`` when it is (or becomes) an http(s) URL, else None.

    Controls and surrounding space are removed first (a feed is hostile input);
    inner spaces are percent-encoded, as a browser does.
    """
    if not href:
        return None
    if _PLAIN_ABSOLUTE.match(href):
        return href  # the common case, absolute and clean: no parsing needed
    href = clean_inline(href).replace(" ", "%20")
    if not href:
        return None
    try:
        resolved = urljoin(base, href) if base else href
        parts = urlsplit(resolved)
        parts.port  # noqa: B018 - raises ValueError for a port outside 0-65535
    except ValueError:
        return None
    if parts.scheme.lower() not in DEFAULT_PORTS or not parts.hostname:
        return None
    return resolved


def host_of(url: str | None) -> str:
    """The host name of ``url`` in lower case ("" when there is none)."""
    if not url:
        return ""
    try:
        return (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return ""


def site_name(url: str | None) -> str | None:
    """A short site label from a URL's host: ``www.example.org`` → ``example.org``."""
    host = host_of(url)
    if host.startswith("www."):
        host = host[4:]
    return host or None


def is_private(url: str | None) -> bool:
    """True when ``url`` names this machine or a private network by its address
    or as ``localhost`` (no name is looked up: that is the fetcher's business)."""
    host = host_of(url).strip("[]")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_private or address.is_loopback or address.is_link_local or address.is_unspecified
