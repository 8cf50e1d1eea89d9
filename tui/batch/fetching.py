"""Fetch the URLs among a stream of documents, politely.

Up to ``jobs`` fetches run at once (``byline save`` fetches 4), at most
``per_host`` of them to one host; each fetch is ``read_source`` with the same
``FetchOptions`` as ``byline save`` (deadline, size cap, user agent, cookies).
A URL whose host is busy waits without holding up the URLs of other hosts.
Documents that are not URLs pass straight through.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from urllib.parse import urlsplit

from byline.extract import ExtractError, FetchOptions, RawDocument, read_source
from byline.tui.batch.inputs import Document

#: URLs held back (their host busy) before the reader stops reading ahead.
_WAITING_MAX = 1000


def fetch_documents(
    stream: Iterator[Document], options: FetchOptions, *, jobs: int = 4, per_host: int = 2
) -> Iterator[Document]:
    """``stream`` with every unfetched URL document fetched (or failed), in completion order."""
    busy: Counter[str] = Counter()
    waiting: deque[Document] = deque()
    running: dict[Future[RawDocument], tuple[Document, str]] = {}
    exhausted = False
    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="byline-batch-fetch")
    try:
        while True:
            while len(running) < jobs:
                document = _next_startable(waiting, busy, per_host)
                if document is None and not exhausted and len(waiting) < _WAITING_MAX:
                    document = next(stream, None)
                    if document is None:
                        exhausted = True
                    elif document.input_kind != "url" or document.failure or document.content is not None:
                        yield document
                        continue
                    elif busy[host_of(document.input)] >= per_host:
                        waiting.append(document)
                        continue
                if document is None:
                    break
                host = host_of(document.input)
                busy[host] += 1
                running[pool.submit(read_source, document.input, options)] = (document, host)
            if not running:
                if exhausted and not waiting:
                    return
                continue
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                document, host = running.pop(future)
                busy[host] -= 1
                yield _fetched(document, future)
    finally:
        for future in running:
            future.cancel()
        pool.shutdown(wait=False, cancel_futures=True)


def _next_startable(waiting: deque[Document], busy: Counter[str], per_host: int) -> Document | None:
    for index, document in enumerate(waiting):
        if busy[host_of(document.input)] < per_host:
            del waiting[index]
            return document
    return None


def _fetched(document: Document, future: Future[RawDocument]) -> Document:
    try:
        raw = future.result()
    except ExtractError as exc:
        return dataclasses.replace(document, failure=(type(exc).__name__, exc.message))
    except Exception as exc:  # a bug in fetching: this URL's record says so
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        return dataclasses.replace(document, failure=(type(exc).__name__, f"{document.input}: internal error ({detail})"))
    content_type = raw.content_type or ("text/html" if raw.kind == "html" else "text/plain")
    if raw.charset:
        content_type += f"; charset={raw.charset}"
    return dataclasses.replace(
        document, content=raw.data, url=raw.url or document.input, content_type=content_type, weight=1
    )


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
