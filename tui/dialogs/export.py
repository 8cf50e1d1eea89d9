"""``e``: where to write the article as Markdown. The field starts with a
file name that does not exist yet; a name that does is confirmed first."""

from __future__ import annotations

from textual.binding import Binding

from byline.tui.dialogs.one_line import OneLineDialog
from byline.tui.widgets.plain_input import PlainInput


class ExportDialog(OneLineDialog):
    """Returns the path typed (as typed), or None when dismissed."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="export_cancel")]

    PROMPT = "Export as Markdown (with a front-matter header) to:"
    HINT = "Enter writes · Esc cancels"
    PLACEHOLDER = "file name"
    FIELD_ID = "export-path"

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def field(self) -> PlainInput:
        return PlainInput(self.default, placeholder=self.PLACEHOLDER, id=self.FIELD_ID, select_on_focus=False)
