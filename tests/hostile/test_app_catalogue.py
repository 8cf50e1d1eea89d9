"""Every hostile case, opened in the app.

A case that fails ends in the error panel with exactly the library's one-line
message (and on the status line), and ``r`` tries again — for a URL, the
server sees a new request. A case that reads shows its article, and the
article's warnings are on the status line and in a notification. Nothing
crashes (no crash log is written), nothing on screen is a terminal control,
and every case ends within the deadline plus one second.

The cases run category by category in one app each, the way a reader would
meet them: the first opens on an empty reader, every later one from the page
or the error before it. The three that stall until the deadline run in
test_app_loading.py, which also checks the UI while they stall. Stdin that
cannot be read is refused before the app starts, as for ``--dump``.
"""

from __future__ import annotations

import io
import re

import pytest
from appkit import (
    STALLS,
    controls_in,
    notice_text,
    notifications,
    reader_app,
    region_text,
    screen_lines,
    settled,
    wait_until,
    without_space,
)
from casekit import DEADLINE, Case, Env
from cases_local import MARKUP
from hostile_catalogue import CASES, TIME_LIMIT, check, run_main

from byline.extract import ExtractError
from byline.extract.sources import read_stdin
from byline.tui.cli.article import json_text
from byline.tui.config import Settings
from byline.tui.screens.reader.loading import Request
from byline.tui.formats.dump import dump_text

#: Wide enough for the article, both panes and the error panel at once.
SIZE = (160, 48)

STDIN_REFUSED = [case for case in CASES if case.category == "stdin" and case.code]
GROUPS = {
    category: [
        case
        for case in CASES
        if case.category == category and case not in STALLS and case not in STDIN_REFUSED
    ]
    for category in ("network", "files", "stdin", "content", "injection")
}


def request_for(case: Case, env: Env, settings: Settings) -> Request:
    source = case.setup(env)
    if source != "-":
        return Request(source)
    # ``byline -`` reads stdin to the end before the app starts.
    return Request("-", read_stdin(settings.fetch_options(), stdin=io.BytesIO(case.stdin_bytes() or b"")))


def hits(env: Env) -> int:
    return sum(env.server.hits.values())


@pytest.mark.parametrize("category", GROUPS)
async def test_every_case_ends_well_in_the_app(category, server, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # where a crash would be logged
    env = Env(server, tmp_path / "cases")
    env.tmp.mkdir()
    settings = Settings(timeout=DEADLINE)
    cases = GROUPS[category]
    requests = [request_for(case, env, settings) for case in cases]
    served_before = hits(env)
    app = reader_app(settings, requests[0])
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        for case, request in zip(cases, requests):
            if request is not requests[0]:
                app.clear_notifications()
                served_before = hits(env)
                screen.load(request)
            elapsed = await wait_until(pilot, lambda: settled(screen, request), timeout=TIME_LIMIT + 5)
            assert elapsed <= TIME_LIMIT, f"{case.id}: took {elapsed:.2f} s"
            await pilot.pause()
            if case.code:
                await _check_error_panel(pilot, app, case, request, env, served_before)
            else:
                _check_article(app, case)
            shown = "\n".join(screen_lines(app))
            assert controls_in(shown) == [], f"{case.id}: terminal controls on screen"
            assert app.is_running, case.id
    for sock in env.keep:
        sock.close()
    assert not (tmp_path / "state").exists(), "an internal error was logged"


async def _check_error_panel(pilot, app, case: Case, request: Request, env: Env, served_before: int) -> None:
    screen = app.screen
    assert screen.page is None or screen.page.request is not request
    _, error = screen.opening.failed
    assert isinstance(error, case.error or ExtractError), f"{case.id}: {error!r}"
    assert error.exit_code == case.code, case.id
    message = error.message
    assert re.search(case.says, message), f"{case.id}: {message!r}"
    assert "internal error" not in message and "\n" not in message
    # Exactly the message, as one line of the panel, and the status line.
    panel = notice_text(screen)
    assert message in panel.splitlines(), f"{case.id}: {panel!r}"
    assert "r retry" in panel
    assert screen.status.message.plain == message
    drawn = region_text(app, screen.query_one("#notice").region)
    assert without_space(message) in without_space(drawn), f"{case.id}: panel drawn as {drawn!r}"
    for absent in case.absent:
        assert absent not in panel
    # r tries again: the same message, and for a URL a new request.
    before, served = screen.opening.failed, hits(env)
    if request.source.startswith(env.server.url("/")):
        assert served > served_before, f"{case.id}: the server never saw the first request"
    app.simulate_key("r")  # through the bindings, without Pilot's wait for the whole screen to idle
    await wait_until(pilot, lambda: screen.opening.failed is not before and settled(screen, request), timeout=TIME_LIMIT + 5)
    assert screen.opening.failed[1].message == message, case.id
    if request.source.startswith(env.server.url("/")):
        assert hits(env) > served, f"{case.id}: r did not fetch again"


def _check_article(app, case: Case) -> None:
    screen = app.screen
    assert screen.opening.failed is None, f"{case.id}: {screen.opening.failed}"
    assert not screen.query_one("#notice").display
    article = screen.page.article
    shown = json_text(article.to_dict()) if case.mode == "--json" else dump_text(article)
    assert re.search(case.says, shown), case.id
    drawn = without_space(" ".join(screen.view.render_line(y).text for y in range(screen.view.size.height)))
    first = article.text[article.blocks[0].start : article.blocks[0].end][:60]
    assert without_space(first) in drawn, f"{case.id}: the text is not drawn"
    if MARKUP in article.text:  # Rich markup in the page is drawn as the characters it is
        assert without_space(MARKUP) in without_space("".join(screen_lines(app))), case.id
    # Every warning is in a notification; the first stays on the status line.
    if case.warns:
        assert any(re.search(case.warns, warning) for warning in article.warnings), case.id
    toasts = "\n".join(notifications(app))
    for warning in article.warnings:
        assert warning in toasts, f"{case.id}: warning {warning!r} not shown"
    if article.warnings:
        assert screen.status.message.plain.startswith(f"warning: {article.warnings[0]}"), case.id


@pytest.mark.parametrize("case", STDIN_REFUSED, ids=lambda case: case.id)
def test_stdin_that_cannot_be_read_is_refused_before_the_app_starts(case):
    # ``byline -`` with no --dump: one line and the exit code, no app, no terminal needed.
    check(case, run_main(_main, ["--timeout", f"{DEADLINE:g}", "-"], case.stdin_bytes()))


def _main(argv):  # type: ignore[no-untyped-def]
    from byline.tui.cli.main import main

    return main(argv)
