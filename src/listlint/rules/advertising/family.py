"""The ``advertising`` family (absolute claims, fake urgency, comparisons): what its
rules share.

Resources, once per rule set: the vocabulary (:mod:`.vocab`). Analysis, once per batch
(:class:`AdvertisingAnalysis`): the title, description and bullet cells the columnar
prefilter keeps, each read once for all three kinds of claim; every rule takes its kind.
The frame (cells, packs, links) is :mod:`listlint.rules.textscan`'s.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from listlint.rules.advertising import detect, prefilter
from listlint.rules.advertising.policy import KEY, AdvertisingSection, advertising_of
from listlint.rules.advertising.vocab import Vocab, build
from listlint.rules.base import Hit
from listlint.rules.family import Family
from listlint.rules.marketplace import names, strictest
from listlint.rules.textscan import Cell, TextAnalysis, TextCell, TextFamily, TextRule
from listlint.text.normalize import fold

if TYPE_CHECKING:
    from listlint.batch import Batch

POLICY = "https://seller-us.tiktok.com/university/essay?knowledge_id=7073362639816491"


class AdvertisingAnalysis(TextAnalysis[Vocab, detect.Claim]):
    def candidates(self, batch: Batch, field: str) -> list[int]:
        pf = self.vocab.prefilter
        assert pf is not None  # built with the vocabulary
        return prefilter.candidates(batch, field, pf)

    @cached_property
    def _brand_size(self) -> tuple[list[str | None], list[str | None]]:
        return self.batch.values("brand"), self.batch.values("size")

    def read(self, cell: TextCell) -> list[detect.Claim]:
        vocab, text, i = self.vocab, cell.folded, cell.index
        brands, sizes = self._brand_size
        b, z = brands[i], sizes[i]
        brand = fold(b).strip() if b else None
        size = fold(z).strip() if z else None
        owned = detect.owned_elsewhere(text, vocab, cell.field == "title")
        return (
            detect.absolutes(text, vocab, owned, brand, size, cell.aligned)
            + detect.urgencies(text, vocab, owned)
            + detect.comparisons(text, vocab, brand, cell.aligned)
        )


class AdvertisingFamily(TextFamily[Vocab, AdvertisingAnalysis]):
    name: ClassVar[str] = "advertising"
    section = (KEY, AdvertisingSection)
    vocabulary = build
    analysis = AdvertisingAnalysis


class AdvertisingRule(TextRule[AdvertisingFamily, AdvertisingAnalysis]):
    """Base of the advertising rules: one hit per cell for the rule's kind of claim, with
    the strictest severity among the selected marketplaces and their names."""

    group: ClassVar[str] = "advertising"
    family_type: ClassVar[type[Family[Any, Any]]] = AdvertisingFamily
    policy_url: ClassVar[str | None] = POLICY
    section_of = staticmethod(advertising_of)
    #: the :class:`~.detect.Claim` kind this rule reports
    kind: ClassVar[str] = ""

    def message(self, claim: detect.Claim, quote: str, where: str) -> str:  # pragma: no cover
        raise NotImplementedError

    def suggestion(self, claim: detect.Claim) -> str:  # pragma: no cover
        raise NotImplementedError

    def check(self, batch: Batch, analysis: AdvertisingAnalysis) -> list[Hit]:
        severity, named = strictest(self.packs, self.code, self.severity)
        out: list[Hit] = []
        for cell in analysis.cells:
            claim = next((c for c in cell.found if c.kind == self.kind), None)
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


__all__ = ["AdvertisingAnalysis", "AdvertisingFamily", "AdvertisingRule", "Cell"]
