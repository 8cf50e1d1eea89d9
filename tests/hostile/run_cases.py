"""Run hostile cases through ``byline``'s ``main`` in one process and report
each outcome with the process's peak memory so far.

Used by test_limits.py in a fresh interpreter, so the peak (VmHWM, see
peak.py) measures byline alone: ``python run_cases.py SPEC RESULTS`` where SPEC is a JSON list
of {"id", "argv", "stdin"} (stdin: a file path or null).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile_catalogue import run_main  # noqa: E402
from peak import peak_mb  # noqa: E402

from byline.tui.cli.main import main  # noqa: E402


def run(spec_path: str, results_path: str) -> None:
    results = []
    for item in json.loads(Path(spec_path).read_text()):
        stdin = Path(item["stdin"]).read_bytes() if item["stdin"] else None
        outcome = run_main(main, item["argv"], stdin)
        results.append(
            {
                "id": item["id"],
                "code": outcome.code,
                "stdout": outcome.stdout.decode("utf-8"),
                "stderr": outcome.stderr.decode("utf-8"),
                "elapsed": outcome.elapsed,
                "peak_mb": peak_mb(),
            }
        )
        del stdin, outcome
    Path(results_path).write_text(json.dumps(results))


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2])
