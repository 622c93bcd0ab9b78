"""The advertising rules (AD101-AD103): absolute claims, fake urgency and scarcity,
comparisons with competitors."""

from __future__ import annotations

from listlint.report import Severity
from listlint.rules.advertising.detect import Claim
from listlint.rules.advertising.family import AdvertisingRule
from listlint.rules.base import Rule

_KINDS = {
    "best": "a superlative claim",
    "number-one": "a number-one claim",
    "only": "a uniqueness claim",
    "first": "a first-ever claim",
    "absolute": "an absolute claim",
}


class AbsoluteClaim(AdvertisingRule):
    """A listing claims to be the best, number one, the only or the first of its kind
    ("the best serum", "No.1 Brand in Singapore", "#1 rated", "world's first", "the only
    moisturizer you'll ever need", "unbeatable quality", "terbaik", "số 1 Hàn Quốc").

    Why:
        TikTok Shop rejects exaggerated descriptions and absolute claims unless accurate
        and verifiable ("No.1 product", "the best...", "the first...", "the only...");
        Tokopedia adds "cheapest in...". Amazon and Google read such text as promotion.
        Not claims: "best before", "for best results", brands ("Best Buy", "First
        Alert", the listing's own), numbers that designate ("Candle Number 1", "Brush No.
        1", the size column's "No. 1", "#1 in a set of 3", a numbered list), gift slogans
        ("World's Best Dad mug"). Decisions (issue 23): "the only thing you need" is a
        claim; "guaranteed fit" is a returns promise, not a claim. Left to other rules:
        SP305's phrases in titles ("best seller", "#1 seller", "best price") and HC105's
        efficacy claims ("guaranteed results", "100% effective").
        https://seller-us.tiktok.com/university/essay?knowledge_id=7073362639816491

    Fails:
        --policy tiktok-shop-us (error): description "The best serum for glowing skin."
        title: "No.1 Product Face Serum 30 ml", description: "#1 rated dog shampoo."

    Passes:
        "Best before: see lid", "Best Buy Gift Card $50" (brand "Best Buy")
        "Round Paint Brush No. 1", "Nesting Doll #1 in a set of 3", "World's Best Dad Mug"
        title "Best Seller Yoga Mat" (SP305's), "Guaranteed results in 7 days" (HC105's)

    Options:
        Severity per marketplace: the packs' ``rules:`` (TikTok Shop: error, Amazon and
        Google: warning, baseline: info); several packs give the strictest.
    """

    code = "AD101"
    name = "absolute-claim"
    severity = Severity.INFO
    summary = "Absolute or superlative claim (the best, No. 1, the only, world's first)"
    kind = "absolute"

    def message(self, claim: Claim, quote: str, where: str) -> str:
        return f"the {where} makes {_KINDS.get(claim.detail, 'an absolute claim')}: {quote!r}"

    def suggestion(self, claim: Claim) -> str:
        return "describe what the product does or is made of instead; keep a ranking only with its source"


class FakeUrgency(AdvertisingRule):
    """A catalogue field presses buyers with time or stock ("today only", "limited time",
    "hurry!", "only 2 left", "while stocks last", "stok terbatas", "仅剩3件").

    Why:
        A listing's text is shown for weeks or months: "only 2 left" or "ends tonight"
        in it is untrue most of that time. Amazon forbids availability and time-sensitive
        information in titles, descriptions and bullet points; TikTok Shop rejects
        misleading content and false promises. Interjections count only as their own
        clause ("Hurry, only 3 left", not "Hurry Up Hedgehog"); "limited edition" names a
        product. SP305 reports "limited time offer" in titles.
        https://sellercentral.amazon.com/gp/help/external/200390640

    Fails:
        description: "Only 2 left in stock - order soon!"
        description: "Today only: free engraving."
        --policy amazon-us (error): description "Price valid while stocks last."

    Passes:
        "Limited Edition Vinyl Figure", "Advent Countdown Calendar Wooden"
        "Left-Handed Scissors", title "Limited Time Offer Yoga Mat" (SP305's)

    Options:
        Severity per marketplace: the packs' ``rules:`` (TikTok Shop and Amazon: error).
    """

    code = "AD102"
    name = "fake-urgency"
    severity = Severity.WARNING
    summary = "Time or stock pressure in a catalogue field (today only, only 2 left)"
    kind = "urgency"

    def message(self, claim: Claim, quote: str, where: str) -> str:
        what = "stock pressure" if claim.detail == "scarcity" else "time pressure"
        return f"the {where} puts {what} on buyers: {quote!r}, which stays in the listing long after it is true"

    def suggestion(self, claim: Claim) -> str:
        return "remove it; stock and deadlines belong in the quantity and sale-date fields or a promotion"


class CompetitorComparison(AdvertisingRule):
    """A listing compares itself with a named competitor or with competitors in general
    ("better than Dyson", "cheaper than Amazon", "unlike Stanley tumblers", "superior to
    the leading brand", "lebih murah dari Shopee").

    Why:
        TikTok Shop forbids comparisons with other products or e-commerce sites and
        negative statements about other brands; Google's description must not compare
        with other products; the FTC requires comparative claims to be substantiated. A
        competitor is a protected brand (wordlists/brands/brands.tsv) other than the
        listing's own, a marketplace, or "other brands"/"the leading brand"; "better than
        ever", "stronger than steel" name none. A brand that is an everyday word counts
        only written with a capital ("Apple", not "apple juice").
        https://seller-us.tiktok.com/university/essay?knowledge_id=7073362639816491

    Fails:
        description: "Better than Dyson at half the price." (brand "Homevac")
        description: "Cheaper than Amazon!"

    Passes:
        "Better than ever, now with 2 pockets.", "Kevlar rope, stronger than steel"
        "Better than the previous Anker model." (brand "Anker": its own)
        "Compatible with Dyson V8 and V10."

    Options:
        Severity per marketplace: the packs' ``rules:`` (TikTok Shop: error).
    """

    code = "AD103"
    name = "competitor-comparison"
    severity = Severity.WARNING
    summary = "Comparison with a named competitor or another marketplace"
    kind = "comparison"

    def message(self, claim: Claim, quote: str, where: str) -> str:
        return f"the {where} compares the product with {claim.detail}: {quote!r}"

    def suggestion(self, claim: Claim) -> str:
        return "describe the product on its own terms; leave competitors out"


RULES: list[type[Rule]] = [AbsoluteClaim, FakeUrgency, CompetitorComparison]
