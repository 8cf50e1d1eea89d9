"""The entity engines by name, and the one error for an engine that cannot run."""

from __future__ import annotations

from byline.extract.errors import ExtractError

#: The engines a user may choose (``--ner``), the default first.
ENGINES = ("rules", "spacy")


class EngineUnavailable(ExtractError):
    """The chosen entity engine cannot run here: an unknown name, or the
    ``spacy`` engine without the ``nlp`` extra installed."""

    #: A set-up problem, like a bad option: the CLI's usage exit status.
    exit_code = 2
