"""The article pane: ``view.ArticleView`` draws the lines that ``lines``
lays out (wrapped by ``wrap``), painting the ``ranges`` layers over them
(``painter``)."""
