"""The command line: ``byline [SOURCE]``, ``--dump``/``--json``/``--export``,
and the subcommands. No Textual here: the app is started through
``byline.tui.app.startup`` only when it will run."""
