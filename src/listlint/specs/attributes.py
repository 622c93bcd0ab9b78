"""Find a listing's attribute wherever the catalogue keeps it.

Canonical fields (``size``, ``color``...) are columns of the batch. Attributes without a
canonical field (``battery_type``) are looked up among the unmapped ``attr:`` columns by
the header synonyms a policy pack declares (``specs.attributes.<name>.columns``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from listlint.batch import Batch
from listlint.fields import ATTR_PREFIX, CANONICAL_FIELDS

#: how a seller reads an attribute name when no pack gives a label
_LABELS = {
    "color": "colour",
    "age_group": "age group",
    "gtin": "GTIN (barcode)",
    "mpn": "MPN (manufacturer part number)",
}
#: a short example value for "what to add" suggestions
EXAMPLES = {
    "size": "S, M, L or 42",
    "color": "Black",
    "gender": "male, female or unisex",
    "age_group": "adult, kids, toddler, infant or newborn",
    "material": "Cotton",
    "brand": "your brand, or the manufacturer's",
    "battery_type": "Lithium-ion (Li-ion) or AA alkaline",
    "mpn": "the manufacturer's part number",
    "gtin": "the 12- or 13-digit barcode number",
}
_PUNCT = re.compile(r"[\s_\-/\\()\[\]{},.;:*#?!'\"|+&%]+")


def header_key(header: str) -> str:
    """``'Battery_Type (required)'`` -> ``'battery type required'``."""
    return _PUNCT.sub(" ", header.lower()).strip()


@dataclass
class AttributeColumns:
    """Which batch column holds each attribute; ``None`` when the file has none."""

    batch: Batch
    synonyms: dict[str, list[str]]
    labels: dict[str, str]

    def __post_init__(self) -> None:
        self._columns: dict[str, str | None] = {}
        self._attr_by_key = {
            header_key(c[len(ATTR_PREFIX) :]): c for c in self.batch.attribute_columns()
        }

    def column(self, attr: str) -> str | None:
        if attr not in self._columns:
            self._columns[attr] = self._find(attr)
        return self._columns[attr]

    def _find(self, attr: str) -> str | None:
        frame = self.batch.frame
        if attr in CANONICAL_FIELDS:
            return attr if attr in frame.columns else None
        for name in [attr, *self.synonyms.get(attr, [])]:
            col = self._attr_by_key.get(header_key(name))
            if col is not None:
                return col
        return None

    def value(self, attr: str, i: int) -> str | None:
        col = self.column(attr)
        if col is None:
            return None
        value = self.batch.values(col)[i]
        if value is None:
            return None
        text = str(value).strip()
        return text or None

    def label(self, attr: str) -> str:
        return self.labels.get(attr) or _LABELS.get(attr) or attr.replace("_", " ")

    def header(self, attr: str) -> str | None:
        col = self.column(attr)
        return self.batch.column_name(col) if col else None


def pack_synonyms(sections: Iterable) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Merge ``specs.attributes`` of several packs: (synonyms, labels)."""
    synonyms: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for section in sections:
        for name, spec in section.attributes.items():
            synonyms.setdefault(name, [])
            synonyms[name] += [c for c in spec.columns if c not in synonyms[name]]
            if spec.label and name not in labels:
                labels[name] = spec.label
    return synonyms, labels


def suggestion_for(attr: str, label: str) -> str:
    example = EXAMPLES.get(attr)
    return f"add the {label}" + (f" (for example {example})" if example else "")
