"""User settings: one object, built once at start-up and passed down.

The defaults live here. Reading them from the optional TOML file in the user
config directory is the library/config work's to add; nothing reads settings
from a global.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.load import DEFAULT_USER_AGENT, FetchOptions


@dataclass(slots=True, frozen=True)
class Settings:
    """Everything a user can configure."""

    #: Textual theme name; "ansi" themes use the terminal's own colours.
    theme: str | None = None
    #: Smooth scrolling is slow over SSH: off unless asked for.
    animations: bool = False
    #: Reading measure of the article pane, in columns.
    reading_width: int = 80
    #: Entity engine: "rules" (default, always installed) or "spacy".
    ner: str = "rules"
    user_agent: str = DEFAULT_USER_AGENT
    timeout: float = 30.0
    connect_timeout: float = 10.0
    max_bytes: int = 10 * 1024 * 1024
    #: Library size limit in megabytes (0: no limit).
    library_max_mb: int = 0
    #: A Netscape-format cookies file for sites the user subscribes to.
    cookies_file: str | None = None
    #: Key overrides: action name -> key(s), e.g. {"quit": "ctrl+q"}.
    keys: dict[str, str] = field(default_factory=dict)

    def fetch_options(self) -> FetchOptions:
        return FetchOptions(
            timeout=self.timeout,
            connect_timeout=self.connect_timeout,
            max_bytes=self.max_bytes,
            user_agent=self.user_agent,
        )
