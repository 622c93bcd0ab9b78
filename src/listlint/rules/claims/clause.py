"""Clause-level tests for the claims grammar: matches, verbs, negation, government.

With a statistical pipeline (``parsed``) the dependency parse and tags answer; with the
blank pipeline a clause window does: the condition follows the predicate within three
content words, with no clause break ("but", "for", "which", sentence end) between.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

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
    "concerns concern "
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
    "customer arch lumbar back neck technical tech calming".split()
)
#: suitability, not effect, right after a condition: "celiac-friendly", "diabetic safe"
SUITABILITY = frozenset("friendly safe suitable approved appropriate".split())
#: words after which the disease is what a predicate is aimed at ("bacteria that cause ulcers")
CAUSES = frozenset("cause causes causing caused trigger triggers triggering behind".split())
#: words linking a target group to its condition: "people with", "those suffering from"
TARGET_LINKS = frozenset("with suffering from who have has living diagnosed prone".split())
#: prepositions after a noun predicate: "treatment for", "relief from", "cure of",
#: "tratamiento para", "Behandlung von", "traitement contre", "obat untuk"
NOUN_PREPS = frozenset(
    "for of from against to in para contra de del da do das dos no na von zur zum bei gegen "
    "für fur du des d pour contre untuk bagi terhadap".split()
)


@dataclass
class Match:
    """A matcher hit: label, token span, and the language of a non-English predicate
    ("strong@es" is kind strong, lang es); a condition carries its lexicon entry."""

    kind: str
    start: int
    end: int
    lang: str = ""
    entry: Any = None


def matches(
    matcher: SpacyMatcher | SpacyPhraseMatcher, doc: Doc, labels: dict[int, str]
) -> list[Match]:
    out = []
    for mid, s, e in matcher(doc):
        kind, _, lang = labels.get(mid, doc.vocab.strings[mid]).partition("@")
        out.append(Match(kind, s, e, lang))
    return out


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

    def __init__(
        self,
        parsed: bool,
        negators: frozenset[str],
        targets: frozenset[str],
        glue: frozenset[str] = GLUE,
        breakers: frozenset[str] = BREAKERS,
        links: frozenset[str] = TARGET_LINKS,
    ) -> None:
        self.parsed = parsed
        self.negators = negators
        self.targets = targets
        self.glue = glue
        self.breakers = breakers
        self.links = links

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
        for j in range(i - 1, max(lo, i - 6) - 1, -1):
            low = doc[j].lower_
            if low in ("about", "whether"):
                return False  # "won't tell you about curing reflux": the denial is of the telling
            if low in self.negators:
                if low == "not" and j + 1 < len(doc) and doc[j + 1].lower_ in ("only", "just"):
                    continue  # "not only cures arthritis but ..."
                if low == "no" and i - j > 2:
                    continue  # "no side effects and cures cancer": "no" negates a noun
                if low == "never" and any(t.lower_ == "again" for t in doc[i : i + 8]):
                    continue  # "never suffer from migraines again" promises, not denies
                return True
            if low in self.breakers and low not in ("for", "with", "without"):
                return False
        return False

    def negated_between(self, doc: Doc, start: int, end: int) -> bool:
        """A negator between a predicate and its condition: "heilt keine Krankheit",
        "cures no disease" ("not only" and "no more" are not denials)."""
        for j in range(start, end):
            low = doc[j].lower_
            if low in self.negators and not (
                j + 1 < len(doc) and doc[j + 1].lower_ in ("only", "just", "more", "longer")
            ):
                return True
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
                t.lower_ in self.glue or t.lower_ in self.targets or t.lower_ in self.links
                for t in gap
            )
        if not noun and self.parsed:
            pred = doc[pred_end - 1]
            if pred.is_ancestor(doc[cond.end - 1]) or pred.is_ancestor(doc[cond.start]):
                return cond.start - pred_end <= 20
        content = 0
        for tok in gap:
            low = tok.lower_
            if low in self.breakers:
                return False
            if low in CAUSES:  # "eliminates toxins that cause autism": the target is the disease
                content = 0
            elif low not in self.glue and not tok.is_punct and not tok.like_num:
                content += 1
        return content <= 3
