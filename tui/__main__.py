from byline.tui.cli import entry_point

entry_point()
