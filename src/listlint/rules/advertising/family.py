"""The ``advertising`` family (absolute claims, fake urgency, comparisons): what its
rules share.

Resources, once per rule set: the vocabulary (:mod:`.vocab`). Analysis, once per batch
(:class:`AdvertisingAnalysis`): the title, description and bullet cells the columnar
prefilter keeps, each read once for all three kinds of claim; every rule takes its kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from listlint.rules.advertising import detect, prefilter
from listlint.rules.advertising.policy import KEY, AdvertisingSection, advertising_of
from listlint.rules.advertising.vocab import Vocab, build
from listlint.rules.base import Hit
from listlint.rules.family import Family, FamilyRule
from listlint.rules.marketplace import first_named_link, names, strictest
from listlint.rules.textscan import TextCell, read_cells
from listlint.text.normalize import fold

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.policy.pack import PolicyPack
    from listlint.rules.context import BatchContext

FIELDS = ("title", "description", "bullets")
POLICY = "https://seller-us.tiktok.com/university/essay?knowledge_id=7073362639816491"


class AdvertisingFamily(Family[Vocab, "AdvertisingAnalysis"]):
    name: ClassVar[str] = "advertising"
    section = (KEY, AdvertisingSection)

    def build(self) -> Vocab:
        return build()

    def analyse(self, context: BatchContext) -> AdvertisingAnalysis:
        return AdvertisingAnalysis(context.batch, self.resources)


@dataclass(frozen=True, slots=True)
class Cell:
    """One text cell with a claim in it."""

    text: TextCell
    claims: tuple[detect.Claim, ...]

    def quote(self, c: detect.Claim) -> str:
        return self.text.quote(c.start, c.end)


class AdvertisingAnalysis:
    def __init__(self, batch: Batch, vocab: Vocab) -> None:
        self.batch = batch
        self.vocab = vocab

    @cached_property
    def cells(self) -> list[Cell]:
        vocab = self.vocab
        pf = vocab.prefilter
        assert pf is not None  # built with the vocabulary
        brands, sizes = self.batch.values("brand"), self.batch.values("size")
        out: list[Cell] = []
        for cell in read_cells(self.batch, FIELDS, lambda b, f: prefilter.candidates(b, f, pf)):
            text, i = cell.folded, cell.index
            brand = fold(brands[i]).strip() if brands[i] else None
            size = fold(sizes[i]).strip() if sizes[i] else None
            owned = detect.owned_elsewhere(text, vocab, cell.field == "title")
            claims = (
                detect.absolutes(text, vocab, owned, brand, size, cell.aligned)
                + detect.urgencies(text, vocab, owned)
                + detect.comparisons(text, vocab, brand, cell.aligned)
            )
            if claims:
                out.append(Cell(cell, tuple(claims)))
        return out


class AdvertisingRule(FamilyRule[AdvertisingFamily, AdvertisingAnalysis]):
    """Base of the advertising rules: one hit per cell for the rule's kind of claim, with
    the strictest severity among the selected marketplaces and their names."""

    group: ClassVar[str] = "advertising"
    family_type: ClassVar[type[Family[Any, Any]]] = AdvertisingFamily
    policy_url: ClassVar[str | None] = POLICY
    fields = FIELDS
    #: the :class:`~.detect.Claim` kind this rule reports
    kind: ClassVar[str] = ""

    @property
    def packs(self) -> list[PolicyPack]:
        return self.family.packs

    def message(self, claim: detect.Claim, quote: str, where: str) -> str:  # pragma: no cover
        raise NotImplementedError

    def suggestion(self, claim: detect.Claim) -> str:  # pragma: no cover
        raise NotImplementedError

    def check(self, batch: Batch, analysis: AdvertisingAnalysis) -> list[Hit]:
        severity, named = strictest(self.packs, self.code, self.severity)
        out: list[Hit] = []
        for cell in analysis.cells:
            claim = next((c for c in cell.claims if c.kind == self.kind), None)
            if claim is None:
                continue
            quote = cell.quote(claim)
            text = self.message(claim, quote, cell.text.where)
            if named:
                verb = "rejects" if len(named) == 1 else "reject"
                text += f"; {names(named)} {verb} such claims"
            out.append(
                Hit(
                    message=text,
                    index=cell.text.index,
                    field=cell.text.field,
                    match=quote,
                    suggestion=self.suggestion(claim),
                    severity=severity if self.packs else None,
                    marketplaces=named,
                )
            )
        return out

    def default_policy(self, hit: Hit | None = None) -> str | None:
        def link(pack: PolicyPack) -> str | None:
            section = advertising_of(pack)
            return self.family.link(pack, section.policy_url, section.source, self.policy_url)

        return first_named_link(self.packs, hit, link, self.policy_url)
