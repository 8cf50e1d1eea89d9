"""The files byline writes for the user (``tui.files.write_file``): a regular
file whole or not at all with its mode kept, a new one under the umask, a
symlink followed to its file, a device or FIFO written through and never
replaced, a disk or socket refused — and the small files it reads."""

from __future__ import annotations

import errno
import os
import socket
import stat
import threading

import pytest

from byline.tui.cli.main import main
from byline.tui.files import COOKIES_LIMIT, OutputError, UnusableFile, read_user_file, write_file

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX files")


@pytest.fixture
def umask():
    """Set the umask for one test (the process's: restored after)."""
    saved = os.umask(0o022)
    yield lambda mask: os.umask(mask)
    os.umask(saved)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_a_new_file_gets_the_mode_a_shell_would_give_it(tmp_path, umask, mask, mode):
    umask(mask)
    target = tmp_path / "new.md"
    write_file(str(target), "text\n")
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_text() == "text\n"


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o664, 0o600])
def test_an_existing_file_keeps_its_mode(tmp_path, umask, mode):
    umask(0o077)
    target = tmp_path / "notes.md"
    target.write_text("old")
    target.chmod(mode)
    write_file(str(target), "new")
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_text() == "new"


def test_a_failed_write_leaves_the_old_file_whole_and_no_temporary_behind(tmp_path, monkeypatch):
    target = tmp_path / "notes.md"
    target.write_text("the old notes")

    def full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OutputError, match="No space left on device") as error:
        write_file(str(target), "x" * 100_000)
    assert error.value.exit_code == 5
    monkeypatch.undo()
    assert target.read_text() == "the old notes"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]


def test_a_symlink_is_followed_and_stays_a_symlink(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to("real.md")
    write_file(str(link), "new")
    assert link.is_symlink() and os.readlink(link) == "real.md"
    assert real.read_text() == "new" and stat.S_IMODE(real.stat().st_mode) == 0o640


def test_a_dangling_symlink_creates_its_file_as_the_shell_does(tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to("made.md")
    write_file(str(link), "new")
    assert link.is_symlink() and (tmp_path / "made.md").read_text() == "new"


@pytest.mark.skipif(os.geteuid() != 0, reason="making a symlink someone else owns needs root")
def test_someone_elses_symlink_in_a_sticky_shared_directory_is_not_followed(tmp_path):
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    precious = tmp_path / "precious"
    precious.write_text("keep me")
    trap = shared / "out.md"
    trap.symlink_to(precious)
    os.lchown(trap, 12345, 12345)  # another user's link, as in /tmp
    with pytest.raises(OutputError, match="a symlink someone else made in a shared directory"):
        write_file(str(trap), "overwritten")
    assert precious.read_text() == "keep me"


def test_a_character_device_is_written_through_not_replaced():
    before = os.stat("/dev/null")
    write_file("/dev/null", "discarded\n")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_fifo_is_written_through_to_its_reader(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_file(str(fifo), "through the pipe\n")
    reader.join(timeout=30)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "still a FIFO"


def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(OutputError, match="is a socket"):
            write_file(str(path), "x")
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_a_block_device_is_refused(tmp_path):
    disk = tmp_path / "disk"
    try:
        os.mknod(disk, stat.S_IFBLK | 0o600, os.makedev(7, 0))
    except (PermissionError, OSError):
        pytest.skip("making a device node needs root")
    with pytest.raises(OutputError, match="is a block device"):
        write_file(str(disk), "x")
    assert stat.S_ISBLK(os.lstat(disk).st_mode)


def test_cli_exports_through_a_fifo_and_to_dev_null(tmp_path, fixture_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    page = str(fixture_path("library-orchard.html"))
    assert main(["--export", "md", "-o", str(fifo), "--no-store", page]) == 0
    reader.join(timeout=30)
    assert received and received[0].startswith(b"---\ntitle:")
    assert main(["--export", "json", "-o", "/dev/null", "--no-store", page]) == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("kind", ["/dev/zero", "fifo", "directory", "too big"])
def test_a_file_to_read_must_be_a_small_regular_file(tmp_path, kind):
    if kind == "fifo":
        path = tmp_path / "fifo"
        os.mkfifo(path)  # opening it for reading must not wait for a writer
    elif kind == "directory":
        path = tmp_path
    elif kind == "too big":
        path = tmp_path / "big"
        path.write_bytes(b"#" * (COOKIES_LIMIT + 1))
    else:
        path = kind
    with pytest.raises(UnusableFile):
        read_user_file(path, COOKIES_LIMIT)
