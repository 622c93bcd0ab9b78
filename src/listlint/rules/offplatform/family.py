"""The ``offplatform`` family (contact details and links that take buyers elsewhere):
what its rules share.

Resources, once per rule set: the vocabulary (:mod:`.vocab`). Analysis, once per batch
(:class:`OffplatformAnalysis`): the title, description and bullet cells that can hold
anything (a columnar prefilter, see :mod:`.prefilter`), each read once by
:func:`.detect.find`; every rule takes its kind of finding from that one reading.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from listlint.rules.base import Hit
from listlint.rules.family import Family, FamilyRule
from listlint.rules.marketplace import first_named_link, names, strictest
from listlint.rules.offplatform import detect, prefilter
from listlint.rules.offplatform.policy import KEY, OffplatformSection, offplatform_of
from listlint.rules.offplatform.vocab import Vocab, build
from listlint.rules.textscan import TextCell, read_cells

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.policy.pack import PolicyPack
    from listlint.rules.context import BatchContext

#: the seller's own text; manufacturer and responsible-person fields are left alone
#: (the EU GPSR requires an address, e-mail and phone there)
FIELDS = ("title", "description", "bullets")
POLICY = "https://sellercentral.amazon.com/gp/help/external/200390640"


class OffplatformFamily(Family[Vocab, "OffplatformAnalysis"]):
    name: ClassVar[str] = "offplatform"
    section = (KEY, OffplatformSection)

    def build(self) -> Vocab:
        return build()

    def analyse(self, context: BatchContext) -> OffplatformAnalysis:
        return OffplatformAnalysis(context.batch, self.resources)


@dataclass(frozen=True, slots=True)
class Cell:
    """One text cell with something off-platform in it."""

    text: TextCell
    found: tuple[detect.Found, ...]

    def quote(self, f: detect.Found) -> str:
        return self.text.quote(f.start, f.end)


class OffplatformAnalysis:
    def __init__(self, batch: Batch, vocab: Vocab) -> None:
        self.batch = batch
        self.vocab = vocab

    @cached_property
    def cells(self) -> list[Cell]:
        vocab = self.vocab
        pf = vocab.prefilter
        assert pf is not None  # built with the vocabulary
        out: list[Cell] = []
        for cell in read_cells(self.batch, FIELDS, lambda b, f: prefilter.candidates(b, f, pf)):
            found = detect.find(cell.folded, vocab, cell.aligned)
            if found:
                out.append(Cell(cell, tuple(found)))
        return out


class OffplatformRule(FamilyRule[OffplatformFamily, OffplatformAnalysis]):
    """Base of the offplatform rules: which kinds of finding a rule reports, whether a
    selected marketplace refuses one, its strictest severity, and its link."""

    group: ClassVar[str] = "offplatform"
    family_type: ClassVar[type[Family[Any, Any]]] = OffplatformFamily
    policy_url: ClassVar[str | None] = POLICY
    #: the :class:`~.detect.Found` kinds this rule reports
    kinds: ClassVar[tuple[str, ...]] = ()
    fields = FIELDS

    @property
    def packs(self) -> list[PolicyPack]:
        return self.family.packs

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

    def default_policy(self, hit: Hit | None = None) -> str | None:
        def link(pack: PolicyPack) -> str | None:
            section = offplatform_of(pack)
            return self.family.link(pack, section.policy_url, section.source, self.policy_url)

        return first_named_link(self.packs, hit, link, self.policy_url)
