"""A big delimited file as a sequence of byte blocks cut at record boundaries, each parsed
by polars with the whole-file fast path's options: bounded memory, same records.

Why not polars' own streaming scan: ``scan_csv(...).collect_batches()`` (and
``sink_batches``) read ahead of the consumer, so a slow consumer (rules) lets the whole
file pile up in memory (measured: ~600 MB of a 700 MB file buffered). Here nothing is
read before the previous block was handed over.

A block ends after a newline that is outside quotes. With RFC 4180 quoting (every
exporter writes it: a quote inside a value is doubled, a value holding one is quoted)
"outside quotes" is "an even number of quote characters since the block start" (blocks
always start at a record start). A stray, unescaped quote breaks that count; then no
cut is found, the block grows, and past :data:`MAX_BLOCK_FACTOR` blocks it is cut at
its last newline anyway (the count starts afresh there), so memory stays bounded
even for broken quoting. The record just before such a forced cut may read differently
from the whole-file reader; well-formed files read identically (tested).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import polars as pl

from listlint.loader import delimited

#: bytes read per block (about 23,000 listings of a typical export). Peak memory grows
#: with it (measured on 1M listings: 16 MB -> 440 MB peak, 64 MB -> 725 MB) while
#: throughput hardly changes
BLOCK_BYTES = 16 * 1024 * 1024
#: a block with no cut after this many blocks' worth of bytes is cut at any newline
MAX_BLOCK_FACTOR = 4
_BOM = b"\xef\xbb\xbf"


def find_cut(buf: bytes, quote: bytes = b'"') -> int:
    """Index just after the last newline outside quotes that is followed by more data
    on a non-blank line (so the next block never starts with a blank line, which a
    parser may skip at the start of input), or -1 when there is none."""
    pos = buf.rfind(b"\n", 0, len(buf) - 1)
    quotes = buf.count(quote, 0, pos) if pos >= 0 else 0
    while pos >= 0:
        if quotes % 2 == 0 and buf[pos + 1 : pos + 2] not in (b"\n", b"\r"):
            return pos + 1
        prev = buf.rfind(b"\n", 0, pos)
        quotes -= buf.count(quote, prev + 1 if prev >= 0 else 0, pos)
        pos = prev
    return -1


#: ``on_note(kind, record, line)``: something a block's reading noticed
#: ("unterminated-quote" at a record; "encoding-fallback" at a line)
Note = Callable[[str, int, int], None]


def read_blocks(
    path: Path,
    delimiter: str,
    width: int,
    block_bytes: int | None = None,
    columns: list[str] | None = None,
    transcode: bool = False,
    on_note: Note | None = None,
    spans: list[tuple[int, int]] | None = None,
    on_spans: Callable[[list[tuple[int, int]]], None] | None = None,
) -> Iterator[pl.DataFrame]:
    """Records of ``path`` as frames (``__n`` = record number from 1, ``c0..c{width}``,
    or only ``columns`` of those: a projection parses faster). ``transcode``: the file
    is not all UTF-8; each block is decoded as :mod:`.textcodec` does (cp1252 where
    UTF-8 fails) and parsed as UTF-8 (blocks end at a newline, which no encoding
    listlint reads this way splits).

    ``on_spans`` is given the file offsets (start, end) of every block once all are
    read; passing them back as ``spans`` reads the same blocks again without looking
    for the cuts (the streamed loader's key pass and record pass read one file)."""
    size = block_bytes or BLOCK_BYTES
    options = delimited.polars_csv_options(delimiter, width)
    if columns is not None:  # by position: named projection clashes with has_header=False
        options["columns"] = [int(c[1:]) for c in columns]
    done = 0
    lines = 1

    def parse(block: bytes) -> pl.DataFrame:
        nonlocal lines
        if transcode:
            block, lines = _transcode(block, lines, on_note)
        return _parse(block, options, done, on_note)

    found: list[tuple[int, int]] = []
    with path.open("rb") as fh:
        for start, block in _cut_blocks(fh, size) if spans is None else _spans(fh, spans):
            found.append((start, start + len(block)))
            frame = parse(block)
            done += frame.height
            yield frame
    if on_spans is not None:
        on_spans(found)


def _cut_blocks(fh: BinaryIO, size: int) -> Iterator[tuple[int, bytes]]:
    """(file offset, bytes) of each block, cut at record boundaries. The file is read
    ``size`` bytes at a time (from its start, a byte-order mark skipped) and a block
    ends at the last cut (:func:`find_cut`) of what is read and not yet handed out;
    the rest, read again from the file with the next ``size`` bytes, begins the next
    block (a concatenation copied each 16 MB block once more)."""
    head = fh.read(min(len(_BOM), size))
    start = len(_BOM) if head == _BOM else 0  # where the next block begins
    end = 0  # the file is read up to here
    while True:
        before, end = end, end + size
        fh.seek(start)
        buf = fh.read(end - start)
        if start + len(buf) <= max(before, start):  # nothing new: the end of the file
            if buf:
                yield start, buf
            return
        cut = find_cut(buf)
        if cut < 0 and len(buf) >= size * MAX_BLOCK_FACTOR:
            cut = buf.rfind(b"\n", 0, len(buf) - 1) + 1  # broken quoting: cut anyway
        if cut <= 0:
            continue  # a record longer than a block so far: read on
        block = buf[:cut]
        buf = b""
        yield start, block
        start += cut


def _spans(fh: BinaryIO, spans: list[tuple[int, int]]) -> Iterator[tuple[int, bytes]]:
    """The blocks an earlier pass cut, read again."""
    for start, end in spans:
        fh.seek(start)
        yield start, fh.read(end - start)


def _transcode(block: bytes, lines: int, on_note: Note | None) -> tuple[bytes, int]:
    """The block as UTF-8 and the line number the next block starts at."""
    from listlint.loader.textcodec import legacy, stray_lines

    text = block.decode("utf-8", errors="surrogateescape")
    if on_note is not None:
        bad, _ = stray_lines(text, lines)
        for line in bad:
            on_note("encoding-fallback", 0, line)
    return legacy(text).encode("utf-8"), lines + block.count(b"\n")


def _parse(block: bytes, options: dict, done: int, on_note: Note | None = None) -> pl.DataFrame:
    try:
        # a block may start with a ragged row; extra cells still reach the overflow column
        frame = pl.read_csv(block, extra_columns="ignore", **options)
    except Exception:  # polars refuses broken quoting: read this block exactly instead
        frame = _parse_exact(block, len(options["schema"]) - 1, options["separator"])
        if on_note is not None and block.count(b'"') % 2 == 1 and frame.height:
            # a quote opened and never closed in this block: its last record swallowed
            # the rest of the block (the whole-file reader reports the same as DT106)
            on_note("unterminated-quote", done + frame.height, 0)
        if "columns" in options:
            frame = frame.select(f"c{i}" for i in options["columns"])
    return frame.with_row_index("__n", offset=done + 1)


def _parse_exact(block: bytes, width: int, delimiter: str) -> pl.DataFrame:
    """The csv module's reading of one block, in the polars layout: ``c0..c{width-1}``
    plus the overflow column holding any extra cells."""
    import csv
    import io
    import sys

    # Python's csv module stops at fields over 131,072 characters unless told (M9)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    text = block.decode("utf-8", errors="replace")
    rows = []
    for cells in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False):
        cells = [c if c != "" else None for c in cells]
        extra = [c for c in cells[width:] if c]
        rows.append([*(cells + [None] * width)[:width], delimiter.join(extra) or None])
    schema = {f"c{i}": pl.Utf8 for i in range(width + 1)}
    return pl.DataFrame(rows or None, schema=schema, orient="row")
