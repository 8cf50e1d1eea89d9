"""What the library screen changes in the library: delete an article, mark it
read or unread, fetch it again (finding its entities and storing it, all in the
background). Writes go through the app's ``LibraryKeeper``, in order; each
method says how it went on the status line and returns what the list shows.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from rich.text import Text

from byline.extract import BylineError
from byline.tui.screens.reader.loading import Request, open_request
from byline.tui.threads import in_thread
from byline.tui.widgets.library_list import entry_title
from byline.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from byline.tui.app.keeper import LibraryKeeper
    from byline.tui.data.records import Entry
    from byline.tui.opener import Opener


class LibraryEdits:
    """Delete, read/unread and refresh, for the library screen."""

    def __init__(self, keeper: LibraryKeeper, status: StatusLine) -> None:
        self.keeper = keeper
        self.status = status

    async def delete(self, entry: Entry) -> bool:
        """Delete ``entry``; whether it was."""
        try:
            await self.keeper.write(lambda library: library.remove([entry.id]))
        except BylineError as error:
            self.status.say(f"not deleted: {error.message}", style="bold")
            return False
        self.status.say(Text.assemble("deleted ", (f"“{entry_title(entry)}”", "bold")))
        return True

    async def set_read(self, entry: Entry, read: bool) -> Entry | None:
        """Mark ``entry`` read or unread; the entry as it is now (None: not changed)."""
        try:
            await self.keeper.write(lambda library: library.set_read(entry.id, read))
        except BylineError as error:
            self.status.say(error.message, style="bold")
            return None
        self.status.say("marked read" if read else "marked unread")
        return dataclasses.replace(entry, read=read)

    async def refresh(self, entry: Entry, opener: Opener) -> Entry | None:
        """Fetch ``entry`` again, find its entities and store it (unread stays
        unread); the entry as it is now (None: not changed)."""
        name = entry_title(entry)
        self.status.say(Text.assemble("refreshing ", (name, "bold"), "…"))
        request = Request(entry.reopen_source, entry_id=entry.id, refresh=True)
        try:
            opened = await open_request(request, opener, lambda _message: None)
            opened = await in_thread(opener.annotated, opened)
            await self.keeper.write(lambda _library: opener.store(opened, read=False))
            updated = await in_thread(opener.library.get, entry.id) if opener.library else None
        except BylineError as error:
            self.status.say(Text.assemble("could not refresh ", (name, "bold"), f": {error.message}"), style="")
            return None
        if opened.notes:
            self.status.say(Text.assemble("kept the stored copy of ", (name, "bold"), ": ", opened.notes[0]))
        else:
            self.status.say(Text.assemble("refreshed ", (entry_title(updated or entry), "bold")))
        return updated
