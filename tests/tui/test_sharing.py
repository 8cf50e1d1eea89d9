"""Taking text out of the reader: ``e`` exports Markdown (never over a file
silently), ``c`` copies a quote or paragraph with its citation, ``y`` a link —
as OSC 52 sequences written to the terminal, wrapped for tmux inside tmux."""

from __future__ import annotations

import base64
import re

from reader_helpers import loaded, visible_text, wait_until

OSC52 = re.compile(r"\x1b]52;c;([A-Za-z0-9+/=]*)\x07")


def capture_terminal(app) -> list[str]:
    """What the app writes to the terminal through its driver (OSC 52 copies)."""
    written: list[str] = []
    app._driver.write = written.append
    return written


def copied(written: list[str]) -> list[str]:
    return [base64.b64decode(m.group(1)).decode("utf-8") for data in written for m in OSC52.finditer(data)]


async def test_e_writes_markdown_with_front_matter_to_a_new_file_here(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ExportDialog")
        field = app.screen.query_one("#export-path")
        assert field.value == "island-ferry-crews-vote-to-strike-over-rota-changes.md"
        await pilot.press("enter")
        path = tmp_path / field.value
        await wait_until(pilot, lambda: path.exists())
        await wait_until(pilot, lambda: "exported to" in app.screen.status.message.plain)
    markdown = path.read_text(encoding="utf-8")
    assert markdown.startswith("---\ntitle: \"Island ferry crews vote to strike over rota changes\"")
    assert '  - name: "Dana Whitlock"' in markdown and "quotes:" in markdown
    assert "\n# Island ferry crews vote to strike over rota changes\n" in markdown


async def test_export_never_overwrites_a_file_without_a_yes(make_app, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.md").write_text("my own notes\n")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ExportDialog")
        field = app.screen.query_one("#export-path")
        field.value = "notes.md"
        await pilot.press("enter")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        assert "notes.md exists" in str(app.screen.question)
        await pilot.press("n")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ExportDialog")
        assert app.screen.query_one("#export-path").value == "notes.md", "asked again, with the name kept"
        await pilot.press("escape")
        await pilot.pause()
        assert (tmp_path / "notes.md").read_text() == "my own notes\n"
        await pilot.press("e")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ExportDialog")
        app.screen.query_one("#export-path").value = "notes.md"
        await pilot.press("enter")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        await pilot.press("y")
        await wait_until(pilot, lambda: (tmp_path / "notes.md").read_text().startswith("---\n"))


async def test_c_copies_the_paragraph_at_the_top_with_its_source(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        written = capture_terminal(app)
        view = app.screen.view
        view.scroll_to_offset(view.article.text.index("Crews on the ferries"))
        await pilot.pause()
        assert visible_text(view)[0].startswith("Crews on the ferries")
        await pilot.press("j", "c")  # the top line is now inside the paragraph
        (text,) = copied(written)
        paragraph, citation = text.split("\n\n— ")
        assert paragraph.startswith("Crews on the ferries linking Carrick Quay") and paragraph.endswith(".")
        assert citation.startswith("“Island ferry crews vote to strike over rota changes”, by Owen Tremayne")
        assert "copied the paragraph at the top" in app.screen.status.message.plain
        assert app.clipboard == text


async def test_c_copies_the_chosen_quote_with_its_speaker(make_app):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        written = capture_terminal(app)
        screen = app.screen
        screen.show_tab("quotes")
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: screen.finder.quote is not None)
        await pilot.press("shift+tab", "c")
        (text,) = copied(written)
        assert text.startswith("“Nobody wants to leave islanders without a boat")
        assert "\n— Dana Whitlock, in “Island ferry crews vote to strike over rota changes”" in text


async def test_inside_tmux_the_copy_is_wrapped_for_passthrough(make_app, monkeypatch):
    monkeypatch.setenv("TMUX", "/tmp/tmux-1000/default,4242,0")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        written = capture_terminal(app)
        await pilot.press("c")
    (sequence,) = [data for data in written if "52;" in data]
    assert sequence.startswith("\x1bPtmux;\x1b\x1b]52;c;") and sequence.endswith("\x07\x1b\\")
    payload = sequence[len("\x1bPtmux;\x1b\x1b]52;c;") : -len("\x07\x1b\\")]
    assert "\n\n— “Island ferry crews vote to strike over rota changes”" in base64.b64decode(payload).decode()


async def test_y_copies_the_link_nearest_the_top_and_y_in_the_links_dialog(make_app, web):
    from fixture_articles import FIXTURES

    web.pages["/ferry"] = (FIXTURES / "ferry-strike.html").read_text(encoding="utf-8")
    app = make_app(f"{web.url}/ferry")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        written = capture_terminal(app)
        await pilot.press("y")
        assert copied(written) == ["https://example.com/timetables/winter"]
        assert "copied link [1]: https://example.com/timetables/winter" in app.screen.status.message.plain
        await pilot.press("f")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "LinksDialog")
        await pilot.press("2", "y")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ReaderScreen")
        assert copied(written)[-1] == f"{web.url}/news/ferry-talks-letter", "relative links are made absolute"
