"""The widgets: the article pane (``article``), the side panes, the library
list, the status line, the key bar, the tab strip and the input fields. They
post messages up and never reach into a screen."""
