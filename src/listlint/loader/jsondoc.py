"""JSON and JSON Lines: arrays of objects, ``{"products": [...]}`` wrappers, nested
variants (Shopify/Medusa ``products[].variants[]``), table-in-JSON (``headers`` +
``rows``), and Django fixtures (``[{model, pk, fields}]``, e.g. Saleor). Records become
rows in :mod:`.jsonrecords` (limits enforced while flattening).

``row`` is the 1-based record index (the line for JSON Lines); variants of a product
share their product's row.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from listlint.errors import InputError
from listlint.loader.jsonrecords import (
    RecordsTable,
    add_record,
    check_columns,
    join_list,
    pairs_hook,
    records_table,
    scalar,
)
from listlint.loader.table import RawTable

WRAPPER_KEYS = (
    "products",
    "items",
    "data",
    "records",
    "rows",
    "entries",
    "catalog",
    "results",
    "listings",
    "offers",
)
#: one decoder for every JSON Lines line (json.loads builds one per call with a hook)
_DECODER = json.JSONDecoder(object_pairs_hook=pairs_hook)


def parse_json(text: str, name: str, max_depth: int = 64) -> Any:
    try:
        return json.loads(text, object_pairs_hook=pairs_hook)
    except RecursionError as exc:
        raise InputError(
            f"JSON nests deeper than {max_depth} levels (limits.max_json_depth); "
            "a product catalogue is never nested this deeply",
            path=name,
        ) from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", path=name
        ) from exc
    except ValueError as exc:  # a number of more than 4,300 digits
        raise InputError(f"unreadable JSON ({str(exc)[:120]})", path=name) from exc


def read_json(
    text: str, name: str, max_depth: int = 64, max_columns: int = 16_384
) -> list[RawTable]:
    doc = parse_json(text, name, max_depth)
    _check_depth(doc, max_depth, name)
    if (
        isinstance(doc, dict)
        and isinstance(doc.get("sheets"), list)
        and all(isinstance(s, dict) and "headers" in s and "rows" in s for s in doc["sheets"])
    ):
        return [_sheet_table(s, name, max_columns) for s in doc["sheets"]]
    if isinstance(doc, dict) and "headers" in doc and "rows" in doc:
        return [_sheet_table(doc, name, max_columns)]
    records = _find_records(doc, name)
    if records and all(isinstance(r, dict) and {"model", "fields"} <= set(r) for r in records[:50]):
        return [_django_fixture(records, name)]
    builder = RecordsTable(name)
    for i in range(len(records)):
        add_record(builder, records[i], i + 1)
        records[i] = None  # the flat row is all that is kept
    return [builder.table()]


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of the non-blank lines, without a list of all lines."""
    for lineno, m in enumerate(re.finditer(r"[^\n]*\n|[^\n]+$", text), start=1):
        line = m.group(0)
        if line.strip():
            yield lineno, line


def read_jsonl(text: str, name: str, max_depth: int = 64) -> list[RawTable]:
    """One record a line; a bad line is a finding, never the end of the run."""
    return read_jsonl_lines(_lines(text), name, max_depth)


def file_lines(path: Path, notes: list) -> Iterator[tuple[int, str]]:
    """(line number, text) of a UTF-8 JSON Lines file's non-blank lines, read one at a
    time (the file is never held whole: 87 MB of JSON Lines took 842 MB). A line that
    is not UTF-8 is read as cp1252 and noted (``notes`` gets line numbers)."""
    from listlint.loader.textcodec import legacy

    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = legacy(raw.decode("utf-8", errors="surrogateescape"))
                notes.append(lineno)
            if line.strip():
                yield lineno, line


def read_jsonl_lines(
    lines: Iterable[tuple[int, str]], name: str, max_depth: int = 64
) -> list[RawTable]:
    builder = RecordsTable(name)
    for lineno, line in lines:
        try:
            obj = _DECODER.decode(line)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
            builder.records += 1
            builder.bad(lineno, f"line is not valid JSON ({str(exc)[:120]}); it was skipped", line)
            continue
        if not isinstance(obj, dict):
            builder.records += 1
            builder.bad(lineno, "line is not a JSON object; it was skipped", line)
            continue
        try:
            _check_depth(obj, max_depth, name)
        except InputError as exc:
            builder.records += 1
            builder.bad(lineno, f"{exc.detail}; the line was skipped", line)
            continue
        before = builder.records
        add_record(builder, obj, lineno)
        if builder.records == before:
            builder.records += 1  # an empty object is still a line of the file
    return [builder.table()]


def _check_depth(doc: Any, max_depth: int, name: str) -> None:
    stack = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > max_depth:
            raise InputError(
                f"JSON nests deeper than {max_depth} levels (limits.max_json_depth)", path=name
            )
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node if isinstance(v, (dict, list)))


def _find_records(doc: Any, name: str) -> list:
    if isinstance(doc, list):
        if not doc:
            raise InputError("JSON array is empty: no products", path=name)
        if not any(isinstance(r, dict) for r in doc):
            raise InputError("JSON array holds no objects: not a product list", path=name)
        return doc
    if isinstance(doc, dict):
        candidates = {
            k: v
            for k, v in doc.items()
            if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)
        }
        for key in WRAPPER_KEYS:
            if key in candidates:
                return candidates[key]
        if candidates:
            return max(candidates.values(), key=len)
        for value in doc.values():  # one level deeper: {"data": {"products": [...]}}
            if isinstance(value, dict):
                try:
                    return _find_records(value, name)
                except InputError:
                    continue
        if all(not isinstance(v, (dict, list)) for v in doc.values()):
            return [doc]  # a single product object
    raise InputError(
        'JSON has no list of product objects (expected [...] or {"products": [...]})', path=name
    )


def _sheet_table(sheet: dict, name: str, max_columns: int = 16_384) -> RawTable:
    """Table-in-JSON: ``headers`` and ``rows`` (arrays or objects). The headers are
    checked against the column limit before any row is read, and rows are kept sparse
    (a 20,000 x 20,000 table of empty objects took 53 s)."""
    headers = [str(h) for h in sheet.get("headers") or []]
    if not headers:
        raise InputError("table-in-JSON sheet has no headers", path=name)
    check_columns(len(set(headers)), name, max_columns)
    builder = RecordsTable(name)
    builder.declare(headers)
    sheet_name = str(sheet.get("name") or "") or None
    wanted = set(headers)
    for i, r in enumerate(sheet.get("rows") or [], start=1):
        if isinstance(r, dict):
            pairs = [(h, v) for h, v in r.items() if h in wanted]
        elif isinstance(r, list):
            pairs = list(zip(headers, r, strict=False))
            if len(r) != len(headers):
                builder.notes.add(
                    _ragged(i, len(r), len(headers), sheet_name),
                    "rows with a different number of cells than the headers",
                )
        else:
            builder.records += 1
            builder.bad(i, "row is neither an array nor an object; skipped", str(r))
            continue
        row = {h: _cell(v) for h, v in pairs}
        row = {h: v for h, v in row.items() if v is not None}
        if not row:
            continue
        builder.records += 1
        builder.add_row(row, i)
    table = builder.table()
    table.sheet = sheet_name
    for issue in table.issues:
        issue.sheet = issue.sheet or sheet_name
    return table


def _cell(value: Any) -> str | None:
    if isinstance(value, list):
        return join_list(value)
    if isinstance(value, dict):
        return join_list([value])
    return scalar(value)


def _ragged(row: int, got: int, want: int, sheet: str | None) -> Any:
    from listlint.catalog import LoadIssue

    return LoadIssue(
        kind="ragged-row",
        message=f"row has {got} cells but there are {want} headers",
        row=row,
        sheet=sheet,
    )


def _django_fixture(objects: list[dict], name: str) -> RawTable:
    """Saleor-style fixtures: products and their variants linked by primary key."""
    products = [o for o in objects if str(o.get("model", "")).lower().endswith(".product")]
    if not products:
        raise InputError("JSON fixture has no product objects (model '*.product')", path=name)
    variants: dict[Any, list[dict]] = {}
    for o in objects:
        if str(o.get("model", "")).lower().endswith(".productvariant"):
            f = o.get("fields") or {}
            variants.setdefault(f.get("product"), []).append({"id": o.get("pk"), **f})
    records = []
    for p in products:
        rec = {"id": p.get("pk"), **(p.get("fields") or {})}
        if isinstance(rec.get("description"), (dict, list)):
            rec["description"] = _editorjs_text(rec["description"])
        vs = variants.get(p.get("pk"))
        if vs:
            rec["variants"] = vs
        records.append(rec)
    return records_table(records, name)


def _editorjs_text(doc: Any) -> str:
    blocks = doc.get("blocks", []) if isinstance(doc, dict) else doc
    parts = []
    for b in blocks if isinstance(blocks, list) else []:
        data = b.get("data", {}) if isinstance(b, dict) else {}
        if isinstance(data.get("text"), str):
            parts.append(data["text"])
        elif isinstance(data.get("items"), list):
            parts.extend(str(x) for x in data["items"])
    return "\n".join(parts)
