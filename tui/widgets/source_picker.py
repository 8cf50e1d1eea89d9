"""Where the reader names an article: an input for a URL or a path (local
paths complete as you type) above the recently opened articles."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from extract.sanitize import clean_inline
from tui.data.recent import RecentEntry
from tui.widgets.plain_input import PlainInput

MAX_SUGGESTED_ENTRIES = 2000


class PathSuggester(Suggester):
    """Completes a local path: the first entry of its directory that starts
    with what has been typed (directories get a trailing slash)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
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


class SourcePicker(Vertical):
    """The input and the recent list; posts ``Picked`` with the chosen source."""

    DEFAULT_CSS = """
    SourcePicker {
        height: auto;
        max-height: 100%;
    }
    SourcePicker > Input {
        margin-bottom: 1;
    }
    SourcePicker > OptionList {
        height: auto;
        max-height: 1fr;
    }
    """

    BINDINGS = [Binding("down", "focus_recent", "Recent", show=False)]

    @dataclass
    class Picked(Message):
        source: str

    def __init__(self, recent: list[RecentEntry], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.recent = recent

    def compose(self) -> ComposeResult:
        yield PlainInput(
            placeholder="URL or path to an article (Tab completes paths)", suggester=PathSuggester(), id="source-input"
        )
        if self.recent:
            yield Label(Text("Recently opened", style="bold"))
            yield OptionList(*[Option(_recent_prompt(entry)) for entry in self.recent], id="recent")
        else:
            yield Label(Text("Nothing opened yet. Try a saved page: examples/harbour-bridge.html", style="italic"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        source = event.value.strip()
        if source:
            self.post_message(self.Picked(source))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Picked(self.recent[event.option_index].source))

    def action_focus_recent(self) -> None:
        if self.recent:
            self.query_one("#recent", OptionList).focus()

    def on_key(self, event) -> None:  # type: ignore[no-untyped-def]
        # Tab accepts a path completion when the input shows one.
        if event.key == "tab":
            field = self.query_one("#source-input", Input)
            if field.has_focus and field._suggestion and field.cursor_at_end:
                field.value = field._suggestion
                field.cursor_position = len(field.value)
                event.prevent_default()
                event.stop()


def _recent_prompt(entry: RecentEntry) -> Text:
    # A remembered path may hold terminal controls (it is what the user typed),
    # and the history file is not ours alone: both are shown as inert text.
    title, source = clean_inline(entry.title or ""), clean_inline(entry.source)
    prompt = Text(title or source, style="bold" if title else "")
    if title:
        prompt.append("\n")
        prompt.append(source, style="dim")
    return prompt
