"""Undo HTTP Content-Encoding ourselves, with a cap on the output.

httpx's decoders do not cap what they produce, so a 1 MB gzip body can
become gigabytes. Here every stage is asked for at most the bytes still
allowed, stacked encodings are limited (as curl does since CVE-2022-32206),
and a body that ends before its compressed stream does is reported instead
of being passed on as if it were whole.
"""

from __future__ import annotations

import zlib

from byline.extract.errors import FetchError, TooLarge, UnsupportedContent

#: Most Content-Encodings undone for one body; more is an attack, not a page.
MAX_STAGES = 4


class _Stage:
    """One decompressor: gzip, or deflate (zlib-wrapped by the spec, raw by some servers)."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._obj: zlib._Decompress | None = None
        self._head = b""
        self.received = 0
        if encoding in {"gzip", "x-gzip"}:
            self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)

    @property
    def eof(self) -> bool:
        return self._obj is not None and self._obj.eof

    @property
    def pending(self) -> bytes:
        return self._obj.unconsumed_tail if self._obj is not None else b""

    def decompress(self, data: bytes, max_length: int) -> bytes:
        self.received += len(data)
        if self._obj is None:
            # deflate: the first two bytes tell a zlib header from a raw stream.
            self._head += data
            if len(self._head) < 2:
                return b""
            data, self._head = self._head, b""
            zlib_header = data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
            self._obj = zlib.decompressobj(zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS)
        if self._obj.eof:
            return b""  # trailing bytes after the stream: ignored, as browsers do
        return self._obj.decompress(data, max_length)

    def resume(self, max_length: int) -> bytes:
        assert self._obj is not None
        return self._obj.decompress(self._obj.unconsumed_tail, max_length)


class StreamDecoder:
    """Undo Content-Encoding (stacked ones included) with a cap on the output.

    Feed raw chunks as they arrive; :meth:`finish` returns the body. Raises
    :class:`TooLarge` as soon as the output passes ``limit`` bytes, so a bomb
    costs at most ``limit`` bytes of memory, never its decompressed size.
    ``warnings`` notes a compressed stream that was cut short.
    """

    def __init__(self, encodings: list[str], limit: int, name: str) -> None:
        self.limit = limit
        self.name = name
        self.out: list[bytes] = []
        self.size = 0
        self.warnings: list[str] = []
        if len(encodings) > MAX_STAGES:
            raise UnsupportedContent(
                f"{name}: the server stacked {len(encodings)} Content-Encodings; "
                f"byline undoes at most {MAX_STAGES}",
                source=name,
            )
        for encoding in encodings:
            if encoding not in {"gzip", "x-gzip", "deflate"}:
                raise UnsupportedContent(
                    f"{name}: the server used an unsupported Content-Encoding ({encoding})",
                    source=name,
                )
        # Encodings are listed in the order applied: undo them last to first.
        self.stages = [_Stage(encoding) for encoding in reversed(encodings)]
        # An intermediate stage holds compressed data: a little larger than the
        # output at worst (stored blocks), never much larger.
        self._slack = limit + limit // 64 + 4096

    def feed(self, chunk: bytes) -> None:
        for position, stage in enumerate(self.stages):
            chunk = self._run(stage, chunk, last=position == len(self.stages) - 1)
        self._emit(chunk)

    def finish(self) -> bytes:
        """Drain every stage and return the whole body."""
        chunk = b""
        unfinished = []
        for position, stage in enumerate(self.stages):
            chunk = self._run(stage, chunk, last=position == len(self.stages) - 1)
            if not stage.eof:
                unfinished.append(stage.encoding)
        self._emit(chunk)
        if unfinished and not self.size:
            raise FetchError(
                f"{self.name}: the compressed page is corrupt or empty "
                f"(its {unfinished[0]} stream never ended)",
                source=self.name,
            )
        if unfinished:
            self.warnings.append(
                f"the page's {unfinished[0]} stream ended early: the article may be cut short"
            )
        return b"".join(self.out)

    def _run(self, stage: _Stage, data: bytes, *, last: bool) -> bytes:
        budget = (self.limit - self.size if last else self._slack) + 1
        pieces = [self._guard(stage.decompress, data, budget)]
        total = len(pieces[0])
        while stage.pending and total < budget:
            before = len(stage.pending)
            piece = self._guard(stage.resume, budget - total)
            pieces.append(piece)
            total += len(piece)
            if not piece and len(stage.pending) >= before:
                break  # no progress: a corrupt stream, reported by finish()
        if total >= budget:
            self._too_large()
        return b"".join(pieces)

    def _guard(self, call, *args):  # type: ignore[no-untyped-def]
        try:
            return call(*args)
        except zlib.error:
            raise FetchError(
                f"{self.name}: the compressed page is corrupt (bad {self._encodings()} data)",
                source=self.name,
            ) from None

    def _too_large(self) -> None:
        grows = "decompresses to" if self.stages else "is"
        raise TooLarge(
            f"{self.name}: {grows} more than the {size_text(self.limit)} limit", source=self.name
        )

    def _encodings(self) -> str:
        return "+".join(stage.encoding for stage in reversed(self.stages))

    def _emit(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > self.limit:
            self._too_large()
        if chunk:
            self.out.append(chunk)


def gunzip_capped(data: bytes, limit: int, name: str) -> tuple[bytes, list[str]]:
    """Decompress a gzip file's bytes, stopping at ``limit`` bytes of output;
    return the bytes and any warning (a truncated file)."""
    decoder = StreamDecoder(["gzip"], limit, name)
    decoder.feed(data)
    return decoder.finish(), decoder.warnings


def over_limit(size: int, limit: int) -> str:
    """ "12 MB is over the 10 MB limit", exact when rounding would hide the difference."""
    shown = size_text(size) if size_text(size) != size_text(limit) else f"{size:,} bytes"
    return f"{shown} is over the {size_text(limit)} limit"


def size_text(n: int) -> str:
    """A byte count for people: 512 bytes, 64 KB, 10 MB, 1.5 MB."""
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if n >= 1024:
        return f"{n // 1024} KB"
    return f"{n} bytes"
