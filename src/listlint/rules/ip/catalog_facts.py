"""What the ip rules weigh about the whole file (phase one, :mod:`listlint.rules.facts`).

Two facts about a brand column need the whole catalogue, not the batch a listing falls
in (a batch of one listing cannot tell a store's name from a brand):

* **stores**: values that say nothing about each product's brand, read as no brand
  column: a store's own name (one value fills nine rows in ten of twenty or more
  listings with varied titles: a Shopify "Vendor"), or every value of a column that
  names another protected brand than the title on one row in five of ten or more (a
  marketplace scrape's shop filter, not the product's brand);
* **house brands**: values a title filed under them names ("Sunplay" on "Sunplay Skin
  Aqua UV Milk"): a brand the file sells by name, so a listing that names another brand
  under it is likelier mis-filed than a copy.

Each batch yields one evidence row per distinct brand-column value (rows, whether a
title under it names it, rows checked against their titles and rows contradicted), plus
up to five distinct titles; :func:`combine` sums them. The titles' brand names are read
on the distinct titles of rows with a brand value, through the brand index's per-title
cache the analysis reuses, so phase two does not match them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import polars as pl

from listlint.rules.ip.analysis import Mention, _exact_mentions
from listlint.rules.ip.listing import BRAND_PRONE_TYPES

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.rules.ip.families import Families
    from listlint.rules.ip.index import Brand, BrandIndex

SCHEMA: dict[str, Any] = {
    "kind": pl.Utf8,  # "brand": one brand-column value; "title": a distinct title
    "value": pl.Utf8,
    "rows": pl.Int64,
    "house": pl.Boolean,
    "checked": pl.Int64,
    "wrong": pl.Int64,
}
#: distinct titles a file needs before one brand value filling it reads as a store name
STORE_TITLES = 5


def evidence(batch: Batch, index: BrandIndex, families: Families) -> pl.DataFrame | None:
    """One batch's evidence frame (:data:`SCHEMA`, as :func:`combine` leaves it), or
    None without a brand column. Columnar on the batch's distinct (value, title) pairs;
    Python only for the pairs whose title names a brand."""
    if "brand" not in batch.frame.columns:
        return None
    height = batch.frame.height
    title = (
        batch.folded_series("title")
        if batch.has("title")
        else pl.repeat(None, height, dtype=pl.Utf8, eager=True)
    )
    pairs = (
        pl.DataFrame(
            {
                "value": batch.frame.get_column("brand"),
                "b": batch.folded_series("brand"),
                "t": title,
            }
        )
        .filter(pl.col("value").is_not_null() & (pl.col("value") != ""))
        .group_by("value", "t")
        .agg(pl.len().cast(pl.Int64).alias("rows"), pl.col("b").first())
        .with_columns(
            (
                (pl.col("b").str.len_chars() >= 3)
                & pl.col("t").str.contains(pl.col("b"), literal=True)
            )
            .fill_null(False)
            .alias("house")
        )
    )
    named = _named_by_title(index, pairs.get_column("t"))
    checked = [0] * pairs.height
    wrong = [0] * pairs.height
    if named:
        ts = pairs.get_column("t")
        for k in ts.is_in(list(named)).fill_null(False).arg_true().to_list():
            value, t, rows = pairs.row(k)[:3]
            names = _brands_named(index, named[t], value)
            if not names:
                continue
            checked[k] = rows
            claimed = index.claimed_brand(value)
            if (
                claimed is not None
                and claimed not in names
                and not any(families.related(value, n.name) for n in names)
            ):
                wrong[k] = rows
    brands = (
        pairs.with_columns(
            pl.Series("checked", checked, dtype=pl.Int64), pl.Series("wrong", wrong, dtype=pl.Int64)
        )
        .group_by("value")
        .agg(
            pl.col("rows").sum(),
            pl.col("house").any(),
            pl.col("checked").sum(),
            pl.col("wrong").sum(),
        )
        .select(pl.lit("brand").alias("kind"), "value", "rows", "house", "checked", "wrong")
    )
    raw = batch.frame.get_column("title") if batch.has("title") else pl.Series([], dtype=pl.Utf8)
    return pl.concat([brands, _titles(raw)]).sort("kind", "value")


def _titles(title: pl.Series) -> pl.DataFrame:
    sample = title.drop_nulls().unique().sort().head(STORE_TITLES)
    n = sample.len()
    return pl.DataFrame(
        {"kind": ["title"] * n, "value": sample, "rows": [0] * n, "house": [False] * n,
         "checked": [0] * n, "wrong": [0] * n},
        schema=SCHEMA,
    )  # fmt: skip


def combine(frames: list[pl.DataFrame]) -> pl.DataFrame:
    """Sum the brand rows; keep the first distinct titles (enough to say "five or more",
    and the same whatever the grouping of the frames)."""
    if len(frames) == 1:
        return frames[0]  # evidence() and combine() leave a frame in this form
    whole = pl.concat([f.select(list(SCHEMA)).cast(pl.Schema(SCHEMA)) for f in frames])
    brands = (
        whole.filter(pl.col("kind") == "brand")
        .group_by("kind", "value")
        .agg(
            pl.col("rows").sum(),
            pl.col("house").any(),
            pl.col("checked").sum(),
            pl.col("wrong").sum(),
        )
    )
    titles = (
        whole.filter(pl.col("kind") == "title").unique("value").sort("value").head(STORE_TITLES)
    )
    return pl.concat([brands.select(list(SCHEMA)), titles]).sort("kind", "value")


def _named_by_title(index: BrandIndex, titles: pl.Series) -> dict[str, list[Mention]]:
    """Exact brand names in each distinct title the prefilter lets through (through the
    index's per-title cache, which the analysis reads again), titles naming one only."""
    distinct = titles.drop_nulls().unique()
    cand = distinct.filter(distinct.str.contains_any(index.prefilter_terms).fill_null(False))
    seen = index.title_matches
    found = {t: _exact_mentions(index, "title", t, seen=seen) for t in cand.to_list()}
    return {t: ms for t, ms in found.items() if ms}


def _brands_named(index: BrandIndex, mentions: list[Mention] | tuple[()], value: str) -> set[Brand]:
    """The brands a title names outright under brand value ``value``: not a known lookalike
    spelling, and not a coded reference (a luxury model or nickname standing alone for a
    brand the title does not spell and the column does not claim)."""
    spelled = {
        m.name.brand.name for m in mentions if not m.name.is_coded and m.name.kind != "slang_zh"
    }
    return {
        m.name.brand for m in mentions if not m.disguise and not _coded(index, m, spelled, value)
    }


def _coded(index: BrandIndex, m: Mention, spelled: set[str], value: str) -> bool:
    # the listing-independent part of analysis._mark_coded (the file-level read of a
    # title cannot weigh what the listing sells)
    return (
        m.name.is_coded
        and m.name.brand.name not in spelled
        and (m.name.kind != "model_name" or m.name.ptype in BRAND_PRONE_TYPES)
        and not index.matches_brand(m.name.brand, value)
        and not m.nominative
    )


@dataclass(frozen=True)
class BrandColumnFacts:
    """The catalogue's facts, as the rules ask for them."""

    stores: frozenset[str]
    house: frozenset[str]
    #: the catalogue has a brand column with a value somewhere (a blank cell is then a
    #: blank brand, not a file without brands, whatever batch the row falls in)
    filled: bool = False

    @classmethod
    def read(cls, facts: pl.DataFrame | None) -> BrandColumnFacts:
        if facts is None:
            return cls(frozenset(), frozenset())
        brands = facts.filter(pl.col("kind") == "brand")
        if not brands.height:
            return cls(frozenset(), frozenset())
        house = frozenset(brands.filter(pl.col("house")).get_column("value").to_list())
        total = int(brands.get_column("rows").sum() or 0)
        titles = facts.filter(pl.col("kind") == "title").height
        if total >= 20 and titles >= STORE_TITLES:
            value, n = (
                brands.sort(["rows", "value"], descending=[True, False])
                .select("value", "rows")
                .row(0)
            )
            if n >= 0.9 * total:
                return cls(frozenset({value}), house, True)
        checked = int(brands.get_column("checked").sum() or 0)
        wrong = int(brands.get_column("wrong").sum() or 0)
        if checked >= 10 and wrong >= 0.2 * checked:
            return cls(frozenset(brands.get_column("value").to_list()), house, True)
        return cls(frozenset(), house, True)

    def same_for(self, other: BrandColumnFacts, values: set[str]) -> bool:
        """Are rows with these brand-column values judged alike on both facts?"""
        return (
            self.filled == other.filled
            and self.stores & values == other.stores & values
            and self.house & values == other.house & values
        )


__all__ = ["SCHEMA", "BrandColumnFacts", "combine", "evidence"]
