"""Attributes packed into one cell (issue 22).

* Magento 2 exports keep every attribute outside its fixed columns in
  ``additional_attributes`` ("color=Black,size=XS,material=Cotton"), and a configurable
  parent lists its children in ``configurable_variations``
  ("sku=MH01-XS-Black,color=Black,size=XS|sku=MH01-XS-Gray,color=Gray,size=XS").
* Scraped marketplace exports keep attributes as JSON in a cell
  (``{"Color": "Black", "Size": "M"}`` or ``[{"name": "Color", "value": "Black"}]``).

Each attribute is routed as a variant option is (:func:`.options.option_column`): one
named like a field fills that field where the row has none, the others become
``attr:`` columns of their own, so two variants that differ only in "waist" keep
that difference. Each distinct cell is parsed once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache

import polars as pl

from listlint.fields import ATTR_PREFIX, GROUP, SHEET

#: Magento's columns (normalised header keys)
ADDITIONAL = "additional attributes"
VARIATIONS = "configurable variations"
#: longest cell parsed as packed attributes (a bigger one is left as text)
MAX_CELL = 100_000
#: values sampled to decide whether a column holds JSON objects
_SAMPLE = 20
_PAIR_SPLIT = re.compile(r",(?=\s*[\w .-]+\s*=)")


def _key(column: str) -> str:
    from listlint.loader.columns import normalise_header

    return normalise_header(column[len(ATTR_PREFIX) :])[0]


@lru_cache(maxsize=65536)
def parse_pairs(cell: str) -> tuple[tuple[str, str], ...]:
    """``"color=Black,size=XS"`` -> (("color", "Black"), ("size", "XS")); a comma inside
    a value stays there unless a ``name=`` follows it."""
    out = []
    for part in _PAIR_SPLIT.split(cell):
        name, eq, value = part.partition("=")
        if eq and name.strip() and value.strip():
            out.append((name.strip(), value.strip()))
    return tuple(out)


@lru_cache(maxsize=65536)
def parse_json_attributes(cell: str) -> tuple[tuple[str, str], ...]:
    """(name, value) pairs of a JSON object, or of a list of name/value objects."""
    try:
        doc = json.loads(cell)
    except (ValueError, RecursionError):
        return ()
    if isinstance(doc, dict):
        items = list(doc.items())
    elif isinstance(doc, list) and all(isinstance(x, dict) for x in doc):
        items = []
        for x in doc:
            name = x.get("name") or x.get("key") or x.get("attribute") or x.get("label")
            value = x.get("value") if "value" in x else x.get("values")
            if isinstance(name, str):
                items.append((name, value))
    else:
        return ()
    out = []
    for name, value in items:
        if value is None or value == "" or not str(name).strip():
            continue
        text = (
            ", ".join(str(v) for v in value)
            if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value)
            else json.dumps(value, ensure_ascii=False)
            if isinstance(value, (dict, list))
            else str(value)
        )
        out.append((str(name).strip(), text.strip()))
    return tuple(out)


def _is_json_column(series: pl.Series) -> bool:
    sample = series.drop_nulls().head(_SAMPLE).to_list()
    if not sample or not all(str(v).lstrip()[:1] in ("{", "[") for v in sample):
        return False
    parsed = sum(bool(parse_json_attributes(v)) for v in sample if len(v) <= MAX_CELL)
    return parsed * 5 >= len(sample) * 4


def unpack_cells(frame: pl.DataFrame) -> pl.DataFrame:
    """Fill fields and attribute columns from packed-attribute cells."""
    attrs = [c for c in frame.columns if c.startswith(ATTR_PREFIX)]
    bracketed = _bracketed_columns(frame, attrs)
    for col in attrs:
        key = _key(col)
        if key == ADDITIONAL:
            frame = _route(frame, frame[col], parse_pairs)
        elif key != VARIATIONS and col in bracketed and _is_json_column(frame[col]):
            frame = _route(frame, frame[col], parse_json_attributes)
    return frame


def _bracketed_columns(frame: pl.DataFrame, columns: list[str]) -> set[str]:
    """Text columns with a cell that starts like JSON, found in one pass over the cells
    stacked (asking each of 16,000 columns on its own cost a polars call each)."""
    text = [c for c in columns if frame[c].dtype == pl.Utf8]
    if not text or frame.height == 0:
        return set()
    stacked = pl.concat([frame[c] for c in text], rechunk=False)
    starts = stacked.str.contains(r"^\s*[\[{]").fill_null(False).to_numpy()
    hit: list[bool] = starts.reshape(len(text), frame.height).any(axis=1).tolist()  # type: ignore[assignment]
    return {c for c, h in zip(text, hit, strict=True) if h}


def _route(
    frame: pl.DataFrame, cells: pl.Series, parse: Callable[[str], tuple[tuple[str, str], ...]]
) -> pl.DataFrame:
    from listlint.loader.options import option_column

    routed: dict[str, list[str | None]] = {}
    for r, cell in enumerate(cells.to_list()):
        if not cell or len(cell) > MAX_CELL:
            continue
        for name, value in parse(cell):
            target = option_column(name, value)
            if target is None:
                continue
            routed.setdefault(target, [None] * frame.height)[r] = value
    return fill_columns(frame, routed)


def fill_columns(frame: pl.DataFrame, routed: dict[str, list[str | None]]) -> pl.DataFrame:
    """Columns filled where they are empty (a field the row gives itself wins)."""
    new = []
    for col, values in routed.items():
        series = pl.Series(col, values, dtype=pl.Utf8)
        if col in frame.columns:
            new.append(pl.coalesce(pl.col(col), pl.lit(series)).alias(col))
        else:
            new.append(pl.lit(series).alias(col))
    return frame.with_columns(new) if new else frame


def magento_groups(frame: pl.DataFrame) -> pl.DataFrame | None:
    """Variant groups from ``configurable_variations``: each child listed by a parent
    joins the parent's group (keyed by the parent's SKU, as WooCommerce parents are),
    takes the attributes the parent lists for it where it has none, and the parent
    joins its own group. None when the frame has no such column."""
    col = next(
        (c for c in frame.columns if c.startswith(ATTR_PREFIX) and _key(c) == VARIATIONS), None
    )
    if col is None or "sku" not in frame.columns:
        return None
    parent_of: dict[tuple[str | None, str], str] = {}
    given: dict[tuple[str | None, str], tuple[tuple[str, str], ...]] = {}
    for sheet, sku, cell in frame.select(SHEET, "sku", col).iter_rows():
        if not cell or not sku or len(cell) > MAX_CELL:
            continue
        for entry in cell.split("|"):
            pairs = parse_pairs(entry)
            child = next((v for k, v in pairs if k.lower() == "sku"), None)
            if child:
                parent_of[(sheet, child)] = sku
                given[(sheet, child)] = tuple((k, v) for k, v in pairs if k.lower() != "sku")
    if not parent_of:
        return None
    parents = set(parent_of.values())
    groups: list[str | None] = []
    routed: dict[str, list[str | None]] = {}
    from listlint.loader.options import option_column

    for r, (sheet, sku) in enumerate(frame.select(SHEET, "sku").iter_rows()):
        key = (sheet, sku)
        groups.append(parent_of.get(key) or (sku if sku in parents else None))
        for name, value in given.get(key, ()):
            target = option_column(name, value)
            if target is not None:
                routed.setdefault(target, [None] * frame.height)[r] = value
    frame = fill_columns(frame, routed)
    return frame.with_columns(pl.Series(GROUP, groups, dtype=pl.Utf8))
