"""Modal dialogs: help, follow or copy a link, where to export, a yes/no question."""
