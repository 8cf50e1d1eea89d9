"""Every hostile case, read through the library and through the CLI.

The CLI must end each with the documented exit code and one line on stderr
(or the article on stdout), never a traceback, never a control character on
the terminal, within the deadline plus one second. The library must raise
the documented ``ExtractError`` subclass, or return the article.
"""

from __future__ import annotations

import re

import pytest
from casekit import Env
from hostile_catalogue import CASES, TIME_LIMIT, check, run_cli, run_library

from byline.extract import Article, ExtractError
from byline.tui.cli.article import json_text
from byline.tui.formats.dump import dump_text


@pytest.fixture
def env(server, tmp_path):
    scratch = Env(server, tmp_path)
    yield scratch
    for sock in scratch.keep:
        sock.close()


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_cli_ends_every_case_with_one_clear_line(case, env):
    check(case, run_cli(case, env))


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_library_returns_the_article_or_the_documented_error(case, env):
    result, elapsed = run_library(case, env)

    assert elapsed <= TIME_LIMIT, f"took {elapsed:.2f} s"
    if case.code == 0:
        assert isinstance(result, Article), result
        shown = json_text(result.to_dict()) if case.mode == "--json" else dump_text(result)
        assert re.search(case.says, shown)
        if case.warns:
            assert any(re.search(case.warns, warning) for warning in result.warnings), result.warnings
    else:
        assert isinstance(result, ExtractError), result
        assert result.exit_code == case.code
        if case.error is not None:
            assert isinstance(result, case.error), type(result)
        assert re.search(case.says, str(result)), str(result)
        assert "\n" not in str(result)
        shown = str(result)
    for forbidden in case.absent:
        assert forbidden not in shown
