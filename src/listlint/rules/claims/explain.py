"""Why a claims finding is where it is and as bad as it is (issue 16, part 3): the field it
was found in, the role the words play there, what the listing sells, and the reason for the
severity. One sentence appended to every claims message."""

from __future__ import annotations

from listlint.rules.claims.analysis import ClaimHit

FIELDS = {
    "title": "the title (the product's name)",
    "description": "the description",
    "bullets": "the bullet points",
    "tags": "the search keywords",
}
#: what the claim's words are doing, by the grammar's ``how``
ROLES = {
    "verb": "the seller's own statement of what the product does",
    "noun": "the product offered as a treatment",
    "affix": "a word that names the effect",
    "passive": "an outcome or testimonial the listing publishes (sellers answer for the "
    "testimonials they use)",
    "prep": "what the product is presented as being for",
    "target": "the people the product is aimed at",
    "name": "the product's name",
    "substitute": "a comparison with, or a replacement for, a drug therapy",
    "implied": "mechanism talk that implies the effect",
    "keyword": "a search keyword or hashtag",
    "header": "an indications or benefits label",
    "question": "a rhetorical question in the sales copy",
    "phrase": "a claim word that needs no condition",
}
#: what the listing sells, by claims group (category.py)
SOLD = {
    "supplement": "a supplement or remedy",
    "food": "a food or drink",
    "cosmetic": "a cosmetic",
    "pet": "a pet food, treat or supplement",
    "device": "a medical device",
    "goods": "goods that are not a health product",
    "unknown": "a product no category or title places (judged as a health product)",
}
#: claim forms that imply rather than state (a weaker claim: warning)
IMPLIED = frozenset({"name", "question", "implied", "target", "keyword"})


def explain(hit: ClaimHit, severity: str) -> str:
    """Field, role, product and severity reason of one finding, as one sentence."""
    c = hit.claim
    field = FIELDS.get(hit.field, f"the {hit.field} field")
    role = ROLES.get(c.how, "a claim")
    sold = SOLD.get(hit.group, hit.group)
    return (
        f"Found in {field} as {role}; the listing sells {sold}; {severity}: {_why(hit, severity)}."
    )


def _why(hit: ClaimHit, severity: str) -> str:
    c = hit.claim
    if severity == "error":
        if c.rule in ("disease", "drug"):
            if hit.group == "goods":
                return "an explicit claim to cure or treat, which no product but an approved drug may make"
            return "on this kind of product the claim makes it an unapproved drug"
        if c.rule == "approval":
            return "the FDA approves no supplement, cosmetic or food"
        if c.rule == "weight":
            return "the selected marketplace prohibits weight-loss claims"
        return "the selected marketplace removes listings with it"
    if hit.group == "device":
        return "a medical device may make the claims it is cleared for: check its clearance covers this"
    if c.how in IMPLIED:
        return "the claim is implied by how the product is named or presented, not stated"
    if c.how == "affix" and c.kind in ("cosmetic", "appearance"):
        return "the product may be a compliant OTC drug with a Drug Facts label"
    if c.rule == "pesticidal":
        return (
            "a pesticidal claim needs EPA registration unless it only protects the product itself"
        )
    if c.rule in ("efficacy", "weight"):
        return "the claim needs proof (FTC) rather than being forbidden outright"
    if c.rule == "approval":
        return "most devices and materials are cleared or compliant, not approved"
    return "the claim is weaker than a claim to cure or treat"
