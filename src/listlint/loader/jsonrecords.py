"""JSON objects -> one table, with limits enforced while flattening (issue 21, H4).

Records are flattened one by one into sparse rows (only the keys they have) while
the distinct keys are counted; the dense table (records x keys) is built only once
its size is known, column by column in chunks, never as a Python list of lists. When
the keys are many and most are rare (16,000 records each with its own key made a
6.9 GB table), the rare ones are kept together in one ``other keys`` attribute
column ("key: value" lines) instead of one column each: nothing is dropped, and
keys that name a field listlint knows are never folded. Per-record problems (not an
object, a key written twice) are findings, the first :data:`MAX_NOTES` of each kind
one by one and the rest counted in one more.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import polars as pl

from listlint.catalog import LoadIssue
from listlint.errors import InputError
from listlint.fields import ATTR_PREFIX
from listlint.loader.table import RawTable, dedupe_headers

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
#: cells (rows x columns) a JSON table may have before its rare keys are folded
DENSE_CELLS = 16_000_000
#: per-record findings of one kind listed one by one; the rest are counted
MAX_NOTES = 100
#: rows turned into a frame at a time (their dicts are released as they go)
CHUNK_ROWS = 20_000
#: cells one chunk may have before its own rare keys are folded
CHUNK_CELLS = 4_000_000
#: the attribute column holding folded keys
OTHER_KEYS = "other keys"
#: a key written twice in one object is kept here by :func:`pairs_hook`
DUPLICATES = "\x00duplicates"
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``json.loads`` object hook: a dict, plus the keys written twice and their
    earlier values under :data:`DUPLICATES` (the last value wins, as in ``json``)."""
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: dict[str, Any] = {}
        dups = []
        for k, v in pairs:
            if k in seen:
                dups.append((k, seen[k]))
            seen[k] = v
        out[DUPLICATES] = dups
    return out


class Notes:
    """Per-record issues of each kind: the first ones listed, the rest counted."""

    def __init__(self) -> None:
        self.issues: list[LoadIssue] = []
        self.listed: Counter[str] = Counter()
        self.more: Counter[str] = Counter()
        self.summaries: dict[str, str] = {}

    def add(self, issue: LoadIssue, summary: str) -> None:
        if self.listed[issue.kind] < MAX_NOTES:
            self.listed[issue.kind] += 1
            self.issues.append(issue)
        else:
            self.more[issue.kind] += 1
            self.summaries[issue.kind] = summary

    def all(self) -> list[LoadIssue]:
        tail = [
            LoadIssue(kind=k, message=f"{n:,} more {self.summaries[k]}")
            for k, n in self.more.items()
        ]
        return self.issues + tail


def scalar(value: Any) -> str | None:
    if type(value) is str:  # most values: one type check
        if not value or value.isspace():
            return None
        # "\ud800" in JSON is a lone surrogate Python keeps and UTF-8 cannot hold
        return value if value.isascii() else _SURROGATE.sub("\ufffd", value)
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = value if isinstance(value, str) else str(value)
    if not text.strip():
        return None
    # "\ud800" in JSON is a lone surrogate Python keeps and UTF-8 cannot hold
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def join_list(values: list) -> str | None:
    parts = []
    for v in values:
        if isinstance(v, dict) and not _has_data(v):
            continue  # {} says nothing (a list of empty objects is an empty cell)
        if isinstance(v, dict):
            # images [{"src": ...}], options [{"value": ...}]: keep the telling value
            for key in ("src", "url", "value", "name", "title", "id"):
                if key in v and not isinstance(v[key], (dict, list)):
                    parts.append(str(v[key]))
                    break
            else:
                clean = {k: x for k, x in v.items() if k != DUPLICATES}
                parts.append(json.dumps(clean, ensure_ascii=False))
        elif isinstance(v, list):
            inner = join_list(v)
            if inner:
                parts.append(inner)
        elif v is not None and str(v).strip():
            parts.append(str(v))
    return scalar("\n".join(parts)) if parts else None


def flatten(
    obj: dict, prefix: str = "", out: dict | None = None, dups: list | None = None
) -> dict[str, str | None]:
    """Nested objects as dotted keys; lists joined one item a line. Keys written twice
    are appended to ``dups`` as (dotted key, earlier value)."""
    out = {} if out is None else out
    for key, value in obj.items():
        if key == DUPLICATES:
            if dups is not None:
                dups.extend((f"{prefix}{k}", v) for k, v in value)
            continue
        k = f"{prefix}{key}"
        if isinstance(value, dict):
            flatten(value, k + ".", out, dups)
        elif isinstance(value, list):
            out[k] = join_list(value)
        else:
            out[k] = scalar(value)
    return out


class RecordsTable:
    """Accumulates flattened rows; :meth:`table` builds the RawTable."""

    def __init__(self, name: str, known: frozenset[str] | None = None) -> None:
        self.name = name
        self.rows: list[dict[str, str | None]] = []
        self.numbers: list[int] = []
        self.keys: Counter[str] = Counter()
        self.order: dict[str, None] = {}
        self.notes = Notes()
        self.records = 0
        self._known = known
        #: rows already turned into frames (every CHUNK_ROWS rows)
        self.chunks: list[pl.DataFrame] = []
        self.rows_done = 0
        self._known_cache: dict[str, bool] = {}

    def declare(self, keys: list[str]) -> None:
        """Columns that exist even when no record fills them (table-in-JSON headers)."""
        for k in keys:
            self.order.setdefault(k, None)

    def add_row(self, row: dict[str, str | None], number: int) -> None:
        # keys are ordered and counted per chunk, in :meth:`_flush` (per row, in
        # Python, they cost as much as the JSON parse itself)
        self.rows.append(row)
        self.numbers.append(number)
        if len(self.rows) >= CHUNK_ROWS:
            self._flush()

    def bad(self, row: int, what: str, match: str) -> None:
        self.notes.add(
            LoadIssue(kind="bad-record", message=what, row=row, match=match[:120]),
            "records were not JSON objects (or not valid JSON) and were skipped",
        )

    def duplicates(self, row: int, dups: list[tuple[str, Any]], current: dict) -> None:
        for key, earlier in dups:
            first = (
                scalar(earlier) if not isinstance(earlier, (dict, list)) else json.dumps(earlier)
            )
            self.notes.add(
                LoadIssue(
                    kind="duplicate-key",
                    message=f"key {key!r} is written twice in this record; the last value "
                    f"({current.get(key)!r}) was read and the earlier one ({first!r}) was not "
                    "checked",
                    row=row,
                    match=(first or "")[:200] or None,
                    suggestion="keep one value for each key",
                ),
                "keys written twice in a record (the last value was read)",
            )

    # -- building ---------------------------------------------------------------------
    def _flush(self) -> None:
        """The buffered rows as one frame (their dicts released). A chunk whose keys
        would make it too dense folds its own rare keys already. Keys are ordered and
        counted here, once per chunk (per row, in Python, they cost as much as the
        JSON parse itself)."""
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        keys = list(dict.fromkeys(k for r in rows for k in r))
        for k in keys:
            self.order.setdefault(k, None)
        folded: set[str] = set()
        if len(rows) * len(keys) > CHUNK_CELLS:
            counts = Counter(k for r in rows for k, v in r.items() if v is not None)
            known = self._known_keys()
            rare = max(2, len(rows) // 100)
            folded = {k for k in keys if k not in known and counts[k] < rare}
            keys = [k for k in keys if k not in folded]
            self.keys.update({k: counts[k] for k in folded})
        frame = pl.from_dicts(rows, schema={k: pl.Utf8 for k in keys}) if keys else None
        if frame is not None:
            filled = frame.select(pl.all().is_not_null().sum()).row(0)
            self.keys.update(dict(zip(keys, filled, strict=True)))
        if folded:
            other = pl.Series(OTHER_KEYS, [_fold_keys(r, folded) for r in rows], dtype=pl.Utf8)
            frame = other.to_frame() if frame is None else frame.with_columns(other)
        if frame is None:
            frame = pl.DataFrame({OTHER_KEYS: [None] * len(rows)}, schema={OTHER_KEYS: pl.Utf8})
        self.chunks.append(frame)
        self.rows_done += len(rows)

    def table(self) -> RawTable:
        self._flush()
        kept, _ = self._columns()
        wanted = set(kept)
        frames = [_fold_frame(f, wanted) for f in self.chunks]
        self.chunks = []
        folded = any(OTHER_KEYS in f.columns for f in frames)
        headers = kept + ([OTHER_KEYS] if folded else [])
        schema = {h: pl.Utf8 for h in headers}
        frame = (
            pl.concat([_aligned(f, headers) for f in frames])
            if frames
            else pl.DataFrame(schema=schema)
        )
        names = [f"c{i}" for i in range(len(headers))]
        frame = frame.rename(dict(zip(frame.columns, names, strict=True)))
        if "_variant_group" in kept:
            headers[headers.index("_variant_group")] = "item_group_id"
        return RawTable(
            dedupe_headers(headers),
            [],
            self.numbers,
            issues=self.notes.all(),
            records=self.records,
            source_frame=frame,
        )

    def _columns(self) -> tuple[list[str], set[str]]:
        """Keys kept as columns (first-seen order) and the rare ones folded together."""
        keys = [k for k in self.order if k != OTHER_KEYS]
        rows = max(self.rows_done, 1)
        if rows * len(keys) <= DENSE_CELLS:
            return keys, set()
        # rare keys (in fewer than 1% of the rows, and fewer than 2) are folded; if the
        # rest still does not fit, the least used of them too. Known fields never are
        known = self._known_keys()
        rare = max(2, rows // 100)
        common = [k for k in keys if k in known or self.keys[k] >= rare]
        budget = max(DENSE_CELLS // rows, 1)
        if len(common) > budget:
            others = sorted((k for k in common if k not in known), key=lambda k: -self.keys[k])
            common = [k for k in common if k in known] + others[: max(budget - len(known), 0)]
        kept = set(common)
        return [k for k in keys if k in kept], {k for k in keys if k not in kept}

    def _known_keys(self) -> set[str]:
        from listlint.loader.columns import normalise_header
        from listlint.loader.headerrow import known_headers

        known = self._known if self._known is not None else known_headers()
        for k in self.order:
            if k not in self._known_cache:
                self._known_cache[k] = normalise_header(k)[0] in known
        return {k for k, yes in self._known_cache.items() if yes}


def _aligned(frame: pl.DataFrame, headers: list[str]) -> pl.DataFrame:
    """The chunk's columns in header order, nulls for the ones it lacks."""
    have = set(frame.columns)
    if len(have) == len(headers) and frame.columns == headers:
        return frame
    return frame.select(
        [pl.col(h) if h in have else pl.lit(None, pl.Utf8).alias(h) for h in headers]
    )


def _fold_frame(frame: pl.DataFrame, kept: set[str]) -> pl.DataFrame:
    """A chunk's columns outside ``kept`` folded into its ``other keys`` column."""
    extra = [c for c in frame.columns if c not in kept and c != OTHER_KEYS]
    if not extra:
        return frame
    parts = [pl.col(OTHER_KEYS)] if OTHER_KEYS in frame.columns else []
    parts += [pl.lit(f"{c}: ") + pl.col(c) for c in extra]
    other = pl.concat_str(parts, separator="\n", ignore_nulls=True)
    frame = frame.with_columns(pl.when(other != "").then(other).alias(OTHER_KEYS))
    return frame.drop(extra)


def _fold_keys(row: dict[str, str | None], folded: set[str]) -> str | None:
    parts = [f"{k}: {v}" for k, v in row.items() if k in folded and v is not None]
    return "\n".join(parts) if parts else None


def add_record(builder: RecordsTable, rec: Any, row_no: int) -> None:
    """One JSON record: a row, or one row per variant (nested variant lists)."""
    if not isinstance(rec, dict):
        builder.records += 1
        builder.bad(row_no, "record is not an object; it was skipped", str(rec))
        return
    if not rec or set(rec) == {DUPLICATES}:
        return
    builder.records += 1
    variants_key = next(
        (
            k
            for k in VARIANT_KEYS
            if isinstance(rec.get(k), list)
            and rec[k]
            and all(isinstance(v, dict) for v in rec[k])
            and any(_has_data(v) for v in rec[k])
        ),
        None,
    )
    parent = {k: v for k, v in rec.items() if k != variants_key}
    if variants_key is not None and "id" in parent:
        # the product's id names the group; each variant keeps its own id/sku
        parent["product_id"] = parent.pop("id")
    dups: list = []
    base = flatten(parent, dups=dups)
    if dups:
        builder.duplicates(row_no, dups, base)
    if variants_key is None:
        if not any(v is not None for v in base.values()):
            builder.records -= 1  # {"sku": {}}: keys but no values at all, like a blank row
            return
        builder.add_row(base, row_no)
        return
    group = (
        base.get("handle")
        or base.get("product_id")
        or base.get("sku")
        or base.get("title")
        or f"record {row_no}"
    )
    variants = [v for v in rec[variants_key] if _has_data(v)]
    option_names = _option_names(parent.get("options"))
    option_pairs = [_variant_options(option_names, v) for v in variants]
    siblings: dict[str, list[str]] = {}
    for pairs in option_pairs:
        for oname, ovalue in pairs:
            siblings.setdefault(oname, []).append(ovalue)
    for variant, pairs in zip(variants, option_pairs, strict=True):
        vdups: list = []
        v = flatten(variant, dups=vdups)
        if vdups:
            builder.duplicates(row_no, vdups, v)
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
        builder.add_row(merged, row_no)


def _has_data(obj: dict) -> bool:
    """An object with at least one value (an empty variant ``{}`` is no variant)."""
    return any(v not in (None, "", [], {}) for k, v in obj.items() if k != DUPLICATES)


def records_table(records: list, name: str, numbers: list[int] | None = None) -> RawTable:
    """Rows from objects; nested variant lists become one row per variant."""
    builder = RecordsTable(name)
    for i, rec in enumerate(records):
        add_record(builder, rec, numbers[i] if numbers else i + 1)
    return builder.table()


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
        raw = [(k, v) for k, v in opts.items() if k != DUPLICATES]
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
        text = scalar(value) if not isinstance(value, (dict, list)) else None
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


def check_columns(count: int, name: str, max_columns: int) -> None:
    if count > max_columns:
        raise InputError(
            f"{count} columns (distinct keys) exceed the limit of {max_columns} "
            "(raise limits.max_columns)",
            path=name,
        )
