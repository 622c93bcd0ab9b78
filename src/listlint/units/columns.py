"""Weight and dimension columns -> kg and cm, columnar first.

Most cells are written one simple way ("0.25 kg", "250 g", "12.5"): polars reads those
for the whole column at once, as :mod:`listlint.units.simple` defines them (the parser
starts from the same definition). The rest (decimal commas, "1 lb 4 oz",
"重量58g", "14.7 x 11.1 x 10.2 inches") goes to :mod:`listlint.units.parse`, once per
distinct value, and is joined back.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from listlint.units import simple
from listlint.units.parse import Measure, parse_dimensions, parse_length, parse_weight
from listlint.units.words import LENGTH_TO_CM, LENGTH_WORDS, MASS_TO_KG, MASS_WORDS

_NUM = r"\d+(?:\.\d+)?"
_DIMS_RE = (
    rf"^\s*(?P<a>{_NUM})\s*[x×*]\s*(?P<b>{_NUM})\s*[x×*]\s*(?P<c>{_NUM})\s*(?P<unit>[a-z]*)\.?\s*$"
)


def _fallback(
    raw: pl.Series, fast: pl.Series, keys: pl.Series, fn: Callable[[str], float | None]
) -> pl.Series:
    """Python parsing for cells the columnar path left unread, once per distinct key."""
    todo = raw.is_not_null() & fast.is_null()
    if not todo.any():
        return fast
    uniq = keys.filter(todo).unique()
    mapped = pl.DataFrame(
        {"k": uniq, "v": pl.Series([fn(k) for k in uniq.to_list()], dtype=pl.Float64)}
    )
    slow = keys.to_frame("k").join(mapped, on="k", how="left", maintain_order="left")["v"]
    return fast.fill_null(slow)


def written_mass_unit(raw: pl.Series) -> pl.Series:
    """The canonical mass unit written in simple cells ("0.25 kg" -> "kg", "12oz" ->
    "oz"); null where the cell is not "number + unit word" (ask units.parse_weight)."""
    return simple.unit_series(raw, simple.MASS_UNITS)


def weight_kg(
    raw: pl.Series, unit: str | None = None, unit_column: pl.Series | None = None
) -> pl.Series:
    """kg for each weight cell; ``unit`` from the header ("Weight (lbs)"), or a unit
    column ("Weight Unit") applying to bare numbers row by row."""
    table = (simple.MASS_FACTOR, MASS_WORDS, MASS_TO_KG, parse_weight)
    return _quantity(raw, unit, unit_column, *table).alias("weight_kg")


def length_cm(
    raw: pl.Series, unit: str | None = None, unit_column: pl.Series | None = None
) -> pl.Series:
    """cm for each length cell (a bare number takes the header's unit, or the row's
    "Dimension Unit" cell)."""
    table = (simple.LENGTH_FACTOR, LENGTH_WORDS, LENGTH_TO_CM, parse_length)
    return _quantity(raw, unit, unit_column, *table)


def _quantity(
    raw: pl.Series,
    unit: str | None,
    unit_column: pl.Series | None,
    factors: dict[str, float],
    words: dict[str, str],
    canonical: dict[str, float],
    parse: Callable[[str, str | None], Measure | None],
) -> pl.Series:
    """Columnar first, then ``parse`` once per distinct cell the columns could not read."""
    default: pl.Series | float | None
    if unit_column is not None and unit is None:
        spelled = unit_column.str.strip_chars().str.to_lowercase().str.strip_chars_end(".")
        default = spelled.replace_strict(factors, default=None, return_dtype=pl.Float64)
        # pl.concat_str of Series is an expression: evaluate it into the key Series
        keys = pl.select(
            pl.concat_str([raw, unit_column.fill_null("")], separator="\x1f")
        ).to_series()

        def slow(key: str) -> float | None:
            text, _, u = key.partition("\x1f")
            m = parse(text, words.get(u.strip().lower().rstrip(".")))
            return m.value if m else None
    else:
        default = canonical.get(unit) if unit else None

        def slow(key: str) -> float | None:
            m = parse(key, unit)
            return m.value if m else None

        return _per_distinct(
            raw, lambda r: _fallback(r, simple.read_series(r, factors, default), r, slow)
        )

    return _fallback(raw, simple.read_series(raw, factors, default), keys, slow)


def _per_distinct(raw: pl.Series, read: Callable[[pl.Series], pl.Series]) -> pl.Series:
    """``read`` once per distinct cell when cells repeat, as they do in catalogues
    (a few hundred distinct lengths, the same weight on every variant): reading each
    distinct text and joining back costs a third of reading every cell. Mostly
    distinct columns are read cell by cell."""
    distinct = raw.unique()
    if distinct.len() * 2 > raw.len():
        return read(raw)
    values = read(distinct)
    table = pl.DataFrame({"k": distinct, "v": values})
    joined = raw.to_frame("k").join(
        table, on="k", how="left", nulls_equal=True, maintain_order="left"
    )
    return joined["v"].alias(values.name)


def dimensions_cm(raw: pl.Series, unit: str | None = None) -> pl.DataFrame:
    """``length_cm``, ``width_cm``, ``height_cm`` from one "30 x 20 x 5 cm" column, in
    the order written (null height for a two-number flat item)."""
    parts = raw.str.to_lowercase().str.extract_groups(_DIMS_RE)
    word = parts.struct.field("unit")
    default = LENGTH_TO_CM.get(unit) if unit else None
    factor = (
        pl.DataFrame({"w": word})
        .select(
            pl.when(pl.col("w") == "")
            .then(pl.lit(default, dtype=pl.Float64))
            .otherwise(
                pl.col("w").replace_strict(
                    simple.LENGTH_FACTOR, default=None, return_dtype=pl.Float64
                )
            )
        )
        .to_series()
    )
    out = {}
    for name, grp in (("length_cm", "a"), ("width_cm", "b"), ("height_cm", "c")):
        out[name] = parts.struct.field(grp).cast(pl.Float64, strict=False) * factor
    frame = pl.DataFrame(out)
    todo = raw.is_not_null() & frame["length_cm"].is_null()
    if todo.any():
        uniq = raw.filter(todo).unique().to_list()
        rows = []
        for text in uniq:
            dims = parse_dimensions(text, unit)
            vals = [d.value for d in dims] if dims else [None, None, None]
            rows.append((text, *vals, *([None] * (3 - len(vals)))))
        slow = pl.DataFrame(
            rows,
            schema={"k": pl.Utf8, "l": pl.Float64, "w": pl.Float64, "h": pl.Float64},
            orient="row",
        )
        joined = raw.to_frame("k").join(slow, on="k", how="left", maintain_order="left")
        frame = frame.with_columns(
            pl.col("length_cm").fill_null(joined["l"]),
            pl.col("width_cm").fill_null(joined["w"]),
            pl.col("height_cm").fill_null(joined["h"]),
        )
    return frame
