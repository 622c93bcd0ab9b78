"""The ``offplatform`` family (contact details and links that take buyers elsewhere):
what its rules share.

Resources, once per rule set: the vocabulary (:mod:`.vocab`). Analysis, once per batch
(:class:`OffplatformAnalysis`): the title, description and bullet cells that can hold
anything (a columnar prefilter, see :mod:`.prefilter`), each read once by
:func:`.detect.find`; every rule takes its kind of finding from that one reading.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from listlint.rules.base import Hit
from listlint.rules.family import Family
from listlint.rules.marketplace import names, strictest
from listlint.rules.offplatform import detect, prefilter
from listlint.rules.offplatform.policy import KEY, OffplatformSection, offplatform_of
from listlint.rules.offplatform.vocab import Vocab, build
from listlint.rules.textscan import Cell, TextAnalysis, TextCell, TextFamily, TextRule

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.policy.pack import PolicyPack

#: manufacturer and responsible-person fields are not read (the EU GPSR requires an
#: address, e-mail and phone there): only textscan's FIELDS, the seller's own text
POLICY = "https://sellercentral.amazon.com/gp/help/external/200390640"


class OffplatformAnalysis(TextAnalysis[Vocab, detect.Found]):
    def candidates(self, batch: Batch, field: str) -> list[int]:
        pf = self.vocab.prefilter
        assert pf is not None  # built with the vocabulary
        return prefilter.candidates(batch, field, pf)

    def read(self, cell: TextCell) -> list[detect.Found]:
        return detect.find(cell.folded, self.vocab, cell.aligned)


class OffplatformFamily(TextFamily[Vocab, OffplatformAnalysis]):
    name: ClassVar[str] = "offplatform"
    section = (KEY, OffplatformSection)
    vocabulary = build
    analysis = OffplatformAnalysis


class OffplatformRule(TextRule[OffplatformFamily, OffplatformAnalysis]):
    """Base of the offplatform rules: which kinds of finding a rule reports, whether a
    selected marketplace refuses one, its strictest severity, and its link."""

    group: ClassVar[str] = "offplatform"
    family_type: ClassVar[type[Family[Any, Any]]] = OffplatformFamily
    policy_url: ClassVar[str | None] = POLICY
    section_of = staticmethod(offplatform_of)
    #: the :class:`~.detect.Found` kinds this rule reports
    kinds: ClassVar[tuple[str, ...]] = ()

    def refusing(self, f: detect.Found) -> list[PolicyPack]:
        """The selected packs that refuse ``f`` (all, but links a marketplace allows and
        mentions of the marketplace itself); every pack when none is selected."""
        packs = self.packs
        if not packs:
            return []
        out = []
        for pack in packs:
            section = offplatform_of(pack)
            if f.platform is not None and f.platform in section.own_platforms:
                continue
            if f.kind in ("link", "marketplace", "messenger") and section.allows_host(f.host):
                continue
            out.append(pack)
        return out

    def hits_for(self, analysis: OffplatformAnalysis, what: str, fix: str) -> list[Hit]:
        """One hit per cell and rule: the first finding of the rule's kinds, with the
        marketplaces that refuse it. ``what`` describes the finding ("a phone number"),
        ``fix`` what to do."""
        out: list[Hit] = []
        brand_of = self.batch_brands(analysis.batch)
        for cell in analysis.cells:
            for f in cell.found:
                if f.kind not in self.kinds:
                    continue
                quote = cell.quote(f)
                brand = brand_of(cell.text.index)
                if brand and f.kind == "link" and quote.lower() in brand.lower():
                    continue  # "Booking.com" gift card: the brand's name, not a link
                packs = self.refusing(f)
                if self.packs and not packs:
                    continue
                severity, named = strictest(packs, self.code, self.severity)
                out.append(
                    Hit(
                        message=f"the {cell.text.where} contains {self.describe(f, what)} {quote!r}; "
                        + (
                            f"{names(named)} {'does' if len(named) == 1 else 'do'} not allow it"
                            if named
                            else "marketplaces do not allow it in listings"
                        ),
                        index=cell.text.index,
                        field=cell.text.field,
                        match=quote,
                        suggestion=fix,
                        severity=severity if packs else None,
                        marketplaces=named,
                    )
                )
                break
        return out

    def describe(self, f: detect.Found, what: str) -> str:
        return what

    @staticmethod
    def batch_brands(batch: Batch) -> Any:
        values = batch.values("brand")
        return lambda i: values[i]


__all__ = ["Cell", "OffplatformAnalysis", "OffplatformFamily", "OffplatformRule"]
