"""What ``pip install byline`` gives a user: one import name, every data file,
the licences, and a library that imports without the app.

An editable install (the test command's) reads every file from the checkout,
so a data file missing from the wheel only shows on a user's machine: the
app's stylesheet was once left out, and ``byline FILE`` stopped at once. Here
the wheel and the sdist are built for real (setuptools' own backend, no
network) and the wheel is installed into a fresh virtual environment.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import tarfile
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Repository folder -> the import name it has once installed.
PACKAGES = {"extract": "byline/extract", "tui": "byline/tui"}


def _build(kind: str, out: Path) -> Path:
    """Build the wheel or sdist with setuptools' PEP 517 backend, in a child,
    from a copy of the project's files: building writes build/ and egg-info
    beside the sources, and the checkout is not the tests' to write."""
    tree = out / "tree"
    for name in _tracked("."):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tree / name)
    code = f"from setuptools import build_meta; print(build_meta.build_{kind}({str(out)!r}))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tree, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out / done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return _build("wheel", tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def sdist(tmp_path_factory) -> Path:
    return _build("sdist", tmp_path_factory.mktemp("sdist"))


def _tracked(*folders: str) -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", *folders], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    if not listed:  # not a git checkout (an unpacked sdist): every file under the folders
        listed = [
            str(p.relative_to(ROOT))
            for f in folders
            for p in (ROOT / f).rglob("*")
            if p.is_file() and not any(part.startswith(".") or part == "build" for part in p.relative_to(ROOT).parts)
        ]
    return [name for name in listed if "__pycache__" not in name and not name.endswith(".pyc")]


def test_the_wheel_holds_every_file_of_the_packages_under_byline(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = []
    for folder, installed in PACKAGES.items():
        expected += [installed + name[len(folder) :] for name in _tracked(folder)]
    assert "byline/tui/app/byline.tcss" in expected
    assert sorted(set(expected) - names) == []


def test_byline_is_the_only_top_level_name_and_the_licences_ship(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top == {"byline"}
    assert not any(name in ("byline/__init__.py",) for name in names)  # a namespace: extract and tui
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    assert "byline/extract/_readability/LICENSE" in names
    metadata = next(zipfile.ZipFile(wheel).read(n) for n in names if n.endswith(".dist-info/METADATA"))
    text = metadata.decode()
    assert "License-Expression: MIT" in text
    assert "Curses" not in text
    assert "Classifier: Programming Language :: Python :: 3.15" in text


def test_the_sdist_carries_the_tests_with_their_fixtures(sdist):
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    wanted = [*_tracked("tests", "examples", "extract", "tui"), "LICENSE", "README.md", "pyproject.toml", "setup.py"]
    assert "tests/conftest.py" in wanted
    assert sorted(set(wanted) - names) == []
    assert not any(name.startswith((".ci/", "bench/")) for name in names)


def test_installed_into_a_fresh_venv_the_library_imports_without_textual(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )
    before = set(p.name for p in site.iterdir())
    zipfile.ZipFile(wheel).extractall(site)  # a pure wheel installs by unpacking
    added = {p.name for p in site.iterdir()} - before
    assert {name for name in added if not name.endswith(".dist-info")} == {"byline"}
    # The dependencies come from this environment (no network), without its
    # editable finder: .pth files in a folder named by a .pth line are not run.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    page = ROOT / "examples" / "harbour-bridge.html"
    check = textwrap.dedent(
        f"""
        import sys
        class Refuse:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("textual", "rich"):
                    raise ImportError("the library imported " + name)
        sys.meta_path.insert(0, Refuse())
        import byline.extract as extract
        assert extract.__file__.startswith({str(site)!r}), extract.__file__
        article = extract.extract_html(open({str(page)!r}, "rb").read())
        assert article.title and article.entities
        print("ok", article.title)
        """
    )
    done = subprocess.run([python, "-c", check], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("ok ")
