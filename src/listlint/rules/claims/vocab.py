"""The claims vocabulary, read once from ``wordlists/claims/`` (see the headers of those files).

Everything the claims grammar knows about words lives in data: conditions (diseases,
symptoms, markers...), predicates (cure/treat/reduce..., noun and affix forms), claim
phrases that stand alone (drug classes, false approvals, weight loss), qualifiers,
disclaimers, benign contexts, category groups and compliant rewordings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from listlint.resources import table, wordlist
from listlint.text.matcher import inflections
from listlint.text.normalize import fold

#: condition kinds (conditions.tsv) and claim kinds (phrases.tsv)
CONDITION_KINDS = (
    "disease",
    "cosmetic",
    "appearance",
    "symptom",
    "marker",
    "pathogen",
    "therapy",
    "generic",
    "implied",
)
PHRASE_CLAIMS = (
    "disease",
    "drug",
    "cosmetic_drug",
    "pesticidal",
    "approval",
    "cleared",
    "registered",
    "efficacy",
    "weight",
)
PREDICATE_KINDS = ("strong", "soft", "noun", "prep", "substitute", "suffix", "prefix", "outcome")


@dataclass(frozen=True, slots=True)
class Condition:
    term: str
    kind: str
    topic: str


@dataclass(frozen=True, slots=True)
class Phrase:
    term: str
    claim: str


@dataclass(eq=False)  # hashed by identity: one per process, used as a cache key
class Vocabulary:
    conditions: dict[str, Condition] = field(default_factory=dict)  # folded form -> entry
    phrases: dict[str, Phrase] = field(default_factory=dict)
    #: predicate kind -> folded terms (single words are lemmas)
    predicates: dict[str, frozenset[str]] = field(default_factory=dict)
    qualifiers: tuple[str, ...] = ()
    disclaimers: tuple[str, ...] = ()
    negators: frozenset[str] = frozenset()
    remedy_nouns: frozenset[str] = frozenset()
    #: active ingredients of approved drugs: a title naming one is a drug product
    drug_ingredients: tuple[str, ...] = ()
    targets: frozenset[str] = frozenset()
    #: term -> contexts in which the word is something else (hearing aids, dog treats)
    benign_phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: condition -> sentence contexts that make it subject matter (zodiac, awareness)
    benign_sentences: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: category group -> keywords, in precedence order; split into words and phrases
    categories: dict[str, tuple[str, ...]] = field(default_factory=dict)
    category_words: dict[str, frozenset[str]] = field(default_factory=dict)
    category_phrases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rewordings: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def gate_terms(self) -> list[str]:
        """Every string whose presence may start a claim: conditions and standalone phrases
        (a predicate alone never makes a claim, so predicates are not gate terms)."""
        return sorted(set(self.conditions) | set(self.phrases))

    def strong_forms(self) -> list[str]:
        """Surface forms of the strong predicates and strong nouns ("cures", "cured",
        "curing", "removal"...): conditions that only a strong predicate turns into a claim
        (wrinkles, dark spots) need one of these nearby."""
        out: set[str] = set()
        nouns = ("treatment", "cure", "remedy", "therapy", "medicine", "medication", "antidote")
        for term in (*self.predicates["strong"], *nouns):
            first, _, rest = term.partition(" ")
            for form in verb_forms(first):
                out.add(f"{form} {rest}".strip())
        out.update(("removal", "remover", "eraser"))
        return sorted(out)


def verb_forms(lemma: str) -> set[str]:
    """Regular English inflections of a verb or noun: cure -> cures, cured, curing."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing"}
    if lemma.endswith("e"):
        forms.update({lemma + "d", lemma[:-1] + "ing"})
    if lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "o", "u"):
        forms.update({lemma[:-1] + "ies", lemma[:-1] + "ied"})
    if len(lemma) <= 4 and lemma[-1:] not in "aeiouwxy" and lemma[-2:-1] in "aeiou":
        forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})  # stop -> stopped
    return forms


def _forms(term: str, plural: bool = True) -> list[str]:
    """A term (with its plural), and with hyphens/spaces as sellers vary them."""
    base = fold(term).strip()
    out = {base}
    if plural and base[-1:].isalpha() and not base.endswith("s"):
        out.update(inflections(base))
    for form in list(out):
        if "-" in form:
            out.add(form.replace("-", " "))
            out.add(form.replace("-", ""))
    return sorted(out)


@cache
def vocabulary() -> Vocabulary:
    voc = Vocabulary()
    for row in table("claims/conditions"):
        cond = Condition(row["term"], row["kind"], row["topic"])
        for form in _forms(row["term"]):
            voc.conditions.setdefault(form, cond)
    for row in table("claims/phrases"):
        for form in _forms(row["term"], plural=False):
            voc.phrases.setdefault(form, Phrase(row["term"], row["claim"]))
    preds: dict[str, set[str]] = {k: set() for k in PREDICATE_KINDS}
    for row in table("claims/predicates"):
        preds[row["kind"]].add(fold(row["term"]))
    voc.predicates = {k: frozenset(v) for k, v in preds.items()}
    voc.qualifiers = tuple(fold(q) for q in wordlist("claims/qualifiers"))
    voc.disclaimers = tuple(fold(d) for d in wordlist("claims/disclaimers"))
    voc.negators = frozenset(fold(n) for n in wordlist("claims/negators"))
    voc.remedy_nouns = frozenset(fold(n) for n in wordlist("claims/remedy_nouns"))
    voc.targets = frozenset(fold(n) for n in wordlist("claims/targets"))
    voc.drug_ingredients = tuple(fold(n) for n in wordlist("claims/drug_ingredients"))
    for drug in voc.drug_ingredients:  # "works as well as metformin": a drug substitute claim
        voc.conditions.setdefault(drug, Condition(drug, "therapy", "therapy"))
    for row in table("claims/benign"):
        contexts = tuple(fold(c) for c in row["contexts"].split("|") if c)
        store = voc.benign_phrases if row["scope"] == "phrase" else voc.benign_sentences
        store[fold(row["term"])] = store.get(fold(row["term"]), ()) + contexts
    for row in table("claims/categories"):
        keywords = {f for k in row["keywords"].split("|") if k for f in _forms(k)}
        voc.categories[row["group"]] = tuple(sorted(keywords))
        voc.category_words[row["group"]] = frozenset(k for k in keywords if " " not in k)
        voc.category_phrases[row["group"]] = tuple(sorted(k for k in keywords if " " in k))
    for row in table("claims/rewordings"):
        voc.rewordings[row["topic"]] = row["suggestion"]
    voc.sources = {row["id"]: row["url"] for row in table("claims/sources")}
    return voc
