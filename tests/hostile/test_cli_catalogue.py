"""Every hostile case that is not a page — config and cookies files, numbers,
paths, standard output, the network's set-up, usage — ends with its own exit
code (2 usage/config, 3 source, 5 output) and one line, never exit 1."""

from __future__ import annotations

import pytest
from cases_cli import CASES, check, run
from casekit import Env


@pytest.fixture
def env(server, tmp_path):
    scratch = Env(server, tmp_path)
    yield scratch
    for sock in scratch.keep:
        sock.close()


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_cli_ends_every_case_with_its_code_and_one_line(case, env):
    if case.skip:
        pytest.skip(case.skip)
    check(case, run(case.setup(env)))
