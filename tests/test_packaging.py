"""What ``pip install .`` puts in the installed package.

An editable install (the test command's) reads every file from the checkout,
so a data file missing from the package data only shows on a user's machine:
the app's stylesheet was once left out, and ``byline FILE`` stopped at once.
"""

from __future__ import annotations

import fnmatch
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("extract", "tui")


def _tracked_data_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", *PACKAGES], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    if not listed:  # not a git checkout (an sdist): every file under the packages
        listed = [str(p.relative_to(ROOT)) for package in PACKAGES for p in (ROOT / package).rglob("*") if p.is_file()]
    return [
        Path(name)
        for name in listed
        if not name.endswith((".py", ".pyc")) and "__pycache__" not in name
    ]


def _shipped(path: Path, package_data: dict[str, list[str]]) -> bool:
    for package, patterns in package_data.items():
        folder = Path(*package.split("."))
        try:
            inside = path.relative_to(folder)
        except ValueError:
            continue
        if any(fnmatch.fnmatch(str(inside), pattern) for pattern in patterns):
            return True
    return False


def test_every_data_file_in_the_packages_is_installed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = config["tool"]["setuptools"]["package-data"]
    files = _tracked_data_files()
    assert Path("tui/byline.tcss") in files
    missing = [str(path) for path in files if not _shipped(path, package_data)]
    assert missing == [], f"not in [tool.setuptools.package-data]: {missing}"
