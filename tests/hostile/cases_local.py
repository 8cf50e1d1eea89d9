"""File, stdin, content and injection cases."""

from __future__ import annotations

import codecs
import gzip
import re

from casekit import CAP, Case, Env, gzip_gib
from pages import ARTICLE, FIRST, PARAGRAPHS, article_html

from byline.extract import DecodeError, FileError, NotAnArticle, TooLarge, UnsupportedContent
from byline.extract import FrontPage

# --------------------------------------------------------------------------- files and stdin

_TEXT = "Ferry timetable cut for engine repair\n\n" + "\n\n".join(PARAGRAPHS) + "\n"

FILES = [
    Case("files", "missing path", lambda env: str(env.tmp / "no-such-page.html"), 3, "no such file", FileError),
    Case("files", "a directory", lambda env: str(env.tmp), 3, "is a directory", FileError),
    Case("files", "empty file", lambda env: env.file("empty.html", b""), 4, "the file is empty", NotAnArticle),
    Case("files", "white space only", lambda env: env.file("blank.txt", b"\n \r\n\t\n"), 4, "the file is empty", NotAnArticle),
    Case("files", "PNG image", lambda env: env.file("photo.html", b"\x89PNG\r\n\x1a\n" + bytes(500)), 3, "a PNG image", UnsupportedContent),
    Case("files", "PDF document", lambda env: env.file("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), 3, "a PDF document", UnsupportedContent),
    Case("files", "executable", lambda env: env.file("story", b"\x7fELF\x02\x01\x01" + bytes(100)), 3, "an executable", UnsupportedContent),
    Case("files", "binary noise", lambda env: env.file("noise.txt", bytes(range(256)) * 40), 3, "not text in any encoding", DecodeError),
    Case("files", "past the size cap", lambda env: env.file("big.html", b"<p>" + b"a" * (CAP + 10) + b"</p>"), 3, r"10,485,777 bytes is over the 10 MB limit", TooLarge),
    Case("files", "1 GB gzip bomb as page.html.gz", lambda env: env.file("page.html.gz", gzip_gib()), 3, "decompresses to more than the 10 MB limit", TooLarge),
    Case("files", "gzip file cut short", lambda env: env.file("cut.html.gz", gzip.compress(ARTICLE.encode())[:-60]), 0, FIRST, warns="ended early"),
    Case("files", "UTF-8 BOM", lambda env: env.file("bom8.html", codecs.BOM_UTF8 + ARTICLE.encode()), 0, "harbour café"),
    Case("files", "UTF-16 LE BOM", lambda env: env.file("bom16.html", codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le")), 0, "harbour café"),
    Case("files", "UTF-16 BE BOM, text", lambda env: env.file("bom16be.txt", codecs.BOM_UTF16_BE + _TEXT.encode("utf-16-be")), 0, "harbour café"),
    Case("files", "CRLF line endings", lambda env: env.file("crlf.txt", _TEXT.replace("\n", "\r\n")), 0, r"Wrenhaven and the Tollmere islands[^\r]*\n\nIslanders"),
    Case("files", "mixed line endings", lambda env: env.file("mixed.txt", _TEXT.replace("\n\n", "\r\n\r\n", 1).replace("\n\n", "\r\r", 1)), 0, r"Wrenhaven[^\r]*\n\nIslanders"),
    Case("files", "a character device", lambda env: "/dev/zero", 3, "not a regular file", FileError),
    Case("stdin", "empty stdin", lambda env: "-", 4, "standard input is empty", NotAnArticle, stdin=b""),
    Case("stdin", "an article on stdin", lambda env: "-", 0, FIRST, stdin=ARTICLE.encode()),
    Case("stdin", "binary on stdin", lambda env: "-", 3, "a JPEG image", UnsupportedContent, stdin=b"\xff\xd8\xff\xe0" + bytes(300)),
    Case("stdin", "past the cap on stdin", lambda env: "-", 3, "is more than the 10 MB limit", TooLarge, stdin=b"x" * (CAP + 1)),
    Case("stdin", "1 GB gzip bomb on stdin", lambda env: "-", 3, "decompresses to more than", TooLarge, stdin=gzip_gib),
]

# --------------------------------------------------------------------------- content

_LOGIN = (
    "<html><head><title>Sign in</title></head><body><nav><a href='/'>Home</a></nav>"
    "<form><h2>Subscribe to keep reading</h2><p>Log in or create an account to continue.</p>"
    "<input name=user><input type=password name=pass><button>Sign in</button></form>"
    "<footer>© 2025 Wrenhaven Gazette</footer></body></html>"
)
_FRONT = "<html><body><h1>The Wrenhaven Gazette</h1>" + "".join(
    f"<div class='card'><h3><a href='/s{i}'>Headline number {i} about the harbour and the ferry</a></h3></div>"
    for i in range(40)
) + "</body></html>"
_ERROR_200 = (
    "<html><head><title>Page not found | Wrenhaven Gazette</title></head><body><h1>Oops! Page not found</h1>"
    "<p>Sorry, the page you are looking for does not exist or has been moved.</p><a href='/'>Go home</a></body></html>"
)
_SHELL = (
    "<html><head><title>Gazette</title><script src='/static/app.js'></script></head>"
    "<body><div id='root'></div><noscript>You need to enable JavaScript to run this app.</noscript></body></html>"
)
_FURNITURE = "<html><body><div><p>Advertisement</p><p>Share on Facebook</p><p>Sign up to our newsletter</p><p>Read more</p></div></body></html>"
_LINE = (" ".join(PARAGRAPHS) + " ") * 3200  # about 2 MB
_DEEP = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def _nested(open_tag: str, close_tag: str, depth: int) -> str:
    return article_html(paragraphs=(), after=open_tag * depth + _DEEP + close_tag * depth)


CONTENT = [
    Case("content", "login wall", lambda env: env.file("login.html", _LOGIN), 4, "log in or subscribe", NotAnArticle),
    Case("content", "front page of links", lambda env: env.file("front.html", _FRONT), 4, "a front page: 40 links", FrontPage),
    Case("content", "error page served with 200", lambda env: env.file("gone.html", _ERROR_200), 4, "error page", NotAnArticle),
    Case("content", "JavaScript-only shell", lambda env: env.file("shell.html", _SHELL), 4, "built by JavaScript", NotAnArticle),
    Case("content", "only page furniture", lambda env: env.file("furniture.html", _FURNITURE), 4, "only page furniture", NotAnArticle),
    Case("content", "empty HTML skeleton", lambda env: env.file("skeleton.html", "<html><head></head><body></body></html>"), 4, "no readable text", NotAnArticle),
    Case("content", "controls and spaces only", lambda env: env.file("controls.txt", "\x01\x02 \x1b\x7f \n\n\x0b"), 4, "no article text found", NotAnArticle),
    Case("content", "10,000 nested divs", lambda env: env.file("deep.html", _nested("<div>", "</div>", 10_000)), 0, re.escape(PARAGRAPHS[-1]), warns="nests its markup about 10"),
    Case("content", "300 nested tables", lambda env: env.file("tables.html", _nested("<table><tr><td>", "</td></tr></table>", 300)), 0, re.escape(PARAGRAPHS[-1]), warns="flattened"),
    Case("content", "3,000 unclosed <b>", lambda env: env.file("bold.html", _nested("<b>", "", 3000)), 0, re.escape(PARAGRAPHS[-1]), warns="flattened"),
    Case("content", "2 MB single line", lambda env: env.file("line.html", article_html(paragraphs=(_LINE,))), 0, FIRST),
    Case("content", "200,000 elements", lambda env: env.file("elements.html", "<html><body>" + "<i>x</i>" * 200_000 + "</body></html>"), 3, "more than 100,000 HTML elements", TooLarge),
    Case("content", "mis-nested tags", lambda env: env.file("misnested.html", ARTICLE.replace("<p>", "<p><b><i>", 2).replace("</p>", "</b></p></i>", 2)), 0, FIRST),
    Case("content", "markup cut mid-tag", lambda env: env.file("cut.html", ARTICLE[: ARTICLE.index(PARAGRAPHS[-1]) + 60] + '<a href="/more'), 0, FIRST),
    Case("content", "entity-heavy text", lambda env: env.file("entities.html", article_html(paragraphs=PARAGRAPHS + ("Fares rose &pound;2 &mdash; &ldquo;too much&rdquo;, said D&aacute;ra &amp; co &#8212; &#x1F6A2; &bogus; &#0; &#x110000; " * 40,))), 0, "Fares rose £2 — “too much”, said Dára & co — 🚢 &bogus;"),
    Case("content", "right-to-left text", lambda env: env.file("rtl.html", article_html("العبارة تلغي الرحلات", (
        "قال مشغل العبارة يوم الاثنين إن الرحلات المبكرة والمتأخرة ستلغى حتى نهاية أبريل بينما يجري إصلاح المحرك الاحتياطي الوحيد.",
        "وقالت صاحبة المقهى في الميناء إن التغيير سيؤثر على عمال الورديات أكثر من غيرهم وطلبت من المجلس دفع ثمن قارب أجرة.",
        "המפעיל אמר כי המנוע נשלח לבית מלאכה וכי המהנדסים מצפים שהתיקון יימשך כתשעה שבועות, בהתאם לחלקים.",
    ))), 0, "قال مشغل العبارة يوم الاثنين"),
    Case("content", "emoji and ZWJ sequences", lambda env: env.file("emoji.html", article_html(paragraphs=PARAGRAPHS + ("Passengers 👨‍👩‍👧‍👦 waved flags 🇬🇧 🏴󠁧󠁢󠁷󠁬󠁳󠁿 and gave it 👍🏽 on the quay at Wrenhaven that morning.",))), 0, "👨‍👩‍👧‍👦 waved flags 🇬🇧 🏴󠁧󠁢󠁷󠁬󠁳󠁿 and gave it 👍🏽"),
    Case("content", "combining characters", lambda env: env.file("combining.html", article_html(paragraphs=PARAGRAPHS + ("Cafe\u0301 owner Da\u0308ra wrote Z\u0351\u0359\u0300a\u0337\u0322l\u0335g\u0334o on the board outside the harbour café that week.",))), 0, "Cafe\u0301 owner Da\u0308ra wrote Z\u0351\u0359\u0300a\u0337\u0322l\u0335g\u0334o"),
    Case("content", "NUL bytes in the page", lambda env: env.file("nul.html", ARTICLE.replace("</p>", "\x00</p>", 1)), 0, re.escape(PARAGRAPHS[-1])),
    Case("content", "XHTML with an XML declaration", lambda env: env.file("page.xhtml", '<?xml version="1.0" encoding="utf-8"?>\n' + ARTICLE), 0, "# Tollmere ferry cuts early"),
    Case("content", "paywall teaser", lambda env: env.file("teaser.html", article_html(paragraphs=PARAGRAPHS[:2], after="<div class='wall'><p>This article is for subscribers only.</p><p><a href='/subscribe'>Subscribe</a></p></div>")), 0, FIRST, warns="subscribe or log in"),
    Case("content", "undecodable bytes", lambda env: env.file("noise.html", bytes(range(128, 256)) * 300), 3, "not text", DecodeError),
]

# --------------------------------------------------------------------------- injection

# What a page could say to a terminal that printed it raw.
ESCAPES = {
    "clear screen": "\x1b[2J\x1b[H",
    "OSC 52 clipboard write": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "OSC 8 hyperlink": "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "window title": "\x1b]0;owned\x07\x1b]2;owned\x1b\\",
    "C1 CSI and OSC": "\x9b2J\x9d0;owned\x9c",
    "bidi override and isolates": "\u202egnp.exe\u202c\u2066x\u2069",
    "C0 bell and backspace": "\x07\x08\x08\x08",
}
MARKUP = "[bold red]ALERT[/] [link=file:///etc/passwd]click me[/link]"
#: What must never reach the terminal: ESC, C1 controls, bidi overrides and isolates, BEL.
FORBIDDEN = ("\x1b", "\x07", "\x08", *map(chr, range(0x80, 0xA0)), *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)))


def _injected_page() -> str:
    payload = "".join(ESCAPES.values())
    entity_payload = "&#27;[2J &#x9b;31m &#x202e;txt.exe &#7;"
    link = f'<a href="https://example.org/{payload}x">{MARKUP} {payload}</a>'
    paragraphs = tuple(p.replace("ferry", f"ferry {payload}", 1) for p in PARAGRAPHS) + (
        f"The notice read {MARKUP} and {entity_payload} and then {link} on the quay.",
    )
    return article_html(f"Ferry {MARKUP} {payload} cut", paragraphs, head=f'<meta name="author" content="Ann {payload}Lee">')


def _injected_redirect(env: Env) -> str:
    # Header values may carry any byte but controls: C1 and bidi go in as UTF-8.
    weird = "/loop\u202e\x9b2J\x9d0;owned\x9c"
    location = [("Location", weird.encode("utf-8").decode("latin-1"))]
    env.route(weird, lambda c: c.head(302, location))
    return env.route("/start", lambda c: c.head(302, location))


def _injection(name: str, mode: str) -> Case:
    return Case("injection", f"{name} ({mode})", lambda env: env.file(f"inject{mode}.html", _injected_page()), 0, re.escape(MARKUP), absent=FORBIDDEN, mode=mode)


INJECTION = [
    _injection("escapes, C1, bidi and Rich markup in title, text, author and links", "--dump"),
    _injection("escapes, C1, bidi and Rich markup in title, text, author and links", "--json"),
    Case("injection", "escapes in a plain-text article", lambda env: env.file("inject.txt", _TEXT.replace("ferry", "ferry" + "".join(ESCAPES.values()))), 0, "ferry", absent=FORBIDDEN),
    Case("injection", "escapes in a redirect target (error message)", _injected_redirect, 3, "redirect loop", absent=FORBIDDEN),
    Case("injection", "escapes in a file name (error message)", lambda env: str(env.tmp / "page\x1b]0;owned\x07\u202e.html"), 3, r"^(?:byline: )?[^:]*page\]0;owned\.html: no such file$", FileError, absent=FORBIDDEN),
]
