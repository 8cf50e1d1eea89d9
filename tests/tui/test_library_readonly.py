"""A library that cannot be written can still be read: on a read-only file
system, in a read-only (or immutable) file or folder, and on a full disk,
``library list`` and ``search`` work, and a write that cannot happen says why
in one line (exit 5).

The file systems are real: a read-only bind mount and a 2 MB tmpfs, made in a
private mount namespace (``unshare``; as root, or as a user through a user
namespace), so nothing outside the test sees them. Where no namespace can be
made those tests skip, saying why. Read-only files and folders use
``chattr +i`` as root (permissions do not bind root) and modes otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from functools import cache
from pathlib import Path

import pytest

from byline.tui.cli.main import main
from byline.tui.data.paths import library_path

#: Runs byline commands in-process inside the namespace; prints [status, out, err] for each.
STEPS = textwrap.dedent(
    """
    import contextlib, io, json, os, sqlite3, sys
    from byline.tui.cli.main import main

    steps, results, held = json.loads(sys.argv[1]), [], []
    for step in steps:
        if step == "fill":  # the disk, to the last page
            filler = os.open(os.environ["FILLER"], os.O_WRONLY | os.O_CREAT)
            try:
                while True:
                    os.write(filler, b"x" * 4096)
            except OSError:
                os.close(filler)
        elif step == "unfill":
            os.remove(os.environ["FILLER"])
        elif step == "hold":  # another byline has the library open: its WAL files stay
            held.append(sqlite3.connect(os.path.join(os.environ["BYLINE_DATA_DIR"], "library.sqlite3")))
            held[-1].execute("SELECT count(*) FROM articles").fetchone()
        else:
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = main(step)
            results.append([status, out.getvalue(), err.getvalue()])
    print(json.dumps(results))
    """
)


@cache
def namespace_prefix() -> tuple[list[str], str]:
    """The ``unshare`` command for a private mount namespace, or [] and why not."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return [], "no unshare command here"
    prefix = [unshare, "--mount", "--propagation", "private"]
    if os.geteuid() != 0:
        prefix[1:1] = ["--user", "--map-root-user"]
    probe = subprocess.run([*prefix, "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"], capture_output=True, text=True)
    if probe.returncode != 0:
        return [], f"cannot make a mount namespace here ({probe.stderr.strip() or probe.returncode})"
    return prefix, ""


def in_namespace(mount: str, steps: list, env: dict[str, str]) -> list[tuple[int, str, str]]:
    prefix, why_not = namespace_prefix()
    if not prefix:
        pytest.skip(why_not)
    done = subprocess.run(
        [*prefix, "sh", "-c", f'{mount} && exec "$0" -c "$1" "$2"', sys.executable, STEPS, json.dumps(steps)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return [tuple(result) for result in json.loads(done.stdout)]


def stories(folder: Path, count: int, first: int = 0) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(first, first + count):
        path = folder / f"story-{n}.txt"
        path.write_text(f"Harbour story {n}\n\nThe tide tables for the estuary were printed again, number {n}.\n")
        paths.append(str(path))
    return paths


def one_line(err: str, *words: str) -> None:
    assert err.count("\n") == 1, err
    assert err.startswith("byline: ") and all(word in err for word in words), err
    assert "permission" not in err or "permissions or attributes" in err, err


def assert_whole(path: Path, count: int) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO search (search) VALUES ('integrity-check')")
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == count
    finally:
        conn.close()


def test_on_a_read_only_file_system_the_library_reads_and_refuses_writes_saying_why(tmp_path, capsys):
    stored = stories(tmp_path / "in", 3)
    assert main(["save", *stored]) == 0
    new = stories(tmp_path / "in", 1, first=3)
    data = library_path().parent
    before = library_path().read_bytes()
    capsys.readouterr()

    listed, found, saved, dumped, dumped_new, vacuumed = in_namespace(
        f"mount --bind {data} {data} && mount -o remount,bind,ro {data}",
        [
            ["library", "list", "--json"],
            ["library", "search", "tide", "--json"],
            ["save", *new],
            ["--dump", stored[0]],
            ["--dump", new[0]],
            ["library", "vacuum"],
        ],
        {},
    )

    assert listed[0] == 0 and listed[2] == "" and len(json.loads(listed[1])) == 3
    assert found[0] == 0 and found[2] == "" and len(json.loads(found[1])) == 3
    assert saved[0] == 5 and saved[1] == ""
    one_line(saved[2], "cannot be written", "read-only", "reading still works")
    for status, out, err in (dumped, dumped_new):
        assert status == 0 and "The tide tables" in out
        one_line(err, "not stored", "read-only")
    assert vacuumed[0] == 5
    one_line(vacuumed[2], "read-only")
    assert library_path().read_bytes() == before


def test_on_a_full_disk_the_library_reads_and_refuses_writes_saying_why(tmp_path):
    stored = stories(tmp_path / "in", 3)
    new = stories(tmp_path / "in", 2, first=3)
    disk = tmp_path / "disk"
    disk.mkdir()
    env = {"BYLINE_DATA_DIR": str(disk / "data"), "FILLER": str(disk / "filler")}

    results = in_namespace(
        f"mount -t tmpfs -o size=2m tmpfs {disk}",
        [
            ["save", *stored],
            "fill",
            ["library", "list", "--json"],  # the library closed: no WAL files to lean on
            ["library", "search", "tide", "--json"],
            ["save", new[0]],
            "unfill",
            "hold",  # opened by another byline: its WAL files stay, and the write itself meets the full disk
            "fill",
            ["--dump", new[0]],
            ["library", "list", "--json"],
            "unfill",
            ["save", *new],
            ["library", "vacuum", "--json"],
        ],
        env,
    )
    first_save, listed, found, refused, dumped, listed_again, resumed, vacuumed = results

    assert first_save[0] == 0
    assert listed[0] == 0 and listed[2] == "" and len(json.loads(listed[1])) == 3
    assert found[0] == 0 and found[2] == "" and len(json.loads(found[1])) == 3
    assert refused[0] == 5
    one_line(refused[2], "cannot be written", "the disk is full", "free some disk space")
    assert dumped[0] == 0 and "The tide tables" in dumped[1]
    one_line(dumped[2], "not stored", "the disk is full")
    assert len(json.loads(listed_again[1])) == 3
    assert resumed[0] == 0 and resumed[2].endswith("byline: saved 2 of 2\n")
    assert vacuumed[0] == 0 and json.loads(vacuumed[1])["entries"] == 5


@pytest.fixture
def unwritable(tmp_path):
    """Make a file or folder read-only: immutable as root, by its mode otherwise; undone after."""
    made: list[Path] = []

    def make(path: Path) -> None:
        if os.geteuid() == 0:
            if shutil.which("chattr") is None:
                pytest.skip("root, and no chattr to make a file immutable")
            done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
            if done.returncode != 0:
                pytest.skip(f"root, and this file system has no immutable files ({done.stderr.strip()})")
        else:
            path.chmod(0o555 if path.is_dir() else 0o444)
        made.append(path)

    def undo() -> None:
        while made:
            path = made.pop()
            if os.geteuid() == 0:
                subprocess.run(["chattr", "-i", str(path)], check=False)
            else:
                path.chmod(0o755 if path.is_dir() else 0o644)

    make.undo = undo
    yield make
    undo()


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_library_file_or_folder_reads_and_refuses_writes_saying_why(what, tmp_path, capsys, unwritable):
    stored = stories(tmp_path / "in", 2)
    assert main(["save", *stored]) == 0
    capsys.readouterr()
    unwritable(library_path() if what == "file" else library_path().parent)

    assert main(["library", "list", "--json"]) == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 2 and err == ""
    assert main(["save", *stories(tmp_path / "in", 1, first=2)]) == 5
    out, err = capsys.readouterr()
    one_line(err, "cannot be written", f"{what} " if what == "file" else "folder", "read-only")
    assert main(["--dump", stored[0]]) == 0
    out, err = capsys.readouterr()
    assert "The tide tables" in out
    one_line(err, "not stored", "read-only")

    unwritable.undo()
    assert_whole(library_path(), 2)
