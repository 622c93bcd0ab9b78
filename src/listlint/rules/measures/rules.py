"""Rule family ``measures``: weights and dimensions that cannot be read or cannot be right.

The logic lives in the family's other modules (product types, unit mix-up
explanations, robust outliers; parsing is :mod:`listlint.units`); these classes turn
its per-batch analysis (:mod:`listlint.rules.measures.family`) into findings a seller can act on. Ranges, tolerances and carrier limits come from the
policy packs' ``measures:`` section and ``wordlists/measures/``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import polars as pl

from listlint.batch import Batch
from listlint.fields import REC, ROW, SHEET
from listlint.report import Severity
from listlint.rules.base import Hit, Rule
from listlint.rules.measures.explain import describe_mass_error, unit_name
from listlint.rules.measures.family import (
    MASS_UNITS,
    MEASURE_FIELDS,
    MeasuresAnalysis,
    MeasuresCatalogRule,
    MeasuresRule,
    dims_field,
)
from listlint.rules.measures.outlier_rules import CategoryWeightOutlier, VariantWeightOutlier
from listlint.rules.measures.shipping import (
    CarrierLimit,
    DimensionalWeight,
    ImplausibleDensity,
    PackageSmallerThanItem,
)
from listlint.rules.measures.title_volume import TitleVolumeMismatch
from listlint.rules.measures.title_weight import TitleWeightMismatch
from listlint.units import MASS_TO_KG, format_weight, parse_number, why_unreadable


def _cell(batch: Batch, name: str, i: int) -> object:
    return batch.frame[name][i] if name in batch.frame.columns else None


class UnreadableMeasure(MeasuresRule):
    """A weight or dimension cell that cannot be read as a quantity.

    Why: marketplaces reject or mis-read such values, and shipping is charged on them.
    A length in the weight column, a volume ("500 ml") instead of a weight, or text
    ("see description") is reported with the cell quoted; nothing is guessed.

    Fails:
        weight ``see description``; weight ``30 cm``; weight ``12 fl oz``; dimensions ``large``

    Passes:
        ``0.2 kg``, ``200g``, ``1,5 kg``, ``4.06 pounds``, ``重量58g``, ``30x20x5cm``,
        ``L 29" x W 13"``
    """

    code = "MS101"
    name = "unreadable-measure"
    severity = Severity.WARNING
    summary = "Weight or dimension cannot be read as a quantity"

    def check(self, batch: Batch, analysis: MeasuresAnalysis) -> Iterator[Hit]:
        for field in MEASURE_FIELDS:
            if not batch.has(field) or (field == "dimensions" and dims_field(batch) != field):
                continue
            bad = analysis.unparsed(field).filter(~pl.col("nounit"))
            for i, raw in bad.select("i", "raw").iter_rows():
                kind = "weight" if field == "weight" else "length"
                why = why_unreadable(raw, kind)
                if why == "wrong-kind":
                    what = "a length or a volume" if kind == "weight" else "a weight or a volume"
                    msg = f"{field} {raw!r} is {what}, not a {kind}"
                elif why == "several":
                    msg = f"{field} {raw!r} has several numbers and no unit"
                else:
                    msg = f"{field} {raw!r} cannot be read as a {kind}"
                example = "0.25 kg or 250 g" if kind == "weight" else "30 x 20 x 5 cm"
                yield Hit(
                    message=msg,
                    index=i,
                    field=field,
                    match=raw,
                    suggestion=f"write one number with its unit, e.g. {example}",
                    policy=self.link(),
                )


class MissingUnit(MeasuresCatalogRule):
    """Weights or dimensions written as bare numbers, with no unit in the cell, the
    header or a unit column. Reported once per column.

    Why: "400" may be grams, kilograms or pounds; marketplaces assume their own default
    and shipping fees or size tiers come out wrong. Where the listings' product types
    show which unit fits, the finding says so (it does not convert silently).

    Fails:
        a column ``weight`` holding ``400``; dimensions ``0.6;0.2;0.4``

    Passes:
        ``Weight (g)`` holding ``400``; ``weight`` holding ``400 g``; ``.5`` under ``Weight (lbs)``
    """

    code = "MS102"
    name = "missing-unit"
    severity = Severity.WARNING
    summary = "Weight or dimension column has numbers without a unit"

    def partial(self, batch: Batch, analysis: MeasuresAnalysis) -> pl.DataFrame | None:
        rows = []
        for field in MEASURE_FIELDS:
            if not batch.has(field) or (field == "dimensions" and dims_field(batch) != field):
                continue
            cells = analysis.unparsed(field).filter(pl.col("nounit"))
            if not cells.height:
                continue
            i, raw = cells["i"][0], cells["raw"][0]
            fits = self._fits(analysis, cells) if field == "weight" else {}
            rows.append(
                {
                    "field": field,
                    "n": cells.height,
                    # one cell each: no need for the batch's whole columns as lists
                    **{name: _cell(batch, name, i) for name in (REC, ROW, SHEET, "sku")},
                    "raw": raw,
                    **{f"fit_{u}": fits.get(u, 0) for u in ("typed", *MASS_UNITS)},
                }
            )
        return pl.DataFrame(rows) if rows else None

    def _fits(self, analysis: MeasuresAnalysis, cells: pl.DataFrame) -> dict[str, int]:
        """How many unit-less weights of typed listings are plausible in each unit."""
        a = analysis.frame.select("i", "type", "lo", "hi", "bounded")
        tol = self.cfg.tolerance
        typed = cells.join(a, on="i").filter(pl.col("type").is_not_null())
        uniq = typed["raw"].unique()
        nums = pl.DataFrame(
            {"raw": uniq, "num": [parse_number(r) for r in uniq.to_list()]},
            schema={"raw": pl.Utf8, "num": pl.Float64},
        )
        typed = typed.join(nums, on="raw").filter(pl.col("num").is_not_null())
        out = {"typed": typed.height}
        for unit in MASS_UNITS:
            kg = pl.col("num") * MASS_TO_KG[unit]
            ok = (kg >= pl.col("lo") / tol) & (~pl.col("bounded") | (kg <= pl.col("hi") * tol))
            out[unit] = int(typed.select(ok.sum()).item() or 0)
        return out

    def merge(self, partials: pl.DataFrame) -> Iterable[Hit]:
        summed = (
            partials.sort(REC)
            .group_by("field", maintain_order=True)
            .agg(
                pl.col("n", "fit_typed", *[f"fit_{u}" for u in MASS_UNITS]).sum(),
                pl.col(REC, ROW, SHEET, "sku", "raw").first(),
            )
        )
        for r in summed.iter_rows(named=True):
            field, n = r["field"], r["n"]
            hint = ""
            fits = {u: r[f"fit_{u}"] for u in MASS_UNITS}
            best = max(fits, key=lambda u: fits[u])
            others = [c for u, c in fits.items() if u != best]
            typed = r["fit_typed"]
            if typed >= 3 and fits[best] >= 0.8 * typed and max(others) <= 0.5 * typed:
                hint = (
                    f"; they look like {unit_name(best)} ({fits[best]} of {typed} listings "
                    f"with a known product type are plausible in {unit_name(best)})"
                )
            example = (
                f"'{field} ({best if hint else 'kg'})'" if field == "weight" else f"'{field} (cm)'"
            )
            yield Hit(
                message=f"{n} listing(s) give the {field} as a number without a unit (e.g. "
                f"{r['raw']!r}) and the column header names none{hint}",
                field=field,
                match=r["raw"],
                rec=r[REC],
                row=r[ROW],
                sheet=r[SHEET],
                sku=r["sku"],
                suggestion=f"put the unit in the header, e.g. {example}, or in every cell",
                policy=self.link(),
            )


class NonPositiveMeasure(MeasuresRule):
    """A weight or dimension of zero or less on a product that ships.

    Why: shipping rates, size tiers and dimensional weight are computed from these
    values; a 0 (often an export default, e.g. Shopify "Variant Grams" 0) makes them
    wrong. Digital goods and rows marked "requires shipping: false" are skipped.

    Fails:
        weight ``0``; weight ``-1 kg``; height ``0 cm``

    Passes:
        weight ``0.18 kg``; a gift card with weight ``0``
    """

    code = "MS103"
    name = "non-positive-measure"
    severity = Severity.WARNING
    summary = "Weight or dimension is zero or negative"

    def check(self, batch: Batch, analysis: MeasuresAnalysis) -> Iterator[Hit]:
        ships = analysis.frame["ships"]
        dfield = dims_field(batch)
        for name, field in (
            ("weight_kg", "weight"),
            ("length_cm", dfield),
            ("width_cm", "width"),
            ("height_cm", "height"),
        ):
            if name not in batch.frame.columns:
                continue
            field = field if batch.has(field) else dfield
            bad = pl.DataFrame({"v": batch.frame[name], "s": ships}).with_row_index("i")
            bad = bad.filter((pl.col("v") <= 0) & pl.col("s"))
            if not bad.height:
                continue
            raws = batch.values(field)
            for i, v in bad.select("i", "v").iter_rows():
                what = "weight" if name == "weight_kg" else name.split("_")[0]
                state = "0" if v == 0 else "negative"
                yield Hit(
                    message=f"{what} is {state} ({raws[i]!r}); carriers and marketplaces "
                    f"compute shipping from it",
                    index=i,
                    field=field,
                    match=raws[i],
                    suggestion=f"enter the real packed {what}"
                    + (" (or mark the product as not requiring shipping)" if v == 0 else ""),
                    policy=self.link(),
                )


class WeightUnitMixup(MeasuresRule):
    """A weight far outside its product type's range by a unit factor: grams written
    as kilograms (x1000), ounces as pounds (x16), and the like.

    Why: the marketplace charges shipping and picks size tiers on the weight; a
    T-shirt listed at 180 kg cannot be shipped as a parcel. The product type comes from
    the title's head noun, and the corrected value is suggested.

    Fails:
        "Organic Cotton Crew T-Shirt" weighing ``180 kg``; "Laptop 15.6 inch" weighing ``2.1 g``

    Passes:
        "Organic Cotton Crew T-Shirt" weighing ``0.18 kg``; "Laptop Stand" weighing ``2 kg``
    """

    code = "MS201"
    name = "weight-unit-mixup"
    severity = Severity.ERROR
    summary = "Weight is off by a unit factor (g/kg, oz/lb) for the product type"
    fields = ("weight",)

    def check(self, batch: Batch, analysis: MeasuresAnalysis) -> Iterator[Hit]:
        rows = analysis.weight_problems.filter(pl.col("meant").is_not_null())
        if not rows.height:
            return
        meant_value = pl.col("corrected") / pl.col("meant").replace_strict(
            MASS_TO_KG, return_dtype=pl.Float64
        )
        values = rows.select(meant_value)
        link = self.link()
        for i, raw, term, about, written, meant, corrected, value in zip(
            *(rows[c].to_list() for c in ("i", "raw", "term", "about", "written", "meant")),
            rows["corrected"].to_list(),
            values.to_series().to_list(),
            strict=True,
        ):
            yield Hit(
                message=f"{raw!r} for {term!r}: {about}, so this looks like "
                f"{describe_mass_error(written, meant)}",
                index=i,
                field="weight",
                match=raw,
                suggestion=_did_you_mean(value, meant, corrected),
                policy=link,
            )


def _did_you_mean(value: float, unit: str, kg: float) -> str:
    """The corrected weight as the seller writes it, and in the report's own unit when
    that reads differently ("180 g (= 0.18 kg)", never "52 g (= 52 g)")."""
    written = f"{value:,.4g} {unit}"
    canonical = format_weight(kg)
    same = canonical == written or canonical.replace(",", "") == written.replace(",", "")
    return f"did you mean {written}?" + ("" if same else f" (= {canonical})")


class ImplausibleWeight(MeasuresRule):
    """A weight outside the plausible range of its product type (beyond the policy
    pack's tolerance) that no unit factor explains.

    Why: a sofa at 0.5 kg or a mug at 9 kg is usually a typo, a per-case weight on a
    single item, or the wrong product's value. Listings whose type is unknown are not
    judged; sets and multipacks raise the upper bound.

    Fails:
        "3 Seater Velvet Sofa" weighing ``0.5 kg``

    Passes:
        "3 Seater Velvet Sofa" weighing ``45 kg``; "Toy Sofa for Dolls" weighing ``0.5 kg``
    """

    code = "MS202"
    name = "implausible-weight"
    severity = Severity.WARNING
    summary = "Weight is implausible for the product type"
    fields = ("weight",)

    def check(self, batch: Batch, analysis: MeasuresAnalysis) -> Iterator[Hit]:
        rows = analysis.weight_problems.filter(pl.col("meant").is_null())
        link = self.link()
        for i, raw, term, about, verdict, typical in zip(
            *(rows[c].to_list() for c in ("i", "raw", "term", "about", "verdict", "typical")),
            strict=True,
        ):
            side = "light" if verdict == "low" else "heavy"
            yield Hit(
                message=f"{raw!r} is {side} for {term!r}: {about}",
                index=i,
                field="weight",
                match=raw,
                suggestion=f"check the weight and its unit (about {format_weight(typical)} "
                "is typical); if the listing is a set or a bulk pack, say so in the title",
                policy=link,
            )


RULES: list[type[Rule]] = [
    UnreadableMeasure,
    MissingUnit,
    NonPositiveMeasure,
    WeightUnitMixup,
    ImplausibleWeight,
    TitleWeightMismatch,
    TitleVolumeMismatch,
    ImplausibleDensity,
    PackageSmallerThanItem,
    CarrierLimit,
    DimensionalWeight,
    VariantWeightOutlier,
    CategoryWeightOutlier,
]
