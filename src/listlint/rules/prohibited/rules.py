"""Rule family: prohibited (group ``prohibited``) — products a marketplace bans or restricts.

Both rules read one shared analysis per batch (``batch.cached("prohibited:...")``): the
evidence of :mod:`listlint.rules.prohibited.evidence` resolved against every selected policy pack
by :mod:`listlint.rules.prohibited.verdict`. Vocabulary, prefilter and verdict table are built
once per run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from listlint.report import Severity
from listlint.rules.base import Hit, Rule

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.rules.prohibited.evidence import TermHit
    from listlint.rules.prohibited.verdict import Resolved

#: (vocabulary, prefilter regex, patterns, verdict table) per set of packs, built once per run
_SHARED: dict[tuple[tuple[int, str], ...], tuple] = {}


class _ProhibitedRule(Rule):
    group: ClassVar[str] = "prohibited"
    fields: ClassVar[tuple[str, ...]] = ()
    policy_url = "https://sellercentral.amazon.com/help/hub/reference/external/G200164330"

    def _resources(self) -> tuple:
        packs = list(self.ctx.policies)
        key = tuple((id(p), p.name) for p in packs)
        if key not in _SHARED:
            from listlint.rules.prohibited.prefilter import prefilter_regex
            from listlint.rules.prohibited.verdict import VerdictTable
            from listlint.rules.prohibited.vocab import pack_patterns, pack_terms, vocabulary

            vocab = vocabulary(pack_terms(packs))
            table = VerdictTable(packs)
            skip = table.allowed_everywhere(t.category for t in vocab.terms)
            _SHARED[key] = (
                vocab,
                prefilter_regex(vocab, skip),
                pack_patterns(packs),
                table,
            )
        return _SHARED[key]

    def resolved(self, batch: Batch) -> dict[int, list[Resolved]]:
        vocab, regex, patterns, table = self._resources()

        def compute(b: Batch) -> dict[int, list[Resolved]]:
            import polars as pl

            from listlint.rules.prohibited.evidence import analyse

            evidence = analyse(b, vocab, regex, patterns)
            if not evidence:
                return {}
            rows = pl.Series(list(evidence), dtype=pl.UInt32)
            cats = [
                b.folded_series(name).gather(rows).to_list()
                for name in ("category", "product_type")
                if b.has(name)
            ]
            out = {}
            for k, (i, ev) in enumerate(evidence.items()):
                listing_category = " ".join(c[k] or "" for c in cats)
                found = table.resolve(ev, listing_category)
                if found:
                    out[i] = found
            return out

        key = "prohibited:" + ",".join(str(k) for k in (id(table),))
        return batch.cached(key, compute)

    def check(self, batch: Batch) -> Iterator[Hit]:
        from listlint.rules.prohibited.verdict import message, other_links, policy_link, suggestion

        for i, found in self.resolved(batch).items():
            for r in found:
                if r.code != self.code:
                    continue
                quote = _quote(batch, i, r.hit)
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


def _quote(batch: Batch, i: int, hit: TermHit) -> str:
    """The seller's own spelling of the matched span ("KR@TOM", "Kra<ZWSP>tom", "Kratom")."""
    raw = batch.values(hit.field)[i] or ""
    folded = hit.text[hit.start : hit.end]
    if not hit.disguised:
        pos = raw.lower().find(folded)
        if pos >= 0:
            return raw[pos : pos + len(folded)]
    from listlint.rules.prohibited.wording import lookalikes_of

    # letters (or their leet and lookalike stand-ins) with separators or invisible characters
    gap = r"[\s.\-_*·•\u200b-\u200f\u2060\ufeff\u00ad\u180e]*"
    parts = []
    for c in hit.term.text if hit.disguised else folded:
        alts = [c, *lookalikes_of(c)] if hit.disguised else [c]
        parts.append(
            "[" + "".join(re.escape(a) for a in alts) + "]" if c.isalnum() else re.escape(c)
        )
    m = re.search(gap.join(parts), raw, re.IGNORECASE)
    return m.group(0) if m else folded


class ProhibitedProduct(_ProhibitedRule):
    """A product that a selected marketplace prohibits outright: weapons, drugs and
    psychoactive plants, nicotine and vapes, recalled or banned-unsafe goods, wildlife
    products, counterfeit money, jammers, hate symbols... (61 categories, ~1,250 terms in
    ``wordlists/prohibited/terms.tsv``; each pack in ``policies/`` says per category whether
    its marketplace prohibits, restricts or allows it).

    Why:
        Listing a prohibited item gets the listing removed and the account suspended. One
        finding per listing and category names every selected marketplace that bans it, with
        the strictest severity. Policy pages: TikTok Shop
        https://seller-us.tiktok.com/university/essay?knowledge_id=1399532709988097 ,
        Amazon https://sellercentral.amazon.com/help/hub/reference/external/G200164330 ,
        Google https://support.google.com/merchants/answer/6150004 , eBay
        https://www.ebay.com/help/policies/prohibited-restricted-items/prohibited-restricted-items?id=4207

    Fails:
        title: "Kratom Capsules Maeng Da 500mg"
        title: "Sw1tchblade automatic pocket knife"      (disguised spelling)
        title: "Chef Knife 8 inch", category: "Kitchen"  (only with --policy tiktok-shop-uk)

    Passes:
        title: "Hot Glue Gun 60W with 20 Glue Sticks"
        title: "Ivory White Percale Sheet Set"
        title: "Lavender Bath Bomb Gift Set"
        title: "Chef Knife 8 inch", category: "Kitchen"  (base, amazon-us)

    Options:
        Severity and verdicts come from the policy packs (``prohibited.categories.<id>``:
        status, severity, message, source, last_checked, allowed_in, terms, patterns);
        ``--severity PR101=warning`` overrides them.
    """

    code = "PR101"
    name = "prohibited-product"
    severity = Severity.ERROR
    summary = "Product a selected marketplace prohibits (weapons, drugs, nicotine, recalled...)"


class RestrictedProduct(_ProhibitedRule):
    """A product that the selected marketplaces allow only with approval, documents or
    conditions: alcohol on Amazon, medical devices, pesticides, restricted supplement
    ingredients, hidden cameras, mystery boxes, dangerous goods on TikTok Shop (info).

    Why:
        Restricted products are removed unless the seller is approved (TikTok Shop
        qualification, Amazon category approval, Google certification). Listing them before
        approval risks the account. Restricted products policy:
        https://seller-us.tiktok.com/university/essay?knowledge_id=3238037484275457

    Fails:
        title: "Digital Blood Pressure Monitor"
        title: "Cabernet Sauvignon 2019 750ml", with --policy amazon-us

    Passes:
        title: "Wine Glass Set of 4"
        title: "Arm Cuff Cover for Blood Pressure Monitor"

    Options:
        When any selected marketplace prohibits the category the finding is PR101 instead,
        naming the marketplaces that only restrict it in the same message.
    """

    code = "PR102"
    name = "restricted-product"
    severity = Severity.WARNING
    summary = "Product a selected marketplace allows only with approval or documents"


RULES: list[type[Rule]] = [ProhibitedProduct, RestrictedProduct]
