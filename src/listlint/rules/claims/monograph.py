"""Does a listing sell an OTC monograph medicine (antacids, laxatives, cough syrups, skin
protectants, external analgesics...)? Those are sold without an application, so most
are missing from Drugs@FDA (:func:`~listlint.rules.claims.medicine.is_medicine`), yet the
uses they print ("Uses: relieves heartburn, acid indigestion") are a medicine's labelled
indications, not a seller's disease claims (wordlists/claims/otc_monograph.tsv).

A listing sells one when its title names a monograph ingredient with a strength or a dose
form of the ingredient's route ("Docusate Sodium 100 mg", "Calamine Lotion") or with the
monograph's purpose ("Simethicone Anti-Gas"), or when its description prints a Drug Facts
label (21 CFR 201.66: "Drug Facts", or "Active ingredient" with "Purpose") naming one. An
ingredient that is also a supplement, cosmetic or household one (calcium carbonate, zinc
oxide, menthol: ``ambiguous``) needs both the monograph's purpose and a strength or dose
form ("Calcium Carbonate Antacid Chewable Tablets"), or a Drug Facts label, so a calcium
supplement or a zinc cream stays judged. A homeopathic product prints the same
label layout but is an unapproved drug: its claims stay judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from listlint.resources import table, wordlist
from listlint.rules.claims.lexicon import medicine_lexicon
from listlint.rules.claims.medicine import DOSE_FORMS, STRENGTHS

#: how much of a description is read for a label (as medicine.py)
_SAMPLE = 4000
#: how many characters on either side of a name its strength is looked for in
#: ("hydrocortisone acetate 1%", "pramoxine hcl (1%)", "262 mg bismuth subsalicylate")
_NEAR = 16
#: what may stand between a name and its strength: a salt ("hcl", "acetate"), a bracket,
#: a colon; never a sentence's end ("like ibuprofen. 500 mg of turmeric")
_GAP = re.compile(r"[\s(:,-]*(?:[a-z]{2,9}[\s(:,-]*)?")
#: what every strength of ``STRENGTHS`` holds (a digit, then its unit or a per cent
#: sign), wherever it is cut: a text without one states no strength, and most candidate
#: descriptions have none (the medicine lexicon's look-up over them was 60% of
#: :func:`sells_otc_medicine`)
_ANY_STRENGTH = re.compile(r"\d\s?(?:mg|mcg|µg|iu|%)")
#: Drug Facts headings that no supplement or cosmetic label prints (21 CFR 201.66(c)):
#: "Drug Facts" itself, or the active ingredient line beside its purpose
_DRUG_FACTS = re.compile(r"\bdrug facts\b|\bactive ingredients?\b(?=.*\bpurposes?\b)", re.S)


@dataclass(frozen=True, slots=True)
class _Ingredient:
    purposes: tuple[str, ...]
    routes: frozenset[str]
    ambiguous: bool


@dataclass(frozen=True)
class _Monographs:
    ingredients: dict[str, _Ingredient]
    #: whole-word alternation of every ingredient name, longest first
    names: re.Pattern[str]
    #: whole-word alternation of the marks of homeopathic products
    homeopathic: re.Pattern[str]


def _alternation(words: set[str]) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in ordered) + r")\b")


@cache
def monographs() -> _Monographs:
    ingredients = {
        row["ingredient"]: _Ingredient(
            tuple(p for p in row["purpose"].split("|") if p),
            frozenset(row["route"].split("+")),
            row["ambiguous"] == "yes",
        )
        for row in table("claims/otc_monograph")
    }
    return _Monographs(
        ingredients,
        _alternation(set(ingredients)),
        _alternation(set(wordlist("claims/homeopathic"))),
    )


def _purpose(text: str, ingredient: _Ingredient) -> bool:
    return any(re.search(rf"\b{re.escape(p)}\b", text) for p in ingredient.purposes)


def _formed(title: str, ingredient: _Ingredient) -> bool:
    """A strength or a dose form of the ingredient's route in the title."""
    words = set(re.findall(r"[a-z][a-z-]*", title))
    for route in ingredient.routes:
        if words & DOSE_FORMS.get(route, frozenset()):
            return True
        rx = STRENGTHS.get(route)
        if rx is not None and rx.search(title):
            return True
    return False


def drug_facts(description: str) -> bool:
    """Does a folded description print a Drug Facts label of a monograph ingredient?"""
    text = description[:_SAMPLE]
    mono = monographs()
    if not _DRUG_FACTS.search(text) or mono.homeopathic.search(text):
        return False
    return mono.names.search(text) is not None


def states_strength(text: str) -> bool:
    """Does a folded text state a medicine's active ingredient with its strength, the
    way a label does ("Bismuth Subsalicylate 262 mg", "1% hydrocortisone", "Ketoconazole
    1%")? The name is a monograph ingredient that is not also a supplement or cosmetic
    one, or an approved OTC medicine's generic name (Drugs@FDA status otc, not an
    everyday word); the strength is one of its route's, right next to the name."""
    if not _ANY_STRENGTH.search(text):
        return False
    mono = monographs()
    for m in mono.names.finditer(text):
        ingredient = mono.ingredients[m.group(0)]
        if not ingredient.ambiguous and _strength_near(text, m.start(), m.end(), ingredient.routes):
            return True
    lex = medicine_lexicon()
    for hit in lex.find(text):
        if hit.entry.ambiguity or lex.value(hit.row, "code") == "brand":
            continue
        if lex.value(hit.row, "status") != "otc":
            continue  # "10% azelaic acid" in a serum: a prescription drug's substance in a
            # cosmetic, not that medicine (an OTC medicine's label states its strength)
        routes = frozenset(lex.value(hit.row, "routes").split("+"))
        if _strength_near(text, hit.start, hit.end, routes):
            return True
    return False


def _strength_near(text: str, start: int, end: int, routes: frozenset[str]) -> bool:
    """A strength of ``routes`` right before or after the span (a hydrochloride salt and
    a bracket between them allowed: "pramoxine hcl 1%", "(262 mg)"; not a sentence
    break)."""
    before = text[max(0, start - _NEAR) : start]
    after = text[end : end + _NEAR]
    for route in routes:
        rx = STRENGTHS.get(route)
        if rx is None:
            continue
        if any(_GAP.fullmatch(before[m.end() :]) for m in rx.finditer(before)):
            return True
        if any(_GAP.fullmatch(after[: m.start()]) for m in rx.finditer(after)):
            return True
    return False


def sells_otc_medicine(title: str, description: str | None = None) -> bool:
    """Does a listing (folded title and description) sell an OTC monograph medicine, or
    state an approved medicine's strength the way its label does?"""
    mono = monographs()
    text = (description or "")[:_SAMPLE]
    if mono.homeopathic.search(title) or mono.homeopathic.search(text):
        return False
    if text and (drug_facts(text) or states_strength(text)):
        return True
    for m in mono.names.finditer(title):
        ingredient = mono.ingredients[m.group(0)]
        purpose = _purpose(title, ingredient) or _purpose(text, ingredient)
        if ingredient.ambiguous:
            if purpose and _formed(title, ingredient):
                return True
        elif purpose or _formed(title, ingredient):
            return True
    # a brand's title names the monograph's purpose and the dose form ("Chewable Antacid
    # Tablets"), its description the active ingredient ("with calcium carbonate")
    for m in mono.names.finditer(text):
        ingredient = mono.ingredients[m.group(0)]
        if _purpose(title, ingredient) and _formed(title, ingredient):
            return True
    return False
