"""Variant groups as the two-phase variant rules see them.

Phase one (:func:`variant_partial`, per batch) keeps, for listings in a variant group,
their variation attributes and a signature of their other option-like columns; phase
two (:func:`duplicate_variants`, :func:`missing_variant_values`) compares siblings over
the whole catalogue, so groups split across batches or processes are still whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import polars as pl

from listlint.batch import Batch
from listlint.fields import GROUP, REC, ROW, SHEET
from listlint.rules.specs.attributes import AttributeColumns, header_key

#: ``variant_type`` values of parent rows (they describe the product, not a variant)
PARENT_TYPES = {"parent", "variable", "grouped", "bundle", "configurable"}
#: headers of per-variant bookkeeping columns; any *other* unmapped column that differs
#: between siblings may be an option listlint does not know, so it counts as distinct
_BOOKKEEPING = re.compile(
    r"\b(?:sku|price|prices|cost|qty|quantity|inventory|stock|image|images|barcode|gtin|ean|"
    r"upc|weight|grams|id|position|url|link|date|created|updated|tax|compare|published|"
    r"status|visibility|shipping|fulfillment|seo|tracker|policy|requires|gift|handle|"
    r"sort|order|default|rating|search|slug|threshold|limit|manage|track|preorder)\b"
)
_SEP = "\x1f"


def _is_parent(value: object) -> bool:
    return bool(value) and any(t.strip().lower() in PARENT_TYPES for t in str(value).split(","))


def parent_mask(batch: Batch) -> pl.Series:
    """Rows that describe a product rather than a sellable variant: Amazon ``parent``,
    WooCommerce ``variable``/``grouped`` (types may be listed: "variation, virtual").
    Decided once per distinct ``variant_type`` value."""
    f = batch.frame
    if "variant_type" not in f.columns:
        return pl.Series([False] * f.height, dtype=pl.Boolean)
    s = f["variant_type"]
    if s.dtype != pl.Utf8:
        return pl.Series([_is_parent(v) for v in s.to_list()], dtype=pl.Boolean)
    parents = [v for v in s.drop_nulls().unique().to_list() if _is_parent(v)]
    return s.is_in(parents).fill_null(False)


def _attr_col(attr: str, label: str, header: str | None) -> str:
    return "v:" + _SEP.join((attr, label, header or ""))


def variant_partial(
    batch: Batch, attrs: AttributeColumns, names: list[str], parents: pl.Series
) -> pl.DataFrame | None:
    f = batch.frame
    if GROUP not in f.columns or f[GROUP].null_count() == f.height:
        return None
    cols: dict[str, pl.Series] = {}
    for name in names:
        col = attrs.column(name)
        if col is not None and col not in {c for c in cols}:
            cols[_attr_col(name, attrs.label(name), attrs.header(name))] = attrs.value_series(name)
    if not cols:
        # no variation attribute in the file: how variants differ is kept elsewhere
        # (a shop database's option tables), so nothing can be said about them here
        return None
    used = {attrs.column(n) for n in names}
    other = [
        c
        for c in batch.attribute_columns()
        if c not in used and not _BOOKKEEPING.search(header_key(c[5:]))
    ]
    sku = (
        f["sku"].cast(pl.Utf8)
        if "sku" in f.columns
        else pl.repeat(None, f.height, dtype=pl.Utf8, eager=True)
    )
    frame = pl.DataFrame(
        {
            REC: f[REC],
            ROW: f[ROW],
            SHEET: f[SHEET],
            GROUP: f[GROUP],
            "sku": sku,
            "__parent": parents,
            **{k: v.alias(k) for k, v in cols.items()},
        }
    )
    if other:
        sig = pl.concat_str([pl.col(c).cast(pl.Utf8).fill_null("") for c in other], separator=_SEP)
        frame = frame.with_columns(f.select(sig.alias("__other")).to_series())
    else:
        frame = frame.with_columns(pl.lit("", dtype=pl.Utf8).alias("__other"))
    return frame.filter(pl.col(GROUP).is_not_null())


def _siblings(partials: pl.DataFrame) -> pl.DataFrame:
    """Variant rows (no parents) of groups with at least two of them."""
    key = pl.concat_str([pl.col(SHEET).fill_null(""), pl.col(GROUP)], separator=_SEP)
    out = partials.filter(~pl.col("__parent")).with_columns(key.alias("__g"))
    return out.filter(pl.len().over("__g") > 1).sort(REC)


def _attr_columns(frame: pl.DataFrame) -> list[str]:
    return [c for c in frame.columns if c.startswith("v:")]


def duplicate_variants(partials: pl.DataFrame) -> Iterator[tuple]:
    """(rec, row, sheet, sku, group, first_row, first_sku) for each variant identical to
    an earlier sibling on every variation attribute and option-like column."""
    sib = _siblings(partials)
    if not sib.height:
        return
    parts = [pl.col(c).fill_null("") for c in _attr_columns(sib)] + [pl.col("__other")]
    sig = pl.concat_str([pl.col("__g"), *parts], separator=_SEP)
    # only rows sharing their signature with another row can be duplicates
    sib = sib.with_columns(sig.alias("__sig")).filter(pl.col("__sig").is_duplicated())
    # the same SKU twice is duplicate-sku's finding, not a variant problem
    sib = sib.unique(subset=["__sig", "sku"], keep="first", maintain_order=True)
    dup = sib.with_columns(
        pl.col(ROW).first().over("__sig").alias("__first_row"),
        pl.col("sku").first().over("__sig").alias("__first_sku"),
        pl.col(REC).first().over("__sig").alias("__first_rec"),
    ).filter(pl.col(REC) != pl.col("__first_rec"))
    yield from dup.select(REC, ROW, SHEET, "sku", GROUP, "__first_row", "__first_sku").iter_rows()


def missing_variant_values(partials: pl.DataFrame) -> Iterator[tuple]:
    """(rec, row, sheet, sku, group, attr, label, header, seen) for each variant lacking a
    variation attribute that its siblings vary by.

    Only an attribute with two or more different values in the group is one the variants
    vary by: Shopify writes product-level values ("Adult", "Unisex") on the first row
    of a product only, and those rows are not variants missing something."""
    sib = _siblings(partials)
    columns = _attr_columns(sib)
    # one pass over the groups first: only a group with a gap in a column that has two
    # or more values there can yield anything for that column
    stats = sib.group_by("__g").agg(
        *(pl.col(c).null_count().alias(f"gap{k}") for k, c in enumerate(columns)),
        *(pl.col(c).drop_nulls().n_unique().alias(f"n{k}") for k, c in enumerate(columns)),
    )
    for k, col in enumerate(columns):
        attr, label, header = col[2:].split(_SEP)
        groups = stats.filter((pl.col(f"gap{k}") > 0) & (pl.col(f"n{k}") >= 2))["__g"]
        if not groups.len():
            continue
        sub = sib.filter(pl.col("__g").is_in(groups.implode()))
        has = pl.col(col).is_not_null()
        varies = pl.col(col).drop_nulls().n_unique().over("__g") >= 2
        gaps = sub.filter(varies & ~has)
        if not gaps.height:
            continue
        seen = (
            sub.filter(has)
            .group_by("__g")
            .agg(pl.col(col).unique(maintain_order=True).head(4).str.join(", ").alias("__seen"))
        )
        gaps = gaps.join(seen, on="__g", how="left")
        for rec, row, sheet, sku, group, values in gaps.select(
            REC, ROW, SHEET, "sku", GROUP, "__seen"
        ).iter_rows():
            yield rec, row, sheet, sku, group, attr, label, header or None, values
