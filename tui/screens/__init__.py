"""The app's screens: the reader (``reader``) and the library screen (``library``)."""
