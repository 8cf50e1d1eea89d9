"""Where byline keeps its files: the user data and config directories.

``BYLINE_DATA_DIR`` and ``BYLINE_CONFIG`` override the platform defaults (tests
and people with unusual set-ups use them).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from byline.tui.data.errors import LibraryError
from byline.tui.files import user_path

APP_NAME = "byline"
DATA_DIR_ENV = "BYLINE_DATA_DIR"
CONFIG_ENV = "BYLINE_CONFIG"
LIBRARY_FILE = "library.sqlite3"

#: Filesystems on which SQLite's WAL mode is unsafe: WAL needs shared memory
#: between processes, which only works when every reader is on the same host.
NETWORK_FILESYSTEMS = frozenset(
    {
        "nfs", "nfs4", "cifs", "smbfs", "smb3", "ncpfs", "afs", "9p", "ceph",
        "glusterfs", "lustre", "gpfs", "beegfs", "fuse.sshfs", "fuse.glusterfs",
        "fuse.s3fs", "fuse.rclone", "davfs", "fuse.davfs2",
    }
)


def data_dir() -> Path:
    """The directory that holds the library."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        try:
            return user_path(override)
        except ValueError as exc:  # ~nosuchuser/…
            raise LibraryError(f"{DATA_DIR_ENV}: {exc}") from None
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def library_path() -> Path:
    return data_dir() / LIBRARY_FILE


def config_path() -> Path:
    """The config file's path (it need not exist); ``ValueError`` when
    ``BYLINE_CONFIG`` cannot name a file (``~nosuchuser/…``)."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return user_path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def filesystem_type(path: Path, mounts_file: str = "/proc/mounts") -> str | None:
    """The type of the filesystem ``path`` lives on (Linux), or None when unknown."""
    try:
        with open(mounts_file, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    target = str(_resolved(path))
    best, best_type = "", None
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = _unescape_mount(fields[1])
        if _is_under(target, mount_point) and len(mount_point) >= len(best):
            best, best_type = mount_point, fields[2]
    return best_type


def on_network_filesystem(path: Path, mounts_file: str = "/proc/mounts") -> bool:
    fs_type = filesystem_type(path, mounts_file)
    if fs_type is None:
        return False
    return fs_type in NETWORK_FILESYSTEMS or fs_type.split(".")[0] in NETWORK_FILESYSTEMS


def _resolved(path: Path) -> Path:
    """``path`` with symlinks resolved as far as it exists (the rest may be created later)."""
    path = path.expanduser().absolute()
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate.resolve() / path.relative_to(candidate)
    return path


def _is_under(path: str, mount_point: str) -> bool:
    if mount_point == "/":
        return True
    return path == mount_point or path.startswith(mount_point.rstrip("/") + "/")


def _unescape_mount(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash as octal escapes.
    for escape, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(escape, char)
    return field
