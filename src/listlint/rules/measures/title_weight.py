"""MS205: a weight stated in the title against the weight column.

A "40 lb bag" of dog food listed at 0.01 oz passes every range check when its type is
unknown; the title itself says what the contents weigh. Only the light side is
judged: packaging, multipacks and cases make the shipping weight heavier than the
title's net weight, never a fraction of it. A weight the title gives as a load or a fit
("holds up to 150 kg", "for dogs under 30 kg") is not the product's: the word before it
decides (``wordlists/measures/title_weight_context.txt``). A title with a range ("5~23 kg",
"1/4 cut ~ whole") or a listing whose size cell is itself a weight names the weights of
a product's variants, not this listing's: not judged (the real exports' Japanese farm
shop lists every rice bag size under one "5〜23kg" title).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import polars as pl

from listlint.batch import Batch
from listlint.report import Severity
from listlint.resources import wordlist
from listlint.rules.base import Hit
from listlint.rules.measures.family import MeasuresAnalysis, MeasuresRule
from listlint.units import MASS_TO_KG, format_weight, parse_weight
from listlint.units.simple import MASS_UNITS

#: the column may weigh this many times less than the title says before it is flagged
#: (a 5 kg bag listed at 2 kg is a typo worth a look; at 1 kg it cannot be right)
LIGHTER_BY = 3.0

# mg is left out: "1000 mg" on a supplement is a dose per capsule, not the pack's weight
_UNITS = sorted((w for w, u in MASS_UNITS.items() if u != "mg"), key=len, reverse=True)
# bounded tokens only (a word, a number, a unit word): linear in the title's length
_STATED = re.compile(
    r"(?:([^\s\d]{1,20})\s+)?(?<![\d.,])(\d{1,6}(?:[.,]\d{1,3})?)\s?("
    + "|".join(map(re.escape, _UNITS))
    + r")(?![a-z])",
)
#: a range between two quantities: the title names several variants' weights
_RANGE = re.compile(r"[~\u301c\uff5e]|\d\s?[-\u2013]\s?\d")
_PREFILTER = r"\d\s?(?:" + "|".join(map(re.escape, _UNITS)) + r")(?:[^a-z]|$)"


@cache
def _context_words() -> frozenset[str]:
    return frozenset(wordlist("measures/title_weight_context"))


def stated_kg(title: str) -> tuple[float, str] | None:
    """The smallest product weight the (folded) ``title`` states, in kg, with its words;
    None when it states none or only loads and fits."""
    if _RANGE.search(title):
        return None
    skip = _context_words()
    best: tuple[float, str] | None = None
    for m in _STATED.finditer(title):
        before, number, word = m.groups()
        if before and before.strip("'’.:-(").lower() in skip:
            continue
        kg = float(number.replace(",", ".")) * MASS_TO_KG[MASS_UNITS[word]]
        if kg > 0 and (best is None or kg < best[0]):
            best = (kg, f"{number} {word}")
    return best


def titled_rows(batch: Batch, values: pl.Series, prefilter: str) -> list[tuple[int, str, float]]:
    """(position, folded title, value) of the listings with a positive ``values`` whose
    title may state a quantity (``prefilter``, a columnar regex): the only ones MS205
    and MS206 read word by word."""
    titles = batch.folded_series("title")
    maybe = (values > 0).fill_null(False) & titles.str.contains(prefilter).fill_null(False)
    rows = maybe.arg_true()
    return list(zip(rows.to_list(), titles.gather(rows).to_list(), values.gather(rows).to_list()))


class TitleWeightMismatch(MeasuresRule):
    """The weight column is far lighter than the weight the title states.

    Why: a "40 lb bag" listed at 0.01 oz is charged the wrong shipping and shown with a
    wrong unit price; one of the two is wrong. Only a column lighter than a third of
    the title's weight is flagged (packaging and multipacks make it heavier, never
    lighter); loads and fits ("holds up to 150 kg") are not the product's weight.

    Fails:
        "Premium Dog Food 40 lb Bag" weighing ``0.01 oz``

    Passes:
        "Premium Dog Food 40 lb Bag" weighing ``41 lb``; "Shelf holds up to 50 kg" weighing ``3 kg``
    """

    code = "MS205"
    name = "title-weight-mismatch"
    severity = Severity.WARNING
    summary = "Weight column is far lighter than the weight the title states"
    fields = ("weight", "title")

    def check(self, batch: Batch, analysis: MeasuresAnalysis) -> Iterator[Hit]:
        found = titled_rows(batch, analysis.frame["kg"], _PREFILTER)
        if not found:
            return
        link = self.link()
        raws = batch.frame["weight"] if "weight" in batch.frame.columns else None
        sizes = batch.frame["size"] if "size" in batch.frame.columns else None
        for i, title, weight in found:
            stated = stated_kg(title)
            if stated is None or weight * LIGHTER_BY >= stated[0]:
                continue
            if sizes is not None and parse_weight(sizes[i]) is not None:
                continue  # the variant's own weight is its size; the title names the range
            raw = raws[i] if raws is not None else format_weight(weight)
            yield Hit(
                message=f"the title says {stated[1]} but the weight is {raw} "
                f"({format_weight(weight)}); one of them is wrong",
                index=i,
                field="weight",
                match=str(raw),
                suggestion=f"enter the weight of the packed product (at least about "
                f"{format_weight(stated[0])}), or correct the title",
                policy=link,
            )


__all__ = ["LIGHTER_BY", "TitleWeightMismatch", "stated_kg", "titled_rows"]
