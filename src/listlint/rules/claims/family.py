"""The ``claims`` family: what its six rules share.

No run-wide resources of its own (the vocabulary and the spaCy pipeline are
process-wide, built on first use: :mod:`~listlint.rules.claims.vocab`,
:mod:`~listlint.rules.claims.pipeline`). Analysis (once per batch): every claim in the
batch (:func:`~listlint.rules.claims.analysis.analyse`: a columnar gate, an Aho-Corasick
prefilter, then spaCy on candidate sentences only; spaCy is imported only when a
candidate exists). Each rule reports its own kind of claim.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from listlint.policy.links import see_also
from listlint.report import Severity
from listlint.rules.base import Hit
from listlint.rules.claims.analysis import ClaimHit, analyse
from listlint.rules.claims.explain import explain
from listlint.rules.claims.messages import POLICY, message, suggestion
from listlint.rules.claims.policy import KEY, ClaimsSection, claims_of
from listlint.rules.family import Family, FamilyRule

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.policy.pack import PolicyPack
    from listlint.rules.context import BatchContext

_SEVERITY = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


class ClaimsFamily(Family[None, list[ClaimHit]]):
    name: ClassVar[str] = "claims"
    section = (KEY, ClaimsSection)

    def analyse(self, context: BatchContext) -> list[ClaimHit]:
        return analyse(context.batch)


class ClaimsRule(FamilyRule[ClaimsFamily, list[ClaimHit]]):
    """Base of the claims rules: one kind of claim each (``claim``)."""

    group: ClassVar[str] = "claims"
    family_type: ClassVar[type[Family[Any, Any]]] = ClaimsFamily
    fields: ClassVar[tuple[str, ...]] = ("title", "description", "bullets", "tags")
    #: which claims of the shared analysis this rule reports
    claim: ClassVar[str] = ""
    #: link the selected marketplace's medical-claims page (packs' ``claims.policy_url``)?
    marketplace_page: ClassVar[bool] = False

    def pack_page(self, pack: PolicyPack) -> str | None:
        """The pack's own page for this kind of claim (None: the law's page applies)."""
        return claims_of(pack).policy_url if self.marketplace_page else None

    @cached_property
    def links(self) -> list[tuple[str, str]]:
        """(marketplace, page) per selected pack: the marketplace's own page for this kind
        of claim when it has one, else the law's (FDA, FTC, eCFR)."""
        law = POLICY[self.claim]
        return [
            (label, url or law)
            for label, url in self.family.links(lambda p: (self.pack_page(p), law))
        ]

    def policy_link(self) -> str | None:
        return self.links[0][1] if self.links else None

    def severity_of(self, hit: ClaimHit) -> Severity | None:
        return _SEVERITY.get(hit.claim.severity or "")

    def check(self, batch: Batch, analysis: list[ClaimHit]) -> Iterator[Hit]:
        link = self.policy_link() or POLICY[self.claim]
        more = see_also(self.links[1:], link)
        marketplaces = self.family.marketplaces()
        for h in analysis:
            if h.claim.rule != self.claim:
                continue
            advice = suggestion(h)
            severity = self.severity_of(h)
            why = explain(h, (severity or self.severity).value)  # field, role, severity
            yield Hit(
                f"{message(h, marketplaces)} {why}",
                index=h.index,
                field=h.field,
                match=h.match,
                suggestion=advice + more if advice else more.strip() or None,
                policy=link,
                severity=severity,
                marketplaces=marketplaces,
            )
