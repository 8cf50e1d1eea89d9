"""Export: Markdown with a front-matter header, or JSON, written whole."""

from __future__ import annotations

import json

import pytest

from byline.extract import Article, Block, Entity, Link, Quote, extract_html
from byline.tui.cli.main import main
from byline.tui.formats.export import ExportError, export_text, to_markdown, write_export

TEXT = (
    "Council closes the bridge\n\n"
    "“We reopen in spring,” said Mara Voss of the *Harbour* Trust.\n\n"
    "1. This paragraph only looks like a list; <b>it</b> is not.\n\n"
    "Roadworks timetable"
)


def article() -> Article:
    blocks = []
    offset = 0
    for kind, part in zip(("heading", "paragraph", "paragraph", "caption"), TEXT.split("\n\n"), strict=True):
        blocks.append(Block(kind, offset, offset + len(part), 2 if kind == "heading" else 0))
        offset += len(part) + 2
    voss = TEXT.index("Mara Voss")
    trust = TEXT.index("*Harbour* Trust")
    return Article(
        text=TEXT,
        blocks=tuple(blocks),
        title='Bridge "closure" explained',
        authors=("Priya Natarajan", "Tom Aldridge"),
        published="2025-03-14",
        site="The Coastal Courier",
        language="en",
        url="https://courier.example/bridge",
        links=(Link("*Harbour* Trust", "https://trust.example/about us", trust, trust + 15),),
        entities=(
            Entity("Mara Voss", "PERSON", ("Mara Voss", "Voss"), ((voss, voss + 9), (voss + 5, voss + 9))),
            Entity("Harbour Trust", "ORG", (), ((trust, trust + 15),)),
        ),
        quotes=(Quote("We reopen in spring,", "Mara Voss", 1, 21, "said"),),
    )


def test_markdown_starts_with_front_matter_listing_authors_date_entities_and_quotes():
    markdown = to_markdown(article())
    header = markdown.split("\n---\n", 1)[0]
    assert header.splitlines() == [
        "---",
        'title: "Bridge \\"closure\\" explained"',
        'authors: ["Priya Natarajan", "Tom Aldridge"]',
        'published: "2025-03-14"',
        'site: "The Coastal Courier"',
        'url: "https://courier.example/bridge"',
        'language: "en"',
        f"words: {article().words}",
        "entities:",
        '  - name: "Mara Voss"',
        '    type: "PERSON"',
        "    mentions: 2",
        '    aliases: ["Voss"]',
        '  - name: "Harbour Trust"',
        '    type: "ORG"',
        "    mentions: 1",
        "quotes:",
        '  - speaker: "Mara Voss"',
        '    text: "We reopen in spring,"',
        'exported_by: "byline 0.1.0"',
    ]


def test_markdown_body_keeps_structure_and_links_and_escapes_the_rest():
    body = to_markdown(article()).split("\n---\n", 1)[1]
    assert body.lstrip("\n").startswith('# Bridge "closure" explained\n\n## Council closes the bridge\n\n')
    assert "[\\*Harbour\\* Trust](<https://trust.example/about%20us>)" in body
    assert "1\\. This paragraph only looks like a list; \\<b\\>it\\</b\\> is not." in body
    assert body.endswith("*Roadworks timetable*\n")


def test_json_export_is_the_article_json():
    assert json.loads(export_text(article(), "json")) == article().to_dict()


def test_an_article_with_nothing_known_still_exports():
    markdown = to_markdown(Article(text="Just one line.", blocks=(Block("paragraph", 0, 14),)))
    assert "title: null" in markdown and "entities: []" in markdown and "quotes: []" in markdown
    assert markdown.endswith("---\n\nJust one line.\n")


def test_writing_an_export_replaces_the_file_whole(tmp_path):
    target = tmp_path / "out.md"
    target.write_text("old")
    write_export("new content\n", str(target))
    assert target.read_text() == "new content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_an_unwritable_export_is_a_one_line_error(tmp_path):
    with pytest.raises(ExportError, match="cannot write"):
        write_export("x", str(tmp_path / "no-such-dir" / "out.md"))
    with pytest.raises(ExportError, match="is a directory"):
        write_export("x", str(tmp_path))


def test_cli_export_markdown_to_a_file(tmp_path, fixture_path, capsys):
    out = tmp_path / "orchard.md"
    status = main(["--export", "md", str(fixture_path("library-orchard.html")), "-o", str(out)])
    assert status == 0
    assert capsys.readouterr().out == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: \"Volunteers plant a hundred apple trees on old rail land\"\n")
    assert 'authors: ["Tomasz Wierzbicki"]' in text
    assert "[county's published agreement](<https://example.org/county/orchard-lease>)" in text
    assert "Advertisement" not in text


def test_cli_export_json_to_stdout(fixture_path, capsys):
    source = str(fixture_path("library-orchard.html"))
    assert main(["--export", "json", source]) == 0
    exported = json.loads(capsys.readouterr().out)
    expected = extract_html(fixture_path("library-orchard.html").read_bytes()).to_dict()
    assert exported["text"] == expected["text"] and exported["source"] == source


def test_output_without_export_is_a_usage_error(fixture_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--dump", str(fixture_path("harbour.html")), "-o", "x.md"])
    assert exit_.value.code == 2
    assert "-o/--output goes with --export" in capsys.readouterr().err
