"""Lookalike brand names in the brand column itself: "Adadis", "Nlke", "Rid Bull".

A brand column holds a name by definition, so a near-copy of a protected brand there is
the listing presenting itself under that brand's look: the same evidence as in a title,
without the question whether the words are a name at all. Multi-word swaps and
lookalikes that keep a distinctive word ("Hugo Bass", "Rid Bull") count here without
category support; a one-word slip of a short name ("Sonny" ~ Sony) does not, since many
small real brands sit one letter from a famous one.

Shape: the column's distinct values (a few hundred in a large catalogue) are scored with
the title machinery, then joined back to rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from listlint.rules.ip.index import BrandIndex, Name
from listlint.rules.ip.lookalike import (
    STRONG,
    TOKEN_RE,
    WordHit,
    multi_match,
    single_grade,
    vocabulary_hits,
)
from listlint.rules.ip.substitution import swap_phrases
from listlint.text.confusables import skeleton
from listlint.text.matcher import PhraseMatcher


@dataclass(frozen=True, slots=True)
class ColumnLookalike:
    name: Name
    start: int
    end: int
    evidence: str


def column_lookalikes(index: BrandIndex, values: list[str]) -> dict[str, ColumnLookalike]:
    """Distinct folded brand-column value -> the protected brand it imitates."""
    values = [v for v in values if v and index.claimed_brand(v) is None]
    if not values:
        return {}
    toks = {v: [(m.group(0), m.start(), m.end()) for m in TOKEN_RE.finditer(v)] for v in values}
    vocab = {t for ts in toks.values() for t, _, _ in ts}
    hits = vocabulary_hits(index, sorted(vocab))
    swaps = swap_phrases(index, vocab, pl.Series(values, dtype=pl.String))
    swap_matcher = PhraseMatcher(swaps) if swaps else None
    out: dict[str, ColumnLookalike] = {}
    for v in values:
        found = _known(index, v) or _scored(index, v, toks[v], hits)
        if found is None and swap_matcher is not None:
            m = next(iter(swap_matcher.iter(v)), None)
            if m is not None:
                found = ColumnLookalike(m.payload.name, m.start, m.end, m.payload.evidence)
        if found is not None:
            out[v] = found
    return out


def _known(index: BrandIndex, value: str) -> ColumnLookalike | None:
    for m in index.exact.longest(value):
        if m.payload.is_lookalike:
            return ColumnLookalike(m.payload, m.start, m.end, "known lookalike name")
    return None


def _scored(
    index: BrandIndex,
    value: str,
    toks: list[tuple[str, int, int]],
    hits: dict[str, list[WordHit]],
) -> ColumnLookalike | None:
    for k, (tok, s, e) in enumerate(toks):
        for hit in hits.get(tok, ()):
            if len(index.brand_words(hit.name)) > 1:
                span = multi_match(index, hit, toks, k, hits)
                if span is not None:  # a weak multi-word match is a name here
                    return ColumnLookalike(hit.name, span[0], span[1], hit.evidence)
            elif single_grade(hit, skeleton(tok)) == STRONG:
                return ColumnLookalike(hit.name, s, e, hit.evidence)
    return None
