"""How firm a frame a condition needs before it makes a claim.

The hand lists (``conditions.tsv``) name conditions chosen for claims; the generated
lexicon (:mod:`listlint.rules.claims.lexicon`) names everything ICD-10, HPO and WordNet
know, everyday discomforts, skin states and injuries included, and marks the names with
other senses. Those need a firmer frame, decided here from the condition, the claim form
the grammar found (:data:`~listlint.rules.claims.sides.Found`) and what the listing sells.
"""

from __future__ import annotations

from listlint.rules.claims.category import KNOWN_HEALTH
from listlint.rules.claims.sides import Found, Sentence
from listlint.rules.claims.vocab import Condition

#: ICD-10 chapters of diseases proper: infections, neoplasms, blood, mental, nervous, eye,
#: ear, circulatory, respiratory, digestive, skin, musculoskeletal, genitourinary,
#: pregnancy, congenital
REAL_CHAPTERS = frozenset("ABCDFGHIJKLMNOQ")
#: relief words: about a symptom they describe comfort, not a cure
RELIEF_WORDS = frozenset(
    "relieve relief reliever ease soothe calm alleviate reduce help aid lessen soften "
    "alivia aliviar alivio calma apaise soulage lindert erleichtert meredakan".split()
)
#: verbs that make even an everyday word a disease ("cures colds", "heals burns")
CURE_VERBS = frozenset({"cure", "heal", "treat", "remedy"})
#: claim forms that only mention or name a condition
MENTIONS = frozenset({"name", "question", "implied", "target"})


def lexicon_counts(s: Sentence, entry: Condition, found: Found) -> bool:
    """Does a name known only from the lexicon make a claim in this frame?

    * relief of a symptom or of a word with other senses ("relieves bloating", "Redness
      Relief", "alivia las molestias") is structure/function or cosmetic wording; only
      plain diseases are relieved in a claim;
    * on goods, on an uncategorised listing that names no remedy form, and on cosmetics
      for anything but a disease of the chapters of real diseases ("prevent dehydration",
      "evitar quemaduras solares" of an orchid), only a cure frame counts: cure, heal,
      treat, a treatment noun, a label, a testimonial;
    * a device's injuries (a blister plaster "heals blisters") are what it is for."""
    if entry.injury and s.group == "device":
        return False
    how, explicit = found[2], found[4]
    word = s.doc[found[0]].lemma_.lower()
    cure = word in CURE_VERBS or how in ("header", "passive") or (how == "noun" and explicit)
    disease = entry.kind == "disease" and not entry.ambiguity
    unsold = s.group == "unknown" and not s.remedy
    if s.group == "goods" or unsold or (s.group == "cosmetic" and not (disease and real(entry))):
        return cure
    return disease or (word not in RELIEF_WORDS and how not in ("name", "question"))


def framed(s: Sentence, entry: Condition, found: Found, start: int) -> bool:
    """The lexicon's ambiguity marks. A rare-sense name (cold, stroke, corrosion, blister)
    needs an explicit frame: a cure verb, a treatment noun before it, a label or a
    testimonial, never a product name ("Shock Therapy", "Cold Brew"). A name with other
    senses (Cancer the sign, shingles, "wajah") or an abbreviation needs a health product,
    and more than a product name or a bare mention."""
    explicit, how = found[4], found[2]
    if entry.ambiguity == "rare":
        left_noun = how == "noun" and explicit and found[0] < start
        return how in ("header", "passive") or cures(s, found) or left_noun
    if entry.ambiguity in ("other", "abbr"):
        return s.group in KNOWN_HEALTH and (explicit or how not in MENTIONS)
    return True


def cures(s: Sentence, found: Found) -> bool:
    """Is the claim word a cure verb ("cures colds", "heals burns")?"""
    return s.doc[found[0]].lemma_.lower() in CURE_VERBS


def real(entry: Condition) -> bool:
    """A disease of the ICD-10 chapters of diseases proper (not symptoms R, injuries S/T,
    metabolic states E such as dehydration)."""
    return entry.code[:1] in REAL_CHAPTERS
