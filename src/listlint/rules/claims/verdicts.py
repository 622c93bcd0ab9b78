"""Which predicate counts for which condition, and which rule a claim belongs to, by
product group (see :mod:`listlint.rules.claims.category`). Pure functions over words."""

from __future__ import annotations

#: noun predicates that are claims in any product ("a treatment for cancer")
STRONG_NOUNS = frozenset(
    "treatment cure remedy therapy medicine medication antidote killer".split()
)
#: verbs that claim against a marker ("lowers blood pressure"); support/maintain do not
MARKER_VERBS = frozenset(
    "lower reduce decrease lessen regulate control normalize normalise balance stabilize "
    "stabilise improve manage drop cut slash fight combat block stop prevent treat cure "
    "reverse eliminate enhance".split()
)
PATHOGEN_VERBS = frozenset(
    "kill destroy eradicate eliminate fight combat neutralize devitalize block inhibit stop "
    "prevent attack starve".split()
)
#: "reduce your body's need for insulin"
REDUCERS = frozenset("reduce decrease eliminate lower cut lessen end remove".split())
#: groups where claims are not the seller's to avoid: media (subject matter), drugs (indications)
SUBJECT_MATTER = frozenset({"media", "drug"})
#: drug-class words that on goods are pesticidal (EPA) claims: "antibacterial cutting board"
ANTIMICROBIAL = frozenset(
    "antibacterial anti-bacterial antimicrobial anti-microbial antifungal anti-fungal antiviral "
    "anti-viral antiseptic".split()
)
#: when one predicate governs several conditions, the claim takes the first rule here
RULE_RANK = ("disease", "drug", "pesticidal")


def predicate_counts(
    pk: str, kind: str, lemma: str, low: str, health: bool, group: str, reduced: bool
) -> bool:
    """Does a predicate of kind ``pk`` (lemma/word) make a claim on a condition of ``kind``?
    ``reduced``: a reducing verb precedes "need for" ("cut your need for insulin")."""
    if pk == "substitute":
        if kind not in ("therapy", "marker"):  # "no need for insulin"
            return False
        return reduced if low == "need" else True
    if kind == "therapy":
        return False
    if pk == "prep":
        return health and kind in ("disease", "cosmetic", "symptom")
    if kind == "marker":
        return pk == "noun" or lemma in MARKER_VERBS or low in MARKER_VERBS
    if kind == "pathogen":
        return pk == "strong" and (lemma in PATHOGEN_VERBS or " " in low or low in PATHOGEN_VERBS)
    if kind in ("appearance", "generic"):
        return pk in ("strong", "noun") and (kind == "generic" or lemma != "clear")
    if pk == "noun":
        return health or group == "device" or lemma in STRONG_NOUNS or low in STRONG_NOUNS
    if pk == "soft" and not health and group != "device":
        return kind == "disease"
    return True


def condition_rule(kind: str, group: str) -> str:
    if kind in ("cosmetic", "appearance", "symptom") and group == "cosmetic":
        return "drug"
    if kind == "pathogen" and group == "cosmetic":
        return "drug"  # killing germs on the body is an antiseptic (drug) claim
    if kind == "pathogen" and group not in ("supplement", "food"):
        return "pesticidal"
    return "disease"


def phrase_rule(claim: str, group: str, term: str) -> tuple[str | None, str | None]:
    """(rule, severity hint) for a standalone phrase in a product group."""
    if claim == "disease":  # "anticancer", "herbal prozac"
        return ("disease", "warning" if group == "device" else None)
    if claim == "drug":
        if group in ("goods", "device", "unknown"):
            return ("pesticidal", None) if term in ANTIMICROBIAL else ("drug", "warning")
        return ("drug", None)
    if claim == "cosmetic_drug":
        return ("drug", None) if group in ("cosmetic", "unknown") else (None, None)
    if claim == "pesticidal":
        return ("pesticidal", None) if group not in ("supplement", "food") else ("disease", None)
    if claim == "approval":
        return ("approval", "warning" if group in ("device", "goods") else None)
    if claim == "cleared":
        return (None, None) if group == "device" else ("approval", "warning")
    if claim == "registered":
        return (None, None) if group == "device" else ("approval", "info")
    if claim in ("efficacy", "weight"):
        return (claim, None)
    return (None, None)
