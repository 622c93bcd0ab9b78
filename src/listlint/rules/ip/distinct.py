"""Columnar tests run once per distinct value: a batch's titles repeat (variants,
re-listed items; about one distinct title in seven on a synthetic catalogue), so a
string test over the distinct values plus one hash join back to the rows costs less than
the test over every row."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl


def where(series: pl.Series, test: Callable[[pl.Series], pl.Series]) -> pl.Series:
    """Boolean mask of the rows of ``series`` whose value passes ``test`` (a string
    expression on a Series); a null value never passes, as ``test(...).fill_null(False)``."""
    distinct = series.unique()
    passed = distinct.filter(test(distinct).fill_null(False))
    return series.is_in(passed.implode()).fill_null(False)
