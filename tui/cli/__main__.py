from byline.tui.cli.main import entry_point

entry_point()
