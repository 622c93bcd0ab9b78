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

openpyxl writes the workbook's structure, the flagged cells (fills, comments) and the
Issues and Summary sheets; the catalogue cells are then streamed into each sheet part
(openpyxl's cell writer cost ~20 µs a cell). Rows past Excel's 1,048,576 are not copied
(their findings are still on Issues). The listlint sheets are named in a custom
document property so that ``listlint checked.xlsx`` skips them (see
:func:`listlint.loader.xlsx.report_sheets`). Saved atomically.
"""

from __future__ import annotations

import gc
import io
import json
import math
import re
import sys
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from listlint.formatters import FormatOptions
from listlint.formatters.safe import MAX_CELL, NEEDS_CELL, cell
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
        if failure is not None:
            gc.collect()
    finally:
        sys.unraisablehook = previous
    if failure is not None:
        raise OutputError(f"cannot write the annotated copy ({failure})", path=options.output)
    write_bytes(Path(options.output), data)


def _render(report: Report, options: FormatOptions) -> bytes:
    """openpyxl writes the workbook with only the flagged cells of each catalogue sheet
    (their fills and comments, styles, relationships); then each catalogue sheet's
    cell data is streamed in from the input by :func:`_sheet_data`. openpyxl's own cell
    writer took ~20 µs a cell (5x the whole lint of a 100k-row workbook)."""
    import openpyxl
    from openpyxl.packaging.custom import StringProperty

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
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
    styles = _Styles()
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title)
        for row, flagged in sheet.cells.items():
            for col, found in flagged.items():
                styles.flag(ws.cell(row=row, column=col), found)
    issues = _issues_sheet(wb, issues_title, issue_rows)
    _summary_sheet(wb, summary_title, report)
    wb.custom_doc_props.append(
        StringProperty(name=_report_property(), value=json.dumps([issues_title, summary_title]))
    )
    buf = io.BytesIO()
    wb.save(buf)
    return _with_sheet_data(buf.getvalue(), [*sheets, issues])


def _with_sheet_data(book: bytes, sheets: list[_Sheet]) -> bytes:
    """The saved workbook with each catalogue sheet's cells streamed in from the input
    (openpyxl names sheet parts sheet1.xml, sheet2.xml ... in workbook order, and the
    catalogue sheets come first)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(book)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout,
    ):
        parts = {f"xl/worksheets/sheet{i}.xml": s for i, s in enumerate(sheets, start=1)}
        for info in zin.infolist():
            data = zin.read(info)
            sheet = parts.get(info.filename)
            if sheet is None:
                zout.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
                continue
            xml = data.decode("utf-8")
            styles = dict(_STYLED_CELL.findall(xml))
            head, tail = _split_sheet(xml)
            with zout.open(info.filename, "w") as fh:
                fh.write(head.encode("utf-8"))
                for chunk in _sheet_data(sheet, styles):
                    fh.write(chunk.encode("utf-8"))
                fh.write(tail.encode("utf-8"))
    return out.getvalue()


#: a flagged cell as openpyxl wrote it: its reference and its style (fill) index
_STYLED_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)" s="([0-9]+)"')
_SHEET_DATA = re.compile(r"<sheetData\s*/>|<sheetData>.*?</sheetData>", re.S)
_DIMENSION = re.compile(r"<dimension [^>]*/>")


def _split_sheet(xml: str) -> tuple[str, str]:
    """A worksheet part around its ``<sheetData>``, without the ``<dimension>`` (it
    described only the flagged cells)."""
    xml = _DIMENSION.sub("", xml, count=1)
    m = _SHEET_DATA.search(xml)
    if m is None:  # pragma: no cover - openpyxl always writes sheetData
        raise ValueError("worksheet without sheetData")
    return xml[: m.start()] + "<sheetData>", "</sheetData>" + xml[m.end() :]


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell_xml(ref: str, value: object, style: str | None) -> str:
    s = f' s="{style}"' if style else ""
    if value is None:
        return f'<c r="{ref}"{s}/>' if style else ""
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
    text = _xml_text(str(value))
    return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _sheet_data(sheet: _Sheet, styles: dict[str, str]) -> Iterator[str]:
    """``<row>`` elements for the sheet's rows as the loader reads them: only cells that
    hold a value or are flagged, in chunks of rows. The per-cell work is inlined: this
    loop runs once per cell of the catalogue."""
    from openpyxl.utils import get_column_letter

    letters = [""] + [get_column_letter(i) for i in range(1, 64)]
    parts: list[str] = []
    unsafe = _CELL_NEEDS_WORK.search
    first = sheet.first_column
    for n, values in enumerate(sheet.rows, start=1):
        if n > MAX_ROWS:
            break
        flagged = sheet.cells.get(n, {})
        cells = []
        col = first - 1
        for col, raw in enumerate(values, start=first):
            if col > MAX_COLUMNS:
                break
            if col >= len(letters):
                letters.extend(get_column_letter(i) for i in range(len(letters), col + 64))
            if type(raw) is str and raw:
                text = raw
                if unsafe(text) is not None or len(text) > MAX_CELL:
                    text = _xml_text(cell(text))
                style = f' s="{styles.get(f"{letters[col]}{n}", "0")}"' if col in flagged else ""
                cells.append(
                    f'<c r="{letters[col]}{n}"{style} t="inlineStr"><is>'
                    f'<t xml:space="preserve">{text}</t></is></c>'
                )
                continue
            value = _value(raw)
            if value is None and col not in flagged:
                continue
            ref = f"{letters[col]}{n}"
            cells.append(_cell_xml(ref, value, styles.get(ref) if col in flagged else None))
        for extra in sorted(c for c in flagged if c > max(col, first - 1)):
            ref = f"{get_column_letter(extra)}{n}"
            cells.append(_cell_xml(ref, None, styles.get(ref, "0")))  # a flagged empty cell
        if cells:
            parts.append(f'<row r="{n}">{"".join(cells)}</row>')
        if len(parts) >= 1000:
            yield "".join(parts)
            parts = []
    yield "".join(parts)


#: text that needs more than writing as is: a formula start, a control or bidi
#: character, or XML's special characters
_CELL_NEEDS_WORK = re.compile(f"{NEEDS_CELL.pattern}|[&<>]")


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
    """A cell value as the copy holds it: text neutralised, numbers and booleans as
    they are, anything else (dates, times, NaN) as the loader's text of it."""
    if v is None or v == "":
        return None
    kind = type(v)
    if kind is str:
        return cell(v)
    if kind is bool or kind is int or (kind is float and math.isfinite(v)):  # type: ignore[arg-type]
        return v
    from listlint.loader.xlsx import cell_text

    text = cell_text(v)
    return None if text is None else cell(text)


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


def _issues_sheet(
    wb: Any, title: str, rows: list[tuple[Finding, str | None, str | None]]
) -> _Sheet:
    """The Issues sheet: openpyxl writes its styled cells (bold header, link cells with
    their hyperlinks); the values are streamed in like a catalogue sheet's."""
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    ws = wb.create_sheet(title)
    bold = Font(bold=True)
    placed: dict[int, dict[int, list[Finding]]] = {1: {}}
    for c in range(1, len(ISSUES_COLUMNS) + 1):
        ws.cell(row=1, column=c).font = bold
        placed[1][c] = []
    link_font = Font(color="0563C1", underline="single")  # one style object, shared
    for n, (_, sheet, ref) in enumerate(rows, start=2):
        if ref and sheet is not None:
            link = ws.cell(row=n, column=1)
            quoted = "'" + sheet.replace("'", "''") + "'"
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{quoted}!{ref}")
            link.font = link_font
            placed[n] = {1: []}
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{_letter(len(ISSUES_COLUMNS))}{len(rows) + 1}"

    def values() -> Iterator[list[object]]:
        yield list(ISSUES_COLUMNS)
        for f, sheet, ref in rows:
            label = f"{sheet}!{ref}" if ref else (f"row {f.row}" if f.row is not None else "")
            yield [
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

    return _Sheet(title, 1, values(), placed)


def _summary_sheet(wb: Any, title: str, report: Report) -> None:
    from openpyxl.styles import Font

    ws = wb.create_sheet(title)
    for key, value in report.summary.model_dump().items():
        ws.append([key, value])
    ws.append([])
    ws.append(["rule", "name", "severity", "findings"])
    bold = Font(bold=True)
    for c in ws[ws.max_row]:
        c.font = bold
    counts = Counter((f.rule, f.name, f.severity.value) for f in report.findings)
    for (code, name, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        ws.append([code, name, sev, n])


__all__ = ["ISSUES_COLUMNS", "comment_size", "sheet_title", "write"]
