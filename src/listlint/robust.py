"""Robust outliers of a positive value within groups, columnar (median and MAD on logs):
weights within a variant group or category (measures, MS401/MS402), prices within a
variant group or product type (pricing, PC401/PC402).

A listing is an outlier when its value is at least ``min_ratio`` times off its group's
median *and* its robust z-score |log x - median| / (1.4826 MAD) is at least ``min_z``.
Logs make "10x dearer" and "10x cheaper" symmetric; the MAD (median absolute deviation)
ignores the outliers themselves, unlike a standard deviation; a floor on it keeps a group
of near-identical values (all 0.18 kg, all 19.99) from turning a 12% different sibling
into an outlier.
"""

from __future__ import annotations

import math

import polars as pl

#: log10 MAD floor: values within ~12% of each other count as identical
MAD_FLOOR = 0.05


def outliers(
    frame: pl.DataFrame, key: str, value: str, *, min_n: int, min_ratio: float, min_z: float
) -> pl.DataFrame:
    """Rows of ``frame`` (``key``, ``value`` > 0, boolean ``skip``) that are outliers in
    their ``key`` group, with ``median``, ``ratio`` (value / median), ``z`` and ``n``."""
    far = math.log10(min_ratio)
    stats = frame.filter(pl.col(key).is_not_null() & (pl.col(value) > 0)).with_columns(
        pl.col(value).log10().alias("__lv")
    )
    # a group whose values all lie within ``min_ratio`` of each other has no outlier:
    # the medians are taken only over the other groups (few: variants cost about the same)
    spread = pl.col("__lv").max() - pl.col("__lv").min()
    wide = (
        stats.group_by(key)
        .agg(pl.len().alias("n"), spread.alias("spread"))
        .filter((pl.col("n") >= min_n) & (pl.col("spread") >= far - 1e-9))
    )
    stats = stats.filter(pl.col(key).is_in(wide[key].implode()))
    stats = stats.with_columns(
        pl.col("__lv").median().over(key).alias("__med"), pl.len().over(key).alias("n")
    ).with_columns((pl.col("__lv") - pl.col("__med")).abs().alias("__dev"))
    stats = stats.with_columns(pl.col("__dev").median().over(key).alias("__mad"))
    z = pl.col("__dev") / (1.4826 * pl.max_horizontal(pl.col("__mad"), pl.lit(MAD_FLOOR)))
    return (
        stats.with_columns(z.alias("z"))
        .filter((pl.col("n") >= min_n) & (pl.col("__dev") >= far) & (pl.col("z") >= min_z))
        .filter(~pl.col("skip"))
        .with_columns(
            (10 ** pl.col("__med")).alias("median"),
            (10 ** (pl.col("__lv") - pl.col("__med"))).alias("ratio"),
        )
        .drop("__lv", "__med", "__dev", "__mad")
    )
