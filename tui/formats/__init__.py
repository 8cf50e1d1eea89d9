"""An article as text for people and files: ``--dump``'s plain text, and the
Markdown and JSON exports (no Textual, no Rich)."""
