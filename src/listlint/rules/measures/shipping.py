"""Measures rules about the parcel: density, package vs item, carrier limits and
dimensional weight (registered through :mod:`listlint.rules.measures.rules`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import polars as pl

from listlint.batch import Batch
from listlint.policy.links import on_hosts
from listlint.report import Severity
from listlint.resources import table
from listlint.rules.base import Hit
from listlint.rules.measures.explain import density_unit_error, length_read_unit
from listlint.rules.measures.family import MeasuresAnalysis, MeasuresRule, dims_field
from listlint.rules.measures.policy import measures_of
from listlint.units import format_length, format_weight

if TYPE_CHECKING:
    from listlint.policy.pack import PolicyPack

#: corrected densities are offered only inside this everyday band (kg/m3)
_TYPICAL_DENSITY = (20.0, 3000.0)
_FLAGGED = ("low", "high")


def _box(d1: float, d2: float, d3: float) -> str:
    return f"{d1:.3g} x {d2:.3g} x {d3:.3g} cm"


class ImplausibleDensity(MeasuresRule):
    """Weight and dimensions that cannot both be right: the density (weight / L x W x H)
    is outside what packed goods can have (policy pack ``density_min_kg_m3`` ..
    ``density_max_kg_m3``; default 2 .. 12,000 kg/m3, steel is ~7,850).

    Why: one of the two is wrong, usually the dimensions' unit (millimetres written as
    centimetres makes a parcel 1,000 times too big). Carriers bill on both.

    Fails:
        weight ``0.2 kg`` with dimensions ``300 x 200 x 50 cm`` (0.07 kg/m3)

    Passes:
        weight ``0.2 kg`` with dimensions ``30 x 20 x 5 cm`` (67 kg/m3)
    """

    code = "MS203"
    name = "implausible-density"
    severity = Severity.WARNING
    summary = "Weight and dimensions give an impossible density"

    def check(self, batch: Batch, analysis: MeasuresAnalysis) -> Iterator[Hit]:
        sec = self.cfg.section
        a = analysis.frame
        volume = pl.col("d1") * pl.col("d2") * pl.col("d3") / 1e6
        rows = a.filter(
            (pl.col("kg") > 0)
            & (pl.col("d3") > 0)
            & pl.col("ships")
            & ~pl.col("verdict").is_in(_FLAGGED)
        ).with_columns((pl.col("kg") / volume).alias("density"))
        rows = rows.filter(
            (pl.col("density") < sec.density_min_kg_m3)
            | (pl.col("density") > sec.density_max_kg_m3)
        )
        if not rows.height:
            return
        field = dims_field(batch)
        raws = batch.values(field)
        first = batch.values("length_cm")
        for r in rows.iter_rows(named=True):
            i = r["i"]
            raw = raws[i]
            written = length_read_unit(first[i], raw) if first[i] else None
            err = density_unit_error(r["density"], written, *_TYPICAL_DENSITY)
            light = r["density"] < sec.density_min_kg_m3
            why = (
                f"the dimensions look like {err.describe()}"
                if err
                else ("lighter than an empty box of that size" if light else "denser than steel")
            )
            yield Hit(
                message=f"{format_weight(r['kg'])} in {_box(r['d1'], r['d2'], r['d3'])} is "
                f"{r['density']:,.3g} kg/m³: {why}",
                index=i,
                field=field,
                match=raw,
                suggestion="check the dimensions' unit and the weight; both are used for "
                "shipping fees",
                policy=self.link(),
            )


class PackageSmallerThanItem(MeasuresRule):
    """The package weighs less than the item inside it, or a side of the item is
    longer than the package's (sides compared longest to longest).

    Why: impossible as written; one of the two sets of values is wrong or swapped, and
    marketplaces use the package values for fees. Checked only when a file has both
    item and package columns ("Item Weight" and "Package Weight" ...).

    Fails:
        item weight ``2 kg``, package weight ``1.5 kg``

    Passes:
        item weight ``2 kg``, package weight ``2.3 kg``
    """

    code = "MS204"
    name = "package-smaller-than-item"
    severity = Severity.ERROR
    summary = "Package is lighter or smaller than the item it contains"

    def check(self, batch: Batch, analysis: MeasuresAnalysis) -> Iterator[Hit]:
        a = analysis.frame
        slack = 1.02  # rounding of the two values
        lighter = (pl.col("pkg_kg") > 0) & (pl.col("item_kg") > pl.col("pkg_kg") * slack)
        smaller = (pl.col("p3") > 0) & pl.any_horizontal(
            [pl.col(f"i{k}") > pl.col(f"p{k}") * slack for k in (1, 2, 3)]
        )
        for r in a.filter(lighter.fill_null(False) | smaller.fill_null(False)).iter_rows(
            named=True
        ):
            if r["item_kg"] and r["pkg_kg"] and r["item_kg"] > r["pkg_kg"] * slack:
                msg = (
                    f"package weight {format_weight(r['pkg_kg'])} is less than the item's "
                    f"{format_weight(r['item_kg'])}"
                )
                field = "weight"
            else:
                msg = (
                    f"package {_box(r['p1'], r['p2'], r['p3'])} cannot hold the item "
                    f"{_box(r['i1'], r['i2'], r['i3'])}"
                )
                field = dims_field(batch)
            yield Hit(
                message=msg,
                index=r["i"],
                field=field,
                match=batch.values(field)[r["i"]],
                suggestion="check whether item and package values are swapped or in different units",
                policy=self.link(),
            )


@dataclass(frozen=True)
class Carrier:
    name: str
    max_kg: float | None
    max_cm: float | None
    max_girth_cm: float | None
    source: str


@cache
def carriers() -> dict[str, Carrier]:
    def num(v: str) -> float | None:
        return float(v) if v else None

    return {
        r["carrier"]: Carrier(
            r["carrier"],
            num(r["max_weight_kg"]),
            num(r["max_length_cm"]),
            num(r["max_length_plus_girth_cm"]),
            r["source"],
        )
        for r in table("measures/carrier_limits")
    }


def _over(c: Carrier, kg: float | None, d: tuple[float | None, float | None, float | None]) -> str:
    """What of the parcel exceeds carrier ``c`` ('' when nothing)."""
    out = []
    if c.max_kg is not None and kg is not None and kg > c.max_kg:
        out.append(f"{format_weight(c.max_kg)} max")
    if c.max_cm is not None and d[0] is not None and d[0] > c.max_cm:
        out.append(f"longest side {format_length(c.max_cm)} max")
    if c.max_girth_cm is not None and None not in d:
        girth = d[0] + 2 * (d[1] + d[2])  # type: ignore[operator]
        if girth > c.max_girth_cm:
            out.append(f"length + girth {format_length(c.max_girth_cm)} max")
    return ", ".join(out)


def parcels(a: pl.DataFrame, density_min: float, density_max: float) -> pl.DataFrame:
    """``i``, ``kg``, ``s1 >= s2 >= s3`` of the parcel: package values when the file has
    them, else the item's; only listings that ship and whose weight and density are
    not already reported as implausible (MS201/MS202/MS203 say what to fix first)."""
    has_pkg = pl.col("p3").is_not_null()
    out = a.filter(pl.col("ships") & ~pl.col("verdict").is_in(_FLAGGED)).select(
        "i",
        pl.when(pl.col("pkg_kg") > 0).then(pl.col("pkg_kg")).otherwise(pl.col("kg")).alias("kg"),
        *[
            pl.when(has_pkg).then(pl.col(f"p{k}")).otherwise(pl.col(f"d{k}")).alias(f"s{k}")
            for k in (1, 2, 3)
        ],
    )
    density = pl.col("kg") / (pl.col("s1") * pl.col("s2") * pl.col("s3") / 1e6)
    impossible = (density < density_min) | (density > density_max)
    return out.filter(~impossible.fill_null(False))


class CarrierLimit(MeasuresRule):
    """The parcel exceeds the weight, longest-side or length + girth limits of the
    carriers a policy pack names (``measures.carriers``, limits from
    ``wordlists/measures/carrier_limits.tsv``).

    Why: above these limits the carrier refuses the parcel or charges oversize/freight
    rates; the seller needs a freight or bulky-goods service. Info unless the pack
    says otherwise (a marketplace whose only carrier cannot take it).

    Fails:
        a wardrobe of ``85 kg`` (UPS/FedEx take 68 kg)

    Passes:
        a mug of ``0.4 kg`` in ``12 x 10 x 10 cm``
    """

    code = "MS301"
    name = "carrier-limit"
    severity = Severity.INFO
    summary = "Parcel exceeds a carrier's weight or size limit"

    def carrier_link(self, carrier: Carrier | None, pack: PolicyPack) -> str:
        """The carrier's own page for its limits; the marketplace's page when the limit
        was read from a third party (USPS's figures come from secondary sources)."""
        urls = [u for u in (carrier.source.split() if carrier else ()) if "://" in u]
        hosts = (*pack.links.authorities, *pack.links.domains)
        own = next((u for u in urls if on_hosts(u, hosts)), None)
        return own or self.link_for(pack) or self.link()

    def check(self, batch: Batch, analysis: MeasuresAnalysis) -> Iterator[Hit]:
        packs = [p for p in self.family.packs if measures_of(p).carriers]
        if not packs:
            return
        known = carriers()
        chosen = [known[c.name] for p in packs for c in measures_of(p).carriers if c.name in known]
        if not chosen:
            return
        big = pl.lit(float("inf"))
        kg_max = min((c.max_kg for c in chosen if c.max_kg), default=None)
        cm_max = min((c.max_cm for c in chosen if c.max_cm), default=None)
        lg_max = min((c.max_girth_cm for c in chosen if c.max_girth_cm), default=None)
        over_any = (
            (pl.col("kg") > (kg_max or big))
            | (pl.col("s1") > (cm_max or big))
            | (pl.col("s1") + 2 * (pl.col("s2") + pl.col("s3")) > (lg_max or big))
        )
        sec = self.cfg.section
        rows = parcels(analysis.frame, sec.density_min_kg_m3, sec.density_max_kg_m3).filter(
            over_any.fill_null(False)
        )
        for r in rows.iter_rows(named=True):
            kg, dims = r["kg"], (r["s1"], r["s2"], r["s3"])
            for pack in packs:
                over, severity, first = [], None, None
                for choice in measures_of(pack).carriers:
                    carrier = known.get(choice.name)
                    what = _over(carrier, kg, dims) if carrier else ""
                    if what:
                        first = first or carrier
                        over.append(f"{carrier.name} ({what})")  # type: ignore[union-attr]
                        if choice.severity and (
                            severity is None or choice.severity.rank > severity.rank
                        ):
                            severity = choice.severity
                if not over:
                    continue
                # the weight is unknown when only the size is over: never "parcel of 0 kg"
                what = ", ".join(
                    ([format_weight(kg)] if kg else []) + ([_box(*dims)] if dims[2] else [])
                )
                field = "weight" if kg else dims_field(batch)
                yield Hit(
                    message=f"parcel of {what} exceeds " + "; ".join(over),
                    index=r["i"],
                    field=field,
                    match=batch.values(field)[r["i"]],
                    suggestion="ship it by freight or a bulky-goods service, or split it into parcels",
                    policy=self.carrier_link(first, pack),
                    severity=severity,
                    marketplaces=(pack.label,),
                )


class DimensionalWeight(MeasuresRule):
    """The parcel's dimensional weight (L x W x H / divisor, 5,000 cm³/kg by default)
    is much higher than its actual weight (``dim_weight_ratio`` times and at least
    ``dim_weight_min_extra_kg`` more).

    Why: carriers and marketplaces charge the higher of the two; a light product in a
    big box pays for air. Informational: a smaller box or corrected dimensions save fees.

    Fails:
        ``0.3 kg`` in ``60 x 40 x 30 cm`` (billed as 14.4 kg)

    Passes:
        ``0.3 kg`` in ``25 x 20 x 5 cm`` (0.5 kg dimensional)
    """

    code = "MS302"
    name = "dimensional-weight"
    severity = Severity.INFO
    summary = "Dimensional weight is far above the actual weight"

    def check(self, batch: Batch, analysis: MeasuresAnalysis) -> Iterator[Hit]:
        sec = self.cfg.section
        volume = pl.col("s1") * pl.col("s2") * pl.col("s3")
        dim_kg = volume / sec.dim_divisor_cm3_per_kg
        rows = (
            parcels(analysis.frame, sec.density_min_kg_m3, sec.density_max_kg_m3)
            .filter(pl.col("kg") > 0)
            .with_columns(dim_kg.alias("dim_kg"))
            .filter(
                (pl.col("dim_kg") >= pl.col("kg") * sec.dim_weight_ratio)
                & (pl.col("dim_kg") - pl.col("kg") >= sec.dim_weight_min_extra_kg)
            )
        )
        field = dims_field(batch)
        for r in rows.iter_rows(named=True):
            kg, dims, dim_kg = r["kg"], (r["s1"], r["s2"], r["s3"]), r["dim_kg"]
            yield Hit(
                message=f"billed as {format_weight(dim_kg)} (dimensional weight of "
                f"{_box(*dims)} / {sec.dim_divisor_cm3_per_kg:,.0f}) instead of its "
                f"{format_weight(kg)}",
                index=r["i"],
                field=field,
                match=batch.values(field)[r["i"]],
                suggestion="check the dimensions, or ship in a smaller box",
                policy=self.link(),
            )
