"""Supporting evidence that a branded listing is not the genuine article: a GTIN that
cannot be the manufacturer's (the price side is :mod:`listlint.rules.ip.prices`).

Neither proves a counterfeit; both raise the risk of a listing that claims a protected
brand. Genuine branded goods carry the brand owner's GS1 barcode, and Google Merchant
Center requires the manufacturer's GTIN for branded new products
(https://support.google.com/merchants/answer/6324461); a made-up or malformed GTIN on
a luxury brand is a classic sign of a copy (policy_facts.md 3.2, structural signals).
"""

from __future__ import annotations

from listlint import gtin
from listlint.gtin import GtinReading


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
