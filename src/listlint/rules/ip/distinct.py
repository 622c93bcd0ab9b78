"""Columnar tests run once per distinct value: a batch's titles repeat (variants,
re-listed items; about one distinct title in seven on a synthetic catalogue), so a
string test over the distinct values plus a join back to the rows costs less than the
test over every row. The analysis tests the title column six times a batch: it makes
one :class:`Distinct` of it, so the values are found and joined to the rows once."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl


class Distinct:
    """A column's distinct values and, per row, the position of its value among them."""

    def __init__(self, series: pl.Series) -> None:
        self.series = series
        self.values = series.unique(maintain_order=True)
        # null never joins: a null row keeps a null position, which no test passes
        self._positions = (
            pl.DataFrame({"v": series})
            .join(
                self.values.to_frame("v").with_row_index("at"),
                on="v",
                how="left",
                maintain_order="left",
            )
            .get_column("at")
        )

    def where(self, test: Callable[[pl.Series], pl.Series]) -> pl.Series:
        """Boolean mask of the rows whose value passes ``test`` (a string expression on a
        Series); a null value never passes, as ``test(...).fill_null(False)``."""
        passed = test(self.values).fill_null(False)
        return passed.gather(self._positions).fill_null(False)


def where(series: pl.Series | Distinct, test: Callable[[pl.Series], pl.Series]) -> pl.Series:
    """Boolean mask of the rows of ``series`` whose value passes ``test`` (a string
    expression on a Series); a null value never passes, as ``test(...).fill_null(False)``."""
    if isinstance(series, Distinct):
        return series.where(test)
    distinct = series.unique()
    passed = distinct.filter(test(distinct).fill_null(False))
    return series.is_in(passed.implode()).fill_null(False)
