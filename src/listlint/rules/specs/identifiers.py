"""Specs rules for product identifiers (SP2xx): GTIN validity, prefixes, spreadsheet
damage, duplicates across products and identifiers a marketplace requires.

Each GTIN cell is read once per batch (the batch context's ``gtin``, shared with the ip
family); the reading logic is :mod:`listlint.gtin`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

import polars as pl

from listlint import gtin as g
from listlint.batch import Batch
from listlint.fields import GROUP, REC, ROW, SHEET
from listlint.report import Severity
from listlint.rules.base import Hit, Rule
from listlint.rules.specs import textcheck as tc
from listlint.rules.specs.attributes import header_key
from listlint.rules.specs.family import SpecsAnalysis, SpecsCatalogRule, SpecsRule, located_rows
from listlint.rules.specs.policy import specs_of
from listlint.taxonomy import is_within

GTIN_POLICY = "https://support.google.com/merchants/answer/160161"
PREFIX_POLICY = "https://support.google.com/merchants/answer/6286293"
#: problems that make a code unusable (SP201); prefixes are SP202, fixable forms SP203
INVALID = {g.PLACEHOLDER, g.NOT_DIGITS, g.SCIENTIFIC, g.LENGTH, g.CHECK_DIGIT, g.SEVERAL}
FIXABLE_FORMS = {g.UPC_E, g.ISBN10}
_REPAIR_WORDS = {
    g.APOSTROPHE: "a leading apostrophe left by a spreadsheet",
    g.FORMULA: 'a spreadsheet formula (="...")',
    g.DECIMAL: "a decimal ending (.0) from a number-formatted cell",
    g.LEADING_ZEROS: "lost its leading zero(s) in a number-formatted cell",
    g.FULL_SCIENTIFIC: "scientific notation from a spreadsheet",
    g.WIDE_DIGITS: "full-width or non-Latin digits",
}


class _Gtin:
    """What the GTIN rules declare alike (per-batch and catalogue-level ones)."""

    fields: ClassVar[tuple[str, ...]] = ("gtin",)
    policy_url: ClassVar[str | None] = GTIN_POLICY
    link_from: ClassVar[str] = "identifiers"


class _GtinRule(_Gtin, SpecsRule):
    pass


def _invalid_message(r: g.GtinReading, label: str = "GTIN") -> tuple[str, str]:
    raw = r.raw.strip()
    via = " (after undoing scientific notation)" if g.FULL_SCIENTIFIC in r.repairs else ""
    if r.problem == g.PLACEHOLDER:
        return (
            f"{label} {raw!r} is a placeholder, not a real barcode number",
            "enter the barcode printed on the product, or leave the cell empty if it has none",
        )
    if r.problem == g.NOT_DIGITS:
        return (
            f"{label} {raw!r} contains letters or symbols; a GTIN is 8, 12, 13 or 14 digits "
            "(an internal code belongs in the SKU or MPN column)",
            "enter the barcode number printed on the product",
        )
    if r.problem == g.SEVERAL:
        return (
            f"the {label} cell holds {r.detail} ({raw!r}); one listing has one GTIN",
            "give each variant its own row with its own GTIN",
        )
    if r.problem == g.SCIENTIFIC:
        return (
            f"{label} {raw!r} was turned into scientific notation by a spreadsheet: "
            f"{r.detail}, so the real number is lost",
            "format the column as Text and copy the barcodes again from your source",
        )
    if r.problem == g.LENGTH:
        return (
            f"{label} {raw!r} has {r.detail}; a GTIN has 8, 12 (UPC), 13 (EAN) or 14 digits",
            "enter the full barcode number printed on the product",
        )
    return (
        f"{label} {raw!r} has a wrong check digit{via} ({r.detail}); it is mistyped or made up",
        "copy the number from the barcode on the packaging",
    )


def _odd_codes(analysis: SpecsAnalysis) -> Iterator[tuple[str | None, int, g.GtinReading]]:
    """(column, position, reading) of every odd code: the GTIN field's (column None: the
    engine names the field's column), then each further barcode column's (see
    :attr:`SpecsAnalysis.barcodes`), so a bad UPC beside a good EAN13 is found."""
    for i, r in analysis.gtin.odd_rows():
        yield None, i, r
    for header, readings in analysis.barcodes:
        for i, r in readings.odd_rows():
            yield header, i, r


class InvalidGtin(_GtinRule):
    """A GTIN (UPC/EAN/ISBN barcode number) is not a valid code: wrong check digit,
    wrong length (a 10-digit "GTIN"), letters, a placeholder (all zeros, 1234567890123)
    or digits lost to spreadsheet scientific notation (8.85909E+11).

    Why:
        Marketplaces verify the GS1 check digit and length and disapprove invalid or
        placeholder GTINs; a wrong GTIN also attaches the listing to another product.
        https://support.google.com/merchants/answer/160161

    Fails:
        gtin "4006381333932" (check digit should be 1)
        gtin "1234567890123" (placeholder), "8500000002" (10 digits), "8.85909E+11"

    Passes:
        gtin "4006381333931", "0012345678905", "9780306406157" (ISBN-13)
        gtin "" (blank: a missing GTIN is missing-identifier's concern)
    """

    code = "SP201"
    name = "invalid-gtin"
    severity = Severity.ERROR
    summary = "GTIN has a wrong check digit or length, letters, or is a placeholder"

    def check(self, batch: Batch, analysis: SpecsAnalysis) -> Iterator[Hit]:
        for column, i, r in _odd_codes(analysis):
            if r.problem not in INVALID:
                continue
            message, suggestion = _invalid_message(r, column or "GTIN")
            yield Hit(
                message=message,
                index=i,
                field="gtin",
                column=column,
                match=r.raw.strip(),
                suggestion=suggestion,
            )


class RestrictedGtinPrefix(_GtinRule):
    """A GTIN starts with a GS1 prefix that is not for trade items: restricted
    circulation (2, 02, 04: store-internal and variable-weight codes) or coupons
    (05, 981-984, 99).

    Why:
        Such numbers are not unique worldwide; Google rejects them and other
        marketplaces cannot match them to a product.
        https://support.google.com/merchants/answer/6286293

    Fails:
        gtin "2001234567893" (in-store code), "0512345000107" (coupon)

    Passes:
        gtin "5012345678900" (UK EAN), "00012345678905" (GTIN-14, indicator 0)
    """

    code = "SP202"
    name = "restricted-gtin-prefix"
    severity = Severity.ERROR
    summary = "GTIN uses a restricted-circulation or coupon prefix"
    policy_url = PREFIX_POLICY

    def check(self, batch: Batch, analysis: SpecsAnalysis) -> Iterator[Hit]:
        for column, i, r in _odd_codes(analysis):
            if r.problem not in (g.RESTRICTED, g.COUPON):
                continue
            kind = (
                "a restricted-circulation prefix (store-internal or variable-weight codes)"
                if r.problem == g.RESTRICTED
                else "a coupon prefix"
            )
            yield Hit(
                message=f"{column or 'GTIN'} {r.raw.strip()!r} starts with {kind}; it is not "
                "a product's worldwide barcode and marketplaces reject it",
                index=i,
                field="gtin",
                column=column,
                match=r.raw.strip(),
                suggestion="use the manufacturer's GTIN, or leave it empty for own-label "
                "products without one",
            )


class GtinNeedsRepair(_GtinRule):
    """A GTIN is right but written in a form marketplaces refuse: a leading apostrophe
    or formula from Excel, lost leading zeros (11-digit UPC), a ".0" ending, full
    scientific notation, a short UPC-E or an ISBN-10. The repaired code is offered as
    the suggestion (leading zeros do not change the check digit, so restoring them is
    safe).

    Why:
        Uploads take the cell as text: "'036000291452" or "36000291452" is not a GTIN
        to the marketplace even though the product's barcode is fine.
        https://support.google.com/merchants/answer/160161

    Fails:
        gtin "36000291452" -> suggestion "036000291452" (zero restored)
        gtin "'4006381333931", "4006381333931.0", "0306406152" (ISBN-10)

    Passes:
        gtin "4006381333931", "0 36000 29145 2" (spaces are dropped by marketplaces)
    """

    code = "SP203"
    name = "gtin-needs-repair"
    severity = Severity.WARNING
    summary = "GTIN damaged by a spreadsheet or in a short form; repaired code suggested"

    def check(self, batch: Batch, analysis: SpecsAnalysis) -> Iterator[Hit]:
        for column, i, r in _odd_codes(analysis):
            if r.problem in INVALID:
                continue
            if not r.repairs and r.problem not in FIXABLE_FORMS:
                continue
            if r.problem == g.UPC_E:
                what = "is a short UPC-E code; marketplaces want the full 12-digit UPC-A"
            elif r.problem == g.ISBN10:
                what = "is an ISBN-10; marketplaces want the 13-digit ISBN"
            else:
                what = "has " + " and ".join(_REPAIR_WORDS[x] for x in r.repairs)
            fix = r.fix or r.digits
            yield Hit(
                message=f"{column or 'GTIN'} {r.raw.strip()!r} {what}",
                index=i,
                field="gtin",
                column=column,
                match=r.raw.strip(),
                suggestion=f"write it as {fix} (format the column as Text so it stays so)",
            )


class DuplicateGtin(_Gtin, SpecsCatalogRule):
    """The same GTIN is used by listings with different SKUs: different products, or
    different sizes/colours of one product.

    Why:
        A GTIN identifies one trade item; each variant needs its own. Marketplaces
        merge or reject listings that share one. Checked over the whole catalogue in two
        phases, and per sheet (the same product on an "en" and a "ja" sheet is fine).
        https://support.google.com/merchants/answer/160161

    Fails:
        MUG-RED and MUG-BLUE both with gtin "4006381333931"

    Passes:
        MUG-RED "4006381333931", MUG-BLUE "0012345678905"
        "012345678905" and "0012345678905" on the same SKU (one product listed twice)
    """

    code = "SP204"
    name = "duplicate-gtin"
    #: duplicates are rows sharing one code: each code's rows can be merged on their own
    merge_key = ("__gtin",)
    severity = Severity.ERROR
    summary = "Same GTIN on listings of different products or variants"

    def partial(self, batch: Batch, analysis: SpecsAnalysis) -> pl.DataFrame | None:
        readings = analysis.gtin
        # plain valid codes are their own digits; only the odd cells are looked at one
        # by one (repaired codes count under their repaired digits)
        odd = [
            (i, r.raw, g.canonical(r.digits))
            for i, r in readings.odd_rows()
            if r.digits and r.problem not in INVALID
        ]
        clean = readings.clean_positions()
        if not odd and not clean.len():
            return None
        frame = located_rows(
            batch,
            clean,
            raw=readings.series.gather(clean),
            __gtin=readings.series.gather(clean).str.zfill(14),
        )
        if odd:
            frame = pl.concat(
                [
                    frame,
                    located_rows(
                        batch,
                        [o[0] for o in odd],
                        raw=[o[1] for o in odd],
                        __gtin=[o[2] for o in odd],
                    ),
                ]
            ).sort(REC)
        return frame

    def merge(self, partials: pl.DataFrame) -> Iterable[Hit]:
        key = pl.concat_str([pl.col(SHEET).fill_null(""), pl.col("__gtin")], separator="\x1f")
        # a code used once in the whole catalogue cannot be a duplicate: drop it first
        partials = partials.filter(pl.col("__gtin").is_duplicated())
        frame = (
            partials.with_columns(key.alias("__k"), pl.col("sku").fill_null("").alias("__s"))
            .sort(REC)
            .unique(subset=["__k", "__s"], keep="first", maintain_order=True)
            .filter(pl.len().over("__k") > 1)
            .with_columns(
                pl.col(REC).first().over("__k").alias("__first_rec"),
                pl.col(ROW).first().over("__k").alias("__first_row"),
                pl.col("sku").first().over("__k").alias("__first_sku"),
                pl.col(GROUP).first().over("__k").alias("__first_group"),
            )
            .filter(pl.col(REC) != pl.col("__first_rec"))
        )
        for r in frame.iter_rows(named=True):
            same = r[GROUP] is not None and r[GROUP] == r["__first_group"]
            whose = "another variant of the same product" if same else "a different product"
            yield Hit(
                message=f"GTIN {r['raw']!r} is also used on row {r['__first_row']} "
                f"(SKU {r['__first_sku']!r}), {whose}; each product and each size or colour "
                "needs its own GTIN",
                field="gtin",
                match=r["raw"],
                rec=r[REC],
                row=r[ROW],
                sku=r["sku"],
                sheet=r[SHEET],
                suggestion="use the barcode of this exact item (each variant has its own)",
            )


def _maybe_blank(frame: pl.DataFrame, name: str) -> pl.Series:
    """True where the cell may be falsy (null or ""); every row when not text."""
    if name not in frame.columns or frame[name].dtype != pl.Utf8:
        return pl.repeat(True, frame.height, eager=True)
    s = frame[name]
    return (s.is_null() | (s == "")).fill_null(True)


_NO = {"no", "false", "0", "n", "nej", "nein", "non"}
_NOT_NEW = {"used", "refurbished", "second hand", "pre-owned", "vintage"}


class MissingIdentifier(SpecsRule):
    """A marketplace that requires unique product identifiers gets none: no GTIN (or,
    where allowed, no MPN either), or no brand.

    Why:
        Google Merchant Center requires brand and GTIN for new products that have one
        (MPN where no GTIN exists), except media; Amazon requires a product id
        (UPC/EAN/GTIN) unless the brand has an exemption. The baseline requires nothing,
        so an ordinary export is not flagged until a marketplace pack is chosen.
        https://support.google.com/merchants/answer/160161

    Fails:
        --policy google-shopping: brand "Acme", no gtin, no mpn
        --policy amazon-us: gtin ""

    Passes:
        --policy google-shopping: brand "Acme", mpn "AC-100"
        --policy google-shopping: identifier_exists "no" (custom-made goods), brand "Acme"
        --policy google-shopping: category "Books", no brand
        --policy base: no gtin (not required)
    """

    code = "SP205"
    name = "missing-identifier"
    severity = Severity.WARNING
    summary = "GTIN, MPN or brand required by the marketplace is missing"
    policy_url = GTIN_POLICY
    link_from = "identifiers"

    def applies(self, batch: Batch) -> bool:
        return any(
            specs_of(p).identifiers.require != "none" or specs_of(p).identifiers.brand
            for p in self.packs
        )

    def _flag(self, batch: Batch, name: str, i: int) -> bool:
        cols = [c for c in batch.attribute_columns() if header_key(c[5:]) == name]
        return bool(cols) and str(batch.values(cols[0])[i] or "").strip().lower() in _NO

    def check(self, batch: Batch, analysis: SpecsAnalysis) -> Iterator[Hit]:
        cats = analysis.categories
        f = batch.frame
        # only a listing without a brand or without a GTIN can miss something
        maybe = pl.repeat(False, f.height, eager=True)
        if any(specs_of(p).identifiers.brand for p in self.packs):
            maybe = maybe | _maybe_blank(f, "brand")
        if any(specs_of(p).identifiers.require != "none" for p in self.packs):
            maybe = maybe | _maybe_blank(f, "gtin")
        rows = maybe.arg_true().to_list()
        gtins, mpns, brands = (tc.cells(batch, name, rows) for name in ("gtin", "mpn", "brand"))
        conditions = batch.folded_series("condition").gather(rows).to_list()
        # a column the file does not have at all is one finding for the file (on its
        # first listing), not one per listing: the fix is one column, not 5,000 cells
        absent = {
            "brand": "brand" not in batch.frame.columns,
            "gtin": "gtin" not in batch.frame.columns,
            "gtin-or-mpn": "gtin" not in batch.frame.columns and "mpn" not in batch.frame.columns,
        }
        first_batch = f.height > 0 and f[REC][0] == 0
        said: set[str] = set()
        for j, i in enumerate(rows):
            missing: dict[str, list] = {}
            no_ids = self._flag(batch, "identifier exists", i) or (conditions[j] or "") in _NOT_NEW
            for pack in self.packs:
                spec = specs_of(pack).identifiers
                if any(is_within(cats[i].path, c) for c in spec.exempt_categories):
                    continue
                if spec.brand and not brands[j]:
                    missing.setdefault("brand", []).append(pack)
                if no_ids or spec.require == "none" or gtins[j]:
                    continue
                if spec.require == "gtin":
                    missing.setdefault("gtin", []).append(pack)
                elif not mpns[j]:
                    missing.setdefault("gtin-or-mpn", []).append(pack)
            for what, packs in missing.items():
                if not absent[what]:
                    yield self._hit(i, what, packs)
                elif first_batch and what not in said:
                    said.add(what)
                    yield self._hit(i, what, packs, whole_file=True)

    def _hit(self, i: int, what: str, packs: list, whole_file: bool = False) -> Hit:
        names = self.names(packs)
        if what == "brand":
            message = f"brand is missing; it is required on {names}"
            suggestion = "add the brand (the manufacturer's, or your own for own-label goods)"
            field = "brand"
        elif what == "gtin":
            message = f"GTIN is missing; a product id (UPC/EAN/GTIN) is required on {names}"
            suggestion = "add the barcode number, or apply for a GTIN exemption for this brand"
            field = "gtin"
        else:
            message = f"neither a GTIN nor an MPN is given; one of them is required on {names}"
            suggestion = (
                "add the barcode number (GTIN) or the manufacturer part number (MPN); for "
                "custom-made goods set identifier_exists to no"
            )
            field = "gtin"
        if whole_file:
            column = "brand" if what == "brand" else "GTIN" if what == "gtin" else "GTIN or MPN"
            message = (
                f"this file has no {column} column, so no listing has one; "
                + message.split("; ", 1)[1]
                + " (reported once for the file)"
            )
        return Hit(
            message=message,
            index=i,
            field=field,
            column=None,
            suggestion=suggestion,
            severity=self.severity_of(packs),
            marketplaces=tuple(p.label for p in packs),
        )


RULES: list[type[Rule]] = [
    InvalidGtin,
    RestrictedGtinPrefix,
    GtinNeedsRepair,
    DuplicateGtin,
    MissingIdentifier,
]
