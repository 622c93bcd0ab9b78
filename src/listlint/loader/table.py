"""The shape every reader produces before column mapping: headers plus rows of text."""

from __future__ import annotations

from dataclasses import dataclass, field

from listlint.catalog import LoadIssue


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
