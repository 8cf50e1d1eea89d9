"""Recently opened articles, for the start screen.

A small JSON list in the user data directory. It is the interface the reading
library (a SQLite store) will later implement: ``entries()`` and
``record_open()``; nothing else in the app knows how they are kept.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

MAX_ENTRIES = 50


@dataclass(slots=True, frozen=True)
class RecentEntry:
    source: str
    title: str | None
    opened_at: float


class RecentArticles(Protocol):
    """What the app needs from a history of opened articles."""

    def entries(self, limit: int = 20) -> list[RecentEntry]: ...

    def record_open(self, source: str, title: str | None) -> None: ...


def default_path() -> Path:
    """Beside the library, in byline's data directory (``BYLINE_DATA_DIR`` moves both)."""
    from tui.data.paths import data_dir

    return data_dir() / "recent.json"


def reopenable(source: str) -> str | None:
    """The form of ``source`` worth remembering: URLs as given, paths made
    absolute; stdin cannot be reopened."""
    if source == "-" or not source.strip():
        return None
    if "://" in source:
        return source
    return str(Path(source).expanduser().resolve())


class RecentFile:
    """Recent articles kept in a JSON file; a missing or damaged file is an empty list."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()

    def entries(self, limit: int = 20) -> list[RecentEntry]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        entries = []
        for item in data if isinstance(data, list) else []:
            if isinstance(item, dict) and isinstance(item.get("source"), str):
                title = item.get("title")
                opened = item.get("opened_at")
                entries.append(
                    RecentEntry(
                        item["source"],
                        title if isinstance(title, str) else None,
                        float(opened) if isinstance(opened, (int, float)) else 0.0,
                    )
                )
        return entries[:limit]

    def record_open(self, source: str, title: str | None) -> None:
        """Put ``source`` first; best effort (a read-only home is not an error)."""
        kept = reopenable(source)
        if kept is None:
            return
        entries = [e for e in self.entries(MAX_ENTRIES) if e.source != kept]
        entries.insert(0, RecentEntry(kept, title, time.time()))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".recent-")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump([asdict(e) for e in entries[:MAX_ENTRIES]], out, ensure_ascii=False, indent=1)
            os.replace(temporary, self.path)
        except OSError:
            return
