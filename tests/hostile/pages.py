"""Pages the hostile tests serve and read: a small article of our own, and bombs.

The article is written for these tests (a fictional town, fictional people):
enough paragraphs that readability takes it for an article, so that a test
can change one thing about it — its charset, its nesting, its title — and
see what the reader gets.
"""

from __future__ import annotations

import struct
import zlib

PARAGRAPHS = (
    "The ferry between Wrenhaven and the Tollmere islands will run a reduced timetable "
    "until the end of April while its only spare engine is rebuilt, the operator said on Monday.",
    "Islanders who commute to the mainland will lose the first crossing of the day, at "
    "half past six, and the last one back, leaving the 18:40 as the final sailing home.",
    "Dara Whitlock, who runs the harbour café on Tollmere, said the change would hit "
    "shift workers hardest and asked the council to pay for a water taxi in the meantime.",
    "The operator said the engine had been sent to a workshop in Calder Bay and that "
    "engineers expected the repair to take about nine weeks, parts permitting.",
)


def article_html(
    title: str = "Tollmere ferry cuts early and late crossings for engine repair",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    *,
    head: str = "",
    before: str = "",
    after: str = "",
    charset: str | None = "utf-8",
) -> str:
    """A small, well-formed news page around ``paragraphs``."""
    meta = f'<meta charset="{charset}">' if charset else ""
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f"<!DOCTYPE html>\n<html lang=\"en\"><head>{meta}<title>{title}</title>{head}</head>\n"
        f"<body><main><article><h1>{title}</h1>\n{before}{body}{after}</article></main></body></html>\n"
    )


ARTICLE = article_html()


def element_cap_page() -> str:
    """A live-blog-like page just under the 100,000-element cap: 24,900
    paragraphs, each with bold, italic and a link (the most link numbers a
    page can bring)."""
    paragraphs = tuple(
        f"{PARAGRAPHS[i % 4]} <b>Update {i}</b> and <i>a note</i> from <a href='/live/{i}'>the desk {i}</a>."
        for i in range(24_900)
    )
    return article_html(paragraphs=paragraphs)


#: The start of the first paragraph: in the output when the article was read.
FIRST = PARAGRAPHS[0][:40]


def _zero_deflate(size: int) -> tuple[bytes, int, int]:
    """Raw deflate of ``size`` zero bytes (a multiple of 1 MiB), and their CRC-32 and
    Adler-32. Built in well under a second: after a full flush, deflate encodes
    every MiB of zeros as the same bytes, so one block is repeated."""
    chunk = 1 << 20
    zero = bytes(chunk)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = compressor.compress(zero) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush()
    crc, adler = 0, 1
    for _ in range(size // chunk):
        crc = zlib.crc32(zero, crc)
        adler = zlib.adler32(zero, adler)
    return block * (size // chunk) + tail, crc, adler


def gzip_bomb(size: int) -> bytes:
    """A gzip member that inflates to ``size`` zero bytes."""
    stream, crc, _ = _zero_deflate(size)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + stream + struct.pack("<II", crc, size & 0xFFFFFFFF)


def deflate_bomb(size: int) -> bytes:
    """A zlib-wrapped deflate stream (HTTP's "deflate") that inflates to ``size`` zero bytes."""
    stream, _, adler = _zero_deflate(size)
    return b"\x78\xda" + stream + struct.pack(">I", adler)
