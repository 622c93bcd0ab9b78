"""Whether a listing is on sale: its status cell and its role in a variant group.

Rules about prices and images judge listings a buyer can see. A draft, archived or
unpublished listing (``status`` column, ``wordlists/pricing/status.tsv``) may still lack
both; so may a row that only describes a product whose variants are sold (Amazon
"parent", WooCommerce "variable", Magento "configurable": ``wordlists/pricing/
parent_rows.txt``), which carries no price of its own. Columnar: one ``is_in`` per batch.

Shopify writes the status on a product's first row only: variant rows of the same group
take it from the row above (within the batch).
"""

from __future__ import annotations

from functools import cache

import polars as pl

from listlint.batch import Batch
from listlint.fields import ATTR_PREFIX, GROUP
from listlint.resources import table, wordlist


@cache
def off_sale_values() -> tuple[str, ...]:
    return tuple(r["value"] for r in table("pricing/status"))


@cache
def parent_values() -> tuple[str, ...]:
    return tuple(w.lower() for w in wordlist("pricing/parent_rows"))


@cache
def parent_columns() -> frozenset[str]:
    return frozenset(wordlist("pricing/parent_columns"))


def _header_key(column: str) -> str:
    return " ".join(column[len(ATTR_PREFIX) :].lower().replace("_", " ").split())


def _folded(col: str) -> pl.Expr:
    return pl.col(col).str.strip_chars().str.to_lowercase()


def off_sale(batch: Batch) -> pl.Series:
    """True for listings whose status takes them off sale (never null)."""

    def compute(b: Batch) -> pl.Series:
        f = b.frame
        if "status" not in f.columns:
            return pl.Series("off_sale", [False] * f.height, dtype=pl.Boolean)
        status = _folded("status")
        if GROUP in f.columns:
            grouped = pl.col(GROUP).is_not_null()
            status = pl.when(grouped).then(status.forward_fill().over(GROUP)).otherwise(status)
        off = status.is_in(list(off_sale_values())).fill_null(False)
        return f.select(off.alias("off_sale")).to_series()

    return batch.cached("lifecycle:off_sale", compute)


def parent_row(batch: Batch) -> pl.Series:
    """True for rows that describe a parent product (no price or stock of their own)."""

    def compute(b: Batch) -> pl.Series:
        f = b.frame
        out = pl.lit(False)
        for col in ("variant_type", "product_type"):
            if col in f.columns:
                parts = _folded(col).str.split(",").list.eval(pl.element().str.strip_chars())
                hit = parts.list.eval(pl.element().is_in(list(parent_values()))).list.any()
                out = out | hit.fill_null(False)
        for col in f.columns:
            if col.startswith(ATTR_PREFIX) and _header_key(col) in parent_columns():
                out = out | pl.col(col).is_not_null()
        return f.select(out.alias("parent_row")).to_series()

    return batch.cached("lifecycle:parent_row", compute)


def stray_row(batch: Batch) -> pl.Series:
    """True for rows with neither a title, a SKU nor a price: image or note rows an
    export left unattached to a product (a Shopify import whose image rows lost their
    handle). They are no listing to judge on price or images."""

    def compute(b: Batch) -> pl.Series:
        f = b.frame
        present = [pl.col(c).is_not_null() for c in ("title", "sku", "price") if c in f.columns]
        if not present:
            return pl.Series("stray", [False] * f.height, dtype=pl.Boolean)
        return f.select((~pl.any_horizontal(present)).alias("stray")).to_series()

    return batch.cached("lifecycle:stray_row", compute)


def on_sale(batch: Batch) -> pl.Series:
    """True for listings a buyer can see and buy as they are (not off sale, not a
    parent, not a stray row)."""
    return batch.cached(
        "lifecycle:on_sale", lambda b: ~(off_sale(b) | parent_row(b) | stray_row(b))
    )
