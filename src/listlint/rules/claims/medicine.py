"""Is a listing a medicine? Then the conditions it names are its indications, not claims:
whether it may be sold at all is the prohibited family's call.

A title names a medicine (:func:`~listlint.rules.claims.lexicon.medicine_lexicon`: Drugs@FDA
generics and brands, prescription and OTC, or ``drug_ingredients.txt``): a brand ("Tylenol
Extra Strength", "Nizoral Bundle") by itself, a generic with a strength ("200 mg", "0.1%")
or a dose form its routes allow ("Ibuprofen Tablets" oral, "Adapalene Gel" topical). A
serum with 5% tranexamic acid is not the oral medicine of that name, and a name that is
also an everyday word needs both.
"""

from __future__ import annotations

import re

from listlint.rules.claims.lexicon import medicine_lexicon

#: dose forms by the route they need (Drugs@FDA ``routes`` words)
DOSE_FORMS = {
    "oral": frozenset(
        "tablet tablets caplet caplets capsule capsules softgel softgels gelcaps chewable "
        "chewables lozenge lozenges gum syrup suspension liquigels".split()
    ),
    "topical": frozenset(
        "cream gel ointment lotion solution foam wash cleanser spray patch patches shampoo "
        "roll-on".split()
    ),
}
#: strengths by the route they need: "200 mg" a pill, "1%" a cream
_STRENGTHS = {
    "oral": re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|iu)(?![a-z])"),
    "topical": re.compile(r"\b\d+(?:[.,]\d+)?\s?%"),
}
_WORD = re.compile(r"[a-z][a-z-]*")


def is_medicine(title: str) -> bool:
    """Does a folded title sell a medicine it names?"""
    if not title:
        return False
    lex = medicine_lexicon()
    hits = lex.find(title)
    if not hits:
        return False
    words = set(_WORD.findall(title))
    for hit in hits:
        if lex.value(hit.row, "code") == "brand" and not hit.entry.ambiguity:
            return True  # "Tylenol", "Nizoral": a brand is that medicine
        routes = lex.value(hit.row, "routes")
        forms = [f for route, fs in DOSE_FORMS.items() if route in routes for f in fs]
        formed = bool(words & set(forms))
        strength = any(rx.search(title) for route, rx in _STRENGTHS.items() if route in routes)
        if hit.entry.ambiguity:
            if strength and formed:
                return True
        elif strength or formed:
            return True
    return False
