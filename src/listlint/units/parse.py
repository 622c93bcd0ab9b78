"""Parse weights and dimensions written every way, convert to kg and cm.

Pure functions, no I/O. Every parser returns ``None`` when it cannot read the text
(the caller reports that as a finding, see :func:`why_unreadable`) and never raises on
any input. Forms read: ``0.2 kg``, ``200g``, ``1,5 kg``, ``1,500 g``, ``4.06 pounds``,
``1 lb 4 oz``, ``12 oz``, ``重量58g``, ``1000.0:g``, ``200-250 g`` (a range: the upper
bound, ``low`` keeps the lower), ``.5`` with a unit from the header; dimensions
``30x20x5cm``, ``14.7 x 11.1 x 10.2 inches``, ``L 29" x W 13"``, ``0.6;0.2;0.4``,
``10 × 20 × 30 mm``, ``5'6"``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from listlint.units import simple
from listlint.units.words import (
    LENGTH_TO_CM,
    LENGTH_WORDS,
    MASS_TO_KG,
    MASS_WORDS,
    VOLUME_WORDS,
)

# A number: thousands groups of exactly three digits (comma, dot, thin or no-break
# space), an optional decimal part, or a bare decimal ".5".
_NUM = r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)?|[.,]\d+"
_UNIT = r"[a-zμµ\u3040-\u30ff\u4e00-\u9fff\u0600-\u06ff\"'.]+"
_TOKEN_RE = re.compile(
    # "-5 kg" is negative, "200 - 250 g" a range
    rf"(?P<sign>(?<![\w.,])(?<![\w.,]\s)-\s?)?(?P<num>{_NUM})(?:\s*:?\s*(?P<unit>{_UNIT}))?",
)
_RANGE_WORDS = ("to", "a", "bis", "à", "até", "hasta")
_RANGE_SEP_RE = re.compile(r"^\s*(?:-|~|" + "|".join(_RANGE_WORDS) + r")\s*$")
_COMPOUND_SEP_RE = re.compile(r"^\s*(?:,|and|&|\+)?\s*$")
_DIMS_SEP_RE = re.compile(r"\s*(?:[x×*;]|\bby\b)\s*")


@dataclass(frozen=True, slots=True)
class Measure:
    """A parsed value: ``value`` in the canonical unit (kg or cm), the unit found in the
    text (None when ``default_unit`` was used) and the raw text. For a range
    ("200-250 g") ``value`` is the upper bound and ``low`` the lower one."""

    value: float
    unit: str | None
    raw: str
    low: float | None = None


def parse_number(text: str) -> float | None:
    """'1,5' -> 1.5; '1,234.5' -> 1234.5; '1.234,5' -> 1234.5; '8.85909E+11' -> 885909000000."""
    s = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not s:
        return None
    if re.fullmatch(r"[-+]?\d+(?:\.\d+)?[eE][-+]?\d+", s):
        try:
            value = float(s)
        except ValueError:
            return None
        return value if math.isfinite(value) else None
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
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _normalise(text: str) -> str:
    """NFKC (full-width digits, 'ｋｇ'), lower case, one spelling for marks and dashes."""
    s = unicodedata.normalize("NFKC", text).lower()
    for a, b in (
        ("″", '"'),
        ("”", '"'),
        ("“", '"'),
        ("′", "'"),
        ("’", "'"),
        ("–", "-"),
        ("—", "-"),
        ("fl. oz", "floz"),
        ("fl oz", "floz"),
        ("fl.oz", "floz"),
    ):
        s = s.replace(a, b)
    return s


@dataclass(frozen=True, slots=True)
class _Token:
    value: float
    unit_word: str | None
    start: int
    end: int


def _tokens(s: str) -> list[_Token]:
    out = []
    for m in _TOKEN_RE.finditer(s):
        num = parse_number(m.group("num"))
        if num is None:
            continue
        if m.group("sign"):
            num = -num
        word = m.group("unit")
        end = m.end() if word else m.end("num")
        if word and word.rstrip(".") in _RANGE_WORDS:
            word, end = None, m.end("num")  # "1 to 2 kg": the word joins a range, it is no unit
        if word:
            word = _unit_word(word)
            end = m.start("unit") + len(word) if word else m.start("unit")
            if word is None:
                end = m.end("num")
        out.append(_Token(num, word or None, m.start(), end))
    return out


def _unit_word(word: str) -> str | None:
    """The unit part of the letters after a number: 'kg.' -> 'kg', 'cmx' (from
    '30cmx20cm') -> 'cm', '"x' -> '"', '克重' -> '克重' (see :func:`_cjk_mass`)."""
    if word.startswith("''"):
        return "''"
    if word[:1] in "\"'":
        return word[0]
    stripped = word.rstrip(".").split(".")[0]
    if stripped in MASS_WORDS or stripped in LENGTH_WORDS:
        return stripped
    head = re.match(r"[a-zμµ]+|[\u3040-\u30ff\u4e00-\u9fff]+|[\u0600-\u06ff]+", stripped)
    if head is None:
        return None
    letters = head.group(0)
    for k in range(len(letters) - 1, 0, -1):
        # glued to a dimension separator: "30cmx20cm", "12inx8in"
        if letters[k] in "x*" and (letters[:k] in LENGTH_WORDS or letters[:k] in MASS_WORDS):
            return letters[:k]
    return letters


def _mass_unit(word: str | None) -> str | None:
    return MASS_WORDS.get(word) if word else None


def _length_unit(word: str | None) -> str | None:
    return LENGTH_WORDS.get(word) if word else None


def _cjk_mass(word: str | None) -> str | None:
    """'克' in '58克重' style text where the CJK unit is glued to more CJK text."""
    if not word:
        return None
    for key in sorted((k for k in MASS_WORDS if not k.isascii()), key=len, reverse=True):
        if word.startswith(key):
            return MASS_WORDS[key]
    return None


def parse_weight(text: str | None, default_unit: str | None = None) -> Measure | None:
    """Weight text -> kg. ``'200g'``, ``'1,5 kg'``, ``'4.06 pounds'``, ``'重量58g'``,
    ``'1 lb 4 oz'``, ``'200-250 g'``.

    The first quantity written with a mass unit wins (``'14.7 x 11.1 x 10.2 inches
    4.06 pounds'`` -> 4.06 lb). With no unit in the text, ``default_unit`` (from the
    header or a unit column) applies to a lone number; with neither, ``None`` is
    returned so the caller can say the unit is missing."""
    if text is None:
        return None
    raw = str(text)
    found = simple.read(raw, simple.MASS_UNITS, MASS_TO_KG, default_unit)
    if found is not None:  # "0.25 kg", "250g", "12.5": as the columnar reader reads them
        return Measure(found[0], found[1], raw)
    try:
        s = _normalise(raw)
    except Exception:  # pragma: no cover - normalisation of odd code points
        return None
    toks = _tokens(s)
    for i, tok in enumerate(toks):
        unit = _mass_unit(tok.unit_word) or _cjk_mass(tok.unit_word)
        if unit is None:
            if tok.unit_word and not _length_unit(tok.unit_word) and tok.unit_word not in "x*":
                return None  # "1e400 kg", "3 stone 2 kg": not a weight we can vouch for
            continue
        value = tok.value * MASS_TO_KG[unit]
        low = None
        if (
            i > 0
            and toks[i - 1].unit_word in ("x", "*")
            and s[toks[i - 1].end : tok.start].strip() == ""
        ):
            count = toks[i - 1].value  # "2 x 500 g": a pack of two
            if count == int(count) and 1 <= count <= 1000:
                value *= count
        j = i + 1
        # compound "1 lb 4 oz", "2 kg 500 g": smaller units adding up
        while j < len(toks):
            nxt = toks[j]
            nunit = _mass_unit(nxt.unit_word)
            gap = s[toks[j - 1].end : nxt.start]
            if nunit is None or not _COMPOUND_SEP_RE.match(gap):
                break
            if MASS_TO_KG[nunit] >= MASS_TO_KG[unit] or nxt.value < 0:
                break
            value += nxt.value * MASS_TO_KG[nunit]
            unit = nunit
            j += 1
        if j == i + 1 and j < len(toks) and _RANGE_SEP_RE.match(s[tok.end : toks[j].start]):
            nunit = _mass_unit(toks[j].unit_word)
            if nunit is not None and toks[j].value >= 0:
                low, value = value, toks[j].value * MASS_TO_KG[nunit]
        elif i > 0 and _RANGE_SEP_RE.match(s[toks[i - 1].end : tok.start]):
            prev = toks[i - 1]
            if prev.unit_word is None and 0 <= prev.value <= tok.value:
                low = prev.value * MASS_TO_KG[_mass_unit(tok.unit_word) or unit]
        return Measure(value, unit, raw, low)
    if _bare_zero(s, toks):
        return Measure(0.0, None, raw)  # zero needs no unit
    if default_unit is None or default_unit not in MASS_TO_KG:
        return None
    bare = [t for t in toks if t.unit_word is None]
    if len(toks) == 1 and bare and not _has_other_words(s, toks):
        return Measure(bare[0].value * MASS_TO_KG[default_unit], None, raw)
    if len(toks) == 2 and not toks[0].unit_word and not toks[1].unit_word:
        gap = s[toks[0].end : toks[1].start]
        if _RANGE_SEP_RE.match(gap) and 0 <= toks[0].value <= toks[1].value:
            f = MASS_TO_KG[default_unit]
            return Measure(toks[1].value * f, None, raw, toks[0].value * f)
    return None


#: Words a weight or length cell may carry around its number without changing it.
_LABEL_RE = re.compile(
    r"\b(?:approx|approximately|about|ca|circa|net|gross|wt|weight|peso|poids|gewicht|"
    r"vikt|each|per|item|unit|pc|pcs|piece|length|width|height|depth)\b\.?|"
    r"重量|毛重|净重|约|大约|[:~≈()\[\]/=,]"
)


def _bare_zero(s: str, toks: list[_Token]) -> bool:
    return (
        len(toks) == 1
        and toks[0].unit_word is None
        and toks[0].value == 0
        and not _has_other_words(s, toks)
    )


def _has_other_words(s: str, toks: list[_Token]) -> bool:
    rest = s
    for t in reversed(toks):
        rest = rest[: t.start] + " " + rest[t.end :]
    rest = _LABEL_RE.sub(" ", rest)
    return bool(re.search(r"[^\s+\-]", rest))


def parse_length(text: str | None, default_unit: str | None = None) -> Measure | None:
    """Length text -> cm. ``'30 cm'``, ``'12"'``, ``'5\\'6"'``, ``'0,6'`` with a default unit."""
    if text is None:
        return None
    raw = str(text)
    found = simple.read(raw, simple.LENGTH_UNITS, LENGTH_TO_CM, default_unit)
    if found is not None:  # "30 cm", "12.5": as the columnar reader reads them
        return Measure(found[0], found[1], raw)
    try:
        s = _normalise(raw)
    except Exception:  # pragma: no cover
        return None
    toks = _tokens(s)
    for i, tok in enumerate(toks):
        unit = _length_unit(tok.unit_word)
        if unit is None:
            continue
        value = tok.value * LENGTH_TO_CM[unit]
        if unit == "ft" and i + 1 < len(toks) and toks[i + 1].start - tok.end <= 1:
            nxt = toks[i + 1]  # 5'6" = 5 ft 6 in
            if _length_unit(nxt.unit_word) == "in" and nxt.value >= 0:
                value += nxt.value * LENGTH_TO_CM["in"]
        return Measure(value, unit, raw)
    if _bare_zero(s, toks):
        return Measure(0.0, None, raw)
    if default_unit is None or default_unit not in LENGTH_TO_CM:
        return None
    if len(toks) == 1 and toks[0].unit_word is None and not _has_other_words(s, toks):
        return Measure(toks[0].value * LENGTH_TO_CM[default_unit], None, raw)
    return None


_DIM_LABEL_RE = re.compile(
    r"\b(?:l|w|h|d|length|width|height|depth|breadth|thickness|lxwxh|lxw|wxh|"
    r"dimensions?|size|item|product|package)\b\s*[:=]?\s*|[:=()]"
)


def parse_dimensions(
    text: str | None, default_unit: str | None = None
) -> tuple[Measure, ...] | None:
    """``'30x20x5cm'``, ``'L 29" x W 13"'``, ``'0.6;0.2;0.4'``, ``'14.7 x 11.1 x 10.2 inches'``.

    Returns (length, width, height) in cm in the order written, or (length, width) for
    a flat item written with two numbers, or None. A unit written once at the end
    applies to every number without one; a weight in the same text is ignored."""
    if text is None:
        return None
    raw = str(text)
    try:
        s = _normalise(raw)
    except Exception:  # pragma: no cover
        return None
    # drop a weight glued to the dimensions ("... inches  4.06 pounds")
    for tok in reversed(_tokens(s)):
        if _mass_unit(tok.unit_word):
            s = s[: tok.start] + " " + s[tok.end :]
    s = _DIM_LABEL_RE.sub(" ", s)
    s = re.sub(r"\s+", " ", s).strip(" ,;")
    if ";" not in s and not re.search(r"[x×*]|\bby\b", s) and ", " in s:
        s = s.replace(", ", ";")
    parts = [p for p in _DIMS_SEP_RE.split(s) if p.strip()]
    if len(parts) not in (2, 3):
        return None
    units = []
    for p in parts:
        toks = _tokens(p)
        if len(toks) != 1 or _has_other_words(p, toks):
            return None
        units.append(_length_unit(toks[0].unit_word) if toks[0].unit_word else None)
        if toks[0].unit_word and units[-1] is None:
            return None
    fallback = next((u for u in reversed(units) if u), None) or default_unit
    if fallback is None:
        return None
    out = []
    for p, unit in zip(parts, units, strict=True):
        measure = parse_length(p, unit or fallback)
        if measure is None:
            return None
        out.append(Measure(measure.value, unit, raw))
    return tuple(out)


def why_unreadable(text: str | None, kind: str) -> str:
    """Why a weight (``kind='weight'``) or length text was not read, for the finding:
    ``'no-unit'`` (a plain number), ``'wrong-kind'`` (a length in a weight field, a
    volume...), ``'several'`` (more than one unlabelled number) or ``'unreadable'``."""
    if text is None:
        return "unreadable"
    try:
        s = _normalise(str(text))
    except Exception:  # pragma: no cover
        return "unreadable"
    toks = _tokens(s)
    if not toks:
        return "unreadable"
    words = {t.unit_word for t in toks if t.unit_word}
    other = LENGTH_WORDS if kind == "weight" else MASS_WORDS
    if words & (set(other) | VOLUME_WORDS):
        return "wrong-kind"
    if not words:
        return "no-unit" if len(toks) == 1 and not _has_other_words(s, toks) else "several"
    return "unreadable"


def format_weight(kg: float) -> str:
    """A weight for a seller: '180 kg', '0.18 kg', '12 g'."""
    if kg != 0 and abs(kg) < 1:
        return f"{kg * 1000:.3g} g" if abs(kg) < 0.1 else f"{kg:.3g} kg"
    return f"{kg:,.4g} kg" if abs(kg) < 10_000 else f"{kg:,.0f} kg"


def format_length(cm: float) -> str:
    return f"{cm:.3g} cm" if abs(cm) < 1000 else f"{cm / 100:,.4g} m"
