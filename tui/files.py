"""The files byline reads and writes for the user, read and written one safe way.

Reading: the config and cookies files are small regular files. A name that
points at ``/dev/zero``, ``/dev/urandom`` or a FIFO would have byline read
without end or wait for ever, so what is not a regular file is refused, and
so is a file past a size cap.

Writing (``--export … -o``, and every other file byline writes on the user's
behalf, such as ``feeds export -o``): ``write_file`` does what a shell's ``>``
would, with one improvement and one refusal:

* a regular file (or a name not yet taken) is written whole or not at all: a
  temporary file beside it, synced, then renamed over it. An existing file
  keeps its permission bits (and, where the system allows, its owner and
  group); a new one gets ``0666`` less the umask, as the shell gives it;
* a symlink is followed to the file it names, which is then written as above
  (the link stays a link) — except where the kernel itself would not follow
  it: a link in a sticky, world-writable directory such as ``/tmp`` that
  belongs neither to the user nor to the directory's owner (Linux's
  ``protected_symlinks``), the shape of the classic ``/tmp`` symlink attack;
* a character device (``/dev/null``, ``/dev/stdout``, a terminal) and a FIFO
  are written through, never replaced: nothing that is not a regular file is
  ever unlinked. A FIFO waits for its reader, as with the shell;
* a block device (a disk), a socket or a directory is refused.

Standard output is written by ``write_stdout``: a full disk or a closed
stdout is an ``OutputError`` (exit 5), not a bug.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

from byline.extract import BylineError

#: The largest config file byline reads (a real one is a few hundred bytes).
CONFIG_LIMIT = 1024 * 1024
#: The largest cookies file byline reads (a browser's whole export is a few MB).
COOKIES_LIMIT = 16 * 1024 * 1024

#: How many symlinks a path may go through before byline gives up (the kernel's own limit).
_MAX_LINKS = 40


class OutputError(BylineError):
    """A file (or standard output) could not be written: exit status 5."""

    exit_code = 5


class UnusableFile(ValueError):
    """A file byline was asked to read cannot be used; the message (one line,
    without the file's name) says why."""


# ------------------------------------------------------------------ paths


def user_path(name: str) -> Path:
    """A path the user gave, ``~`` expanded. ``ValueError`` with a one-line reason
    for what cannot name a file: an empty name, a NUL byte, an unknown ``~user``."""
    if not name:
        raise ValueError("an empty file name")
    if "\x00" in name:
        raise ValueError("a file name cannot hold a NUL byte")
    try:
        return Path(name).expanduser()
    except RuntimeError:  # pathlib: "Could not determine home directory."
        user = name[1:].split("/", 1)[0]
        raise ValueError(f"there is no user {user!r} for ~{user} to name" if user else "no home directory for ~") from None


# ---------------------------------------------------------------- reading


def read_user_file(path: Path, limit: int) -> bytes:
    """The bytes of the small regular file at ``path`` (a config or cookies file).

    ``FileNotFoundError`` when there is none; ``UnusableFile`` when it is not a
    regular file (a device, a FIFO, a directory), is larger than ``limit``
    bytes, or cannot be read. Opening never blocks, even on a FIFO.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as exc:
        raise UnusableFile(_reason(exc)) from None
    try:
        info = os.fstat(fd)  # of what was opened: no window for a swap after a check
        kind = file_kind(info.st_mode)
        if kind != "a regular file":
            raise UnusableFile(f"is {kind}, not a regular file")
        if info.st_size > limit:
            raise UnusableFile(f"is {info.st_size:,} bytes, more than the {limit // 1024:,} KB byline reads")
        os.set_blocking(fd, True)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew while being read
            raise UnusableFile(f"is more than the {limit // 1024:,} KB byline reads")
        return b"".join(chunks)
    except OSError as exc:
        raise UnusableFile(_reason(exc)) from None
    finally:
        os.close(fd)


def check_user_file(path: Path, limit: int) -> None:
    """Raise as ``read_user_file`` would, without reading: for a file another
    library opens itself (``http.cookiejar``)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as exc:
        raise UnusableFile(_reason(exc)) from None
    kind = file_kind(info.st_mode)
    if kind != "a regular file":
        raise UnusableFile(f"is {kind}, not a regular file")
    if info.st_size > limit:
        raise UnusableFile(f"is {info.st_size:,} bytes, more than the {limit // 1024:,} KB byline reads")


def file_kind(mode: int) -> str:
    """What a ``stat`` mode is, in words."""
    for test, name in (
        (stat.S_ISREG, "a regular file"),
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symlink"),
    ):
        if test(mode):
            return name
    return "not a file"


# ---------------------------------------------------------------- writing


def write_file(destination: str, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8) to the file the user named, as the
    module's docstring says; ``OutputError`` with one line when it cannot be."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        path = user_path(destination)
        target = _follow_links(str(path))
        try:
            info: os.stat_result | None = os.lstat(target)
        except FileNotFoundError:
            info = None
        if info is None or stat.S_ISREG(info.st_mode):
            _replace(target, data, info)
        elif stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
            _write_through(target, data)
        elif stat.S_ISDIR(info.st_mode):
            raise OutputError("is a directory; give a file name")
        elif stat.S_ISBLK(info.st_mode):
            raise OutputError("is a block device (a disk); byline writes only files, character devices and pipes")
        else:
            raise OutputError(f"is {file_kind(info.st_mode)}; byline writes only files, character devices and pipes")
    except OutputError as error:
        raise OutputError(f"{destination}: {error.message}") from None
    except ValueError as exc:
        raise OutputError(f"{destination}: not a usable file name ({exc})") from None
    except OSError as exc:
        raise OutputError(f"{destination}: cannot write ({_reason(exc)})") from None


def _follow_links(path: str) -> str:
    """``path`` with the symlinks of its last component followed (the directories
    are the kernel's to follow), refusing where Linux's ``protected_symlinks``
    would."""
    for _ in range(_MAX_LINKS):
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return path
        if not stat.S_ISLNK(info.st_mode):
            return path
        parent = os.path.dirname(path) or "."
        folder = os.stat(parent)
        shared = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
        if shared and info.st_uid not in (os.geteuid(), folder.st_uid):
            raise OutputError(
                "is a symlink someone else made in a shared directory; byline will not follow it (remove it, or name another file)"
            )
        path = os.path.join(parent, os.readlink(path))
    raise OSError(errno.ELOOP, os.strerror(errno.ELOOP))


def _replace(target: str, data: bytes, existing: os.stat_result | None) -> None:
    """Write ``data`` to a temporary file beside ``target`` and rename it over."""
    if existing is not None and not os.access(target, os.W_OK):
        raise OutputError("permission denied (the file is read-only)")
    folder = os.path.dirname(target) or "."
    fd, temporary = tempfile.mkstemp(prefix=".byline-", suffix=".tmp", dir=folder)
    try:
        if existing is None:
            os.fchmod(fd, 0o666 & ~current_umask())
        else:
            try:
                if (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
                    os.fchown(fd, existing.st_uid, existing.st_gid)
            except OSError:
                pass  # not ours to give away (only root may): the copy is the user's
            os.fchmod(fd, stat.S_IMODE(existing.st_mode) & 0o777)
        _write_all(fd, data)
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(temporary, target)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _write_through(target: str, data: bytes) -> None:
    """Write into a character device or a FIFO, as the shell's ``>`` does."""
    # No O_CREAT (it exists), no O_TRUNC (nothing to truncate), no following a
    # link put there since: and what was opened is checked again.
    fd = os.open(target, os.O_WRONLY | os.O_NOCTTY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
            raise OutputError("changed while byline was writing it; try again")
        _write_all(fd, data)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows
    (``os.umask`` sets it to read it: a thread creating a file meanwhile would
    get the wrong mode)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# ---------------------------------------------------------------- stdout


def write_stdout(text: str, encoding: str | None = None) -> None:
    """Write ``text`` to standard output in ``encoding`` (default: the
    terminal's; a character it cannot hold is replaced, never an error).

    ``BrokenPipeError`` (the reader went away) is the caller's; any other
    failure — stdout closed, a full disk, ``/dev/full`` — is an ``OutputError``.
    """
    stream = sys.stdout
    if stream is None:
        raise OutputError("standard output is closed; redirect it to a file (or use --export … -o FILE)")
    try:
        buffer = getattr(stream, "buffer", None)
        if buffer is None:  # a replaced stdout (tests, embedding): text only
            stream.write(text)
            stream.flush()
            return
        stream.flush()
        buffer.write(text.encode(encoding or stream.encoding or "utf-8", "replace"))
        buffer.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:  # ValueError: a closed stream
        raise OutputError(f"cannot write to standard output ({_reason(exc)})") from None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    return str(exc) or type(exc).__name__
