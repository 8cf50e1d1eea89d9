"""The Article contract: the one value the app, the CLI and other tools consume.

All offsets (``Block.start``, ``Link.start``, ``Entity.mentions``, ``Quote.start``,
``Removed.at``) are character offsets into ``Article.text``: every kept block,
captions included and the title not, joined by one blank line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from byline.extract.sanitize import mask_controls
from byline.extract.words import WORD_WITH_APOSTROPHES

#: The separator between blocks in ``Article.text``.
BLOCK_SEPARATOR = "\n\n"

#: Block kinds, in the order a reader meets them least to most often.
BLOCK_KINDS = ("heading", "paragraph", "quote", "list", "caption", "pre")

ENTITY_TYPES = ("PERSON", "ORG", "PLACE")

_WORD = WORD_WITH_APOSTROPHES


@dataclass(slots=True, frozen=True)
class Block:
    """One block of the clean text: a heading, paragraph, block quote, list item,
    image caption or preformatted text. ``level`` is a heading's level (1–6)."""

    kind: str
    start: int
    end: int
    level: int = 0

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "start": self.start, "end": self.end}
        if self.kind == "heading":
            data["level"] = self.level
        return data


@dataclass(slots=True, frozen=True)
class Removed:
    """A block the boilerplate stage cut, why, and where it stood in the text."""

    text: str
    reason: str
    at: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason, "at": self.at}


@dataclass(slots=True, frozen=True)
class Link:
    """A hyperlink inside a kept block; ``text[start:end]`` is its anchor text."""

    text: str
    url: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "url": self.url, "start": self.start, "end": self.end}


@dataclass(slots=True, frozen=True)
class Entity:
    """A real-world person, organisation or place, with every surface form the
    article uses and the offsets of each mention."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "mentions": [[start, end] for start, end in self.mentions],
        }


@dataclass(slots=True, frozen=True)
class Quote:
    """Direct speech: ``text`` is ``Article.text[start:end]``, without its
    quotation marks; ``speaker`` is an entity's name or None."""

    text: str
    speaker: str | None
    start: int
    end: int
    cue: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "start": self.start,
            "end": self.end,
            "cue": self.cue,
        }


@dataclass(slots=True, frozen=True)
class Article:
    """A clean article. Build one with ``extract_html``, ``extract_text`` or ``load``."""

    text: str
    blocks: tuple[Block, ...] = ()
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    site: str | None = None
    language: str | None = None
    source: str | None = None
    url: str | None = None
    removed: tuple[Removed, ...] = ()
    links: tuple[Link, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    #: Notes on what the extractor could not do (text lost to malformed markup…).
    warnings: tuple[str, ...] = field(default=())

    @property
    def body(self) -> str:
        """The text without image captions: what extraction benchmarks score."""
        return BLOCK_SEPARATOR.join(
            self.text[block.start : block.end] for block in self.blocks if block.kind != "caption"
        )

    @property
    def words(self) -> int:
        """Number of words in the body."""
        # Counted, not listed: a list of every word of a 5 MB page is 50 MB.
        return len(_WORD.findall(self.body))

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape (see README, "JSON output")."""
        return {
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "site": self.site,
            "language": self.language,
            "words": self.words,
            "text": self.text,
            "blocks": [block.to_dict() for block in self.blocks],
            "removed": [removed.to_dict() for removed in self.removed],
            "links": [link.to_dict() for link in self.links],
            "entities": [entity.to_dict() for entity in self.entities],
            "quotes": [quote.to_dict() for quote in self.quotes],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an Article from ``to_dict()`` output (as stored by the library).

        The dict may come from a file someone else wrote (a tampered library):
        its strings get the promise extraction gives, no terminal controls,
        each control replaced one for one so that every offset still holds."""
        return cls(
            text=_mask(data["text"]),
            blocks=tuple(
                Block(b["kind"], b["start"], b["end"], b.get("level", 0)) for b in data.get("blocks", ())
            ),
            title=_mask(data.get("title")),
            authors=tuple(_mask(a) for a in data.get("authors") or ()),
            published=_mask(data.get("published")),
            site=_mask(data.get("site")),
            language=_mask(data.get("language")),
            source=data.get("source"),
            url=_mask(data.get("url")),
            removed=tuple(Removed(_mask(r["text"]), _mask(r["reason"]), r["at"]) for r in data.get("removed", ())),
            links=tuple(Link(_mask(l["text"]), _mask(l["url"]), l["start"], l["end"]) for l in data.get("links", ())),
            entities=tuple(
                Entity(
                    _mask(e["name"]),
                    _mask(e["type"]),
                    tuple(_mask(a) for a in e.get("aliases", ())),
                    tuple(tuple(m) for m in e.get("mentions", ())),
                )
                for e in data.get("entities", ())
            ),
            quotes=tuple(
                Quote(_mask(q["text"]), _mask(q.get("speaker")), q["start"], q["end"], _mask(q.get("cue")))
                for q in data.get("quotes", ())
            ),
            warnings=tuple(_mask(w) for w in data.get("warnings") or ()),
        )


def _mask(value: Any) -> Any:
    """A stored string without terminal controls (offsets kept); anything else as it is."""
    return mask_controls(value) if isinstance(value, str) else value
