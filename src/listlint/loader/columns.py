"""Map a catalogue's headers onto canonical fields, using platform profiles as data.

Profiles live in ``policies/profiles/*.yaml``: header synonyms per field, the headers
that identify the platform (``detect``), unit hints and variant conventions. The best
matching platform profile is tried first, then the generic one. ``--map field=Header``
(or ``[tool.listlint.columns]``) overrides both.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from listlint import yamlsafe
from listlint.errors import ConfigError
from listlint.fields import CANONICAL_FIELDS
from listlint.resources import policies_dir

#: Fields where several columns are joined (one line each) rather than coalesced.
JOINED_FIELDS = ("bullets", "images")
#: Measures a file may give twice, for the item and for its package ("Item Weight" and
#: "Shipping Weight", each in its own unit): the first synonym found (profiles list the
#: item's header first) is the field; the others stay ``attr:`` columns, where
#: :mod:`listlint.rules.measures.packages` reads them as the package's. Coalescing them would
#: mix item and package values, and read one column in the other's unit.
MEASURE_FIELDS = (
    "weight",
    "weight_unit",
    "length",
    "width",
    "height",
    "dimensions",
    "dimension_unit",
)

UNIT_WORDS = {
    "kg": "kg",
    "kgs": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "g": "g",
    "gr": "g",
    "gram": "g",
    "grams": "g",
    "gramas": "g",
    "gramos": "g",
    "lb": "lb",
    "lbs": "lb",
    "pound": "lb",
    "pounds": "lb",
    "libras": "lb",
    "oz": "oz",
    "ounce": "oz",
    "ounces": "oz",
    "cm": "cm",
    "centimeter": "cm",
    "centimeters": "cm",
    "centimetre": "cm",
    "centimetres": "cm",
    "mm": "mm",
    "millimeter": "mm",
    "millimeters": "mm",
    "m": "m",
    "meter": "m",
    "meters": "m",
    "metre": "m",
    "metres": "m",
    "in": "in",
    "inch": "in",
    "inches": "in",
    '"': "in",
    "ft": "ft",
    "feet": "ft",
    "foot": "ft",
}

_PAREN_RE = re.compile(r"\(([^()]*)\)")
_PUNCT_RE = re.compile(r"[\s_\-/\\()\[\]{},.;:*#?!'\"|+&%]+")


def normalise_header(header: str) -> tuple[str, str | None]:
    """``'Weight (lbs)'`` -> ``('weight', 'lb')``; ``'Body (HTML)'`` -> ``('body html', None)``."""
    text = unicodedata.normalize("NFKC", header or "").strip().lower().lstrip("\ufeff")
    unit = None

    def paren(m: re.Match[str]) -> str:
        nonlocal unit
        inner = m.group(1).strip()
        if inner in UNIT_WORDS:
            unit = UNIT_WORDS[inner]
            return " "
        if "metafield" in inner:  # Shopify: "Color (product.metafields.shopify.color-pattern)"
            return " "
        return f" {inner} "

    text = _PAREN_RE.sub(paren, text)
    m = re.search(r"\b(?:in|en|em)\s+(kg|g|lbs?|oz|cm|mm|inches|inch)$", text)
    if m and unit is None:
        unit = UNIT_WORDS[m.group(1)]
        text = text[: m.start()]
    key = _PUNCT_RE.sub(" ", text).strip()
    return key, unit


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    detect: tuple[str, ...]
    fields: dict[str, tuple[str, ...]]
    units: dict[str, str]
    options: tuple[tuple[str, str], ...]
    variants: dict[str, Any]
    #: values that read as a size when an option has no name (see loader.options)
    size_words: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def profiles() -> dict[str, Profile]:
    out = {}
    for path in sorted((policies_dir() / "profiles").glob("*.yaml")):
        data = yamlsafe.load(path.read_text(encoding="utf-8"))
        unknown = set(data["fields"]) - set(CANONICAL_FIELDS)
        if unknown:
            raise ConfigError(f"profile names unknown fields {sorted(unknown)}", path=str(path))
        out[data["name"]] = Profile(
            name=data["name"],
            description=data.get("description", ""),
            detect=tuple(normalise_header(h)[0] for h in data.get("detect", [])),
            fields={
                f: tuple(normalise_header(h)[0] for h in hs) for f, hs in data["fields"].items()
            },
            units={normalise_header(k)[0]: v for k, v in (data.get("units") or {}).items()},
            options=tuple(
                (normalise_header(a)[0], normalise_header(b)[0])
                for a, b in data.get("options") or []
            ),
            variants=data.get("variants") or {},
            size_words=tuple(str(w) for w in data.get("size_words") or ()),
        )
    return out


@dataclass
class ColumnMap:
    """How one table's columns map to fields (indices into the header list)."""

    headers: list[str]
    profile: str = "generic"
    #: field -> column indices, in priority order (coalesced, or joined for JOINED_FIELDS)
    fields: dict[str, list[int]] = field(default_factory=dict)
    #: field -> unit taken from a header such as "Weight (lbs)" or "Variant Grams"
    units: dict[str, str] = field(default_factory=dict)
    #: (option-name column, option-value column) pairs, e.g. Shopify Option1 Name/Value
    options: list[tuple[int, int]] = field(default_factory=list)
    variants: dict[str, Any] = field(default_factory=dict)

    def attribute_indices(self) -> list[int]:
        used = {i for idxs in self.fields.values() for i in idxs}
        used |= {i for pair in self.options for i in pair}
        return [i for i in range(len(self.headers)) if i not in used]

    def column_names(self) -> dict[str, str]:
        """field -> header of its first (main) column, for findings."""
        return {f: self.headers[idxs[0]] for f, idxs in self.fields.items() if idxs}


def detect_profile(keys: list[str]) -> Profile:
    present = set(keys)
    best, best_score = profiles()["generic"], 0.0
    for prof in profiles().values():
        if not prof.detect:
            continue
        hits = sum(1 for h in prof.detect if h in present)
        score = hits / len(prof.detect)
        if hits >= 2 and score > best_score:
            best, best_score = prof, score
    return best


def map_columns(headers: list[str], overrides: dict[str, str] | None = None) -> ColumnMap:
    normalised = [normalise_header(h) for h in headers]
    keys = [k for k, _ in normalised]
    prof = detect_profile(keys)
    generic = profiles()["generic"]
    cmap = ColumnMap(headers=list(headers), profile=prof.name, variants=dict(prof.variants))
    taken: set[int] = set()

    overrides = overrides or {}
    for fname, header in overrides.items():
        if fname not in CANONICAL_FIELDS:
            raise ConfigError(
                f"--map names an unknown field {fname!r} (fields: {', '.join(CANONICAL_FIELDS)})"
            )
        want = normalise_header(header)[0]
        idx = next((i for i, h in enumerate(headers) if h == header), None)
        if idx is None:
            idx = next((i for i, k in enumerate(keys) if k == want), None)
        if idx is not None:
            cmap.fields[fname] = [idx]
            taken.add(idx)
            unit = normalised[idx][1]
            if unit:
                cmap.units[fname] = unit

    for a, b in prof.options:
        if a in keys and b in keys:
            cmap.options.append((keys.index(a), keys.index(b)))
            taken.update(cmap.options[-1])

    for source in (prof, generic) if prof is not generic else (generic,):
        for fname, synonyms in source.fields.items():
            if fname in overrides:
                continue
            for syn in synonyms:
                for i, k in enumerate(keys):
                    if k != syn or i in taken:
                        continue
                    cols = cmap.fields.setdefault(fname, [])
                    if cols and fname not in JOINED_FIELDS and fname != "price":
                        if source is generic or fname in MEASURE_FIELDS:
                            continue  # a second match stays an attribute
                    cols.append(i)
                    taken.add(i)
                    unit = normalised[i][1] or prof.units.get(k) or generic.units.get(k)
                    if unit and fname not in cmap.units:
                        cmap.units[fname] = unit
    return cmap
