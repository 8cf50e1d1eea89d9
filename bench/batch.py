#!/usr/bin/env python3
"""``byline batch`` at corpus scale: throughput on every core, memory, and trafilatura beside it.

    python bench/batch.py DATA_DIR [--pages N] [--single N] [--repeat K] [--small N] [--large N]

DATA_DIR is in the article-extraction benchmark's layout (``html/<id>.html.gz``);
its pages are replicated in a temporary directory to make volume (never in the
repository). In one run, interleaved, medians of ``--repeat`` runs:

* throughput: ``byline batch`` on N = the machine's cores against the same
  per-document work in this one process, with analysis and without; the
  target is N-core docs/s ≥ 0.8 × N × single-process docs/s;
* memory: the peak resident memory of the whole process tree (parent and
  workers) reading a WARC of ``--small`` and of ``--large`` documents: flat
  means the two peaks are about equal;
* per core: byline's docs/s beside trafilatura's own ``extract`` on the same
  decoded pages (trafilatura is installed for the bench only);
* WARC readers: warcio (what byline uses) and fastwarc, when installed, on the
  same archive, and what reading costs beside extracting.

Needs psutil (the dask extra brings it); trafilatura and fastwarc are optional.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from byline.tui.batch.inputs import Document  # noqa: E402
from byline.tui.batch.record import RecordOptions, extract_record  # noqa: E402
from byline.tui.batch.runner import default_workers  # noqa: E402
from byline.tui.batch.work import document_record, start_worker  # noqa: E402

BYLINE = Path(sys.executable).with_name("byline")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--pages", type=int, default=640, help="documents per N-core run (default 640)")
    parser.add_argument("--single", type=int, default=160, help="documents per single-process run (default 160)")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each, interleaved (median taken)")
    parser.add_argument("--small", type=int, default=1000, help="documents in the smaller memory run")
    parser.add_argument("--large", type=int, default=10000, help="documents in the larger memory run")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    if importlib.util.find_spec("psutil") is None:
        print("bench/batch.py needs psutil (it comes with the dask extra)", file=sys.stderr)
        return 2

    sources = sorted((args.data_dir / "html").glob("*.html.gz"))
    if not sources:
        print(f"no html/*.html.gz under {args.data_dir}", file=sys.stderr)
        return 2
    cores = default_workers()
    print(f"machine: {cores} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {len(sources)} pages")
    with tempfile.TemporaryDirectory(prefix="byline-bench-batch-") as scratch:
        root = Path(scratch)
        pages = replicate(sources, root / "pages", args.pages)
        single = throughput(pages, cores, args)
        per_core(sources)
        warc_small = write_warc(sources, root / "small.warc.gz", args.small)
        readers(warc_small, single)
        if not args.skip_memory:
            warc_large = write_warc(sources, root / "large.warc.gz", args.large)
            memory(root, warc_small, warc_large, args)
    return 0


# ------------------------------------------------------------------ corpus


def replicate(sources: list[Path], directory: Path, count: int) -> list[Path]:
    """``count`` page files (symbolic links to the benchmark's pages, in turn)."""
    directory.mkdir(parents=True)
    made = []
    for n in range(count):
        source = sources[n % len(sources)]
        link = directory / f"{n:06d}-{source.name}"
        link.symlink_to(source.resolve())
        made.append(link)
    return made


def write_warc(sources: list[Path], path: Path, count: int) -> Path:
    """A gzipped WARC of ``count`` HTTP response records cycling through the pages."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    bodies = [gzip.decompress(source.read_bytes()) for source in sources]
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n in range(count):
            body = bodies[n % len(bodies)]
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://bench.example/{n}", "response", payload=io.BytesIO(body), http_headers=http
            )
            writer.write_record(record)
    return path


# -------------------------------------------------------------- throughput


def single_process(pages: list[Path], options: RecordOptions) -> tuple[float, float]:
    """Docs/s and CPU seconds per doc of a worker's own work (read the page, extract,
    make the record) in this process."""
    start_worker(options, ignore_interrupt=False)
    started, cpu = time.perf_counter(), time.process_time()
    for page in pages:
        document_record(Document(str(page), "file"), options)
    return len(pages) / (time.perf_counter() - started), (time.process_time() - cpu) / len(pages)


def pool(pages_dir: Path, out: Path, workers: int, analyse: bool) -> tuple[float, float]:
    """Docs/s of ``byline batch`` on ``workers`` processes, from command to exit, and the
    CPU seconds per doc of its whole process tree (parent, workers, their server)."""
    shutil.rmtree(out, ignore_errors=True)
    command = [str(BYLINE), "batch", str(pages_dir), "-o", str(out), "--workers", str(workers)]
    if not analyse:
        command.append("--no-analyse")
    count = sum(1 for _ in pages_dir.iterdir())
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    watched = _watch(child)
    if child.wait() != 0:
        raise SystemExit(f"byline batch failed: {' '.join(command)}")
    return count / (time.perf_counter() - started), watched.cpu / count


def throughput(pages: list[Path], cores: int, args: argparse.Namespace) -> float:
    """Print the N-core against single-process figures; return single-process docs/s with analysis."""
    out = pages[0].parent.parent / "out"
    rates = []
    for analyse in (True, False):
        options = RecordOptions(analyse=analyse)
        singles, pools = [], []
        for _ in range(args.repeat):
            singles.append(single_process(pages[: args.single], options))
            pools.append(pool(pages[0].parent, out, cores, analyse))
        single = statistics.median(rate for rate, _cpu in singles)
        many = statistics.median(rate for rate, _cpu in pools)
        single_cpu = statistics.median(cpu for _rate, cpu in singles)
        pool_cpu = statistics.median(cpu for _rate, cpu in pools)
        rates.append(single)
        label = "with analysis" if analyse else "without analysis"
        print(
            f"throughput {label}: single process {single:.1f} docs/s; byline batch on N={cores} "
            f"{many:.1f} docs/s = {many / (cores * single):.2f} × N × single (target ≥ 0.80); "
            f"CPU per document {1000 * single_cpu:.0f} ms alone, {1000 * pool_cpu:.0f} ms in byline batch "
            f"(parent, workers, start-up) = {single_cpu / pool_cpu:.2f} efficiency; "
            f"{args.pages} docs per run, median of {args.repeat}"
        )
    shutil.rmtree(out, ignore_errors=True)
    return rates[0]


def per_core(sources: list[Path]) -> None:
    """Docs/s on one core: byline's per-document function and trafilatura's extract, same pages, interleaved."""
    try:
        import trafilatura
    except ImportError:
        print("per core: trafilatura is not installed (pip install trafilatura): no comparison")
        return
    pages = [gzip.decompress(source.read_bytes()).decode("utf-8", "replace") for source in sources]
    rates: dict[str, list[float]] = {"byline with analysis": [], "byline without analysis": [], "trafilatura": []}
    extract_record(pages[0])  # tables loaded before timing
    for _ in range(3):
        for name in rates:
            started = time.perf_counter()
            for page in pages:
                if name == "trafilatura":
                    trafilatura.extract(page)
                else:
                    extract_record(page, analyse=name.endswith("with analysis"))
            rates[name].append(len(pages) / (time.perf_counter() - started))
    traf = statistics.median(rates["trafilatura"])
    parts = [f"{name} {statistics.median(values):.1f}" for name, values in rates.items()]
    ratios = [f"{statistics.median(rates[name]) / traf:.2f}" for name in ("byline with analysis", "byline without analysis")]
    print(
        f"per core (docs/s, {len(pages)} pages, median of 3): {'; '.join(parts)}; "
        f"byline/trafilatura {ratios[0]} with analysis, {ratios[1]} without "
        f"(trafilatura {trafilatura.__version__}: text and metadata, no entities or quotes)"
    )


# ----------------------------------------------------------------- readers


def readers(warc: Path, single_rate: float) -> None:
    """Records/s of warcio and fastwarc reading every response payload, decoded, of one WARC."""
    from warcio.archiveiterator import ArchiveIterator

    def with_warcio() -> tuple[int, int]:
        count = size = 0
        with warc.open("rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                if record.rec_type == "response":
                    size += len(record.content_stream().read())
                    records.get_record_offset()
                    count += 1
        return count, size

    def with_fastwarc() -> tuple[int, int]:
        from fastwarc.warc import ArchiveIterator as FastIterator
        from fastwarc.warc import WarcRecordType

        count = size = 0
        with warc.open("rb") as handle:
            for record in FastIterator(handle, record_types=WarcRecordType.response, auto_decode="all"):
                size += len(record.reader.read())
                record.stream_pos  # noqa: B018 - the offset, as byline records it
                count += 1
        return count, size

    contenders = {"warcio": with_warcio}
    if importlib.util.find_spec("fastwarc") is not None:
        contenders["fastwarc"] = with_fastwarc
    times: dict[str, list[float]] = {name: [] for name in contenders}
    count = size = 0
    for _ in range(3):
        for name, read in contenders.items():
            started = time.perf_counter()
            count, size = read()
            times[name].append(time.perf_counter() - started)
    extract_ms = 1000 / single_rate
    parts = []
    for name, values in times.items():
        seconds = statistics.median(values)
        per_record = 1000 * seconds / count
        parts.append(
            f"{name} {count / seconds:,.0f} records/s ({size / seconds / 1e6:.0f} MB/s decoded, "
            f"{per_record:.2f} ms/record = {per_record / extract_ms:.1%} of extracting one)"
        )
    print(f"WARC readers ({count:,} records, median of 3): " + "; ".join(parts))


# ------------------------------------------------------------------ memory


def memory(root: Path, small: Path, large: Path, args: argparse.Namespace) -> None:
    peaks = []
    for warc, count in ((small, args.small), (large, args.large)):
        out = root / f"out-{count}"
        command = [str(BYLINE), "batch", str(warc), "-o", str(out)]
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        watched = _watch(child)
        child.wait()
        seconds = time.perf_counter() - started
        peaks.append(watched.total)
        total, parent, worker = watched.total, watched.parent, watched.worker
        print(
            f"memory, {count:,} documents from one WARC ({warc.stat().st_size / 1e6:.0f} MB): peak {total / 2**20:.0f} MiB "
            f"for the process tree (parent {parent / 2**20:.0f} MiB, largest worker {worker / 2**20:.0f} MiB); "
            f"{count / seconds:.1f} docs/s"
        )
        shutil.rmtree(out, ignore_errors=True)
    ratio = peaks[1] / peaks[0]
    print(f"memory: peak at {args.large:,} / peak at {args.small:,} documents = {ratio:.2f} (flat is ≈ 1.00)")


@dataclass
class Watched:
    """Peaks of resident memory (bytes) and the CPU seconds of a process tree."""

    total: int = 0
    parent: int = 0
    worker: int = 0
    cpu: float = 0.0


def _watch(child: subprocess.Popen) -> Watched:  # type: ignore[type-arg]
    """Sample ``child`` and its descendants every 0.2 s until it exits: memory peaks, and
    CPU time as each process was last seen (a process's last 0.2 s may be missed)."""
    import psutil

    watched = Watched()
    cpu: dict[int, float] = {}
    try:
        process = psutil.Process(child.pid)
    except psutil.Error:
        return watched
    while child.poll() is None:
        sizes = []
        for member in [process, *_descendants(process)]:
            try:
                with member.oneshot():
                    sizes.append(member.memory_info().rss)
                    times = member.cpu_times()
                    cpu[member.pid] = times.user + times.system
            except psutil.Error:
                pass
        if sizes:
            watched.total = max(watched.total, sum(sizes))
            watched.parent = max(watched.parent, sizes[0])
            watched.worker = max(watched.worker, max(sizes[1:], default=0))
        time.sleep(0.2)
    watched.cpu = sum(cpu.values())
    return watched


def _descendants(process) -> list:  # type: ignore[no-untyped-def]
    import psutil

    try:
        return process.children(recursive=True)
    except psutil.Error:
        return []


if __name__ == "__main__":
    sys.exit(main())
