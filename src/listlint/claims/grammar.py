"""Claim grammar: does a predicate govern a condition within a sentence?

Works on one spaCy ``Doc`` (a candidate sentence in matching form). With a statistical
pipeline the dependency parse decides government (the predicate is an ancestor of the
condition) and part-of-speech tags separate "treats arthritis" (verb) from "dog treats"
(noun). With the blank pipeline the same decisions use a clause window: the condition
follows the predicate within a few content words, with no clause break ("but", "for",
"which", sentence end) between them.

Patterns, from FDA 21 CFR 101.93(g)(2) and the marketplace pages in policy_facts.md:

* verb: "cures arthritis", "can reduce risk of cancer", "fight any virus"
* noun: "treatment for coronavirus", "arthritis pain relief", "cold and flu remedy"
* affix: "anti-cancer", "cancer-fighting"
* passive: "tumors are dissolved"
* health products only: "for people with diabetes", "good against arthritis",
  "Cervical Cancer Tea", "popular with HIV patients"
* substitution: "alternative to chemotherapy", "reduce your need for insulin"

and what cancels them: negation ("does not cure"), disclaimers ("not intended to
diagnose, treat, cure or prevent any disease"), structure/function qualifiers ("relief of
occasional sleeplessness", "healthy blood sugar levels already within the normal range"),
benign contexts ("hearing aids", "Cancer zodiac necklace").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from listlint.claims.category import HEALTH
from listlint.claims.vocab import Vocabulary

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from listlint.claims.pipeline import ClaimMatchers

#: words that may sit between a predicate and its condition without breaking the link
GLUE = frozenset(
    ",;&/()-\"' and or nor the a an all any every your my our their its his her of forms form "
    "types type kinds kind symptoms symptom signs effects cells risk risks many most other such "
    "as like including include even both chronic severe acute painful serious bad common early "
    "stage stages associated related caused by due to in from against deadly harmful nasty "
    "stubborn itchy advanced late body body's 's certain some various most".split()
)
#: tokens that end the clause a verb predicate governs
BREAKERS = frozenset(
    ". ! ? : but while whereas although though because if unless when whether than for with "
    "without which who whose so then since until after before".split()
)
#: predicates that are also common nouns ("dog treats", "a cure", "arch support")
AMBIGUOUS = frozenset(
    "treat cure remedy support help aid control balance fight block clear attack cut drop "
    "target fix end relief".split()
)
NOUN_CUES = frozenset(
    "a an the this that these those our your their its dog dogs cat cats pet pets puppy "
    "kitten training dental chew sweet special tasty halloween holiday chicken beef lunch "
    "customer arch lumbar back neck technical tech".split()
)
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
#: words after which the disease is what a predicate is aimed at ("bacteria that cause ulcers")
CAUSES = frozenset("cause causes causing caused trigger triggers triggering behind".split())
#: suitability, not effect: "celiac-friendly", "diabetic safe"
SUITABILITY = frozenset("friendly safe suitable approved appropriate".split())
#: words linking a target group to its condition: "people with", "those suffering from"
TARGET_LINKS = frozenset("with suffering from who have has living diagnosed prone".split())
REDUCERS = frozenset("reduce decrease eliminate lower cut lessen end remove".split())
PASSIVE_AUX = frozenset("is are was were be been being get gets got can will may has have".split())
INTENSIFIERS = frozenset("completely totally fully all finally now just almost entirely".split())
#: groups where claims are not the seller's to avoid: media (subject matter), drugs (indications)
SUBJECT_MATTER = frozenset({"media", "drug"})
#: drug-class words that on goods are pesticidal (EPA) claims: "antibacterial cutting board"
ANTIMICROBIAL = frozenset(
    "antibacterial anti-bacterial antimicrobial anti-microbial antifungal anti-fungal antiviral "
    "anti-viral antiseptic".split()
)


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim found in a doc: character span (in the doc text), what it is about, how."""

    rule: str  # disease | drug | approval | pesticidal | efficacy | weight
    start: int
    end: int
    term: str  # the condition or phrase, as matched
    kind: str  # condition kind or phrase claim
    topic: str
    how: str  # verb | noun | affix | passive | prep | target | name | substitute | implied | phrase
    severity: str | None = None  # "warning"/"info" when weaker than the rule's default


@dataclass
class _Match:
    kind: str
    start: int  # token indices
    end: int


def _matches(matcher, doc: Doc, labels: dict[int, str]) -> list[_Match]:  # type: ignore[no-untyped-def]
    return [_Match(labels.get(mid, doc.vocab.strings[mid]), s, e) for mid, s, e in matcher(doc)]


def _longest(found: list[_Match]) -> list[_Match]:
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[_Match] = []
    for m in found:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


class Grammar:
    """Claims in spaCy docs, for a product group (see :mod:`listlint.claims.category`)."""

    def __init__(self, matchers: ClaimMatchers, voc: Vocabulary) -> None:
        self.m = matchers
        self.voc = voc
        self.parsed = matchers.parsed

    # -- token tests ------------------------------------------------------------------
    def _is_verb(self, tok: Token) -> bool:
        if self.parsed and tok.pos_:
            return tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.tag_ == "VBN")
        lemma = tok.lemma_.lower()
        if lemma not in AMBIGUOUS and tok.lower_ not in AMBIGUOUS:
            return True
        prev = tok.doc[tok.i - 1].lower_ if tok.i > tok.sent.start else ""
        nxt = tok.doc[tok.i + 1].lower_ if tok.i + 1 < tok.sent.end else ""
        return prev not in NOUN_CUES and nxt not in ("for", "from", "of", "bag", "bags", "jar")

    def _negated(self, doc: Doc, i: int) -> bool:
        """Is the word at ``i`` negated (a negator a few words before, same clause)?"""
        if self.parsed:
            tok = doc[i]
            for t in (tok, tok.head, tok.head.head):
                if any(c.dep_ == "neg" for c in t.children):
                    return True
        sent_start = doc[i].sent.start
        for j in range(i - 1, max(sent_start, i - 8) - 1, -1):
            low = doc[j].lower_
            if low in self.voc.negators:
                return True
            if low in BREAKERS and low not in ("for", "with", "without"):
                return False
        return False

    def _governs(
        self, doc: Doc, pred_end: int, cond: _Match, *, noun: bool = False, prep: bool = False
    ) -> bool:
        """Does a predicate ending at token ``pred_end`` govern ``cond`` (to its right)?"""
        if cond.start < pred_end:
            return False
        gap = doc[pred_end : cond.start]
        if noun:  # "treatment for", "relief from", "cure of"
            if not len(gap) or gap[0].lower_ not in ("for", "of", "from", "against", "to", "in"):
                return False
            gap = gap[1:]
        if prep:  # "for people with diabetes", "for dogs suffering from arthritis"
            return len(gap) <= 5 and all(
                t.lower_ in GLUE or t.lower_ in self.voc.targets or t.lower_ in TARGET_LINKS
                for t in gap
            )
        if not noun and self.parsed:
            pred = doc[pred_end - 1]
            if pred.is_ancestor(doc[cond.end - 1]) or pred.is_ancestor(doc[cond.start]):
                return cond.start - pred_end <= 20
        content = 0
        for tok in gap:
            low = tok.lower_
            if low in BREAKERS:
                return False
            if low in CAUSES:  # "eliminates toxins that cause autism": the target is the disease
                content = 0
            elif low not in GLUE and not tok.is_punct and not tok.like_num:
                content += 1
        return content <= 3

    # -- per doc ----------------------------------------------------------------------
    def claims(self, doc: Doc, group: str) -> Iterator[Claim]:
        """Claims in ``doc`` (character offsets in ``doc.text``) for a product group."""
        if group in SUBJECT_MATTER:
            return
        labels = self.m.labels
        benign = [(s, e) for _, s, e in self.m.benign(doc)]

        def kept(m: _Match) -> bool:  # not the word inside "hearing aids", "dog treats"
            return not any(
                s <= m.start and m.end <= e and e - s > m.end - m.start for s, e in benign
            )

        conds = [m for m in _longest(_matches(self.m.conditions, doc, labels)) if kept(m)]
        phrases = [m for m in _longest(_matches(self.m.phrases, doc, labels)) if kept(m)]
        preds = _matches(self.m.predicates, doc, labels)
        quals = [(s, e) for _, s, e in self.m.qualifiers(doc)]
        disclaimers = [s for _, s, _ in self.m.disclaimers(doc)]
        for sent in doc.sents:
            lo, hi = sent.start, sent.end
            if any(lo <= s < hi for s in disclaimers):
                continue
            yield from self._sentence(
                doc,
                sent,
                group,
                [m for m in conds if lo <= m.start and m.end <= hi],
                [m for m in phrases if lo <= m.start and m.end <= hi],
                [m for m in preds if lo <= m.start and m.end <= hi],
                [q for q in quals if lo <= q[0] and q[1] <= hi],
            )

    def _sentence(
        self,
        doc: Doc,
        sent: Span,
        group: str,
        conds: list[_Match],
        phrases: list[_Match],
        preds: list[_Match],
        quals: list[tuple[int, int]],
    ) -> Iterator[Claim]:
        if not conds and not phrases and not preds:
            return
        low_text = sent.text.lower()
        # one claim per predicate: "cures A and B"; a disease outranks a cosmetic condition
        # ("apply to skin cancer lesions" is a disease claim, not only a drug claim)
        by_anchor: dict[int, Claim] = {}
        for cond in conds:
            found = self._condition_claim(doc, cond, preds, quals, conds, group, low_text)
            if found is None:
                continue
            anchor, claim = found
            prev = by_anchor.get(anchor)
            if prev is None:
                by_anchor[anchor] = claim
            else:
                first, later = sorted((prev, claim), key=lambda c: RULE_RANK.index(c.rule))
                by_anchor[anchor] = _extend(first, later)
        found = list(by_anchor.values())
        yield from found
        for ph in phrases:
            claim = self._phrase_claim(doc, ph, group, low_text)
            # "kills bacteria", "removes wrinkles", "anti-cancer": the condition claim says it
            if claim and not any(c.start < claim.end and claim.start < c.end for c in found):
                yield claim
        for p in preds:
            if p.kind == "weight_amount" and not self._negated(doc, p.start):
                span = doc[p.start : p.end]
                yield Claim(
                    "weight",
                    span.start_char,
                    span.end_char,
                    span.text,
                    "weight",
                    "weight",
                    "phrase",
                )

    def _qualified(self, quals: list[tuple[int, int]], lo: int, cond: _Match) -> bool:
        for s, e in quals:
            if lo <= s and e <= cond.start:  # between predicate and condition
                return True
            if cond.start - 3 <= s and e <= cond.start:  # right before ("occasional ...")
                return True
            if cond.end <= s <= cond.end + 4:  # right after ("... after exercise")
                return True
        return False

    def _condition_claim(
        self,
        doc: Doc,
        cond: _Match,
        preds: list[_Match],
        quals: list[tuple[int, int]],
        conds: list[_Match],
        group: str,
        low_text: str,
    ) -> tuple[int, Claim] | None:
        entry = self.voc.conditions.get(doc[cond.start : cond.end].text.lower())
        if entry is None:
            return None
        kind = entry.kind
        health = group in HEALTH
        nxt = [t.lower_ for t in doc[cond.end : cond.end + 2] if t.lower_ != "-"]
        if nxt and nxt[0] in SUITABILITY:
            return None  # "celiac-friendly", "diabetic safe": who may use it, not what it does
        if nxt and nxt[0] in ("causing", "related") and kind != "pathogen":
            return None  # "acne-causing bacteria": the claim is about the bacteria
        subject = any(ctx in low_text for ctx in self.voc.benign_sentences.get(entry.term, ()))
        if kind == "symptom" and group in ("goods", "device"):
            return None  # pain relief is what many devices and goods are for
        found: tuple[int, int, str, str | None] | None = None  # (start, end token, how, strength)

        for p in sorted(preds, key=lambda p: -p.end):
            if p.end > cond.start or p.kind in ("suffix", "prefix", "weight_amount", "outcome"):
                continue
            head = doc[p.start]
            lemma = head.lemma_.lower()
            if p.kind in ("strong", "soft") and p.end - p.start == 1 and not self._is_verb(head):
                if lemma in STRONG_NOUNS or head.lower_ in STRONG_NOUNS:
                    pk = "noun"
                else:
                    continue
            else:
                pk = p.kind
            if subject and pk != "strong":
                continue
            if not self._allowed(pk, kind, lemma, head.lower_, health, group, doc, p):
                continue
            if not self._governs(doc, p.end, cond, noun=pk == "noun", prep=pk == "prep"):
                continue
            if self._qualified(quals, p.start, cond) or self._negated(doc, p.start):
                continue
            how = {"noun": "noun", "prep": "prep", "substitute": "substitute"}.get(pk, "verb")
            found = (p.start, p.end, how, None if pk in ("strong", "soft", "noun") else "weak")
            break

        if found is None and not subject:
            found = self._right_side(doc, cond, preds, quals, conds, kind, health)
        if found is None and kind == "implied" and health and not self._negated(doc, cond.start):
            found = (
                cond.start,
                cond.end,
                "implied",
                "weak",
            )  # "cancer cells" in a supplement's text
        if found is None:
            return None
        start_tok, end_tok, how, strength = found
        lo, hi = min(start_tok, cond.start), max(cond.end, end_tok)
        span = doc[lo:hi]
        rule = _rule_for(kind, group)
        weak = strength == "weak" and (
            how == "implied" or group not in ("supplement", "food", "pet")
        )
        severity = "warning" if group == "device" or weak else None
        if how == "affix" and kind in ("cosmetic", "appearance"):
            severity = "warning"  # "anti-dandruff shampoo" can be a compliant OTC drug
        claim = Claim(
            rule, span.start_char, span.end_char, entry.term, kind, entry.topic, how, severity
        )
        return start_tok, claim

    def _allowed(
        self,
        pk: str,
        kind: str,
        lemma: str,
        low: str,
        health: bool,
        group: str,
        doc: Doc,
        p: _Match,
    ) -> bool:
        if pk == "substitute":
            if kind not in ("therapy", "marker"):  # "no need for insulin"
                return False
            if low == "need":  # "reduce your body's need for insulin"
                window = doc[max(doc[p.start].sent.start, p.start - 4) : p.start]
                return any(t.lemma_.lower() in REDUCERS for t in window)
            return True
        if kind == "therapy":
            return False
        if pk == "prep":
            return health and kind in ("disease", "cosmetic", "symptom")
        if kind == "marker":
            return pk == "noun" or lemma in MARKER_VERBS or low in MARKER_VERBS
        if kind == "pathogen":
            return pk == "strong" and (
                lemma in PATHOGEN_VERBS or " " in low or low in PATHOGEN_VERBS
            )
        if kind in ("appearance", "generic"):
            return pk in ("strong", "noun") and (kind == "generic" or lemma not in ("clear",))
        if pk == "noun":
            return health or group == "device" or lemma in STRONG_NOUNS or low in STRONG_NOUNS
        if pk == "soft" and not health and group != "device":
            return kind == "disease"
        return True

    def _right_side(
        self,
        doc: Doc,
        cond: _Match,
        preds: list[_Match],
        quals: list[tuple[int, int]],
        conds: list[_Match],
        kind: str,
        health: bool,
    ) -> tuple[int, int, str, str | None] | None:
        """Patterns where the claim word follows (or wraps) the condition."""
        if kind in ("therapy", "generic"):
            return None
        if self._negated(doc, cond.start):
            return None
        # "anti-cancer"
        for p in preds:
            if p.kind == "prefix" and p.end == cond.start and kind not in ("appearance", "marker"):
                return (p.start, cond.end, "affix", None)
        if self._qualified(quals, cond.start, cond):  # "occasional constipation relief"
            return None
        # skip further conditions joined to this one: "cold and flu remedy"
        starts = {c.start: c.end for c in conds}
        j = cond.end
        while j < len(doc) and j - cond.end < 6:
            if doc[j].lower_ in ("&", "and", "/", ",", "or", "-") and j + 1 in starts:
                j = starts[j + 1]
                continue
            break
        if j >= len(doc):
            return None
        tok = doc[j]
        lemma = tok.lemma_.lower()
        if kind == "marker":
            if lemma in ("control", "management", "regulation") and not self._qualified(
                quals, cond.start, cond
            ):
                return (j, j + 1, "noun", None)
            return None
        for p in preds:
            if p.start != j:
                continue
            if p.kind == "suffix" and kind not in ("appearance",):
                return (j, p.end, "affix", None)
            if p.kind == "noun" and (health or lemma in STRONG_NOUNS):
                if kind == "appearance" and lemma not in STRONG_NOUNS:
                    return None
                return (j, p.end, "noun", None)
        if kind == "appearance" or not health:
            return None
        if tok.lower_ in self.voc.targets and tok.lower_ in (
            "patients",
            "patient",
            "sufferers",
            "sufferer",
        ):
            return (j, j + 1, "target", "weak")
        if tok.lower_ in self.voc.remedy_nouns and kind in ("disease", "cosmetic", "symptom"):
            return (j, j + 1, "name", "weak")
        # passive: "tumors are dissolved", "arthritis can be cured"; testimonials: "my
        # psoriasis is completely gone"
        k = j
        while k < len(doc) and k - j < 3 and doc[k].lower_ in PASSIVE_AUX | INTENSIFIERS:
            k += 1
        for p in preds:
            if p.start == k and (p.kind == "outcome" or (k > j and p.kind == "strong")):
                return (k, p.end, "passive", None)
        return None

    def _phrase_claim(self, doc: Doc, ph: _Match, group: str, low_text: str) -> Claim | None:
        span = doc[ph.start : ph.end]
        entry = self.voc.phrases.get(span.text.lower())
        if entry is None or self._negated(doc, ph.start):
            return None
        if any(ctx in low_text for ctx in self.voc.benign_sentences.get(entry.term, ())):
            return None
        rule, severity = _phrase_rule(entry.claim, group, entry.term)
        if rule is None:
            return None
        return Claim(
            rule, span.start_char, span.end_char, entry.term, entry.claim, "", "phrase", severity
        )


RULE_RANK = ("disease", "drug", "pesticidal")


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


def _rule_for(kind: str, group: str) -> str:
    if kind in ("cosmetic", "appearance", "symptom") and group == "cosmetic":
        return "drug"
    if kind == "pathogen" and group == "cosmetic":
        return "drug"  # killing germs on the body is an antiseptic (drug) claim
    if kind == "pathogen" and group not in ("supplement", "food"):
        return "pesticidal"
    return "disease"


def _phrase_rule(claim: str, group: str, term: str) -> tuple[str | None, str | None]:
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
    if claim == "efficacy":
        return ("efficacy", None)
    if claim == "weight":
        return ("weight", None)
    return (None, None)
