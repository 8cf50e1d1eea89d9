"""One address per story: URLs normalised so the same article linked two ways
is stored once.

Feeds decorate their links for analytics (``?utm_source=rss``, ``fbclid``…),
write default ports and fragments, and vary the case of the host. None of
that changes the page, so the key drops it. Anything else in the query is
kept, in order: a parameter we do not know may well choose the article.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from byline.extract.sanitize import clean_inline

#: Query parameters that only track a click, never choose the page. Prefixes
#: end with ``_``; each entry names the service that adds it.
TRACKING_PREFIXES = (
    "utm_",  # Google Analytics campaigns (utm_source, utm_medium, utm_campaign…)
    "_hs",  # HubSpot (_hsenc, _hsmi)
)
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",  # Facebook
        "gclid", "dclid", "gbraid", "wbraid", "gclsrc",  # Google Ads
        "msclkid",  # Microsoft Ads
        "yclid",  # Yandex
        "twclid",  # X / Twitter
        "ttclid",  # TikTok
        "li_fat_id",  # LinkedIn
        "igshid",  # Instagram
        "mc_cid", "mc_eid",  # Mailchimp
        "mkt_tok",  # Marketo
        "oly_anon_id", "oly_enc_id",  # Omeda
        "vero_id", "vero_conv",  # Vero
        "wickedid",  # Wicked Reports
        "__s",  # Drip
        "ncid",  # AOL/Yahoo syndication
        "sr_share",  # Simple Reach
    }
)
DEFAULT_PORTS = {"http": 80, "https": 443}

# An absolute http(s) URL of printable ASCII with a plain host name and port.
_PLAIN_ABSOLUTE = re.compile(r"(?i)https?://[a-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][\x21-\x7e]*)?\Z")


def is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(TRACKING_PREFIXES)


def normalise_url(url: str) -> str:
    """The de-duplication key of an http(s) URL: scheme and host in lower case,
    no default port, no fragment, no tracking parameters, ``/`` for an empty path.

    ``HTTPS://News.Example:443/a?id=7&utm_source=rss#top`` → ``https://news.example/a?id=7``.
    A URL that cannot be split is returned stripped, unchanged.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    userinfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""
    netloc = (userinfo + "@" if userinfo else "") + host
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        netloc += f":{port}"
    query = "&".join(
        pair for pair in parts.query.split("&") if pair and not is_tracking(pair.partition("=")[0])
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


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
