"""The Textual app: the App class, the start-up and the terminal handover, the
child that opens the first article, themes, the command palette, the writer
that keeps the library, and the stylesheet."""
