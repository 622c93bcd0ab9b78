"""A GTIN column read columnar: plain valid codes are decided in polars, and only the
other cells (blank, damaged, invalid) go through :func:`~listlint.gtin.codes.read_gtin`,
once per distinct value (:func:`read_column`).

On a real catalogue almost every cell is a plain 8/12/13/14-digit code, so the Python
reader runs on a few rows instead of every row, and the rules iterate only
:meth:`GtinColumn.odd_rows`. Indexing gives the same readings as
:func:`read_column` on the whole column (a property test checks).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, overload

import polars as pl

from listlint.gtin import codes as g


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
    """Read a whole GTIN column (see :func:`read_column`)."""
    if series.dtype != pl.Utf8:
        # numbers or other types: str() of each value is what the reader sees, and
        # polars' casts do not always write them the same way, so keep to Python
        readings = read_column(series.to_list())
        return GtinColumn(
            series.cast(pl.Utf8, strict=False),
            pl.Series([False] * series.len(), dtype=pl.Boolean),
            dict(enumerate(readings)),
        )
    # lazy, so the sub-expressions the checks share are computed once
    kind = series.to_frame("c").lazy().select(plain_code_expr(pl.col("c"))).collect().to_series()
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
    odd.update(zip(rest.to_list(), read_column(series.gather(rest).to_list())))
    return GtinColumn(series, clean, odd)


def read_column(values: list[object]) -> list[g.GtinReading | None]:
    """Read a whole GTIN column (None for blank cells), once per distinct value.

    A repair guessed from one cell is undone when the column shows otherwise: if five or
    more distinct codes share a length that no GTIN has and most of them fail the check
    digit, the column holds some made-up numbering (8500000001, 8500000002...), and the
    few that pass by chance (one in ten does) are not "lost leading zeros" or ISBN-10s.
    """
    distinct = list(dict.fromkeys(str(v) for v in values if v is not None and str(v).strip()))
    clean = _clean_codes(distinct)
    memo: dict[str, g.GtinReading] = {
        key: g.GtinReading(key, key) if key in clean else g.read_gtin(key) for key in distinct
    }
    by_length: dict[int, list[str]] = {}
    for key in memo:
        if key in clean:
            continue
        raw = g._SEPARATORS.sub("", key.strip().lstrip("'\u2019"))
        if g._is_digits(raw) and len(raw) not in g.GTIN_LENGTHS:
            by_length.setdefault(len(raw), []).append(key)
    for n, keys in by_length.items():
        guessed = [k for k in keys if memo[k].problem != g.LENGTH]
        if len(keys) >= 5 and len(guessed) < len(keys) / 2:
            for k in guessed:
                if g.LEADING_ZEROS in memo[k].repairs or memo[k].problem == g.ISBN10:
                    memo[k] = g.GtinReading(memo[k].raw, None, g.LENGTH, detail=f"{n} digits")
    return [memo.get(str(v)) if v is not None and str(v).strip() else None for v in values]


def _clean_codes(codes: list[str]) -> set[str]:
    """The codes that are plainly valid (8/12/13/14 digits, right check digit, ordinary
    prefix, not a placeholder), decided columnar in polars so a catalogue of 100k
    barcodes does not run the per-code reader 100k times. Anything else takes
    :func:`~listlint.gtin.codes.read_gtin`, which gives the same answer for these codes (a test checks)."""
    if not codes:
        return set()
    frame = pl.LazyFrame({"c": pl.Series("c", codes, dtype=pl.Utf8)})
    return set(frame.filter(clean_code_expr(pl.col("c"))).collect()["c"].to_list())


def clean_code_expr(code: pl.Expr) -> pl.Expr:
    """Polars expression: True where the text cell ``code`` is plainly a valid GTIN as it
    stands (see :func:`_clean_codes`), False otherwise (blank cells included)."""
    return plain_code_expr(code) == ""


def plain_code_expr(code: pl.Expr) -> pl.Expr:
    """Polars expression over text cells: for a plain code (8/12/13/14 ASCII digits as
    they stand, right check digit, not a placeholder, not a possible UPC-E) its prefix
    problem (``RESTRICTED``, ``COUPON``) or "" when none; null for every other cell,
    which needs :func:`~listlint.gtin.codes.read_gtin`. :func:`~listlint.gtin.codes.read_gtin` reads a plain code with that
    problem as ``GtinReading(code, code, problem)``."""
    shape = code.str.contains(r"^(?:[0-9]{8}|[0-9]{12,14})$").fill_null(False)
    # integer arithmetic on the 14-digit value: digit k (from the left) is
    # value // 10**(13-k) % 10; weights 3,1,3... from the rightmost body digit
    value = pl.when(shape).then(code).cast(pl.UInt64, strict=False)
    weighted = pl.sum_horizontal(
        (value // 10 ** (13 - k)) % 10 * (3 if (12 - k) % 2 == 0 else 1) for k in range(13)
    )
    check_ok = (10 - weighted % 10) % 10 == value % 10
    n = code.str.len_chars()
    key = code.str.zfill(14).str.slice(1)  # 13-digit form; a GTIN-14's indicator is ignored
    eight = n == 8
    upc_e_maybe = eight & code.str.contains(r"^[01]")
    repunit = (
        pl.when(eight)
        .then(11111111)
        .when(n == 12)
        .then(111111111111)
        .when(n == 13)
        .then(1111111111111)
        .otherwise(11111111111111)
        .cast(pl.UInt64)
    )
    first = value // pl.lit(10, dtype=pl.UInt64).pow(n - 1)
    same_digit = value == first * repunit
    body = code.str.slice(0, n - 1)
    up, down = g.COUNTING_RUNS
    counting = pl.any_horizontal(
        pl.lit(seq).str.starts_with(part) for seq in (up, down) for part in (body, code)
    ) | pl.lit("0" + up).str.starts_with(code)
    plain = shape & check_ok & ~same_digit & ~counting & ~upc_e_maybe
    return pl.when(plain).then(_prefix_expr(code, key, eight))


def _prefix_expr(code: pl.Expr, key: pl.Expr, eight: pl.Expr) -> pl.Expr:
    """:func:`~listlint.gtin.codes.prefix_problem` as an expression ("" for none), from
    the same table (:data:`~listlint.gtin.codes.PREFIXES`)."""
    chain: Any = pl
    for name, for_eight, prefixes in g.PREFIXES:
        subject = code if for_eight else key
        size = eight if for_eight else ~eight
        chain = chain.when(size & subject.str.contains("^(?:" + "|".join(prefixes) + ")"))
        chain = chain.then(pl.lit(name))
    return chain.otherwise(pl.lit(""))
