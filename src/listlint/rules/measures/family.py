"""The ``measures`` family (weights and dimensions): what its rules share.

Resources (once per rule set): :class:`~listlint.rules.measures.analysis.Settings`, the
measures policy of the run (the first pack's numbers, every pack's weight ranges, the
product-type index). Analysis (once per batch, :class:`MeasuresAnalysis`, each part on
first use): parsed weights and dimensions with product types and verdicts, unread cells,
and weights a unit mix-up explains.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

import polars as pl

from listlint.batch import Batch
from listlint.rules.family import Family, FamilyCatalogRule, FamilyRule
from listlint.rules.measures.analysis import Settings, analyse, settings
from listlint.rules.measures.policy import KEY, MeasuresSection, measures_of
from listlint.rules.measures.problems import unparsed, weight_problems

if TYPE_CHECKING:
    from listlint.policy.pack import PolicyPack
    from listlint.rules.context import BatchContext

DOCS = "https://github.com/listlint/listlint#weights-and-dimensions-measures"
MEASURE_FIELDS = ("weight", "length", "width", "height", "dimensions")
MASS_UNITS = ("g", "kg", "lb", "oz")


class MeasuresAnalysis:
    """One batch as the measures rules see it; every part is computed on first use."""

    def __init__(self, batch: Batch, cfg: Settings) -> None:
        self.batch = batch
        self.cfg = cfg
        self._unparsed: dict[str, pl.DataFrame] = {}

    @cached_property
    def frame(self) -> pl.DataFrame:
        """One row per listing (see :func:`~listlint.rules.measures.analysis.analyse`)."""
        return analyse(self.batch, self.cfg)

    def unparsed(self, field: str) -> pl.DataFrame:
        """Cells of ``field`` that were not read (see :func:`~listlint.rules.measures.problems.unparsed`)."""
        if field not in self._unparsed:
            self._unparsed[field] = unparsed(self.batch, field)
        return self._unparsed[field]

    @cached_property
    def weight_problems(self) -> pl.DataFrame:
        """Weights outside their type's band, with the unit error explaining them."""
        return weight_problems(self.frame, self.batch, self.cfg)


class MeasuresFamily(Family[Settings, MeasuresAnalysis]):
    name: ClassVar[str] = "measures"
    section = (KEY, MeasuresSection)

    def build(self) -> Settings:
        return settings(self.policies)

    def analyse(self, context: BatchContext) -> MeasuresAnalysis:
        return MeasuresAnalysis(context.batch, self.resources)

    @cached_property
    def default_link(self) -> str:
        """The first selected marketplace's own page on weights and dimensions."""
        return self.first_link(lambda p: (measures_of(p).policy_url,)) or DOCS


class _MeasuresShared:
    """What both measures rule bases declare and share."""

    family: MeasuresFamily

    @property
    def cfg(self) -> Settings:
        return self.family.resources

    def link(self) -> str:
        """The first selected marketplace's own page on weights and dimensions."""
        return self.family.default_link

    def link_for(self, pack: PolicyPack) -> str | None:
        """``pack``'s own weights-and-dimensions page (an inherited page of another
        marketplace is skipped, see :mod:`listlint.policy.links`)."""
        return self.family.link(pack, measures_of(pack).policy_url)


class MeasuresRule(_MeasuresShared, FamilyRule[MeasuresFamily, MeasuresAnalysis]):
    """Base of the per-batch measures rules (not registered itself)."""

    group: ClassVar[str] = "measures"
    family_type: ClassVar[type[Family[Any, Any]]] = MeasuresFamily
    fields: ClassVar[tuple[str, ...]] = MEASURE_FIELDS
    policy_url = DOCS


class MeasuresCatalogRule(_MeasuresShared, FamilyCatalogRule[MeasuresFamily, MeasuresAnalysis]):
    """Base of the catalogue-level measures rules (two-phase)."""

    group: ClassVar[str] = "measures"
    family_type: ClassVar[type[Family[Any, Any]]] = MeasuresFamily
    fields: ClassVar[tuple[str, ...]] = MEASURE_FIELDS
    policy_url = DOCS


def dims_field(batch: Batch) -> str:
    """The field dimensions were read from (one "30x20x5" column or three columns).

    Decided by the columns the file maps, not by whether this batch has values in them:
    a partition or batch whose length cells are all blank must read dimensions the way
    the rest of the file does (Spark, Dask and the batch API split files anywhere)."""
    if any(f in batch.frame.columns for f in ("length", "width", "height")):
        return "length"
    return "dimensions"
