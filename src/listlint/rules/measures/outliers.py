"""Robust outliers within a group of listings (variant group or category), columnar.

On log10(weight): the group's median and median absolute deviation (MAD). A listing is
an outlier when it is at least ``min_ratio`` times off the median *and* its robust
z-score |x - median| / (1.4826 MAD) is at least ``min_z``. Logs make "1000x heavier"
and "1000x lighter" symmetric; a floor on the MAD keeps near-identical variants (all
0.18 kg) from turning a 0.2 kg sibling into an outlier.
"""

from __future__ import annotations

import math

import polars as pl

#: log10 MAD floor: variants within ~12% of each other count as identical
MAD_FLOOR = 0.05


def outliers(
    frame: pl.DataFrame, key: str, *, min_n: int, min_ratio: float, min_z: float
) -> pl.DataFrame:
    """Rows of ``frame`` (needs ``key``, ``kg`` > 0 and a boolean ``skip``) that are
    outliers within their ``key`` group, with ``median_kg``, ``ratio`` and ``n``."""
    lw = pl.col("kg").log10()
    far = math.log10(min_ratio)
    stats = frame.filter(pl.col(key).is_not_null() & (pl.col("kg") > 0)).with_columns(
        lw.alias("__lw")
    )
    # a group whose weights all lie within ``min_ratio`` of each other has no outlier
    # (every value is nearer than that to the median): the costly medians are taken
    # only over the other groups (in a catalogue, few: variants weigh about the same)
    spread = pl.col("__lw").max() - pl.col("__lw").min()
    wide = (
        stats.group_by(key)
        .agg(pl.len().alias("n"), spread.alias("spread"))
        .filter((pl.col("n") >= min_n) & (pl.col("spread") >= far - 1e-9))
    )
    stats = stats.filter(pl.col(key).is_in(wide[key].implode()))
    stats = stats.with_columns(
        pl.col("__lw").median().over(key).alias("__med"), pl.len().over(key).alias("n")
    ).with_columns((pl.col("__lw") - pl.col("__med")).abs().alias("__dev"))
    stats = stats.with_columns(pl.col("__dev").median().over(key).alias("__mad"))
    z = pl.col("__dev") / (1.4826 * pl.max_horizontal(pl.col("__mad"), pl.lit(MAD_FLOOR)))
    return (
        stats.filter(
            (pl.col("n") >= min_n) & (pl.col("__dev") >= far) & (z >= min_z) & ~pl.col("skip")
        )
        .with_columns(
            (10 ** pl.col("__med")).alias("median_kg"),
            (10 ** (pl.col("__lw") - pl.col("__med"))).alias("ratio"),
        )
        .drop("__lw", "__med", "__dev", "__mad")
    )
