"""Taking text out of the reader: ``e`` exports the article to a Markdown file,
``c`` copies a quote or a paragraph with its citation, ``y`` a link's URL,
``M`` opens the article (or, from the ``f`` list, a link) in a browser.

Copies go to the terminal's clipboard with OSC 52 (``BylineApp.copy_to_clipboard``),
which works over SSH and, wrapped for passthrough, inside tmux.
"""

from __future__ import annotations

import subprocess
from bisect import bisect_right
from pathlib import Path
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.app import SuspendNotSupported

from byline.extract import Article, Block, BylineError, Quote, clean_inline
from byline.tui.dialogs.confirm import ConfirmDialog
from byline.tui.dialogs.export import ExportDialog
from byline.tui.files import file_kind, user_path
from byline.tui.formats.citation import cite_passage, cite_quote
from byline.tui.formats.export import export_text, suggested_path, write_export
from byline.tui.screens.reader.browser import DESKTOP, TERMINAL, Browser, choose_browser
from byline.tui.screens.reader.history import Page
from byline.tui.threads import in_thread
from byline.tui.widgets.article.view import ArticleView, terminal_safe_url
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
        try:
            path = user_path(answer)
            if path.is_dir():
                path = suggested_path(page.article, [path])
            kind = file_kind(path.stat().st_mode) if path.exists() else None
        except (ValueError, OSError) as exc:  # ~nosuchuser, a name too long, a loop of links
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.status.say(f"not exported: {clean_inline(answer)}: {reason}", style="bold")
            return
        if kind is None:
            self._write_soon(page, path)
            return

        def confirmed(replace: bool | None) -> None:
            if replace:
                self._write_soon(page, path)
            else:
                self._ask_path(page, answer)

        if kind == "a regular file":
            question = Text.assemble(shown_path(path), (" exists. Replace it?", "bold"))
            yes = "Replace"
        else:  # written through, never replaced (tui.files.write_file)
            question = Text.assemble(shown_path(path), (f" is {kind}. Write the article into it?", "bold"))
            yes = "Write"
        self.app.push_screen(ConfirmDialog(question, yes=yes, no="Choose another name"), confirmed)

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
        self.status.say(Text.assemble("exported to ", shown_path(path)), transient=True)

    # ------------------------------------------------------------------ copy

    def copy(self, article: Article, quote: Quote | None) -> None:
        """Copy ``quote``, or else the paragraph at the top, with its source."""
        if quote is not None:
            self.app.copy_to_clipboard(cite_quote(quote, article))
            speaker = quote.speaker or "an unattributed speaker"
            self.status.say(Text.assemble("copied the quote of ", speaker, " with its source"), transient=True)
            return
        block = first_whole_block(article, *self.view.visible_span())
        if block is None:
            self.status.say("nothing to copy", transient=True)
            return
        text = article.block_text(block)
        self.app.copy_to_clipboard(cite_passage(text, article))
        self.status.say(Text.assemble("copied “", _opening(text), "” with its source"), transient=True)

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
        self.status.say(Text.assemble(f"copied link [{number}]: ", clean_inline(url)), transient=True)


    # --------------------------------------------------------------- browser

    def open_in_browser(self, url: str) -> None:
        """Show ``url`` in a browser the reader can see; where there is none
        (over SSH), say so and offer the link and a copy instead."""
        if self.app.is_web:
            self.app.open_url(url)  # a new tab in the browser the app is drawn in
            self.status.say("opened in a new tab", transient=True)
            return
        browser = choose_browser()
        if browser.kind == TERMINAL:
            self._run_here(browser, url)
        elif browser.kind == DESKTOP:
            self.app.run_worker(self._open_on_desktop(url), group="browser", description="opening a browser")
        else:
            self._offer_link(url, browser.reason)

    async def _open_on_desktop(self, url: str) -> None:
        # What App.open_url does outside a web browser, in a thread (finding the
        # browser can run a program), and it says whether one was found.
        import webbrowser

        if await in_thread(webbrowser.open, url):
            self.status.say(Text.assemble("opened in your browser: ", clean_inline(url)), transient=True)
        else:
            self._offer_link(url, "no web browser was found")

    def _run_here(self, browser: Browser, url: str) -> None:
        """A terminal browser takes the terminal until it quits; byline waits, suspended."""

        failed: OSError | None = None
        result = None
        try:
            with self.app.suspend():
                # Nothing may escape this block: Textual resumes the app only after a clean exit from it.
                try:
                    result = subprocess.run(browser.argv(url), check=False)
                except OSError as error:
                    failed = error
        except SuspendNotSupported:
            self._offer_link(url, "this terminal cannot be handed to another program")
            return
        if failed is not None:
            self.status.say(f"could not run {browser.command[0]}: {failed.strerror or failed}", style="bold")
        elif result is not None and result.returncode:
            self.status.say(f"{browser.command[0]} ended with status {result.returncode}", transient=True)

    def _offer_link(self, url: str, reason: str) -> None:
        shown = clean_inline(url)
        link = Text(shown, style=Style(link=url, underline=True) if terminal_safe_url(url) else "")
        question = Text.assemble(
            (f"No browser here: {reason}.", "bold"),
            "\n\nYour own terminal may open the link (Ctrl- or Cmd-click it), or copy it:\n\n",
            link,
        )

        def answered(copy: bool | None) -> None:
            if copy:
                self.app.copy_to_clipboard(url)
                self.status.say(Text.assemble("copied ", shown), transient=True)

        self.app.push_screen(ConfirmDialog(question, yes="Copy the link", no="Close", harmless=True), answered)


def first_whole_block(article: Article, start: int, end: int) -> Block | None:
    """The first paragraph (or quote, list item…; not a heading) that begins
    on screen — ``[start, end]`` is the text shown — or, when none begins on
    it (one long paragraph fills the screen), the one at the top."""
    blocks = article.blocks
    if not blocks:
        return None
    index = min(bisect_right([block.end for block in blocks], start), len(blocks) - 1)
    at_top = blocks[index]
    if blocks[index].start < start:
        index += 1  # only its tail is on screen
    while index < len(blocks) and blocks[index].start <= end:
        if blocks[index].kind != "heading":
            return blocks[index]
        index += 1
    return at_top


def _opening(text: str, length: int = 32) -> str:
    """The first words of a passage, to say which one was copied."""
    words = clean_inline(" ".join(text.split()))
    return words if len(words) <= length else words[: length - 1].rstrip() + "…"


def shown_path(path: Path) -> str:
    """A path as the reader would type it: relative to here when it is here, ``~`` for home."""
    try:
        relative = path.resolve().relative_to(Path.cwd().resolve())
    except (OSError, ValueError):
        relative = None
    if relative is not None and str(relative) != ".":
        return clean_inline(str(relative))
    home = str(Path.home())
    text = str(path)
    shown = "~" + text[len(home) :] if text.startswith(home + "/") else text
    return clean_inline(shown)
