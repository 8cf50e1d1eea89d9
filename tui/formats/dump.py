"""Plain-text rendering of an Article for ``--dump`` (no Textual, no Rich)."""

from __future__ import annotations

import textwrap

from byline.extract import Article


def header_lines(article: Article) -> list[str]:
    """Title, then one line of authors · site · date · reading time."""
    lines = []
    if article.title:
        lines.append(f"# {article.title}")
    details = []
    if article.authors:
        details.append("By " + ", ".join(article.authors))
    if article.site:
        details.append(article.site)
    if article.published:
        details.append(article.published)
    if article.words:
        details.append(f"{reading_minutes(article.words)} min read")
    if details:
        lines.append(" · ".join(details))
    return lines


def reading_minutes(words: int) -> int:
    """Minutes to read ``words`` at 230 words a minute, at least one."""
    return max(1, round(words / 230))


def dump_text(article: Article, width: int = 0) -> str:
    """The article as Markdown-ish text, wrapped at ``width`` columns (0: unwrapped)."""
    out = header_lines(article)
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
