"""Memory, measured: every hostile case — the 1 GB decompression bombs
included, the three that only wait for the deadline left out — runs in a
fresh interpreter whose peak resident memory must stay under 300 MB. The
bombs also run alone through the real ``byline`` command, each measuring its
own peak (peak.py), so their figure is theirs and nobody else's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from casekit import Env
from hostile_catalogue import CASES, Outcome, check
from patience import HANG

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PEAK_LIMIT_MB = 300


def _environment() -> dict[str, str]:
    return {**os.environ, "NO_PROXY": "*", "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(ROOT)}


#: Cases that only wait for the deadline: nothing arrives, so nothing is held
#: (their ending is checked in test_catalogue.py and test_app_loading.py), and
#: here they would add six seconds of waiting.
MEASURED = [case for case in CASES if not case.stalls]


def test_every_case_stays_under_300_mb(server, tmp_path):
    env = Env(server, tmp_path)
    spec = []
    for number, case in enumerate(MEASURED):
        source = case.setup(env)
        stdin = case.stdin_bytes()
        stdin_path = None
        if stdin is not None:
            stdin_path = tmp_path / f"stdin-{number}"
            stdin_path.write_bytes(stdin)
        spec.append({"id": case.id, "argv": case.argv(source),
                     "stdin": str(stdin_path) if stdin_path else None})
    spec_path, results_path = tmp_path / "spec.json", tmp_path / "results.json"
    spec_path.write_text(json.dumps(spec))

    subprocess.run(
        [sys.executable, str(HERE / "run_cases.py"), str(spec_path), str(results_path)],
        cwd=ROOT, env=_environment(), check=True, timeout=10 * HANG,
    )
    for sock in env.keep:
        sock.close()

    results = json.loads(results_path.read_text())
    assert [r["id"] for r in results] == [case.id for case in MEASURED]
    for case, result in zip(MEASURED, results):
        outcome = Outcome(result["code"], result["stdout"].encode(), result["stderr"].encode())
        check(case, outcome)
    peak = max(result["peak_mb"] for result in results)
    worst = next(result["id"] for result in results if result["peak_mb"] == peak)
    print(f"\npeak memory over {len(results)} cases: {peak:.0f} MB (reached by {worst})")
    assert peak < PEAK_LIMIT_MB, f"{worst} took the process to {peak:.0f} MB"


BOMBS = [case for case in CASES if "1 GB" in case.name]


@pytest.mark.parametrize("case", BOMBS, ids=lambda case: case.id)
def test_a_1_gb_bomb_stays_under_300_mb_in_the_real_command(server, tmp_path, case):
    source = case.setup(Env(server, tmp_path))
    stdin = case.stdin_bytes()
    stdin_path = tmp_path / "stdin"
    stdin_path.write_bytes(stdin or b"")
    peak_path = tmp_path / "peak"
    with stdin_path.open("rb") as stdin_file:
        process = subprocess.run(
            [sys.executable, str(HERE / "peak.py"), str(peak_path), "--json", "--timeout", f"{case.deadline:g}", source],
            cwd=ROOT, env=_environment(), stdin=stdin_file, capture_output=True, timeout=5 * HANG,
        )
    stdout, stderr = process.stdout, process.stderr
    peak = float(peak_path.read_text())
    print(f"\n{case.id}: peak {peak:.0f} MB")
    assert process.returncode == 3, stderr
    assert stdout == b""
    assert stderr.decode().startswith("byline: ") and "decompresses to more than the 10 MB limit" in stderr.decode()
    assert peak < PEAK_LIMIT_MB
