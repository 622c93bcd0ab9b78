"""Rule family ``ip``, brand-claim rules: a protected brand named by a seller who does not
look like its owner, a sister brand or a licensee (TM103), or claimed with an identifier
or a price the genuine goods cannot have (TM105). Both weigh the listing's evidence into
one risk (:mod:`listlint.rules.ip.assess`); a brand column or a price alone is never an
error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from listlint.report import Severity
from listlint.rules.base import Hit
from listlint.rules.ip import risk as w
from listlint.rules.ip.assess import context_evidence, severity_of
from listlint.rules.ip.evidence import gtin_problem
from listlint.rules.ip.family import (
    BRAND_MISUSE_POLICY,
    COUNTERFEIT_POLICY,
    IpAnalysis,
    TrademarkRule,
    cell,
    seller_text,
)
from listlint.rules.ip.listing import BRAND_PRONE_TYPES

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.rules.ip.analysis import Mention, RowEvidence
    from listlint.rules.ip.families import Families
    from listlint.rules.ip.index import Brand


def _reported(ev: RowEvidence | None) -> bool:
    """TM101/TM102 report rows with a disguised or coded brand or counterfeit wording."""
    return ev is not None and bool(
        any(s.strength != "assurance" for s, *_ in ev.signals)
        or any(m.disguise or m.coded for m in ev.mentions)
    )


class UnauthorizedBrand(TrademarkRule):
    """A protected brand in the title of a listing whose seller does not look like its
    owner, a sister brand or a licensee, weighed with what else the listing says: the
    brand column (another brand, blank, "Generic"), the product type (one the brand
    sells, or one it never makes: a "Rolex pen"), the price against the brand's list
    price, the brand's fame. Reported from a warning up.

    Why:
        Marketplaces require brand approval to list protected brands (Amazon brand
        gating, TikTok Shop brand authorisation); a brand used by a seller who is not
        its owner or reseller is brand misuse, and at a clone price a likely copy.
        https://www.ebay.com/help/policies/listing-policies/search-manipulation-policy/brand-name-misuse-policy?id=5051

    Fails:
        title: "Rolex Daytona black dial", brand: "Emirates Gifts"
        title: "Rolex Cosmograph Daytona 116500LN", price: "120 USD"   (clone price)
        title: "Rolex luxury ballpoint pen", price: "15 USD"   (a line Rolex never made)

    Passes:
        title: "CeraVe cleanser 473ml", brand: "La Roche-Posay"   (sister L'Oréal brand)
        title: "Star Wars Darth Vader figure", brand: "Hasbro"   (a licensee)
        title: "Apple Watch Nike edition", brand: "Apple"   (a co-brand)
        title: "Gucci Marmont bag (used)", price: "450 USD"   (second-hand)
        title: "Band for Samsung Galaxy Watch 6", brand: "Strapify"   (compatibility)
        title: "Apple iPhone 15 128GB", price: "799 USD"   (a genuine price, no brand column)

    Options:
        List brands you are authorised to sell in config ``authorized-brands``.
    """

    code = "TM103"
    name = "unauthorized-brand"
    severity = Severity.WARNING
    summary = "Protected brand named by a seller who does not look like its owner or licensee"
    fields = ("title", "brand")
    policy_url = BRAND_MISUSE_POLICY

    def check(self, batch: Batch, analysis: IpAnalysis) -> Iterator[Hit]:
        self.start(analysis)
        has_column = analysis.column.filled
        chars = self.family.resources.families
        for i, ev in analysis.rows.items():
            if _reported(ev) or ev.signals or (ev.facts and (ev.facts.used or ev.facts.licence)):
                continue
            named = [
                m
                for m in ev.mentions
                if m.field == "title"
                and not m.coded
                and self.brand_ok(m, ev, batch, i, False)
                and not _character(chars, m)
                and not m.nominative  # last: the costliest test, on the fewest mentions
            ]
            if not named:
                continue
            best = None
            for m in named:
                sold_by = self.seller_of(ev, m.name.brand, batch, i)
                if sold_by.rights_holder:
                    best = None
                    break  # the seller is the brand's (or a co-brand's): nothing to weigh
                risk = w.Risk()
                quote = seller_text(batch, "title", i, m.text)
                risk.add(f'the title names {m.name.brand.name} ("{quote}")', "title", "brand", 0.0)
                context_evidence(self.family, batch, i, ev, m, sold_by, risk)
                if sold_by.status == "none" and not any(
                    e.weight > 0
                    and (e.field == "price" or e.what.startswith(f"{m.name.brand.name} makes no"))
                    for e in risk.evidence
                ):
                    continue  # without a brand column only a clone price or a foreign line says it
                if _colour_sense(batch, i, m, risk):
                    continue
                others = {n.name.brand.name for n in named} - {m.name.brand.name}
                if len(others) >= 2:  # eBay: no lists of unrelated brands (keyword spam)
                    risk.add(f"also names {', '.join(sorted(others))}", "title", "tag list", 1.0)
                if best is None or risk.score > best[1].score:
                    best = (m, risk, quote)
            if best is None or best[1].level == "info":
                continue
            m, risk, quote = best
            yield self.hit(
                f'The title names {m.name.brand.name} ("{quote}") but nothing says the '
                f"seller is its owner or licensee: {risk.explain()}",
                index=i,
                field="title",
                match=quote,
                suggestion=_brand_suggestion(m.name.brand.name, has_column),
                # brand misuse: a warning; a copy is TM101/TM102's to call an error
                severity=Severity(severity_of(risk, cap="warning")),
            )


#: basic colour terms (Berlin & Kay, "Basic Color Terms", 1969) and the metal colours
_COLOURS = frozenset(
    "black white red green yellow blue brown orange pink purple grey gray gold silver beige navy".split()
)


def _colour_sense(batch: Batch, i: int, m: Mention, risk: w.Risk) -> bool:
    """ "Ferrari red nail polish", "Tiffany blue vase": the brand names a colour of a
    product it does not make (no evidence ties the product to the brand)."""
    after = (batch.folded("title")[i] or "")[m.end : m.end + 12].split()
    if not after or after[0] not in _COLOURS:
        return False
    return not any(e.role == "product" and e.weight > 0 for e in risk.evidence)


def _character(families: Families, m: Mention) -> bool:
    """Brands that are character properties (Pokémon, Barbie) are TM106's: the question
    there is the licence, not the maker."""
    from listlint.rules.ip.families import key

    k = key(m.name.brand.name)
    return any(key(c.name) == k for c in families.characters)


class UnverifiedBrandClaim(TrademarkRule):
    """A listing whose brand column claims a protected brand while its price is far
    below the brand's dated list price for that product type or model, or its GTIN cannot
    be the maker's (on a perfume, bag, watch, jewellery, eyewear or fashion item).

    Why:
        Genuine branded goods carry the brand owner's GS1 barcode, and Google Merchant
        Center requires it for branded new products; a malformed or made-up GTIN, or a
        flagship product at a fraction of its list price, is a classic sign of a copy
        listed under the real brand. Supporting evidence, not proof: a warning.
        https://support.google.com/merchants/answer/6149993

    Fails:
        title: "Chanel Eau de Parfum 100ML", brand: "Chanel", gtin: "8500000002"
        title: "Apple AirPods Pro 2", brand: "Apple", price: "12.99 USD"

    Passes:
        title: "Chanel No 5 eau de parfum 100ml", brand: "Chanel", gtin: "3145891253306"
        title: "Gucci Marmont bag, pre-owned", brand: "Gucci", price: "450 USD"  (used)
        title: "Band for Apple Watch", brand: "Strapify", gtin: "8500000001"  (not a claim)

    Options:
        Floors: ``wordlists/brands/price_floors.tsv`` (dated, sourced), converted with
        ``fx_rates.tsv``. Brands you are authorised to sell (config ``authorized-brands``)
        are left out, as by every ip rule. Rows that TM101 or TM102 report are left to them.
    """

    code = "TM105"
    name = "unverified-brand-claim"
    severity = Severity.WARNING
    summary = "Protected brand claimed with an impossible GTIN or a price far below its list price"
    fields = ("brand", "gtin", "price")
    policy_url = COUNTERFEIT_POLICY

    def applies(self, batch: Batch) -> bool:
        return batch.has("gtin") or batch.has("price_amount")

    def _claims(self, batch: Batch, analysis: IpAnalysis) -> Iterator[tuple[int, Brand]]:
        """(row, brand) of every protected-brand claim: the brand column, or the title's
        brand when the file has no brand column."""
        index = self.index
        if self.column.filled and "brand" in batch.frame.columns:
            column = batch.frame.get_column("brand")
            read = {v: index.claimed_brand(v) for v in column.unique().drop_nulls().to_list()}
            claimed = {v: b for v, b in read.items() if b is not None}
            if not claimed:
                return
            idx = column.is_in(list(claimed)).fill_null(False).arg_true()
            for i, value in zip(idx.to_list(), column.gather(idx).to_list(), strict=True):
                yield i, claimed[value]
            return
        for i, ev in analysis.rows.items():
            for m in ev.mentions:
                if (
                    m.field == "title"
                    and not m.coded
                    and self.brand_ok(m, ev, batch, i, False)
                    and not m.nominative
                ):
                    yield i, m.name.brand
                    break

    def check(self, batch: Batch, analysis: IpAnalysis) -> Iterator[Hit]:
        self.start(analysis)
        readings = analysis.gtin if batch.has("gtin") else None
        for i, brand in self._claims(batch, analysis):
            ev = analysis.rows.get(i)
            if _reported(ev):
                continue
            # a claim the title does not repeat (a brand column only) is read here
            facts = ev.facts if ev is not None else self.family.facts_of(batch, i)
            if facts is not None and facts.used:
                continue
            ptype = facts.ptype if facts else None
            risk = w.Risk()
            model = None
            if ev is not None:
                models = [
                    m.name.text for m in ev.mentions if m.name.brand is brand and m.name.is_model
                ]
                model = max(models, key=len) if models else None
            # without a brand column a cheap title brand is TM103's finding
            price = (
                self.family.clone_price(batch, i, brand, ptype, model)
                if self.column.filled
                else None
            )
            if price:
                risk.add(price, "price", "price", w.W_CLONE_PRICE)
            problem = gtin_problem(readings[i]) if readings is not None else None
            groups = self.listing_groups(batch, i)
            prone = ptype in BRAND_PRONE_TYPES or bool(
                groups & {"fashion", "bags", "watches", "jewelry", "beauty", "eyewear"}
            )
            gtin = cell(batch, "gtin", i)
            if problem and prone:
                risk.add(
                    f'the GTIN "{gtin}" {problem}: not the maker\'s barcode',
                    "gtin",
                    "identifier",
                    2.0,
                )
            if not risk.evidence:
                continue
            first = risk.evidence[0]
            yield self.hit(
                f"The brand column claims {brand.name}, but genuine {brand.name} goods would "
                f"not have this {'price' if first.field == 'price' else 'GTIN'}: "
                f"{risk.explain()}",
                index=i,
                field=first.field,
                match=str(cell(batch, first.field, i)),
                suggestion=f"Use the GTIN printed on the genuine {brand.name} packaging and a "
                f"realistic price; if the item is not genuine {brand.name}, remove the brand.",
                # supporting evidence only (a price, a barcode): never more than a warning
                severity=Severity(severity_of(risk, cap="warning")),
            )


def _brand_suggestion(brand: str, has_brand: bool) -> str:
    column = "set the brand column to" if has_brand else "add a brand column saying"
    return (
        f"If these are genuine {brand} goods, {column} {brand} and keep proof of "
        f'authorisation; if the item only fits a {brand} product, say "compatible with" or '
        f'"for"; if it is not genuine {brand}, remove the brand.'
    )
