"""Supporting evidence that a branded listing is not the genuine article: a price far
below anything the brand sells, and a GTIN that cannot be the manufacturer's.

Neither proves a counterfeit; both raise the risk of a listing that claims a protected
brand. Genuine branded goods carry the brand owner's GS1 barcode, and Google Merchant
Center requires the manufacturer's GTIN for branded new products
(https://support.google.com/merchants/answer/6324461); a made-up or malformed GTIN on
a luxury brand is a classic sign of a copy (policy_facts.md 3.2, structural signals).
"""

from __future__ import annotations

from functools import lru_cache

from listlint import gtin
from listlint.gtin import GtinReading
from listlint.resources import table
from listlint.rules.ip.index import Brand

#: a price under this share of the brand's cheapest genuine item is "far below" its range
#: (policy_facts.md 3.2: "price < ~30% of brand's typical retail for luxury goods"; the
#: cheapest item, not the typical one, keeps outlet and sale prices clear)
FAR_BELOW = 0.30
#: assumed USD value of one unit when the listing gives no currency (a strong currency,
#: so an unknown currency never makes a price look cheaper than it could be)
UNKNOWN_CURRENCY_USD = 1.3


@lru_cache(maxsize=1)
def usd_rates() -> dict[str, float]:
    return {r["currency"].upper(): float(r["usd"]) for r in table("brands/currency_usd")}


def price_far_below(
    brand: Brand,
    amount: float | None,
    currency: str | None,
    groups: set[str] | frozenset[str] = frozenset(),
) -> bool:
    """Supporting evidence only: the price is far below anything the brand sells in the
    listing's category groups (a Dior watch, not a Dior lip balm)."""
    floor = brand.price_floor(groups)
    if floor is None or amount is None or amount <= 0:
        return False
    rate = usd_rates().get(currency.upper()) if currency else UNKNOWN_CURRENCY_USD
    return rate is not None and amount * rate < FAR_BELOW * floor


def gtin_problem(reading: GtinReading | None) -> str | None:
    """Why a GTIN (as read by :mod:`listlint.gtin`, spreadsheet damage undone) cannot be
    the manufacturer's, or None: plausible, blank, or not a number at all ("N/A" is a
    missing identifier, ISBNs and store-internal prefixes are other stories; the specs
    rules report those)."""
    if reading is None or reading.problem is None:
        return None
    if reading.problem == gtin.LENGTH:
        return f"has {reading.detail} (a GTIN has 8, 12, 13 or 14)"
    if reading.problem == gtin.PLACEHOLDER and reading.digits:
        return "is a placeholder number"
    if reading.problem == gtin.CHECK_DIGIT:
        return "has a wrong check digit"
    return None
