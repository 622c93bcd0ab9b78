"""Rule family: trademarks (group ``ip``) — lookalike brands, counterfeit wording, brand misuse.

All four rules read one shared analysis per batch (``batch.cached("trademarks", ...)``,
see :mod:`listlint.brands.analysis`); the brand index is built once per rule instance.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from listlint.report import Severity
from listlint.rules.base import Hit, Rule

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.brands.analysis import Mention, RowEvidence
    from listlint.brands.index import BrandIndex

COUNTERFEIT_POLICY = "https://support.google.com/merchants/answer/6149993"
BRAND_MISUSE_POLICY = "https://www.ebay.com/help/policies/listing-policies/search-manipulation-policy/brand-name-misuse-policy?id=5051"
#: category groups where replica wording alone is a counterfeit signal
BRAND_PRONE = {"fashion", "bags", "watches", "jewelry", "beauty", "eyewear"}
#: brand index + signal matcher per (extra brands, authorised brands): built once per run
_SHARED: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[BrandIndex, object]] = {}


class _TrademarkRule(Rule):
    group: ClassVar[str] = "ip"
    fields: ClassVar[tuple[str, ...]] = ("title",)

    def _resources(self) -> tuple[BrandIndex, object]:
        extra = tuple(self.ctx.options.get("brands", ())) + tuple(
            b for p in self.ctx.policies for b in p.ip.brands
        )
        authorized = tuple(self.ctx.config.authorized_brands)
        key = (extra, authorized)
        if key not in _SHARED:  # one index for the four rules of a run
            from listlint.brands.index import BrandIndex
            from listlint.brands.signals import SignalMatcher

            _SHARED[key] = (BrandIndex(extra_brands=extra, authorized=authorized), SignalMatcher())
        return _SHARED[key]

    def evidence(self, batch: Batch) -> dict[int, RowEvidence]:
        from listlint.brands.analysis import analyse

        index, signals = self._resources()
        return batch.cached("trademarks", lambda b: analyse(b, index, signals))  # type: ignore[arg-type]

    def marketplaces(self) -> tuple[str, ...]:
        return tuple(p.label for p in self.ctx.policies if p.marketplace)

    def policy_link(self) -> str | None:
        """The first selected marketplace's IP policy page, else the rule's default."""
        return next(
            (p.ip.policy_url for p in self.ctx.policies if p.ip.policy_url), self.policy_url
        )

    def listing_groups(self, batch: Batch, i: int) -> set[str]:
        index, _ = self._resources()
        text = " ".join(t for t in (batch.folded("category")[i], batch.folded("title")[i]) if t)
        return index.groups_of(text)

    def brand_ok(self, m: Mention, batch: Batch, i: int, signals: bool) -> bool:
        """Is this mention a brand use at all (not an ordinary word or a vague alias)?"""
        if m.disguise:
            return True
        if m.name.context_only or (m.name.brand.common_word and m.name.kind in ("name", "variant")):
            return signals or bool(m.name.brand.groups & self.listing_groups(batch, i))
        return True


def _quote(batch: Batch, field: str, i: int, folded_match: str) -> str:
    """The seller's own spelling of a folded span when it can be found, else the span."""
    raw = batch.values(field)[i] or ""
    pos = raw.lower().find(folded_match)
    return raw[pos : pos + len(folded_match)] if pos >= 0 else folded_match


class BrandLookalike(_TrademarkRule):
    """A brand name spelled to dodge brand filters: "Nlke", "Guccl", "R0LEX", "Louls
    Vuitton", Cyrillic "Сhanel", "N i k e", or a known lookalike name ("Adadis").

    Why:
        Disguised spellings exist to sell counterfeits past marketplace filters. Google
        Merchant Center, TikTok Shop, Amazon and eBay treat them as counterfeit listings
        (account suspension). https://support.google.com/merchants/answer/6149993

    Fails:
        title: "Nlke Air Max 90 running shoes"   (l for i)
        title: "Сhanel classic flap bag"         (Cyrillic С: mixed scripts)
        title: "G-u-c-c-i belt"                  (spaced-out letters)

    Passes:
        title: "Nice t-shirt with print"
        title: "Case compatible with iPhone 15"  (nominative use, not a lookalike)
        title: "Nike Air Max 90", brand: "Nike"

    Options:
        ``brands``: extra protected brand names (config ``[tool.listlint.rules.TM101]``);
        config ``authorized-brands`` removes brands you may sell from every ip rule.
        Under a nominative phrase ("for", "compatible with") the finding is info.
    """

    code = "TM101"
    name = "brand-lookalike"
    severity = Severity.ERROR
    summary = "Brand name disguised by misspelling, lookalike characters or spacing"
    policy_url = COUNTERFEIT_POLICY

    def check(self, batch: Batch) -> Iterator[Hit]:
        brands = batch.values("brand")
        for i, ev in self.evidence(batch).items():
            seen = set()
            for m in ev.mentions:
                if not m.disguise or m.name.brand.name in seen:
                    continue
                seen.add(m.name.brand.name)
                risk = "high" if ev.signals else "medium" if m.nominative else "high"
                col = f'; brand column: "{brands[i]}"' if brands[i] else ""
                yield Hit(
                    f'"{_quote(batch, m.field, i, m.text)}" imitates the brand {m.name.brand.name} '
                    f"(evidence: {m.disguise}{col}). Risk: {risk}.",
                    index=i,
                    field=m.field,
                    match=_quote(batch, m.field, i, m.text),
                    suggestion=f"Spell a brand only if you sell genuine {m.name.brand.name} goods; "
                    "otherwise remove the brand reference.",
                    severity=Severity.INFO if m.nominative and not ev.signals else None,
                    marketplaces=self.marketplaces(),
                    policy=self.policy_link(),
                )


class CounterfeitSignal(_TrademarkRule):
    """Wording that announces a copy: "1:1 replica", "AAA quality", "mirror quality",
    "copy 1", "كوبي 1", "高仿", "dupe", or "inspired by"/"style"/"homage" next to a brand.

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

    def check(self, batch: Batch) -> Iterator[Hit]:
        index, _ = self._resources()
        for i, ev in self.evidence(batch).items():
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
                chosen = assurance[0]
                if index.matches_brand(brands[0].name.brand, batch.values("brand")[i]):
                    severity = Severity.INFO  # the seller names the brand as theirs
            elif assurance:  # over-assurance alone is supporting evidence only
                chosen, severity = assurance[0], Severity.INFO
            else:
                continue
            sig, field, s, e = chosen
            folded = batch.folded(field)[i] or ""
            quote = _quote(batch, field, i, folded[s:e])
            named = f"the brand {brands[0].name.brand.name}" if brands else "a brand"
            risk = "low" if severity else "high" if brands or sig.strength == "strong" else "medium"
            what = (
                "over-assures authenticity" if sig.strength == "assurance" else "advertises a copy"
            )
            evidence = (
                "authenticity assurance" if sig.strength == "assurance" else "replica wording"
            )
            yield Hit(
                f'"{quote}" {what} of {named} (evidence: {evidence}). Risk: {risk}.',
                index=i,
                field=field,
                match=quote,
                suggestion="Sell only genuine branded goods and remove replica/dupe wording; "
                "describe unbranded items without naming a brand.",
                severity=severity,
                marketplaces=self.marketplaces(),
                policy=self.policy_link(),
            )


class UnauthorizedBrand(_TrademarkRule):
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

    def check(self, batch: Batch) -> Iterator[Hit]:
        from listlint.brands.index import price_far_below

        index, _ = self._resources()
        has_brand = batch.has("brand")
        brands = batch.values("brand")
        amounts, currencies, prices = (
            batch.values("price_amount"),
            batch.values("price_currency"),
            batch.values("price"),
        )
        for i, ev in self.evidence(batch).items():
            if ev.signals or any(m.disguise for m in ev.mentions):
                continue  # TM101/TM102 report it with stronger evidence
            for m in ev.mentions:
                if m.field != "title" or m.disguise or m.nominative:
                    continue
                if not self.brand_ok(m, batch, i, False) or index.matches_brand(
                    m.name.brand, brands[i]
                ):
                    continue
                cheap = price_far_below(m.name.brand, amounts[i], currencies[i])
                if not has_brand and not cheap:
                    continue
                evidence = []
                if has_brand:
                    col = f'"{brands[i]}"' if brands[i] else "empty"
                    evidence.append("brand-column mismatch")
                    what = f"but the brand column is {col}"
                else:
                    what = "and the file has no brand column"
                if cheap:
                    evidence.append(f"price {prices[i]} far below genuine {m.name.brand.name}")
                risk = "high" if cheap and has_brand else "medium"
                quote = _quote(batch, "title", i, m.text)
                yield Hit(
                    f'The title names {m.name.brand.name} ("{quote}") {what} '
                    f"(evidence: {'; '.join(evidence)}). Risk: {risk}.",
                    index=i,
                    field="title",
                    match=quote,
                    suggestion=f"If these are genuine {m.name.brand.name} goods, set the brand column to "
                    f"{m.name.brand.name} and keep proof of authorisation; if the item only fits a "
                    f'{m.name.brand.name} product, say "compatible with" or "for".',
                    marketplaces=self.marketplaces(),
                    policy=self.policy_link(),
                )
                break


class MixedScript(_TrademarkRule):
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

    def check(self, batch: Batch) -> Iterator[Hit]:
        for i, ev in self.evidence(batch).items():
            for tok in dict.fromkeys(ev.mixed_script):
                quote = _quote(batch, "title", i, tok)
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


RULES: list[type[Rule]] = [BrandLookalike, CounterfeitSignal, UnauthorizedBrand, MixedScript]
