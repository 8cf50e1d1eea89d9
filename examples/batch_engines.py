"""byline's per-document function on Spark and Ray Data (neither is a dependency).

Both read JSONL of {"url", "html"} records, as ``byline batch`` does, and hand
pandas batches to byline: Spark's ``mapInPandas`` takes
``extract_batches`` (an iterator of DataFrames in, one of record DataFrames
out) with the record schema as a DDL string; Ray Data's ``map_batches`` takes
``extract_frame`` (a DataFrame in, a DataFrame out). Options such as
``analyse=False`` or ``ner="spacy"`` go through ``functools.partial`` or Ray's
``fn_kwargs``. Install byline on every executor or worker.

tests/batch/test_batch_record.py runs these two functions against stand-ins
that call byline exactly as Spark and Ray do.
"""

from __future__ import annotations

import functools

from byline.tui.batch import extract_batches, extract_frame, spark_schema


def records_with_spark(spark, path: str, *, analyse: bool = True):  # type: ignore[no-untyped-def]
    """A Spark DataFrame of byline records from JSONL pages at ``path``."""
    pages = spark.read.json(path)  # columns: url, html (and any of your own, kept)
    return pages.mapInPandas(functools.partial(extract_batches, analyse=analyse), schema=spark_schema())


def records_with_ray(path: str, *, analyse: bool = True):  # type: ignore[no-untyped-def]
    """A Ray Dataset of byline records from JSONL pages at ``path``."""
    import ray

    pages = ray.data.read_json(path)
    return pages.map_batches(extract_frame, batch_format="pandas", fn_kwargs={"analyse": analyse})
