"""Where the claim word stands relative to a condition, in one sentence.

* left: a predicate before the condition that governs it ("cures arthritis", "treatment
  for gout", "for people with diabetes", "works like a statin", "quit opioids");
* right: a word after it, or wrapping it ("arthritis relief", "anti-cancer", "Gout Tea",
  "cancer patients", "my psoriasis is completely gone", "Kidney stones?");
* a label before a list ("Indications: gout, rheumatism", "Keywords: diabetes") or a
  hashtag ("#arthritis").

Each finder returns a :data:`Found`, or None. Token tests are in
:mod:`listlint.rules.claims.clause`, word-to-rule decisions in
:mod:`listlint.rules.claims.verdicts`.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from listlint.rules.claims.category import HEALTH
from listlint.rules.claims.clause import Clause, Match, qualified
from listlint.rules.claims.verdicts import REDUCERS, REPAIR_WORDS, STRONG_NOUNS, predicate_counts
from listlint.rules.claims.vocab import Vocabulary

if TYPE_CHECKING:
    from spacy.tokens import Doc

PASSIVE_AUX = frozenset(
    "is are was were be been being get gets got can will may has have had "
    "ist sind war wurde wurden est sont a ont fut es son fue fueron foi foram sudah telah "
    "bisa dapat akan pasti".split()
)
INTENSIFIERS = frozenset(
    "completely totally fully all finally now just almost entirely for good forever "
    "ganz komplett completamente totalmente totalement complètement total".split()
)
PATIENTS = frozenset("patients patient sufferers sufferer".split())
#: words between a condition and a testimonial's outcome: "my eczema flare-ups stopped"
EPISODES = frozenset(
    "flare flares ups flare-ups attacks attack symptoms symptom episodes pain -".split()
)
#: words after a testimonial's verb that leave it without an object: "shrank after",
#: "is clearing up", "healed completely"
OUTCOME_FOLLOWERS = frozenset(
    "after in since within completely totally fully for thanks when with at by from and up "
    "away over on so now already".split()
)
#: object pronouns: after them the condition is the one acting on the speaker
OBJECTS = frozenset("me us him her them you".split())
#: the first person of a testimonial: "my psoriasis", "mi psoriasis", "psoriasis saya"
POSSESSIVES = frozenset(
    "my our his her their mi mis nuestra nuestro minha meu minhas meus nossa nosso mein meine "
    "meinen meiner unser unsere mon ma mes notre saya ku aku".split()
)
#: words after a marker that make a product name a claim: "Blood Sugar Control",
#: "Blood Pressure Balance" (balancing or controlling a marker treats its disease)
MARKER_NOUNS = frozenset({"control", "management", "regulation", "balance", "regulator"})
#: conditions a product name claims by naming them ("Gout Tea"); a cosmetic named after
#: the skin concern it is for ("Acne Patches", "Dandruff Shampoo") names its type
NAME_KINDS = frozenset({"disease", "symptom"})
#: pronouns that take up a condition named before: "coats the virus and immobilizes its
#: activity", "traps germs and kills them"
ANAPHORS = frozenset("its their it them".split())
#: words joining a later clause to the one naming the condition
JOINS = frozenset({"and", "&", ",", "then"})
#: words before a treatment noun that make it the buyer's own medicine, which the product
#: holds, cools or delivers ("delivers prescribed medication for asthma", "a case for your
#: diabetes medication"): the noun then names no remedy the product is
OWNED = frozenset("your prescribed prescription own".split())
#: labels of suitability tags: the conditions after them say who the product is for
TAG_LABELS = frozenset({"concerns", "concern"})
#: label words need a colon or dash after them to start a list ("Indications: gout")
LABEL_MARKS = frozenset({":", "-", "–"})
#: (start token, end token, how, strength, explicit): explicit = a strong verb or noun, a
#: label or a testimonial outcome, which "rare-sense" names (cold, stroke) need
Found = tuple[int, int, str, "str | None", bool]


@dataclass
class Sentence:
    """One sentence's matches, with the product group they are judged for."""

    doc: Doc
    group: str
    conds: list[Match]
    phrases: list[Match]
    preds: list[Match]
    quals: list[tuple[int, int]]
    text: str  # lower-case sentence text, for sentence-wide benign contexts
    lo: int  # token bounds of the sentence
    hi: int
    title: bool = False  # the listing's title
    remedy: bool = False  # the listing names a product form of remedies (capsules, tea, drops)
    ingested: bool = False  # ... one that is swallowed (chews, tablets, powder; not a spray)

    @property
    def health(self) -> bool:
        return self.group in HEALTH

    @cached_property
    def preds_before(self) -> tuple[list[Match], list[int]]:
        """The predicates by end, last first (ties in their order), and their negated
        ends for bisection: every condition asks for the ones that end before it."""
        ordered = sorted(self.preds, key=lambda p: -p.end)
        return ordered, [-p.end for p in ordered]


class Sides:
    """The finders, for one vocabulary and clause tester."""

    def __init__(self, voc: Vocabulary, clause: Clause) -> None:
        self.voc = voc
        self.clause = clause
        self.nouns = voc.predicates["noun"] | STRONG_NOUNS
        self.noun_forms = frozenset().union(*voc.lang_predicates.get("noun", {}).values())

    def left(self, s: Sentence, cond: Match, kind: str, strong_only: bool) -> Found | None:
        """A predicate before the condition that governs it: "cures arthritis"."""
        doc = s.doc
        ordered, ends = s.preds_before
        for p in ordered[bisect_left(ends, -cond.start) :]:  # those ending before it
            if p.kind in ("suffix", "prefix", "weight_amount", "outcome"):
                continue
            if p.kind in ("header", "keywords"):
                continue
            head = doc[p.start]
            lemma = head.lemma_.lower() if not p.lang else head.lower_
            low = head.lower_
            pk = p.kind
            if (
                not p.lang
                and pk in ("strong", "soft")
                and p.end - p.start == 1
                and not self.clause.is_verb(head, s.lo, s.hi)
            ):
                if lemma not in STRONG_NOUNS and low not in STRONG_NOUNS:
                    continue
                pk = "noun"  # "a cure for cancer"
            if strong_only and pk != "strong":
                continue
            if pk == "prep" and p.start and doc[p.start - 1].lemma_.lower() in self.nouns:
                continue  # "(no known) cure for diabetes" is the noun's to decide
            if pk == "noun" and any(
                t.lower_ in OWNED for t in doc[max(s.lo, p.start - 2) : p.start]
            ):
                continue  # "delivers prescribed medication for asthma": the buyer's medicine
            window = doc[max(s.lo, p.start - 4) : p.start]
            reduced = any(t.lemma_.lower() in REDUCERS for t in window)
            if not predicate_counts(pk, kind, lemma, low, s.health, s.group, reduced, p.lang):
                continue
            noun = pk == "noun"
            bare = noun and p.lang == "id"  # "obat diabetes": Indonesian needs no preposition
            if not self.clause.governs(doc, p.end, cond, noun=noun and not bare, prep=pk == "prep"):
                continue
            if qualified(s.quals, p.start, cond) or self.clause.negated(doc, p.start, s.lo):
                continue
            if self.clause.negated_between(doc, p.end, cond.start):
                continue  # "heilt keine Krankheit"
            how = pk if pk in ("noun", "prep", "substitute") else "verb"
            strong_noun = noun and (lemma in STRONG_NOUNS or bool(p.lang))
            explicit = pk in ("strong", "substitute") or strong_noun
            weak = None if pk in ("strong", "soft", "noun") else "weak"
            return (p.start, p.end, how, weak, explicit)
        return None

    def right(self, s: Sentence, cond: Match, kind: str) -> Found | None:
        """Patterns where the claim word follows (or wraps) the condition."""
        doc = s.doc
        if kind in ("therapy", "generic", "substance") or self.clause.negated(
            doc, cond.start, s.lo
        ):
            return None
        for p in s.preds:  # "anti-cancer"
            if p.kind == "prefix" and p.end == cond.start and kind not in ("appearance", "marker"):
                return (p.start, cond.end, "affix", None, True)
        if qualified(s.quals, cond.start, cond):  # "occasional constipation relief"
            return None
        j = self.after_conjoined(s, cond)
        while j < s.hi and doc[j].text == "-":
            j += 1  # "Diabetes-Tee"
        if j >= s.hi:
            return self._named_before(s, cond, kind) if s.health else None
        tok = doc[j]
        lemma = tok.lemma_.lower()
        if kind == "marker":  # "blood sugar control", "Blood Pressure Balance Tea"
            if lemma in MARKER_NOUNS:
                return (j, j + 1, "noun", None, False)
            return None
        for p in s.preds:
            if p.start != j or p.lang:
                continue
            if p.kind == "suffix" and kind not in ("appearance", "organ"):
                return (j, p.end, "affix", None, True)
            if p.kind == "noun" and (s.health or lemma in STRONG_NOUNS):
                if kind == "organ" and lemma not in REPAIR_WORDS:
                    continue
                if kind == "appearance" and lemma not in STRONG_NOUNS:
                    return None
                return (j, p.end, "noun", None, lemma in STRONG_NOUNS)
        if kind in ("appearance", "organ") or not s.health:
            return None
        if tok.text == "?" and j == cond.end:
            return (j, j + 1, "question", "weak", False)  # "Kidney stones? Try this tonight."
        if tok.lower_ in PATIENTS:
            return (j, j + 1, "target", "weak", False)
        if tok.lower_ in self.voc.remedy_forms and kind in NAME_KINDS:
            return (j, j + 1, "name", "weak", False)
        named = self._named_after(s, j, kind) or self._named_before(s, cond, kind)
        return named if named is not None else self._outcome(s, cond, j)

    def back(self, s: Sentence, cond: Match) -> Found | None:
        """A strong verb in a clause joined after the condition, with a pronoun for it as
        its object: "coats the virus and immobilizes its activity", "traps germs and kills
        them"."""
        doc = s.doc
        for p in s.preds:
            if p.kind != "strong" or p.lang or not cond.end < p.start <= cond.end + 6:
                continue
            if p.end >= s.hi or doc[p.end].lower_ not in ANAPHORS:
                continue
            gap = doc[cond.end : p.start]
            if not any(t.lower_ in JOINS for t in gap) or any(
                t.lower_ in self.voc.breakers or t.text in (".", ";", ":", "?", "!") for t in gap
            ):
                continue
            if self.clause.is_verb(doc[p.start], s.lo, s.hi) and not self.clause.negated(
                doc, p.start, s.lo
            ):
                return (p.start, p.end + 1, "verb", None, True)  # with the pronoun
        return None

    def _named_after(self, s: Sentence, j: int, kind: str) -> Found | None:
        """A product name: the condition, up to two words, then a claim noun or a
        product-form noun ("Psoriasis Clear Balm", "Fatty Liver Detox Capsules",
        "Neuropathy Nerve Relief Cream")."""
        if kind not in NAME_KINDS:
            return None
        doc = s.doc
        for k in range(j + 1, min(j + 3, s.hi)):
            if doc[k - 1].is_punct or doc[k - 1].lower_ in self.voc.breakers:
                return None
            low = doc[k].lower_
            noun = any(p.start == k and p.kind == "noun" and not p.lang for p in s.preds)
            if noun or low in self.voc.remedy_forms:
                return (j, k + 1, "name", "weak", doc[k].lemma_.lower() in STRONG_NOUNS)
        return None

    def _named_before(self, s: Sentence, cond: Match, kind: str) -> Found | None:
        """A remedy noun right before the condition, in a language that needs no
        preposition there: "Kapsul Herbal Hipertensi", "Obat Herbal Diabetes"."""
        if kind not in NAME_KINDS:
            return None
        k = cond.start - 1
        while k >= s.lo and cond.start - k <= 3 and s.doc[k].lower_ in self.voc.bare_remedies:
            k -= 1
        if k == cond.start - 1:
            return None
        return (k + 1, cond.start, "name", "weak", False)

    def _outcome(self, s: Sentence, cond: Match, j: int) -> Found | None:
        """Passive and testimonial: "arthritis can be cured", "my psoriasis is completely
        gone", "my eczema flare-ups stopped", "Psoriasis saya hilang"."""
        doc = s.doc
        before = {t.lower_ for t in doc[max(s.lo, cond.start - 3) : cond.start]}
        first_person = bool(before & POSSESSIVES) or (j < s.hi and doc[j].lower_ in POSSESSIVES)
        reach = 6 if first_person else 3
        k = j
        while k < s.hi and k - j < reach:
            low = doc[k].lower_
            if low in self.voc.breakers or (doc[k].is_punct and low != "-"):
                break
            for p in s.preds:
                if p.start != k:
                    continue
                if p.end < s.hi and doc[p.end].lower_ in OBJECTS:
                    continue  # "my arthritis stops me from gardening": the condition acts
                done = (k > j or p.lang == "id") and _participle(doc[k].lower_, p.lang)
                told = first_person and _intransitive(doc, p.end, s.hi)
                if p.kind == "outcome" or (p.kind == "strong" and (done or told)):
                    # "is cured", "bisa diatasi"; a testimonial in any tense: "my fibroids shrank"
                    return (k, p.end, "passive", None, True)
            passive = low in PASSIVE_AUX or low in INTENSIFIERS or low in EPISODES
            if not (first_person or passive):
                break
            k += 1
        return None

    def labelled(self, s: Sentence) -> dict[int, tuple[int, str]]:
        """Conditions in a labelled list or behind a hashtag: condition start -> (label
        start, "header" | "keyword")."""
        doc = s.doc
        out: dict[int, tuple[int, str]] = {}
        for p in s.preds:
            if p.kind not in ("header", "keywords"):
                continue
            marked = p.end < s.hi and doc[p.end].text in LABEL_MARKS
            if not marked and not (p.kind == "header" and p.end - p.start > 1):
                continue  # "uses" alone is a verb; "Uses:" and "indicated for" are labels
            how = "header" if p.kind == "header" else "keyword"
            for c in s.conds:
                if c.start >= p.end and c.start not in out:
                    out[c.start] = (p.start, how)
        for c in s.conds:
            if c.start > s.lo and doc[c.start - 1].text == "#":
                out.setdefault(c.start, (c.start - 1, "keyword"))
        for k in range(s.lo, s.hi):  # "Skin Concerns: acne, redness": who it is for
            if doc[k].lower_ in TAG_LABELS:
                for c in s.conds:
                    if c.start > k:
                        out[c.start] = (k, "tag")
        return out

    def after_conjoined(self, s: Sentence, cond: Match) -> int:
        """The token after this condition and any joined to it: "cold and flu| remedy"."""
        starts = {c.start: c.end for c in s.conds}
        j = cond.end
        while j < len(s.doc) and j - cond.end < 6:
            low = s.doc[j].lower_
            if (
                low in ("&", "and", "/", ",", "or", "-", "y", "e", "und", "et", "dan", "ou")
                and j + 1 in starts
            ):
                j = starts[j + 1]
                continue
            break
        return j


def _intransitive(doc: Doc, end: int, hi: int) -> bool:
    """Does the verb ending at token ``end`` take no object ("my fibroids shrank after a
    month", not "my migraines prevent me from working": there the condition acts)?"""
    if end >= hi or doc[end].is_punct:
        return True
    return doc[end].lower_ in OUTCOME_FOLLOWERS


def _participle(word: str, lang: str = "") -> bool:
    """A strong verb used as an outcome: "was cured", "is healed" (not "is curing"); in
    Indonesian the passive takes the prefix di-: "bisa diatasi", "dapat disembuhkan"."""
    if lang == "id":
        return word.startswith("di")
    return word.endswith(("ed", "ado", "ada", "ido", "ida", "t", "é", "ée"))
