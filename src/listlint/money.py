"""Parse prices written with symbols, codes and decimal commas."""

from __future__ import annotations

import re

from listlint.units import parse_number

SYMBOLS = {
    "$": "USD",
    "US$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "￥": "CNY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "R$": "BRL",
    "A$": "AUD",
    "C$": "CAD",
    "kr": "SEK",
    "zł": "PLN",
    "₺": "TRY",
    "₫": "VND",
    "฿": "THB",
    "₱": "PHP",
    "د.إ": "AED",
    "ر.س": "SAR",
}
_CODE_RE = re.compile(r"\b([A-Z]{3})\b")
_NUM_RE = re.compile(r"[-+]?\d[\d.,\u00a0\u202f ]*\d|[-+]?\d|[-+]?[.,]\d+")


def parse_price(text: str | None) -> tuple[float | None, str | None]:
    """``'$237.68 '`` -> (237.68, 'USD'); ``'19,50 EUR'`` -> (19.5, 'EUR');
    ``'AED 15'`` -> (15.0, 'AED'). Returns (None, currency) when no number is found.
    A range ("10 - 20") gives its first value."""
    if text is None:
        return None, None
    raw = str(text).strip()
    if not raw:
        return None, None
    currency = None
    m = _CODE_RE.search(raw.upper())
    if m and m.group(1) not in ("NAN", "N/A"):
        currency = m.group(1)
    else:
        for sym in sorted(SYMBOLS, key=len, reverse=True):
            if sym in raw:
                currency = SYMBOLS[sym]
                break
    n = _NUM_RE.search(raw)
    if not n:
        return None, currency
    return parse_number(n.group(0)), currency
