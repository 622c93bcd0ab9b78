"""The origin rules (OR101, OR102): a text that says where the product was made against
the listing's own country-of-origin column or, without one, its manufacturer's address."""

from __future__ import annotations

from typing import TYPE_CHECKING

from listlint.report import Severity
from listlint.rules.base import Hit, Rule
from listlint.rules.origin.family import ADDRESS, ORIGIN, OriginAnalysis, OriginRule

if TYPE_CHECKING:
    from listlint.batch import Batch


class OriginConflict(OriginRule):
    """The text claims an origin the country-of-origin column contradicts ("Made in USA"
    with origin "China"; "Hergestellt in Deutschland" with "PL"; "日本製" with "中国").

    Why:
        A product's origin is a fact buyers, customs and the law rely on: the FTC's Made
        in USA rule (16 CFR 323) forbids unqualified claims that are not true, TikTok
        Shop rejects listings that misstate product origin, and Amazon and eBay keep the
        country of origin as its own attribute. Claims are read in the markets'
        languages ("Made in", "Hecho en", "Fabriqué en", "Hergestellt in", "Buatan",
        "Sản xuất tại", "USA-made", "日本製", "Country of origin:"); the column may be a
        name in any of them, an ISO code, a list ("China/Vietnam") or a region ("EU").
        Not claims: "designed in California", "Italian leather", "USA-made parts",
        "NOT made in China", "Made in Georgia" (a state or a country). An assembly claim
        ("assembled in Mexico") counts when nothing in the text agrees with the column.
        https://www.ecfr.gov/current/title-16/chapter-I/subchapter-B/part-323

    Fails:
        title "Leather Belt Made in USA", country of origin "China"
        description "Designed in California, made in Vietnam.", country of origin "China"

    Passes:
        "Made in USA", country of origin "United States" (or "US", "Estados Unidos")
        "Designed in California, made in China.", country of origin "China"
        "Built with USA-made parts, assembled in Mexico.", country of origin "Mexico"
        "Italian Leather Wallet", country of origin "China"
    """

    code = "OR101"
    name = "origin-conflict"
    severity = Severity.ERROR
    summary = "Text claims a country of origin the origin column contradicts"

    def check(self, batch: Batch, analysis: OriginAnalysis) -> list[Hit]:
        if not batch.has(ORIGIN):
            return []
        vocab = analysis.vocab
        origins = analysis.origins
        header = batch.column_name(ORIGIN) or "country of origin"
        values = analysis.values
        out = []
        for stated in analysis.stated:
            codes = origins[stated.index]
            if not codes:
                continue  # no column value, or one that names no country ("Imported")
            agree = [c for c in stated.claims if any(vocab.agree(c[1].code, k) for k in codes)]
            wrong = [
                c
                for c in stated.claims
                if not any(vocab.agree(c[1].code, k) for k in codes)
                and (c[1].kind != "assembly" or not agree)
            ]
            if not wrong:
                continue
            claim = wrong[0]
            country = vocab.display.get(claim[1].code, claim[1].code)
            where = {"bullets": "bullet points"}.get(claim[0], claim[0])
            out.append(
                self.hit(
                    stated,
                    claim,
                    f"the {where} says {claim[2]!r} ({country}) but the {header} column says "
                    f"{values[stated.index]!r}",
                    "make the text and the origin column agree: state where the product was "
                    "made (designed-in and material claims may stay)",
                )
            )
        return out


class OriginAddressConflict(OriginRule):
    """The text claims an origin and the listing gives no country of origin, but its
    manufacturer's address is in another country ("Made in USA" from a manufacturer in
    Shenzhen, China).

    Why:
        Without an origin column the manufacturer's address (EU GPSR, TikTok Shop's
        manufacturer fields) is the listing's only evidence of where the product comes
        from; a claim of another country is the pattern the FTC's Made in USA cases and
        TikTok Shop's misstated-origin rule are about. A brand may make its products
        abroad: then the country of origin, filled in, settles it (OR101 reads it and
        this rule stays silent).
        https://www.ftc.gov/business-guidance/resources/complying-made-usa-standard

    Fails:
        description "Made in USA.", manufacturer address "... Shenzhen, Guangdong, China"
        description "Made in Italy.", manufacturer address "... Istanbul, Türkiye"

    Passes:
        description "Made in Germany.", manufacturer address "Messerwerk GmbH, Solingen, Germany"
        description "Made in China.", country of origin "China", address in Germany
        description "Made in UK.", address "Unit 5, Riverside Industrial Estate" (no country)
    """

    code = "OR102"
    name = "origin-address-conflict"
    severity = Severity.WARNING
    summary = "Text claims a country of origin the manufacturer's address contradicts"

    def check(self, batch: Batch, analysis: OriginAnalysis) -> list[Hit]:
        if not batch.has(ADDRESS):
            return []
        vocab = analysis.vocab
        origins = analysis.origins if batch.has(ORIGIN) else None
        addresses = analysis.addresses
        out = []
        for stated in analysis.stated:
            if origins is not None and origins[stated.index]:
                continue  # the origin column settles it (OR101)
            country = addresses[stated.index]
            if country is None:
                continue
            wrong = [c for c in stated.claims if not vocab.agree(c[1].code, country)]
            if not wrong:
                continue
            claim = wrong[0]
            where = {"bullets": "bullet points"}.get(claim[0], claim[0])
            out.append(
                self.hit(
                    stated,
                    claim,
                    f"the {where} says {claim[2]!r} "
                    f"({vocab.display.get(claim[1].code, claim[1].code)}) but the "
                    f"manufacturer's address is in {vocab.display.get(country, country)}",
                    "fill in the country of origin, and make the text say where the product "
                    "is made",
                )
            )
        return out


RULES: list[type[Rule]] = [OriginConflict, OriginAddressConflict]
