"""Taking text out of the reader: ``e`` exports the article to a Markdown file,
``c`` copies a quote or a paragraph with its citation, ``y`` a link's URL.

Copies go to the terminal's clipboard with OSC 52 (``BylineApp.copy_to_clipboard``),
which works over SSH and, wrapped for passthrough, inside tmux.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from byline.extract import Article, Block, BylineError, Quote, clean_inline
from byline.tui.dialogs.confirm import ConfirmDialog
from byline.tui.dialogs.export import ExportDialog
from byline.tui.formats.citation import cite_passage, cite_quote
from byline.tui.formats.export import export_text, suggested_path, write_export
from byline.tui.screens.reader.history import Page
from byline.tui.threads import in_thread
from byline.tui.widgets.article.view import ArticleView
from byline.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from textual.app import App

    from byline.tui.opener import Opener


class Sharing:
    """Export and copy for the reader; ``opener`` finds entities an export needs."""

    def __init__(self, app: App, view: ArticleView, status: StatusLine, opener: Opener) -> None:
        self.app = app
        self.view = view
        self.status = status
        self.opener = opener

    # ---------------------------------------------------------------- export

    def export(self, page: Page) -> None:
        """Ask where to write the article as Markdown (a new file by default)."""
        self._ask_path(page, shown_path(suggested_path(page.article)))

    def _ask_path(self, page: Page, default: str) -> None:
        def chosen(answer: str | None) -> None:
            if answer:
                self._export_to(page, answer)

        self.app.push_screen(ExportDialog(default), chosen)

    def _export_to(self, page: Page, answer: str) -> None:
        path = Path(answer).expanduser()
        if path.is_dir():
            path = suggested_path(page.article, [path])
        if not path.exists():
            self._write_soon(page, path)
            return

        def confirmed(replace: bool | None) -> None:
            if replace:
                self._write_soon(page, path)
            else:
                self._ask_path(page, answer)

        question = Text.assemble(shown_path(path), (" exists. Replace it?", "bold"))
        self.app.push_screen(ConfirmDialog(question, yes="Replace", no="Choose another name"), confirmed)

    def _write_soon(self, page: Page, path: Path) -> None:
        # Described: Textual's default description is the arguments' repr, the whole article.
        self.app.run_worker(self._write(page, path), group="export", description="exporting an article")

    async def _write(self, page: Page, path: Path) -> None:
        article = page.article
        if not page.annotated:  # the front matter lists the entities and quotes
            self.status.say("finding entities before the export…")
            article = await in_thread(self.opener.annotate, article)
        try:
            await in_thread(write_export, export_text(article, "md"), str(path))
        except BylineError as error:
            self.status.say(f"not exported: {error.message}", style="bold")
            return
        self.status.say(Text.assemble("exported to ", shown_path(path)))

    # ------------------------------------------------------------------ copy

    def copy(self, article: Article, quote: Quote | None) -> None:
        """Copy ``quote``, or else the paragraph at the top, with its source."""
        if quote is not None:
            self.app.copy_to_clipboard(cite_quote(quote, article))
            speaker = quote.speaker or "an unattributed speaker"
            self.status.say(Text.assemble("copied the quote of ", speaker, " with its source"))
            return
        block = block_at(article, self.view.reading_offset)
        if block is None:
            self.status.say("nothing to copy")
            return
        self.app.copy_to_clipboard(cite_passage(article.block_text(block), article))
        self.status.say("copied the paragraph at the top, with its source")

    def link_on_screen(self, article: Article) -> int | None:
        """The first followable link on screen (or the one nearest to it), by index."""
        if not self.view.link_indexes:
            return None
        links = article.links
        start, end = self.view.visible_span()
        followable = sorted(self.view.link_indexes, key=lambda index: links[index].start)
        on_screen = [index for index in followable if start <= links[index].start < max(end, start + 1)]
        return on_screen[0] if on_screen else min(followable, key=lambda i: abs(links[i].start - start))

    def copy_link(self, index: int, url: str) -> None:
        self.app.copy_to_clipboard(url)
        number = self.view.link_indexes.get(index)
        self.status.say(Text.assemble(f"copied link [{number}]: ", clean_inline(url)))


def block_at(article: Article, offset: int) -> Block | None:
    """The block holding ``offset``, or the first one after it."""
    blocks = article.blocks
    if not blocks:
        return None
    index = bisect_right([block.end for block in blocks], offset)
    return blocks[min(index, len(blocks) - 1)]


def shown_path(path: Path) -> str:
    """A path as the reader would type it: relative to here when it is here, ``~`` for home."""
    try:
        relative = path.resolve().relative_to(Path.cwd().resolve())
    except (OSError, ValueError):
        relative = None
    if relative is not None and str(relative) != ".":
        return str(relative)
    home = str(Path.home())
    text = str(path)
    return "~" + text[len(home) :] if text.startswith(home + "/") else text
