"""Where the reader names an article: a field for a URL or a path, whose
local paths complete as you type."""

from __future__ import annotations

import os
from pathlib import Path

from textual.suggester import Suggester
from byline.tui.widgets.plain_input import PlainInput

MAX_SUGGESTED_ENTRIES = 2000


class PathSuggester(Suggester):
    """Completes a local path: the first entry of its directory that starts
    with what has been typed (directories get a trailing slash)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        #: The last value completed, and its completion.
        self.last: tuple[str, str | None] = ("", None)

    def completion_for(self, value: str) -> str | None:
        """The completion shown for ``value``, if it was the last one asked for."""
        asked, completion = self.last
        return completion if asked == value else None

    async def get_suggestion(self, value: str) -> str | None:
        completion = self._complete(value)
        self.last = (value, completion)
        return completion

    def _complete(self, value: str) -> str | None:
        if not value or "://" in value or value == "-":
            return None
        expanded = os.path.expanduser(value)
        directory, _, prefix = expanded.rpartition("/")
        folder = Path(directory or ".") if directory or not expanded.startswith("/") else Path("/")
        try:
            with os.scandir(folder) as entries:
                names = []
                for count, entry in enumerate(entries):
                    if count > MAX_SUGGESTED_ENTRIES:
                        break
                    if entry.name.startswith(prefix) and (prefix.startswith(".") or not entry.name.startswith(".")):
                        names.append(entry.name + ("/" if entry.is_dir() else ""))
        except OSError:
            return None
        if not names:
            return None
        completion = sorted(names)[0]
        return value[: len(value) - len(prefix)] + completion


class SourceInput(PlainInput):
    """A one-line field for a URL or a path; Tab accepts the path completion shown."""

    def __init__(self, *, id: str | None = None) -> None:
        self.paths = PathSuggester()
        super().__init__(
            placeholder="a URL, or a path to a saved page (Tab completes paths)",
            suggester=self.paths,
            compact=True,
            id=id,
        )

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        # Textual runs Input's own handler after this one unless told not to.
        completion = self.paths.completion_for(self.value)
        if event.key == "tab" and completion and self.cursor_at_end:
            self.value = completion
            self.cursor_position = len(self.value)
            event.prevent_default()
            event.stop()
