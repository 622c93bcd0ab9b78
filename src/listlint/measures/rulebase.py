"""What every measures rule shares: identity group, policy settings, the per-batch
analysis and where dimensions were read from."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import polars as pl

from listlint.batch import Batch
from listlint.measures.analysis import Settings, batch_analysis, settings
from listlint.rules.base import Rule

if TYPE_CHECKING:
    from listlint.policy.pack import PolicyPack

DOCS = "https://github.com/listlint/listlint#weights-and-dimensions-measures"
MEASURE_FIELDS = ("weight", "length", "width", "height", "dimensions")
MASS_UNITS = ("g", "kg", "lb", "oz")
PARSED = {"weight": "weight_kg", "length": "length_cm", "width": "width_cm", "height": "height_cm"}


class MeasuresRule(Rule):
    """Base of the measures family (not registered itself)."""

    group = "measures"
    fields: ClassVar[tuple[str, ...]] = MEASURE_FIELDS
    policy_url = DOCS

    @property
    def cfg(self) -> Settings:
        if not hasattr(self, "_cfg"):
            self._cfg = settings(self.ctx.policies)
        return self._cfg

    def link(self) -> str:
        """The first selected marketplace's own page on weights and dimensions."""
        if not hasattr(self, "_link"):
            packs = list(self.ctx.policies)
            self._link = (self.link_for(packs[0]) if packs else None) or DOCS
        return self._link

    def link_for(self, pack: PolicyPack) -> str | None:
        """``pack``'s own weights-and-dimensions page (an inherited page of another
        marketplace is skipped, see :mod:`listlint.policy.links`)."""
        from listlint.policy.links import official_link

        return official_link(pack, pack.measures.policy_url)

    def analysis(self, batch: Batch) -> pl.DataFrame:
        return batch_analysis(batch, self.cfg)


def dims_field(batch: Batch) -> str:
    """The field dimensions were read from (one "30x20x5" column or three columns).

    Decided by the columns the file maps, not by whether this batch has values in them:
    a partition or batch whose length cells are all blank must read dimensions the way
    the rest of the file does (Spark, Dask and the batch API split files anywhere)."""
    if any(f in batch.frame.columns for f in ("length", "width", "height")):
        return "length"
    return "dimensions"
