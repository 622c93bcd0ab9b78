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
from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import combinations

from listlint.resources import table
from listlint.rules.claims.lexicon import medicine_lexicon

#: dose forms by the route they need (Drugs@FDA ``routes`` words)
DOSE_FORMS = {
    "oral": frozenset(
        "tablet tablets caplet caplets capsule capsules softgel softgels gelcaps chewable "
        "chewables lozenge lozenges gum syrup suspension liquigels "
        # es/pt/de/fr/id
        "tabletas comprimidos comprimido capsulas jarabe xarope suspension tabletten kapseln "
        "saft comprimes gelules sirop kapsul kaplet sirup".split()
    ),
    "topical": frozenset(
        "cream gel ointment lotion solution foam wash cleanser spray patch patches shampoo "
        "roll-on crema pomada creme unguento salbe pommade salep krim".split()
    ),
}
#: the endings of international nonproprietary names in es/pt/de/fr/id and their English
#: ones (WHO INN stems are shared; languages adapt the ending): loratadina, Loratadin ->
#: loratadine; omeprazol -> omeprazole; ibuprofeno, ibuprofene -> ibuprofen;
#: prednisona, Prednison -> prednisone; alendronato, Alendronat -> alendronate;
#: furosemida -> furosemide; amoxicilina -> amoxicillin
INN_ENDINGS = (
    ("cilina", "cillin"), ("ilina", "illin"), ("cilin", "cillin"), ("ilin", "illin"),
    ("ina", "ine"), ("ina", "in"), ("in", "ine"), ("ino", "in"), ("ol", "ole"), ("eno", "en"),
    ("ene", "en"), ("ona", "one"), ("on", "one"), ("ato", "ate"), ("at", "ate"),
    ("ida", "ide"), ("id", "ide"), ("", ""),
)  # fmt: skip
#: Indonesian spelling of borrowed terms (Pedoman Umum Pembentukan Istilah), undone: ks is
#: x, s before e/i was c, k before a/o/u was c, t may have been th, f ph ("amoksisilin",
#: "siprofloksasin", "parasetamol", "deksametason", "setirizin")
_SPELLINGS = (("ks", "x"), ("s(?=[ei])", "c"), ("k(?=[aou])", "c"), ("t", "th"), ("f", "ph"))
#: strengths by the route they need: "200 mg" a pill, "1%" a cream
_STRENGTHS = {
    "oral": re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|iu)(?![a-z])"),
    "topical": re.compile(r"\b\d+(?:[.,]\d+)?\s?%"),
}
_WORD = re.compile(r"[a-z][a-z-]*")
#: how much of a description is read for a label
_LABEL_SAMPLE = 4000


def is_medicine(title: str) -> bool:
    """Does a folded title sell a medicine it names?"""
    if not title:
        return False
    lex = medicine_lexicon()
    hits = lex.find(title) or lex.find(_english_names(title))
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


@cache
def _ids() -> re.Pattern[str]:
    rows = table("claims/medicine_ids")
    return re.compile("|".join(f"(?:{r['pattern']})" for r in rows))


def registered(text: str) -> bool:
    """Does a folded text print a drug code or a dispensing status (NDC, PZN, a BPOM drug
    number, "Rx only", "venta bajo receta")? (wordlists/claims/medicine_ids.tsv)"""
    return _ids().search(text) is not None


def prints_label(description: str, headings: re.Pattern[str]) -> bool:
    """Does a folded description print a medicine's label (two of its section headings
    and an approved medicine's name: "Active ingredient: ibuprofen 200 mg ... Uses ...
    Warnings", "Principio activo ... Contraindicaciones ... Posología")?"""
    if len({m.group(0) for m in headings.finditer(description)}) < 2:
        return False
    lex = medicine_lexicon()
    text = description[:_LABEL_SAMPLE]
    hits = lex.find(text) or lex.find(_english_names(text, respell=False))
    return any(not h.entry.ambiguity for h in hits)


def _english_names(text: str, respell: bool = True) -> str:
    """The text with each word no medicine name starts with rewritten to the English INN
    form the medicine list knows ("loratadina" -> "loratadine", "amoksisilin" ->
    "amoxicillin"); ``respell``: also undo Indonesian spelling (a title's few words; a
    description's hundreds get the endings only). Positions are not kept: only the words
    matter."""
    return " ".join(_english_word(w, respell) for w in _WORD.findall(text))


@lru_cache(maxsize=1 << 16)
def _english_word(word: str, respell: bool) -> str:
    """One word's English INN form, or the word (cached: catalogues repeat their words,
    and a word tries up to ~600 respellings)."""
    lex = medicine_lexicon()
    if lex.knows(word) or len(word) <= 5:
        return word
    forms = _spellings(word) if respell else _endings(word)
    return next((w for w in forms if lex.knows(w)), word)


def _endings(word: str) -> Iterator[str]:
    for theirs, ours in INN_ENDINGS:
        if word.endswith(theirs):
            yield word[: len(word) - len(theirs)] + ours


def _spellings(word: str) -> Iterator[str]:
    """English INN forms a word may be written for: its ending adapted (INN_ENDINGS), then
    with the Indonesian respellings undone, one, two or three at a time."""
    bases = [word]
    for k in range(1, len(_SPELLINGS) + 1):
        for rules in combinations(_SPELLINGS, k):
            base = word
            for pattern, repl in rules:
                base = re.sub(pattern, repl, base)
            bases.append(base)
    for base in bases:
        yield from _endings(base)
