"""JSON and JSON Lines: arrays of objects, ``{"products": [...]}`` wrappers, nested
variants (Shopify/Medusa ``products[].variants[]``), table-in-JSON (``headers`` +
``rows``), and Django fixtures (``[{model, pk, fields}]``, e.g. Saleor).

``row`` is the 1-based record index; variants of a product share their product's row.
"""

from __future__ import annotations

import json
from typing import Any

from listlint.catalog import LoadIssue
from listlint.errors import InputError
from listlint.fields import ATTR_PREFIX
from listlint.loader.table import RawTable, dedupe_headers

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
VARIANT_KEYS = ("variants", "variations", "skus", "children")
#: Parent fields a variant inherits when it has none of its own.
INHERITED = (
    "title",
    "name",
    "description",
    "body_html",
    "brand",
    "vendor",
    "category",
    "product_type",
    "handle",
)


def parse_json(text: str, name: str, max_depth: int = 64) -> Any:
    try:
        return json.loads(text)
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


def read_json(text: str, name: str, max_depth: int = 64) -> list[RawTable]:
    doc = parse_json(text, name, max_depth)
    _check_depth(doc, max_depth, name)
    if (
        isinstance(doc, dict)
        and isinstance(doc.get("sheets"), list)
        and all(isinstance(s, dict) and "headers" in s and "rows" in s for s in doc["sheets"])
    ):
        return [_sheet_table(s, name) for s in doc["sheets"]]
    if isinstance(doc, dict) and "headers" in doc and "rows" in doc:
        return [_sheet_table(doc, name)]
    records = _find_records(doc, name)
    if records and all(isinstance(r, dict) and {"model", "fields"} <= set(r) for r in records[:50]):
        return [_django_fixture(records, name)]
    return [records_table(records, name)]


def read_jsonl(text: str, name: str, max_depth: int = 64) -> list[RawTable]:
    records: list[dict] = []
    numbers: list[int] = []
    issues: list[LoadIssue] = []
    count = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        count += 1
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            issues.append(
                LoadIssue(
                    kind="bad-record",
                    message=f"line is not valid JSON ({exc}); it was skipped",
                    row=lineno,
                    match=line[:120],
                )
            )
            continue
        if not isinstance(obj, dict):
            issues.append(
                LoadIssue(
                    kind="bad-record",
                    message="line is not a JSON object; it was skipped",
                    row=lineno,
                    match=line[:120],
                )
            )
            continue
        try:
            _check_depth(obj, max_depth, name)
        except InputError as exc:  # one bad line is a finding, not the end of the run
            issues.append(
                LoadIssue(
                    kind="bad-record",
                    message=f"{exc.detail}; the line was skipped",
                    row=lineno,
                    match=line[:120],
                )
            )
            continue
        records.append(obj)
        numbers.append(lineno)
    table = records_table(records, name, numbers=numbers)
    table.issues.extend(issues)
    table.records = count
    return [table]


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


def _flatten(obj: dict, prefix: str = "", out: dict | None = None) -> dict[str, str | None]:
    out = {} if out is None else out
    for key, value in obj.items():
        k = f"{prefix}{key}"
        if isinstance(value, dict):
            _flatten(value, k + ".", out)
        elif isinstance(value, list):
            out[k] = _join_list(value)
        else:
            out[k] = _scalar(value)
    return out


def _scalar(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if text.strip() else None


def _join_list(values: list) -> str | None:
    parts = []
    for v in values:
        if isinstance(v, dict):
            # images [{"src": ...}], options [{"value": ...}]: keep the telling value
            for key in ("src", "url", "value", "name", "title", "id"):
                if key in v and not isinstance(v[key], (dict, list)):
                    parts.append(str(v[key]))
                    break
            else:
                parts.append(json.dumps(v, ensure_ascii=False))
        elif isinstance(v, list):
            inner = _join_list(v)
            if inner:
                parts.append(inner)
        elif v is not None and str(v).strip():
            parts.append(str(v))
    return "\n".join(parts) if parts else None


def records_table(records: list, name: str, numbers: list[int] | None = None) -> RawTable:
    """Rows from objects; nested variant lists become one row per variant."""
    flat_rows: list[dict[str, str | None]] = []
    row_numbers: list[int] = []
    issues: list[LoadIssue] = []
    count = 0
    for i, rec in enumerate(records):
        row_no = numbers[i] if numbers else i + 1
        if not isinstance(rec, dict):
            count += 1
            issues.append(
                LoadIssue(
                    kind="bad-record",
                    message="record is not an object; it was skipped",
                    row=row_no,
                    match=str(rec)[:120],
                )
            )
            continue
        if not rec:
            continue
        count += 1
        variants_key = next(
            (
                k
                for k in VARIANT_KEYS
                if isinstance(rec.get(k), list)
                and rec[k]
                and all(isinstance(v, dict) for v in rec[k])
            ),
            None,
        )
        parent = {k: v for k, v in rec.items() if k != variants_key}
        if variants_key is not None and "id" in parent:
            # the product's id names the group; each variant keeps its own id/sku
            parent["product_id"] = parent.pop("id")
        base = _flatten(parent)
        if variants_key is None:
            if not base:  # {"sku": {}}: keys but no values at all, like a blank row
                count -= 1
                continue
            flat_rows.append(base)
            row_numbers.append(row_no)
            continue
        group = (
            base.get("handle")
            or base.get("product_id")
            or base.get("sku")
            or base.get("title")
            or f"record {row_no}"
        )
        option_names = _option_names(parent.get("options"))
        option_pairs = [_variant_options(option_names, v) for v in rec[variants_key]]
        siblings: dict[str, list[str]] = {}
        for pairs in option_pairs:
            for oname, value in pairs:
                siblings.setdefault(oname, []).append(value)
        for variant, pairs in zip(rec[variants_key], option_pairs, strict=True):
            v = _flatten(variant)
            merged = dict(base)
            for key, value in v.items():
                if value is not None or key not in INHERITED:
                    merged[key if key not in base or key in INHERITED else f"variant.{key}"] = value
            # variant's own identity wins
            for key in ("id", "sku", "barcode", "ean", "upc", "weight", "price"):
                if v.get(key) is not None:
                    merged[key] = v[key]
            _keep_product_name(merged, base, v)
            _route_options(merged, pairs, siblings)
            merged["_variant_group"] = str(group)
            flat_rows.append(merged)
            row_numbers.append(row_no)
    headers: list[str] = []
    seen: set[str] = set()
    for r in flat_rows:
        for k in r:
            if k not in seen:
                seen.add(k)
                headers.append(k)
    rows = [[r.get(h) for h in headers] for r in flat_rows]
    if "_variant_group" in seen:
        headers[headers.index("_variant_group")] = "item_group_id"
    return RawTable(dedupe_headers(headers), rows, row_numbers, issues=issues, records=count)


def _keep_product_name(merged: dict, base: dict, v: dict) -> None:
    """A variant's title ("S / Black", Saleor's "39") names the variant, not the product:
    the listing keeps the product's title and the variant's goes to ``variant.title``."""
    from listlint.loader.options import is_default_title

    for key in ("title", "name"):
        own = v.get(key)
        if own is None:
            continue
        if base.get(key) is None:
            merged[key] = own  # no product title to keep: the variant's is all there is
        else:
            merged[key] = base[key]
            if own != base[key] and not is_default_title(own):
                merged[f"variant.{key}"] = own


def _option_names(options: Any) -> list[tuple[Any, str]]:
    """Product options as (id, name) in position order: Shopify ``[{"name": "Size"}]``,
    Medusa ``[{"id": "opt_1", "title": "Size"}]``."""
    out = []
    for opt in options if isinstance(options, list) else []:
        if isinstance(opt, dict):
            name = opt.get("title") or opt.get("name")
            if isinstance(name, str) and name.strip():
                out.append((opt.get("id"), name.strip()))
    return out


def _variant_options(names: list[tuple[Any, str]], variant: dict) -> list[tuple[str, str]]:
    """(option name, value) pairs of one variant: Medusa ``options: [{"value": "S",
    "option_id": ...}]`` (by id, else by position), Medusa v2 ``options: {"Size": "S"}``,
    Shopify ``option1``..``option3``. Values that are not plain text are left out."""
    opts = variant.get("options")
    raw: list[tuple[Any, Any]] = []
    if isinstance(opts, dict):
        raw = list(opts.items())
    elif isinstance(opts, list):
        by_id = {i: n for i, n in names if i is not None}
        for pos, o in enumerate(opts):
            if not isinstance(o, dict):
                continue
            name = by_id.get(o.get("option_id"))
            if name is None and isinstance(o.get("option"), dict):
                name = o["option"].get("title") or o["option"].get("name")
            if name is None and pos < len(names):
                name = names[pos][1]
            raw.append((name, o.get("value")))
    raw += [(n, variant.get(f"option{p + 1}")) for p, (_, n) in enumerate(names[:3])]
    pairs = []
    for name, value in raw:
        text = _scalar(value) if not isinstance(value, (dict, list)) else None
        if name is not None and text is not None:
            pairs.append((str(name), text.strip()))
    return pairs


def _route_options(
    merged: dict, pairs: list[tuple[str, str]], siblings: dict[str, list[str]]
) -> None:
    """Options named Size/Colour/... fill those fields (see :mod:`.options`); the others
    become attributes under their own name. A field the record already fills wins."""
    from listlint.loader.options import option_column

    for name, value in pairs:
        col = option_column(name, value, siblings.get(name, ()))
        if col is None:
            continue
        key = col[len(ATTR_PREFIX) :] if col.startswith(ATTR_PREFIX) else col
        if merged.get(key) is None:
            merged[key] = value


def _sheet_table(sheet: dict, name: str) -> RawTable:
    headers = [str(h) for h in sheet.get("headers") or []]
    if not headers:
        raise InputError("table-in-JSON sheet has no headers", path=name)
    rows, numbers, issues = [], [], []
    for i, r in enumerate(sheet.get("rows") or [], start=1):
        if isinstance(r, dict):
            cells = [
                _scalar(r.get(h))
                if not isinstance(r.get(h), (list, dict))
                else _join_list(r.get(h) if isinstance(r.get(h), list) else [r.get(h)])
                for h in headers
            ]
        elif isinstance(r, list):
            cells = [
                _scalar(c)
                if not isinstance(c, (list, dict))
                else _join_list(c if isinstance(c, list) else [c])
                for c in r
            ]
            if len(cells) != len(headers):
                issues.append(
                    LoadIssue(
                        kind="ragged-row",
                        message=f"row has {len(cells)} cells but there are {len(headers)} headers",
                        row=i,
                        sheet=sheet.get("name"),
                    )
                )
                cells = (cells + [None] * len(headers))[: len(headers)]
        else:
            issues.append(
                LoadIssue(
                    kind="bad-record",
                    message="row is neither an array nor an object; skipped",
                    row=i,
                )
            )
            continue
        if all(c is None for c in cells):
            continue
        rows.append(cells)
        numbers.append(i)
    return RawTable(
        dedupe_headers(headers),
        rows,
        numbers,
        sheet=str(sheet.get("name") or "") or None,
        issues=issues,
        records=len(rows) + sum(1 for x in issues if x.kind == "bad-record"),
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
