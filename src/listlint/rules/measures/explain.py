"""Name the likely unit error behind an implausible value, with the corrected value.

A T-shirt at 180 kg is 180 g written as kg (x1000); a 12-lb phone case is 12 oz
written as lb (x16); a 0.3-kg/m3 box is a box measured in mm but read as cm. An
explanation is offered only when converting *from the unit that was read* to another
common unit lands the value inside the plausible band; otherwise the finding just says
the value is implausible.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import polars as pl

from listlint.units import (
    LENGTH_TO_CM,
    MASS_TO_KG,
    Measure,
    parse_dimensions,
    parse_length,
    parse_number,
    parse_weight,
)

_NAMES = {
    "kg": "kilograms",
    "g": "grams",
    "lb": "pounds",
    "oz": "ounces",
    "mg": "milligrams",
    "t": "tonnes",
    "jin": "jin",
    "cm": "centimetres",
    "mm": "millimetres",
    "m": "metres",
    "in": "inches",
    "ft": "feet",
}
_MASS_CANDIDATES = ("g", "kg", "lb", "oz")
#: unit pairs sellers actually confuse (policy_facts 5.4); kg/oz is not one of them
_CONFUSED = {
    frozenset(p)
    for p in (("g", "kg"), ("oz", "lb"), ("g", "oz"), ("lb", "kg"), ("g", "lb"), ("mg", "g"))
}
_LENGTH_CANDIDATES = ("mm", "cm", "m", "in")


def unit_name(unit: str) -> str:
    return _NAMES.get(unit, unit)


@dataclass(frozen=True, slots=True)
class UnitError:
    written: str  # the unit the value was read in
    meant: str  # the unit that makes it plausible
    corrected: float  # canonical value (kg, or kg/m3 for densities) under ``meant``
    factor: float  # corrected / read value
    #: 3 when the factor applies to a volume (density), so lengths are off by its cube root
    power: int = 1

    def describe(self) -> str:
        factor = self.factor ** (1 / self.power)
        times = factor if factor >= 1 else 1 / factor
        return (
            f"{unit_name(self.meant)} written as {unit_name(self.written)} (off by x{times:,.4g})"
        )


def _read_unit(
    value: float,
    raw: str | None,
    table: dict[str, float],
    parse: Callable[[str], Measure | None],
) -> str | None:
    """The unit ``raw`` was read in: written in the text, or implied by the header
    (the ratio of the canonical value to the bare number)."""
    if raw is None:
        return None
    m = parse(raw)
    if m is not None and m.unit is not None:
        return m.unit
    number = parse_number(raw)
    if not number:
        return None
    ratio = value / number
    for unit, factor in table.items():
        if math.isclose(ratio, factor, rel_tol=1e-6):
            return unit
    return None


def weight_read_unit(kg: float, raw: str | None) -> str | None:
    return _read_unit(kg, raw, MASS_TO_KG, parse_weight)


def length_read_unit(cm: float, raw: str | None) -> str | None:
    """Unit of a length cell, or of a "30 x 20 x 5 cm" cell (its last written unit)."""
    if raw is None:
        return None
    dims = parse_dimensions(raw)
    if dims:
        units = [d.unit for d in dims if d.unit]
        return units[-1] if units else None
    return _read_unit(cm, raw, LENGTH_TO_CM, parse_length)


def _closest(options: list[UnitError], target: float) -> UnitError | None:
    if not options:
        return None
    return min(options, key=lambda e: abs(math.log(e.corrected / target)))


def weight_unit_error_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Which other unit, read instead of the one ``written``, puts ``kg`` within
    [``lo``, ``hi``], for every row of a frame with those columns and ``typical``: adds
    ``meant`` (null where no unit error explains the weight; of several, the one whose
    corrected weight is closest to ``typical``, the earlier of :data:`_MASS_CANDIDATES`
    on a tie) and ``factor`` (written -> meant). The one definition: MS201 reads a
    batch's flagged weights through it, columnar."""
    out = frame.with_columns(
        pl.lit(None, dtype=pl.Utf8).alias("meant"),
        pl.lit(None, dtype=pl.Float64).alias("factor"),
        pl.lit(None, dtype=pl.Float64).alias("_best"),
    )
    kg = pl.col("kg")
    for unit in _MASS_CANDIDATES:
        # factor to ``unit`` from each unit it is confused with (null: not a candidate)
        table = {
            w: MASS_TO_KG[unit] / MASS_TO_KG[w]
            for w in MASS_TO_KG
            if frozenset((unit, w)) in _CONFUSED
        }
        f = pl.col("written").replace_strict(table, default=None, return_dtype=pl.Float64)
        corrected = kg * f
        fits = (kg > 0) & (corrected >= pl.col("lo")) & (corrected <= pl.col("hi"))
        distance = (corrected / pl.col("typical")).log().abs()
        # min() keeps the first of equal distances: a later unit only if strictly closer
        take = (fits & (pl.col("_best").is_null() | (distance < pl.col("_best")))).fill_null(False)
        out = out.with_columns(
            pl.when(take).then(pl.lit(unit)).otherwise(pl.col("meant")).alias("meant"),
            pl.when(take).then(f).otherwise(pl.col("factor")).alias("factor"),
            pl.when(take).then(distance).otherwise(pl.col("_best")).alias("_best"),
        )
    return out.drop("_best")


@cache
def describe_mass_error(written: str, meant: str) -> str:
    """:meth:`UnitError.describe` of a mass unit error (it depends on the units only)."""
    factor = MASS_TO_KG[meant] / MASS_TO_KG[written]
    return UnitError(written, meant, 0.0, factor).describe()


def density_unit_error(
    density: float, written: str | None, lo: float, hi: float, typical: float = 300.0
) -> UnitError | None:
    """Which length unit, read instead of ``written``, makes the density plausible?
    (Volume scales with the cube of the length factor.)"""
    if written not in LENGTH_TO_CM or density <= 0:
        return None
    options = []
    for meant in _LENGTH_CANDIDATES:
        if meant == written:
            continue
        factor = (LENGTH_TO_CM[written] / LENGTH_TO_CM[meant]) ** 3
        corrected = density * factor
        if lo <= corrected <= hi:
            options.append(UnitError(written, meant, corrected, factor, power=3))
    return _closest(options, typical)


def ratio_unit_error(ratio: float, tolerance: float = 0.08) -> str | None:
    """'grams vs kilograms' when ``ratio`` (value / siblings' median) is close to the
    factor between two common mass units."""
    if ratio <= 0:
        return None
    big = ratio if ratio >= 1 else 1 / ratio
    for larger in _MASS_CANDIDATES:
        for smaller in _MASS_CANDIDATES:
            factor = MASS_TO_KG[larger] / MASS_TO_KG[smaller]
            if (
                frozenset((larger, smaller)) in _CONFUSED
                and factor > 1.5
                and abs(big / factor - 1) <= tolerance
            ):
                meant, written = (smaller, larger) if ratio >= 1 else (larger, smaller)
                return f"{unit_name(meant)} written as {unit_name(written)}"
    return None
