"""Per-batch findings-to-be of the measures family, computed once and shared by its
rules through :class:`~listlint.rules.measures.family.MeasuresAnalysis`: the cells that
could not be read (MS101, MS102) and the weights outside their type's band, with the
unit error that explains them where one does (MS201, MS202)."""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from listlint.batch import Batch
from listlint.rules.measures.analysis import Settings
from listlint.rules.measures.explain import weight_read_unit, weight_unit_error_frame
from listlint.units import format_weight, parse_dimensions, why_unreadable
from listlint.units.columns import written_mass_unit

PARSED = {"weight": "weight_kg", "length": "length_cm", "width": "width_cm", "height": "height_cm"}
_UNPARSED = {"i": pl.Int64, "raw": pl.Utf8, "nounit": pl.Boolean}


def unparsed(batch: Batch, field: str) -> pl.DataFrame:
    """Cells of ``field`` that were not read: ``i`` (position), ``raw``, ``nounit``
    (a bare number: missing unit, MS102) — classified once per distinct text."""
    if field not in batch.frame.columns:
        return pl.DataFrame(schema=_UNPARSED)
    parsed = PARSED.get(field, "length_cm")
    f = batch.frame
    value = pl.col(parsed) if parsed in f.columns else pl.lit(None, dtype=pl.Float64)
    rows = f.select(
        pl.int_range(pl.len(), dtype=pl.Int64).alias("i"),
        pl.col(field).alias("raw"),
        value.alias("v"),
    ).filter(pl.col("raw").is_not_null() & pl.col("v").is_null())
    if not rows.height:  # the usual case: every cell was read
        return pl.DataFrame(schema=_UNPARSED)
    bare = [r for r in rows["raw"].unique().to_list() if no_unit(field, r)]
    nounit = pl.col("raw").is_in(pl.Series(bare, dtype=pl.Utf8).implode())
    return rows.select("i", "raw", nounit.alias("nounit"))


@lru_cache(maxsize=65536)
def no_unit(field: str, raw: str) -> bool:
    """A bare number (or "0.6;0.2;0.4") whose unit neither the text nor header gives."""
    if field == "dimensions":
        return parse_dimensions(raw, "cm") is not None
    return why_unreadable(raw, "weight" if field == "weight" else "length") == "no-unit"


@lru_cache(maxsize=4096)
def _band(ptype: str, lo: float, hi: float, bounded: bool) -> str:
    return f"a {ptype} usually weighs {format_weight(lo)}–{format_weight(hi)} packed" + (
        "" if bounded else " (more for a set)"
    )


def weight_problems(analysed: pl.DataFrame, batch: Batch, cfg: Settings) -> pl.DataFrame:
    """Listings whose weight is outside their type's band (``analysed``: the batch's
    :func:`~listlint.rules.measures.analysis.analyse`), shared by MS201 and MS202: ``i``, ``raw``, ``kg``, ``term``, ``about`` (the type's
    band in words), ``typical``, ``verdict``, and the unit error where one explains the
    weight: ``meant``, ``written``, ``corrected`` (kg), ``factor`` (null: none).

    Columnar: only the unit a non-simple cell was written in ("1 lb 4 oz") is asked of
    the Python parser, once per distinct cell."""

    needed = ("i", "kg", "lo", "hi", "typical", "bounded", "type", "term", "verdict")
    flagged = analysed.filter(pl.col("verdict").is_in(["low", "high"])).select(needed)
    raw = batch.frame["weight"].gather(flagged["i"])
    mt = cfg.section.mixup_tolerance
    far = (pl.col("kg") < pl.col("lo") / mt) | (
        pl.col("bounded") & (pl.col("kg") > pl.col("hi") * mt)
    )
    flagged = flagged.with_columns(
        raw.alias("raw"),
        written_mass_unit(raw).alias("unit"),
        far.fill_null(False).alias("far"),
    )
    # the unit of cells that are not "number + unit word", read by the parser
    ask = flagged.filter(pl.col("far") & pl.col("unit").is_null()).select("kg", "raw").unique()
    read = pl.DataFrame(
        {
            "kg": ask["kg"],
            "raw": ask["raw"],
            "read": [weight_read_unit(k, r) for k, r in ask.iter_rows()],
        },
        schema={"kg": pl.Float64, "raw": pl.Utf8, "read": pl.Utf8},
    )
    flagged = flagged.join(
        read, on=["kg", "raw"], how="left", nulls_equal=True, maintain_order="left"
    ).with_columns(
        pl.when(pl.col("far")).then(pl.coalesce("unit", "read")).alias("written"),
        (pl.col("lo") / 2).alias("lo"),
        (pl.col("hi") * 2).alias("hi"),
        # the band is described with the type's own range, not the widened one
        pl.col("lo").alias("band_lo"),
        pl.col("hi").alias("band_hi"),
    )
    out = weight_unit_error_frame(flagged).with_columns(
        (pl.col("kg") * pl.col("factor")).alias("corrected")
    )
    bands = zip(
        out["type"].to_list(),
        out["band_lo"].to_list(),
        out["band_hi"].to_list(),
        out["bounded"].to_list(),
        strict=True,
    )
    about = pl.Series("about", [_band(*band) for band in bands], dtype=pl.Utf8)
    keep = ("i", "raw", "kg", "term", "typical", "verdict", "meant", "written", "corrected")
    return out.select(*keep, "factor").with_columns(about)
