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

from listlint.catalog import Catalog, Layout, LoadIssue, cap_issues
from listlint.config import Limits
from listlint.errors import InputError
from listlint.loader.columns import ColumnMap, map_columns
from listlint.loader.detect import SNIFF_BYTES, decode_text, detect_encoding, sniff_format
from listlint.loader.table import RawTable, merge_sheets
from listlint.loader.textcodec import MAX_LINE_NOTES, encoding_notes

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
        from listlint.loader.parquet import load_parquet

        return load_parquet(p, name, columns, limits)
    elif kind == "jsonl" and detect_encoding(head) in ("utf-8", "utf-8-sig", "cp1252"):
        tables = _read_jsonl_file(p, name, limits)
    else:
        data = p.read_bytes()
        decoded = decode_text(data, name)
        text, encoding = decoded.text, decoded.encoding
        notes = encoding_notes(decoded)
        if kind in ("json", "jsonl"):
            from listlint.loader.jsondoc import read_json, read_jsonl
            from listlint.loader.table import enforce_limits

            del data  # the text is all the JSON readers need
            tables = (
                read_json(text, name, limits.max_json_depth, limits.max_columns)
                if kind == "json"
                else read_jsonl(text, name, limits.max_json_depth)
            )
            for table in tables:
                enforce_limits(table, name, limits.max_columns, limits.max_cell_length)
        else:
            from listlint.loader import delimited

            tables = []
            if len(data) >= delimited.FAST_PATH_BYTES:
                clean = encoding in ("utf-8", "utf-8-sig") and not notes
                raw = data if clean else text.encode("utf-8")
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
        tables[0].issues[:0] = notes
    return _catalog(tables, name, columns, kind)


def _read_jsonl_file(p: Path, name: str, limits: Limits) -> list[RawTable]:
    """JSON Lines read line by line from the file (never decoded whole)."""
    from listlint.loader.jsondoc import file_lines, read_jsonl_lines
    from listlint.loader.table import enforce_limits
    from listlint.loader.textcodec import line_notes

    fallback: list[int] = []
    tables = read_jsonl_lines(file_lines(p, fallback), name, limits.max_json_depth)
    for table in tables:
        enforce_limits(table, name, limits.max_columns, limits.max_cell_length)
    shown = fallback[:MAX_LINE_NOTES]
    tables[0].issues[:0] = line_notes(shown, len(fallback) - len(shown))
    return tables


def _catalog(
    tables: list[RawTable], name: str | None, columns: dict[str, str] | None, fmt: str
) -> Catalog:
    from listlint.loader.normalize import build_frame, parent_count
    from listlint.loader.unmapped import unmapped_issue

    frames: list[pl.DataFrame] = []
    issues: list[LoadIssue] = []
    records = 0
    column_names: dict[str, str] = {}
    profile = "generic"
    sheets = [t.sheet for t in tables if t.sheet]
    # before merge_sheets: a workbook's sheets keep one layout each even when read as one table
    layouts = [Layout(t.sheet, t.first_column, tuple(t.headers)) for t in tables]
    cmaps: list[ColumnMap] = []
    parents = 0
    for table in merge_sheets(tables):
        cmap = column_map(table.headers, columns, name)
        cmaps.append(cmap)
        frame, more = build_frame(table, cmap, rec_offset=records)
        frames.append(frame)
        parents += parent_count(frame)
        issues.extend(table.issues)
        issues.extend(more)
        records += table.records
        for fname, header in cmap.column_names().items():
            column_names.setdefault(fname, header)
        if cmap.profile != "generic":
            profile = cmap.profile
    frame = pl.concat(frames, how="diagonal_relaxed") if len(frames) > 1 else frames[0]
    note = unmapped_issue(cmaps)
    if fmt == "text":  # delimited text: say which kind (the sniffer only knows "text")
        fmt = "tsv" if tables[0].delimiter == "\t" else "csv"
    return Catalog(
        path=name,
        frame=frame,
        columns=column_names,
        records=records,
        issues=cap_issues(issues if note is None else [note, *issues]),
        format=fmt,
        profile=profile,
        sheets=sheets,
        parent_rows=parents,
        layouts=layouts,
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
    df: Any,
    *,
    path: str | None = None,
    columns: dict[str, str] | None = None,
    fmt: str = "frame",
    limits: Limits | None = None,
) -> Catalog:
    """A catalogue from a polars or pandas DataFrame or an Arrow table/record batch.
    ``limits`` apply as to files (columns, cell length)."""
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
    from listlint.loader.table import enforce_limits

    limits = limits or Limits()
    if df.width > limits.max_columns:
        raise InputError(
            f"{df.width} columns exceed the limit of {limits.max_columns} "
            "(raise limits.max_columns)",
            path=path,
        )
    table = frame_table(df)
    enforce_limits(table, path or "<frame>", limits.max_columns, limits.max_cell_length)
    return _catalog([table], path, columns, fmt)
