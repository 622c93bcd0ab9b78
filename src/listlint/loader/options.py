"""Variant options: which column an option's value fills.

Shopify ``Option1 Name``/``Option1 Value``, WooCommerce ``Attribute 1 name``/``value(s)``
and the nested options of Shopify/Medusa JSON all carry a name ("Size", "Colour") and a
value ("M", "Black"). Options named like a canonical field fill that field (the generic
profile's header synonyms decide, so "Farbe" and "Tamanho" work too); other options stay
attributes under their own name.

Shopify names a product's one unnamed option "Title": ``Default Title`` there means the
product has no variation (nothing to record), and any other value is the variant's own
name. Such names fill ``size`` when most of a product's read as sizes ("Small", "XL",
"42", "500 ml", '9" x 12"'), else they are kept as the ``Variant Title`` attribute.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from listlint.fields import attr_column

#: Canonical fields an option can fill.
OPTION_FIELDS = ("size", "color", "material", "gender", "age_group")
#: Attribute holding a variant name that is not a size (Shopify's "Title" option).
VARIANT_TITLE = "Variant Title"

_UNITS = r"(?:cm|mm|m|in|inch|inches|\"|''|ft|ml|l|cl|fl\.?\s*oz|oz|g|kg|lb|lbs|gb|tb|pcs|pack)"
_NUMBER = r"\d+(?:[.,]\d+)?(?:\s*/\s*\d+)?"
_LABEL = r"(?:(?:height|width|length|depth|diameter|h|w|l|d)\s*:?\s*)?"
_MEASURE = rf"{_LABEL}{_NUMBER}\s*{_UNITS}?"
_PREFIX = r"(?:(?:size|sz|us|uk|eu|fr|it|jp|cn|au|w|l)\s*:?\s*)?"


@lru_cache(maxsize=1)
def _targets() -> dict[str, str]:
    from listlint.loader.columns import profiles

    generic = profiles()["generic"].fields
    return {syn: fname for fname in OPTION_FIELDS for syn in generic.get(fname, ())}


@lru_cache(maxsize=1)
def _size_pattern() -> re.Pattern[str]:
    from listlint.loader.columns import profiles

    words = sorted(profiles()["generic"].size_words, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    measure = rf"{_MEASURE}(?:\s*(?:x|×|\*|-|/)\s*{_MEASURE})*"
    return re.compile(rf"^{_PREFIX}(?:{alternatives}|{measure})$", re.IGNORECASE)


@lru_cache(maxsize=65536)
def looks_like_size(value: str) -> bool:
    """``'Small'``, ``'XL'``, ``'EU 42'``, ``'500 ml'``, ``'Height: 9" x Width: 12"'``."""
    return bool(_size_pattern().match(" ".join(value.split())))


def option_column(name: str, value: str, siblings: Iterable[str] = ()) -> str | None:
    """The frame column an option value fills: a canonical field, ``attr:<name>``, or
    None when the option records no variation (Shopify's ``Title = Default Title``).
    ``siblings`` are the values the product's other variants give the same option: a
    "Title" option fills ``size`` when most of the product's values read as sizes (the
    2019 Shopify template: "Lithograph - Height: 9" x Width: 12"", "Small", "Medium"),
    so the variants of one product keep their names in one place."""
    from listlint.loader.columns import normalise_header

    key = normalise_header(name)[0]
    if key == "title":
        if is_default_title(value):
            return None
        values = {v for v in (value, *siblings) if v and not is_default_title(v)}
        sizes = sum(map(looks_like_size, values))
        return "size" if sizes * 2 > len(values) else attr_column(VARIANT_TITLE)
    target = _targets().get(key)
    if target is None:
        from listlint.loader.matching import field_of

        found = field_of(name.strip())
        target = found if found in OPTION_FIELDS else attr_column(name.strip())
    return target


def is_default_title(value: str) -> bool:
    return value.strip().lower() == "default title"
