"""A batch's GTIN column read columnar: plain valid codes are decided in polars, and
only the other cells (blank, damaged, invalid) go through :func:`listlint.gtin.read_column`.

On a real catalogue almost every cell is a plain 8/12/13/14-digit code, so the Python
reader runs on a few rows instead of every row, and the rules iterate only
:meth:`GtinColumn.odd_rows`. Indexing gives the same readings as
:func:`listlint.gtin.read_column` on the whole column (a property test checks).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import overload

import polars as pl

from listlint import gtin as g


class GtinColumn(Sequence["g.GtinReading | None"]):
    """Readings of one GTIN column: ``clean`` rows hold a plain valid code (reading
    ``GtinReading(raw, raw)``); every other row's reading (None when blank) is in ``odd``."""

    def __init__(self, series: pl.Series, clean: pl.Series, odd: dict[int, g.GtinReading | None]):
        self.series = series
        self.clean = clean
        self.odd = odd

    def __len__(self) -> int:
        return self.series.len()

    @overload
    def __getitem__(self, i: int) -> g.GtinReading | None: ...
    @overload
    def __getitem__(self, i: slice) -> list[g.GtinReading | None]: ...
    def __getitem__(self, i: int | slice) -> g.GtinReading | list[g.GtinReading | None] | None:
        if isinstance(i, slice):
            return [self[k] for k in range(len(self))[i]]
        if i < 0:
            i += len(self)
        if i in self.odd:
            return self.odd[i]
        raw = self.series[i]
        return g.GtinReading(raw, raw)

    def odd_rows(self) -> Iterator[tuple[int, g.GtinReading]]:
        """(position, reading) of the non-blank cells that are not plain valid codes,
        in row order: the only rows that can have a problem, a repair or a fix."""
        for i in sorted(self.odd):
            r = self.odd[i]
            if r is not None:
                yield i, r

    def clean_positions(self) -> pl.Series:
        return self.clean.arg_true()


def read_series(series: pl.Series) -> GtinColumn:
    """Read a whole GTIN column (see :func:`listlint.gtin.read_column`)."""
    if series.dtype != pl.Utf8:
        # numbers or other types: str() of each value is what the reader sees, and
        # polars' casts do not always write them the same way, so keep to Python
        readings = g.read_column(series.to_list())
        return GtinColumn(
            series.cast(pl.Utf8, strict=False),
            pl.Series([False] * series.len(), dtype=pl.Boolean),
            dict(enumerate(readings)),
        )
    # lazy, so the sub-expressions the checks share are computed once
    kind = series.to_frame("c").lazy().select(g.plain_code_expr(pl.col("c"))).collect()
    kind = kind.to_series()
    clean = (kind == "").fill_null(False)
    odd: dict[int, g.GtinReading | None] = {}
    # plain codes with a restricted or coupon prefix: read as read_gtin reads them
    prefixed = kind.is_in([g.RESTRICTED, g.COUPON]).fill_null(False).arg_true()
    for i, raw, problem in zip(
        prefixed.to_list(), series.gather(prefixed).to_list(), kind.gather(prefixed).to_list()
    ):
        odd[i] = g.GtinReading(raw, raw, problem)
    # the column-level judgement of read_column (made-up numberings) only looks at
    # codes of lengths no GTIN has, so reading the other cells alone is the same
    rest = kind.is_null().arg_true()
    odd.update(zip(rest.to_list(), g.read_column(series.gather(rest).to_list())))
    return GtinColumn(series, clean, odd)
