"""The prohibited-products vocabulary: every term and benign context in one automaton;
context words in a second one, used only when a matched term needs them.

Data (``wordlists/prohibited/``):

* ``terms.tsv``, ``terms_i18n.tsv``, ``brands.tsv``: category, term, strength (normal | weak),
  optional context, confidence, source (:mod:`~listlint.rules.prohibited.termrows`);
* ``patterns.tsv``: trade patterns and context signals (:mod:`~listlint.rules.prohibited.trade`);
* ``benign.tsv``: trigger word -> phrases that make it harmless ("hot glue gun", "ivory white");
* ``contexts.tsv``: named context word lists, and the ``@before``/``@negated``/``@after``/``@media``
  word lists that shape every match;
* ``accessories.tsv``: per category, nouns that turn "wine" into "wine glass".

Policy packs may add ``terms`` and RE2 ``patterns`` to a category; those are merged in here
so that matching stays one pass whatever the number of packs.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from listlint.resources import table
from listlint.rules.prohibited.policy import prohibited_of
from listlint.rules.prohibited.settle import Settler, build_settler
from listlint.rules.prohibited.termrows import brand_context_words, term_rows
from listlint.rules.prohibited.trade import TradePattern, trade_patterns
from listlint.text.joints import vocabulary_words
from listlint.text.matcher import PhraseMatcher, inflections
from listlint.text.normalize import fold
from listlint.text.saferegex import compile_pattern

#: payload kinds in the shared automaton
TERM, BENIGN = "t", "b"
_WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Term:
    id: int
    text: str  # folded
    category: str
    weak: bool
    context: str | None
    confidence: str  # sourced | low
    source: str
    #: the wordlist's own spelling (NFC, lower case, accents kept): a short term must keep
    #: the accents the seller wrote (:mod:`~listlint.rules.prohibited.accents`)
    spelling: str = ""
    lang: str = ""
    #: a brand or product line (brands.tsv): in the brand column it still names the product
    brand: bool = False


@dataclass(frozen=True, slots=True)
class BenignPhrase:
    id: int
    text: str
    #: the phrase contains its trigger ("glue gun" for "gun"): it must cover the match;
    #: otherwise ("hindu" for "swastika") its presence anywhere in the listing is enough
    covers: bool


@dataclass(frozen=True, slots=True)
class CategoryPattern:
    category: str
    pattern: str
    where: str
    #: weak: evidence only in the title, category or tags (a trade pattern of patterns.tsv)
    weak: bool = False
    #: a context the listing must also have (contexts.tsv)
    context: str | None = None


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD_RE.findall(text))


def _contains_words(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def _split(value: str) -> list[str]:
    return [fold(v).strip() for v in value.split("|") if v.strip()]


@dataclass
class Vocabulary:
    terms: list[Term]
    benign: list[BenignPhrase]
    #: term id -> benign phrase ids whose trigger is part of the term
    term_benign: dict[int, frozenset[int]]
    contexts: dict[str, tuple[str, ...]]
    accessories: dict[str, frozenset[str]]
    #: per category, nouns that make a whole listing an accessory when its title names them
    accessory_heads: dict[str, tuple[str, ...]]
    before: frozenset[str]
    negated: frozenset[str]
    after: frozenset[str]
    media: tuple[str, ...]
    products: tuple[str, ...] = ()
    media_titles: tuple[str, ...] = ()
    #: categories whose terms are a substance or material: a product noun after them is what
    #: the product is made of or contains, not a sign of a model name
    substances: frozenset[str] = frozenset()
    patterns: list[CategoryPattern] = field(default_factory=list)
    #: trade patterns of patterns.tsv (evidence and context signals)
    trade: tuple[TradePattern, ...] = ()
    matcher: PhraseMatcher[tuple[str, Any]] = field(init=False, repr=False)
    media_matcher: PhraseMatcher[str] = field(init=False, repr=False)
    product_matcher: PhraseMatcher[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        entries: list[tuple[str, tuple[str, Any]]] = []
        #: every term's forms, computed once for the automaton and the prefilter regex
        self._forms = [_term_forms(term) for term in self.terms]
        for term, forms in zip(self.terms, self._forms, strict=True):
            entries.extend((form, (TERM, term.id)) for form in forms)
        for b in self.benign:
            entries.extend((form, (BENIGN, b.id)) for form in _forms(b.text))
        self.matcher = PhraseMatcher(entries)
        # context words are looked up only for listings whose terms need one (most do not),
        # so their many short words ("car", "tea", "mg") do not slow every scan
        self.context_matcher: PhraseMatcher[str] = PhraseMatcher(
            (w, name) for name, words in self.contexts.items() for w in words
        )
        self.media_matcher = PhraseMatcher((w, w) for w in self.media)
        self.product_matcher = PhraseMatcher(
            [(form, "durable") for w in self.products for form in _forms(w)]
            + [(form, "media") for w in self.media_titles for form in _forms(w)]
        )

    def needs_listing(self, term: Term) -> bool:
        """Does judging this term need the listing's other fields (a context word, or a
        benign phrase that counts anywhere)?"""
        return term.id in self._listing_terms

    @cached_property
    def words(self) -> frozenset[str]:
        """What a word split by a no-break space may join into (issue 21 L6): asked only
        of the few cells that hold one, so worked out on first use."""
        return vocabulary_words({form for forms in self._forms for form in forms})

    @cached_property
    def presence_regexes(self) -> dict[str, str | None]:
        """Each asked context's regex (:mod:`.presence`), filled on first use."""
        return {}

    @cached_property
    def settler(self) -> Settler:
        """Flagged cells settled columnar (:mod:`.settle`): built on first use, since a
        run without candidate rows never needs it."""
        terms: dict[str, list[tuple[int, str | None]]] = {}
        for term, forms in zip(self.terms, self._forms, strict=True):
            for form in forms:
                if key := fold(form).strip():
                    terms.setdefault(key, []).append((term.id, term.context))
        phrases: dict[str, list[int]] = {}
        for b in self.benign:
            for form in _forms(b.text) if b.covers else ():
                if key := fold(form).strip():
                    phrases.setdefault(key, []).append(b.id)
        return build_settler(terms, phrases, lambda t, b: b in self.term_benign.get(t, ()))

    @cached_property
    def _listing_terms(self) -> frozenset[int]:
        # asked of every match of every candidate row: worked out once per term
        return frozenset(
            t.id
            for t in self.terms
            if t.context or any(not self.benign[b].covers for b in self.term_benign.get(t.id, ()))
        )

    def term_forms(self, skip: frozenset[str] = frozenset()) -> list[str]:
        """Every folded form of every term outside the ``skip`` categories (what the
        prefilter must find)."""
        return sorted(
            {
                form
                for t, forms in zip(self.terms, self._forms, strict=True)
                if t.category not in skip
                for form in forms
            }
        )


def _forms(text: str) -> list[str]:
    # multi-word terms inflect their last word; terms ending in digits/symbols do not
    return inflections(text) if text[-1:].isalpha() else [text]


def _singular(text: str) -> str | None:
    """The singular of a term listed in the plural ("magic mushrooms" -> "magic mushroom",
    "throwing knives" -> "throwing knife"); None when the last word is not a plural."""
    head, _, last = text.rpartition(" ")
    if len(last) < 5 or not last.isalpha() or not last.endswith("s"):
        return None
    if last.endswith(("ss", "us", "is")):  # "glass", "cactus", "edulis": not plurals
        return None
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("ves"):
        last = last[:-3] + "fe"
    elif last.endswith(("ches", "shes", "xes", "ses")):
        last = last[:-2]
    else:
        last = last[:-1]
    return f"{head} {last}" if head else last


def _term_forms(term: Term) -> list[str]:
    """Plural forms always; the singular of a plural-listed term unless the term is weak
    (the singular of "bullets" is every "bullet journal"); hyphens as spaces or nothing.
    English inflection only for English (and language-neutral) terms: the other languages'
    wordlists list the forms sellers write."""
    # a brand is matched as written: "Bang" (an e-cigarette) is not "bangs" (a fringe)
    english = term.lang in ("", "en") and not term.brand
    forms = _forms(term.text) if english else [term.text]
    single = None if term.weak or not english else _singular(term.text)
    if single and single not in forms:
        forms.append(single)
    if "-" in term.text:  # "self-defense keychain" = "self defense keychain"; "e-juice" = "ejuice"
        for joined in (term.text.replace("-", " "), term.text.replace("-", "")):
            forms.extend(f for f in (_forms(joined) if english else [joined]) if f not in forms)
    return forms


@lru_cache(maxsize=8)
def vocabulary(extra_terms: tuple[tuple[str, str, str], ...] = ()) -> Vocabulary:
    """The shipped vocabulary plus pack terms ``(category, term, source)`` (cached per set)."""
    terms: list[Term] = []
    seen: dict[tuple[str, str], int] = {}
    for spec in term_rows():
        key = (spec.category, fold(spec.spelling).strip())
        if not key[1]:
            continue
        if key in seen:
            if spec.brand:  # a term that is also a regulator-named brand keeps that standing
                i = seen[key]
                terms[i] = dataclasses.replace(terms[i], brand=True)
            continue
        seen[key] = len(terms)
        terms.append(
            Term(
                id=len(terms),
                text=key[1],
                category=key[0],
                weak=spec.weak,
                context=spec.context,
                confidence=spec.confidence,
                source=spec.source,
                spelling=spec.spelling,
                lang=spec.lang,
                brand=spec.brand,
            )
        )
    for category, text, source in extra_terms:
        key = (category, fold(text).strip())
        if key[1] and key not in seen:
            seen[key] = len(terms)
            spelling = text.strip().lower()
            terms.append(
                Term(len(terms), key[1], category, False, None, "sourced", source, spelling)
            )

    benign: list[BenignPhrase] = []
    by_trigger: dict[tuple[str, ...], list[int]] = {}
    for row in table("prohibited/benign"):
        trigger = _words(fold(row["trigger"]))
        for phrase in _split(row.get("benign", "")):
            b = BenignPhrase(len(benign), phrase, _contains_words(_words(phrase), trigger))
            benign.append(b)
            by_trigger.setdefault(trigger, []).append(b.id)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for trig in by_trigger:
        if trig:
            by_first.setdefault(trig[0], []).append(trig)
    benign_words = [_words(b.text) for b in benign]
    term_benign: dict[int, frozenset[int]] = {}
    for term in terms:
        words = _words(term.text)
        triggers = {t for w in words for t in by_first.get(w, ()) if _contains_words(words, t)}
        ids = [
            i
            for trig in triggers
            for i in by_trigger[trig]
            # a benign phrase inside the term ("smoke detector" in "smoke detector camera")
            # does not excuse it
            if not _contains_words(words, benign_words[i])
        ]
        if ids:
            term_benign[term.id] = frozenset(ids)

    contexts: dict[str, tuple[str, ...]] = {}
    special: dict[str, list[str]] = {}
    for row in table("prohibited/contexts"):
        listed = _split(row.get("words", ""))
        if row["name"].startswith("@"):
            special[row["name"]] = listed
        else:
            contexts[row["name"]] = tuple(listed)
    for name, brands in brand_context_words().items():
        contexts[name] = (*contexts.get(name, ()), *(fold(b) for b in brands))
    rows = table("prohibited/accessories")
    accessories = {row["category"]: frozenset(_split(row.get("nouns", ""))) for row in rows}
    heads = {row["category"]: tuple(_split(row.get("heads", ""))) for row in rows}
    return Vocabulary(
        terms=terms,
        benign=benign,
        term_benign=term_benign,
        contexts=contexts,
        accessories=accessories,
        accessory_heads={k: v for k, v in heads.items() if v},
        before=frozenset(special.get("@before", ())),
        negated=frozenset(special.get("@negated", ())),
        after=frozenset(special.get("@after", ())),
        media=tuple(special.get("@media", ())),
        products=tuple(special.get("@products", ())),
        media_titles=tuple(special.get("@titles", ())),
        substances=frozenset(special.get("@substances", ())),
        trade=trade_patterns(),
    )


def pack_terms(packs: Iterable[Any]) -> tuple[tuple[str, str, str], ...]:
    """``(category, term, source)`` for every term a policy pack adds."""
    out: list[tuple[str, str, str]] = []
    for pack in packs:
        for cid, verdict in prohibited_of(pack).categories.items():
            out.extend((cid, t, verdict.source) for t in verdict.terms)
    return tuple(sorted(set(out)))


def pack_patterns(packs: Iterable[Any]) -> list[CategoryPattern]:
    """Every RE2 pattern the packs declare, validated now (a bad one is a config error),
    after the shipped trade patterns that are evidence (patterns.tsv)."""

    out: list[CategoryPattern] = [
        CategoryPattern(p.category, p.pattern, p.where, p.strength == "weak", p.context)
        for p in trade_patterns()
        if p.strength != "signal"
    ]
    seen: set[tuple[str, str]] = set()
    for pack in packs:
        for cid, verdict in prohibited_of(pack).categories.items():
            for i, pattern in enumerate(verdict.patterns):
                where = f"policy pack {pack.name!r} key prohibited.categories.{cid}.patterns[{i}]"
                compile_pattern(pattern, where)
                if (cid, pattern) not in seen:
                    seen.add((cid, pattern))
                    out.append(CategoryPattern(cid, pattern, where))
    return out
