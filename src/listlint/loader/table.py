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
    """The column and cell-length limits for readers that build rows themselves (JSON):
    too many columns is an error naming the limit; an over-long cell is cut, with a
    ``long-cell`` issue saying so (delimited and XLSX readers apply these inline)."""
    if len(table.headers) > max_columns:
        raise InputError(
            f"{len(table.headers)} columns (distinct keys) exceed the limit of {max_columns} "
            "(raise limits.max_columns)",
            path=name,
        )
    for r, cells in enumerate(table.rows):
        for c, value in enumerate(cells):
            if value is not None and len(value) > max_cell_length:
                cells[c] = value[:max_cell_length]
                table.issues.append(
                    LoadIssue(
                        kind="long-cell",
                        message=f"value has {len(value):,} characters; only the first "
                        f"{max_cell_length:,} were checked (raise limits.max_cell_length)",
                        row=table.row_numbers[r],
                        column=table.headers[c],
                        sheet=table.sheet,
                        match=value[:80],
                    )
                )
