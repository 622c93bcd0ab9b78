"""Claim phrases that need no condition ("antiviral", "clinically proven", "kills 99.9% of
germs", "FDA approved"), and when they stand in a sentence with condition claims.

A drug-class word or a pesticidal word is no claim when it names a part of the goods (EPA's
treated-article exemption covers protecting the article itself); an establishment claim
("clinically proven") on a cosmetic, a pet product or a device is a test result unless it
proves a claim in its sentence; a feeling or a safety promise ("instant relief", "no side
effects") is a claim only next to one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from listlint.rules.claims.clause import Clause, Match
from listlint.rules.claims.sides import Sentence
from listlint.rules.claims.verdicts import ANTIMICROBIAL, phrase_rule
from listlint.rules.claims.vocab import Vocabulary

if TYPE_CHECKING:
    from listlint.rules.claims.grammar import Claim

#: words after which a list names parts or features: "Refrigerator with Antibacterial Seal"
COMPONENT_LINKS = frozenset({"with", "w", "featuring", "includes", "including", "plus", "+"})
#: words after an antimicrobial word that make it the product's property, not a part's
NOT_COMPONENTS = frozenset(
    "properties property effect effects action activity agent power and or for against to that "
    "which benefits qualities".split()
)
#: groups where an establishment claim ("clinically proven", "dermatologist recommended")
#: needs a claim in its sentence to be reported
EFFICACY_WITH_CONDITION = frozenset({"cosmetic", "pet", "device"})
#: efficacy words that promise, whatever was tested: reported on every product
ABSOLUTE = ("miracle", "magic", "guarantee", "permanent", "100% effective", "100 % effective",
            "instant results", "works instantly", "breakthrough", "proven to cure")  # fmt: skip
#: feelings and safety promises: claims only next to a condition ("instant relief" of a
#: cooling mat is from the heat; "100% safe" describes a lip balm's ingredients)
PROMISES = ("relief", "side effects", "100% safe", "completely safe")


class Phrases:
    """The phrase claims of a sentence, for one vocabulary and clause tester."""

    def __init__(self, voc: Vocabulary, clause: Clause) -> None:
        self.voc = voc
        self.clause = clause

    def claims(self, s: Sentence, found: list[Claim]) -> list[Claim]:
        """The phrase claims of ``s`` to report beside its condition claims ``found``."""
        from listlint.rules.claims.grammar import Claim

        out: list[Claim] = []
        for ph in s.phrases:
            claim = self._claim(s, ph, Claim)
            if claim is not None:
                out.append(claim)
        if not (found or s.group not in EFFICACY_WITH_CONDITION):
            out = [c for c in out if c.rule != "efficacy" or any(a in c.term for a in ABSOLUTE)]
        if not (found or _names_condition(s)):
            out = [c for c in out if not any(w in c.term for w in PROMISES)]
        return out

    def _claim(self, s: Sentence, ph: Match, make: type[Claim]) -> Claim | None:
        span = s.doc[ph.start : ph.end]
        entry = self.voc.phrases.get(span.text.lower())
        if entry is None or self.clause.negated(s.doc, ph.start, s.lo):
            return None
        if any(ctx in s.text for ctx in self.voc.benign_sentences.get(entry.term, ())):
            return None
        rule, severity = phrase_rule(entry.claim, s.group, entry.term)
        if rule is None or (entry.term in ANTIMICROBIAL and component(s, ph)):
            return None
        return make(
            rule, span.start_char, span.end_char, entry.term, entry.claim, "", "phrase", severity
        )


def component(s: Sentence, ph: Match) -> bool:
    """An antimicrobial word that describes a part of the goods, not a claim for the buyer:
    in a feature list ("Anti-bacterial door seal", "antiseptic wipes" in a first-aid kit),
    an item of a list of things ("bandages, antiseptic, tweezers"), or after "with" in a
    title. The product named antibacterial ("Antibacterial Cutting Board") is reported."""
    before = [t.lower_ for t in s.doc[max(s.lo, ph.start - 6) : ph.start]]
    if any(w in COMPONENT_LINKS for w in before):
        return True
    if s.title:
        return False
    nxt = s.doc[ph.end].lower_.strip("/,;.:") if ph.end < s.hi else ""
    if nxt.isalpha() and nxt not in NOT_COMPONENTS:
        return True
    items = [s.doc[k].lower_ for k in (ph.start - 2, ph.end + 1) if s.lo <= k < s.hi]
    commas = [s.doc[k].text for k in (ph.start - 1, ph.end) if s.lo <= k < s.hi]
    words = {s.doc[k].lower_ for p in s.phrases for k in range(p.start, p.end)}
    return "," in commas and bool(items) and not any(w in words for w in items)


def _names_condition(s: Sentence) -> bool:
    return any(
        c.entry.kind in ("disease", "symptom", "cosmetic") and not c.entry.ambiguity
        for c in s.conds
    )
