"""Rule family ``claims``: health claims a product may not make (HC101-HC106).

Each rule reports its kind of claim from the family's per-batch analysis
(:mod:`listlint.rules.claims.family`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from listlint.report import Severity
from listlint.rules.base import Rule
from listlint.rules.claims.family import ClaimsRule
from listlint.rules.claims.policy import claims_of

if TYPE_CHECKING:
    from listlint.policy.pack import PolicyPack
    from listlint.rules.claims.analysis import ClaimHit


class DiseaseClaim(ClaimsRule):
    """A product claims to cure, treat, mitigate or prevent a disease: "cures arthritis",
    "kills coronavirus", "reverses diabetes", "treatment for herpes", "anti-cancer",
    "for people with diabetes" (health products), "Cervical Cancer Tea".

    Why:
        Only an approved drug may claim an effect on a disease. A supplement, food,
        cosmetic or device that does is an unapproved drug (FDA 21 CFR 101.93(g)); Amazon,
        TikTok Shop and Google remove such listings. Structure/function wording is allowed:
        "supports joint comfort", "helps maintain healthy blood sugar levels already within
        the normal range". https://www.ecfr.gov/current/title-21/chapter-I/subchapter-B/part-101/subpart-F/section-101.93

    Fails:
        description: "Our turmeric formula cures arthritis in 2 weeks."
        description: "Kills coronavirus and prevents the flu."
        title: "Blood sugar capsules for people with diabetes"

    Passes:
        title: "Dog Treats Chicken Jerky"            (a treat is not a treatment)
        title: "Cancer zodiac necklace"               (subject matter, no claim)
        description: "Supports normal immune function."
        description: "This product is not intended to diagnose, treat, cure, or prevent any disease."

    Options:
        Weighs the listing's category: books, media and software are never checked;
        jewellery, apparel and home goods only for explicit verb claims; devices get a
        warning (cleared devices may make claims). Disease words inside a disclaimer, a
        negation ("does not cure") or a benign context ("hearing aids") are not claims.
    """

    code = "HC101"
    name = "disease-claim"
    severity = Severity.ERROR
    summary = "Claim to cure, treat, mitigate or prevent a disease"
    claim = "disease"
    marketplace_page = True


class DrugClaim(ClaimsRule):
    """A drug claim: a cosmetic that claims to treat a condition or change the body
    ("acne treatment", "regrows hair", "boosts collagen production", "removes wrinkles",
    "anti-cellulite"), or any product naming a drug class ("antiviral", "laxative",
    "anti-inflammatory", "natural antibiotic").

    Why:
        Intended use decides: a cosmetic may change how skin and hair look, not treat
        acne, regrow hair or reduce inflammation; a claim that it does makes it a drug
        (FDA, FD&C Act 201(g)). Drug-class words are disease claims for supplements
        (21 CFR 101.93(g)(2)(v)). https://www.fda.gov/cosmetics/cosmetics-laws-regulations/it-cosmetic-drug-or-both-or-it-soap

    Fails:
        title: "Hair growth serum regrows hair in 4 weeks", category: "Beauty > Hair Care"
        description: "Clears acne overnight.", category: "Beauty > Skin Care"
        description: "A natural anti-inflammatory.", category: "Health > Supplements"

    Passes:
        description: "Reduces the appearance of fine lines.", category: "Beauty > Skin Care"
        description: "Gentle cleanser for acne-prone skin.", category: "Beauty > Skin Care"

    Options:
        Prefix forms on cosmetic conditions ("anti-dandruff shampoo") are warnings: the
        product may be a compliant OTC drug with a Drug Facts label.
    """

    code = "HC102"
    name = "drug-claim"
    severity = Severity.ERROR
    summary = "Drug claim on a cosmetic, or a drug-class word on a non-drug"
    claim = "drug"
    marketplace_page = True


class FalseApproval(ClaimsRule):
    """An approval the product cannot have: "FDA approved" on a supplement, cosmetic or
    food; "FDA cleared" off a medical device; "FDA registered" presented as approval.

    Why:
        The FDA does not approve supplements, cosmetics or foods; the FTC treats implying
        it (or using the FDA logo) as deception, and Amazon forbids it. "FDA cleared"
        applies to 510(k) devices only; "FDA registered" means the facility is listed.
        https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance

    Fails:
        description: "FDA approved formula.", category: "Health > Supplements"
        description: "FDA cleared skin serum.", category: "Beauty > Skin Care"  (warning)

    Passes:
        description: "This product has not been approved by the FDA."
        description: "FDA cleared TENS unit.", category: "Health > Medical Devices"

    Options:
        "FDA approved" on devices and goods is a warning (usually cleared or compliant,
        rarely approved); "FDA registered" is info.
    """

    code = "HC103"
    name = "false-approval"
    severity = Severity.ERROR
    summary = "False or misleading FDA approval claim"
    claim = "approval"


class PesticidalClaim(ClaimsRule):
    """A claim to kill or repel germs, viruses or pests on a product that is not a
    registered pesticide: "kills 99.9% of germs", "antibacterial cutting board",
    "repels mosquitoes", "prevents mold".

    Why:
        Under EPA rules (FIFRA) such products are pesticides and need EPA registration;
        Amazon removes listings with unregistered pesticidal claims. Treated articles may
        only claim to protect the article itself ("odor-causing bacteria").
        https://sellercentral.amazon.com/gp/help/external/help.html?itemID=202115120

    Fails:
        description: "UV sterilizer box kills 99.9% of germs.", category: "Electronics"
        title: "Antibacterial bamboo cutting board", category: "Home > Kitchen"

    Passes:
        description: "Fights odor-causing bacteria on the fabric."
        description: "With live probiotic bacteria.", category: "Food"
    """

    code = "HC104"
    name = "pesticidal-claim"
    severity = Severity.WARNING
    summary = "Kill or repel claim against germs or pests (needs EPA registration)"
    claim = "pesticidal"

    def pack_page(self, pack: PolicyPack) -> str | None:
        return claims_of(pack).pesticide_policy_url


class UnsubstantiatedEfficacy(ClaimsRule):
    """An efficacy claim that needs proof the seller rarely has: "clinically proven",
    "doctor recommended", "miracle cure", "guaranteed results", "no side effects".

    Why:
        The FTC requires establishment claims ("clinically proven", "studies show") to be
        backed by exactly the proof claimed, generally randomised human clinical trials of
        the product, before the ad runs; absolute claims need the same. TikTok Shop flags
        "miracle" and instant-result wording.
        https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance

    Fails:
        description: "Clinically proven to boost energy."
        description: "A miracle cure with no side effects."

    Passes:
        description: "Tested by an independent lab for purity."
        description: "Not clinically proven."
    """

    code = "HC105"
    name = "unsubstantiated-efficacy"
    severity = Severity.WARNING
    summary = "Establishment or absolute efficacy claim that needs clinical proof"
    claim = "efficacy"


class WeightLossClaim(ClaimsRule):
    """A weight-loss or fat-burning claim: "lose 30 lbs in 30 days", "burns belly fat",
    "fat burner", "appetite suppressant", "slimming tea".

    Why:
        TikTok Shop prohibits weight-loss, fat-burning and body-transformation claims;
        the FTC requires clinical proof for them and the EU bans claims about the rate or
        amount of weight loss. https://seller-th.tiktok.com/university/essay?knowledge_id=1249161236530960&lang=en

    Fails:
        description: "Clinically proven to make you lose 30 lbs in 30 days."
        title: "Slimming tea fat burner"

    Passes:
        title: "Slimming fit stretch jeans"           (apparel fit, not a claim)
        title: "Weight loss journal and planner"      (subject matter)

    Options:
        Severity per marketplace: a pack's ``claims.weight_loss_severity`` (TikTok Shop
        packs: error).
    """

    code = "HC106"
    name = "weight-loss-claim"
    severity = Severity.WARNING
    summary = "Weight-loss or fat-burning claim"
    claim = "weight"

    def pack_page(self, pack: PolicyPack) -> str | None:
        return claims_of(pack).weight_loss_policy_url

    def severity_of(self, hit: ClaimHit) -> Severity | None:
        pack = next(
            (
                claims_of(p).weight_loss_severity
                for p in self.family.packs
                if claims_of(p).weight_loss_severity
            ),
            None,
        )
        return pack or super().severity_of(hit)


RULES: list[type[Rule]] = [
    DiseaseClaim,
    DrugClaim,
    FalseApproval,
    PesticidalClaim,
    UnsubstantiatedEfficacy,
    WeightLossClaim,
]
