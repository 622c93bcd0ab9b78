"""Robust outliers within a group of listings (variant group or category), columnar.

On log10(weight): the group's median and median absolute deviation (MAD). A listing is
an outlier when it is at least ``min_ratio`` times off the median *and* its robust
z-score |x - median| / (1.4826 MAD) is at least ``min_z`` (:mod:`listlint.robust`, the
method the pricing family uses on prices).
"""

from __future__ import annotations

import polars as pl

from listlint.robust import MAD_FLOOR
from listlint.robust import outliers as robust_outliers

__all__ = ["MAD_FLOOR", "outliers"]


def outliers(
    frame: pl.DataFrame, key: str, *, min_n: int, min_ratio: float, min_z: float
) -> pl.DataFrame:
    """Rows of ``frame`` (needs ``key``, ``kg`` > 0 and a boolean ``skip``) that are
    outliers within their ``key`` group, with ``median_kg``, ``ratio`` and ``n``."""
    found = robust_outliers(frame, key, "kg", min_n=min_n, min_ratio=min_ratio, min_z=min_z)
    return found.rename({"median": "median_kg"}).drop("z")
