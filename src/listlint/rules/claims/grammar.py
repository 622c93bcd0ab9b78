"""Claim grammar: does a predicate govern a condition within a sentence?

Works on spaCy docs of candidate sentences in matching form. Patterns, from FDA 21 CFR
101.93(g)(2) and the marketplace pages in policy_facts.md:

* verb: "cures arthritis", "can reduce risk of cancer", "fight any virus"
* noun: "treatment for coronavirus", "arthritis pain relief", "cold and flu remedy"
* affix: "anti-cancer", "cancer-fighting"
* passive and testimonial: "tumors are dissolved", "my psoriasis is completely gone"
* health products only: "for people with diabetes", "good against arthritis",
  "Cervical Cancer Tea", "popular with HIV patients", "cancer cells"
* substitution: "alternative to chemotherapy", "reduce your need for insulin"

and what cancels them: negation ("does not cure"), disclaimers ("not intended to
diagnose, treat, cure or prevent any disease"), structure/function qualifiers ("relief of
occasional sleeplessness", "healthy blood sugar levels already within the normal range"),
suitability ("celiac-friendly"), benign contexts ("hearing aids", "Cancer zodiac necklace").
Token tests are in :mod:`listlint.rules.claims.clause`, word-to-rule decisions in
:mod:`listlint.rules.claims.verdicts`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from listlint.rules.claims.category import HEALTH
from listlint.rules.claims.clause import Clause, Match, longest, matches, qualified
from listlint.rules.claims.verdicts import (
    REDUCERS,
    RULE_RANK,
    STRONG_NOUNS,
    SUBJECT_MATTER,
    condition_rule,
    phrase_rule,
    predicate_counts,
)
from listlint.rules.claims.vocab import Condition, Vocabulary

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from listlint.rules.claims.pipeline import ClaimMatchers

#: suitability, not effect: "celiac-friendly", "diabetic safe"
SUITABILITY = frozenset("friendly safe suitable approved appropriate".split())
PASSIVE_AUX = frozenset("is are was were be been being get gets got can will may has have".split())
INTENSIFIERS = frozenset("completely totally fully all finally now just almost entirely".split())
PATIENTS = frozenset("patients patient sufferers sufferer".split())
#: (start token, end token, how, strength) of the words that make a claim
Found = tuple[int, int, str, "str | None"]


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim found in a doc: character span (in the doc text), what it is about, how."""

    rule: str  # disease | drug | approval | pesticidal | efficacy | weight
    start: int
    end: int
    term: str  # the condition or phrase, as matched
    kind: str  # condition kind or phrase claim
    topic: str
    how: str  # verb | noun | affix | passive | prep | target | name | substitute | implied |
    #           keyword | phrase
    severity: str | None = None  # "warning"/"info" when weaker than the rule's default


@dataclass
class _Sentence:
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

    @property
    def health(self) -> bool:
        return self.group in HEALTH


class Grammar:
    """Claims in spaCy docs, for a product group (see :mod:`listlint.rules.claims.category`)."""

    def __init__(self, matchers: ClaimMatchers, voc: Vocabulary) -> None:
        self.m = matchers
        self.voc = voc
        self.clause = Clause(matchers.parsed, voc.negators, voc.targets)
        self.nouns = voc.predicates["noun"] | STRONG_NOUNS

    def claims(self, doc: Doc, group: str, keywords: bool = False) -> Iterator[Claim]:
        """Claims in ``doc`` (character offsets in ``doc.text``) for a product group;
        ``keywords``: the doc is a list of search keywords (tags), not prose."""
        if group in SUBJECT_MATTER:
            return
        if keywords:
            yield from self._keyword_claims(doc, group)
            return
        labels = self.m.labels
        benign = [(s, e) for _, s, e in self.m.benign(doc)]

        def kept(m: Match) -> bool:  # not the word inside "hearing aids", "dog treats"
            return not any(
                s <= m.start and m.end <= e and e - s > m.end - m.start for s, e in benign
            )

        conds = [m for m in longest(matches(self.m.conditions, doc, labels)) if kept(m)]
        phrases = [m for m in longest(matches(self.m.phrases, doc, labels)) if kept(m)]
        preds = matches(self.m.predicates, doc, labels)
        preds += matches(self.m.predicate_phrases, doc, labels)
        quals = [(s, e) for _, s, e in self.m.qualifiers(doc)]
        disclaimers = [s for _, s, _ in self.m.disclaimers(doc)]
        for sent in doc.sents:
            lo, hi = sent.start, sent.end
            if any(lo <= s < hi for s in disclaimers):
                continue
            yield from self._sentence(
                _Sentence(
                    doc,
                    group,
                    [m for m in conds if lo <= m.start and m.end <= hi],
                    [m for m in phrases if lo <= m.start and m.end <= hi],
                    [m for m in preds if lo <= m.start and m.end <= hi],
                    [q for q in quals if lo <= q[0] and q[1] <= hi],
                    sent.text.lower(),
                    lo,
                    hi,
                )
            )

    def _keyword_claims(self, doc: Doc, group: str) -> Iterator[Claim]:
        """A named disease among a health product's search keywords ("turmeric, arthritis,
        joint pain"): Amazon treats disease names used as keywords as disease claims."""
        if group not in HEALTH:
            return
        labels = self.m.labels
        benign = [(s, e) for _, s, e in self.m.benign(doc)]
        for m in longest(matches(self.m.conditions, doc, labels)):
            entry = self.voc.conditions.get(doc[m.start : m.end].text.lower())
            if entry is None or entry.kind not in ("disease", "implied"):
                continue
            if any(s <= m.start and m.end <= e for s, e in benign):
                continue
            span = doc[m.start : m.end]
            yield Claim(
                condition_rule(entry.kind, group),
                span.start_char,
                span.end_char,
                entry.term,
                entry.kind,
                entry.topic,
                "keyword",
                "warning",
            )

    def _sentence(self, s: _Sentence) -> Iterator[Claim]:
        # one claim per predicate: "cures A and B"; a disease outranks a cosmetic condition
        # ("apply to skin cancer lesions" is a disease claim, not only a drug claim)
        by_anchor: dict[int, Claim] = {}
        for cond in s.conds:
            found = self._condition_claim(s, cond)
            if found is None:
                continue
            anchor, claim = found
            prev = by_anchor.get(anchor)
            if prev is None:
                by_anchor[anchor] = claim
            else:
                first, later = sorted((prev, claim), key=lambda c: RULE_RANK.index(c.rule))
                by_anchor[anchor] = _extend(first, later)
        found_claims = list(by_anchor.values())
        yield from found_claims
        for ph in s.phrases:
            said = self._phrase_claim(s, ph)
            # "kills bacteria", "removes wrinkles", "anti-cancer": the condition claim says it
            if said and not any(c.start < said.end and said.start < c.end for c in found_claims):
                yield said
        for p in s.preds:
            if p.kind == "weight_amount" and not self.clause.negated(s.doc, p.start, s.lo):
                span = s.doc[p.start : p.end]
                yield Claim(
                    "weight", span.start_char, span.end_char, span.text, "weight", "", "phrase"
                )

    def _condition_claim(self, s: _Sentence, cond: Match) -> tuple[int, Claim] | None:
        doc = s.doc
        entry = self.voc.conditions.get(doc[cond.start : cond.end].text.lower())
        if entry is None or self._excluded(s, cond, entry):
            return None
        subject = any(ctx in s.text for ctx in self.voc.benign_sentences.get(entry.term, ()))
        found = self._left_side(s, cond, entry.kind, strong_only=subject)
        if found is None and not subject:
            found = self._right_side(s, cond, entry.kind)
        if found is None and entry.kind == "implied" and s.health:
            if not self.clause.negated(doc, cond.start, s.lo):
                found = (cond.start, cond.end, "implied", "weak")  # "cancer cells"
        if found is None:
            return None
        start_tok, end_tok, how, strength = found
        span = doc[min(start_tok, cond.start) : max(cond.end, end_tok)]
        weak = strength == "weak" and (
            how == "implied" or s.group not in ("supplement", "food", "pet")
        )
        severity = "warning" if s.group == "device" or weak else None
        if how == "affix" and entry.kind in ("cosmetic", "appearance"):
            severity = "warning"  # "anti-dandruff shampoo" can be a compliant OTC drug
        rule = condition_rule(entry.kind, s.group)
        claim = Claim(
            rule, span.start_char, span.end_char, entry.term, entry.kind, entry.topic, how, severity
        )
        return start_tok, claim

    def _excluded(self, s: _Sentence, cond: Match, entry: Condition) -> bool:
        nxt = [t.lower_ for t in s.doc[cond.end : cond.end + 2] if t.lower_ != "-"]
        if nxt and nxt[0] in SUITABILITY:
            return True  # "celiac-friendly", "diabetic safe": who may use it, not what it does
        if nxt and nxt[0] in ("causing", "related") and entry.kind != "pathogen":
            return True  # "acne-causing bacteria": the claim is about the bacteria
        # pain relief is what many devices and goods are for
        return entry.kind == "symptom" and s.group in ("goods", "device")

    def _left_side(self, s: _Sentence, cond: Match, kind: str, strong_only: bool) -> Found | None:
        """A predicate before the condition that governs it: "cures arthritis"."""
        doc = s.doc
        for p in sorted(s.preds, key=lambda p: -p.end):
            if p.end > cond.start or p.kind in ("suffix", "prefix", "weight_amount", "outcome"):
                continue
            head = doc[p.start]
            lemma, low = head.lemma_.lower(), head.lower_
            pk = p.kind
            if (
                pk in ("strong", "soft")
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
            window = doc[max(s.lo, p.start - 4) : p.start]
            reduced = any(t.lemma_.lower() in REDUCERS for t in window)
            if not predicate_counts(pk, kind, lemma, low, s.health, s.group, reduced):
                continue
            if not self.clause.governs(doc, p.end, cond, noun=pk == "noun", prep=pk == "prep"):
                continue
            if qualified(s.quals, p.start, cond) or self.clause.negated(doc, p.start, s.lo):
                continue
            how = pk if pk in ("noun", "prep", "substitute") else "verb"
            return (p.start, p.end, how, None if pk in ("strong", "soft", "noun") else "weak")
        return None

    def _right_side(self, s: _Sentence, cond: Match, kind: str) -> Found | None:
        """Patterns where the claim word follows (or wraps) the condition."""
        doc = s.doc
        if kind in ("therapy", "generic") or self.clause.negated(doc, cond.start, s.lo):
            return None
        for p in s.preds:  # "anti-cancer"
            if p.kind == "prefix" and p.end == cond.start and kind not in ("appearance", "marker"):
                return (p.start, cond.end, "affix", None)
        if qualified(s.quals, cond.start, cond):  # "occasional constipation relief"
            return None
        j = self._after_conjoined(s, cond)
        if j >= len(doc):
            return None
        tok = doc[j]
        lemma = tok.lemma_.lower()
        if kind == "marker":  # "blood sugar control"
            if lemma in ("control", "management", "regulation"):
                return (j, j + 1, "noun", None)
            return None
        for p in s.preds:
            if p.start != j:
                continue
            if p.kind == "suffix" and kind != "appearance":
                return (j, p.end, "affix", None)
            if p.kind == "noun" and (s.health or lemma in STRONG_NOUNS):
                if kind == "appearance" and lemma not in STRONG_NOUNS:
                    return None
                return (j, p.end, "noun", None)
        if kind == "appearance" or not s.health:
            return None
        if tok.lower_ in PATIENTS:
            return (j, j + 1, "target", "weak")
        if tok.lower_ in self.voc.remedy_nouns and kind in ("disease", "cosmetic", "symptom"):
            return (j, j + 1, "name", "weak")
        # passive: "arthritis can be cured"; testimonial: "my psoriasis is completely gone"
        k = j
        while k < len(doc) and k - j < 3 and doc[k].lower_ in PASSIVE_AUX | INTENSIFIERS:
            k += 1
        for p in s.preds:
            if p.start == k and (p.kind == "outcome" or (k > j and p.kind == "strong")):
                return (k, p.end, "passive", None)
        return None

    @staticmethod
    def _after_conjoined(s: _Sentence, cond: Match) -> int:
        """The token after this condition and any joined to it: "cold and flu| remedy"."""
        starts = {c.start: c.end for c in s.conds}
        j = cond.end
        while j < len(s.doc) and j - cond.end < 6:
            if s.doc[j].lower_ in ("&", "and", "/", ",", "or", "-") and j + 1 in starts:
                j = starts[j + 1]
                continue
            break
        return j

    def _phrase_claim(self, s: _Sentence, ph: Match) -> Claim | None:
        span = s.doc[ph.start : ph.end]
        entry = self.voc.phrases.get(span.text.lower())
        if entry is None or self.clause.negated(s.doc, ph.start, s.lo):
            return None
        if any(ctx in s.text for ctx in self.voc.benign_sentences.get(entry.term, ())):
            return None
        rule, severity = phrase_rule(entry.claim, s.group, entry.term)
        if rule is None:
            return None
        return Claim(
            rule, span.start_char, span.end_char, entry.term, entry.claim, "", "phrase", severity
        )


def _extend(first: Claim, later: Claim) -> Claim:
    """``first`` with its span stretched over a further condition of the same predicate."""
    return Claim(
        first.rule,
        min(first.start, later.start),
        max(first.end, later.end),
        first.term,
        first.kind,
        first.topic,
        first.how,
        first.severity,
    )
