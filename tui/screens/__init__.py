"""The app's screens: the library (start) screen and the reader, with the reader's mixins."""
