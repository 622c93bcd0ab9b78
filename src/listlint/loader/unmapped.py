"""One finding per file for the columns that look like a field but were not read as
one (issue 22): "UPC/EAN" in a file whose GTIN column went unrecognised means no GTIN
check ran, and the seller should hear so, with the ``--map`` that fixes it."""

from __future__ import annotations

from listlint.catalog import LoadIssue
from listlint.loader.columns import ColumnMap

#: columns named in the message; the rest are counted
_NAMED = 8


def map_option(fname: str, header: str) -> str:
    """``--map size="Size Name"`` (quoted for a POSIX shell)."""
    if '"' not in header and "$" not in header and "`" not in header:
        return f'--map {fname}="{header}"'
    return "--map " + fname + "='" + header.replace("'", "'\\''") + "'"


def unmapped_issue(cmaps: list[ColumnMap]) -> LoadIssue | None:
    """The file's unmapped-column note, or None when every field-like column is read.
    A field that one of the file's tables reads is not listed for another."""
    filled = {f for cmap in cmaps for f, cols in cmap.fields.items() if cols}
    seen: dict[str, str] = {}
    for cmap in cmaps:
        for i, fname in cmap.unmapped:
            if fname not in filled:
                seen.setdefault(cmap.headers[i], fname)
    if not seen:
        return None
    pairs = list(seen.items())
    named = ", ".join(f"{h!r} ({f})" for h, f in pairs[:_NAMED])
    more = f" and {len(pairs) - _NAMED} more" if len(pairs) > _NAMED else ""
    fixes = " ".join(map_option(f, h) for h, f in pairs[:_NAMED])
    return LoadIssue(
        kind="unmapped-column",
        message=f"{len(pairs)} column(s) look like fields listlint checks but were not read "
        f"as them, so their checks did not run: {named}{more}",
        column=pairs[0][0],
        match=" | ".join(h for h, _ in pairs)[:200],
        suggestion=f"if a column holds that field, map it: {fixes}",
    )
