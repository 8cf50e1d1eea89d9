"""``byline batch --dask``: the same records as the process pool, one part per
partition, and --resume skipping the partitions already written. One
LocalCluster of two workers serves the module."""

from __future__ import annotations

from pathlib import Path

import pytest
from batch_support import MAX_MB, by_source, read_records, write_pages

from byline.tui.cli.main import main as byline


def batch(arguments: list[str]) -> int:
    return byline(["batch", *arguments])

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_dask_gives_the_records_the_process_pool_gives(pool_run, tmp_path, scheduler, capsys):
    corpus, pool, result = pool_run
    cluster = tmp_path / "cluster"

    assert result.returncode == 0, result.stderr
    assert batch([str(corpus), "-o", str(cluster), "--dask", scheduler, "--format", "parquet", "--max-mb", MAX_MB]) == 0

    assert "Traceback" not in capsys.readouterr().err
    expected = by_source(read_records(pool))
    found = by_source(read_records(cluster))
    assert len(found) == 14
    assert found == expected
    # One part per partition: the pages together, the WARC, the JSONL file.
    assert sorted(path.suffix for path in cluster.iterdir()) == [".parquet"] * 3


def test_resume_on_dask_redoes_only_the_missing_partition(corpus, tmp_path, scheduler, capsys):
    out = tmp_path / "out"
    arguments = [str(corpus), "-o", str(out), "--dask", scheduler, "--no-analyse", "--max-mb", MAX_MB]
    assert batch(arguments) == 0
    first = by_source(read_records(out))
    warc_part = next(part for part in out.iterdir() if "news.example" in part.read_text(encoding="utf-8"))
    warc_part.unlink()
    capsys.readouterr()

    assert batch([*arguments, "--resume"]) == 0

    assert "byline: 4 records (2 without an article)" in capsys.readouterr().err  # the WARC's four, again
    assert by_source(read_records(out)) == first


def test_dask_alone_starts_a_local_cluster_of_single_threaded_workers(tmp_path, scheduler, monkeypatch, capsys):
    import dask.distributed

    pages = write_pages(tmp_path / "pages")
    for name in ("picture.html", "huge.html", "menu-only.html", "harbour.html.gz"):
        (pages / name).unlink()
    out = tmp_path / "out"
    started: list[dict] = []

    class ModuleCluster:
        """Stands for the LocalCluster byline starts: the module's own, left running."""

        def __init__(self, **options):
            started.append(options)
            self.scheduler_address = scheduler

        def close(self):
            pass

    monkeypatch.setattr(dask.distributed, "LocalCluster", ModuleCluster)
    real_client = dask.distributed.Client
    monkeypatch.setattr(dask.distributed, "Client", lambda cluster, **kw: real_client(cluster.scheduler_address, **kw))

    assert batch(["--dask", str(pages), "-o", str(out), "--workers", "3", "--no-analyse"]) == 0

    assert capsys.readouterr().err.splitlines()[-1].startswith("byline: 2 records")
    assert [(options["n_workers"], options["threads_per_worker"]) for options in started] == [(3, 1)]
    assert Path(started[0]["local_directory"]).parent == out  # its scratch space is inside OUT, and gone after
    assert [path.name.startswith("part-") for path in out.iterdir()] == [True]
    assert {record["title"] for record in read_records(out)} == {
        "Village bakery becomes a cooperative after owner retires",
        "Tram line to reach the hospital by next spring",
    }
