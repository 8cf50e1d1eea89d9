"""The app's screens: the start screen and the reader."""
