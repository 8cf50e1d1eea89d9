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


async def test_c_copies_the_first_whole_paragraph_on_screen_with_its_source(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        written = capture_terminal(app)
        view = app.screen.view
        view.scroll_to_offset(view.article.text.index("Crews on the ferries"))
        await pilot.pause()
        assert visible_text(view)[0].startswith("Crews on the ferries")
        await pilot.press("c")
        (text,) = copied(written)
        paragraph, citation = text.split("\n\n— ")
        assert paragraph.startswith("Crews on the ferries linking Carrick Quay") and paragraph.endswith(".")
        assert citation.startswith("“Island ferry crews vote to strike over rota changes”, by Owen Tremayne")
        assert "copied “Crews on the ferries linking" in app.screen.status.message.plain
        assert app.clipboard == text
        # One line down only the paragraph's tail is at the top: c takes the next paragraph, whole.
        await pilot.press("j", "c")
        paragraph, _ = copied(written)[-1].split("\n\n— ")
        assert paragraph.startswith("The union said 84 per cent of members")
        await pilot.press("j")
        assert app.screen.status.message.plain == "", "the message goes once the reader scrolls on"


async def test_c_copies_the_chosen_quote_with_its_speaker(make_app):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await loaded(pilot)
        written = capture_terminal(app)
        screen = app.screen
        screen.show_tab("quotes")
        await pilot.press("enter")
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
    (sequences,) = [data for data in written if "52;" in data]
    plain, wrapped = sequences.split("\x07", 1)
    assert plain.startswith("\x1b]52;c;"), "plain, for tmux's set-clipboard on"
    assert wrapped.startswith("\x1bPtmux;\x1b\x1b]52;c;") and wrapped.endswith("\x07\x1b\\"), "and for passthrough"
    payload = wrapped[len("\x1bPtmux;\x1b\x1b]52;c;") : -len("\x07\x1b\\")]
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


async def test_m_over_ssh_says_there_is_no_browser_here_and_offers_the_link(make_app, web, monkeypatch):
    from fixture_articles import FIXTURES

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    web.pages["/ferry"] = (FIXTURES / "ferry-strike.html").read_text(encoding="utf-8")
    app = make_app(f"{web.url}/ferry")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        written = capture_terminal(app)
        await pilot.press("M")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        question = app.screen.query_one("#question").render()
        assert "over SSH" in str(question) and f"{web.url}/ferry" in str(question)
        await pilot.press("y")
        await wait_until(pilot, lambda: copied(written) == [f"{web.url}/ferry"])
        # In the f list, o does the same for a link.
        await pilot.press("f")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "LinksDialog")
        await pilot.press("1", "o")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        assert "https://example.com/timetables/winter" in str(app.screen.query_one("#question").render())


async def test_m_with_a_desktop_opens_the_browser_and_a_terminal_browser_runs_here(make_app, monkeypatch):
    import contextlib
    import subprocess
    import webbrowser

    from reader_helpers import FERRY

    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    monkeypatch.delenv("SSH_TTY", raising=False)
    monkeypatch.delenv("BROWSER", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    opened, ran = [], []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    monkeypatch.setattr(subprocess, "run", lambda argv, **k: ran.append(argv) or subprocess.CompletedProcess(argv, 0))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("M")
        await wait_until(pilot, lambda: opened)
        assert opened == [FERRY.resolve().as_uri()], "a saved page opens as the file it was read from"
        await wait_until(pilot, lambda: app.screen.status.message.plain.startswith("opened in your browser"))
        monkeypatch.setenv("BROWSER", "w3m")
        app.suspend = contextlib.nullcontext  # the test's terminal cannot be handed over
        await pilot.press("M")
        await wait_until(pilot, lambda: ran)
        assert ran == [["w3m", FERRY.resolve().as_uri()]], "w3m runs in this terminal, byline waiting"
