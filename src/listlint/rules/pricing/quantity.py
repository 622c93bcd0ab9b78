"""How much of a product a listing sells, read from its size and title ("500 ml",
"2 kg", "12 pcs", "pack of 6"): the variant-price outlier rule compares prices per unit
when sizes differ, so a 5 L canister is not an outlier among 250 ml bottles.

Columnar: one regex extraction over the folded size and title; the amount is converted
to a base unit per dimension (ml, g, count). "mg" is left out: it is a dose per capsule,
not the amount sold.
"""

from __future__ import annotations

import polars as pl

from listlint.batch import Batch

#: unit -> (dimension, factor to the base unit)
UNITS: dict[str, tuple[str, float]] = {
    "ml": ("volume", 1.0),
    "cl": ("volume", 10.0),
    "dl": ("volume", 100.0),
    "l": ("volume", 1000.0),
    "lt": ("volume", 1000.0),
    "ltr": ("volume", 1000.0),
    "litre": ("volume", 1000.0),
    "liter": ("volume", 1000.0),
    "fl oz": ("volume", 29.5735),
    "floz": ("volume", 29.5735),
    "gal": ("volume", 3785.41),
    "g": ("mass", 1.0),
    "gr": ("mass", 1.0),
    "gram": ("mass", 1.0),
    "grams": ("mass", 1.0),
    "kg": ("mass", 1000.0),
    "oz": ("mass", 28.3495),
    "lb": ("mass", 453.592),
    "lbs": ("mass", 453.592),
    "pcs": ("count", 1.0),
    "pc": ("count", 1.0),
    "pieces": ("count", 1.0),
    "count": ("count", 1.0),
    "ct": ("count", 1.0),
    "pack": ("count", 1.0),
    "pk": ("count", 1.0),
    "capsules": ("count", 1.0),
    "caps": ("count", 1.0),
    "tablets": ("count", 1.0),
    "tabs": ("count", 1.0),
    "softgels": ("count", 1.0),
    "gummies": ("count", 1.0),
    "servings": ("count", 1.0),
    "sachets": ("count", 1.0),
    "bags": ("count", 1.0),
    "rolls": ("count", 1.0),
    "m": ("length", 100.0),
    "cm": ("length", 1.0),
    "mm": ("length", 0.1),
    "in": ("length", 2.54),
    "inch": ("length", 2.54),
    "ft": ("length", 30.48),
}
_UNIT_ALT = "|".join(sorted((u.replace(" ", r"\s?") for u in UNITS), key=len, reverse=True))
#: "500 ml", "1,5 l", "2x" is not a quantity; "pack of 6" is
_QTY = rf"(?:^|[^\w.,])(\d+(?:[.,]\d+)?)[\s-]?({_UNIT_ALT})(?:$|[^\w])"
#: a variant sold as one unit beside packs ("Single Disposable" beside "10-Pack")
_SINGLE = r"(?:^|[^\w])(?:single|individual|1 unit|one unit)(?:$|[^\w])"
_PACK_OF = r"(?:pack|set|box|case|lot) of (\d+)"


def read_amounts(texts: pl.Series) -> pl.DataFrame:
    """``qty`` and ``dim`` of each folded text (null where it names no amount)."""
    t = pl.DataFrame({"t": texts})
    found = t.select(
        pl.col("t").str.extract_groups(_QTY).alias("m"),
        pl.col("t").str.extract(_PACK_OF, 1).alias("pack"),
        pl.col("t").str.contains(_SINGLE).fill_null(False).alias("single"),
    ).unnest("m")
    found = found.rename({found.columns[0]: "num", found.columns[1]: "unit"})
    units = list(UNITS)
    unit = pl.col("unit").str.replace_all(r"\s", " ")
    dim = unit.replace_strict(units, [UNITS[u][0] for u in units], default=None)
    factor = unit.replace_strict(units, [UNITS[u][1] for u in units], default=None)
    num = pl.col("num").str.replace(",", ".").cast(pl.Float64, strict=False)
    return found.select(
        pl.when(num.is_not_null())
        .then(num * factor.cast(pl.Float64))
        .otherwise(
            pl.coalesce(
                pl.col("pack").cast(pl.Float64, strict=False),
                pl.when(pl.col("single")).then(pl.lit(1.0)),
            )
        )
        .alias("qty"),
        pl.when(num.is_not_null())
        .then(dim)
        .when(pl.col("pack").is_not_null() | pl.col("single"))
        .then(pl.lit("count"))
        .alias("dim"),
    )


def _per_distinct(col: pl.Series) -> pl.DataFrame:
    """:func:`read_amounts` of each distinct text of ``col`` that could name an amount,
    joined back to every row (a catalogue repeats titles across variants and sizes)."""
    uniq = col.drop_nulls().unique()
    uniq = uniq.filter(uniq.str.contains(r"\d|single|individual"))
    table = pl.concat([pl.DataFrame({"t": uniq}), read_amounts(uniq)], how="horizontal")
    return (
        pl.DataFrame({"t": col})
        .join(table, on="t", how="left", maintain_order="left")
        .select("qty", "dim")
    )


def quantities(batch: Batch) -> pl.DataFrame:
    """``qty`` (in the base unit) and ``dim`` (volume, mass, count, length) per listing,
    from its size, else its title; null where neither names an amount (cached)."""

    def compute(b: Batch) -> pl.DataFrame:
        parts = [
            _per_distinct(b.folded_series(f)) for f in ("size", "title") if f in b.frame.columns
        ]
        if not parts:
            return pl.DataFrame(
                {"qty": [None] * len(b), "dim": [None] * len(b)},
                schema={"qty": pl.Float64, "dim": pl.Utf8},
            )
        if len(parts) == 1:
            return parts[0]
        size, title = parts
        from_size = size["qty"].is_not_null()
        return pl.DataFrame(
            {
                "qty": size["qty"].zip_with(from_size, title["qty"]),
                "dim": size["dim"].zip_with(from_size, title["dim"]),
            }
        )

    return batch.cached("pricing:quantities", compute)
