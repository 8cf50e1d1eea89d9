"""Taking text out of the reader: export to a Markdown file, copy a quote or
a paragraph with its citation, copy a link's URL. A mixin of ``ReaderScreen``.

Copies go to the terminal's clipboard with OSC 52 (``BylineApp.copy_to_clipboard``),
which works over SSH and, wrapped for passthrough, inside tmux.
"""

from __future__ import annotations

import asyncio
from bisect import bisect_right
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work

from byline.extract import BylineError
from byline.extract.sanitize import clean_inline

if TYPE_CHECKING:
    from byline.tui.screens.reader import Page, ReaderScreen

    _Base = ReaderScreen
else:
    _Base = object


class ReaderSharing(_Base):
    """Export and copy for ``ReaderScreen``."""

    # ---------------------------------------------------------------- export

    def action_export(self) -> None:
        """Ask where to write the article as Markdown (a new file by default)."""
        if self.page is None:
            return
        from byline.tui.export import suggested_path

        self._ask_export_path(self.page, _shown(suggested_path(self.page.article)))

    def _ask_export_path(self, page: Page, default: str) -> None:
        from byline.tui.dialogs.export import ExportDialog

        def chosen(answer: str | None) -> None:
            if answer:
                self._export_to(page, answer)

        self.app.push_screen(ExportDialog(default), chosen)

    def _export_to(self, page: Page, answer: str) -> None:
        from byline.tui.dialogs.confirm import ConfirmDialog
        from byline.tui.export import suggested_path

        path = Path(answer).expanduser()
        if path.is_dir():
            path = suggested_path(page.article, [path])
        if not path.exists():
            self._write_export(page, path)
            return

        def confirmed(replace: bool | None) -> None:
            if replace:
                self._write_export(page, path)
            else:
                self._ask_export_path(page, answer)

        question = Text.assemble(_shown(path), (" exists. Replace it?", "bold"))
        self.app.push_screen(ConfirmDialog(question, yes="Replace", no="Choose another name"), confirmed)

    @work(group="export", description="exporting an article")  # not repr(page): the whole article
    async def _write_export(self, page: Page, path: Path) -> None:
        from byline.tui import loading
        from byline.tui.export import export_text, write_export

        article = page.article
        if not page.annotated:  # the front matter lists the entities and quotes
            self.status.say("finding entities before the export…")
            article = await asyncio.to_thread(loading.annotate, article, ner=self.settings.ner)
        try:
            await asyncio.to_thread(write_export, export_text(article, "md"), str(path))
        except BylineError as error:
            self.status.say(f"not exported: {error.message}", style="bold")
            return
        self.status.say(Text.assemble("exported to ", _shown(path)))

    # ------------------------------------------------------------------ copy

    def action_copy(self) -> None:
        """Copy the selected quote, or else the paragraph at the top, with its source."""
        if self.page is None:
            return
        from byline.tui.clipboard import cite_passage, cite_quote

        article = self.page.article
        if self.quote is not None:
            self.app.copy_to_clipboard(cite_quote(self.quote, article))
            speaker = self.quote.speaker or "an unattributed speaker"
            self.status.say(Text.assemble("copied the quote of ", speaker, " with its source"))
            return
        block = self._block_at(self.view.reading_offset)
        if block is None:
            self.status.say("nothing to copy")
            return
        self.app.copy_to_clipboard(cite_passage(article.block_text(block), article))
        self.status.say("copied the paragraph at the top, with its source")

    def _block_at(self, offset: int):  # type: ignore[no-untyped-def]
        """The block holding ``offset``, or the first one after it."""
        assert self.page is not None
        blocks = self.page.article.blocks
        if not blocks:
            return None
        index = bisect_right([block.end for block in blocks], offset)
        return blocks[min(index, len(blocks) - 1)]

    def action_copy_link(self) -> None:
        """Copy the URL of the first link on screen (or the one nearest to it)."""
        if self.page is None or not self.view.link_indexes:
            self.status.say("this article has no links")
            return
        links = self.page.article.links
        start, end = self.view.visible_span()
        followable = sorted(self.view.link_indexes, key=lambda index: links[index].start)
        on_screen = [index for index in followable if start <= links[index].start < max(end, start + 1)]
        index = on_screen[0] if on_screen else min(followable, key=lambda i: abs(links[i].start - start))
        self.copy_link(index)

    def copy_link(self, index: int) -> None:
        url = self.link_url(index)
        self.app.copy_to_clipboard(url)
        number = self.view.link_indexes.get(index)
        self.status.say(Text.assemble(f"copied link [{number}]: ", clean_inline(url)))


def _shown(path: Path) -> str:
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
