"""Parquet: limits checked on the footer before any page is read, every column type
read as text, and big files streamed row group by row group (issue 21, H5 and M8).

A 330 KB Parquet file of 30 row groups x 1M dictionary-encoded rows decoded to 5 GB:
no limit looked at Parquet. The footer says how many rows and columns there are, so
the text the file will become (at least 8 bytes a cell in memory) is known up front
and held against ``max_decompressed_size`` and ``max_compression_ratio`` as XLSX parts
are; ``max_columns`` too. Files whose text passes :data:`STREAM_BYTES` are read in
batches through the same streaming catalogue as big CSV files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl

from listlint.catalog import Catalog
from listlint.config import Limits
from listlint.errors import InputError
from listlint.loader.stream import STREAM_BYTES, StreamingCatalog
from listlint.loader.table import dedupe_headers

#: the least memory one text cell takes once read (offset and view bookkeeping)
CELL_BYTES = 8
#: decoded text this big is refused only when it also expands past the ratio limit
_RATIO_FLOOR = 10 * 1024 * 1024
#: rows per streamed batch
BATCH_ROWS = 50_000


def load_parquet(path: Path, name: str, columns: dict[str, str] | None, limits: Limits) -> Catalog:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
        meta = pf.metadata
        names = list(pf.schema_arrow.names)
    except Exception as exc:
        raise InputError(f"cannot read Parquet file ({str(exc)[:200]})", path=name) from exc
    expanded = check_footer(meta, len(names), path.stat().st_size, name, limits)
    if expanded >= STREAM_BYTES and meta.num_row_groups > 0:
        return ParquetStream(path, name, names, columns, limits)
    # pyarrow decodes (and refuses damaged pages with an exception); polars' own reader
    # panicked in Rust on some damaged files ("capacity overflow"), past any except
    try:
        df = pl.from_arrow(_plain(pf.read()))
    except Exception as exc:
        raise InputError(f"cannot read Parquet file ({str(exc)[:200]})", path=name) from exc
    from listlint.loader import from_frame

    return from_frame(df, path=name, columns=columns, fmt="parquet", limits=limits)


def check_footer(meta: Any, width: int, size: int, name: str, limits: Limits) -> int:
    """The bytes of text the file will become (an estimate from the footer), after
    refusing a file over the column, size or expansion limits."""
    if width > limits.max_columns:
        raise InputError(
            f"{width} columns exceed the limit of {limits.max_columns} (raise limits.max_columns)",
            path=name,
        )
    rows = int(meta.num_rows)
    pages = sum(int(meta.row_group(i).total_byte_size) for i in range(meta.num_row_groups))
    expanded = max(pages, rows * width * CELL_BYTES)
    if expanded > limits.max_decompressed_size:
        raise InputError(
            f"Parquet file expands to about {expanded / 1e6:,.0f} MB ({rows:,} rows x {width} "
            f"columns), over the limit of {limits.max_decompressed_size / 1e6:,.0f} MB "
            "(raise limits.max_decompressed_size)",
            path=name,
        )
    ratio = expanded / max(size, 1)
    if expanded > _RATIO_FLOOR and ratio > limits.max_compression_ratio:
        raise InputError(
            f"Parquet file of {size / 1e3:,.0f} KB expands {ratio:,.0f}x ({rows:,} rows x "
            f"{width} columns; limit {limits.max_compression_ratio:.0f}x): refusing a possible "
            "decompression bomb (raise limits.max_compression_ratio if the file is trusted)",
            path=name,
        )
    return expanded


class ParquetStream(StreamingCatalog):
    """A big Parquet file read in batches of rows (row numbers as for a frame: the
    first row is row 2, the header being row 1)."""

    header_row = False

    def __init__(
        self,
        path: Path,
        name: str,
        names: list[str],
        columns: dict[str, str] | None,
        limits: Limits,
    ) -> None:
        from listlint.loader import column_map

        headers = dedupe_headers([str(n) for n in names])
        super().__init__(path, name, headers, ",", column_map(headers, columns, name), limits)
        self.format = "parquet"
        self._names = names

    def _blocks(
        self, columns: list[str] | None = None, on_note: object = None
    ) -> Iterator[pl.DataFrame]:
        import pyarrow.parquet as pq

        from listlint.loader.frametable import text_series

        width = len(self._names)
        wanted = (
            [int(c[1:]) for c in columns if int(c[1:]) < width]
            if columns is not None
            else list(range(width))
        )
        pf = pq.ParquetFile(self._file)
        done = 0
        for batch in pf.iter_batches(
            batch_size=BATCH_ROWS, columns=[self._names[i] for i in wanted]
        ):
            try:
                df = pl.from_arrow(_plain(batch))
            except Exception as exc:
                raise InputError(
                    f"cannot read Parquet file ({str(exc)[:200]})", path=self.path
                ) from exc
            assert isinstance(df, pl.DataFrame)
            cols = [text_series(df.to_series(k), f"c{i}") for k, i in enumerate(wanted)]
            frame = pl.DataFrame(cols)
            if columns is None:
                frame = frame.with_columns(pl.lit(None, dtype=pl.Utf8).alias(f"c{width}"))
            frame = frame.with_columns(
                pl.int_range(done + 2, done + 2 + frame.height, dtype=pl.UInt32).alias("__n")
            )
            done += frame.height
            yield frame.select(["__n", *[c for c in frame.columns if c != "__n"]])


def _plain(data: Any) -> Any:
    """A table or batch polars can take without panicking: its values validated (bad
    UTF-8 in a damaged page) and its schema and field metadata dropped (a metadata key
    that is not UTF-8 made polars panic in Rust, past any ``except``)."""
    import pyarrow as pa

    data.validate(full=True)
    kind = pa.Table if isinstance(data, pa.Table) else pa.RecordBatch
    return kind.from_arrays(list(data.columns), names=list(data.schema.names))
