"""Which files a command line means: ``-`` (standard input), folders walked for the
catalogue files in them, and, for the pre-commit hook and folders, only files whose
content is a product catalogue (never decided by the extension alone: a
``package.json`` or ``.vscode/settings.json`` is JSON but no catalogue, and
``EXPORT.CSV`` is one). listlint's own outputs (annotated copies, JSON/SARIF/CSV
reports) are never linted as catalogues.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from listlint.errors import InputError

#: what a catalogue file is called (matched case-insensitively)
EXTENSIONS = (".csv", ".tsv", ".xlsx", ".xlsm", ".json", ".jsonl", ".ndjson", ".parquet")
#: folders never walked besides hidden ones (.git, .venv, .hg ...)
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "CVS", "_darcs"})
#: how the report shows standard input
STDIN = "<stdin>"
#: a JSON file bigger than this is taken for a catalogue without parsing it twice
_JSON_PEEK_BYTES = 16 * 1024 * 1024
#: product fields that make a header a catalogue's (besides a title column)
_PRODUCT_FIELDS = frozenset(
    {"sku", "price", "gtin", "brand", "category", "description", "weight", "size", "color"}
)


def expand(args: Sequence[Path]) -> list[tuple[Path, bool]]:
    """Each argument as ``(path, named)``: a folder becomes its catalogue files
    (``named`` False: chosen by content, silently); a file or ``-`` stays as given."""
    out: list[tuple[Path, bool]] = []
    for arg in args:
        if str(arg) != "-" and arg.is_dir():
            out.extend((p, False) for p in walk(arg))
        else:
            out.append((arg, True))
    return out


def walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder`` with a catalogue extension, in a stable order; hidden and
    version-control folders are not entered, symlinked folders not followed."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(EXTENSIONS):
                path = Path(root) / name
                if path.is_file():  # never a FIFO or a link to /dev/zero: reading blocks
                    yield path


def is_catalogue(path: Path) -> bool:
    """Whether the file's content is a product catalogue listlint should lint."""
    from listlint.loader.detect import SNIFF_BYTES, sniff_format

    try:
        if not path.is_file():  # a FIFO or device would block or never end
            return False
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
        kind = sniff_format(path, head)
    except (OSError, InputError):
        return False
    if kind == "xlsx":
        from listlint.loader.xlsx import report_sheets

        return not report_sheets(path)  # an annotated copy is listlint's own output
    if kind == "parquet":
        return True
    if kind in ("json", "jsonl"):
        return _json_catalogue(path, kind)
    return _text_catalogue(head, str(path))


def _product_header(headers: list[str]) -> bool:
    from listlint.loader.columns import map_columns

    fields = set(map_columns(headers).fields)
    return "title" in fields or len(fields & _PRODUCT_FIELDS) >= 2


def _text_catalogue(head: bytes, name: str) -> bool:
    from listlint.loader import delimited
    from listlint.loader.detect import decode_head
    from listlint.report import FINDING_FIELDS

    try:
        text = decode_head(head, name).lstrip("\ufeff")
    except InputError:
        return False
    delimiter = delimited.sniff_delimiter(text[:262144])
    header = next((r for r in delimited.records(text, delimiter) if any(c.strip() for c in r)), [])
    if tuple(c.strip() for c in header) == FINDING_FIELDS:
        return False  # listlint's CSV report
    return _product_header(header)


def _json_catalogue(path: Path, kind: str) -> bool:
    from listlint.loader.detect import decode
    from listlint.loader.jsondoc import read_json, read_jsonl

    try:
        if path.stat().st_size > _JSON_PEEK_BYTES:
            return True
        text, _ = decode(path.read_bytes(), str(path))
        if kind == "json" and _is_report(text):
            return False
        tables = (read_json if kind == "json" else read_jsonl)(text, str(path))
    except (OSError, InputError, ValueError, RecursionError):
        return False
    return any(_product_header(t.headers) for t in tables)


def _is_report(text: str) -> bool:
    """listlint's JSON report or a SARIF log (of any tool): not a catalogue."""
    import json

    try:
        doc = json.loads(text)
    except ValueError:
        return False
    if not isinstance(doc, dict):
        return False
    return {"version", "summary", "findings"} <= doc.keys() or (
        "runs" in doc and "sarif" in str(doc.get("$schema", "")).lower()
    )


def spool_stdin(max_bytes: int) -> Path:
    """Standard input copied into this run's temporary folder (the loader sniffs and
    re-reads files); refused past ``max_bytes``, as a file would be."""
    import sys

    path = Path(tempfile.mkdtemp(prefix="stdin-")) / "stdin"
    size = 0
    with path.open("wb") as out:
        while chunk := sys.stdin.buffer.read(1024 * 1024):
            size += len(chunk)
            if size > max_bytes:
                raise InputError(
                    f"standard input is over the limit of {max_bytes / 1e6:,.0f} MB "
                    "(raise limits.max_file_size)",
                    path=STDIN,
                )
            out.write(chunk)
    return path
