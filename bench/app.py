"""How fast and how light the app is, against a bare Textual app.

Starts ``byline FILE`` and, in the same run, a bare Textual app that shows the
same text in a read-only TextArea and does nothing else, each in a real
pseudo-terminal (Python's pty, with pyte as the terminal emulator). For a
2,000- and a 20,000-word article at 80x24 and 160x48 it reports, as medians
over interleaved runs:

* paint   spawn to the first paragraph on screen
* cpu     CPU time (user + system) the process and its children had used by
          then: unlike paint, it does not grow when the machine is busy
* scroll  a scroll key (j) to its repaint (the last byte of the burst it causes)
* filling the same, for three keys sent straight after the first paint, while
          the app is still finding entities and filling its panes
* peak    peak resident memory of the process
* bytes   bytes written to the terminal: first paint plus the scroll keys; for
          byline with the panes shown and an entity highlighted (at 80x24 the
          panes are the tab strip)

and the ratios byline/bare against the targets (paint <= 1.3x, scroll <= 1.5x,
peak < 100 MiB, bytes <= 0.5x). The articles are generated here from the
script's own words: no shared data is needed.

byline runs from this checkout, whose modules are compiled to bytecode first,
as ``pip install`` does: with PYTHONDONTWRITEBYTECODE set (as on these
machines) a checkout never gets its ``__pycache__`` and every start would
compile some fifty modules from source (about 50 ms) that no install does.

    python bench/app.py [--runs 5] [--keys 10]
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import os
import random
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyte

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

BARE_APP = textwrap.dedent(
    '''
    import sys
    from textual.app import App
    from textual.binding import Binding
    from textual.widgets import TextArea

    class Bare(App):
        BINDINGS = [
            Binding("j", "scroll_text", priority=True),
            Binding("q", "quit", priority=True),
        ]

        def compose(self):
            yield TextArea(open(sys.argv[1], encoding="utf-8").read(), read_only=True)

        def action_scroll_text(self):
            self.query_one(TextArea).scroll_relative(y=1, animate=False)

    Bare().run()
    '''
)

# ------------------------------------------------------------------ articles

SUBJECTS = ["The council", "Harbour engineers", "Residents of Quay Parade", "The ferry operator",
            "Mayor Ilse Varga", "The transport board", "Local traders", "Inspector Tomas Reyes"]
VERBS = ["said", "warned", "confirmed", "argued", "reported", "announced", "suggested", "admitted"]
OBJECTS = ["the repairs would take longer than planned", "the budget for the bridge had doubled",
           "the night crossings would stop in winter", "the pier needed new timber piles",
           "the tide gauges had failed twice this month", "the ring road would carry extra buses",
           "the market would move to the old customs hall", "the lighthouse keeper retired in March"]
CLAUSES = ["after a long meeting on Tuesday", "according to figures seen by this paper",
           "despite objections from the fishing fleet", "while divers surveyed the seabed",
           "as gales closed the outer harbour", "before the spring tides arrive"]


def make_article(words: int, seed: int) -> tuple[str, str]:
    """A plain-text article of about ``words`` words and its first paragraph."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    count = 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            sentence = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} that {rng.choice(OBJECTS)}, {rng.choice(CLAUSES)}."
            if rng.random() < 0.2:
                sentence = f"“{rng.choice(OBJECTS).capitalize()},” {rng.choice(SUBJECTS)} {rng.choice(VERBS)}."
            sentences.append(sentence)
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
        if len(paragraphs) % 12 == 0:
            paragraphs.append(rng.choice(["Costs rise again", "What happens next", "A long winter"]))
    text = "Harbour repairs to run into next year\n\n" + "\n\n".join(paragraphs) + "\n"
    return text, paragraphs[0]


# --------------------------------------------------------------------- runs


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found.extend(int(child) for child in task.read_text().split())
        except OSError:
            pass
    return found


@dataclass
class Result:
    paint: float = float("nan")
    cpu: float = float("nan")
    filling: list[float] = field(default_factory=list)
    scroll: list[float] = field(default_factory=list)
    peak_mib: float = float("nan")
    bytes: int = 0
    key_bytes: list[int] = field(default_factory=list)


class Terminal:
    """A child process on a pty, with pyte keeping the screen."""

    def __init__(self, argv: list[str], columns: int, rows: int, env: dict[str, str]) -> None:
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.started = time.perf_counter()
        self.pid = os.fork()
        if self.pid == 0:  # child: the pty is its controlling terminal
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            for fd in (0, 1, 2):
                os.dup2(slave, fd)
            os.close(self.master)
            os.execve(argv[0], argv, env)
        os.close(slave)
        self.total = 0

    def read(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return b""
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return b""
        self.total += len(data)
        self.stream.feed(data)
        return data

    def wait_for(self, marker: str, timeout: float) -> float:
        """Seconds from spawn until ``marker`` is on screen."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.read(0.05) and any(marker in line for line in self.screen.display):
                return time.perf_counter() - self.started
        raise TimeoutError(f"{marker!r} never appeared")

    def cpu_seconds(self) -> float:
        """CPU time used so far by the process and the children it has now."""
        return sum(_cpu_seconds(pid) for pid in [self.pid, *_children(self.pid)])

    def settle(self, quiet: float = 0.4, limit: float = 10.0) -> None:
        """Read until nothing has arrived for ``quiet`` seconds."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            if not self.read(quiet):
                return

    def key(self, data: bytes, quiet: float = 0.08) -> tuple[float, int]:
        """Send a key; return (seconds to the last byte of its repaint, bytes)."""
        before = self.total
        sent = time.perf_counter()
        os.write(self.master, data)
        last = sent
        while True:
            if self.read(quiet):
                last = time.perf_counter()
            elif self.total > before or time.perf_counter() - sent > 2:
                return last - sent, self.total - before

    def finish(self) -> float:
        """Quit; return peak memory in MiB."""
        os.write(self.master, b"q")
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline:
            self.read(0.05)
            pid, status, usage = os.wait4(self.pid, os.WNOHANG)
            if pid:
                os.close(self.master)
                return usage.ru_maxrss / 1024
        os.kill(self.pid, signal.SIGKILL)
        _, _, usage = os.wait4(self.pid, 0)
        os.close(self.master)
        return usage.ru_maxrss / 1024


def run_one(app: str, path: Path, marker: str, size: tuple[int, int], keys: int, bare: Path) -> Result:
    columns, rows = size
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TEXTUAL")}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", COLUMNS=str(columns), LINES=str(rows))
    if app == "bare":
        argv = [PYTHON, str(bare), str(path)]
    else:
        argv = [PYTHON, "-m", "byline.tui", str(path)]
        env["PYTHONPATH"] = str(ROOT)
        # A library of its own, empty each run: the article is opened for the
        # first time (extracted, then stored), and the user's library is left alone.
        library_dir = tempfile.mkdtemp(prefix="byline-bench-library-")
        env["BYLINE_DATA_DIR"] = library_dir
        env["BYLINE_CONFIG"] = str(Path(library_dir) / "no-config.toml")
    term = Terminal(argv, columns, rows, env)
    result = Result()
    try:
        result.paint = term.wait_for(marker[:24], timeout=20)
        result.cpu = term.cpu_seconds()
        for _ in range(3):
            result.filling.append(term.key(b"j", quiet=0.03)[0])
        term.settle()
        if app == "byline":
            # Highlight an entity's mentions (Tab to the entities pane, Down onto
            # the first entity), then Shift-Tab back to the article.
            for key in (b"\t", b"\x1b[B", b"\x1b[Z"):
                term.key(key)
            term.settle(0.2)
        for _ in range(keys):
            seconds, written = term.key(b"j")
            result.scroll.append(seconds)
            result.key_bytes.append(written)
        result.bytes = term.total
    finally:
        result.peak_mib = term.finish()
        if app != "bare":
            shutil.rmtree(env["BYLINE_DATA_DIR"], ignore_errors=True)
    return result


def compile_checkout() -> None:
    """Compile the checkout's modules to bytecode, as ``pip install`` does (see the docstring)."""
    for package in ("extract", "tui"):
        compileall.compile_dir(ROOT / package, quiet=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keys", type=int, default=10, help="scroll keys per run")
    parser.add_argument("--words", default="2000,20000")
    parser.add_argument("--sizes", default="80x24,160x48")
    args = parser.parse_args(argv)
    sizes = [tuple(int(n) for n in s.split("x")) for s in args.sizes.split(",")]
    word_counts = [int(w) for w in args.words.split(",")]

    compile_checkout()
    with tempfile.TemporaryDirectory(prefix="byline-bench-") as tmp:
        folder = Path(tmp)
        bare = folder / "bare_app.py"
        bare.write_text(BARE_APP)
        articles = {}
        for words in word_counts:
            text, first = make_article(words, seed=words)
            path = folder / f"article-{words}.txt"
            path.write_text(text, encoding="utf-8")
            articles[words] = (path, first)
        results: dict[tuple[int, tuple[int, int], str], list[Result]] = {}
        for run in range(args.runs):
            for words in word_counts:
                for size in sizes:
                    order = ("bare", "byline") if run % 2 == 0 else ("byline", "bare")
                    for app in order:
                        path, first = articles[words]
                        result = run_one(app, path, first, size, args.keys, bare)
                        results.setdefault((words, size, app), []).append(result)
            print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
        report(results, word_counts, sizes, args.keys)
    return 0


def report(results, word_counts, sizes, keys) -> None:
    print(f"{'words':>6} {'size':>7} {'app':>7} {'paint ms':>9} {'cpu ms':>7} {'scroll ms':>10} {'filling':>8} {'peak MiB':>9} {'bytes':>8} {'bytes/key':>10}")
    for words in word_counts:
        for size in sizes:
            rows = {}
            for app in ("bare", "byline"):
                runs = results[(words, size, app)]
                paint = statistics.median(r.paint for r in runs) * 1000
                cpu = statistics.median(r.cpu for r in runs) * 1000
                scroll = statistics.median(s for r in runs for s in r.scroll) * 1000
                filling = statistics.median(s for r in runs for s in r.filling) * 1000
                peak = statistics.median(r.peak_mib for r in runs)
                total = statistics.median(r.bytes for r in runs)
                per_key = statistics.median(b for r in runs for b in r.key_bytes)
                rows[app] = (paint, scroll, peak, total, per_key, cpu, filling)
                label = f"{size[0]}x{size[1]}"
                print(f"{words:>6} {label:>7} {app:>7} {paint:>9.0f} {cpu:>7.0f} {scroll:>10.1f} {filling:>8.1f} {peak:>9.1f} {total:>8.0f} {per_key:>10.0f}")
            bare, ours = rows["bare"], rows["byline"]
            checks = [
                ("paint", ours[0] / bare[0], 1.3),
                ("scroll", ours[1] / bare[1], 1.5),
                ("filling", ours[6] / bare[1], 1.5),
                ("bytes", ours[3] / bare[3], 0.5),
            ]
            verdicts = "  ".join(f"{name} {ratio:.2f}x ({'ok' if ratio <= limit else 'MISS'} <= {limit})" for name, ratio, limit in checks)
            peak_ok = "ok" if ours[2] < 100 else "MISS"
            print(f"{'':>6} {'':>7} {'ratio':>7}  {verdicts}  peak {ours[2]:.0f} MiB ({peak_ok} < 100)  cpu {rows['byline'][5] / rows['bare'][5]:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
