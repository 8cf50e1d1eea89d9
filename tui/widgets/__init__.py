"""The reader's widgets; ``layout`` and ``ranges`` are pure and import no Textual."""
