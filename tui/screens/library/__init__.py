"""The library screen (``byline`` alone, ``o`` in the reader): ``screen.StartScreen``,
and ``edits``, what it changes in the library."""
