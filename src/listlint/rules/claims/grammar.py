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
from collections.abc import Iterator, Sequence
from functools import cached_property
from dataclasses import dataclass
from typing import TYPE_CHECKING

from listlint.rules.claims.category import HEALTH, KNOWN_HEALTH
from listlint.rules.claims.clause import Clause, Match, longest, matches, qualified
from listlint.rules.claims.lexicon import LexHit, condition_lexicon
from listlint.rules.claims.sides import Found, Sentence, Sides
from listlint.rules.claims.verdicts import (
    ANTIMICROBIAL,
    RULE_RANK,
    SUBJECT_MATTER,
    condition_rule,
    mood_only,
    phrase_rule,
)
from listlint.rules.claims.vocab import Condition, Vocabulary

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from listlint.rules.claims.pipeline import ClaimMatchers

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
#: words after which a title lists parts or features: "Refrigerator with Antibacterial Seal"
COMPONENT_LINKS = frozenset({"with", "w", "featuring", "includes", "including", "plus", "+"})
#: groups where an establishment claim ("clinically proven", "dermatologist recommended",
#: "instant relief") needs a condition in its sentence to be reported
EFFICACY_WITH_CONDITION = frozenset({"cosmetic", "pet", "device"})
#: efficacy words that promise, whatever was tested: reported on every product
#: efficacy words about a feeling: a claim only next to a condition claim, on every product
#: ("instant relief" of a cooling mat is from the heat)
FEELINGS = ("relief",)
ABSOLUTE = ("miracle", "magic", "guarantee", "permanent", "100% effective", "100 % effective",
            "instant results", "works instantly", "breakthrough", "proven to cure")  # fmt: skip
#: safety promises: an efficacy claim only next to a health claim ("no side effects and
#: cures cancer"); alone they describe a lip balm's ingredients
SAFETY = ("side effects", "100% safe", "completely safe")
#: words after an antimicrobial word that make it the product's property, not a part's
NOT_COMPONENTS = frozenset(
    "properties property effect effects action activity agent power and or for against to that "
    "which benefits qualities".split()
)
#: words of a keyword list that name a disease (not a symptom or a marker: "joint pain",
#: "blood sugar" are how shoppers search for structure/function products too)
KEYWORD_KINDS = frozenset({"disease", "implied"})


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
        disclaimers = [s for _, s, _ in self.m.disclaimers(doc)]
        for sent in doc.sents:
            lo, hi = sent.start, sent.end
            if any(lo <= s < hi for s in disclaimers):
                continue
            yield from self._sentence(
                Sentence(
                    doc,
                    group,
                    [m for m in conds if lo <= m.start and m.end <= hi],
                    [m for m in phrases if lo <= m.start and m.end <= hi],
                    [m for m in preds if lo <= m.start and m.end <= hi],
                    [q for q in quals if lo <= q[0] and q[1] <= hi],
                    sent.text.lower(),
                    lo,
                    hi,
                    title,
                    remedy,
                    ingested,
                )
            )

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
            s <= m.start and m.end <= e and e - s > m.end - m.start
            for s, e in self._benign(doc)
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
                return Condition(entry.term, entry.kind, entry.topic, entry.lang, hit.entry.ambiguity)
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
            rule, span.start_char, span.end_char, entry.term, entry.kind, entry.topic, "keyword", "warning"
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
        phrase_claims = [c for c in map(lambda ph: self._phrase_claim(s, ph), s.phrases) if c]
        for c in found_claims:
            # "pain reliever": the drug class says it better than "relieves pain"
            if not any(p.kind == "drug" and p.start <= c.start and c.end <= p.end for p in phrase_claims):
                yield c
        if not (found_claims or s.group not in EFFICACY_WITH_CONDITION):
            # "clinically proven to hydrate", "instant relief" (cooling) on a cosmetic or a
            # pet product: a test result or a feeling, not a health claim; absolute
            # promises ("guaranteed results", "miracle") stay
            phrase_claims = [c for c in phrase_claims if c.rule != "efficacy" or _absolute(c.term)]
        if not (found_claims or self._names_condition(s)):
            promises = (*SAFETY, *FEELINGS)
            phrase_claims = [c for c in phrase_claims if not any(w in c.term for w in promises)]
        for claim in phrase_claims:
            # "kills bacteria", "removes wrinkles", "anti-cancer": the condition claim says it
            covered = [c for c in found_claims if c.start < claim.end and claim.start < c.end]
            if not covered or (
                claim.kind == "drug" and all(claim.start <= c.start and c.end <= claim.end for c in covered)
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
        if header is not None and entry.kind in ("disease", "symptom", "marker", "pathogen", "implied"):
            if not qualified(s.quals, header, cond):
                found = (header, header + 1, "header", None, True)
        if found is None:
            found = self.sides.left(s, cond, entry.kind, strong_only=subject)
        if found is None and not subject:
            found = self.sides.right(s, cond, entry.kind)
        if found is None and entry.kind == "implied" and s.health:
            if not self.clause.negated(doc, cond.start, s.lo):
                found = (cond.start, cond.end, "implied", "weak", False)  # "cancer cells"
        if found is None:
            return None
        if s.group == "cosmetic" and entry.kind in ("cosmetic", "appearance") and found[2] in ("prep", "target"):
            return None  # "for those with thinning hair", "for acne-prone skin": who it suits
        if entry.lexicon and not self._lexicon_counts(s, entry, found):
            return None
        if not s.health and not entry.ambiguity:
            # a hand-listed word the lexicon marks ambiguous ("seizure" of a bolt) takes
            # a cure verb off health products: "heals cancer" on a crystal still counts
            if self.lexicon_ambiguity(cond, doc) and not _cures(s, found):
                return None
        elif not self._framed(s, entry, found, cond.start):
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

    @staticmethod
    def _lexicon_counts(s: Sentence, entry: Condition, found: Found) -> bool:
        """The lexicon names thousands of everyday discomforts, skin states and injuries
        the hand lists leave out on purpose, so its names need a firmer frame:

        * relief of a symptom or of a word with other senses ("relieves bloating",
          "Redness Relief", "alivia las molestias") is structure/function or cosmetic
          wording; only plain diseases are relieved in a claim;
        * on goods, and on cosmetics for anything but a disease of the ICD chapters of
          real diseases ("prevent dehydration", "evitar quemaduras solares" of a plant),
          only a cure frame counts: cure, heal, treat, a treatment noun, a label, a
          testimonial;
        * a device's injuries (a blister plaster "heals blisters") are what it is for."""
        if entry.injury and s.group == "device":
            return False
        how, explicit = found[2], found[4]
        word = s.doc[found[0]].lemma_.lower()
        cure = word in CURE_VERBS or how in ("header", "passive") or (how == "noun" and explicit)
        disease = entry.kind == "disease" and not entry.ambiguity
        unsold = s.group == "unknown" and not s.remedy
        if s.group == "goods" or unsold or (s.group == "cosmetic" and not (disease and _real(entry))):
            return cure  # an uncategorised listing that "evita quemaduras solares": an orchid
        if not disease and (word in RELIEF_WORDS or how in ("name", "question")):
            return False
        return True

    @staticmethod
    def _framed(s: Sentence, entry: Condition, found: Found, start: int) -> bool:
        """The lexicon's ambiguity marks. A rare-sense name (cold, stroke, corrosion,
        blister) needs an explicit frame: a strong verb or noun, a label or a testimonial,
        and off health products a cure verb ("prevents corrosion" is a rust spray's job).
        A name with other senses (Cancer the sign, shingles, "wajah") or an abbreviation
        needs a health product, and more than a product name or a bare mention."""
        explicit, how = found[4], found[2]
        health = s.group in KNOWN_HEALTH
        if entry.ambiguity == "rare":  # never a product name ("Shock Therapy", "Cold Brew")
            left_noun = how == "noun" and explicit and found[0] < start
            return how in ("header", "passive") or _cures(s, found) or left_noun
        if entry.ambiguity in ("other", "abbr"):
            return health and (explicit or how not in ("name", "question", "implied", "target"))
        return True

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

    @staticmethod
    def _names_condition(s: Sentence) -> bool:
        return any(
            c.entry.kind in ("disease", "symptom", "cosmetic") and not c.entry.ambiguity
            for c in s.conds
        )

    @staticmethod
    def _component(s: Sentence, ph: Match) -> bool:
        """An antimicrobial word that describes a part or a treatment of the goods, not a
        claim for the buyer: in a feature list ("Anti-bacterial door seal", "antiseptic
        wipes" in a first-aid kit, "antibacterial sanitized hair"), or after "with" in a
        title. EPA's treated-article exemption covers protecting the article itself; the
        product named antibacterial ("Antibacterial Cutting Board") is still reported."""
        before = [t.lower_ for t in s.doc[max(s.lo, ph.start - 6) : ph.start]]
        if any(w in COMPONENT_LINKS for w in before):
            return True  # "Refrigerator with Antibacterial Seal", "includes bandages, antiseptic"
        if s.title:
            return False
        nxt = s.doc[ph.end].lower_.strip("/,;.:") if ph.end < s.hi else ""
        if nxt.isalpha() and nxt not in NOT_COMPONENTS:
            return True  # "anti-bacterial seal", "antiseptic wipes": a part
        # an item of a list of things, not of properties: "bandages, antiseptic, tweezers"
        items = [s.doc[k].lower_ for k in (ph.start - 2, ph.end + 1) if s.lo <= k < s.hi]
        commas = [s.doc[k].text for k in (ph.start - 1, ph.end) if s.lo <= k < s.hi]
        return "," in commas and bool(items) and not any(w in self_phrases(s) for w in items)

    def _phrase_claim(self, s: Sentence, ph: Match) -> Claim | None:
        span = s.doc[ph.start : ph.end]
        entry = self.voc.phrases.get(span.text.lower())
        if entry is None or self.clause.negated(s.doc, ph.start, s.lo):
            return None
        if any(ctx in s.text for ctx in self.voc.benign_sentences.get(entry.term, ())):
            return None
        rule, severity = phrase_rule(entry.claim, s.group, entry.term)
        if rule is None:
            return None
        if entry.term in ANTIMICROBIAL and self._component(s, ph):
            return None
        return Claim(
            rule, span.start_char, span.end_char, entry.term, entry.claim, "", "phrase", severity
        )


def self_phrases(s: Sentence) -> set[str]:
    """Words of the sentence's claim phrases ("antiviral, antibacterial" lists properties)."""
    return {s.doc[k].lower_ for p in s.phrases for k in range(p.start, p.end)}


def _real(entry: Condition) -> bool:
    """A disease of the ICD-10 chapters of diseases proper (not symptoms R, injuries S/T,
    metabolic states E such as dehydration), or a named lexicon entry outside ICD."""
    return entry.code[:1] in REAL_CHAPTERS


def _absolute(term: str) -> bool:
    return any(a in term for a in ABSOLUTE)


def _cures(s: Sentence, found: Found) -> bool:
    """Is the claim word a cure verb ("cures colds", "heals burns")?"""
    return s.doc[found[0]].lemma_.lower() in CURE_VERBS


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
