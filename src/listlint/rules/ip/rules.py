"""Rule family ``ip``: lookalike brands (TM101), counterfeit wording (TM102) and mixed
scripts (TM104); TM103 and TM105 are in :mod:`listlint.rules.ip.brand_rules`. Every rule
reads the family's per-batch brand analysis (:mod:`listlint.rules.ip.family`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from listlint.report import Severity
from listlint.rules.base import Hit, Rule
from listlint.rules.ip.brand_rules import UnauthorizedBrand, UnverifiedBrandClaim
from listlint.rules.ip.family import (
    BRAND_PRONE,
    COUNTERFEIT_POLICY,
    IpAnalysis,
    TrademarkRule,
    cell,
    folded_cell,
    price_evidence,
    seller_text,
)

if TYPE_CHECKING:
    from listlint.batch import Batch


class BrandLookalike(TrademarkRule):
    """A brand name spelled to dodge brand filters: "Nlke", "Guccl", "R0LEX", "Louls
    Vuitton", Cyrillic "Сhanel", "N i k e", mirrored "Abibas", "Nik耐e", a known lookalike
    name ("Adadis"), or a famous two-word name with one word swapped ("Rid Bull" energy
    drink, "Arm & Hatchet" baking soda) — in the title or as the brand column itself.

    Why:
        Disguised spellings exist to sell counterfeits past marketplace filters. Google
        Merchant Center, TikTok Shop, Amazon and eBay treat them as counterfeit listings
        (account suspension). https://support.google.com/merchants/answer/6149993

    Fails:
        title: "Nlke Air Max 90 running shoes"   (l for i)
        title: "Сhanel classic flap bag"         (Cyrillic С: mixed scripts)
        title: "G-u-c-c-i belt"                  (spaced-out letters)
        title: "Rid Bull energy drink 250ml"     (word swap in the brand's category)
        title: "Tracksuit", brand: "Adadis"      (lookalike as the brand name)

    Passes:
        title: "Nice t-shirt with print"
        title: "Case compatible with iPhone 15"  (nominative use, not a lookalike)
        title: "Nike Air Max 90", brand: "Nike"
        title: "Red ball dog toy"                (a colour word never anchors a swap)

    Options:
        ``brands``: your own protected brand names (``[tool.listlint.rules.TM101]
        brands = [...]`` or a pack's ``ip.brands``); they serve every ip rule. Config
        ``authorized-brands`` removes brands you may sell from every ip rule.
        Under a nominative phrase ("for", "compatible with") the finding is info.
    """

    code = "TM101"
    name = "brand-lookalike"
    severity = Severity.ERROR
    summary = "Brand name disguised by misspelling, lookalike characters or spacing"
    fields = ("title", "brand")
    policy_url = COUNTERFEIT_POLICY

    def check(self, batch: Batch, analysis: IpAnalysis) -> Iterator[Hit]:
        for i, ev in analysis.rows.items():
            seen = set()
            for m in ev.mentions:
                if not m.disguise or m.name.brand.name in seen:
                    continue
                seen.add(m.name.brand.name)
                risk = "high" if ev.signals else "medium" if m.nominative else "high"
                evidence = [m.disguise]
                brand_col = cell(batch, "brand", i)
                if brand_col and m.field != "brand":
                    evidence.append(f'brand column: "{brand_col}"')
                cheap = price_evidence(self, batch, i, m.name.brand)
                if cheap:
                    evidence.append(cheap)
                yield Hit(
                    f'"{seller_text(batch, m.field, i, m.text)}" imitates the brand {m.name.brand.name} '
                    f"(evidence: {'; '.join(evidence)}). Risk: {risk}.",
                    index=i,
                    field=m.field,
                    match=seller_text(batch, m.field, i, m.text),
                    suggestion=f"Spell a brand only if you sell genuine {m.name.brand.name} goods; "
                    "otherwise remove the brand reference.",
                    severity=Severity.INFO if m.nominative and not ev.signals else None,
                    marketplaces=self.marketplaces(),
                    policy=self.policy_link(),
                )


class CounterfeitSignal(TrademarkRule):
    """Wording that announces a copy: "1:1 replica", "AAA quality", "mirror quality",
    "copy 1", "كوبي 1", "高仿", "dupe", or "inspired by"/"style"/"homage" next to a brand,
    "Brand Top <brand>"; "genuine"/"authentic" right before a brand the brand column does
    not name is over-assurance (a warning).

    Why:
        Counterfeits are prohibited on every marketplace; replica and dupe wording is how
        sellers advertise them, and eBay/TikTok Shop also forbid "dupe"/"inspired by"
        comparisons with a brand. https://support.google.com/merchants/answer/6149993

    Fails:
        title: "Rolex Submariner Green COPY 1 automatic"
        title: "Chanel inspired quilted bag"
        title: "ساعة رولكس يخت ماستر اسود - كوبي 1"

    Passes:
        title: "AAA batteries 24 pack"
        title: "Counterfeit money detector pen"
        title: "Official replica jersey 2024"

    Options:
        Strength of each phrase comes from ``wordlists/brands/counterfeit_signals.tsv``.
    """

    code = "TM102"
    name = "counterfeit-signal"
    severity = Severity.ERROR
    summary = "Replica, copy or dupe wording (with or near a brand)"
    fields = ("title", "description")
    policy_url = COUNTERFEIT_POLICY

    def check(self, batch: Batch, analysis: IpAnalysis) -> Iterator[Hit]:
        index = self.index
        for i, ev in analysis.rows.items():
            if not ev.signals:
                continue
            brands = [m for m in ev.mentions if self.brand_ok(m, batch, i, True)]
            strong = [s for s in ev.signals if s[0].strength == "strong"]
            medium = [s for s in ev.signals if s[0].strength == "medium"]
            weak = [s for s in ev.signals if s[0].strength == "weak"]
            assurance = [s for s in ev.signals if s[0].strength == "assurance"]
            severity = None
            if strong:
                chosen = strong[0]
            elif medium and (brands or self.listing_groups(batch, i) & BRAND_PRONE):
                chosen = medium[0]
            elif weak and brands:
                chosen = weak[0]
            elif assurance and brands:
                # "100% authentic", "البوكس الأصلي": evidence, not an announced copy
                chosen = assurance[0]
                own = index.matches_brand(brands[0].name.brand, cell(batch, "brand", i))
                severity = Severity.INFO if own else Severity.WARNING
            elif assurance:  # over-assurance alone is supporting evidence only
                chosen, severity = assurance[0], Severity.INFO
            else:
                continue
            sig, field, s, e = chosen
            # the brand the wording is about: the nearest one in the same field
            brands.sort(key=lambda m: (m.field != field, min(abs(m.start - e), abs(s - m.end))))
            folded = folded_cell(batch, field, i) or ""
            quote = seller_text(batch, field, i, folded[s:e])
            named = f"the brand {brands[0].name.brand.name}" if brands else "a brand"
            if sig.strength == "assurance":
                what, evidence = "over-assures authenticity", ["authenticity assurance"]
                risk = "low" if severity == Severity.INFO else "medium"
            else:
                what, evidence = "advertises a copy", ["replica wording"]
                risk = "high" if brands or sig.strength == "strong" else "medium"
            column = cell(batch, "brand", i)
            if brands and column and not index.matches_brand(brands[0].name.brand, column):
                evidence.append(f'brand column "{column}"')
            cheap = brands and price_evidence(self, batch, i, brands[0].name.brand)
            if cheap:
                evidence.append(cheap)
                risk = "high"
            evidence_text = "; ".join(evidence)
            yield Hit(
                f'"{quote}" {what} of {named} (evidence: {evidence_text}). Risk: {risk}.',
                index=i,
                field=field,
                match=quote,
                suggestion="Sell only genuine branded goods and remove replica/dupe wording; "
                "describe unbranded items without naming a brand.",
                severity=severity,
                marketplaces=self.marketplaces(),
                policy=self.policy_link(),
            )


class MixedScript(TrademarkRule):
    """A word mixing Latin letters with Cyrillic/Greek lookalikes ("Аpple" with a Cyrillic А).

    Why:
        Mixed-script words only exist to slip names past search and brand filters; they
        also break marketplace search. https://www.unicode.org/reports/tr39/

    Fails:
        title: "Рremium lеather wallet"   (Cyrillic Р and е)

    Passes:
        title: "Premium leather wallet"
        title: "跨境热卖 running shoes"   (Latin next to Chinese is ordinary)
    """

    code = "TM104"
    name = "mixed-script"
    severity = Severity.WARNING
    summary = "Word mixes Latin with Cyrillic/Greek lookalike letters"

    def check(self, batch: Batch, analysis: IpAnalysis) -> Iterator[Hit]:
        for i, ev in analysis.rows.items():
            for tok in dict.fromkeys(ev.mixed_script):
                quote = seller_text(batch, "title", i, tok)
                yield Hit(
                    f'"{quote}" mixes Latin letters with Cyrillic/Greek lookalikes (evidence: mixed scripts). '
                    "Risk: medium.",
                    index=i,
                    field="title",
                    match=quote,
                    suggestion="Retype the word with plain Latin letters.",
                    marketplaces=self.marketplaces(),
                    policy=self.policy_link(),
                )


RULES: list[type[Rule]] = [
    BrandLookalike,
    CounterfeitSignal,
    UnauthorizedBrand,
    MixedScript,
    UnverifiedBrandClaim,
]
