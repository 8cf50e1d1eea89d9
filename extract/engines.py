"""The entity engines by name, the default first: what ``--ner``, the config
file and ``annotate(ner=…)`` accept. (An engine that cannot run raises
``errors.EngineUnavailable``.) A module of its own so that naming the engines
imports none of them."""

from __future__ import annotations

ENGINES = ("rules", "spacy")
