"""Keys, the help screen, the command palette, themes and settings."""

from __future__ import annotations

from reader_helpers import loaded, wait_until
from textual.command import CommandList

from byline.tui.config import Settings
from byline.tui.screens.reader.screen import ReaderScreen


def bound_keys(app) -> dict[str, str]:
    """description -> keys, from the same table the help screen and palette use."""
    from byline.tui.app.commands import command_table

    return {c.description: ", ".join(c.keys) for c in command_table(app.screen.command_nodes())}


async def test_every_reader_action_is_described_with_its_keys(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        keys = bound_keys(app)
        for description in (
            "Down", "Up", "Page down", "Page up", "Top", "Bottom", "Help", "Search", "Next match",
            "Previous match", "Next mention", "Previous mention", "Reveal nearest entity or quote",
            "Next pane", "Previous pane", "Panes", "Links", "Back", "Forward", "Open", "Refresh (fetch again)",
            "Show removed boilerplate", "Narrower text", "Wider text", "Quit", "Export as Markdown",
            "Copy quote or paragraph", "Copy link URL", "Half a page down", "Half a page up", "Open in a browser",
        ):
            assert description in keys, description
        assert keys["Down"] == "j, ↓, ^e"
        assert keys["Half a page down"] == "d, ^d" and keys["Page up"] == "b, pgup, ^b"
        assert keys["Back"] == "h, ⌫"
        assert keys["Next mention"] == "]"


async def test_question_mark_opens_a_help_screen_listing_the_bindings(make_app):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        from rich.console import Console

        console = Console(width=100, record=True, file=open("/dev/null", "w"))
        console.print(app.screen._table())
        text = " ".join(console.export_text().split())
        for line in ("Next mention", "Show removed boilerplate", "Links", "Ctrl-Z suspends", "OSC 8"):
            assert line in text or line.lower() in text.lower(), line
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_the_command_palette_offers_the_same_actions(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        for title in ("Search", "Next mention", "Show removed boilerplate", "Wider text", "Quit"):
            assert title in commands, title
        assert commands["Wider text"].help == "key: +, ="
        await commands["Show removed boilerplate"].callback()
        assert app.screen.view.show_removed


async def test_ctrl_p_opens_the_palette_and_runs_an_action(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "CommandPalette")
        await pilot.press(*"show removed")
        await wait_until(pilot, lambda: "Show removed" in _highlighted_command(app.screen))  # the search runs in a worker
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen) and app.screen.view.show_removed)


def _highlighted_command(palette) -> str:
    commands = palette.query_one(CommandList)
    if commands.highlighted is None:
        return ""
    return str(commands.get_option_at_index(commands.highlighted).prompt)


async def test_key_overrides_from_the_settings_apply(make_app):
    app = make_app(settings=Settings(keys={"search": "ctrl+f", "toggle_removed": "R"}))
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+f")
        assert app.focused.id == "search"
        await pilot.press("escape", "R")
        assert app.screen.view.show_removed
        assert bound_keys(app)["Search"] == "^f"


async def test_default_theme_uses_the_terminals_own_colours_and_no_animation(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, annotated=False)
        assert app.theme == "byline-ansi" and app.current_theme.ansi
        assert app.animation_level == "none"


async def test_a_textual_theme_can_be_chosen_and_an_unknown_one_falls_back(make_app):
    app = make_app(settings=Settings(theme="textual-light", animations=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, annotated=False)
        assert app.theme == "textual-light" and app.animation_level == "full"
    app = make_app(settings=Settings(theme="no-such-theme"))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, annotated=False)
        assert app.theme == "byline-ansi"
        await wait_until(pilot, lambda: app._notifications)
        assert str(list(app._notifications)[0].message) == "config: a problem; ? for details"
        (problem,) = app.config_problems
        assert "'no-such-theme' is not a theme" in problem and "byline-ansi" in problem


async def test_q_and_ctrl_c_quit(make_app):
    for key in ("q", "ctrl+c"):
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot, annotated=False)
            await pilot.press(key)
            await pilot.pause()
            assert not app.is_running, key


async def test_config_keys_rebind_the_library_actions_and_unknown_names_are_named(make_app, private_user_dirs):
    from byline.tui.config import load_settings

    (private_user_dirs / "config.toml").write_text(
        'theme = "byline-ansi"\n\n[keys]\nexport = "E"\nserch = "ctrl+f"\nlibrary_delete = "x"\n', encoding="utf-8"
    )
    app = make_app(settings=load_settings())
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await wait_until(pilot, lambda: app._notifications)
        (note,) = [str(n.message) for n in app._notifications]
        assert note == "config: a problem; ? for details", "one short notice, not the details"
        (problem,) = app.config_problems
        assert problem.endswith(
            "config.toml: line 5: [keys] 'serch' is not an action (did you mean 'search'?); it is ignored "
            "(the help screen, ?, lists the actions; their names are in the README)"
        )
        assert bound_keys(app)["Export as Markdown"] == "E"
        await pilot.press("E")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ExportDialog")


async def test_the_library_screen_lists_its_keys_in_help_and_the_palette(make_app):
    from byline.tui.app.commands import command_table

    app = make_app(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: type(app.screen).__name__ == "StartScreen")
        described = {(c.description, ", ".join(c.keys)) for c in command_table(app.screen.command_nodes())}
        for description, keys in (("Read", "⏎"), ("Search", "/"), ("Delete", "d, del"), ("Refresh", "r"),
                                  ("Read/unread", "u"), ("Open URL or path", "o"), ("Quit", "q")):
            assert (description, keys) in described, description
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Delete", "Refresh", "Read/unread"} <= titles


async def test_a_key_given_to_two_actions_is_named_once_and_help_shows_both(make_app, private_user_dirs):
    from rich.console import Console

    from byline.tui.config import load_settings

    (private_user_dirs / "config.toml").write_text('[keys]\nnext_mention = "n"\n', encoding="utf-8")
    app = make_app(settings=load_settings())
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await wait_until(pilot, lambda: app._notifications)
        (note,) = app._notifications
        # n was also a feed article's "Next unread": each action left without a key is named.
        assert str(note.message) == "config: 2 problems; ? for details"
        assert any(
            problem.endswith(
                'line 2: [keys] next_mention = "n": n now does “Next mention” (next_mention); '
                "“Next match” (next_match) has no key left (give one of them another key in [keys])"
            )
            for problem in app.config_problems
        )
        keys = bound_keys(app)
        assert keys["Next mention"] == "n" and keys["Next match"] == "", "the loser is listed, with no key"
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        console = Console(width=80, record=True, file=open("/dev/null", "w"))
        console.print(app.screen._problems(), app.screen._table())
        text = " ".join(console.export_text().split())
        assert "Config file" in text and "n now does “Next mention”" in text
        assert "no key Next match" in text


async def test_the_help_screen_pages_like_the_article(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HelpScreen")
        scroller = app.screen.query_one("VerticalScroll")
        await pilot.press("G")
        assert scroller.scroll_y == scroller.max_scroll_y > 0
        await pilot.press("g", "space")
        page = scroller.scroll_y
        assert page > 10
        await pilot.press("u")
        assert 0 < scroller.scroll_y < page
        await pilot.press("ctrl+b", "ctrl+e", "j")
        assert scroller.scroll_y == 2


async def test_a_screenshot_is_saved_here_when_there_is_no_downloads_folder(make_app, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Screenshot"].callback()  # what the palette runs (after a moment)
        await wait_until(pilot, lambda: any("saved the screenshot" in str(n.message) for n in app._notifications))
    (saved,) = tmp_path.glob("byline_*.svg")
    assert saved.read_text().startswith("<svg")
