"""``byline --json`` prints the documented shape: every key, its type, whether
it may be null — written down once here as a typed table, and kept equal to
the README's "JSON output" table."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from byline.extract import Article, extract_html, extract_text
from byline.extract.article import BLOCK_KINDS

ROOT = Path(__file__).resolve().parent.parent
BYLINE = Path(sys.executable).with_name("byline")

# Item shapes: key -> (type, nullable). "int", "str", "[str]" (list of str), "[[int, int]]".
BLOCK = {"kind": ("str", False), "start": ("int", False), "end": ("int", False)}
REMOVED = {"text": ("str", False), "reason": ("str", False), "at": ("int", False)}
LINK = {"text": ("str", False), "url": ("str", False), "start": ("int", False), "end": ("int", False)}
ENTITY = {"name": ("str", False), "type": ("str", False), "aliases": ("[str]", False), "mentions": ("[[int, int]]", False)}
QUOTE = {"text": ("str", False), "speaker": ("str", True), "start": ("int", False), "end": ("int", False), "cue": ("str", True)}

#: The top-level shape: key -> (type, nullable, the README's wording of the type).
SHAPE: dict[str, tuple[Any, bool, str]] = {
    "source": ("str", True, "string"),
    "url": ("str", True, "string"),
    "title": ("str", True, "string"),
    "authors": ("[str]", False, "array of string"),
    "published": ("str", True, "string"),
    "site": ("str", True, "string"),
    "language": ("str", True, "string"),
    "words": ("int", False, "integer"),
    "text": ("str", False, "string"),
    "blocks": ([BLOCK], False, "array of `{kind, start, end}` (+ `level` for headings)"),
    "removed": ([REMOVED], False, "array of `{text, reason, at}`"),
    "links": ([LINK], False, "array of `{text, url, start, end}`"),
    "entities": ([ENTITY], False, "array of `{name, type, aliases, mentions}`"),
    "quotes": ([QUOTE], False, "array of `{text, speaker, start, end, cue}`"),
    "warnings": ("[str]", False, "array of string"),
}


def check(value: Any, kind: Any, nullable: bool, where: str) -> None:
    if value is None:
        assert nullable, f"{where} is null"
        return
    if kind == "str":
        assert isinstance(value, str), where
    elif kind == "int":
        assert isinstance(value, int) and not isinstance(value, bool), where
    elif kind == "[str]":
        assert isinstance(value, list) and all(isinstance(v, str) for v in value), where
    elif kind == "[[int, int]]":
        assert isinstance(value, list), where
        for pair in value:
            assert isinstance(pair, list) and len(pair) == 2 and all(isinstance(v, int) for v in pair), where
    elif isinstance(kind, list):
        (item_shape,) = kind
        assert isinstance(value, list), where
        for number, item in enumerate(value):
            check_object(item, item_shape, f"{where}[{number}]")
    else:  # pragma: no cover - a typo in the table above
        raise AssertionError(f"unknown type {kind!r}")


def check_object(data: dict, shape: dict, where: str) -> None:
    assert isinstance(data, dict), where
    extra = set(data) - set(shape)
    if ".blocks[" in where and data.get("kind") == "heading":
        extra -= {"level"}
        assert isinstance(data.get("level"), int), f"{where}.level"
    assert not extra, f"{where} has undocumented keys {extra}"
    for key, spec in shape.items():
        assert key in data, f"{where}.{key} is missing"
        check(data[key], spec[0], spec[1], f"{where}.{key}")


def check_offsets(data: dict) -> None:
    text = data["text"]
    for block in data["blocks"]:
        assert block["kind"] in BLOCK_KINDS
        assert 0 <= block["start"] < block["end"] <= len(text)
    for removed in data["removed"]:
        assert 0 <= removed["at"] <= len(text)
    for link in data["links"]:
        assert text[link["start"] : link["end"]] == link["text"]
    for quote in data["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
    for entity in data["entities"]:
        for start, end in entity["mentions"]:
            assert 0 <= start < end <= len(text)


SOURCES = [
    ROOT / "examples" / "harbour-bridge.html",
    ROOT / "examples" / "river-levee-vote.txt",
    ROOT / "examples" / "strassenbahn-lindenau.html",
    ROOT / "tests" / "fixtures" / "wire-story.html",
    ROOT / "tests" / "fixtures" / "lede-first.txt",
]


@pytest.mark.skipif(not BYLINE.exists(), reason="the console script is not installed in this environment")
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_json_output_has_the_documented_shape(source):
    result = subprocess.run([str(BYLINE), "--json", str(source)], capture_output=True, text=True, timeout=60)

    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == list(SHAPE), "keys, in the documented order"
    check_object(data, {key: (kind, nullable) for key, (kind, nullable, _) in SHAPE.items()}, "article")
    check_offsets(data)


def test_to_dict_round_trips_for_html_and_text(read_fixture):
    for article in (extract_html(read_fixture("wire-story.html")), extract_text(read_fixture("ferry-strike.txt"))):
        assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article


def test_readme_table_matches_the_shape():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## JSON output", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| (.+?) \| (yes|no) \|", section, flags=re.M)

    documented = {key: (kind.strip(), nullable == "yes") for key, kind, nullable in rows}
    assert documented == {key: (wording, nullable) for key, (_, nullable, wording) in SHAPE.items()}


def test_every_removal_reason_is_documented_in_the_readme(read_fixture):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z ]+)`", readme.split("`removed[].reason` is one of:", 1)[1].split("\n\n", 1)[0]))
    from byline.extract.furniture import REASONS

    articles = [extract_html(read_fixture(name)) for name in ("harbour.html", "wire-story.html")]
    articles += [extract_text(read_fixture("ferry-strike.txt"))]
    produced = {r.reason for article in articles for r in article.removed}

    assert set(REASONS) <= documented
    assert produced <= documented
