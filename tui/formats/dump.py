"""Plain-text rendering of an Article for ``--dump`` (no Textual, no Rich)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from byline.extract import Article

SEPARATOR = " · "


def header_details(article: Article, words: int | None = None) -> list[str]:
    """The header's details, as the app and ``--dump`` both show them: site,
    authors, the date published (the day: YYYY-MM-DD), reading time.
    ``words`` is the word count when the caller has it (counting is a pass over the text)."""
    details = []
    if article.site:
        details.append(article.site)
    if article.authors:
        details.append("By " + ", ".join(article.authors))
    if article.published:
        details.append(article.published[:10])
    words = article.words if words is None else words
    if words:
        details.append(f"{reading_minutes(words)} min read")
    return details


def detail_lines(details: list[str], width: int, length: Callable[[str], int] = len) -> list[str]:
    """``details`` joined by " · ", broken between details rather than inside one
    ("2 min read" never wraps alone); a detail wider than the line has it to itself
    (the caller wraps that line as any text). ``width`` 0: one line."""
    lines: list[str] = []
    for detail in details:
        if lines and (width <= 0 or length(lines[-1]) + length(SEPARATOR) + length(detail) <= width):
            lines[-1] += SEPARATOR + detail
        else:
            lines.append(detail)
    return lines


def header_lines(article: Article, width: int = 0) -> list[str]:
    """Title (one line, as Markdown has it), then the details (site · authors ·
    date · reading time), wrapped at ``width`` (0: not)."""
    lines = []
    if article.title:
        lines.append(f"# {article.title}")
    for line in detail_lines(header_details(article), width):
        lines.extend(_wrap(line, width, "", ""))
    return lines


def reading_minutes(words: int) -> int:
    """Minutes to read ``words`` at 230 words a minute, at least one."""
    return max(1, round(words / 230))


def dump_text(article: Article, width: int = 0) -> str:
    """The article as Markdown-ish text, wrapped at ``width`` columns (0: unwrapped)."""
    out = header_lines(article, width)
    if out:
        out.append("")
    for block in article.blocks:
        text = article.block_text(block)
        if block.kind == "heading":
            out.append("#" * max(2, min(block.level or 2, 6)) + " " + " ".join(text.split()))
        elif block.kind == "quote":
            out.extend(_wrap(text, width, "> ", "> "))
        elif block.kind == "list":
            out.extend(_wrap(text, width, "- ", "  "))
        elif block.kind == "caption":
            out.extend(_wrap(f"[{text}]", width, "", ""))
        elif block.kind == "pre":
            out.extend("    " + line for line in text.split("\n"))
        else:
            out.extend(_wrap(text, width, "", ""))
        out.append("")
    return "\n".join(out).rstrip("\n")


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    lines = []
    for number, line in enumerate(text.split("\n")):
        prefix = first if number == 0 else rest
        if width <= 0:
            lines.append(prefix + line)
            continue
        lines.extend(
            textwrap.wrap(
                line,
                width=width,
                initial_indent=prefix,
                subsequent_indent=rest,
                break_long_words=True,
                break_on_hyphens=False,
            )
            or [prefix.rstrip()]
        )
    return lines
