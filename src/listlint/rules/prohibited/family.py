"""The ``prohibited`` family: what its two rules share.

Resources (once per rule set): the vocabulary of ``wordlists/prohibited/`` plus the
packs' own terms, the prefilter regex (categories no selected pack cares about left
out), the packs' RE2 patterns and the verdict table. Analysis (once per batch): the
evidence of :mod:`~listlint.rules.prohibited.evidence` resolved against every selected
pack by :mod:`~listlint.rules.prohibited.verdict`, per listing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import polars as pl

from listlint.product import ProductAnalysis, analyse_batch
from listlint.rules.base import Hit
from listlint.rules.family import Family, FamilyRule
from listlint.rules.prohibited.evidence import analyse
from listlint.rules.prohibited.ownthread import on_own_thread
from listlint.rules.prohibited.policy import KEY, ProhibitedSection
from listlint.rules.prohibited.prefilter import prefilter_regex
from listlint.rules.prohibited.products import ProductEvidence
from listlint.rules.prohibited.verdict import (
    Resolved,
    VerdictTable,
    message,
    other_links,
    policy_link,
    suggestion,
)
from listlint.rules.prohibited.vocab import (
    CategoryPattern,
    Vocabulary,
    pack_patterns,
    pack_terms,
    vocabulary,
)
from listlint.rules.prohibited.wording import lookalikes_of
from listlint.text.spans import seller_span

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.rules.context import BatchContext
    from listlint.rules.prohibited.evidence import TermHit

#: row position -> the listing's resolved categories
Verdicts = dict[int, list[Resolved]]


@dataclass(frozen=True)
class Resources:
    vocab: Vocabulary
    #: one linear-time regex over every term form worth looking for
    prefilter: str
    patterns: list[CategoryPattern]
    table: VerdictTable
    #: medicines, recalls and the listing's own category (built on first use)
    products: ProductEvidence


class ProhibitedFamily(Family[Resources, Verdicts]):
    name: ClassVar[str] = "prohibited"
    section = (KEY, ProhibitedSection)

    def build(self) -> Resources:
        packs = self.packs
        vocab = vocabulary(pack_terms(packs))
        table = VerdictTable(packs)
        skip = table.allowed_everywhere(t.category for t in vocab.terms)
        return Resources(
            vocab, prefilter_regex(vocab, skip), pack_patterns(packs), table, ProductEvidence()
        )

    def analyse(self, context: BatchContext) -> Verdicts:
        res = self.resources
        batch = context.batch
        evidence = on_own_thread(
            lambda: analyse(
                batch,
                res.vocab,
                res.prefilter,
                res.patterns,
                res.products,
                lambda: _product(context),
            )
        )
        if not evidence:
            return {}
        rows = pl.Series(list(evidence), dtype=pl.UInt32)
        cats = [
            batch.folded_series(name).gather(rows).to_list()
            for name in ("category", "product_type")
            if batch.has(name)
        ]
        out = {}
        for k, (i, ev) in enumerate(evidence.items()):
            listing_category = " ".join(c[k] or "" for c in cats)
            found = res.table.resolve(ev, listing_category)
            if found:
                out[i] = found
        return out


def _product(context: BatchContext) -> ProductAnalysis:
    """The batch's shared product analysis, made here when no family made it yet."""
    if context.product is None:
        context.product = analyse_batch(context.batch)
    return context.product


class ProhibitedRule(FamilyRule[ProhibitedFamily, Verdicts]):
    """Base of PR101/PR102: each reports the resolved categories with its own code."""

    group: ClassVar[str] = "prohibited"
    family_type: ClassVar[type[Family[Any, Any]]] = ProhibitedFamily
    fields: ClassVar[tuple[str, ...]] = ()
    policy_url = "https://sellercentral.amazon.com/help/hub/reference/external/G200164330"

    def check(self, batch: Batch, analysis: Verdicts) -> Iterator[Hit]:
        for i, found in analysis.items():
            for r in found:
                if r.code != self.code:
                    continue
                quote = seller_quote(batch, i, r.hit)
                yield Hit(
                    message=message(r, quote),
                    index=i,
                    field=r.hit.field,
                    match=quote,
                    suggestion=suggestion(r) + other_links(r),
                    policy=policy_link(r),
                    severity=r.severity,
                    marketplaces=r.marketplaces,
                )


#: what may split the letters of a disguised spelling: separators, invisible characters
_GAP = r"[\s.\-_*·•\u200b-\u200f\u2060\ufeff\u00ad\u180e]*"


def seller_quote(batch: Batch, i: int, hit: TermHit) -> str:
    """The seller's own spelling of the matched span ("KR@TOM", "Kra<ZWSP>tom", "Kratom")."""
    raw = batch.values(hit.field)[i] or ""
    folded = hit.text[hit.start : hit.end]
    if not hit.disguised:
        span = seller_span(raw, folded)  # "Rượu vang đỏ" for the folded "ruou vang đo"
        if span is not None:
            return raw[span[0] : span[1]]
    # a disguised spelling folds to other letters ("kr@tom"): found by its letters, or
    # their leet and lookalike stand-ins, split by separators or invisible characters
    parts = []
    for c in hit.term.text if hit.disguised else folded:
        alts = [c, *lookalikes_of(c)] if hit.disguised else [c]
        if c.isalnum():
            parts.append("[" + "".join(re.escape(a) for a in alts) + "]")
        else:  # a space of the term is any space of the seller's ("tom<NBSP>powder")
            parts.append(r"\s" if c == " " else re.escape(c))
    m = re.search(_GAP.join(parts), raw, re.IGNORECASE)
    return m.group(0) if m else folded
