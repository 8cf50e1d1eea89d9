"""Changing the library from the start screen: delete an article (after a
yes), mark it read or unread, fetch it again. A mixin of ``StartScreen``;
writes go through the app's ``LibraryKeeper``, in a worker."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work

from byline.extract import BylineError
from byline.tui.loading import Request
from byline.tui.widgets.library_list import entry_title

if TYPE_CHECKING:
    from byline.tui.data.records import Entry
    from byline.tui.screens.start import StartScreen

    _Base = StartScreen
else:
    _Base = object


class LibraryEdits(_Base):
    """Delete, read/unread and refresh for ``StartScreen``."""

    def action_delete(self) -> None:
        entry = self.library_list.entry()
        if entry is None:
            return
        from byline.tui.dialogs.confirm import ConfirmDialog

        index = self.library_list.cursor
        question = Text.assemble("Delete ", (f"“{entry_title(entry)}”", "bold"), " from the library?")

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(index, entry)

        self.app.push_screen(ConfirmDialog(question, yes="Delete", no="Keep"), answered)

    @work(group="edit")
    async def _delete(self, index: int, entry: Entry) -> None:
        try:
            await self.keeper.write(lambda library: library.remove([entry.id]))
        except BylineError as error:
            self.status.say(f"not deleted: {error.message}", style="bold")
            return
        listing = self.library_list
        if listing.entry(index) is not None and listing.entry(index).id == entry.id:
            listing.remove_row(index)
        self.total = max(self.total - 1, 0)
        self._show_title()
        self.status.say(Text.assemble("deleted ", (f"“{entry_title(entry)}”", "bold")))

    def action_toggle_read(self) -> None:
        entry = self.library_list.entry()
        if entry is not None:
            self._set_read(self.library_list.cursor, entry, not entry.read)

    @work(group="edit")
    async def _set_read(self, index: int, entry: Entry, read: bool) -> None:
        try:
            await self.keeper.write(lambda library: library.set_read(entry.id, read))
        except BylineError as error:
            self.status.say(error.message, style="bold")
            return
        self._replace(index, dataclasses.replace(entry, read=read))
        self.status.say("marked read" if read else "marked unread")

    def _replace(self, index: int, entry: Entry) -> None:
        current = self.library_list.entry(index)
        if current is not None and current.id == entry.id:
            self.library_list.replace_entry(index, entry)

    def action_reload(self) -> None:
        entry = self.library_list.entry()
        if entry is not None:
            self._refresh(self.library_list.cursor, entry)

    @work(group="refresh")
    async def _refresh(self, index: int, entry: Entry) -> None:
        """Fetch the article again, find its entities and store it: all in the background."""
        from byline.tui import loading
        from byline.tui.data.through import store_opened

        name = entry_title(entry)
        self.status.say(Text.assemble("refreshing ", (name, "bold"), "…"))
        library = await self.app.library()
        request = Request(entry.reopen_source, entry_id=entry.id, refresh=True)
        settings = self.app.settings
        try:
            opened = await loading.open_request(request, library, settings, lambda _message: None)
            if not opened.annotated:
                article = await asyncio.to_thread(loading.annotate, opened.article, ner=settings.ner)
                opened = dataclasses.replace(opened, article=article, annotated=True)
            await self.keeper.write(lambda library: store_opened(library, opened, settings, read=False))
            updated = await asyncio.to_thread(library.get, entry.id) if library else None
        except BylineError as error:
            self.status.say(Text.assemble("could not refresh ", (name, "bold"), f": {error.message}"), style="")
            return
        if updated is not None:
            self._replace(index, updated)
        if opened.notes:
            self.status.say(Text.assemble("kept the stored copy of ", (name, "bold"), ": ", opened.notes[0]))
        else:
            self.status.say(Text.assemble("refreshed ", (entry_title(updated or entry), "bold")))
