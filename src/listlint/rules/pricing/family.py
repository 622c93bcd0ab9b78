"""The ``pricing`` family (issue 23): what its rules share.

Resources (once per rule set): :class:`Settings`, each selected pack's ``pricing:``
section (currencies per marketplace) and the first pack's thresholds. Analysis (once per
batch, :class:`PricingAnalysis`): the parsed price, sale and compare-at amounts, the
currency, whether the listing is on sale, and the context words that explain a price.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

import polars as pl

from listlint.batch import Batch
from listlint.lifecycle import on_sale
from listlint.rules.family import Family, FamilyCatalogRule, FamilyRule
from listlint.rules.pricing.contexts import contexts
from listlint.rules.pricing.currency import currency_column
from listlint.rules.pricing.policy import KEY, PricingSection

if TYPE_CHECKING:
    from listlint.policy.pack import PolicyPack
    from listlint.rules.context import BatchContext

DOCS = "https://github.com/listlint/listlint#prices-pricing"


def pricing_of(pack: PolicyPack) -> PricingSection:
    """``pack``'s ``pricing:`` section."""
    section = getattr(pack, KEY, None)
    return section if isinstance(section, PricingSection) else PricingSection()


@dataclass(frozen=True)
class Settings:
    #: the first selected pack's section (thresholds), the base defaults without packs
    first: PricingSection
    #: (marketplace label, accepted currencies, its pricing page) per pack that names any
    currencies: tuple[tuple[str, frozenset[str], str | None], ...]


class PricingAnalysis:
    """One batch as the pricing rules see it; every part is computed on first use."""

    def __init__(self, batch: Batch) -> None:
        self.batch = batch

    @cached_property
    def frame(self) -> pl.DataFrame:
        """``i``, ``price``, ``sale``, ``compare`` (amounts, null where blank or
        unreadable), ``currency`` (ISO code or null), ``live`` (on sale)."""
        f = self.batch.frame

        def amount(name: str) -> pl.Expr:
            return pl.col(name) if name in f.columns else pl.lit(None, dtype=pl.Float64)

        return f.select(
            pl.int_range(pl.len(), dtype=pl.Int64).alias("i"),
            _thousands(f, "price", amount("price_amount")).alias("price"),
            amount("sale_price_amount").alias("sale"),
            amount("compare_at_amount").alias("compare"),
        ).with_columns(
            currency_column(self.batch).alias("currency"),
            on_sale(self.batch).alias("live"),
        )

    @cached_property
    def contexts(self) -> pl.DataFrame:
        """One boolean column per context kind (free, digital, pack, deposit, giftcard)."""
        return contexts(self.batch)


#: "1.235.000": dots grouping thousands, as Vietnamese, Indonesian and German shops write
_DOT_GROUPS = r"^\d{1,3}(?:\.\d{3})+$"


def _thousands(f: pl.DataFrame, raw: str, amount: pl.Expr) -> pl.Expr:
    """The amount with dot-grouped thousands read as such when the column shows the
    convention: a file with "1.235.000" means 134,400 by "134.400", which a reader of
    one cell alone takes for 134.4 (and a 10,000 times cheaper listing)."""
    if raw not in f.columns:
        return amount
    col = f[raw].str.strip_chars()
    many = col.str.contains(r"^\d{1,3}(?:\.\d{3}){2,}$").any()
    decimals = col.str.contains(r"\.\d{1,2}$|\.\d{4,}$").any()
    if not many or decimals:
        return amount
    grouped = pl.col(raw).str.strip_chars()
    return (
        pl.when(grouped.str.contains(_DOT_GROUPS))
        .then(grouped.str.replace_all(".", "", literal=True).cast(pl.Float64, strict=False))
        .otherwise(amount)
    )


class PricingFamily(Family[Settings, PricingAnalysis]):
    name: ClassVar[str] = "pricing"
    section = (KEY, PricingSection)

    def build(self) -> Settings:
        packs = self.packs
        first = pricing_of(packs[0]) if packs else PricingSection()
        cur = tuple(
            (p.label, frozenset(pricing_of(p).currencies), self.page(p))
            for p in packs
            if pricing_of(p).currencies
        )
        return Settings(first, cur)

    def analyse(self, context: BatchContext) -> PricingAnalysis:
        return PricingAnalysis(context.batch)

    def page(self, pack: PolicyPack) -> str | None:
        return self.link(pack, pricing_of(pack).policy_url)

    @cached_property
    def default_link(self) -> str:
        return self.first_link(lambda p: (pricing_of(p).policy_url,)) or DOCS


class _PricingShared:
    family: PricingFamily

    @property
    def cfg(self) -> Settings:
        return self.family.resources

    def link(self) -> str:
        return self.family.default_link


class PricingRule(_PricingShared, FamilyRule[PricingFamily, PricingAnalysis]):
    """Base of the per-listing pricing rules (not registered itself)."""

    group: ClassVar[str] = "pricing"
    family_type: ClassVar[type[Family[Any, Any]]] = PricingFamily
    fields: ClassVar[tuple[str, ...]] = ("price", "sale_price", "compare_at_price")
    policy_url = DOCS


class PricingCatalogRule(_PricingShared, FamilyCatalogRule[PricingFamily, PricingAnalysis]):
    """Base of the catalogue-level pricing rules (two-phase)."""

    group: ClassVar[str] = "pricing"
    family_type: ClassVar[type[Family[Any, Any]]] = PricingFamily
    fields: ClassVar[tuple[str, ...]] = ("price",)
    policy_url = DOCS


def money(amount: float) -> str:
    """19.99 -> '19.99', 25000.0 -> '25,000', 0.01 -> '0.01'."""
    if amount == int(amount) and abs(amount) >= 1:
        return f"{amount:,.0f}"
    return f"{amount:,.2f}" if abs(amount) >= 0.01 else f"{amount:g}"
