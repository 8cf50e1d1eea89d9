"""Modal dialogs: help, open a source, follow a link."""
