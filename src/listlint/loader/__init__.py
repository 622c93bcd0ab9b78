"""Load a catalogue file (or records, or a DataFrame) into a :class:`~listlint.catalog.Catalog`.

``load(path)`` sniffs the bytes (see :mod:`.detect`), reads the table(s), maps
columns with the platform profiles, folds variants and normalises values. The input
is only ever opened for reading. Anything unusable raises
:class:`~listlint.errors.InputError` with one line naming the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from listlint.catalog import Catalog, Layout, LoadIssue
from listlint.config import Limits
from listlint.errors import InputError
from listlint.loader.columns import ColumnMap, map_columns
from listlint.loader.detect import SNIFF_BYTES, decode, sniff_format
from listlint.loader.table import RawTable

__all__ = ["from_frame", "from_records", "load"]


def load(
    path: str | Path,
    *,
    sheet: str | None = None,
    columns: dict[str, str] | None = None,
    limits: Limits | None = None,
) -> Catalog:
    """Read one catalogue file. ``columns`` maps canonical fields to headers (``--map``)."""
    p = Path(path)
    name = str(path)
    limits = limits or Limits()
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise InputError("not a regular file", path=name)
    except FileNotFoundError as exc:
        raise InputError("file not found", path=name) from exc
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc})", path=name) from exc
    if size > limits.max_file_size:
        raise InputError(
            f"file is {size / 1e6:,.0f} MB, over the limit of {limits.max_file_size / 1e6:,.0f} MB "
            "(raise limits.max_file_size)",
            path=name,
        )
    try:
        with p.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as exc:
        raise InputError(f"cannot read file ({exc.strerror or exc})", path=name) from exc
    kind = sniff_format(p, head)
    from listlint.loader import stream

    if stream.wants_stream(size, kind):
        streamed = stream.open_stream(p, name, columns, limits)
        if streamed is not None:
            return streamed
    if kind == "xlsx":
        from listlint.loader.xlsx import read_xlsx

        tables = read_xlsx(p, sheet=sheet, limits=limits)
    elif kind == "parquet":
        return from_frame(_read_parquet(p), path=name, columns=columns, fmt="parquet")
    else:
        data = p.read_bytes()
        text, encoding = decode(data, name)
        if kind in ("json", "jsonl"):
            from listlint.loader.jsondoc import read_json, read_jsonl
            from listlint.loader.table import enforce_limits

            reader = read_json if kind == "json" else read_jsonl
            tables = reader(text, name, limits.max_json_depth)
            for table in tables:
                enforce_limits(table, name, limits.max_columns, limits.max_cell_length)
        else:
            from listlint.loader import delimited

            tables = []
            if len(data) >= delimited.FAST_PATH_BYTES:
                raw = data if encoding in ("utf-8", "utf-8-sig") else text.encode("utf-8")
                if raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                try:
                    tables = [
                        delimited.read_delimited_fast(
                            raw,
                            name,
                            delimiter=delimited.sniff_delimiter(text[:262144]),
                            max_columns=limits.max_columns,
                            max_cell_length=limits.max_cell_length,
                        )
                    ]
                except InputError:
                    tables = []  # malformed quoting: the exact reader below explains it
            if not tables:
                tables = [
                    delimited.read_delimited(
                        text,
                        name,
                        max_columns=limits.max_columns,
                        max_cell_length=limits.max_cell_length,
                    )
                ]
            tables[0].encoding = encoding
    return _catalog(tables, name, columns, kind)


def _read_parquet(p: Path) -> pl.DataFrame:
    try:
        df = pl.read_parquet(p)
    except Exception as exc:
        raise InputError(f"cannot read Parquet file ({exc})", path=str(p)) from exc
    return df.with_columns(pl.all().cast(pl.Utf8, strict=False))


def _catalog(
    tables: list[RawTable], name: str | None, columns: dict[str, str] | None, fmt: str
) -> Catalog:
    from listlint.loader.normalize import build_frame

    frames: list[pl.DataFrame] = []
    issues: list[LoadIssue] = []
    records = 0
    column_names: dict[str, str] = {}
    profile = "generic"
    for table in tables:
        cmap = column_map(table.headers, columns, name)
        frame, more = build_frame(table, cmap, rec_offset=records)
        frames.append(frame)
        issues.extend(table.issues)
        issues.extend(more)
        records += table.records
        for fname, header in cmap.column_names().items():
            column_names.setdefault(fname, header)
        if cmap.profile != "generic":
            profile = cmap.profile
    frame = pl.concat(frames, how="diagonal_relaxed") if len(frames) > 1 else frames[0]
    if fmt == "text":  # delimited text: say which kind (the sniffer only knows "text")
        fmt = "tsv" if tables[0].delimiter == "\t" else "csv"
    return Catalog(
        path=name,
        frame=frame,
        columns=column_names,
        records=records,
        issues=issues,
        format=fmt,
        profile=profile,
        sheets=[t.sheet for t in tables if t.sheet],
        layouts=[Layout(t.sheet, t.first_column, tuple(t.headers)) for t in tables],
    )


def column_map(headers: list[str], columns: dict[str, str] | None, name: str | None) -> ColumnMap:
    """Headers -> canonical fields; a ``--map`` naming a missing column is an input error."""
    cmap = map_columns(headers, columns)
    if columns:
        missing = [h for f, h in columns.items() if f not in cmap.fields]
        if missing:
            raise InputError(
                f"--map names a column that is not in the file: {missing[0]!r}", path=name
            )
    return cmap


def from_records(
    records: list[dict[str, Any]], *, path: str | None = None, columns: dict[str, str] | None = None
) -> Catalog:
    """A catalogue from dicts (library use and tests). Rows are numbered as in a file
    whose header is row 1, as for a DataFrame: ``records[0]`` is row 2, so the same
    records get the same row numbers however they are passed in."""
    from listlint.loader.jsondoc import records_table

    records = list(records)
    numbers = list(range(2, len(records) + 2))
    table = records_table(records, path or "<records>", numbers=numbers)
    return _catalog([table], path, columns, "records")


def from_frame(
    df: Any, *, path: str | None = None, columns: dict[str, str] | None = None, fmt: str = "frame"
) -> Catalog:
    """A catalogue from a polars or pandas DataFrame or an Arrow table/record batch."""
    if not isinstance(df, pl.DataFrame):
        try:
            df = (
                pl.from_pandas(df)
                if type(df).__module__.startswith("pandas")
                else pl.from_arrow(df)
            )
        except Exception as exc:
            raise InputError(f"cannot read a table from {type(df).__name__}") from exc
    assert isinstance(df, pl.DataFrame)
    from listlint.loader.frametable import frame_table

    return _catalog([frame_table(df)], path, columns, fmt)
