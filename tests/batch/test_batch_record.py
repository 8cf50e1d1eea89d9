"""The per-document function as other engines call it: plain values in, a record
out, never an exception; pandas batches the way Spark's mapInPandas and Ray
Data's map_batches hand them over (examples/batch_engines.py, run against
stand-ins for both, so neither is needed)."""

from __future__ import annotations

import importlib.util
import io
import pickle
import sys
import types
from pathlib import Path

import pandas
import pyarrow as pa
from batch_support import PAGES, PICTURE

import byline.extract
from byline.tui.batch import FIELD_NAMES, extract_batches, extract_frame, extract_record, spark_schema
from byline.tui.batch.progress import Progress
from byline.tui.batch.writers import parquet_schema

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "batch_engines.py"
BAKERY = (PAGES / "bakery-cooperative.html").read_text(encoding="utf-8")
TRAM = (PAGES / "tram-extension.txt").read_text(encoding="utf-8")


def load_example() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("batch_engines", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class SparkFrame:
    """What the example touches of a Spark DataFrame: mapInPandas hands the
    function an iterator of pandas batches and takes the batches it yields."""

    def __init__(self, batches: list[pandas.DataFrame]) -> None:
        self.batches = batches

    def mapInPandas(self, function, schema):  # noqa: N802 - Spark's name
        self.schema = schema
        return pandas.concat(list(function(iter(self.batches))), ignore_index=True)


class RayDataset:
    def __init__(self, batches: list[pandas.DataFrame]) -> None:
        self.batches = batches

    def map_batches(self, function, *, batch_format, fn_kwargs=None):
        assert batch_format == "pandas"
        return pandas.concat([function(batch, **(fn_kwargs or {})) for batch in self.batches], ignore_index=True)


def page_batches() -> list[pandas.DataFrame]:
    return [
        pandas.DataFrame({"id": [7, 8], "url": ["https://gazette.example/bakery", None], "html": [BAKERY, TRAM]}),
        pandas.DataFrame({"id": [9, 10], "url": ["https://gazette.example/picture", None], "html": [PICTURE, None]}),
    ]


def test_spark_map_in_pandas_gets_a_record_per_row_in_the_declared_schema():
    example = load_example()
    spark = types.SimpleNamespace(read=types.SimpleNamespace(json=lambda path: SparkFrame(page_batches())))

    records = example.records_with_spark(spark, "pages.jsonl")

    assert list(records.columns) == ["id", *FIELD_NAMES]  # the caller's own columns are kept
    assert list(records["id"]) == [7, 8, 9, 10]
    assert records.loc[0, "title"] == "Village bakery becomes a cooperative after owner retires"
    assert records.loc[0, "url"] == "https://gazette.example/bakery"
    assert records.loc[1, "title"] == "Tram line to reach the hospital by next spring"
    assert records.loc[2, "error_class"] == "UnsupportedContent"
    assert (records.loc[3, "error_class"], records.loc[3, "error"]) == ("InputError", "document: no page content")
    schema = spark_schema()
    assert schema.startswith("`input` STRING, `input_kind` STRING, `offset` BIGINT, `line` BIGINT, `record_id` STRING")
    assert "`blocks` ARRAY<STRUCT<`kind`: STRING, `start`: INT, `end`: INT, `level`: INT>>" in schema
    assert "`mentions`: ARRAY<ARRAY<INT>>" in schema
    assert all(f"`{name}` " in schema for name in FIELD_NAMES)
    # What Spark's Arrow conversion does with the batches: they fit the schema as declared.
    table = pa.Table.from_pandas(records[list(FIELD_NAMES)], schema=parquet_schema(), preserve_index=False)
    assert table.num_rows == 4


def test_ray_map_batches_passes_options_through(monkeypatch):
    example = load_example()
    ray = types.ModuleType("ray")
    ray.data = types.SimpleNamespace(read_json=lambda path: RayDataset(page_batches()))
    monkeypatch.setitem(sys.modules, "ray", ray)

    records = example.records_with_ray("pages.jsonl", analyse=False)

    assert len(records) == 4
    assert records.loc[0, "engine"] is None and records.loc[0, "entities"] == []
    assert records.loc[0, "text"].startswith("The only bakery in Ashby Dale")


def test_the_functions_travel_to_other_processes():
    for function in (extract_record, extract_frame, extract_batches):
        assert pickle.loads(pickle.dumps(function)) is function


def test_a_bug_in_extraction_is_a_record_not_an_exception(monkeypatch):
    def broken(raw, **options):
        raise RuntimeError("stage fell over")

    monkeypatch.setattr(byline.extract, "extract_document", broken)

    record = extract_record(BAKERY, url="https://gazette.example/bakery")

    assert record["error_class"] == "RuntimeError"
    assert record["error"].startswith("https://gazette.example/bakery: internal error (RuntimeError: stage fell over)")
    assert record["text"] is None and record["url"] == "https://gazette.example/bakery"


def test_bytes_honour_the_declared_charset_and_refuse_what_is_not_a_page():
    page = BAKERY.replace('<meta charset="utf-8">', "").replace("£", "€").replace("“", '"').replace("”", '"')
    latin = page.encode("iso-8859-15")

    record = extract_record(latin, url="https://gazette.example/b", content_type="text/html; charset=ISO-8859-15")
    refused = extract_record(b"{}", source="data.json", content_type="application/json")
    empty = extract_record("  \n", source="blank.html")

    assert "raised €84,000" in record["text"]
    assert (refused["error_class"], refused["error"].split(":")[0]) == ("UnsupportedContent", "data.json")
    assert empty["error_class"] == "NotAnArticle"


def test_progress_shows_rate_and_eta_on_a_terminal_only():
    shown, quiet = io.StringIO(), io.StringIO()
    progress = Progress(1000, stream=shown, show=True)
    progress.started -= 10  # ten seconds in
    progress.add(250, failed=1)
    Progress(1000, stream=quiet).add(250, failed=0)  # a StringIO is no terminal

    assert "1 documents · 0.1/s · 1 without an article · 25% · ETA 30s" in shown.getvalue()
    assert quiet.getvalue() == ""
