"""The advertising family's vocabulary, read once per rule set from
``wordlists/advertising/``, and the phrases other families own (left to them).

* ``absolute.tsv``: superlative and absolute claims, with the words that cancel them
  before or after ("best before", "size No. 1");
* ``urgency.tsv`` and ``quantities.tsv``: fake urgency, fake scarcity, stock counts;
* ``comparison.tsv`` and ``targets.txt``: comparative predicates and competitors named in
  general; named competitors are the protected brands of ``wordlists/brands/brands.tsv``
  and the marketplaces of ``wordlists/offplatform/platforms.tsv``;
* ``brand_phrases.txt`` and ``only_scopes.txt``: brands holding claim words, and what
  makes "the only" a claim.

Owned elsewhere, read here only to stay out of their way: the promotional phrases SP305
reports in titles (``wordlists/specs/promotional.tsv``) and the efficacy claims HC105
reports (``wordlists/claims/phrases.tsv``, claim ``efficacy``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from listlint.resources import table, wordlist
from listlint.rules.advertising.prefilter import Prefilter
from listlint.rules.advertising.prefilter import build as build_prefilter
from listlint.text.normalize import fold
from listlint.text.saferegex import compile_pattern
from listlint.text.scriptmatch import ScriptMatcher


@dataclass(frozen=True)
class AbsoluteTerm:
    kind: str  # best | number-one | only | first | absolute
    lang: str
    unless_next: tuple[str, ...]
    unless_prev: tuple[str, ...]


@dataclass(frozen=True)
class UrgencyTerm:
    kind: str  # urgency | scarcity
    #: an interjection ("hurry", "countdown"): a claim only as its own clause
    clause: bool


@dataclass(frozen=True)
class Brand:
    name: str
    #: also an everyday word ("Apple", "Coach"): named only when written with a capital
    common_word: bool


@dataclass
class Vocab:
    absolute: ScriptMatcher[AbsoluteTerm]
    only_scopes: tuple[str, ...]
    urgency: ScriptMatcher[UrgencyTerm]
    quantities: list[Any]
    predicates: ScriptMatcher[str]
    #: competitors: "other brands" (general), protected brands, marketplaces
    targets: ScriptMatcher[tuple[str, Brand | None]]
    brand_phrases: ScriptMatcher[str]
    #: SP305's title phrases and HC105's efficacy phrases (left to those rules)
    promotional: ScriptMatcher[str]
    efficacy: ScriptMatcher[str]
    #: the columnar test a cell must pass to be read at all
    prefilter: Prefilter | None = None


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(fold(p).strip() for p in (cell or "").split("|") if p.strip())


def build() -> Vocab:
    absolute = [
        (
            r["term"],
            AbsoluteTerm(r["kind"], r["lang"], _split(r["unless_next"]), _split(r["unless_prev"])),
        )
        for r in table("advertising/absolute")
    ]
    urgency = [
        (r["term"], UrgencyTerm(r["kind"], r.get("clause") == "yes"))
        for r in table("advertising/urgency")
    ]
    quantities = table("advertising/quantities")
    predicates = [(r["term"], r["term"]) for r in table("advertising/comparison")]
    targets: list[tuple[str, tuple[str, Brand | None]]] = [
        (t, ("general", None)) for t in wordlist("advertising/targets")
    ]
    for r in table("brands/brands"):
        brand = Brand(r["brand"], r.get("common_word") == "yes")
        targets.append((r["brand"], ("brand", brand)))
    for r in table("offplatform/platforms"):
        if r["kind"] == "marketplace":
            for name in r["names"].split("|"):
                targets.append((name, ("marketplace", Brand(r["name"], False))))
    promotional = [(r["term"], r["term"]) for r in table("specs/promotional")]
    efficacy = [(r["term"], r["term"]) for r in table("claims/phrases") if r["claim"] == "efficacy"]
    vocab = Vocab(
        absolute=ScriptMatcher(absolute),
        only_scopes=tuple(fold(s) for s in wordlist("advertising/only_scopes")),
        urgency=ScriptMatcher(urgency),
        quantities=[
            compile_pattern(r["pattern"], f"wordlists/advertising/quantities.tsv {r['pattern']!r}")
            for r in quantities
        ],
        predicates=ScriptMatcher(predicates),
        targets=ScriptMatcher(targets),
        brand_phrases=ScriptMatcher((p, p) for p in wordlist("advertising/brand_phrases")),
        promotional=ScriptMatcher(promotional),
        efficacy=ScriptMatcher(efficacy),
    )
    phrases = [*vocab.absolute.keys, *vocab.urgency.keys, *vocab.predicates.keys]
    vocab.prefilter = build_prefilter(
        phrases,
        [
            (r["pattern"], [fold(w) for w in r["literals"].split("|") if w.strip()])
            for r in quantities
        ],
    )
    return vocab
