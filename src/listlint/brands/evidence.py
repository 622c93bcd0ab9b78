"""Supporting evidence that a branded listing is not the genuine article: a price far
below anything the brand sells, and a GTIN that cannot be the manufacturer's.

Neither proves a counterfeit; both raise the risk of a listing that claims a protected
brand. Genuine branded goods carry the brand owner's GS1 barcode, and Google Merchant
Center requires the manufacturer's GTIN for branded new products
(https://support.google.com/merchants/answer/6324461); a made-up or malformed GTIN on
a luxury brand is a classic sign of a copy (policy_facts.md 3.2, structural signals).
"""

from __future__ import annotations

import re
from functools import lru_cache

from listlint.brands.index import Brand
from listlint.resources import table

#: a price under this share of the brand's cheapest genuine item is "far below" its range
#: (policy_facts.md 3.2: "price < ~30% of brand's typical retail for luxury goods"; the
#: cheapest item, not the typical one, keeps outlet and sale prices clear)
FAR_BELOW = 0.30
#: assumed USD value of one unit when the listing gives no currency (a strong currency,
#: so an unknown currency never makes a price look cheaper than it could be)
UNKNOWN_CURRENCY_USD = 1.3
GTIN_LENGTHS = (8, 12, 13, 14)
_SEPARATORS = re.compile(r"[\s\-.]")


@lru_cache(maxsize=1)
def usd_rates() -> dict[str, float]:
    return {r["currency"].upper(): float(r["usd"]) for r in table("brands/currency_usd")}


def price_far_below(brand: Brand, amount: float | None, currency: str | None) -> bool:
    """Supporting evidence only: the price is far below anything the brand sells."""
    if brand.min_price_usd is None or amount is None or amount <= 0:
        return False
    rate = usd_rates().get(currency.upper()) if currency else UNKNOWN_CURRENCY_USD
    return rate is not None and amount * rate < FAR_BELOW * brand.min_price_usd


def _check_digit_ok(digits: str) -> bool:
    """GS1 mod-10: weights 3,1,3,1... from the digit left of the check digit."""
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(c) * (3 if k % 2 == 0 else 1) for k, c in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def gtin_problem(value: str | None) -> str | None:
    """Why ``value`` cannot be a manufacturer's GTIN, or None (plausible, absent, or not
    a number at all: text such as "N/A" is a missing identifier, the specs rules' job).

    Spreadsheet damage is not held against the seller: a leading apostrophe, and a
    12-digit UPC that lost its leading zero (11 digits) are read as intended.
    """
    if not value:
        return None
    digits = _SEPARATORS.sub("", str(value).strip().lstrip("'"))
    if not digits.isdigit():
        return None
    if len(digits) == 11:
        digits = "0" + digits
    if len(digits) not in GTIN_LENGTHS:
        return f"has {len(digits)} digits (a GTIN has 8, 12, 13 or 14)"
    if len(set(digits)) == 1 or digits in "0123456789012345" or digits.strip("0") == "":
        return "is a placeholder"
    if not _check_digit_ok(digits):
        return "has a wrong check digit"
    return None
