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
    "kill destroy eradicate eliminate fight combat neutralize neutralise devitalize block "
    "inhibit stop prevent attack starve immobilize immobilise inactivate deactivate".split()
)
#: what an organ claim needs: "Thyroid Repair", "regenerates beta cells", "heals the liver"
REPAIR_WORDS = frozenset(
    "repair regenerate rebuild restore heal regrow renew rejuvenate detoxify".split()
)
#: topics of calming wording (anxiety, stress)
MOOD_TOPICS = frozenset({"mood"})
#: weight words that on apparel and other goods describe the fit
FIT_WORDS = frozenset({"slimming"})
#: what makes an appearance word (wrinkles, dark spots) a drug claim: removing it for good
REMOVAL_VERBS = frozenset(
    "remove erase eliminate cure reverse banish dissolve eradicate get rid wipe".split()
)
#: "avoid" verbs: against germs they give care advice ("change the water to avoid
#: bacteria"), not a kill claim; against a disease they still prevent it
AVOID_WORDS = frozenset("evitar evita evitan evitando evitam eviter evite evitent".split())
#: what an addiction claim on a substance needs: "quit opioids", "kick nicotine"
QUIT_WORDS = frozenset("quit kick stop beat overcome break end fight".split())
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
    pk: str,
    kind: str,
    lemma: str,
    low: str,
    health: bool,
    group: str,
    reduced: bool,
    lang: str = "",
) -> bool:
    """Does a predicate of kind ``pk`` (lemma/word) make a claim on a condition of ``kind``?
    ``reduced``: a reducing verb precedes "need for" ("cut your need for insulin");
    ``lang``: the predicate's language when not English (its word lists are listed by
    kind, so the English word sets below do not apply)."""
    first = lemma.split(" ")[0]
    if kind == "organ":  # "Thyroid Repair", "medicine for thyroid"
        if pk == "noun" and (lemma in STRONG_NOUNS or low in STRONG_NOUNS):
            return True
        return pk in ("strong", "soft", "noun") and (first in REPAIR_WORDS or lemma in REPAIR_WORDS)
    if kind == "substance":
        return pk == "strong" and (first in QUIT_WORDS or lemma in QUIT_WORDS)
    if lang and pk != "substitute":
        if kind == "therapy":
            return False
        if pk == "prep":
            return health and kind in ("disease", "cosmetic", "symptom")
        if kind == "pathogen":  # "wirkt gegen Viren" on a supplement
            if low in AVOID_WORDS:
                return False  # "para evitar la acumulación de bacterias": care advice
            return pk in ("strong", "noun") or (pk == "soft" and health)
        if kind in ("appearance", "generic"):
            return pk in ("strong", "noun")
        if pk == "soft" and not health and group != "device":
            return kind in ("disease", "marker")
        return True
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
    if kind == "appearance":  # "removes wrinkles"; "prevents/treats/fights wrinkles" is cosmetic
        return pk == "noun" or lemma in REMOVAL_VERBS or low in REMOVAL_VERBS
    if kind == "generic":
        return pk in ("strong", "noun")
    if pk == "noun":
        return health or group == "device" or lemma in STRONG_NOUNS or low in STRONG_NOUNS
    if pk == "soft" and not health and group != "device":
        return kind == "disease"
    return True


def mood_only(topic: str, group: str) -> bool:
    """Calming wording ("reduces anxiety") on goods is comfort, not a claim; on pet
    products a warning at most (calming chews)."""
    return topic in MOOD_TOPICS and group in ("goods", "pet", "unknown")


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
    if claim == "cleared":  # an unknown product claiming clearance is most likely a device
        return (None, None) if group in ("device", "unknown") else ("approval", "warning")
    if claim == "registered":
        return (None, None) if group == "device" else ("approval", "info")
    if claim == "weight" and term in FIT_WORDS and group == "goods":
        return (None, None)  # "slimming" jeans, shapewear, a unitard: the cut, not weight loss
    if claim == "weight" and group == "pet":
        return (None, None)  # weight control of overweight pets is veterinary diet, not the
        # human weight-loss claims marketplaces and the FTC police
    if claim in ("efficacy", "weight"):
        return (claim, None)
    return (None, None)
