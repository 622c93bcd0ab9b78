"""The claims vocabulary, read once from ``wordlists/claims/`` (see the headers of those files).

Everything the claims grammar knows about words lives in data: conditions (diseases,
symptoms, markers...), predicates (cure/treat/reduce..., noun and affix forms), claim
phrases that stand alone (drug classes, false approvals, weight loss), qualifiers,
disclaimers, benign contexts, category groups and compliant rewordings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from listlint.resources import table, wordlist
from listlint.rules.claims.clause import BREAKERS, GLUE, SUITABILITY, TARGET_LINKS
from listlint.rules.claims.language import language_vocabulary
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
    "substance",
    "organ",
)
#: condition kinds that never start a candidate by themselves: everyday words ("heart",
#: "alcohol") that only a particular predicate turns into a claim ("quit alcohol",
#: "Thyroid Repair")
UNGATED_KINDS = frozenset({"substance", "organ"})
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
PREDICATE_KINDS = (
    "strong",
    "soft",
    "noun",
    "prep",
    "substitute",
    "suffix",
    "prefix",
    "outcome",
    "header",
    "keywords",
)
#: English verbs whose forms are gate cues (see :meth:`Vocabulary.cue_terms`)
CUE_VERBS = frozenset(
    "cure heal treat prevent reverse eliminate eradicate kill destroy shrink dissolve fight "
    "combat defeat conquer overcome counteract neutralize neutralise banish alleviate mitigate "
    "relieve diagnose regrow detoxify starve immobilize immobilise inactivate suffer quit".split()
)
CUE_NOUNS = frozenset(
    "treatment treatments cure cures remedy remedies therapy medicine medication antidote "
    "relief reliever prevention sufferers sufferer patients diabetics".split()
)
CUE_TARGETS = frozenset(
    ("people with", "those with", "living with", "suffering from", "suffer from", "tired of",
     "struggling with", "diagnosed with", "defense against", "defence against",
     "protection against", "protection from", "protects against", "protect against",
     "guards against", "shield against")
)  # fmt: skip
#: outcome words too common in product text to be cues ("stopped", "cleared", "no longer")
EVERYDAY_OUTCOMES = frozenset(
    {"gone", "stopped", "cleared", "cured", "no longer", "stopped completely"}
)
#: English suitability before a condition: "suitable for diabetics", "safe for celiacs"
SUITABLE_FOR = frozenset(
    {
        "suitable for",
        "safe for",
        "appropriate for",
        "friendly for",
        "ok for",
        "designed for sensitive",
    }
)
#: predicate kinds a non-English grammar file may hold (the rest are English word-building)
LANGUAGE_PREDICATES = ("strong", "soft", "noun", "prep", "substitute", "outcome", "header")


@dataclass(frozen=True, slots=True)
class Condition:
    term: str
    kind: str
    topic: str
    #: the language of the name ("en" for the hand lists, whose names are international)
    lang: str = "en"
    #: "" | other (other senses: wants health context) | rare (the everyday sense dominates:
    #: wants an explicit disease frame) | abbr (only as written in capitals); see lexicon.py
    ambiguity: str = ""
    #: the generated lexicon's ICD-10 code or other id ("" for the hand lists)
    code: str = ""

    @property
    def lexicon(self) -> bool:
        """Known only from the generated lexicon (not the hand lists)?"""
        return bool(self.code)

    @property
    def injury(self) -> bool:
        """An injury (ICD-10 chapter XIX, S/T codes: wounds, blisters, burns, sprains)."""
        return self.code[:1] in ("S", "T")


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
    #: product-form nouns of every language ("tea", "cápsulas", "Kapseln"): a condition
    #: next to one names a remedy (remedy_nouns alone also mark a title as a supplement)
    remedy_forms: frozenset[str] = frozenset()
    #: kind -> language -> folded forms of the es/pt/de/fr/id predicates (language.py)
    lang_predicates: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    #: words joining a target to its condition ("with", "que sufren de"), one word each
    target_links: frozenset[str] = frozenset()
    #: words of a clause that keep a predicate's hold on a condition, and words that end it
    glue: frozenset[str] = frozenset()
    breakers: frozenset[str] = frozenset()
    #: who may use it, not what it does: after a condition ("celiac-friendly") or before
    #: ("con tendencia acneica", "à tendance atopique")
    suitability_after: frozenset[str] = frozenset()
    suitability_before: tuple[str, ...] = ()
    #: product-form nouns that name a remedy before the condition with no preposition
    #: (Indonesian "Kapsul Herbal Hipertensi", "obat diabetes")
    bare_remedies: frozenset[str] = frozenset()
    #: es/pt/de/fr/id targets and links ("penderita", "atteints de"), for the gate
    lang_targets: frozenset[str] = frozenset()
    #: section headings of a medicine's label, every language, as one whole-word regex
    leaflet: re.Pattern[str] = re.compile(r"(?!)")
    #: indication and benefit labels ("Indications:", "Benefícios:"), every language
    labels: re.Pattern[str] = re.compile(r"(?!)")
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
        (a predicate alone never makes a claim, so predicates are not gate terms; the
        lexicon's names are found through :meth:`cue_terms`)."""
        conditions = {t for t, c in self.conditions.items() if c.kind not in UNGATED_KINDS}
        return sorted(conditions | set(self.phrases))

    def cue_terms(self) -> list[str]:
        """Words that frame a claim about a condition the hand lists may not name (the
        lexicon's 43,000 names are too many for a columnar gate): strong predicates and
        claim nouns, testimonial outcomes, substitutes, targets, indication headers and
        keyword labels, in every language. A row with one is read against the lexicon.

        Only words that rarely mean anything else in product text: "blocks", "clear",
        "protects", "removes" and "treats" (building blocks, clear case, dog treats) would
        send most of a catalogue to the lexicon; they still make claims about the
        conditions the gate finds by name, and about any condition in a row with a cue."""
        english: set[str] = set()
        for lemma in CUE_VERBS:
            english.update(verb_forms(lemma))
        english.update(
            t for t in self.predicates["strong"] if " " in t and t.split(" ")[0] in CUE_VERBS
        )
        for kind in ("substitute", "header", "keywords"):
            english.update(t for t in self.predicates[kind] if " " in t or kind == "header")
        english.update(CUE_NOUNS)
        english.update(t for t in self.predicates["outcome"] if t not in EVERYDAY_OUTCOMES)
        english.update(CUE_TARGETS)
        for kind in ("strong", "noun", "outcome", "substitute", "header", "soft"):
            for forms in self.lang_predicates.get(kind, {}).values():
                english.update(f for f in forms if len(f) > 3)
        english.update(f for f in self.lang_targets if len(f) > 5)
        english.update(("nature's", "natures"))  # "nature's Ozempic"
        english.discard("treats")  # the noun: dog treats, sweet treats
        return sorted(english)

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
    voc.remedy_forms = voc.remedy_nouns
    voc.glue, voc.breakers = GLUE, BREAKERS
    voc.target_links = TARGET_LINKS
    voc.suitability_after = SUITABILITY
    _add_languages(voc)
    return voc


def _add_languages(voc: Vocabulary) -> None:
    """The es/pt/de/fr/id grammar files (:mod:`listlint.rules.claims.language`) merged in:
    predicates by language, everything else shared (a Spanish negator or remedy noun
    means the same next to a Spanish condition whatever else the text holds)."""
    lang = language_vocabulary()
    voc.lang_predicates = {
        kind: {code: forms for code, forms in lang.forms.get(kind, {}).items()}
        for kind in LANGUAGE_PREDICATES
    }
    for t in lang.terms:
        if t.kind == "condition":
            kind, _, topic = t.detail.partition(":")
            for form in _forms(t.form, plural=False):
                voc.conditions.setdefault(form, Condition(t.form, kind, topic, t.lang))
        elif t.kind == "generic":
            voc.conditions.setdefault(t.form, Condition(t.form, "generic", "general", t.lang))
        elif t.kind in ("drug", "disease", "weight"):
            voc.phrases.setdefault(t.form, Phrase(t.form, t.kind))
        elif t.kind == "context":
            voc.benign_sentences["*"] = (*voc.benign_sentences.get("*", ()), t.form)
    voc.qualifiers = (*voc.qualifiers, *lang.of("qualifier"))
    voc.disclaimers = (*voc.disclaimers, *lang.of("disclaimer"))
    voc.negators = voc.negators | lang.of("negator")
    voc.remedy_forms = voc.remedy_nouns | lang.of("remedy")
    voc.bare_remedies = lang.of("remedy", ["id"]) | lang.of("noun", ["id"])
    voc.targets = voc.targets | lang.of("target")
    voc.lang_targets = lang.of("target") | lang.of("link")
    headings = {fold(h) for h in wordlist("claims/medicine_labels")} | lang.of("leaflet")
    heads = voc.predicates["header"] | lang.of("header")
    voc.labels = re.compile(
        rf"\b(?:{'|'.join(re.escape(h) for h in sorted(heads, key=len, reverse=True))})\s*:"
    )
    voc.leaflet = re.compile(
        rf"\b(?:{'|'.join(re.escape(h) for h in sorted(headings, key=len, reverse=True))})\b"
    )
    voc.target_links = voc.target_links | _words(lang.of("link"))
    voc.glue = voc.glue | _words(lang.of("glue"))
    voc.breakers = voc.breakers | _words(lang.of("breaker"))
    voc.suitability_before = tuple(sorted(lang.of("suitability") | SUITABLE_FOR))
    # "zu Akne neigende Haut": German puts it after the condition
    voc.suitability_after = voc.suitability_after | {
        w for w in lang.of("suitability") if " " not in w
    }


def _words(phrases: frozenset[str]) -> frozenset[str]:
    return frozenset(w for p in phrases for w in p.split(" "))
