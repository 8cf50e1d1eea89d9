"""Installed, byline is one import name: ``byline.extract`` (the library, from
the ``extract/`` folder) and ``byline.tui`` (the app and the command line, from
``tui/``). pyproject.toml cannot list packages under a prefix, so they are
found here; everything else about the project is in pyproject.toml.
"""

from setuptools import find_packages, setup

FOLDERS = {"byline.extract": "extract", "byline.tui": "tui"}


def packages() -> list[str]:
    found = []
    for name, folder in FOLDERS.items():
        found.append(name)
        found.extend(f"{name}.{sub}" for sub in find_packages(folder))
    return found


setup(packages=packages(), package_dir=FOLDERS)
