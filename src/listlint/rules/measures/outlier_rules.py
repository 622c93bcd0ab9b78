"""Catalogue-level weight outliers (two-phase, registered through
:mod:`listlint.rules.measures.rules`): a variant far heavier or lighter than its siblings,
a listing far off the rest of its category."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

import polars as pl

from listlint.batch import Batch
from listlint.fields import GROUP, REC, ROW, SHEET
from listlint.report import Severity
from listlint.rules.base import Hit
from listlint.rules.measures.explain import ratio_unit_error
from listlint.rules.measures.family import MeasuresAnalysis, MeasuresCatalogRule
from listlint.rules.measures.outliers import outliers
from listlint.units import format_weight


class _WeightOutlier(MeasuresCatalogRule):
    fields: ClassVar[tuple[str, ...]] = ("weight",)
    #: the grouping: a column of the batch frame
    key: ClassVar[str] = GROUP
    #: outliers are judged within one group (the ``key`` column of the partials: a hash
    #: of sheet + variant group or category)
    merge_key = ("key",)
    what: ClassVar[str] = "variants"
    min_n: ClassVar[int] = 3
    min_ratio: ClassVar[float] = 3.0
    min_z: ClassVar[float] = 3.5
    #: verdicts left out (already reported per listing, or explained by the product type)
    skip: ClassVar[tuple[str, ...]] = ("low", "high")

    def partial(self, batch: Batch, analysis: MeasuresAnalysis) -> pl.DataFrame | None:
        if self.key not in batch.frame.columns or "weight_kg" not in batch.frame.columns:
            return None
        a = analysis.frame
        f = batch.frame
        sku = pl.col("sku") if "sku" in f.columns else pl.lit(None, dtype=pl.Utf8)
        key = pl.concat_str(
            [pl.col(SHEET).fill_null(""), pl.col(self.key).str.to_lowercase()], separator="\x1f"
        )
        skip = a["verdict"].is_in(list(self.skip))
        keep = f.select(pl.col(self.key).is_not_null() & (pl.col("weight_kg") > 0)).to_series()
        # partials stay small: the group key as a hash, and the text a finding quotes
        # only on listings that can be reported
        return (
            f.with_columns(skip.alias("skip"))
            .filter(keep)
            .select(
                pl.col(REC),
                pl.col(ROW),
                pl.col(SHEET),
                pl.when(~pl.col("skip")).then(sku).alias("sku"),
                key.hash().alias("key"),
                pl.when(~pl.col("skip")).then(pl.col("weight")).alias("raw"),
                pl.col("weight_kg").alias("kg"),
                pl.col("skip"),
            )
        )

    def merge(self, partials: pl.DataFrame) -> Iterable[Hit]:
        found = outliers(
            partials, "key", min_n=self.min_n, min_ratio=self.min_ratio, min_z=self.min_z
        ).sort(REC)
        for r in found.iter_rows(named=True):
            ratio = r["ratio"]
            how = f"{ratio:,.3g} times" if ratio >= 1 else f"1/{1 / ratio:,.3g} of"
            unit_error = ratio_unit_error(ratio)
            why = f"; it looks like {unit_error}" if unit_error else ""
            yield Hit(
                message=f"weight {r['raw']!r} is {how} the median of its {r['n']} {self.what} "
                f"({format_weight(r['median_kg'])}){why}",
                field="weight",
                match=r["raw"],
                rec=r[REC],
                row=r[ROW],
                sheet=r[SHEET],
                sku=r["sku"],
                suggestion=f"check this weight against its {self.what} "
                f"(about {format_weight(r['median_kg'])})",
                policy=self.link(),
            )


class VariantWeightOutlier(_WeightOutlier):
    """One variant's weight is far from its siblings' (median/MAD over the variant
    group, at least 3 variants, at least 3 times off the median).

    Why: sizes and colours of one product weigh about the same; the classic error is
    one variant typed in grams while the others are in kilograms. Computed over the
    whole catalogue (two-phase), so it holds when the file is split into batches.

    Fails:
        variants of TEE-BLK weighing ``0.18 kg``, ``180 kg``, ``0.19 kg``

    Passes:
        variants weighing ``0.16 kg``, ``0.18 kg``, ``0.21 kg`` (S, M, L)
    """

    code = "MS401"
    name = "variant-weight-outlier"
    severity = Severity.WARNING
    summary = "A variant's weight is far from its siblings'"


class CategoryWeightOutlier(_WeightOutlier):
    """A listing's weight is extreme for its category within this catalogue (at least
    8 listings in the category, 50 times off the median and a robust z-score of 5;
    listings whose product type vouches for the weight are not judged).

    Why: catches unit slips on products whose type listlint does not know, using the
    seller's own catalogue as the reference. Informational: categories can mix light
    and heavy products.

    Fails:
        one "Home > Kitchen" listing at ``6000 kg`` among kitchen goods of 0.2-6 kg

    Passes:
        a 0.26 kg jump rope among 0.2-20 kg fitness goods (39x, a product mix)
    """

    code = "MS402"
    name = "category-weight-outlier"
    severity = Severity.INFO
    summary = "Weight is extreme for its category in this catalogue"
    key = "category"
    what = "listings in this category"
    min_n = 8
    min_ratio = 50.0
    min_z = 5.0
    # a weight its product type finds plausible is a light or heavy product, not an error
    skip = ("low", "high", "ok")
