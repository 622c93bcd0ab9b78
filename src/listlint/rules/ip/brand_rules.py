"""Rule family ``ip``, brand-claim rules: a protected brand named by
a seller who does not look like its owner or reseller (TM103), or claimed with an
identifier or a price the genuine goods cannot have (TM105).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from listlint.report import Severity
from listlint.rules.base import Hit
from listlint.rules.ip.evidence import gtin_problem, price_far_below
from listlint.rules.ip.family import (
    BRAND_MISUSE_POLICY,
    BRAND_PRONE,
    COUNTERFEIT_POLICY,
    IpAnalysis,
    TrademarkRule,
    cell,
    price_evidence,
    seller_text,
    selling_price,
)

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.rules.ip.analysis import RowEvidence
    from listlint.rules.ip.index import Brand


class UnauthorizedBrand(TrademarkRule):
    """A protected brand in the title while the brand column names someone else, is
    empty or says "Generic" — and nothing else suggests a copy.

    Why:
        Marketplaces require brand approval to list protected brands (Amazon brand
        gating, TikTok Shop brand authorisation); a brand used by a seller who is not
        its owner or reseller is brand misuse.
        https://www.ebay.com/help/policies/listing-policies/search-manipulation-policy/brand-name-misuse-policy?id=5051

    Fails:
        title: "Rolex Daytona black dial", brand: "Emirates Gifts"
        title: "Louis Vuitton Neverfull tote", brand: "Generic"

    Passes:
        title: "Nike Air Max 90", brand: "Nike"
        title: "Band for Samsung Galaxy Watch 6", brand: "Strapify"
        title: "Coach whistle with lanyard", brand: "Generic"   (ordinary word)

    Options:
        Only runs when the file has a brand column. List brands you are authorised to
        sell in config ``authorized-brands``.
    """

    code = "TM103"
    name = "unauthorized-brand"
    severity = Severity.WARNING
    summary = "Protected brand in the title but a different or empty brand column"
    fields = ("title", "brand")
    policy_url = BRAND_MISUSE_POLICY

    def applies(self, batch: Batch) -> bool:
        # an all-blank brand column says nothing about who sells the brand; without one,
        # only a price far below the brand's range can stand in as evidence
        return batch.has("title") and (batch.has("brand") or batch.has("price_amount"))

    def check(self, batch: Batch, analysis: IpAnalysis) -> Iterator[Hit]:
        index = self.index
        has_brand = batch.has("brand")
        for i, ev in analysis.rows.items():
            if ev.signals or any(m.disguise for m in ev.mentions):
                continue  # TM101/TM102 report it with stronger evidence
            named = [
                m
                for m in ev.mentions
                if m.field == "title"
                and self.brand_ok(m, batch, i, False)
                and not index.matches_brand(m.name.brand, cell(batch, "brand", i))
                and not m.nominative  # last: the costliest test, on the fewest mentions
            ]
            if not named:
                continue
            m = named[0]
            cheap = price_evidence(self, batch, i, m.name.brand)
            if not has_brand and not cheap:
                continue
            evidence = []
            if has_brand:
                brand_col = cell(batch, "brand", i)
                col = f'"{brand_col}"' if brand_col else "empty"
                evidence.append("brand-column mismatch")
                what = f"but the brand column is {col}"
            else:
                what = "and the file has no brand column"
            if cheap:
                evidence.append(cheap)
            others = sorted({n.name.brand.name for n in named} - {m.name.brand.name})
            if len(others) >= 2:  # eBay: no lists of unrelated brands (keyword spam)
                evidence.append(f"also names {', '.join(others)}")
            risk = "high" if (cheap and has_brand) or len(others) >= 2 else "medium"
            quote = seller_text(batch, "title", i, m.text)
            yield Hit(
                f'The title names {m.name.brand.name} ("{quote}") {what} '
                f"(evidence: {'; '.join(evidence)}). Risk: {risk}.",
                index=i,
                field="title",
                match=quote,
                suggestion=_brand_suggestion(m.name.brand.name, has_brand, bool(cheap)),
                marketplaces=self.marketplaces(),
                policy=self.policy_link(),
            )


class UnverifiedBrandClaim(TrademarkRule):
    """A listing that claims a protected brand (brand column, or the title when the file
    has no brand column) while its GTIN cannot be the maker's, or its price is far below
    anything the brand sells.

    Why:
        Genuine branded goods carry the brand owner's GS1 barcode, and Google Merchant
        Center requires it for branded new products; a malformed or made-up GTIN, or a
        luxury brand at a fraction of its cheapest retail price, is a classic sign of a
        copy listed under the real brand. Supporting evidence, not proof: a warning.
        https://support.google.com/merchants/answer/6149993

    Fails:
        title: "Chanel Eau de Parfum 100ML", brand: "Chanel", gtin: "8500000002"
        title: "Rolex Submariner", brand: "Rolex", price: "300 USD"

    Passes:
        title: "Chanel No 5 eau de parfum 100ml", brand: "Chanel", gtin: "3145891253306"
        title: "Band for Apple Watch", brand: "Strapify", gtin: "8500000001"  (not a claim)

    Options:
        Brands you are authorised to sell (config ``authorized-brands``) are left out,
        as by every ip rule. GTINs are read as the specs rules read them
        (:mod:`listlint.gtin`): a column of made-up numbering (8500000001, 8500000002...)
        counts, a lone code that may be a UPC without its leading zeros does not. The
        GTIN counts on perfume, bags, watches, jewellery, eyewear and fashion; the price
        wherever the brand has a floor. Rows that TM101, TM102 or TM103 report are left
        to them.
    """

    code = "TM105"
    name = "unverified-brand-claim"
    severity = Severity.WARNING
    summary = "Protected brand claimed with an impossible GTIN or a price far below its range"
    fields = ("brand", "gtin", "price")
    policy_url = COUNTERFEIT_POLICY

    def applies(self, batch: Batch) -> bool:
        return batch.has("gtin") or batch.has("price_amount")

    def _claims(self, batch: Batch, analysis: IpAnalysis) -> Iterator[tuple[int, Brand, str]]:
        """(row, brand, field) of every protected-brand claim not already reported."""
        index = self.index
        evidence = analysis.rows
        if batch.has("brand"):
            column = batch.frame.get_column("brand")
            claimed = {
                v: b
                for v in column.unique().drop_nulls().to_list()
                if (b := index.claimed_brand(v)) is not None
            }
            if not claimed:
                return
            idx = column.is_in(list(claimed)).fill_null(False).arg_true()
            for i, value in zip(idx.to_list(), column.gather(idx).to_list(), strict=True):
                if not _reported(evidence.get(i)):
                    yield i, claimed[value], "brand"
            return
        for i, ev in evidence.items():
            if _reported(ev):
                continue
            for m in ev.mentions:
                if m.field == "title" and self.brand_ok(m, batch, i, False) and not m.nominative:
                    yield i, m.name.brand, "title"
                    break

    def check(self, batch: Batch, analysis: IpAnalysis) -> Iterator[Hit]:
        claims = list(self._claims(batch, analysis))
        if not claims:
            return
        # read once per batch and shared with the specs rules: a column of made-up
        # numbering (8500000001, 8500000002...) is recognised as such there
        readings = analysis.gtin if batch.has("gtin") else None
        has_brand = batch.has("brand")
        for i, brand, field in claims:
            gtin = cell(batch, "gtin", i)
            amount, currency, price = selling_price(batch, i)
            found: list[tuple[str, str, str]] = []  # (field, seller's value, what is wrong)
            problem = gtin_problem(readings[i]) if readings else None
            # a placeholder barcode on a phone charger is a data problem (the specs rules);
            # on a perfume, a bag or a watch it is how copies are listed under the brand
            groups = self.listing_groups(batch, i)
            if problem and groups & BRAND_PRONE:
                found.append(("gtin", str(gtin), f'a GTIN ("{gtin}") that {problem}'))
            # without a brand column, a cheap title brand is TM103's finding
            if has_brand and price_far_below(brand, amount, currency, groups):
                found.append(("price", str(price), f"a price of {price}"))
            if not found:
                continue
            where = "its brand column" if field == "brand" else "its title"
            evidence = "; ".join(
                "GTIN cannot be the maker's" if f == "gtin" else "price far below the brand's range"
                for f, *_ in found
            )
            yield Hit(
                f"The listing claims {brand.name} in {where}, but genuine {brand.name} goods "
                f"would not have {' or '.join(w for *_, w in found)} "
                f"(evidence: {evidence}). Risk: {'high' if len(found) > 1 else 'medium'}.",
                index=i,
                field=found[0][0],
                match=found[0][1],
                suggestion=f"Use the GTIN printed on the genuine {brand.name} packaging and a "
                f"realistic price; if the item is not genuine {brand.name}, remove the brand.",
                marketplaces=self.marketplaces(),
                policy=self.policy_link(),
            )


def _brand_suggestion(brand: str, has_brand: bool, cheap: bool) -> str:
    column = "set the brand column to" if has_brand else "add a brand column saying"
    out = (
        f"If these are genuine {brand} goods, {column} {brand} and keep proof of "
        f'authorisation; if the item only fits a {brand} product, say "compatible with" or "for".'
    )
    if cheap:
        out += f" At this price the listing reads as a copy: remove {brand} unless it is genuine."
    return out


def _reported(ev: RowEvidence | None) -> bool:
    """TM101/TM102 report rows with a disguised brand or counterfeit wording."""
    return ev is not None and bool(ev.signals or any(m.disguise for m in ev.mentions))
