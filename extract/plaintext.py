"""Plain text to blocks: one block per paragraph, a title only when the first
line reads as a headline.

Saved texts come in two shapes: paragraphs separated by blank lines, or one
paragraph per line. A blank line, when there is one, is the paragraph break;
otherwise every line is a paragraph.
"""

from __future__ import annotations

import re

from byline.extract.blocks import Candidate
from byline.extract.sanitize import strip_controls

_SENTENCE_END = re.compile(r"[.!?…:;]['’\"”»)\]]*$")
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_MARKDOWN_QUOTE = re.compile(r"^>\s?")
# A bullet marker goes; a number stays, it is part of what the item says ("2. Never…").
_MARKDOWN_BULLET = re.compile(r"^\s*[-*+•]\s+")
_NUMBERED_ITEM = re.compile(r"^\s*\d{1,3}[.)]\s+")
# A caption line ends with a credit in parentheses or after a label: "(AP)", "(Photo: Reuters)".
_CREDIT_END = re.compile(
    r"\((?:[A-Z][\w.&/ -]{0,30}|(?:photo|image|picture|file photo|credit)s?\s*:?[^)]{0,60})\)\s*$",
    re.I,
)


def text_blocks(text: str) -> list[Candidate]:
    """Split plain text into paragraph blocks (Markdown headings, quotes and list
    items recognised); the title is decided after boilerplate removal."""
    text = strip_controls(text).replace("\t", " ")
    return [_block(paragraph, index) for index, paragraph in enumerate(_paragraphs(text))]


def split_title(blocks: list[Candidate]) -> tuple[str | None, list[Candidate]]:
    """Take the first kept block as the title when it reads as a headline."""
    if not blocks or blocks[0].kind not in ("paragraph", "heading"):
        return None, blocks
    first = blocks[0]
    if is_headline(first.text, [b.text for b in blocks[1:]]):
        return " ".join(first.text.split()), blocks[1:]
    return None, blocks


def _paragraphs(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.split("\n")]
    filled = [line for line in lines if line.strip()]
    has_blank = len(filled) > 1 and any(not line.strip() for line in lines[1:-1])
    if not has_blank:
        return [line.strip() for line in filled]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.extend(_split_group(current))
            current = []
    return paragraphs


def _split_group(lines: list[str]) -> list[str]:
    """Hard-wrapped prose (long lines that run on into the next) is one paragraph,
    unwrapped; a group of short standalone lines ("Latest Comment", "Post
    Comment") is one block per line, so each can be judged alone."""
    if len(lines) == 1 or all(_MARKDOWN_QUOTE.match(line) for line in lines):
        return ["\n".join(lines)] if len(lines) > 1 else lines
    widest = max(len(line) for line in lines)
    wrapped = widest >= 40 and all(
        len(line) >= widest * 0.6 or _SENTENCE_END.search(line) is None and next_line[:1].islower()
        for line, next_line in zip(lines, lines[1:])
    )
    if wrapped:
        return [" ".join(lines)]
    return lines


def is_headline(first: str, rest: list[str]) -> bool:
    """A first line is a title when it is short, has no closing full stop, and
    more text follows it."""
    line = " ".join(first.split())
    if not rest or "\n" in first.strip():
        return False
    words = line.split()
    if not 2 <= len(words) <= 30 or len(line) > 200:
        return False
    if line.endswith((".", "!", ",", ";", ":")) and not line.endswith("..."):
        return False
    if line[0].islower():
        return False
    return True


def _block(paragraph: str, index: int) -> Candidate:
    heading = _MARKDOWN_HEADING.match(paragraph)
    if heading and "\n" not in paragraph:
        return Candidate("heading", heading.group(2), level=len(heading.group(1)), index=index)
    if all(_MARKDOWN_QUOTE.match(line) for line in paragraph.split("\n")):
        text = "\n".join(_MARKDOWN_QUOTE.sub("", line) for line in paragraph.split("\n"))
        return Candidate("quote", text, index=index)
    if "\n" not in paragraph and _MARKDOWN_BULLET.match(paragraph):
        return Candidate("list", _MARKDOWN_BULLET.sub("", paragraph), index=index)
    if "\n" not in paragraph and _NUMBERED_ITEM.match(paragraph):
        return Candidate("list", paragraph.strip(), index=index)
    return Candidate("paragraph", paragraph, index=index)


def mark_roles(blocks: list[Candidate]) -> None:
    """Near the top, a line ending in a photo credit is a caption; a short
    unpunctuated line between paragraphs is a subheading."""
    for position, block in enumerate(blocks):
        if block.kind != "paragraph" or "\n" in block.text:
            continue
        if position < 4 and _CREDIT_END.search(block.text):
            block.kind = "caption"
        elif _is_subheading(block.text) and 0 < position < len(blocks) - 1:
            block.kind = "heading"
            block.level = 2


def _is_subheading(line: str) -> bool:
    words = line.split()
    if not 1 <= len(words) <= 10 or _SENTENCE_END.search(line):
        return False
    return line[0].isupper() or line[0] in "‘'\"“"
