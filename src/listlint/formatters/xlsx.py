"""``xlsx``: an annotated COPY of the input (workbook or CSV/TSV) for a seller who fixes
the catalogue in Excel: flagged cells filled by severity with a comment per finding, an
"Issues" sheet (one row per finding, linking to the cell) and a "Summary" sheet.

The input is only ever opened for reading; the copy is written to ``--output``
atomically. Every value we write is formula-neutralised and stripped of control
characters (openpyxl refuses those).
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from listlint.formatters import FormatOptions
from listlint.formatters.safe import cell
from listlint.report import Finding, Report, Severity

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


def _read_delimited(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "utf-16", "cp1252", "latin-1"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    try:
        dialect: Any = csv.Sniffer().sniff(text[:65536], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text, newline=""), dialect))


def _copy_workbook(inputs: list[str]) -> Any:
    """A workbook holding a copy of the (first) input, or an empty one for JSON input."""
    import openpyxl

    from listlint.config import Limits
    from listlint.loader.xlsx import check_zip_limits

    for name in inputs:
        path = Path(name)
        try:
            head = path.open("rb").read(8)
        except OSError:
            continue
        if head.startswith(b"PK"):
            try:
                check_zip_limits(path, Limits())  # no zip bomb or DTD reaches openpyxl
                return _defused_copy(openpyxl.load_workbook(path)), path
            except Exception:
                continue
        if head.lstrip()[:1] in (b"[", b"{"):
            continue
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = path.stem[:31] or "Catalogue"
        for row in _read_delimited(path):
            ws.append([cell(v) for v in row])
        return wb, path
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    return wb, None


def _defused_copy(wb: Any) -> Any:
    """The seller's workbook without anything that acts when the copy is opened:
    formulas become their text ('=...), links to other workbooks are dropped. The copy
    is for reading findings, and a supplier's file may carry a DDE or HYPERLINK
    formula meant for whoever opens it."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    formula = c.value if isinstance(c.value, str) else getattr(c.value, "text", "")
                    c.value = cell(formula if str(formula).startswith("=") else f"={formula}")
    wb._external_links = []
    return wb


#: the header row may sit under title/instruction rows; look this far down for it
HEADER_SCAN_ROWS = 50


def _locate(ws: Any, f: Finding, headers: dict[str, dict[str, int]]) -> str | None:
    """The cell of a finding: its physical row, and the column whose header (in the first
    rows of the sheet, where the loader found the header row) is the finding's column."""
    if f.row is None or f.column is None:
        return None
    key = ws.title
    if key not in headers:
        found: dict[str, int] = {}
        rows = ws.iter_rows(min_row=1, max_row=HEADER_SCAN_ROWS, values_only=True)
        for values in rows:
            for idx, value in enumerate(values, 1):
                if value is not None:
                    found.setdefault(str(value).strip(), idx)
        headers[key] = found
    col = headers[key].get(f.column.strip())
    if col is None:
        return None
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col)}{f.row}"


def write(report: Report, out: Any, options: FormatOptions) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    from listlint.output import atomic_path

    if not options.output:
        raise ValueError("xlsx writes a file: give --output PATH")
    wb, source = _copy_workbook(options.inputs)
    headers: dict[str, dict[str, int]] = {}
    per_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    issue_rows: list[tuple[Finding, str | None, str | None]] = []
    for f in report.findings:
        ws = None
        if source is not None and f.path and Path(f.path) == source:
            ws = wb[f.sheet] if f.sheet and f.sheet in wb.sheetnames else wb.worksheets[0]
        ref = _locate(ws, f, headers) if ws is not None else None
        if ws is not None and ref is not None:
            per_cell[(ws.title, ref)].append(f)
        issue_rows.append((f, ws.title if ws is not None else None, ref))
    fills = {sev: PatternFill("solid", fgColor=colour) for sev, colour in _FILL.items()}
    for (title, ref), found in per_cell.items():
        c = wb[title][ref]
        worst = max((f.severity for f in found), key=lambda s: s.rank)
        c.fill = fills[worst]
        text = "\n\n".join(
            f"{f.rule} {f.name} ({f.severity.value}): {f.message}"
            + (f"\nFix: {f.suggestion}" if f.suggestion else "")
            for f in found
        )
        c.comment = Comment(cell(text, 30000), "listlint", width=360, height=200)
    _issues_sheet(wb, issue_rows, Font)
    _summary_sheet(wb, report, Font)
    with atomic_path(Path(options.output)) as tmp:
        wb.save(tmp)


def _issues_sheet(wb: Any, rows: list[tuple[Finding, str | None, str | None]], font: Any) -> None:
    from openpyxl.worksheet.hyperlink import Hyperlink

    ws = wb.create_sheet("Issues")
    ws.append(ISSUES_COLUMNS)
    for c in ws[1]:
        c.font = font(bold=True)
    link_font = font(color="0563C1", underline="single")  # one style object, shared
    for n, (f, title, ref) in enumerate(rows, start=2):
        label = f"{title}!{ref}" if ref else (f"row {f.row}" if f.row is not None else "")
        values = [
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
        ]
        ws.append([None if v is None else cell(v) for v in values])
        if ref:
            # row number tracked here: ws.max_row scans every cell (quadratic in findings)
            link = ws.cell(row=n, column=1)
            quoted = "'" + title.replace("'", "''") + "'"
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{quoted}!{ref}")
            link.font = link_font
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def _summary_sheet(wb: Any, report: Report, font: Any) -> None:
    ws = wb.create_sheet("Summary")
    s = report.summary
    for key, value in s.model_dump().items():
        ws.append([key, value])
    ws.append([])
    ws.append(["rule", "name", "severity", "findings"])
    for c in ws[ws.max_row]:
        c.font = font(bold=True)
    counts = Counter((f.rule, f.name, f.severity.value) for f in report.findings)
    for (code, name, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        ws.append([code, name, sev, n])
