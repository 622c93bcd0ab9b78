"""Claim grammar: does a predicate govern a condition within a sentence?

Works on spaCy docs of candidate sentences in matching form. Patterns, from FDA 21 CFR
101.93(g)(2) and the marketplace pages in policy_facts.md:

* verb: "cures arthritis", "can reduce risk of cancer", "fight any virus"
* noun: "treatment for coronavirus", "arthritis pain relief", "cold and flu remedy"
* affix: "anti-cancer", "cancer-fighting"
* passive and testimonial: "tumors are dissolved", "my psoriasis is completely gone"
* health products only: "for people with diabetes", "good against arthritis",
  "Cervical Cancer Tea", "popular with HIV patients", "cancer cells"
* substitution: "alternative to chemotherapy", "reduce your need for insulin", "works
  like a statin", "my doctor took me off metformin"
* labels and tags: "Indications: gout, rheumatism", "Keywords: diabetes", "#arthritis"
* testimonials and questions: "my eczema flare-ups stopped", "Kidney stones? Try this"
* the same in Spanish, Portuguese, German, French and Indonesian (predicates carry their
  language and count only in a listing of that language, see
  :mod:`listlint.rules.claims.language`)

Conditions come from the hand lists (``conditions.tsv``) and from the generated lexicon
(:mod:`listlint.rules.claims.lexicon`), whose ambiguity marks are honoured: a name with
other senses (Cancer the sign, shingles on a roof) needs a health product or a strong
predicate, a rare-sense name (cold, stroke, fit) an explicit frame (a strong verb or noun,
a label, a testimonial), an abbreviation capitals and a health product.

and what cancels them: negation ("does not cure"), disclaimers ("not intended to
diagnose, treat, cure or prevent any disease"), structure/function qualifiers ("relief of
occasional sleeplessness", "healthy blood sugar levels already within the normal range"),
suitability ("celiac-friendly"), benign contexts ("hearing aids", "Cancer zodiac necklace").
Token tests are in :mod:`listlint.rules.claims.clause`, word-to-rule decisions in
:mod:`listlint.rules.claims.verdicts`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from listlint.rules.claims.category import HEALTH
from listlint.rules.claims.clause import Clause, Match, longest, matches, qualified
from listlint.rules.claims.frames import cures, framed, lexicon_counts
from listlint.rules.claims.lexicon import LexHit, condition_lexicon
from listlint.rules.claims.phrases import Phrases
from listlint.rules.claims.sides import Found, Sentence, Sides
from listlint.rules.claims.verdicts import (
    RULE_RANK,
    SUBJECT_MATTER,
    condition_rule,
    mood_only,
)
from listlint.rules.claims.vocab import Condition, Vocabulary

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from listlint.rules.claims.pipeline import ClaimMatchers

#: words of a keyword list that name a disease (not a symptom or a marker: "joint pain",
#: "blood sugar" are how shoppers search for structure/function products too)
KEYWORD_KINDS = frozenset({"disease", "implied"})
#: conditions a later clause may take up by a pronoun ("coats the virus and immobilizes
#: its activity"): a pronoun after "cures" could not stand for an appearance word
ANAPHOR_KINDS = frozenset({"disease", "pathogen", "symptom"})


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
    #           keyword | header | question | phrase
    severity: str | None = None  # "warning"/"info" when weaker than the rule's default


class Grammar:
    """Claims in spaCy docs, for a product group (see :mod:`listlint.rules.claims.category`)."""

    def __init__(self, matchers: ClaimMatchers, voc: Vocabulary) -> None:
        self.m = matchers
        self.voc = voc
        self.clause = Clause(
            matchers.parsed, voc.negators, voc.targets, voc.glue, voc.breakers, voc.target_links
        )
        self.sides = Sides(voc, self.clause)
        self.phrases = Phrases(voc, self.clause)
        #: condition -> its subject-matter contexts as one whole-word regex
        self._contexts: dict[str, re.Pattern[str]] = {}

    def claims(
        self,
        doc: Doc,
        group: str,
        keywords: bool = False,
        names: Sequence[LexHit] = (),
        langs: frozenset[str] | None = None,
        cause: bool = False,
        title: bool = False,
        remedy: bool = False,
        ingested: bool = False,
    ) -> Iterator[Claim]:
        """Claims in ``doc`` (character offsets in ``doc.text``) for a product group;
        ``keywords``: the doc is a list of search keywords (tags), not prose; ``names``:
        the lexicon's conditions in it; ``langs``: the languages whose predicates count
        (None: all); ``cause``: the listing supports a cause (awareness, charity, a
        memorial: :meth:`cause_words`), which on anything but a health product makes its
        disease words subject matter ("Walk to cure diabetes" T-shirt); ``title``: the doc
        is the listing's title (what the product is called, not a feature list);
        ``remedy``: the listing names a product form of remedies ("cápsulas", "chá",
        "drops"), which makes an uncategorised listing a health product for the lexicon;
        ``ingested``: one that is swallowed (calming chews, not a calming spray or bed)."""
        if group in SUBJECT_MATTER or (cause and group not in HEALTH):
            return
        names = [
            LexHit(h.start, h.end, entry, h.row)
            for h in names
            if (entry := h.in_language(langs)) is not None
        ]
        conds = self._conditions(doc, names)
        if keywords:
            yield from self._keyword_claims(doc, group, conds, doc.text.lower())
            return
        labels = self.m.labels
        phrases = [m for m in longest(matches(self.m.phrases, doc, labels)) if self._kept(doc, m)]
        preds = matches(self.m.predicates, doc, labels)
        preds += matches(self.m.predicate_phrases, doc, labels)
        if langs is not None:
            preds = [p for p in preds if not p.lang or p.lang in langs]
        quals = [(s, e) for _, s, e in self.m.qualifiers(doc)]
        disclaimers = sorted(s for _, s, _ in self.m.disclaimers(doc))
        within = _Within(conds), _Within(phrases), _Within(preds), _Within(quals)
        told = 0
        for sent in doc.sents:
            lo, hi = sent.start, sent.end
            k = bisect_left(disclaimers, lo)
            if k < len(disclaimers) and disclaimers[k] < hi:
                continue
            for a, b in _windows(lo, hi):
                if told >= MOST_CLAIMS:
                    return  # a text of thousands of claims is flagged by its first ones
                in_conds, in_phrases, in_preds, in_quals = (w.between(a, b) for w in within)
                for claim in self._sentence(
                    Sentence(
                        doc,
                        group,
                        in_conds,
                        in_phrases,
                        in_preds,
                        in_quals,
                        doc[a:b].text.lower(),
                        a,
                        b,
                        title,
                        remedy,
                        ingested,
                    )
                ):
                    told += 1
                    yield claim

    def cause_words(self) -> tuple[str, ...]:
        """Contexts that make any condition subject matter (benign.tsv term "*")."""
        return self.voc.benign_sentences.get("*", ())

    @cached_property
    def causes(self) -> re.Pattern[str]:
        """:meth:`cause_words` as one whole-word regex."""
        words = sorted(self.cause_words(), key=len, reverse=True)
        return re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in words)})\b")

    def _kept(self, doc: Doc, m: Match) -> bool:
        """Not the word inside "hearing aids", "dog treats" (a benign phrase around it)."""
        return not any(
            s <= m.start and m.end <= e and e - s > m.end - m.start for s, e in self._benign(doc)
        )

    def _benign(self, doc: Doc) -> list[tuple[int, int]]:
        if doc.user_data.get("benign") is None:
            doc.user_data["benign"] = [(s, e) for _, s, e in self.m.benign(doc)]
        return doc.user_data["benign"]

    def _conditions(self, doc: Doc, names: Sequence[LexHit]) -> list[Match]:
        """Hand-listed conditions, then the lexicon's names (a hand entry wins a tie: its
        kinds are finer), benign phrases removed, longest first."""
        found: list[Match] = []
        for m in matches(self.m.conditions, doc, self.m.labels):
            m.entry = self.voc.conditions.get(doc[m.start : m.end].text.lower())
            if m.entry is not None:
                found.append(m)
        for h in names:
            span = doc.char_span(h.start, h.end, alignment_mode="expand")
            if span is None:
                continue
            cond = self._hand_entry(span.text.lower(), h) or _condition(h)
            found.append(Match(cond.kind, span.start, span.end, cond.lang, cond))
        kept = [m for m in longest(found) if self._kept(doc, m)]
        return kept

    def lexicon_ambiguity(self, cond: Match, doc: Doc) -> str:
        """The lexicon's ambiguity mark of a hand-listed term ("seizure" of a bolt,
        "cold"), asked only off health products (the hand lists' own benign contexts
        handle them in health products)."""
        if cond.entry.ambiguity or cond.lang not in ("", "en"):
            return cond.entry.ambiguity
        hit = condition_lexicon().exact(doc[cond.start : cond.end].text.lower())
        return hit.entry.ambiguity if hit is not None else ""

    def _hand_entry(self, text: str, hit: LexHit) -> Condition | None:
        """The hand lists' entry for a lexicon name in its singular or plural ("pimple"
        is listed as "pimples", an appearance word): their kinds are finer; the lexicon's
        ambiguity mark stays ("seizure" of a bolt)."""
        for form in (text, text + "s", text[:-1] if text.endswith("s") else ""):
            entry = self.voc.conditions.get(form)
            if entry is not None:
                if form == text or not hit.entry.ambiguity:
                    return entry
                return Condition(
                    entry.term, entry.kind, entry.topic, entry.lang, hit.entry.ambiguity
                )
        return None

    def _keyword_claims(
        self, doc: Doc, group: str, conds: list[Match], text: str
    ) -> Iterator[Claim]:
        """A named disease among a health product's search keywords ("turmeric, arthritis,
        joint pain"): Amazon treats disease names used as keywords as disease claims."""
        if group not in HEALTH:
            return
        for m in conds:
            claim = self._keyword(doc, group, m, text)
            if claim is not None:
                yield claim

    def _keyword(self, doc: Doc, group: str, m: Match, text: str) -> Claim | None:
        entry = m.entry
        if entry.kind not in KEYWORD_KINDS or entry.ambiguity:
            return None  # "cold", "stroke", "Cancer": a keyword list gives no frame
        if self._subject(entry, text):
            return None
        span = doc[m.start : m.end]
        rule = condition_rule(entry.kind, group)
        return Claim(
            rule,
            span.start_char,
            span.end_char,
            entry.term,
            entry.kind,
            entry.topic,
            "keyword",
            "warning",
        )

    def _subject(self, entry: Condition, text: str) -> bool:
        """Does the sentence make the condition subject matter (zodiac, awareness)?"""
        found = self._contexts.get(entry.term)
        if found is None:
            contexts = {*self.voc.benign_sentences.get(entry.term, ()), *self.cause_words()}
            alternatives = "|".join(re.escape(c) for c in sorted(contexts, key=len, reverse=True))
            found = self._contexts[entry.term] = re.compile(rf"\b(?:{alternatives})\b")
        return found.search(text) is not None

    def _sentence(self, s: Sentence) -> Iterator[Claim]:
        # one claim per predicate: "cures A and B"; a disease outranks a cosmetic condition
        # ("apply to skin cancer lesions" is a disease claim, not only a drug claim)
        by_anchor: dict[int, Claim] = {}
        labelled = self.sides.labelled(s)
        for cond in s.conds:
            label = labelled.get(cond.start)
            if label is not None and label[1] == "tag":
                continue
            if label is not None and label[1] == "keyword":
                found = self._keyword(s.doc, s.group, cond, s.text) if s.health else None
                found_at = (label[0], found) if found else None
            else:
                found_at = self._condition_claim(s, cond, label[0] if label else None)
            if found_at is None:
                continue
            anchor, claim = found_at
            prev = by_anchor.get(anchor)
            if prev is None:
                by_anchor[anchor] = claim
            else:
                first, later = sorted((prev, claim), key=lambda c: RULE_RANK.index(c.rule))
                by_anchor[anchor] = _extend(first, later)
        found_claims = list(by_anchor.values())
        phrase_claims = self.phrases.claims(s, found_claims)
        for c in found_claims:
            # "pain reliever": the drug class says it better than "relieves pain"
            if not any(
                p.kind == "drug" and p.start <= c.start and c.end <= p.end for p in phrase_claims
            ):
                yield c
        for claim in phrase_claims:
            # "kills bacteria", "removes wrinkles", "anti-cancer": the condition claim says it
            covered = [c for c in found_claims if c.start < claim.end and claim.start < c.end]
            if not covered or (
                claim.kind == "drug"
                and all(claim.start <= c.start and c.end <= claim.end for c in covered)
            ):
                yield claim
        for p in s.preds:
            if p.kind == "weight_amount" and not self.clause.negated(s.doc, p.start, s.lo):
                span = s.doc[p.start : p.end]
                yield Claim(
                    "weight", span.start_char, span.end_char, span.text, "weight", "", "phrase"
                )

    def _condition_claim(
        self, s: Sentence, cond: Match, header: int | None
    ) -> tuple[int, Claim] | None:
        doc = s.doc
        entry: Condition = cond.entry
        if self._excluded(s, cond, entry):
            return None
        subject = self._subject(entry, s.text)
        if subject and not s.health and entry.kind not in ("pathogen",):
            return None  # "walk to cure diabetes" on a T-shirt: a cause, not a claim
        found: Found | None = None
        if header is not None and entry.kind in (
            "disease",
            "symptom",
            "marker",
            "pathogen",
            "implied",
        ):
            if not qualified(s.quals, header, cond):
                found = (header, header + 1, "header", None, True)
        if found is None:
            found = self.sides.left(s, cond, entry.kind, strong_only=subject)
        if found is None and not subject:
            found = self.sides.right(s, cond, entry.kind)
        if found is None and not subject and entry.kind in ANAPHOR_KINDS:
            found = self.sides.back(s, cond)
        if found is None and entry.kind == "implied" and s.health:
            if not self.clause.negated(doc, cond.start, s.lo):
                found = (cond.start, cond.end, "implied", "weak", False)  # "cancer cells"
        if found is None:
            return None
        if (
            s.group == "cosmetic"
            and entry.kind in ("cosmetic", "appearance")
            and found[2] in ("prep", "target")
        ):
            return None  # "for those with thinning hair", "for acne-prone skin": who it suits
        if entry.lexicon and not lexicon_counts(s, entry, found):
            return None
        if not s.health and not entry.ambiguity:
            # a hand-listed word the lexicon marks ambiguous ("seizure" of a bolt) takes
            # a cure verb off health products: "heals cancer" on a crystal still counts
            if self.lexicon_ambiguity(cond, doc) and not cures(s, found):
                return None
        elif not framed(s, entry, found, cond.start):
            return None
        start_tok, end_tok, how, strength, _ = found
        span = doc[min(start_tok, cond.start) : max(cond.end, end_tok)]
        weak = strength == "weak" and (
            how in ("implied", "question") or s.group not in ("supplement", "food", "pet")
        )
        if mood_only(entry.topic, s.group) and not found[4]:
            if s.group == "goods" or (s.group in ("unknown", "pet") and not s.ingested):
                return None  # a calming bed, blanket, diffuser or wrap "reduces anxiety"
            weak = True  # calming chews: a warning
        severity = "warning" if s.group == "device" or weak else None
        if how == "affix" and entry.kind in ("cosmetic", "appearance"):
            # "anti-dandruff shampoo", "Anti-Acne cleanser": the product type of a compliant
            # OTC drug (with its Drug Facts label) or a cosmetic line's name
            severity = "info" if s.group in ("cosmetic", "unknown") else "warning"
        rule = condition_rule(entry.kind, s.group)
        claim = Claim(
            rule, span.start_char, span.end_char, entry.term, entry.kind, entry.topic, how, severity
        )
        return start_tok, claim

    def _excluded(self, s: Sentence, cond: Match, entry: Condition) -> bool:
        doc = s.doc
        nxt = [t.lower_ for t in doc[cond.end : cond.end + 2] if t.lower_ != "-"]
        if nxt and nxt[0] in self.voc.suitability_after:
            return True  # "celiac-friendly", "diabetic safe": who may use it, not what it does
        before = " ".join(t.lower_ for t in doc[max(s.lo, cond.start - 4) : cond.start])
        if any(before.endswith(p) for p in self.voc.suitability_before):
            return True  # "suitable for diabetics", "con tendencia acneica"
        if nxt and nxt[0] in ("causing", "related") and entry.kind != "pathogen":
            return True  # "acne-causing bacteria": the claim is about the bacteria
        # pain relief is what many devices and goods are for
        return entry.kind == "symptom" and s.group in ("goods", "device")


def _condition(hit: LexHit) -> Condition:
    e = hit.entry
    return Condition(e.term, e.kind, e.topic, e.lang, e.ambiguity, e.code or "lexicon")


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


#: most tokens one sentence is read as at once: every step for a condition looks across
#: its sentence (the predicates before it, the labels, the subject-matter words), so a
#: run-on "sentence" of a whole 1 MB cell would cost its length squared (issue 21's
#: linear-time target). Longer sentences are read in windows of this many tokens; real
#: sentences are far shorter (a claim and its predicate sit within 20 tokens).
MOST_TOKENS = 200
#: most claims read from one text: each costs a look across its window (about 0.25 ms);
#: a cell of thousands of claims is flagged, and explained, by its first hundred
MOST_CLAIMS = 100


def _windows(lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """The token windows a sentence ``[lo, hi)`` is read in."""
    for a in range(lo, hi, MOST_TOKENS):
        yield a, min(a + MOST_TOKENS, hi)


class _Within:
    """Matches (objects with token ``start``/``end``, or ``(start, end)`` pairs) sorted by
    start, so each sentence window takes its own by bisection: picking them by a scan of
    every match per sentence cost the number of sentences times the number of matches."""

    def __init__(self, items: Sequence[Match] | Sequence[tuple[int, int]]) -> None:
        def start(m: Match | tuple[int, int]) -> int:
            return m[0] if isinstance(m, tuple) else m.start

        def end(m: Match | tuple[int, int]) -> int:
            return m[1] if isinstance(m, tuple) else m.end

        order = sorted(range(len(items)), key=lambda k: start(items[k]))
        self._items = [items[k] for k in order]
        self._starts = [start(m) for m in self._items]
        self._ends = [end(m) for m in self._items]
        self._order = order

    def between(self, lo: int, hi: int) -> list[Any]:
        """The matches inside ``[lo, hi)``, in their original order."""
        a, b = bisect_left(self._starts, lo), bisect_left(self._starts, hi)
        found = [k for k in range(a, b) if self._ends[k] <= hi]
        found.sort(key=lambda k: self._order[k])
        return [self._items[k] for k in found]
