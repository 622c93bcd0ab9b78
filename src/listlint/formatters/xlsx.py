"""``xlsx``: an annotated COPY of the input (workbook or CSV/TSV) for a seller who fixes
the catalogue in Excel: flagged cells filled by severity with a comment per finding, an
"Issues" sheet (one row per finding, linking to the cell) and a "Summary" sheet.

The copy holds the values listlint checked, read by the loader's own readers
(:func:`listlint.loader.xlsx.sheet_cells`, the loader's decoder, sniffer and CSV record
reader), never by a second parser: a workbook the loader could read is always copied,
a CSV is decoded exactly as it was linted, and only cells that exist are visited (a
workbook with one far-away cell costs one cell, not a dense range). Formulas appear as
their last computed values and nothing else of the original is carried over (links,
conditional formats, data validations, defined names, macros): the copy is for reading
findings and cannot act when opened. Every text value is formula-neutralised and
stripped of characters XML cannot hold. Cells are located through the column layout
the Report carries (``Report.sources``).

Written with openpyxl's write-only mode, row by row, then saved atomically; the listlint
sheets are named in a custom document property so that ``listlint checked.xlsx``
skips them (see :func:`listlint.loader.xlsx.report_sheets`).
"""

from __future__ import annotations

import gc
import io
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from listlint.formatters import FormatOptions
from listlint.formatters.safe import cell
from listlint.report import Finding, Report, Severity, SourceLayout

_FILL = {Severity.ERROR: "F4B6B0", Severity.WARNING: "FCE4A8", Severity.INFO: "C9E2F5"}
ISSUES_COLUMNS = (
    "cell",
    "rule",
    "name",
    "severity",
    "sku",
    "column",
    "message",
    "match",
    "suggestion",
    "policy",
    "path",
)
#: Excel's grid: rows past this cannot be written (a CSV may have more)
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
#: characters Excel does not allow in a sheet name
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


@dataclass
class _Sheet:
    """One catalogue sheet of the copy: its rows as the loader reads them and the
    findings placed on its cells (``row -> column -> findings``)."""

    title: str
    first_column: int
    rows: Iterator[list[object]]
    cells: dict[int, dict[int, list[Finding]]] = field(default_factory=dict)


def write(report: Report, out: Any, options: FormatOptions) -> None:
    from listlint.errors import OutputError
    from listlint.output import write_bytes

    if not options.output:
        raise ValueError("xlsx writes a file: give --output PATH")
    # openpyxl streams each sheet through a temporary file and a generator; when a write
    # fails (a full temporary disk) their finalisers fail again, and Python printed
    # "Exception ignored in ..." tracebacks under our one-line error. The first error is
    # reported; the echoes are dropped while the half-built workbook is freed.
    failure = None
    previous = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        try:
            data = _render(report, options)
        except OSError as exc:
            failure = exc.strerror or type(exc).__name__
        gc.collect()
    finally:
        sys.unraisablehook = previous
    if failure is not None:
        raise OutputError(f"cannot write the annotated copy ({failure})", path=options.output)
    write_bytes(Path(options.output), data)


def _render(report: Report, options: FormatOptions) -> bytes:
    import openpyxl
    from openpyxl.packaging.custom import StringProperty

    wb = openpyxl.Workbook(write_only=True)
    source, sheets = _source_sheets(options)
    taken = {s.title for s in sheets}
    issues_title = _unique("Issues", taken)
    summary_title = _unique("Summary", taken | {issues_title})
    layouts = {(s.path, s.sheet): s for s in report.sources}
    by_title = {s.title: s for s in sheets}
    issue_rows: list[tuple[Finding, str | None, str | None]] = []
    for f in report.findings:
        sheet = _sheet_of(f, source, sheets, by_title)
        ref = None
        if sheet is not None:
            col = _column(f, sheet, layouts)
            if col is not None and f.row is not None and 1 <= f.row <= MAX_ROWS:
                sheet.cells.setdefault(f.row, {}).setdefault(col, []).append(f)
                ref = f"{_letter(col)}{f.row}"
        issue_rows.append((f, sheet.title if sheet is not None and ref else None, ref))
    notes = []
    for sheet in sheets:
        if _write_sheet(wb, sheet):
            notes.append(f"sheet {sheet.title!r} has more than {MAX_ROWS:,} rows; the rest is cut")
    _issues_sheet(wb, issues_title, issue_rows)
    _summary_sheet(wb, summary_title, report, notes)
    wb.custom_doc_props.append(
        StringProperty(name=_report_property(), value=json.dumps([issues_title, summary_title]))
    )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _report_property() -> str:
    from listlint.loader.xlsx import REPORT_SHEETS_PROPERTY

    return REPORT_SHEETS_PROPERTY


def _unique(title: str, taken: set[str]) -> str:
    if title not in taken:
        return title
    n = 2
    while f"{title} ({n})" in taken:
        n += 1
    return f"{title} ({n})"


def sheet_title(stem: str) -> str:
    """A valid sheet name from a file name ("catalog [final]" -> "catalog (final)")."""
    title = _BAD_TITLE.sub(lambda m: {"[": "(", "]": ")"}.get(m.group(), "_"), stem).strip("'")
    return title[:31] or "Catalogue"


def _source_sheets(options: FormatOptions) -> tuple[str | None, list[_Sheet]]:
    """The first input that has cells (a workbook or delimited text) and its sheets;
    JSON and Parquet inputs have none (their findings are listed on Issues only)."""
    from listlint.config import Limits

    limits = options.limits if options.limits is not None else Limits()
    for shown in options.inputs:
        path = Path(options.files.get(shown, shown))
        kind = _kind(path)
        if kind == "xlsx":
            return shown, _workbook_sheets(path, limits)
        if kind == "text":
            return shown, [_Sheet(sheet_title(Path(shown).stem), 1, _text_rows(path, shown))]
    return None, []


def _kind(path: Path) -> str | None:
    from listlint.errors import InputError
    from listlint.loader.detect import SNIFF_BYTES, sniff_format

    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
        return sniff_format(path, head)
    except (OSError, InputError):
        return None


def _workbook_sheets(path: Path, limits: Any) -> list[_Sheet]:
    from listlint.loader.xlsx import report_sheets, sheet_cells

    own = report_sheets(path)  # re-annotating a copy: its old Issues/Summary are dropped
    return [
        _Sheet(name, first, rows)
        for name, first, rows in sheet_cells(path, limits)
        if name not in own
    ]


def _text_rows(path: Path, name: str) -> Iterator[list[object]]:
    """A CSV/TSV's records, decoded and split exactly as the loader reads them."""
    from listlint.loader import delimited
    from listlint.loader.detect import decode

    text, _encoding = decode(path.read_bytes(), name)
    if text.startswith("\ufeff"):
        text = text[1:]
    delimiter = delimited.sniff_delimiter(text[:262144])
    yield from delimited.records(text, delimiter)


def _sheet_of(
    f: Finding, source: str | None, sheets: list[_Sheet], by_title: dict[str, _Sheet]
) -> _Sheet | None:
    if source is None or not sheets or f.path != source:
        return None
    if f.sheet is None:
        return sheets[0]
    return by_title.get(f.sheet)


def _column(
    f: Finding, sheet: _Sheet, layouts: dict[tuple[str | None, str | None], SourceLayout]
) -> int | None:
    """The finding's sheet column (1-based), from the layout the Report carries."""
    if f.column is None:
        return None
    layout = layouts.get((f.path, f.sheet))
    if layout is None:
        return None
    try:
        return layout.first_column + layout.columns.index(f.column)
    except ValueError:
        return None


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _value(v: object) -> object:
    """A cell value openpyxl can write and Excel can read."""
    if v is None or v == "":
        return None
    if isinstance(v, str):
        return cell(v)
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)  # <v>nan</v> is not a number Excel reads
    return v


def _write_sheet(wb: Any, sheet: _Sheet) -> bool:
    """Rows in file order; flagged cells get a fill and a comment. True when the input
    had more rows than a sheet holds."""
    from openpyxl.cell import WriteOnlyCell

    ws = wb.create_sheet(sheet.title)
    styles = _Styles()
    pad = [None] * (sheet.first_column - 1)
    n = 0
    for n, values in enumerate(sheet.rows, start=1):
        if n > MAX_ROWS:
            return True
        row: list[object] = [*pad, *(_value(v) for v in values)]
        while row and row[-1] is None:
            row.pop()
        del row[MAX_COLUMNS:]
        flagged = sheet.cells.get(n)
        if flagged:
            width = max(flagged)
            row.extend([None] * (width - len(row)))
            for col, found in flagged.items():
                c = WriteOnlyCell(ws, value=row[col - 1])
                styles.flag(c, found)
                row[col - 1] = c
        ws.append(row)
    return False


class _Styles:
    """One fill per severity, shared by every flagged cell."""

    def __init__(self) -> None:
        from openpyxl.styles import PatternFill

        self.fills = {sev: PatternFill("solid", fgColor=colour) for sev, colour in _FILL.items()}

    def flag(self, c: Any, found: list[Finding]) -> None:
        from openpyxl.comments import Comment

        worst = max((f.severity for f in found), key=lambda s: s.rank)
        c.fill = self.fills[worst]
        text = cell(
            "\n\n".join(
                f"{f.rule} {f.name} ({f.severity.value}): {f.message}"
                + (f"\nFix: {f.suggestion}" if f.suggestion else "")
                for f in found
            ),
            30000,
        )
        width, height = comment_size(text)
        c.comment = Comment(text, "listlint", width=width, height=height)


#: characters per line of a comment box, and the box size per character/line (pixels
#: at Excel's default comment font, Tahoma 9 pt)
COMMENT_CHARS = 60
_CHAR_PX = 7
_LINE_PX = 15


def comment_size(text: str) -> tuple[int, int]:
    """A comment box (width, height in pixels) that shows all of ``text``: as wide as
    its longest line up to COMMENT_CHARS, as tall as its lines once wrapped there."""
    lines = text.split("\n")
    longest = min(max((len(line) for line in lines), default=0), COMMENT_CHARS)
    wrapped = sum(max(1, math.ceil(len(line) / COMMENT_CHARS)) for line in lines)
    return max(120, longest * _CHAR_PX + 16), max(40, wrapped * _LINE_PX + 12)


def _issues_sheet(wb: Any, title: str, rows: list[tuple[Finding, str | None, str | None]]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{_letter(len(ISSUES_COLUMNS))}{len(rows) + 1}"
    bold = Font(bold=True)
    head = []
    for name in ISSUES_COLUMNS:
        c = WriteOnlyCell(ws, value=name)
        c.font = bold
        head.append(c)
    ws.append(head)
    link_font = Font(color="0563C1", underline="single")  # one style object, shared
    for n, (f, sheet, ref) in enumerate(rows, start=2):
        label = f"{sheet}!{ref}" if ref else (f"row {f.row}" if f.row is not None else "")
        values: list[object] = [
            None if v is None else cell(v)
            for v in (
                label,
                f.rule,
                f.name,
                f.severity.value,
                f.sku,
                f.column or f.field,
                f.message,
                f.match,
                f.suggestion,
                f.policy,
                f.path,
            )
        ]
        if ref and sheet is not None:
            link = WriteOnlyCell(ws, value=values[0])
            quoted = "'" + sheet.replace("'", "''") + "'"
            link.hyperlink = Hyperlink(ref=f"A{n}", location=f"{quoted}!{ref}")
            link.font = link_font
            values[0] = link
        ws.append(values)


def _summary_sheet(wb: Any, title: str, report: Report, notes: list[str]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    ws = wb.create_sheet(title)
    for key, value in report.summary.model_dump().items():
        ws.append([key, value])
    for note in notes:
        ws.append(["note", cell(note)])
    ws.append([])
    bold = Font(bold=True)
    head = []
    for name in ("rule", "name", "severity", "findings"):
        c = WriteOnlyCell(ws, value=name)
        c.font = bold
        head.append(c)
    ws.append(head)
    counts = Counter((f.rule, f.name, f.severity.value) for f in report.findings)
    for (code, name, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        ws.append([code, name, sev, n])


__all__ = ["ISSUES_COLUMNS", "comment_size", "sheet_title", "write"]
