from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fixture_articles import FERRY_ENTITIES, annotate_by_hand
from reader_helpers import FERRY

from extract import Article
from tui import loading
from tui.application import BylineApp
from tui.config import Settings
from tui.data.recent import RecentFile
from tui.loading import Request



def hand_annotate(article: Article, *, ner: str = "rules") -> Article:
    """Stands in for extract.annotate: the fixture's entities and quotes."""
    if "Westway Ferries" in article.text:
        return annotate_by_hand(article, FERRY_ENTITIES, ["Dana Whitlock", "Westway Ferries", None])
    return article


@pytest.fixture(autouse=True)
def hand_annotations(monkeypatch):
    """The app's panes are tested apart from the NLP: annotation is by hand."""
    monkeypatch.setattr(loading, "annotate", hand_annotate)


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., BylineApp]:
    def make(source: str | Path | None = FERRY, *, settings: Settings | None = None, raw=None) -> BylineApp:
        request = Request(str(source), raw) if source is not None else None
        return BylineApp(settings or Settings(), request, recent=RecentFile(tmp_path / "recent.json"))

    return make
