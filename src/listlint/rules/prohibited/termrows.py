"""The rows of the prohibited wordlists as one list of term specifications.

* ``terms.tsv``: English (and language-neutral) terms;
* ``terms_i18n.tsv``: terms in other languages, with the language they are words of;
* ``brands.tsv``: brands and product lines a regulator named (e-cigarettes, pouches): a
  brand term names the product even when it stands in the brand column, and every brand
  is also a word of its context ("hyde" makes "coils" a vape word).

Each specification keeps the wordlist's own spelling (accents included): a short term is
held to the accents the seller wrote (:mod:`~listlint.rules.prohibited.accents`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from listlint.resources import table


@dataclass(frozen=True, slots=True)
class TermSpec:
    category: str
    spelling: str  # NFC, lower case: the wordlist's own spelling
    lang: str  # "" = any
    weak: bool
    context: str | None
    confidence: str
    source: str
    brand: bool = False


def _spelling(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().lower()


def term_rows() -> Iterator[TermSpec]:
    """Every term of terms.tsv, terms_i18n.tsv and brands.tsv (duplicates left in)."""
    for name in ("prohibited/terms", "prohibited/terms_i18n"):
        for row in table(name):
            yield TermSpec(
                category=row["category"],
                spelling=_spelling(row["term"]),
                lang=row.get("lang", ""),
                weak=row.get("strength") == "weak",
                context=row.get("context") or None,
                confidence=row.get("confidence") or "sourced",
                source=row.get("source") or "-",
            )
    for row in table("prohibited/brands"):
        names = [row["brand"], *(x for x in row.get("lines", "").split("|") if x.strip())]
        context = row.get("context") or None
        for i, name in enumerate(names):
            yield TermSpec(
                category=row["category"],
                spelling=_spelling(name),
                lang="",
                weak=False,
                # a product line ("geek bar pulse") is as specific as its brand
                context=context if row.get("strength") == "context" and i == 0 else None,
                confidence="sourced",
                source=row.get("source") or "-",
                brand=True,
            )


def brand_context_words() -> dict[str, list[str]]:
    """Context name -> the brand names that are words of it."""
    out: dict[str, list[str]] = {}
    for row in table("prohibited/brands"):
        if row.get("context"):
            out.setdefault(row["context"], []).append(_spelling(row["brand"]))
    return out
