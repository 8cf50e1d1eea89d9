"""``byline save`` of many files resumes where it stopped, and Ctrl-C stops it
at once: an unchanged stored file (same bytes, same extractor and entity
engine) is skipped and said to be unchanged; ``--refresh`` forces."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from byline import extract
from byline.tui.cli.main import main
from byline.tui.data.library import Library

ROOT = Path(__file__).resolve().parents[2]

#: A save whose one source is a thread busy for a minute, as a long extraction
#: is; Ctrl-C is sent to that thread, not the main one (the kernel may pick any).
SIGNAL_TO_A_BUSY_WORKER = """
import asyncio, signal, threading, time
from byline.tui.cli.save import _save_until_interrupted

workers = []

class BusyOpener:
    async def save(self, source, refresh=False):
        loop = asyncio.get_running_loop()
        done = loop.create_future()

        def work():
            end = time.monotonic() + 60
            while time.monotonic() < end:
                sum(range(1000))
            loop.call_soon_threadsafe(done.set_result, None)

        workers.append(threading.Thread(target=work, daemon=True))
        workers[0].start()
        loop.call_later(0.2, signal.pthread_kill, workers[0].ident, signal.SIGINT)
        await done

interrupted = asyncio.run(_save_until_interrupted(BusyOpener(), ["a"], False, [], catch=True))
print(interrupted, "while the worker was still busy" if workers[0].is_alive() else "after the worker ended")
"""


def write_stories(folder: Path, count: int, *, paragraphs: int = 2) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"story-{n:03}.txt"
        body = "\n\n".join(f"Paragraph {p} of story {n}: the ferry to the outer islands sails at dawn." for p in range(paragraphs))
        path.write_text(f"Island story {n}\n\n{body}\n")
        paths.append(str(path))
    return paths


@pytest.fixture
def extractions(monkeypatch):
    """The sources extracted, in order (the extractor still runs)."""
    seen: list[str] = []
    real = extract.extract_document

    def counting(raw, **options):
        seen.append(raw.source)
        return real(raw, **options)

    monkeypatch.setattr(extract, "extract_document", counting)
    return seen


def save(capsys, *argv: str) -> tuple[int, list[dict], str]:
    status = main(["save", "--json", *argv])
    captured = capsys.readouterr()
    return status, json.loads(captured.out), captured.err


def test_a_second_save_skips_unchanged_files_and_says_so(tmp_path, capsys, extractions):
    paths = write_stories(tmp_path / "in", 6)
    assert save(capsys, *paths)[0] == 0
    extractions.clear()

    status, outcomes, err = save(capsys, *paths)

    assert status == 0 and extractions == []
    assert {o["status"] for o in outcomes} == {"unchanged"}
    assert err.splitlines()[-1] == "byline: saved 0 of 6, 6 unchanged"


def test_same_bytes_with_a_new_time_are_unchanged_new_bytes_are_saved(tmp_path, capsys, extractions):
    paths = write_stories(tmp_path / "in", 3)
    save(capsys, *paths)
    extractions.clear()
    os.utime(paths[0], ns=(1, 1))  # copied again, or touched: the same bytes
    Path(paths[1]).write_text("Island story 1\n\nThe ferry now sails at noon, the harbour master said.\n")

    status, outcomes, _ = save(capsys, *paths)

    assert [o["status"] for o in outcomes if o["source"] == paths[0]] == ["unchanged"]
    assert [o["status"] for o in outcomes if o["source"] == paths[1]] == ["saved"]
    assert extractions == [paths[1]]
    extractions.clear()
    save(capsys, paths[0])  # the stamp was brought up to date: not even read now
    assert extractions == []
    with Library() as library:
        assert library.count() == 3
        assert any("sails at noon" in library.load(e.id).text for e in library.entries())


def test_refresh_or_a_new_extractor_extracts_again(tmp_path, capsys, extractions, monkeypatch):
    paths = write_stories(tmp_path / "in", 2)
    save(capsys, *paths)
    extractions.clear()

    assert {o["status"] for o in save(capsys, "--refresh", *paths)[1]} == {"saved"}
    assert sorted(extractions) == paths
    extractions.clear()
    monkeypatch.setattr(extract, "__version__", extract.__version__ + ".post1")
    assert {o["status"] for o in save(capsys, *paths)[1]} == {"saved"}
    assert sorted(extractions) == paths


def test_piped_text_saved_twice_is_unchanged(capsys, monkeypatch, extractions):
    import io

    text = b"Harbour notice\n\nThe slipway is closed at high water all week.\n"
    for _ in range(2):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
        status, outcomes, _ = save(capsys, "-")
    assert status == 0 and outcomes[0]["status"] == "unchanged"
    assert len(extractions) == 1


def test_ctrl_c_stops_a_save_at_once_keeping_what_was_stored(tmp_path, private_user_dirs):
    """SIGINT to a real ``byline save`` while long pages are being extracted:
    it ends with 130 and one line, what was stored is whole, and the same
    command goes on from there. (The bound only catches a hang: it used to
    wait for every running extraction.)"""
    small = write_stories(tmp_path / "small", 3)
    long = write_stories(tmp_path / "long", 4, paragraphs=6000)  # seconds of extraction each
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-m", "byline.tui.cli", "save", "--jobs", "8", *small, *long],  # all at once: the small ones end first
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    lines = []
    while sum("] saved" in line for line in lines) < len(small):
        line = child.stderr.readline()
        assert line, f"save ended early: {lines}"
        lines.append(line)
    child.send_signal(signal.SIGINT)
    try:
        rest = child.stderr.read()
        status = child.wait(timeout=60)
    finally:
        child.kill()

    assert status == 130
    [said] = rest.splitlines()
    assert said.startswith("byline: interrupted: saved 3 of 7") and "stays stored" in said
    with Library() as library:
        conn = library._db()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert sorted(e.title for e in library.entries()) == ["Island story 0", "Island story 1", "Island story 2"]
    resumed = subprocess.run(
        [sys.executable, "-m", "byline.tui.cli", "save", *small], capture_output=True, text=True, env=env, timeout=120
    )
    assert resumed.stderr.splitlines()[-1] == "byline: saved 0 of 3, 3 unchanged"


def test_ctrl_c_that_lands_on_a_busy_worker_thread_still_stops_the_save():
    """It used to wait, unseen, until the next extraction ended (10-12 s)."""
    done = subprocess.run(
        [sys.executable, "-c", SIGNAL_TO_A_BUSY_WORKER],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )

    assert (done.returncode, done.stdout.strip()) == (0, "True while the worker was still busy"), done.stderr


def test_work_threads_leave_signals_to_the_main_thread():
    import asyncio

    from byline.tui.threads import in_thread

    blocked = asyncio.run(in_thread(signal.pthread_sigmask, signal.SIG_BLOCK, []))

    assert signal.SIGINT in blocked and signal.SIGTERM in blocked
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
