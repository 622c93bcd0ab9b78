"""Parse weights and dimensions written every way, convert to kg and cm.

Pure functions, no I/O. Every parser returns ``None`` when it cannot read the text
(the caller reports that as a finding) and never raises on any input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MASS_TO_KG = {
    "kg": 1.0,
    "g": 0.001,
    "mg": 1e-6,
    "lb": 0.45359237,
    "oz": 0.028349523125,
    "t": 1000.0,
}
LENGTH_TO_CM = {"cm": 1.0, "mm": 0.1, "m": 100.0, "in": 2.54, "ft": 30.48}

_MASS_WORDS = {
    "kg": "kg",
    "kgs": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "kilogramme": "kg",
    "kilogrammes": "kg",
    "公斤": "kg",
    "千克": "kg",
    "g": "g",
    "gr": "g",
    "grs": "g",
    "gram": "g",
    "grams": "g",
    "gramme": "g",
    "grammes": "g",
    "gramos": "g",
    "gramas": "g",
    "克": "g",
    "mg": "mg",
    "milligram": "mg",
    "milligrams": "mg",
    "lb": "lb",
    "lbs": "lb",
    "pound": "lb",
    "pounds": "lb",
    "libra": "lb",
    "libras": "lb",
    "磅": "lb",
    "oz": "oz",
    "ounce": "oz",
    "ounces": "oz",
    "onzas": "oz",
}
_LENGTH_WORDS = {
    "cm": "cm",
    "cms": "cm",
    "centimeter": "cm",
    "centimeters": "cm",
    "centimetre": "cm",
    "centimetres": "cm",
    "厘米": "cm",
    "公分": "cm",
    "mm": "mm",
    "millimeter": "mm",
    "millimeters": "mm",
    "millimetre": "mm",
    "millimetres": "mm",
    "毫米": "mm",
    "m": "m",
    "meter": "m",
    "meters": "m",
    "metre": "m",
    "metres": "m",
    "米": "m",
    "in": "in",
    "inch": "in",
    "inches": "in",
    '"': "in",
    "''": "in",
    "″": "in",
    "ft": "ft",
    "feet": "ft",
    "foot": "ft",
    "'": "ft",
    "′": "ft",
}

_NUM = r"[-+]?(?:\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+|\d+)?(?:[.,]\d+)?"


@dataclass(frozen=True, slots=True)
class Measure:
    """A parsed value: ``value`` in the canonical unit (kg or cm), the unit found in the
    text (None when ``default_unit`` was used) and the raw text."""

    value: float
    unit: str | None
    raw: str


def parse_number(text: str) -> float | None:
    """'1,5' -> 1.5; '1,234.5' -> 1234.5; '1.234,5' -> 1234.5; '8.85909E+11' -> 885909000000."""
    s = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not s:
        return None
    if re.fullmatch(r"[-+]?\d+(?:\.\d+)?[eE][-+]?\d+", s):
        try:
            return float(s)
        except ValueError:
            return None
    if not re.fullmatch(r"[-+]?[\d.,]*\d[\d.,]*|[-+]?\.\d+", s):
        return None
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif "," in s:
        parts = s.split(",")
        if len(parts) == 2 and len(parts[1]) != 3:
            s = s.replace(",", ".")  # decimal comma: "1,5"
        elif len(parts) > 2 or (
            len(parts) == 2 and len(parts[1]) == 3 and parts[0] not in ("0", "-0")
        ):
            s = s.replace(",", "")  # thousands: "1,500"
        else:
            s = s.replace(",", ".")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    try:
        return float(s)
    except ValueError:
        return None


_QTY_RE = re.compile(
    r"(?P<num>(?:\d[\d,.\u00a0\u202f ]*\d|\d|[.,]\d+)(?:[.,]\d+)?)\s*(?P<unit>[a-zA-Z\u4e00-\u9fff\"'″′]+)?"
)


def _unit_of(word: str | None, table: dict[str, str]) -> str | None:
    if not word:
        return None
    w = word.lower().rstrip(".")
    return table.get(w)


def parse_weight(text: str | None, default_unit: str | None = None) -> Measure | None:
    """Weight text -> kg. ``'200g'``, ``'1,5 kg'``, ``'4.06 pounds'``, ``'重量58g'``.

    With no unit in the text, ``default_unit`` (from the header) is used; with neither,
    ``None`` is returned so the caller can say the unit is missing."""
    if text is None:
        return None
    raw = str(text)
    for m in _QTY_RE.finditer(raw):
        num = parse_number(m.group("num"))
        if num is None:
            continue
        unit = _unit_of(m.group("unit"), _MASS_WORDS)
        if unit is None and m.group("unit") and _unit_of(m.group("unit"), _LENGTH_WORDS):
            continue  # a dimension in mixed text such as "10 x 5 cm, 2 kg"
        if unit is None:
            if default_unit is None or default_unit not in MASS_TO_KG:
                return None
            return Measure(num * MASS_TO_KG[default_unit], None, raw)
        return Measure(num * MASS_TO_KG[unit], unit, raw)
    return None


def parse_length(text: str | None, default_unit: str | None = None) -> Measure | None:
    """Length text -> cm. ``'30 cm'``, ``'12"'``, ``'0,6'`` with a default unit."""
    if text is None:
        return None
    raw = str(text)
    for m in _QTY_RE.finditer(raw):
        num = parse_number(m.group("num"))
        if num is None:
            continue
        unit = _unit_of(m.group("unit"), _LENGTH_WORDS)
        if unit is None:
            if default_unit is None or default_unit not in LENGTH_TO_CM:
                return None
            return Measure(num * LENGTH_TO_CM[default_unit], None, raw)
        return Measure(num * LENGTH_TO_CM[unit], unit, raw)
    return None


_DIMS_SPLIT = re.compile(r"\s*(?:[x×X*;]|by)\s*")


def parse_dimensions(
    text: str | None, default_unit: str | None = None
) -> tuple[Measure, Measure, Measure] | None:
    """``'30x20x5cm'``, ``'L 29" x W 13"'``, ``'0.6;0.2;0.4'``, ``'14.7 x 11.1 x 10.2 inches'``.

    Returns (length, width, height) in cm, or None. A unit written once at the end
    applies to every number."""
    if text is None:
        return None
    raw = str(text)
    core = re.split(r"\s{2,}|,\s*(?=\d+(?:[.,]\d+)?\s*(?:kg|g|lb|lbs|pounds|oz)\b)", raw.strip())[0]
    core = re.sub(r"\b[LWHlwh]\s*[:=]?\s*(?=\d)", "", core)
    parts = [p for p in _DIMS_SPLIT.split(core) if p.strip()]
    if len(parts) < 2 or len(parts) > 3:
        return None
    last_unit = None
    m = re.search(r"([a-zA-Z\"'″]+)\s*\.?\s*$", parts[-1])
    if m:
        last_unit = _unit_of(m.group(1), _LENGTH_WORDS)
    out = []
    for p in parts:
        measure = parse_length(p, last_unit or default_unit)
        if measure is None:
            return None
        out.append(measure)
    while len(out) < 3:
        out.append(Measure(0.0, out[0].unit, raw))  # two numbers: flat item, height unknown
    return out[0], out[1], out[2]
