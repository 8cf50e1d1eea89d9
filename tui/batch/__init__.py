"""``byline batch``: byline's extraction over a corpus, on every core or on a Dask cluster.

The per-document function is :func:`extract_record` (bytes or text in, one
record out, never raising for a bad document); :func:`extract_frame` and
:func:`extract_batches` apply it to pandas batches, as Ray Data's
``map_batches`` and Spark's ``mapInPandas`` call them. The command line
(``byline batch``) is in :mod:`byline.tui.batch.cli`.

Nothing here imports Textual or Rich.
"""

from __future__ import annotations

from byline.tui.batch.record import (
    FIELD_NAMES,
    FIELDS,
    extract_batches,
    extract_frame,
    extract_record,
    spark_schema,
)

__all__ = [
    "FIELDS",
    "FIELD_NAMES",
    "extract_batches",
    "extract_frame",
    "extract_record",
    "spark_schema",
]
