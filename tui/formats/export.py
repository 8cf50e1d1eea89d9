"""Export an article as Markdown (with a YAML front-matter header) or JSON.

The Markdown is for people and note-taking tools: the front matter lists
authors, date, entities and quotes; the body keeps headings, block quotes,
lists, captions and links. Text from the article is escaped so it can never
turn into Markdown structure (a paragraph starting "1." stays a paragraph).
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from byline.extract import Article, Block, BylineError, __version__

FORMATS = ("md", "json")


class ExportError(BylineError):
    """The export file could not be written."""

    exit_code = 5


def export_text(article: Article, fmt: str) -> str:
    """The article in ``fmt`` ("md" or "json"), ending with a newline."""
    if fmt == "json":
        return json.dumps(article.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return to_markdown(article)
    raise ExportError(f"unknown export format {fmt!r}; use md or json")


def write_export(content: str, destination: str) -> None:
    """Write ``content`` to ``destination`` ("-": stdout) whole or not at all."""
    if destination == "-":
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    path = Path(destination).expanduser()
    if path.is_dir():
        raise ExportError(f"{destination}: is a directory; give a file name with -o")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or Path("."))
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(content)
        os.replace(temporary, path)
    except OSError as exc:
        _discard(locals().get("temporary"))
        raise ExportError(f"{destination}: cannot write ({exc.strerror or exc})") from None


_SLUG_DROP = re.compile(r"[^\w]+")


def suggested_path(article: Article, directories: list[Path] | None = None, *, suffix: str = ".md") -> Path:
    """A file name for exporting ``article`` that does not exist yet: its title,
    shortened, in the first writable directory of ``directories`` (default:
    the current directory, then the home directory)."""
    slug = _SLUG_DROP.sub("-", (article.title or "").casefold()).strip("-_")[:60].rstrip("-_") or "article"
    candidates = directories if directories is not None else [Path.cwd(), Path.home()]
    folder = next((d for d in candidates if os.access(d, os.W_OK)), candidates[0])
    path = folder / f"{slug}{suffix}"
    counter = 1
    while path.exists():
        counter += 1
        path = folder / f"{slug}-{counter}{suffix}"
    return path


def _discard(temporary: str | None) -> None:
    if temporary:
        try:
            os.unlink(temporary)
        except OSError:
            pass


# ------------------------------------------------------------------ Markdown


def to_markdown(article: Article) -> str:
    parts = [front_matter(article)]
    if article.title:
        parts.append("# " + escape_inline(article.title))
    for block in article.blocks:
        parts.append(_block_markdown(article, block))
    return "\n\n".join(part for part in parts if part) + "\n"


def front_matter(article: Article) -> str:
    lines = ["---"]
    lines.append(f"title: {_yaml(article.title)}")
    lines.append("authors: [" + ", ".join(_yaml(a) for a in article.authors) + "]")
    lines.append(f"published: {_yaml(article.published)}")
    lines.append(f"site: {_yaml(article.site)}")
    lines.append(f"url: {_yaml(article.url)}")
    lines.append(f"language: {_yaml(article.language)}")
    lines.append(f"words: {article.words}")
    if article.entities:
        lines.append("entities:")
        for entity in article.entities:
            lines.append(f"  - name: {_yaml(entity.name)}")
            lines.append(f"    type: {_yaml(entity.type)}")
            lines.append(f"    mentions: {len(entity.mentions)}")
            aliases = [a for a in entity.aliases if a != entity.name]
            if aliases:
                lines.append("    aliases: [" + ", ".join(_yaml(a) for a in aliases) + "]")
    else:
        lines.append("entities: []")
    if article.quotes:
        lines.append("quotes:")
        for quote in article.quotes:
            lines.append(f"  - speaker: {_yaml(quote.speaker)}")
            lines.append(f"    text: {_yaml(' '.join(quote.text.split()))}")
    else:
        lines.append("quotes: []")
    lines.append(f"exported_by: {_yaml('byline ' + __version__)}")
    lines.append("---")
    return "\n".join(lines)


def _yaml(value: str | None) -> str:
    """A YAML scalar: null, or a double-quoted string (JSON's escapes are YAML's)."""
    if value is None:
        return "null"
    quoted = json.dumps(value, ensure_ascii=False)
    for char in ("\u2028", "\u2029", "\x85"):
        quoted = quoted.replace(char, f"\\u{ord(char):04x}")
    return quoted


def _block_markdown(article: Article, block: Block) -> str:
    if block.kind == "pre":
        text = article.block_text(block)
        fence = "`" * max(3, _longest_run(text, "`") + 1)
        return f"{fence}\n{text}\n{fence}"
    text = _with_links(article, block)
    if block.kind == "heading":
        return "#" * max(2, min(block.level or 2, 6)) + " " + " ".join(text.split())
    lines = [escape_line_start(line.strip()) for line in text.split("\n") if line.strip()]
    if block.kind == "quote":
        return "\n".join("> " + line for line in lines)
    if block.kind == "list":
        return "- " + "\n  ".join(lines)
    if block.kind == "caption":
        return "*" + " ".join(lines) + "*"
    return "\n".join(lines)


def _with_links(article: Article, block: Block) -> str:
    """The block's text, escaped, with its links as ``[anchor](<url>)``."""
    links = sorted(
        (link for link in article.links if block.start <= link.start < link.end <= block.end),
        key=lambda link: link.start,
    )
    out, cursor = [], block.start
    for link in links:
        if link.start < cursor:
            continue  # overlapping links: keep the first
        out.append(escape_inline(article.text[cursor : link.start]))
        anchor = escape_inline(article.text[link.start : link.end])
        out.append(f"[{anchor}](<{_link_target(link.url)}>)")
        cursor = link.end
    out.append(escape_inline(article.text[cursor : block.end]))
    return "".join(out)


_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_BLOCK_MARKER = re.compile(r"^([#>+=|]|[-*](?=\s|$)|-{3,})")


def escape_inline(text: str) -> str:
    """Backslash the characters Markdown would read as emphasis, code, links or HTML."""
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def escape_line_start(line: str) -> str:
    """Keep a line of text from starting a heading, list, quote or rule."""
    ordered = _ORDERED_MARKER.match(line)
    if ordered:
        return f"{ordered.group(1)}\\{ordered.group(2)}{line[ordered.end():]}"
    if _BLOCK_MARKER.match(line):
        return "\\" + line
    return line


def _link_target(url: str) -> str:
    return url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E").replace("\n", "")


def _longest_run(text: str, char: str) -> int:
    runs = Counter(len(m.group()) for m in re.finditer(re.escape(char) + "+", text))
    return max(runs, default=0)
