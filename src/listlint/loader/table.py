"""The shape every reader produces before column mapping: headers plus rows of text."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from listlint.catalog import LoadIssue
from listlint.errors import InputError


@dataclass
class RawTable:
    """One sheet or file as text cells.

    ``row_numbers[i]`` is the physical row the user sees for ``rows[i]`` (header = the
    header's own row number, usually 1). Blank rows are dropped by readers and are not
    records. Every row has exactly ``len(headers)`` cells (readers pad or trim and
    report ragged rows as issues)."""

    headers: list[str]
    rows: list[list[str | None]]
    row_numbers: list[int]
    sheet: str | None = None
    issues: list[LoadIssue] = field(default_factory=list)
    #: records read (non-empty data rows); may exceed len(rows) only if a reader folds
    records: int = 0
    encoding: str | None = None
    delimiter: str | None = None
    #: readers that parse columnar (the polars CSV fast path) hand over a frame of
    #: Utf8 columns c0..cN instead of ``rows``
    source_frame: pl.DataFrame | None = None
    #: sheet of each row, when consecutive sheets with one header row were read as one
    #: table (a workbook of 6,000 small sheets costs one frame, not 6,000)
    row_sheets: list[str | None] | None = None
    #: the sheet column (1-based) of ``headers[0]``: a workbook's table may start at C
    first_column: int = 1

    def frame(self) -> pl.DataFrame:
        """The cells as Utf8 columns ``c0``..``cN`` (one row per data record)."""
        if self.source_frame is not None:
            return self.source_frame
        width = len(self.headers)
        return pl.DataFrame(
            self.rows or None, schema={f"c{i}": pl.Utf8 for i in range(width)}, orient="row"
        )


def merge_sheets(tables: list[RawTable]) -> list[RawTable]:
    """Consecutive tables with the same headers as one table (rows keep their sheet)."""
    out: list[RawTable] = []
    for t in tables:
        last = out[-1] if out else None
        if (
            last is None
            or last.headers != t.headers
            or last.source_frame is not None
            or t.source_frame is not None
        ):
            out.append(t)
            continue
        if last.row_sheets is None:
            last.row_sheets = [last.sheet] * len(last.rows)
        last.rows.extend(t.rows)
        last.row_numbers.extend(t.row_numbers)
        last.row_sheets.extend([t.sheet] * len(t.rows))
        last.issues.extend(t.issues)
        last.records += t.records
    return out


def dedupe_headers(headers: list[str]) -> list[str]:
    """Blank headers become ``column N``; repeated ones get `` (2)``, `` (3)``..."""
    seen: dict[str, int] = {}
    out = []
    for i, h in enumerate(headers):
        name = (h or "").strip().lstrip("\ufeff") or f"column {i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out


def is_blank_row(cells: list) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def enforce_limits(table: RawTable, name: str, max_columns: int, max_cell_length: int) -> None:
    """The column and cell-length limits for readers that build rows themselves (JSON,
    Parquet, library frames): too many columns is an error naming the limit; an
    over-long cell is cut, with a ``long-cell`` issue saying so (the first
    :data:`MAX_LONG_NOTES` one by one; delimited and XLSX readers apply these inline)."""
    if len(table.headers) > max_columns:
        raise InputError(
            f"{len(table.headers)} columns (distinct keys) exceed the limit of {max_columns} "
            "(raise limits.max_columns)",
            path=name,
        )
    if table.source_frame is not None:
        _cut_frame(table, max_cell_length)
        return
    for r, cells in enumerate(table.rows):
        for c, value in enumerate(cells):
            if value is not None and len(value) > max_cell_length:
                cells[c] = value[:max_cell_length]
                _long(table, table.row_numbers[r], table.headers[c], value, max_cell_length)


#: over-long cells reported one by one; the rest are counted in one more issue
MAX_LONG_NOTES = 100


def _long(table: RawTable, row: int | None, column: str | None, value: str, limit: int) -> None:
    noted = sum(1 for i in table.issues if i.kind == "long-cell")
    if noted > MAX_LONG_NOTES:
        return
    if noted == MAX_LONG_NOTES:
        table.issues.append(
            LoadIssue(
                kind="long-cell",
                message=f"more cells exceed {limit:,} characters; only their start was checked",
            )
        )
        return
    table.issues.append(
        LoadIssue(
            kind="long-cell",
            message=f"value has {len(value):,} characters; only the first "
            f"{limit:,} were checked (raise limits.max_cell_length)",
            row=row,
            column=column,
            sheet=table.sheet,
            match=value[:80],
        )
    )


def _cut_frame(table: RawTable, limit: int) -> None:
    frame = table.source_frame
    assert frame is not None
    if frame.height == 0 or frame.width == 0:
        return
    longest = frame.select(pl.all().str.len_chars().max()).row(0)
    over = [c for c, n in zip(frame.columns, longest, strict=True) if n is not None and n > limit]
    if not over:
        return
    for c in over:
        hits = frame.with_row_index("__i").filter(pl.col(c).str.len_chars() > limit)
        for i, value in hits.select("__i", c).head(MAX_LONG_NOTES + 1).iter_rows():
            _long(table, table.row_numbers[i], table.headers[int(c[1:])], value, limit)
    table.source_frame = frame.with_columns(pl.col(over).str.slice(0, limit))
