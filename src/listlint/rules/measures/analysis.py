"""The per-batch analysis every measures rule reads (through
:class:`~listlint.rules.measures.family.MeasuresAnalysis`).

For each listing: parsed weight (kg) and dimensions (cm, sorted longest first), the
product type with its weight band (:mod:`listlint.rules.measures.types`), and a columnar
verdict on the weight: ``ok``, ``untyped``, ``low``/``high`` (outside the tolerance
band) — the rules explain the out-of-band ones one by one (there are few).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from listlint.fields import GROUP
from listlint.rules.measures.packages import package_columns
from listlint.rules.measures.policy import MeasuresSection, measures_of
from listlint.rules.measures.types import TYPE_SCHEMA, TypeIndex, type_index

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.policy import PolicySet

#: attribute columns / fields saying a listing is not shipped (digital, service)
_NO_SHIPPING = (
    "attr:Variant Requires Shipping",
    "attr:Requires Shipping",
    "attr:requires_shipping",
)
_DIGITAL_WORDS = r"(?i)\b(?:gift ?card|e-?book|download(?:able)?|digital|subscription|voucher|e-?gift|online course|webinar|service|warranty)\b"


@dataclass(frozen=True)
class Settings:
    """The measures policy of a run: the first pack's numbers, every pack's ranges."""

    section: MeasuresSection
    index: TypeIndex

    @property
    def tolerance(self) -> float:
        return self.section.tolerance


def settings(policies: PolicySet) -> Settings:
    packs = list(policies)
    section = measures_of(packs[0]) if packs else MeasuresSection()
    extra: dict[str, tuple] = {}
    for pack in packs:
        for name, r in measures_of(pack).ranges.items():
            extra[name] = (r.min_kg, r.max_kg, r.typical_kg, tuple(r.keywords))
    return Settings(section, type_index(tuple(sorted(extra.items()))))


def _col(frame: pl.DataFrame, name: str) -> pl.Expr:
    if name in frame.columns:
        return pl.col(name).cast(pl.Float64, strict=False)
    return pl.lit(None, dtype=pl.Float64)


def _text(frame: pl.DataFrame, name: str) -> pl.Expr:
    return pl.col(name) if name in frame.columns else pl.lit(None, dtype=pl.Utf8)


def analyse(batch: Batch, cfg: Settings) -> pl.DataFrame:
    """One row per listing of the batch (same order), columns:

    ``i`` (position), ``kg``, ``d1 >= d2 >= d3`` (cm, null unless all three known),
    ``dims_n`` (how many dimensions are known), ``ships`` (False for digital goods and
    "requires shipping: false"), ``pkg_kg``/``p1..p3`` (package values when the file
    has separate package columns), ``type``, ``term``, ``tfield``, ``lo``, ``hi``,
    ``typical``, ``bounded`` and ``verdict`` (``none``: no weight, ``untyped``, ``ok``,
    ``low``/``high``: outside the tolerance band, ``open``: above it for a set of
    unknown size)."""
    f = batch.frame
    dims = [_col(f, c) for c in ("length_cm", "width_cm", "height_cm")]
    known = pl.sum_horizontal([d.is_not_null().cast(pl.Int8) for d in dims])
    frame = f.select(
        pl.int_range(pl.len(), dtype=pl.Int64).alias("i"),
        _col(f, "weight_kg").alias("kg"),
        pl.max_horizontal(dims).alias("d1"),
        (pl.sum_horizontal(dims) - pl.max_horizontal(dims) - pl.min_horizontal(dims)).alias("d2"),
        pl.min_horizontal(dims).alias("d3"),
        known.alias("dims_n"),
        # the batch's folded text (folded once for every family)
        batch.folded_series("title").alias("_title"),
        batch.folded_series("product_type").alias("_ptype"),
        batch.folded_series("category").alias("_cat"),
        _text(f, GROUP).alias("_handle"),
        _ships(f).alias("ships"),
        (_text(f, "weight").is_not_null() | _text(f, "dimensions").is_not_null()).alias("_raw"),
    ).with_columns(
        [
            pl.when(pl.col("dims_n") == 3).then(pl.col(c)).otherwise(None).alias(c)
            for c in ("d1", "d2", "d3")
        ]
    )
    frame = pl.concat([frame, package_columns(batch)], how="horizontal")
    frame = _with_types(frame, cfg.index)
    tol = cfg.tolerance
    verdict = (
        pl.when(pl.col("kg").is_null() | (pl.col("kg") <= 0))
        .then(pl.lit("none"))
        .when(pl.col("type").is_null())
        .then(pl.lit("untyped"))
        .when(pl.col("kg") < pl.col("lo") / tol)
        .then(pl.lit("low"))
        .when(pl.col("kg") > pl.col("hi") * tol)
        # a set of unknown size has no upper bound: not judged, but not vouched for
        .then(pl.when(pl.col("bounded")).then(pl.lit("high")).otherwise(pl.lit("open")))
        .otherwise(pl.lit("ok"))
    )
    return frame.with_columns(verdict.alias("verdict")).drop(
        "_title", "_ptype", "_cat", "_handle", "_raw"
    )


def _ships(f: pl.DataFrame) -> pl.Expr:
    ships = pl.lit(True)
    for name in _NO_SHIPPING:
        if name in f.columns:
            no = pl.col(name).str.strip_chars().str.to_lowercase().is_in(["false", "no", "0", "n"])
            ships = ships & ~no.fill_null(False)
    if "title" in f.columns:
        ships = ships & ~pl.col("title").str.contains(_DIGITAL_WORDS).fill_null(False)
    return ships


def _with_types(frame: pl.DataFrame, index: TypeIndex) -> pl.DataFrame:
    """Product types for listings with a weight or dimensions (the others need none)."""
    wanted = frame.select(pl.col("_raw") | (pl.col("dims_n") > 0)).to_series()
    part = frame.filter(wanted)
    types = index.classify_frame(
        part["_title"], part["_ptype"], part["_cat"], part["_handle"], folded=True
    )
    if part.height == frame.height:
        return pl.concat([frame, types], how="horizontal")
    idx = wanted.arg_true()
    full = pl.DataFrame(
        [
            pl.Series(c, [None] * frame.height, dtype=t).scatter(idx, types[c])
            for c, t in TYPE_SCHEMA.items()
        ]
    )
    return pl.concat([frame, full], how="horizontal")
