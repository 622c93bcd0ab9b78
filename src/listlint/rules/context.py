"""What the engine hands the families for one batch: the batch, the analyses made of it.

The engine makes one :class:`BatchContext` per batch and drops it when the batch is
checked. Analyses live here, not on the batch, so a batch stays plain data (loader
output) and an analysis never outlives the batch it describes.

Three kinds of analysis hang off a context:

* **Each family's own** (:meth:`BatchContext.analysis`): computed by
  :meth:`~listlint.rules.family.Family.analyse` on the first rule of the family that
  runs, handed to every rule of the family.
* **Shared across families** (:attr:`BatchContext.categories`, :attr:`BatchContext.gtin`):
  facts several families read (the listing's mapped category; the GTIN column read
  once), computed on first use.
* **The catalogue's facts** (:meth:`BatchContext.facts`, :mod:`listlint.rules.facts`):
  what phase one read over the whole file, the same for every batch of it.
* **The product analysis** (:attr:`BatchContext.product`, :mod:`listlint.product`): what
  each listing sells and the role each risky word plays in it ("knife" as the product
  or as an accessory's purpose). Computed on first use, once per batch, whichever family
  asks first; families read it in ``analyse`` (it costs ~20 us per distinct title, so
  families that need only a few listings' roles ask for those: ``product.role(i, ...)``).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

import polars as pl

from listlint.gtin import GtinColumn, read_series
from listlint.product import ProductAnalysis, product_analysis
from listlint.taxonomy import CategoryColumn, map_batch

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.rules.facts import CatalogFacts
    from listlint.rules.family import Family

A = TypeVar("A")


class BatchContext:
    """One batch and the analyses made of it (see the module docstring)."""

    def __init__(self, batch: Batch, facts: CatalogFacts | None = None) -> None:
        self.batch = batch
        self._analyses: dict[Family[Any, Any], Any] = {}
        self._facts = facts
        self._own_facts: dict[Family[Any, Any], pl.DataFrame | None] = {}
        self._evidence: dict[Family[Any, Any], pl.DataFrame | None] = {}

    def facts(self, family: Family[Any, Any]) -> pl.DataFrame | None:
        """``family``'s catalogue facts (phase one over the whole file). A caller that
        ran no phase one (one batch through the batch API) gets this batch's own."""
        if self._facts is not None:
            return self._facts.of(family)
        if family not in self._own_facts:
            own = self.evidence(family)
            self._own_facts[family] = None if own is None else family.combine([own])
        return self._own_facts[family]

    def evidence(self, family: Family[Any, Any]) -> pl.DataFrame | None:
        """``family``'s phase-one evidence of this batch (made once, on first use)."""
        if family not in self._evidence:
            self._evidence[family] = family.evidence(self.batch)
        return self._evidence[family]

    def analysis(self, family: Family[Any, A]) -> A:
        """``family``'s analysis of this batch, computed on the first call."""
        # keyed by the family object (a rule set has one per family; families hash by
        # identity, and the context holds them, so a key is never reused while it lives)
        if family not in self._analyses:
            self._analyses[family] = family.analyse(self)
        return self._analyses[family]

    def release(self) -> None:
        """Drop every analysis once the batch is checked: some refer back to the context
        or the batch (reference cycles the engine's rare collections would leave)."""
        self._analyses.clear()
        self._own_facts.clear()
        self._evidence.clear()
        self.__dict__.pop("categories", None)
        self.__dict__.pop("gtin", None)

    @property
    def product(self) -> ProductAnalysis:
        """What each listing sells, and the role of a word in it (:mod:`listlint.product`),
        made once per batch (kept on the batch: it depends on the listings only)."""
        return product_analysis(self.batch)

    @cached_property
    def categories(self) -> CategoryColumn:
        """Each listing's category mapped onto listlint's paths (:mod:`listlint.taxonomy`)."""
        return map_batch(self.batch)

    @cached_property
    def gtin(self) -> GtinColumn:
        """The GTIN column read once (None where blank; :mod:`listlint.gtin`)."""
        f = self.batch.frame
        series = f["gtin"] if "gtin" in f.columns else pl.Series([None] * f.height, dtype=pl.Utf8)
        return read_series(series)
