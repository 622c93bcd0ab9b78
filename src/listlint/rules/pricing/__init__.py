"""Rule family ``pricing`` (issue 23): prices that are missing, zero, placeholders,
inconsistent with their sale and compare-at prices, in the wrong currency, or far from
their variants and product type (PC1xx-PC4xx).

Modules: :mod:`family` (settings, analysis, base rules), :mod:`policy` (the packs'
``pricing:`` section), :mod:`rules` (per listing), :mod:`catalog_rules` (whole
catalogue, two-phase), :mod:`contexts` (free samples, digital downloads, packs...),
:mod:`currency`, :mod:`quantity` (sizes that explain a price), :mod:`robust`
(median/MAD outliers), :mod:`dates`.
"""

from listlint.rules.base import Rule
from listlint.rules.pricing.catalog_rules import (
    CurrencyMismatch,
    MixedCurrencies,
    PlaceholderPrice,
    TypePriceOutlier,
    VariantPriceOutlier,
)
from listlint.rules.pricing.family import PricingFamily
from listlint.rules.pricing.rules import (
    InflatedReferencePrice,
    MissingPrice,
    NonPositivePrice,
    ReversedSaleDates,
    SaleNotLower,
)

FAMILY = PricingFamily

RULES: list[type[Rule]] = [
    MissingPrice,
    NonPositivePrice,
    PlaceholderPrice,
    SaleNotLower,
    InflatedReferencePrice,
    ReversedSaleDates,
    CurrencyMismatch,
    MixedCurrencies,
    VariantPriceOutlier,
    TypePriceOutlier,
]

__all__ = ["FAMILY", "RULES"]
