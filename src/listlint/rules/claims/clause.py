"""Clause-level tests for the claims grammar: matches, verbs, negation, government.

With a statistical pipeline (``parsed``) the dependency parse and tags answer; with the
blank pipeline a clause window does: the condition follows the predicate within three
content words, with no clause break ("but", "for", "which", sentence end) between.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.matcher import Matcher as SpacyMatcher
    from spacy.matcher import PhraseMatcher as SpacyPhraseMatcher
    from spacy.tokens import Doc, Token

#: words that may sit between a predicate and its condition without breaking the link
GLUE = frozenset(
    ",;&/()-\"' and or nor the a an all any every your my our their its his her of forms form "
    "types type kinds kind symptoms symptom signs effects cells risk risks many most other such "
    "as like including include even both chronic severe acute painful serious bad common early "
    "stage stages associated related caused by due to in from against deadly harmful nasty "
    "stubborn itchy advanced late body body's 's certain some various".split()
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
#: words after which the disease is what a predicate is aimed at ("bacteria that cause ulcers")
CAUSES = frozenset("cause causes causing caused trigger triggers triggering behind".split())
#: words linking a target group to its condition: "people with", "those suffering from"
TARGET_LINKS = frozenset("with suffering from who have has living diagnosed prone".split())
#: prepositions after a noun predicate: "treatment for", "relief from", "cure of"
NOUN_PREPS = frozenset("for of from against to in".split())


@dataclass
class Match:
    """A matcher hit: label and token span."""

    kind: str
    start: int
    end: int


def matches(
    matcher: SpacyMatcher | SpacyPhraseMatcher, doc: Doc, labels: dict[int, str]
) -> list[Match]:
    return [Match(labels.get(mid, doc.vocab.strings[mid]), s, e) for mid, s, e in matcher(doc)]


def longest(found: list[Match]) -> list[Match]:
    """Non-overlapping matches, longest first ("skin cancer" hides "cancer")."""
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Match] = []
    for m in found:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def qualified(quals: list[tuple[int, int]], lo: int, cond: Match) -> bool:
    """A structure/function qualifier between the predicate (at ``lo``) and the condition,
    right before it ("occasional ...") or right after it ("... after exercise")?"""
    for s, e in quals:
        if e <= cond.start and s >= min(lo, cond.start - 3):
            return True
        if cond.end <= s <= cond.end + 4:
            return True
    return False


class Clause:
    """Token tests, from the parse when there is one, else from the clause window."""

    def __init__(self, parsed: bool, negators: frozenset[str], targets: frozenset[str]) -> None:
        self.parsed = parsed
        self.negators = negators
        self.targets = targets

    def is_verb(self, tok: Token, lo: int, hi: int) -> bool:
        """Is ``tok`` (in the sentence of tokens ``lo``..``hi``) used as a verb?"""
        if self.parsed and tok.pos_:
            return tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.tag_ == "VBN")
        if tok.lemma_.lower() not in AMBIGUOUS and tok.lower_ not in AMBIGUOUS:
            return True
        prev = tok.doc[tok.i - 1].lower_ if tok.i > lo else ""
        nxt = tok.doc[tok.i + 1].lower_ if tok.i + 1 < hi else ""
        return prev not in NOUN_CUES and nxt not in ("for", "from", "of", "bag", "bags", "jar")

    def negated(self, doc: Doc, i: int, lo: int) -> bool:
        """Is the word at ``i`` negated (a negator a few words before, same clause; the
        sentence starts at token ``lo``)?"""
        if self.parsed:
            tok = doc[i]
            for t in (tok, tok.head, tok.head.head):
                if any(c.dep_ == "neg" for c in t.children):
                    return True
        for j in range(i - 1, max(lo, i - 8) - 1, -1):
            low = doc[j].lower_
            if low in self.negators:
                if low == "not" and j + 1 < len(doc) and doc[j + 1].lower_ in ("only", "just"):
                    continue  # "not only cures arthritis but ..."
                if low == "no" and i - j > 2:
                    continue  # "no side effects and cures cancer": "no" negates a noun
                return True
            if low in BREAKERS and low not in ("for", "with", "without"):
                return False
        return False

    def governs(
        self, doc: Doc, pred_end: int, cond: Match, *, noun: bool = False, prep: bool = False
    ) -> bool:
        """Does a predicate ending at token ``pred_end`` govern ``cond`` (to its right)?"""
        if cond.start < pred_end:
            return False
        gap = doc[pred_end : cond.start]
        if noun:
            if not len(gap) or gap[0].lower_ not in NOUN_PREPS:
                return False
            gap = gap[1:]
        if prep:  # "for people with diabetes", "for dogs suffering from arthritis"
            return len(gap) <= 5 and all(
                t.lower_ in GLUE or t.lower_ in self.targets or t.lower_ in TARGET_LINKS
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
