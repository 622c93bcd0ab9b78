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
from listlint.loader.headers import Vocabulary
from listlint.resources import policies_dir

#: Fields where several columns are joined (one line each) rather than coalesced.
JOINED_FIELDS = ("bullets", "images")
#: Fields whose every column is checked on its own: the field coalesces its columns (the
#: listing's barcode is the first one given), and the columns past the first are kept as
#: ``attr:`` columns too, so a PrestaShop file's UPC beside its EAN13 is still read and
#: checked (issue 22; :func:`barcode_header` finds them among the attributes).
CHECKED_EACH = ("gtin",)
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
    "volume",
    "volume_unit",
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
    # units in localized headers: "Вес (кг)", "น้ำหนัก (กรัม)", "重量（克）"
    "кг": "kg",
    "г": "g",
    "гр": "g",
    "см": "cm",
    "мм": "mm",
    "м": "m",
    "กก": "kg",
    "กรัม": "g",
    "ซม": "cm",
    "มม": "mm",
    "公斤": "kg",
    "千克": "kg",
    "克": "g",
    "厘米": "cm",
    "公分": "cm",
    "毫米": "mm",
    "キロ": "kg",
    "グラム": "g",
    "センチ": "cm",
    "ミリ": "mm",
    "كغ": "kg",
    "كجم": "kg",
    "غ": "g",
    "غرام": "g",
    "سم": "cm",
    "kilogramm": "kg",
    "gramm": "g",
    # volume headers: "Volume (ml)", "Capacity (L)", "Inhalt (Liter)"
    "ml": "ml",
    "cl": "cl",
    "dl": "dl",
    "l": "l",
    "liter": "l",
    "liters": "l",
    "litre": "l",
    "litres": "l",
    "fl oz": "floz",
}

_PAREN_RE = re.compile(r"[(（]([^()（）]*)[)）]")
_PUNCT_RE = re.compile(r"[\s_\-/\\()\[\]{},.;:*#?!'\"|+&%]+")


@lru_cache(maxsize=1)
def currency_words() -> dict[str, str]:
    """Currency codes, symbols and words -> ISO code (generic profile, ``words``)."""
    data = yamlsafe.load((policies_dir() / "profiles" / "generic.yaml").read_text("utf-8"))
    words = (data.get("words") or {}).get("currencies") or {}
    return {str(k).lower(): str(v) for k, v in words.items()}


def is_currency(text: str) -> bool:
    """A currency code or symbol ("USD", "$", "Rp") as a header qualifies a price:
    "Price (USD)" is the price column."""
    return text.strip().lower() in currency_words()


def normalise_header(header: str) -> tuple[str, str | None]:
    """``'Weight (lbs)'`` -> ``('weight', 'lb')``; ``'Body (HTML)'`` -> ``('body html', None)``."""
    text = unicodedata.normalize("NFKC", header or "").strip().lstrip("\ufeff")
    unit = None

    def paren(m: re.Match[str]) -> str:
        nonlocal unit
        inner = m.group(1).strip()
        if inner.lower() in UNIT_WORDS:
            unit = UNIT_WORDS[inner.lower()]
            return " "
        if "metafield" in inner:  # Shopify: "Color (product.metafields.shopify.color-pattern)"
            return " "
        if is_currency(inner):  # "Price (USD)", "Price ($)": the column is the price
            return " "
        return f" {inner} "

    text = _PAREN_RE.sub(paren, text).lower()
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
    #: headers the platform writes that are no listing field (never reported unmapped)
    ignore: frozenset[str] = frozenset()
    #: Shopify metafield "namespace.key" -> field ("shopify.color-pattern" -> color)
    metafields: dict[str, str] = field(default_factory=dict)
    #: the export language this variant of the profile reads (None: the platform's own)
    locale: str | None = None
    #: variant_type values of rows that describe a product, not a sellable variant
    parent_types: frozenset[str] = frozenset()
    #: ``detect`` headers a file must have to be read with this profile
    min_hits: int = 2


def _keys(headers: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalise_header(str(h))[0] for h in headers or ()))


def _profile(
    data: dict, path: Any, base: Profile | None = None, locale: str | None = None
) -> Profile:
    unknown = set(data.get("fields") or {}) - set(CANONICAL_FIELDS)
    if unknown:
        raise ConfigError(f"profile names unknown fields {sorted(unknown)}", path=str(path))
    fields = {f: _keys(hs) for f, hs in (data.get("fields") or {}).items()}
    options = tuple(
        (normalise_header(a)[0], normalise_header(b)[0]) for a, b in data.get("options") or []
    )
    if base is None:
        return Profile(
            name=data["name"],
            description=data.get("description", ""),
            detect=_keys(data.get("detect")),
            fields=fields,
            units={normalise_header(k)[0]: v for k, v in (data.get("units") or {}).items()},
            options=options,
            variants=data.get("variants") or {},
            size_words=tuple(str(w) for w in data.get("size_words") or ()),
            ignore=frozenset(_keys(data.get("ignore"))),
            metafields={str(k): str(v) for k, v in (data.get("metafields") or {}).items()},
            parent_types=frozenset(str(t).lower() for t in data.get("parent_types") or ()),
            min_hits=int(data.get("min_hits", 2)),
        )
    # a locale reads its own headers first, then the platform's (some stay English)
    merged = {
        f: tuple(dict.fromkeys(fields.get(f, ()) + base.fields.get(f, ())))
        for f in dict.fromkeys([*fields, *base.fields])
    }
    return Profile(
        name=base.name,
        description=base.description,
        detect=_keys(data.get("detect")),
        fields=merged,
        units=base.units,
        options=options + base.options,
        variants=base.variants,
        size_words=base.size_words,
        ignore=base.ignore | frozenset(_keys(data.get("ignore"))),
        metafields=base.metafields,
        locale=locale,
        min_hits=base.min_hits,
    )


@lru_cache(maxsize=1)
def _loaded() -> tuple[dict[str, Profile], tuple[Profile, ...], Vocabulary]:
    """Platform profiles by name, every (platform, locale) variant, and the word
    classes. The generic profile also takes every language file in
    ``profiles/synonyms``: their headers are appended to its synonyms."""
    folder = policies_dir() / "profiles"
    base: dict[str, Profile] = {}
    variants: list[Profile] = []
    vocab = Vocabulary()
    languages = []
    for path in sorted((folder / "synonyms").glob("*.yaml")):
        data = yamlsafe.load(path.read_text(encoding="utf-8")) or {}
        unknown = set(data.get("fields") or {}) - set(CANONICAL_FIELDS)
        if unknown:
            raise ConfigError(f"synonyms name unknown fields {sorted(unknown)}", path=str(path))
        languages.append(data)
        vocab.add(data.get("words") or {})
    for path in sorted(folder.glob("*.yaml")):
        data = yamlsafe.load(path.read_text(encoding="utf-8"))
        if data["name"] == "generic":
            vocab.add(data.get("words") or {})
            for lang in languages:
                for fname, headers in (lang.get("fields") or {}).items():
                    data["fields"].setdefault(fname, [])
                    data["fields"][fname] = [*data["fields"][fname], *headers]
        prof = _profile(data, path)
        base[prof.name] = prof
        variants.append(prof)
        for locale, ldata in (data.get("locales") or {}).items():
            variants.append(_profile(ldata, path, prof, str(locale)))
    return base, tuple(variants), vocab


def profiles() -> dict[str, Profile]:
    return _loaded()[0]


def vocabulary() -> Vocabulary:
    return _loaded()[2]


@lru_cache(maxsize=1)
def fold_index() -> dict[str, str]:
    """Accent-folded generic synonym -> field (first listed wins)."""
    from listlint.loader.headers import fold

    index: dict[str, str] = {}
    for fname, synonyms in profiles()["generic"].fields.items():
        for syn in synonyms:
            index.setdefault(fold(syn), fname)
    return index


@lru_cache(maxsize=1)
def _barcode_keys() -> frozenset[str]:
    from listlint.loader.headers import fold

    return frozenset(fold(syn) for prof in _loaded()[1] for syn in prof.fields.get("gtin", ()))


@lru_cache(maxsize=1024)
def barcode_header(header: str) -> bool:
    """True when some profile maps this header to the GTIN ("UPC", "EAN13", "JAN",
    "Código de barras"): exact synonyms only, so "Barcode Type" or Amazon's
    "external_product_id_type" (which hold "EAN", "UPC") are not read as codes."""
    from listlint.loader.headers import fold

    return fold(normalise_header(header)[0]) in _barcode_keys()


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
    #: columns that look like a field nobody maps: (column index, field)
    unmapped: list[tuple[int, str]] = field(default_factory=list)
    #: currency a price header names ("Price (USD)")
    currency: str | None = None
    locale: str | None = None

    def attribute_indices(self) -> list[int]:
        used = {i for idxs in self.fields.values() for i in idxs}
        used -= {i for f in CHECKED_EACH for i in self.fields.get(f, [])[1:]}
        used |= {i for pair in self.options for i in pair}
        return [i for i in range(len(self.headers)) if i not in used]

    def column_names(self) -> dict[str, str]:
        """field -> header of its first (main) column, for findings."""
        return {f: self.headers[idxs[0]] for f, idxs in self.fields.items() if idxs}


def detect_profile(keys: list[str]) -> Profile:
    present = set(keys)
    best, best_score = profiles()["generic"], 0.0
    for prof in _loaded()[1]:
        if not prof.detect:
            continue
        hits = sum(1 for h in prof.detect if h in present)
        score = hits / len(prof.detect)
        if hits >= prof.min_hits and score > best_score:
            best, best_score = prof, score
    return best


def map_columns(headers: list[str], overrides: dict[str, str] | None = None) -> ColumnMap:
    """Headers -> fields: ``--map`` first, then the detected platform's synonyms, the
    generic ones (every language), Shopify metafield keys, and last the header's words
    (see :mod:`.matching`). Columns that look like an unmapped field are listed."""
    from listlint.loader.matching import Matcher

    return Matcher(headers, overrides or {}).run()
