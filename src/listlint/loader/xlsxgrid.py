"""Sheet extents, checked before calamine builds a sheet (issue 21, H1).

calamine turns a sheet into one dense grid from its first to its last used cell, so
one cell at ``XFD1048576`` in a 1.5 KB file asks for 512 GB (the process aborts) and
one at ``XFD6000`` takes 3.8 GB. Before a sheet is read, its XML is scanned (RE2, one
linear pass) for a cell reference beyond the extent the sheet claims (its
``<dimension>``, else its last row and the columns of its first and last rows) and for
cells without a reference (placed one after another by the reader). When there is
one, or the claimed grid is large and far bigger than the cells the XML can hold, the
sheet is *compacted*: its used rows and columns are renumbered consecutively (a
far-away cell becomes the next column or row; nothing is dropped), and calamine reads
that. The grid is then at most used rows x used columns; the original row numbers
are kept for findings. Cells scattered on a diagonal would still make a large grid
(n cells, n x n), so past :data:`GRID_CELLS` the sheet is refused with one line.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from posixpath import join, normpath
from typing import Any

from listlint.errors import InputError

#: grid cells calamine may allocate for one sheet without a second look (~32 MB at
#: calamine's 32 bytes per cell); a sheet claiming more is compacted unless its XML is
#: big enough to really hold that many cells (N1048576 alone claims 14.7M: 0.7 GB)
DENSE_CELLS = 1_000_000
#: the most cells a compacted sheet may still span (used rows x used columns)
GRID_CELLS = 64_000_000
#: Excel's grid: a reference past it was not written by a spreadsheet program
MAX_ROW = 1_048_576
MAX_COL = 16_384
#: the least XML one cell takes (``<c r="A1"/>``): a sheet's XML of n bytes holds at
#: most n / 8 cells, so a claimed grid within that is data, not a trick
_BYTES_PER_CELL = 8

_Q = "[\"']"  # XML attributes may be quoted either way
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_ROW_R = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr\s*=\s*[\"']([0-9]{1,20})[\"']")
_CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr\s*=\s*[\"']([A-Za-z]{1,10})([0-9]{1,20})[\"']")
_TAG = re.compile(
    rb"<(?P<p>\w+:)?(?:(?P<row>row)\b(?P<rattrs>[^>]*?)/?>|(?P<cell>c)\b(?P<cattrs>[^>]*?)"
    rb"(?:/>|>(?P<inner>.*?)</(?:\w+:)?c>))",
    re.DOTALL,
)
_R_ATTR = re.compile(rb"""\sr\s*=\s*(["'])([^"']*)\1""")
_REF = re.compile(rb"([A-Za-z]{1,10})([0-9]{1,20})")
_ROOT = re.compile(rb"<(\w+:)?worksheet\b[^>]*>")
_MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass
class Placement:
    """Where a compacted sheet's cells were: the original row of each new row and the
    original column of each new column (both 1-based, ``rows[0]`` for new row 1)."""

    rows: list[int]
    columns: list[int]


@dataclass
class Compacted:
    """A compacted sheet: its new XML and where its cells were."""

    xml: bytes
    placement: Placement


def column_number(letters: bytes | str) -> int:
    """``A`` -> 1, ``Z`` -> 26, ``AA`` -> 27 (bijective base 26)."""
    n = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.decode().upper():
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _greater(bound: str, alphabet: str) -> str:
    """A regex matching the strings over ``alphabet`` (ordered, no leading 'zero')
    that are greater than ``bound`` taken as a number in that alphabet: longer
    strings, or as long and larger at the first difference."""
    cls = f"[{alphabet[0]}-{alphabet[-1]}]"
    alts = [f"{cls}{{{len(bound) + 1},}}"]
    for i, ch in enumerate(bound):
        rank = alphabet.index(ch)
        if rank + 1 < len(alphabet):
            bigger = alphabet[rank + 1]
            rest = len(bound) - i - 1
            alts.append(
                f"{re.escape(bound[:i])}[{bigger}-{alphabet[-1]}]{cls}{{{rest}}}"
                if rest
                else f"{re.escape(bound[:i])}[{bigger}-{alphabet[-1]}]"
            )
    return "(?:" + "|".join(alts) + ")"


@lru_cache(maxsize=256)
def _beyond(rows: int, cols: int) -> Any:
    """RE2 pattern for: a cell reference past (rows, cols), a row number past
    ``rows``, or a cell without a reference (then placed by the reader)."""
    import re2

    col = _greater(column_letters(cols), "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    row = _greater(str(rows), "0123456789")
    pattern = (
        rf"(?i)\sr\s*=\s*{_Q}(?:{col}[0-9]+|[A-Z]+{row}){_Q}"
        rf"|<(?:\w+:)?row\b[^>]*\sr\s*=\s*{_Q}{row}{_Q}"
        rf"|<(?:\w+:)?c(?:\s+(?:t|s|cm|vm|ph)\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*/?>"
    )
    return re2.compile(pattern.encode())


def claimed_extent(xml: bytes) -> tuple[int, int]:
    """(rows, columns) the sheet says it spans: its ``<dimension>``, else its last row
    number and the widest reference among its first and last 64 KB."""
    m = _DIMENSION.search(xml, 0, 65536)
    if m:
        refs = _REF.findall(m.group(1))
        if refs:
            return (
                max(int(r) for _, r in refs[-1:] + refs[:1]),
                max(column_number(c) for c, _ in refs[-1:] + refs[:1]),
            )
    window = xml[:65536] + b" " + xml[-65536:]
    rows = [int(r) for r in _ROW_R.findall(window)]
    cells = _CELL_REF.findall(window)
    return (
        max(rows + [int(r) for _, r in cells] or [1]),
        max([column_number(c) for c, _ in cells] or [1]),
    )


def needs_compaction(xml: bytes) -> bool:
    """True when reading the sheet as it is could allocate far more than its cells."""
    rows, cols = claimed_extent(xml)
    rows, cols = min(max(rows, 1), MAX_ROW), min(max(cols, 1), MAX_COL)
    if rows * cols > DENSE_CELLS and rows * cols > len(xml) // _BYTES_PER_CELL:
        return True
    return _beyond(rows, cols).search(xml) is not None


def compact(xml: bytes, sheet: str, path: str, max_columns: int) -> Compacted:
    """The sheet with its used rows and columns renumbered 1..n (document order kept).

    Pass one lists the used row and column numbers, pass two rewrites each cell's
    reference (cells without one get the place the reader would give them)."""
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    for row, col, *_ in _cells(xml, sheet, path):
        used_rows.add(row)
        used_cols.add(col)
    if len(used_cols) > max_columns:
        raise InputError(
            f"sheet {sheet!r} has cells in {len(used_cols)} columns, over the limit of "
            f"{max_columns} (raise limits.max_columns)",
            path=path,
        )
    if len(used_rows) * len(used_cols) > GRID_CELLS:
        raise InputError(
            f"sheet {sheet!r} scatters its cells over {len(used_rows):,} rows and "
            f"{len(used_cols):,} columns: too sparse to be a catalogue table",
            path=path,
        )
    rows = sorted(used_rows)
    columns = sorted(used_cols)
    row_of = {r: i for i, r in enumerate(rows, 1)}
    col_of = {c: column_letters(i).encode() for i, c in enumerate(columns, 1)}
    # the original root element keeps the namespace prefixes the cells may use
    root = _ROOT.search(xml)
    p = root.group(1) or b"" if root else b""
    out = [root.group(0) if root else b'<worksheet xmlns="%s">' % _MAIN_NS]
    out.append(b"<%ssheetData><%srow>" % (p, p))
    for row, col, attrs, inner in _cells(xml, sheet, path):
        ref = col_of[col] + str(row_of[row]).encode()
        if inner is None:
            out.append(b'<%sc r="%s"%s/>' % (p, ref, attrs))
        else:
            out.append(b'<%sc r="%s"%s>%s</%sc>' % (p, ref, attrs, inner, p))
    out.append(b"</%srow></%ssheetData></%sworksheet>" % (p, p, p))
    return Compacted(b"".join(out), Placement(rows, columns))


def _cells(xml: bytes, sheet: str, path: str) -> Iterator[tuple[int, int, bytes, bytes | None]]:
    """(row, column, other attributes, inner XML or None) of every cell, placed as the
    reader places them: by reference, else after the previous cell of the row."""
    row, col = 0, 0
    start = xml.find(b"sheetData")
    for m in _TAG.finditer(xml, max(start, 0)):
        if m.group("row"):
            r = _R_ATTR.search(m.group("rattrs"))
            row = _number(r.group(2), sheet, path) if r else row + 1
            col = 0
            continue
        attrs = m.group("cattrs")
        r = _R_ATTR.search(attrs)
        if r:
            ref = _REF.fullmatch(r.group(2))
            if ref is None:
                raise InputError(
                    f"sheet {sheet!r} has a cell reference {r.group(2)[:20].decode(errors='replace')!r} "
                    "that is not a cell address",
                    path=path,
                )
            col = column_number(ref.group(1))
            cell_row = _number(ref.group(2), sheet, path)
            attrs = attrs[: r.start()] + attrs[r.end() :]
        else:
            col += 1
            cell_row = row
        yield cell_row, col, attrs.rstrip(b"/"), m.group("inner")


def _number(digits: bytes, sheet: str, path: str) -> int:
    n = int(digits)
    if n < 1:
        raise InputError(f"sheet {sheet!r} has a row number 0", path=path)
    return n


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part in the zip (from the workbook and its relationships)."""
    from defusedxml import ElementTree  # type: ignore[import-untyped]

    try:
        book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except Exception:  # calamine reports a broken workbook better than we can
        return {}
    target = {
        el.get("Id"): el.get("Target") or ""
        for el in rels.iter()
        if el.tag.endswith("Relationship")
    }
    out: dict[str, str] = {}
    for el in book.iter():
        if not el.tag.endswith("}sheet"):
            continue
        rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
        name, tgt = el.get("name"), target.get(rid)
        if name is None or not tgt:
            continue
        part = tgt.lstrip("/") if tgt.startswith("/") else normpath(join("xl", tgt))
        out[name] = part
    return out


def compacted_workbook(
    zf: zipfile.ZipFile, names: list[str], path: str, max_columns: int
) -> tuple[bytes | None, dict[str, Placement]]:
    """A copy of the workbook whose risky sheets are compacted, and where the cells of
    each compacted sheet were; (None, {}) when no sheet needs it."""
    parts = sheet_parts(zf)
    by_part = {part: name for name, part in parts.items() if name in names}
    # every worksheet part too: calamine may resolve a sheet where we could not
    present = set(zf.namelist())
    scan = [*by_part, *(n for n in sorted(present) if n.startswith("xl/worksheets/"))]
    rows: dict[str, Placement] = {}
    replaced: dict[str, bytes] = {}
    for part in dict.fromkeys(scan):
        if part not in present or not part.endswith(".xml"):
            continue
        xml = _read_part(zf, part, path)
        if not needs_compaction(xml):
            continue
        name = by_part.get(part)
        if name is None:
            if part in parts.values():
                continue  # a sheet we were not asked to read
            raise InputError(
                f"workbook part {part!r} spans a huge grid and belongs to no sheet the "
                "workbook lists; the file is damaged or crafted",
                path=path,
            )
        done = compact(xml, name, path, max_columns)
        replaced[part] = done.xml
        rows[name] = done.placement
    if not replaced:
        return None, {}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as out:
        for info in zf.infolist():
            if info.filename in replaced:
                out.writestr(info.filename, replaced[info.filename])
            elif not info.is_dir():
                out.writestr(info.filename, _read_part(zf, info.filename, path))
    return buf.getvalue(), rows


def _read_part(zf: zipfile.ZipFile, part: str, path: str) -> bytes:
    """A part's bytes; zipfile stops at the declared size and then fails the checksum
    of a part that inflates further, which is what a lying zip bomb does."""
    try:
        return zf.read(part)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(
            f"workbook part {part!r} does not match its declared size or checksum ({exc}): "
            "damaged, or a zip bomb lying about its size",
            path=path,
        ) from exc
    except (OSError, NotImplementedError, RuntimeError, ValueError) as exc:
        raise InputError(f"cannot read workbook part {part!r} ({exc})", path=path) from exc
