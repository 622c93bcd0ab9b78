"""Item and package measures when a file has both ("Item Weight" and "Package Weight",
"Product Length" and "Shipping Length"...).

The loader maps the first weight-like header to the canonical ``weight`` field and keeps
the others as ``attr:`` columns; here every weight or dimension column is sorted into
*item* or *package* by its header words, parsed with its header's unit, and returned as
``item_kg``, ``i1 >= i2 >= i3`` and ``pkg_kg``, ``p1 >= p2 >= p3`` (null when absent).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import polars as pl

from listlint.fields import ATTR_PREFIX
from listlint.loader.columns import UNIT_WORDS, normalise_header
from listlint.units.columns import dimensions_cm, length_cm, weight_kg

if TYPE_CHECKING:
    from listlint.batch import Batch

_PACKAGE = re.compile(
    r"package|packaging|packed|shipping|parcel|carton|\bbox|gross|verpackung|embalagem|"
    r"emballage|paquete|envío|envio|包装|毛重",
    re.IGNORECASE,
)
_WEIGHT = re.compile(r"weight|\bwt\b|peso|poids|gewicht|vikt|重量|毛重|净重|الوزن", re.IGNORECASE)
_AXES = {
    "l": re.compile(r"length|depth|länge|tiefe|comprimento|longueur|largo|长", re.IGNORECASE),
    "w": re.compile(r"width|breite|largura|largeur|ancho|宽", re.IGNORECASE),
    "h": re.compile(r"height|höhe|altura|hauteur|alto|高", re.IGNORECASE),
}
_DIMS = re.compile(r"dimension|\bdims\b|abmessung|mått|dimensões|尺寸|الأبعاد", re.IGNORECASE)
_UNIT_ONLY = re.compile(r"\bunit\b|uom|einheit|unidad|单位", re.IGNORECASE)

_OUT = ("item_kg", "i1", "i2", "i3", "pkg_kg", "p1", "p2", "p3")


def _kind(header: str) -> str | None:
    """'weight', 'l', 'w', 'h', 'dims' or None for a header."""
    if _UNIT_ONLY.search(header):
        return None
    if _WEIGHT.search(header):
        return "weight"
    for axis, rx in _AXES.items():
        if rx.search(header):
            return axis
    if _DIMS.search(header):
        return "dims"
    return None


def _sources(batch: Batch) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(item|package, kind) -> (frame column, header unit)."""
    found: dict[tuple[str, str], tuple[str, str | None]] = {}
    canon = {"weight": "weight", "length": "l", "width": "w", "height": "h", "dimensions": "dims"}
    columns = [(c, batch.column_name(c) or c) for c in canon if c in batch.frame.columns]
    columns += [(c, c[len(ATTR_PREFIX) :]) for c in batch.attribute_columns()]
    for col, header in columns:
        kind = canon.get(col) or _kind(header)
        if kind is None:
            continue
        role = "package" if _PACKAGE.search(header) else "item"
        unit = normalise_header(header)[1]
        found.setdefault((role, kind), (col, UNIT_WORDS.get(unit, unit) if unit else None))
    return found


def package_columns(batch: Batch) -> pl.DataFrame:
    """Item and package weight/dimensions per listing (see module docstring)."""
    n = batch.frame.height
    src = _sources(batch)
    if not any(role == "package" for role, _ in src) or not any(r == "item" for r, _ in src):
        return pl.DataFrame(
            [pl.repeat(None, n, dtype=pl.Float64, eager=True).alias(c) for c in _OUT]
        )
    out = {}
    for role, kg_name, dim_names in (("item", "item_kg", "i"), ("package", "pkg_kg", "p")):
        out[kg_name] = _weight(batch, src.get((role, "weight")), n)
        sides = _sides(batch, src, role, n)
        out.update({f"{dim_names}{k + 1}": s for k, s in enumerate(sides)})
    return pl.DataFrame(out)


def _weight(batch: Batch, source: tuple[str, str | None] | None, n: int) -> pl.Series:
    if source is None:
        return pl.Series([None] * n, dtype=pl.Float64)
    col, unit = source
    if col == "weight" and "weight_kg" in batch.frame.columns:
        return batch.frame["weight_kg"]
    return weight_kg(batch.frame[col].cast(pl.Utf8), unit)


def _sides(
    batch: Batch, src: dict[tuple[str, str], tuple[str, str | None]], role: str, n: int
) -> list[pl.Series]:
    none = pl.Series([None] * n, dtype=pl.Float64)
    if (role, "dims") in src:
        col, unit = src[(role, "dims")]
        frame = dimensions_cm(batch.frame[col].cast(pl.Utf8), unit)
        parts = [frame[c] for c in frame.columns]
    elif all((role, a) in src for a in "lwh"):
        parts = []
        for axis, name in zip("lwh", ("length_cm", "width_cm", "height_cm"), strict=True):
            col, unit = src[(role, axis)]
            canonical = {"l": "length", "w": "width", "h": "height"}[axis]
            if col == canonical and name in batch.frame.columns:
                parts.append(batch.frame[name])
            else:
                parts.append(length_cm(batch.frame[col].cast(pl.Utf8), unit))
    else:
        return [none, none, none]
    sides = pl.DataFrame({"a": parts[0], "b": parts[1], "c": parts[2]}).select(
        pl.max_horizontal("a", "b", "c").alias("s1"),
        (
            pl.sum_horizontal("a", "b", "c")
            - pl.max_horizontal("a", "b", "c")
            - pl.min_horizontal("a", "b", "c")
        ).alias("s2"),
        pl.min_horizontal("a", "b", "c").alias("s3"),
        pl.all_horizontal(
            pl.col("a").is_not_null(), pl.col("b").is_not_null(), pl.col("c").is_not_null()
        ).alias("ok"),
    )
    return [
        sides.select(pl.when(pl.col("ok")).then(pl.col(s))).to_series().alias(s)
        for s in ("s1", "s2", "s3")
    ]
