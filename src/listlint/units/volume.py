"""Volumes ("500 ml", "0,75 l", "16.9 fl oz", "1 gal") read as litres.

A volume column holds one quantity: a number and a unit word, or a bare number in the
unit its header or unit column names ("Volume (ml)", Amazon's
``item_volume_unit_of_measure``). Anything else, a weight included (Google's
``unit_pricing_measure`` is "1.5kg" for goods sold by weight), is no volume: None.
"""

from __future__ import annotations

import re

from listlint.units.words import VOLUME_TO_L, VOLUME_UNIT_WORDS

_CELL = re.compile(r"\s*(\d{1,9}(?:[.,]\d{1,6})?)\s*([^\d\s].{0,20}?)?\s*\.?\s*")


def read_number(text: str) -> float:
    """A number as sellers write it: "0,75" and "1.5" are decimals, but "1,500" (a comma
    before three digits, not after a lone 0) is fifteen hundred."""
    whole, sep, frac = text.partition(",")
    if sep and len(frac) == 3 and whole != "0":
        return float(whole + frac)
    return float(text.replace(",", "."))


def volume_unit(word: str | None) -> str | None:
    """The canonical unit a word names ("Litres" -> "l", "fl. oz." -> "floz"), or None."""
    if not word:
        return None
    key = " ".join(word.strip().lower().rstrip(".").split())
    return VOLUME_UNIT_WORDS.get(key)


def parse_volume(text: object, default_unit: str | None = None) -> float | None:
    """Litres in a volume cell, or None when it holds no volume."""
    if text is None:
        return None
    m = _CELL.fullmatch(str(text))
    if m is None:
        return None
    number, word = m.groups()
    unit = volume_unit(word) if word else volume_unit(default_unit)
    if unit is None:
        return None
    return read_number(number) * VOLUME_TO_L[unit]


def format_volume(litres: float) -> str:
    """A volume for a seller: '500 ml', '1.5 l'."""
    if litres != 0 and abs(litres) < 1:
        return f"{litres * 1000:.4g} ml"
    return f"{litres:,.4g} l"
