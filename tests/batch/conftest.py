from __future__ import annotations

from pathlib import Path

import pytest
from batch_support import MAX_MB, run_batch, write_jsonl, write_pages, write_warc


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """tmp_path/in holding pages/, crawl.warc.gz and feed.jsonl."""
    root = tmp_path / "in"
    write_pages(root / "pages")
    write_warc(root / "crawl.warc.gz")
    write_jsonl(root / "feed.jsonl")
    return root


@pytest.fixture(scope="session")
def pool_run(tmp_path_factory):
    """One ``byline batch`` of a whole corpus on the process pool, shared by the
    tests that read its records: (the corpus, the output directory, the result)."""
    root = tmp_path_factory.mktemp("pool-run")
    corpus = root / "in"
    write_pages(corpus / "pages")
    write_warc(corpus / "crawl.warc.gz")
    write_jsonl(corpus / "feed.jsonl")
    out = root / "out"
    result = run_batch(str(corpus), "--output", str(out), "--workers", "2", "--max-mb", MAX_MB, env={"BYLINE_CONFIG": str(root / "none.toml")})
    return corpus, out, result
