"""Rule family ``ip``: lookalike brands (TM101), counterfeit wording (TM102) and mixed
scripts (TM104); TM103 and TM105 are in :mod:`listlint.rules.ip.brand_rules`, TM106 in
:mod:`listlint.rules.ip.character_rules`. Every rule reads the family's per-batch brand
analysis (:mod:`listlint.rules.ip.family`) and weighs a listing's evidence into one risk
(:mod:`listlint.rules.ip.assess`, :mod:`listlint.rules.ip.risk`): the finding lists the
evidence, the field and role of each piece, and why that severity.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from listlint.report import Severity
from listlint.rules.base import Hit, Rule
from listlint.rules.ip import risk as w
from listlint.rules.ip.assess import context_evidence, severity_of
from listlint.rules.ip.brand_rules import UnauthorizedBrand, UnverifiedBrandClaim
from listlint.rules.ip.character_rules import UnlicensedCharacter
from listlint.rules.ip.family import (
    COUNTERFEIT_POLICY,
    IpAnalysis,
    TrademarkRule,
    folded_cell,
    seller_text,
)
from listlint.rules.ip.listing import BRAND_PRONE_TYPES

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.rules.ip.analysis import Mention, RowEvidence
    from listlint.rules.ip.signals import Signal

#: disguises that are deliberate whatever the brand column says (a typo is not)
_DELIBERATE = ("digits", "symbols", "mixed", "lookalike letters", "spaced", "split", "mirrored",
               "other-script", "known lookalike", "swapped", "letters glued")  # fmt: skip
#: copy wording weights by strength; a seller's tags weigh half (issue 16: a tag list
#: alone is weak evidence, never an error by itself)
_WORDING = {"strong": w.W_STRONG_WORDING, "medium": w.W_MEDIUM_WORDING,
            "brand": w.W_MEDIUM_WORDING, "weak": w.W_MEDIUM_WORDING, "grade": w.W_GRADE}  # fmt: skip


def _deliberate(disguise: str) -> bool:
    return any(k in disguise for k in _DELIBERATE)


class BrandLookalike(TrademarkRule):
    """A brand name spelled to dodge brand filters or named in code: "Nlke", "Guccl",
    "R0LEX", "Philps", "Lenuvo", "iBOSEX", Cyrillic "Сhanel", "N i k e", mirrored
    "Abibas", "Nik耐e", a known lookalike name ("Adadis"), a famous two-word name with one
    word swapped ("Rid Bull"), or the brand named only by its model or a reseller
    nickname ("Yacht-Master 40", "绿水鬼") — in the title or as the brand column itself.

    Why:
        Disguised spellings and coded references exist to sell counterfeits past
        marketplace filters. Google Merchant Center, TikTok Shop, Amazon and eBay treat
        them as counterfeit listings (account suspension).
        https://support.google.com/merchants/answer/6149993

    Fails:
        title: "Nlke Air Max 90 running shoes"   (l for i)
        title: "Philps ionic hair dryer"         (a made-up spelling)
        title: "iBOSEX wireless earbuds"         (letters glued to the brand)
        title: "Сhanel classic flap bag"         (Cyrillic С: mixed scripts)
        title: "Rid Bull energy drink 250ml"     (word swap in the brand's category)
        title: "绿水鬼 116610LV", price: "880 CNY" (a model nickname at a clone price)
        title: "Tracksuit", brand: "Adadis"      (lookalike as the brand name)

    Passes:
        title: "Nice t-shirt with print"
        title: "Panna velour leggings"           (a real word, one letter from Puma)
        title: "Case compatible with iPhone 15"  (nominative use, not a lookalike)
        title: "Bioré UV aqua rich", brand: "Biore"   (the seller's own brand)
        title: "Red ball dog toy"                (a colour word never anchors a swap)

    Options:
        ``brands``: your own protected brand names (``[tool.listlint.rules.TM101]
        brands = [...]`` or a pack's ``ip.brands``); they serve every ip rule. Config
        ``authorized-brands`` removes brands you may sell from every ip rule.
        Severity comes from the listing's evidence (see the finding): a deliberate
        disguise is an error; a plain misspelling of the brand the brand column claims is
        a typo (info); a model named without its brand is a warning, an error with a
        clone price; under a nominative phrase ("for", "compatible with") info.
    """

    code = "TM101"
    name = "brand-lookalike"
    severity = Severity.ERROR
    summary = "Brand name disguised by misspelling, lookalike characters, spacing or a code"
    fields = ("title", "brand")
    policy_url = COUNTERFEIT_POLICY

    def check(self, batch: Batch, analysis: IpAnalysis) -> Iterator[Hit]:
        self.start(analysis)
        has_column = analysis.column.filled
        for i, ev in analysis.rows.items():
            if ev.signals and usable_signals(self, batch, i, ev)[1]:
                continue  # TM102 reports the listing with its wording
            seen: set[str] = set()
            for m in ev.mentions:
                if m.name.brand.name in seen or not (m.disguise or m.coded):
                    continue
                if m.coded and not self.brand_ok(m, ev, batch, i, False):
                    continue
                seen.add(m.name.brand.name)
                hit = self._hit(batch, i, ev, m, has_column)
                if hit is not None:
                    yield hit

    def _hit(
        self, batch: Batch, i: int, ev: RowEvidence, m: Mention, has_column: bool
    ) -> Hit | None:
        quote = seller_text(batch, m.field, i, m.text)
        brand = m.name.brand
        sold_by = self.seller_of(ev, brand, batch, i)
        risk = w.Risk()
        slip = False
        if m.disguise:
            own = sold_by.status in ("claims", "family") and m.field != "brand"
            # the same listing spells the brand right elsewhere ("Sennheisser ... Sennheiser
            # HD 600"): a typo. Only this listing's own text counts: other listings of the
            # file may sit in another batch or partition, and findings must not depend on
            # how a catalogue is split
            typo = not _deliberate(m.disguise) and _spelled_right(ev, brand.name)
            if (own or typo) and not _deliberate(m.disguise):
                # "Maybeline" under brand Maybelline, or a catalogue that spells the brand
                # right on other listings: a typo, not a disguise
                why = "the seller's own brand" if own else "spelled right elsewhere in the listing"
                risk.add(
                    f'"{quote}" misspells {brand.name} ({m.disguise}; {why})',
                    m.field,
                    "brand name",
                    0.5,
                )
                slip = True
            else:
                weight = w.W_DISGUISE if _deliberate(m.disguise) else w.W_MADE_UP
                if "real word" in m.disguise:
                    weight = w.W_ATTESTED + 1.0  # only kept with strong support
                risk.add(
                    f'"{quote}" imitates {brand.name} ({m.disguise})', m.field, "brand name", weight
                )
        else:
            if sold_by.rights_holder or (ev.facts and (ev.facts.used or ev.facts.licence)):
                return None
            risk.add(
                f'"{quote}" names {brand.name} by its {_code_kind(m)} without the brand',
                m.field,
                "coded reference",
                w.W_CODED,
            )
        context_evidence(self.family, batch, i, ev, m, sold_by, risk)
        level = severity_of(risk)
        if (m.nominative and not m.coded) or slip:
            level = "info"  # what the item fits, or a typo: worth a note, not a finding
        if m.coded and level == "info":
            return None
        return self.hit(
            f'"{quote}" imitates the brand {brand.name}: {risk.explain()}',
            index=i,
            field=m.field,
            match=quote,
            suggestion=f"Name {brand.name} only if you sell genuine {brand.name} goods, spelled "
            "as the brand spells it; otherwise remove every reference to it.",
            severity=Severity(level),
        )


def _code_kind(m: Mention) -> str:
    return {"model_name": "model name", "abbreviation": "initials", "slang_zh": "nickname"}.get(
        m.name.kind, "alias"
    )


class CounterfeitSignal(TrademarkRule):
    """Wording that announces a copy: "1:1 replica", "super clone", "mirror quality",
    "first copy", "copy 1", "كوبي 1", "高仿", "莆田纯原", "KW super", "réplica primeira
    linha", "like auth", "dupe", a replica grade ("7A", "AAA") on a bag or a watch, trade
    words with a brand ("top grade", "original order", "player version", "same style
    as"), "inspired by"/"style"/"homage" next to a brand, "Brand Top <brand>";
    "genuine"/"authentic" right before a brand the brand column does not name is
    over-assurance (a warning).

    Why:
        Counterfeits are prohibited on every marketplace; replica and dupe wording is how
        sellers advertise them, and eBay/TikTok Shop also forbid "dupe"/"inspired by"
        comparisons with a brand. https://support.google.com/merchants/answer/6149993

    Fails:
        title: "Rolex Submariner Green COPY 1 automatic"
        title: "Submariner Date 41mm super clone"
        title: "Tas LV speedy KW super premium"
        title: "Chanel inspired quilted bag"
        title: "ساعة رولكس يخت ماستر اسود - كوبي 1"

    Passes:
        title: "AAA batteries 24 pack"           (a battery size, not a grade)
        title: "USB-C cable 5A 100W"             (a current)
        title: "Counterfeit money detector pen"
        title: "Official replica jersey 2024"
        title: "Maison Margiela Replica Jazz Club"   (a model name)
        description: "Inspired by nature"        (no brand after it)

    Options:
        Strength of each phrase comes from ``wordlists/brands/counterfeit_signals.tsv``
        (each with its source); grade exclusions from ``grade_exclusions.txt``. Wording in
        the tags column weighs half.
    """

    code = "TM102"
    name = "counterfeit-signal"
    severity = Severity.ERROR
    summary = "Replica, copy or dupe wording (with or near a brand)"
    fields = ("title", "description", "tags")
    policy_url = COUNTERFEIT_POLICY

    def check(self, batch: Batch, analysis: IpAnalysis) -> Iterator[Hit]:
        self.start(analysis)
        has_column = analysis.column.filled
        for i, ev in analysis.rows.items():
            if ev.signals:
                hit = self._hit(batch, i, ev, has_column)
                if hit is not None:
                    yield hit

    def _hit(self, batch: Batch, i: int, ev: RowEvidence, has_column: bool) -> Hit | None:
        brands, usable = usable_signals(self, batch, i, ev)
        assurance = [s for s in ev.signals if s[0].strength == "assurance"]
        if not usable and not assurance:
            return None
        chosen = (
            max(usable, key=lambda s: (_WORDING.get(s[0].strength, 0), s[1] != "tags"))
            if usable
            else assurance[0]
        )
        sig, field_, a, b = chosen
        folded = folded_cell(batch, field_, i) or ""
        quote = seller_text(batch, field_, i, folded[a:b])
        brands.sort(key=lambda m: (m.field != field_, min(abs(m.start - b), abs(a - m.end))))
        target = brands[0] if brands else None
        risk = w.Risk()
        if usable:
            weight = _WORDING[sig.strength] * (0.5 if field_ == "tags" else 1.0)
            if sig.strength == "grade" and target is None:
                weight = w.W_GRADE
            elif sig.strength in ("medium", "grade") and target is None:
                weight = w.W_MEDIUM_WORDING - 0.5  # a brand-prone product, no brand named
            risk.add(f'"{quote}" announces a copy', field_, "copy wording", weight)
        else:
            risk.add(f'"{quote}" over-assures authenticity', field_, "assurance", w.W_ATTESTED)
        if target is not None:
            sold_by = self.seller_of(ev, target.name.brand, batch, i)
            if target.coded:
                risk.add(
                    f"{target.name.brand.name} named by its {_code_kind(target)}",
                    target.field,
                    "coded reference",
                    w.W_CODED,
                )
            if (
                usable
                or sold_by.status in ("other", "blank")
                or self._clone_priced(batch, i, ev, target)
            ):
                # without a brand column, a clone price is what makes an assurance suspect
                context_evidence(self.family, batch, i, ev, target, sold_by, risk)
            if not usable and sold_by.status in ("other", "blank"):
                risk.add("the brand column does not name the brand assured", "brand", "seller", 1.0)
        level = severity_of(risk)
        if not usable and level == "error":
            level = "warning"  # assurance is supporting evidence, never proof
        named = f"the brand {target.name.brand.name}" if target else "a brand"
        what = "over-assures authenticity of" if not usable else "advertises a copy of"
        return self.hit(
            f'"{quote}" {what} {named}: {risk.explain()}',
            index=i,
            field=field_,
            match=quote,
            suggestion="Sell only genuine branded goods and remove replica/dupe wording; "
            "describe unbranded items without naming a brand.",
            severity=Severity(level),
        )

    def _clone_priced(self, batch: Batch, i: int, ev: RowEvidence, m: Mention) -> bool:
        ptype = ev.facts.ptype if ev.facts else None
        if ev.facts and ev.facts.used:
            return False  # second-hand prices are not list prices
        return self.family.clone_price(batch, i, m.name.brand, ptype, None) is not None


def usable_signals(
    rule: TrademarkRule, batch: Batch, i: int, ev: RowEvidence
) -> tuple[list[Mention], list[tuple[Signal, str, int, int]]]:
    """(brand mentions, the copy wording that counts): strong wording always; medium
    wording and grades with a brand or on a brand-prone product; trade words ("top
    grade") and adjacent comparisons ("Rolex style") with a brand."""
    # a brand named as what the item fits ("for Samsung S2 ... premium quality") is no
    # brand the wording can be about
    # the brand a wording is about must stand on its own: a context-only name ("Light
    # Blue", "Tank") never borrows its support from the very wording it would support,
    # except for wording that needs no brand at all (strong)
    alone = [m for m in ev.mentions if not m.nominative and rule.brand_ok(m, ev, batch, i, False)]
    brands = alone or [
        m for m in ev.mentions if not m.nominative and rule.brand_ok(m, ev, batch, i, True)
    ]
    facts = ev.facts
    prone = bool(facts and facts.ptype in BRAND_PRONE_TYPES) or bool(
        rule.listing_groups(batch, i)
        & {"fashion", "bags", "watches", "jewelry", "beauty", "eyewear"}
    )
    # trade words ("top quality", "siêu cấp") are ordinary praise where the seller is
    # the brand's own and the price is no clone price
    owned = bool(alone) and all(
        rule.seller_of(ev, m.name.brand, batch, i).rights_holder
        and not rule.family.clone_price(
            batch, i, m.name.brand, facts.ptype if facts else None, None
        )
        for m in alone
    )
    usable = []
    for sig, field_, a, b in ev.signals:
        st = sig.strength
        if st != "strong" and _line_name(rule, batch, i, ev, brands, field_, a, b):
            continue
        next_to = any(
            m.field == field_ and (0 <= a - m.end <= 2 or 0 <= m.start - b <= 2) for m in brands
        )
        if st == "strong" or (
            st in ("medium", "grade") and (alone or next_to or (prone and _luxury(batch, i)))
        ):
            usable.append((sig, field_, a, b))
        elif st == "weak" and brands:
            usable.append((sig, field_, a, b))
        elif st == "brand" and alone and not owned:
            usable.append((sig, field_, a, b))
    return brands, usable


#: words that say the copied goods are someone's brand ("designer inspired", "大牌"): what
#: replica wording or a grade needs on a brand-prone product that names no brand
_LUXURY_CUES = re.compile(
    r"\b(?:designer|luxury|luxe|brand|branded|famous|high[- ]end|marca|grife|griffe|merek|"
    r"hiệu|ماركة|براند)\b|大牌|名牌|奢侈"
)


def _luxury(batch: Batch, i: int) -> bool:
    text = " ".join(
        t for t in (batch.folded("title")[i], folded_cell(batch, "description", i)) if t
    )
    return bool(_LUXURY_CUES.search(text))


def _line_name(
    rule: TrademarkRule,
    batch: Batch,
    i: int,
    ev: RowEvidence,
    brands: list[Mention],
    field_: str,
    a: int,
    b: int,
) -> bool:
    """A copy word right next to a brand the seller has rights in is a product-line name
    of licensed goods ("Puma Ferrari Replica backpack", "Hasbro Star Wars Clone Wars",
    an official "replica jersey"), not copy wording."""
    near = [
        m for m in brands if m.field == field_ and (0 <= a - m.end <= 2 or 0 <= m.start - b <= 2)
    ]
    return any(rule.seller_of(ev, m.name.brand, batch, i).rights_holder for m in near)


class MixedScript(TrademarkRule):
    """A word mixing Latin letters with Cyrillic/Greek lookalikes ("Аpple" with a
    Cyrillic А) in a listing that names a brand or announces a copy.

    Why:
        Mixed-script words only exist to slip names past search and brand filters; they
        also break marketplace search. https://www.unicode.org/reports/tr39/

    Fails:
        title: "Рremium lеather Gucci wallet"   (Cyrillic Р and е, with a brand)

    Passes:
        title: "Premium leather wallet"
        title: "Membrane 115 µm"                 (the micro sign of a unit)
        title: "跨境热卖 running shoes"           (Latin next to Chinese is ordinary)

    Options:
        A stray letter of another script in a listing with no brand evidence is a typing
        slip of a bilingual keyboard (a Serbian wine name): info.
    """

    code = "TM104"
    name = "mixed-script"
    severity = Severity.WARNING
    summary = "Word mixes Latin with Cyrillic/Greek lookalike letters"

    def check(self, batch: Batch, analysis: IpAnalysis) -> Iterator[Hit]:
        self.start(analysis)
        for i, ev in analysis.rows.items():
            if not ev.mixed_script:
                continue
            branded = bool(ev.mentions or ev.signals)
            for tok in dict.fromkeys(ev.mixed_script):
                quote = seller_text(batch, "title", i, tok)
                why = (
                    "the listing names a brand or announces a copy: warning"
                    if branded
                    else "no brand or copy wording in the listing: a typing slip is likely, info"
                )
                yield self.hit(
                    f'"{quote}" mixes Latin letters with Cyrillic/Greek lookalikes '
                    f"(evidence: mixed scripts [title, word]). Severity {why}.",
                    index=i,
                    field="title",
                    match=quote,
                    suggestion="Retype the word with plain Latin letters.",
                    severity=None if branded else Severity.INFO,
                )


RULES: list[type[Rule]] = [
    BrandLookalike,
    CounterfeitSignal,
    UnauthorizedBrand,
    MixedScript,
    UnverifiedBrandClaim,
    UnlicensedCharacter,
]


def _spelled_right(ev: RowEvidence, brand: str) -> bool:
    """Does this listing also name ``brand`` spelled right (not disguised, by its name)?"""
    return any(
        m.name.brand.name == brand and not m.disguise and m.name.kind == "name" for m in ev.mentions
    )
