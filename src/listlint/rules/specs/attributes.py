"""Find a listing's attribute wherever the catalogue keeps it.

Canonical fields (``size``, ``color``...) are columns of the batch. Attributes without a
canonical field (``battery_type``) are looked up among the unmapped ``attr:`` columns by
the header synonyms a policy pack declares (``specs.attributes.<name>.columns``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from listlint.batch import Batch
from listlint.fields import ATTR_PREFIX, CANONICAL_FIELDS
from listlint.loader.columns import profiles

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
        self._pairs: dict[str, tuple[str, str]] = {}
        self._missing: dict[str, pl.Series] = {}
        self._attr_by_key = {
            header_key(c[len(ATTR_PREFIX) :]): c for c in self.batch.attribute_columns()
        }

    def column(self, attr: str) -> str | None:
        if attr not in self._columns:
            self._columns[attr] = self._find(attr)
        return self._columns[attr]

    def _find(self, attr: str) -> str | None:
        if attr in CANONICAL_FIELDS and attr in self.batch.frame.columns:
            return attr
        if attr not in CANONICAL_FIELDS:
            for name in [attr, *self.synonyms.get(attr, [])]:
                col = self._attr_by_key.get(header_key(name))
                if col is not None:
                    return col
        pair = self._option_pair(attr)
        if pair is None:
            return None
        self._pairs[attr] = pair
        return pair[1]

    def _names(self, attr: str) -> set[str]:
        generic = profiles()["generic"].fields.get(attr, ())
        return {header_key(n) for n in [attr, *self.synonyms.get(attr, []), *generic]}

    def _option_pair(self, attr: str) -> tuple[str, str] | None:
        """Option names and values kept as two line-aligned columns (Medusa's
        ``options`` = "Size\nColor" beside ``variant.options`` = "S\nBlack"): the pair
        (names column, values column) when one names this attribute."""
        options = [c for c in self.batch.attribute_columns() if "option" in header_key(c[5:])]
        if len(options) < 2:
            return None
        names = self._names(attr)
        for n in options:
            lines = [
                [header_key(x) for x in str(v).split("\n")] if v else None
                for v in self.batch.values(n)
            ]
            if not any(line and names & set(line) for line in lines):
                continue
            for v in options:
                both = [(a, b) for a, b in zip(lines, self.batch.values(v)) if a and b and v != n]
                aligned = sum(len(a) == len(str(b).split("\n")) for a, b in both)
                if both and aligned >= 0.9 * len(both):
                    return n, v
        return None

    def value(self, attr: str, i: int) -> str | None:
        col = self.column(attr)
        if col is None:
            return None
        value = self.batch.values(col)[i]
        if value is not None and attr in self._pairs:
            label_lines = str(self.batch.values(self._pairs[attr][0])[i] or "").split("\n")
            keys = [header_key(x) for x in label_lines]
            names = self._names(attr)
            at = next((k for k, key in enumerate(keys) if key in names), None)
            parts = str(value).split("\n")
            value = parts[at] if at is not None and at < len(parts) else None
        if value is None:
            return None
        text = str(value).strip()
        return text or None

    def missing_mask(self, attr: str) -> pl.Series:
        """Columnar ``value(attr, i) is None`` for every listing; cached per attribute."""
        if attr not in self._missing:
            self._missing[attr] = self._missing_mask(attr)
        return self._missing[attr]

    def _missing_mask(self, attr: str) -> pl.Series:
        col = self.column(attr)
        n = self.batch.frame.height
        if col is None:
            return pl.Series([True] * n, dtype=pl.Boolean)
        s = self.batch.frame[col]
        if attr in self._pairs or s.dtype != pl.Utf8:
            return pl.Series([self.value(attr, i) is None for i in range(n)], dtype=pl.Boolean)
        # str.strip() strips Unicode White_Space (regex \s) and also \x1c-\x1f
        return (s.is_null() | ~s.str.contains(r"[^\s\x1c-\x1f]")).fill_null(True)

    def value_series(self, attr: str) -> pl.Series:
        """Columnar ``value(attr, i)`` for every listing (stripped text or null)."""
        col = self.column(attr)
        n = self.batch.frame.height
        s = self.batch.frame[col] if col is not None else None
        if s is None or attr in self._pairs or s.dtype != pl.Utf8:
            return pl.Series([self.value(attr, i) for i in range(n)], dtype=pl.Utf8)
        stripped = s.str.strip_chars()
        # Rust's trim does not strip \x1c-\x1f as str.strip() does: those cells in Python
        odd = s.str.contains(r"[\x1c-\x1f]").fill_null(False)
        if odd.any():
            idx = odd.arg_true()
            stripped = stripped.scatter(idx, [self.value(attr, i) for i in idx.to_list()])
        return stripped.set(stripped == "", None)

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
