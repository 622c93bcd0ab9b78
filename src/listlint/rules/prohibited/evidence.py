"""Per-batch evidence: which listings mention which prohibited/restricted category, how
strongly, and where.

Two stages keep this fast on millions of listings: the vectorised prefilter of
:mod:`listlint.rules.prohibited.prefilter` keeps the few listings that mention a term or look
disguised; those go through the Aho-Corasick automaton of :mod:`listlint.rules.prohibited.vocab`,
where benign contexts, accessory nouns, denials, brand names and context words decide what
each match is worth.

A match is worth its field's weight (category, product type, title and tags 2; description,
bullets, brand and attribute columns 1; text deep in a long description 0.5), halved for a
weak term ("wine", "axe", "ivory"). A category is evidenced when its distinct terms add up
to :data:`THRESHOLD`: a weak word alone in a description is not enough, in a title it is.
Matches that only depict the item (a toy, a print, "whisky-scented") are kept apart so
that a pack can decide whether depictions count (hate symbols do).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import polars as pl

from listlint.fields import ATTR_PREFIX
from listlint.rules.prohibited.prefilter import FIELD_WEIGHTS, candidate_rows, scanned_fields
from listlint.rules.prohibited.vocab import BENIGN, TERM, Term, Vocabulary
from listlint.rules.prohibited.wording import (
    TITLE_CUT,
    WORD,
    contains_words,
    in_words,
    latin_lookalikes,
    negated,
    next_words,
    prev_words,
)
from listlint.text.deobfuscate import deobfuscate
from listlint.text.saferegex import compile_pattern

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.rules.prohibited.vocab import CategoryPattern

#: fields that say what the product is (a weak word there is enough)
PRIMARY_FIELDS = frozenset(n for n, w in FIELD_WEIGHTS.items() if w >= 2.0)
#: characters into a description after which a match counts half ("one deep in a long description")
DEEP_OFFSET = 2000
WEAK_FACTOR = 0.5
THRESHOLD = 1.0


@dataclass(slots=True)
class TermHit:
    term: Term
    field: str
    start: int
    end: int
    #: the folded (or de-obfuscated) text the span refers to
    text: str
    weight: float
    depiction: bool = False
    disguised: bool = False


@dataclass
class CategoryEvidence:
    category: str
    hits: list[TermHit] = field(default_factory=list)

    def counted(self, depictions: bool) -> list[TermHit]:
        return [h for h in self.hits if depictions or not h.depiction]

    def score(self, depictions: bool) -> float:
        """Sum over distinct terms of their best weight. Weak words mentioned only in a
        description or attribute ("pairs well with red wine and champagne") never add up
        to a finding on their own: they need a title/category/tags match or a normal term."""
        hits = self.counted(depictions)
        if not any(not h.term.weak or h.field in PRIMARY_FIELDS for h in hits):
            return 0.0
        best: dict[str, float] = {}
        for h in hits:
            best[h.term.text] = max(best.get(h.term.text, 0.0), h.weight)
        return sum(best.values())

    def best(self, depictions: bool) -> TermHit | None:
        hits = self.counted(depictions)
        return max(hits, key=lambda h: (h.weight, -h.start)) if hits else None


# -- stage 2: the automaton on candidate rows ----------------------------------------------
@dataclass
class _Text:
    field: str
    weight: float
    text: str
    disguised: bool
    terms: list[tuple[int, int, Term]]
    benign: list[tuple[int, int, int]]


def _longest(matches: list[tuple[int, int, Term]]) -> list[tuple[int, int, Term]]:
    """Drop term matches inside a longer one ("kratom" inside "kratom capsules")."""
    return [
        m
        for m in matches
        if not any(o[0] <= m[0] and m[1] <= o[1] and (o[1] - o[0]) > (m[1] - m[0]) for o in matches)
    ]


class RowAnalyser:
    """Evidence for one listing (the scanned fields of one row), against one vocabulary.

    Fields the prefilter flagged are matched first; the others only when a matched term
    needs listing-wide evidence (a context word, a benign phrase found anywhere). Matches
    of a text are memoised, since variants repeat titles and descriptions."""

    def __init__(self, vocab: Vocabulary, patterns: list[CategoryPattern]) -> None:
        self.vocab = vocab
        self.patterns = patterns
        self._memo: dict[tuple[str, str, bool], list[_Text]] = {}

    def _scan(self, field_name: str, weight: float, text: str, disguised: bool) -> list[_Text]:
        key = (field_name, text, disguised)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) > 100_000:  # bounded memory on huge batches
                self._memo.clear()
            found = self._memo[key] = self._scan_text(field_name, weight, text, disguised)
        return found

    def _scan_text(self, field_name: str, weight: float, text: str, disguised: bool) -> list[_Text]:
        out = [self._match(field_name, weight, text, False)]
        plain = out[0].terms
        deob = deobfuscate(latin_lookalikes(text)) if disguised else text
        if deob != text:
            seen = {t.id for _, _, t in plain}
            extra = self._match(field_name, weight, deob, True)
            extra.terms = [m for m in extra.terms if m[2].id not in seen and len(m[2].text) >= 4]
            if extra.terms:
                out.append(extra)
        return out

    def _match(self, field_name: str, weight: float, text: str, disguised: bool) -> _Text:
        item = _Text(field_name, weight, text, disguised, [], [])
        for m in self.vocab.matcher.iter(text):
            kind, ref = m.payload
            if kind == TERM:
                item.terms.append((m.start, m.end, self.vocab.terms[ref]))
            elif kind == BENIGN:
                item.benign.append((m.start, m.end, ref))
        return item

    def analyse(
        self,
        values: list[tuple[str, float, str]],
        disguised: frozenset[str] = frozenset(),
        hot: set[str] | None = None,
        patterned: frozenset[str] | None = None,
    ) -> dict[str, CategoryEvidence]:
        """``values``: (field, weight, folded text) of one listing; ``disguised``: the fields
        whose text looks obfuscated (de-obfuscated and matched a second time); ``hot``: the
        fields the prefilter flagged (None = all); ``patterned``: the fields where a pack
        pattern matched (None = try them everywhere)."""
        first = [v for v in values if hot is None or v[0] in hot]
        texts = [t for f, w, v in first for t in self._scan(f, w, v, f in disguised)]
        may_pattern = bool(self.patterns) and (patterned is None or bool(patterned))
        if not any(t.terms for t in texts) and not may_pattern:
            return {}
        if any(self.vocab.needs_listing(term) for t in texts for _, _, term in t.terms):
            texts += [
                t
                for f, w, v in values
                if hot is not None and f not in hot
                for t in self._scan(f, w, v, f in disguised)
            ]
        present = {b for t in texts for _, _, b in t.benign}
        contexts = []
        if any(term.context for t in texts for _, _, term in t.terms):
            contexts = [
                (t, m.start, m.end, m.payload)
                for t in texts
                for m in self.vocab.context_matcher.iter(t.text)
            ]
        by_field = {f: v for f, _, v in values}
        brand_words = tuple(WORD.findall(by_field.get("brand", "")))
        category_text = " ".join(by_field.get(f, "") for f in ("category", "product_type"))
        media = self.vocab.media_matcher.contains_any(category_text)
        names = self._names(texts)
        title = by_field.get("title", "")
        head = title[: m.start()] if (m := TITLE_CUT.search(title)) else title
        head_products = {m.payload for m in self.vocab.product_matcher.iter(head)}
        head_words = " " + " ".join(WORD.findall(head)) + " "
        out: dict[str, CategoryEvidence] = {}
        for t in texts:
            for start, end, term in _longest(t.terms):
                if _accessory_listing(self.vocab, term.category, head_words, t, start):
                    continue  # "Gun safe for 10 rifles", "Whiskey decanter set"
                hit = self._judge(t, start, end, term, present, contexts, brand_words, media)
                if hit is None:
                    continue
                hit.depiction = (
                    hit.depiction
                    or term.text in names
                    or self._subject_only(term, t.field, title, head_products)
                )
                out.setdefault(term.category, CategoryEvidence(term.category)).hits.append(hit)
        with_patterns = [v for v in values if patterned is None or v[0] in patterned]
        for hit in self._pattern_hits(with_patterns, brand_words, media):
            out.setdefault(hit.term.category, CategoryEvidence(hit.term.category)).hits.append(hit)
        return out

    def _subject_only(self, term: Term, field_name: str, title: str, products: set[str]) -> bool:
        """The title names another product (a poster, a camera, a jacket) and this term only
        appears further down: it describes the subject, not the item sold. A media title
        covers every category; a durable one only objects, and only weak words."""
        if field_name in PRIMARY_FIELDS or not products or in_words(term.text, title):
            return False
        if "media" in products:
            return True
        return term.weak and term.category not in self.vocab.substances

    def _names(self, texts: list[_Text]) -> set[str]:
        """Terms the title uses as a name or modifier of another product: a durable-goods
        noun follows them in the title's main phrase ("CoreFlex Crossbow 41in Longboard",
        "SlingShot 200 Camera Back Pack"). The same word elsewhere in the listing is that
        name too."""
        out: set[str] = set()
        for t in texts:
            if t.field != "title" or not t.terms:
                continue
            cut = TITLE_CUT.search(t.text)
            head_end = cut.start() if cut else len(t.text)
            products = [m for m in self.vocab.product_matcher.iter(t.text) if m.end <= head_end]
            for _, end, term in t.terms:
                # a fur coat is made of fur; a workout DVD is not made of fat burner
                kinds = (
                    ("media",) if term.category in self.vocab.substances else ("media", "durable")
                )
                if end <= head_end and any(m.start >= end and m.payload in kinds for m in products):
                    out.add(term.text)
        return out

    def _judge(
        self,
        t: _Text,
        start: int,
        end: int,
        term: Term,
        present: set[int],
        contexts: list[tuple[_Text, int, int, str]],
        brand_words: tuple[str, ...],
        media: bool,
    ) -> TermHit | None:
        vocab = self.vocab
        allowed = vocab.term_benign.get(term.id)
        if allowed:
            # a covering phrase must overlap this match; another phrase may be anywhere
            for b_start, b_end, bid in t.benign:
                if bid in allowed and vocab.benign[bid].covers and b_start < end and start < b_end:
                    return None
            if any(bid in present and not vocab.benign[bid].covers for bid in allowed):
                return None
        if term.context and not any(
            name == term.context and not (ct is t and s < end and start < e)
            for ct, s, e, name in contexts
        ):
            return None  # the context word must be another word than the term itself
        prev, nxt = prev_words(t.text, start), next_words(t.text, end)
        prev1 = prev[-1] if prev else ""
        if negated(t.text, start, vocab.negated):
            return None
        if nxt and nxt[0] == "free":
            return None
        accessories = vocab.accessories.get(term.category, frozenset())
        if accessories and (
            (nxt and (nxt[0] in accessories or " ".join(nxt) in accessories)) or prev1 == "for"
        ):
            return None
        if term.weak and t.field != "brand" and contains_words(term.text, brand_words):
            return None  # "Grenade" protein bar, "Axe" body spray: the brand, not the item
        depiction = (
            media
            or prev1 in vocab.before
            or bool(nxt and (nxt[0] in vocab.after or " ".join(nxt) in vocab.after))
        )
        weight = t.weight * (WEAK_FACTOR if term.weak else 1.0)
        if start > DEEP_OFFSET:
            weight *= 0.5
        return TermHit(term, t.field, start, end, t.text, weight, depiction, t.disguised)

    def _pattern_hits(
        self, values: list[tuple[str, float, str]], brand_words: tuple[str, ...], media: bool
    ) -> list[TermHit]:
        if not self.patterns:
            return []

        hits = []
        for p in self.patterns:
            rx = compile_pattern(p.pattern, p.where)
            for name, weight, text in values:
                m = rx.search(text)
                if m is None:
                    continue
                # a pattern match is judged like a term (denials, accessories, depictions)
                term = Term(-1, m.group(0), p.category, False, None, "sourced", p.where)
                t = _Text(name, weight, text, False, [], [])
                hit = self._judge(t, m.start(), m.end(), term, set(), [], brand_words, media)
                if hit is not None:
                    hits.append(hit)
        return hits


def _accessory_listing(
    vocab: Vocabulary, category: str, head_words: str, t: _Text, start: int
) -> bool:
    """The title's main phrase names an accessory of the category ("gun safe", "knife
    block", "whisky decanter"): the category's words in this listing describe what the
    accessory is for. A term that opens the title itself ("Bourbon ... gift box") is
    still the product."""
    heads = vocab.accessory_heads.get(category)
    if not heads:
        return False
    if t.field == "title" and not t.text[:start].strip():
        return False
    return any(f" {h} " in head_words for h in heads)


def analyse(
    batch: Batch, vocab: Vocabulary, regex: str, patterns: list[CategoryPattern]
) -> dict[int, dict[str, CategoryEvidence]]:
    """Row index -> category -> evidence, for every listing with at least one counted match."""
    fields = scanned_fields(batch)
    if not fields:
        return {}
    found = candidate_rows(batch, fields, regex, patterns)
    hot = found.hot
    rows = list(hot)
    if not rows:
        return {}
    # only the candidate rows' cells leave polars
    taken = pl.Series(rows, dtype=pl.UInt32)
    folded = {name: batch.folded_series(name).gather(taken).to_list() for name, _ in fields}
    analyser = RowAnalyser(vocab, patterns)
    out: dict[int, dict[str, CategoryEvidence]] = {}
    for k, i in enumerate(rows):
        values = [
            (name, weight, v)
            for name, weight in fields
            if (v := folded[name][k]) and not (name.startswith(ATTR_PREFIX) and _is_link(v))
        ]
        marked = frozenset(n for n in hot[i] if (n, i) in found.disguised)
        patterned = frozenset(n for n in hot[i] if (n, i) in found.patterned)
        evidence = analyser.analyse(values, marked, hot[i], patterned)
        if evidence:
            out[i] = evidence
    return out


def _is_link(value: str) -> bool:
    return value.startswith(("http://", "https://", "www.", "/")) and " " not in value.strip()
