"""How fast ``byline --dump`` is, against starting Python itself.

Runs each command below ``--runs`` times, interleaved, in fresh processes,
and reports medians of the wall time until the output is complete (its end
reaches the reader of the pipe), of the wall time until the process exits,
of the CPU time the process used (user + system: unlike wall time, it
hardly grows when the machine is busy) in all and by the time its output
was complete (``cpu@out``, read from /proc), the first three also as ratios to
``python -c pass`` measured in the same run. Target: an article in <= 0.3 s.

* pass     ``python -c pass``: the interpreter starting and stopping (the reference)
* stored   ``byline --dump`` of an article the library has (entities and all)
* small    ``byline --dump`` of a 4 KB text the library does not have yet:
           read, extracted, printed, then its entities found and stored
* html     the same for a small saved HTML page
* nostore  ``byline --dump --no-store`` of the 4 KB text: no library at all

Each fresh case gets an empty library of its own every run. byline runs from
this checkout, compiled to bytecode first as ``pip install`` does.

    python bench/dump.py [--runs 15]
"""

from __future__ import annotations

import compileall
import os
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.3
TEXT = ROOT / "examples" / "river-levee-vote.txt"
HTML = ROOT / "examples" / "harbour-bridge.html"


@dataclass
class Figures:
    output: list[float] = field(default_factory=list)
    exit: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    output_cpu: list[float] = field(default_factory=list)


def _cpu_so_far(pid: int) -> float:
    """CPU seconds (user + system) process ``pid`` has used so far (Linux /proc; 10 ms steps)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """(seconds to the output's end, seconds to exit, CPU seconds, CPU seconds
    by the output's end) for one run of ``argv``."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert process.stdout is not None
    fd = process.stdout.fileno()
    while True:
        select.select([fd], [], [])
        if not os.read(fd, 65536):
            break
    output = time.perf_counter() - started
    output_cpu = _cpu_so_far(process.pid)
    _, status, usage = os.wait4(process.pid, 0)
    ended = time.perf_counter() - started
    process.stdout.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed")
    return output, ended, usage.ru_utime + usage.ru_stime, output_cpu


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    for package in ("extract", "tui"):
        compileall.compile_dir(ROOT / package, quiet=1)
    python = sys.executable
    byline = [python, "-m", "byline.tui.cli"]
    base = {k: v for k, v in os.environ.items() if not k.startswith("BYLINE_")}
    base["PYTHONPATH"] = str(ROOT)
    figures: dict[str, Figures] = {}
    with tempfile.TemporaryDirectory(prefix="byline-bench-dump-") as tmp:
        folder = Path(tmp)
        stored_env = dict(base, BYLINE_DATA_DIR=str(folder / "stored"), BYLINE_CONFIG=str(folder / "none.toml"))
        subprocess.run([*byline, "--dump", str(TEXT)], env=stored_env, check=True, capture_output=True)
        cases = {
            "pass": ([python, "-c", "pass"], None),
            "stored": ([*byline, "--dump", str(TEXT)], stored_env),
            "small": ([*byline, "--dump", str(TEXT)], "fresh"),
            "html": ([*byline, "--dump", str(HTML)], "fresh"),
            "nostore": ([*byline, "--dump", "--no-store", str(TEXT)], "fresh"),
        }
        for number in range(args.runs):
            for name, (command, env) in cases.items():
                if env is None:
                    env = base
                elif env == "fresh":
                    library = folder / f"fresh-{name}-{number}"
                    env = dict(base, BYLINE_DATA_DIR=str(library), BYLINE_CONFIG=str(folder / "none.toml"))
                output, ended, cpu, output_cpu = run(command, env)
                entry = figures.setdefault(name, Figures())
                entry.output.append(output)
                entry.exit.append(ended)
                entry.cpu.append(cpu)
                entry.output_cpu.append(output_cpu)
    report(figures)
    return 0


def report(figures: dict[str, Figures]) -> None:
    reference = figures["pass"]
    ref_output, ref_exit, ref_cpu = (statistics.median(v) for v in (reference.output, reference.exit, reference.cpu))
    print(
        f"{'case':>8} {'output ms':>10} {'exit ms':>8} {'cpu ms':>7} {'cpu@out ms':>10}   "
        f"{'output/pass':>11} {'exit/pass':>9} {'cpu/pass':>8}"
    )
    for name, entry in figures.items():
        output, ended, cpu, at_output = (
            statistics.median(v) for v in (entry.output, entry.exit, entry.cpu, entry.output_cpu)
        )
        verdict = "" if name == "pass" else f"  output {'ok' if output <= TARGET else 'MISS'} <= {TARGET} s"
        print(
            f"{name:>8} {output * 1000:>10.0f} {ended * 1000:>8.0f} {cpu * 1000:>7.0f} {at_output * 1000:>10.0f}   "
            f"{output / ref_output:>10.1f}x {ended / ref_exit:>8.1f}x {cpu / ref_cpu:>7.1f}x{verdict}"
        )


if __name__ == "__main__":
    sys.exit(main())
