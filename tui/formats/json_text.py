"""JSON as byline writes it everywhere: ``--json``, ``--export json``,
``save --json``, ``library … --json`` (and the feeds' and batch's records).

One writer, so every command keeps the same promise: the JSON is the same
value, but no character a terminal could act on is written raw — C1 controls,
bidi controls, line separators, a byte-order mark and lone surrogates (a file
name that is not UTF-8) become ``\\u`` escapes. JSON's own escaping already
covers C0 controls and DEL is escaped here too.
"""

from __future__ import annotations

import json
import re

# Characters JSON may carry raw but a terminal could act on.
_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u206a-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]")


def json_text(data: object, *, indent: int | None = 2) -> str:
    """``data`` as JSON (indented by default) whose bytes hold no terminal controls."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"
