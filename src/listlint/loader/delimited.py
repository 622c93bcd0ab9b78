"""CSV, TSV and other delimited text: sniffed delimiter, any encoding, quoted newlines,
ragged rows reported (not fatal), physical row numbers kept (header = row 1)."""

from __future__ import annotations

import csv
import io
import sys
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from listlint.catalog import LoadIssue
from listlint.errors import InputError
from listlint.loader.table import RawTable, dedupe_headers, is_blank_row

if TYPE_CHECKING:
    import polars as pl

CANDIDATE_DELIMITERS = (",", ";", "\t", "|")


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines most consistently (quotes respected)."""
    sample_lines = _first_records(text, 30)
    if not sample_lines:
        return ","
    best, best_score = ",", (-1, -1)
    for delim in CANDIDATE_DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO("\n".join(sample_lines)), delimiter=delim))
        except csv.Error:
            continue
        # trailing empty fields (PrestaShop's "a;b;c;") do not count
        counts = [len(_trim(r)) for r in rows if any(c.strip() for c in r)]
        if not counts or counts[0] < 2:
            continue
        mode, freq = Counter(counts).most_common(1)[0]
        score = (freq, mode)  # consistency first, then more columns
        if score > best_score:
            best, best_score = delim, score
    return best


def _trim(cells: list[str]) -> list[str]:
    end = len(cells)
    while end > 1 and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _first_records(text: str, n: int) -> list[str]:
    """First ``n`` physical lines, skipping none (a quoted newline may split a record;
    the sniffer tolerates that)."""
    out = []
    for line in io.StringIO(text[: 256 * 1024]):
        out.append(line.rstrip("\r\n"))
        if len(out) >= n:
            break
    return out


def records(text: str, delimiter: str) -> Iterator[list[str]]:
    """Every record of delimited ``text``, blank ones included: record ``n`` (from 1)
    is the row number findings give. Python's 128 KB field limit is lifted (a long
    description or an unclosed quote is a finding, not a crash)."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)


def read_delimited(
    text: str,
    name: str,
    *,
    delimiter: str | None = None,
    max_columns: int = 16_384,
    max_cell_length: int = 1_000_000,
) -> RawTable:
    delim = delimiter or sniff_delimiter(text)
    reader = records(text, delim)
    headers: list[str] | None = None
    rows: list[list[str | None]] = []
    numbers: list[int] = []
    issues: list[LoadIssue] = []
    row_no = 0
    try:
        for cells in reader:
            row_no += 1
            if headers is None:
                if is_blank_row(cells):
                    continue
                if len(cells) > max_columns:
                    raise InputError(
                        f"{len(cells)} columns exceed the limit of {max_columns} "
                        "(raise limits.max_columns in config if this is intended)",
                        path=name,
                    )
                headers = dedupe_headers(cells)
                _check_header(headers, cells, name)
                continue
            if is_blank_row(cells):
                continue
            width = len(headers)
            if len(cells) != width:
                extra = cells[width:]
                if len(cells) > width and all(not c.strip() for c in extra):
                    cells = cells[:width]  # trailing delimiters: nothing is lost
                else:
                    issues.append(_ragged_issue(row_no, len(cells), width, extra))
                    if len(cells) < width:
                        cells = cells + [""] * (width - len(cells))
                    else:
                        cells = cells[:width]
            rows.append(
                [_cell(c, max_cell_length, issues, row_no, headers, i) for i, c in enumerate(cells)]
            )
            numbers.append(row_no)
    except csv.Error as exc:
        raise InputError(f"unreadable CSV near row {row_no}: {exc}", path=name) from exc
    if headers is None:
        raise InputError("no header row found (every line is blank or only delimiters)", path=name)
    if rows and text.count('"') % 2 == 1:
        issues.append(_unterminated_issue(rows[-1], numbers[-1], headers))
    return RawTable(
        headers=headers,
        rows=rows,
        row_numbers=numbers,
        issues=issues,
        records=len(rows),
        delimiter=delim,
    )


def _cell(
    value: str, limit: int, issues: list[LoadIssue], row: int, headers: list[str], col: int
) -> str | None:
    if not value:
        return None
    if len(value) > limit:
        issues.append(
            LoadIssue(
                kind="long-cell",
                message=(
                    f"cell has {len(value):,} characters; only the first {limit:,} were checked "
                    "(raise limits.max_cell_length to check it all)"
                ),
                row=row,
                column=headers[col],
                match=value[:80],
            )
        )
        return value[:limit]
    return value


def _unterminated_issue(cells: list[str | None], row: int, headers: list[str]) -> LoadIssue:
    """A quote opened and never closed swallows the rest of the file into one cell."""
    longest = max(range(len(cells)), key=lambda i: (cells[i] or "").count("\n"))
    lines = (cells[longest] or "").rstrip("\r\n").count("\n")
    return LoadIssue(
        kind="unterminated-quote",
        message=(
            "a quote opened in this row is never closed, so the rest of the file "
            f"({lines + 1} line(s)) was read as one cell and those rows were not checked"
        ),
        row=row,
        column=headers[longest],
        match=(cells[longest] or "")[:120],
        suggestion='close the quote, or double quotes inside a value ("" for ")',
    )


def _ragged_issue(row: int, got: int, want: int, extra: list[str]) -> LoadIssue:
    if got < want:
        msg = (
            f"row has {got} cells but the header has {want}; the missing cells were read as "
            "empty. A quote or delimiter is probably missing in this row or the one before"
        )
        match = None
    else:
        lost = [c for c in extra if c.strip()]
        msg = (
            f"row has {got} cells but the header has {want}; the {got - want} extra cell(s) "
            f"do not belong to any column. Check for an unquoted delimiter in a value"
        )
        match = " | ".join(lost)[:200] or None
    return LoadIssue(kind="ragged-row", message=msg, row=row, match=match)


def _check_header(headers: list[str], cells: list[str], name: str) -> None:
    if len(cells) == 1 and len(cells[0]) > 300:
        raise InputError(
            "the first line is one long value with no delimiter; this is not a catalogue table",
            path=name,
        )


#: Files at least this big take the columnar polars reader. Below it, Python's csv
#: module gives exact ragged-row reports both ways; above it, rows with *extra* cells
#: are still reported but rows with missing trailing cells read as blanks.
FAST_PATH_BYTES = 8 * 1024 * 1024


def read_delimited_fast(
    data: bytes,
    name: str,
    *,
    delimiter: str,
    max_columns: int = 16_384,
    max_cell_length: int = 1_000_000,
) -> RawTable:
    """Columnar reader (polars, multi-threaded) for large UTF-8 delimited files.

    Row numbers count every record including blank ones, exactly as the csv-module
    reader does, so findings point at the same rows on either path."""
    import polars as pl

    first = header_cells(data, delimiter, name, max_columns)
    width = len(first)
    try:
        df = pl.read_csv(data, **polars_csv_options(delimiter, width))
    except Exception as exc:  # polars raises ComputeError/NoDataError etc.
        raise InputError(
            f"unreadable CSV ({type(exc).__name__}: {str(exc)[:200]})", path=name
        ) from exc
    df = df.with_row_index("__n", offset=1)
    filled = nonblank_mask(df, width)
    if not filled.any():
        raise InputError("no header row found (every line is blank or only delimiters)", path=name)
    h = int(filled.arg_true()[0]) + 1
    body = df.filter((pl.col("__n") > h) & (filled | df.get_column(f"c{width}").is_not_null()))
    return body_table(body, dedupe_headers(first), delimiter, max_cell_length)


def header_cells(data: bytes, delimiter: str, name: str, max_columns: int) -> list[str]:
    """The header row's cells from the start of the file (within the column limit)."""
    first = _first_header(data, delimiter)
    if len(first) > max_columns:
        raise InputError(
            f"{len(first)} columns exceed the limit of {max_columns} (raise limits.max_columns)",
            path=name,
        )
    return first


def polars_csv_options(delimiter: str, width: int) -> dict[str, Any]:
    """``polars.read_csv``/``scan_csv`` options: every record as Utf8 cells ``c0..cN``
    plus one overflow column ``c{width}`` that catches extra cells (ragged rows)."""
    import polars as pl

    return {
        "has_header": False,
        "separator": delimiter,
        "schema": {f"c{i}": pl.Utf8 for i in range(width + 1)},
        "missing_columns": "insert",
        "truncate_ragged_lines": True,
        "quote_char": '"',
        "encoding": "utf8-lossy",
    }


#: past this many columns, blank-row tests stack the columns into one Series instead of
#: building an expression per column (16,000 columns: 6 s of expressions, 1 s stacked)
WIDE_COLUMNS = 64


def nonblank_mask(frame: pl.DataFrame, width: int) -> pl.Series:
    """True for records with a non-blank cell among the header's columns."""
    import polars as pl

    cols = [f"c{i}" for i in range(width)]
    if cols and frame.height:
        # nearly every export fills its first column (an SKU, a handle) on every record:
        # then every record is non-blank, known without reading the other columns
        # (1M generate.py listings: 1.3 s of the parent's CPU for all 15 columns)
        first = frame.select(pl.col(cols[0]).fill_null("").str.strip_chars() != "").to_series()
        if first.all():
            return first
    if width <= WIDE_COLUMNS or frame.height == 0:
        expr = ~pl.all_horizontal([pl.col(c).fill_null("").str.strip_chars() == "" for c in cols])
        return frame.select(expr).to_series()
    stacked = pl.concat([frame.get_column(c) for c in cols], rechunk=False)
    filled = stacked.str.contains(r"\S").fill_null(False).to_numpy()
    return pl.Series(filled.reshape(width, frame.height).any(axis=0))


def body_mask(frame: pl.DataFrame, width: int) -> pl.Series:
    """Data records: non-blank, or carrying extra cells (reported as ragged)."""
    return nonblank_mask(frame, width) | frame.get_column(f"c{width}").is_not_null()


def body_table(
    body: pl.DataFrame, headers: list[str], delimiter: str, max_cell_length: int
) -> RawTable:
    """Data records (columns ``__n``, ``c0..c{width}``) -> RawTable, reporting extra
    cells as ragged rows and truncating over-long cells."""
    import polars as pl

    width = len(headers)
    cols = [f"c{i}" for i in range(width)]
    issues: list[LoadIssue] = []
    extra = body.filter(
        pl.col(f"c{width}").is_not_null() & (pl.col(f"c{width}").str.strip_chars() != "")
    )
    for row, lost in extra.select("__n", f"c{width}").iter_rows():
        issues.append(_ragged_issue(row, width + 1, width, [lost]))
    long = body.select(
        pl.any_horizontal([pl.col(c).str.len_chars() > max_cell_length for c in cols])
    )
    if long.to_series().any():
        body = body.with_columns([pl.col(c).str.slice(0, max_cell_length) for c in cols])
        issues.append(
            LoadIssue(
                kind="long-cell",
                message=f"some cells exceed {max_cell_length:,} characters; "
                "only their start was checked (raise limits.max_cell_length)",
            )
        )
    frame = body.select(cols)
    return RawTable(
        headers=headers,
        rows=[],
        row_numbers=body["__n"].cast(pl.Int64).to_list(),
        issues=issues,
        records=frame.height,
        delimiter=delimiter,
        source_frame=frame,
    )


def _first_header(data: bytes, delimiter: str) -> list[str]:
    head = data[: 1024 * 1024].decode("utf-8", errors="replace")
    reader = csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
    for cells in reader:
        if not is_blank_row(cells):
            return cells
    return [""]
