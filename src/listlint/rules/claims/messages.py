"""What a seller reads: why each claim is a problem and what to write instead."""

from __future__ import annotations

from listlint.rules.claims.analysis import ClaimHit
from listlint.rules.claims.vocab import vocabulary

#: default policy page per claim rule (a marketplace pack may override; see policy/claims.py)
POLICY = {
    "disease": "https://www.ecfr.gov/current/title-21/chapter-I/subchapter-B/part-101/subpart-F/section-101.93",
    "drug": "https://www.fda.gov/cosmetics/cosmetics-laws-regulations/it-cosmetic-drug-or-both-or-it-soap",
    "approval": "https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance",
    # FIFRA: a product claimed to kill or repel pests is a pesticide (40 CFR 152.15)
    "pesticidal": "https://www.ecfr.gov/current/title-40/chapter-I/subchapter-E/part-152/subpart-B/section-152.15",
    "efficacy": "https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance",
    # weight-loss claims need competent and reliable scientific evidence (FTC)
    "weight": "https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance",
}

_HOW = {
    "verb": "claims an effect on",
    "noun": "offers the product as a treatment for",
    "affix": "claims an effect on",
    "passive": "claims an effect on",
    "prep": "presents the product as being for",
    "target": "aims the product at people with",
    "name": "names the product after",
    "substitute": "presents the product as a replacement for",
    "implied": "implies an effect on",
}


def _concerns(marketplaces: tuple[str, ...], name: str) -> bool:
    """Does a run for these marketplaces concern ``name``'s rule? (no pack named, the
    baseline, or that marketplace itself: a finding for eBay must not cite TikTok's rule)."""
    return not marketplaces or any(
        name.lower() in m.lower() or _is_baseline(m) for m in marketplaces
    )


def _is_baseline(label: str) -> bool:
    """The base pack's label ("all marketplaces"; "... (baseline)" before issue 22)."""
    low = label.lower()
    return low.startswith("all marketplaces") or "baseline" in low


def message(hit: ClaimHit, marketplaces: tuple[str, ...] = ()) -> str:
    c = hit.claim
    quoted = f'"{hit.match}"'
    same = hit.sentence.strip(" .!?;:") == hit.match.strip(" .!?;:")
    where = "" if same else f' (in: "{hit.sentence}")'
    if c.rule == "disease":
        if c.how == "keyword":
            who = "Amazon treats" if _concerns(marketplaces, "Amazon") else "marketplaces treat"
            return (
                f"{quoted} is a disease name among the search keywords of a health product; "
                f"{who} disease names used as keywords as disease claims."
            )
        if c.how == "phrase" and c.kind == "disease":  # "anticancer", "herbal prozac"
            return (
                f"{quoted} claims an effect on a disease by itself: a disease claim only an "
                f"approved drug may make (21 CFR 101.93(g)(2)(v)){where}."
            )
        if c.how == "phrase":  # a pesticidal word on a supplement or food
            return (
                f"{quoted} claims the product kills germs or pathogens, an effect on disease "
                f"that only an approved drug may claim{where}."
            )
        about = "a drug therapy" if c.kind == "therapy" else c.term
        return (
            f"{quoted} {_HOW.get(c.how, 'claims an effect on')} {about}: a disease claim. Only "
            f"an approved drug may claim to cure, treat, mitigate or prevent a disease{where}."
        )
    if c.rule == "drug":
        if c.how == "phrase" and c.kind == "drug":
            return (
                f"{quoted} names a class of drugs; a product that is not an approved drug may not "
                f"claim it (21 CFR 101.93(g)(2)(v)){where}."
            )
        subject = c.term if c.how != "phrase" else "the body"
        return (
            f"{quoted} is a drug claim on a cosmetic: claiming an effect on {subject} is what a drug does, "
            "and intended use makes the product a drug under FDA rules (cosmetics may only "
            f"change how skin or hair looks){where}."
        )
    if c.rule == "approval":
        if c.kind == "cleared":
            return (
                f"{quoted}: FDA clearance exists only for medical devices (510(k)); on this "
                f"product it implies an approval it does not have{where}."
            )
        if c.kind == "registered":
            return (
                f"{quoted}: FDA registration of a facility is not an approval or endorsement; do "
                f"not present it as one (FTC){where}."
            )
        if hit.group in ("device", "goods"):
            return (
                f"{quoted}: most devices and materials are FDA cleared or compliant, not "
                f"approved; claim an approval only if the product has one{where}."
            )
        return (
            f"{quoted} is a false approval claim: the FDA does not approve supplements, "
            f"cosmetics or foods, and the FTC forbids implying it does{where}."
        )
    if c.rule == "pesticidal":
        return (
            f"{quoted} is a pesticidal claim: products that claim to kill or repel germs, "
            "viruses or pests need EPA registration"
            + (
                ", and Amazon removes listings without it"
                if _concerns(marketplaces, "Amazon")
                else ""
            )
            + " (a treated article may only claim to protect the article itself, e.g. "
            f'"antimicrobial treatment protects the seal from odor-causing bacteria"){where}.'
        )
    if c.rule == "efficacy":
        return (
            f"{quoted} is an efficacy claim the FTC requires proof for (randomised human "
            f"clinical trials of this product at this dose) before it is made{where}."
        )
    if _concerns(marketplaces, "TikTok"):
        return (
            f"{quoted} is a weight-loss claim: TikTok Shop prohibits weight-loss and fat-burning "
            f"claims, and the FTC requires clinical proof for them{where}."
        )
    return f"{quoted} is a weight-loss claim: the FTC requires clinical proof for it{where}."


def suggestion(hit: ClaimHit) -> str:
    c = hit.claim
    if c.how == "keyword":
        return f'Remove "{hit.match}" from the keywords.'
    if c.rule in ("disease", "drug") and c.how != "phrase":
        wording = vocabulary().rewordings.get(c.topic, "")
        if c.rule == "drug" and c.kind in ("cosmetic", "appearance", "symptom"):
            return (
                'Describe the look and feel instead ("reduces the appearance of ...", '
                '"for acne-prone skin"), or sell it as an OTC drug with a Drug Facts label.'
            )
        if wording:
            return (
                f"Remove the claim about {c.term}; structure/function wording such as "
                f"{wording} is allowed with the FDA disclaimer."
            )
        return (
            f"Remove the claim: no wording may claim an effect on {c.term} for a product "
            "that is not an approved drug."
        )
    if c.rule == "disease":
        return "Remove the claim: a product that is not an approved drug may not claim it."
    if c.rule == "drug":
        return "Remove the drug wording or describe only how the product looks and feels."
    if c.rule == "approval":
        return 'Remove "FDA approved" (and any FDA logo) unless the product itself has it.'
    if c.rule == "pesticidal":
        return (
            'Say what the product does to the item ("easy to clean"), or list its EPA registration.'
        )
    if c.rule == "efficacy":
        return "Remove the claim or state exactly what was tested, on whom, with what result."
    return (
        'Remove weight-loss wording; "supports a healthy metabolism as part of a balanced diet '
        'and exercise" is the most a product may say.'
    )
