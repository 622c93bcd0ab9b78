"""MS206: a volume stated in the title against the volume column.

"Shampoo 500 ml" whose volume column says 5 l (or 500 l: a unit slip) has a wrong unit
price and a wrong description on every marketplace that shows the volume. Unlike a
weight (MS205), a volume column is the contents' or the capacity's, not the parcel's,
so both sides are judged. The column agrees with the title when it is near any volume
the title states, or near a stated volume times a pack count ("6 x 500 ml" is 500 ml a
bottle and 3 l in all). A volume the title gives as another thing's ("holder for 1.5 l
bottles", "2 ml per spray") is skipped (``wordlists/measures/title_volume_context.txt``);
a range ("250-1000 ml") or a size cell that is itself a volume names a product's
variants, not this listing: not judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from listlint.batch import Batch
from listlint.report import Severity
from listlint.resources import wordlist
from listlint.rules.base import Hit
from listlint.rules.measures.family import MeasuresAnalysis, MeasuresRule
from listlint.rules.measures.title_weight import titled_rows
from listlint.units.volume import format_volume, parse_volume, read_number, volume_unit
from listlint.units.words import VOLUME_TO_L, VOLUME_UNIT_WORDS

#: the column may differ from every stated volume by this factor before it is flagged:
#: wider than rounding between unit systems (16.9 fl oz = 500 ml, 1 US gal = 3.785 l,
#: a UK pint is 1.2 US pints), narrower than any real mix-up (ml for l is 1,000)
OFF_BY = 1.5

# title words only (no CJK: written without spaces, they need no word boundary rules)
_WORDS = sorted(
    (w for w in VOLUME_UNIT_WORDS if w.isascii() and w not in ("cc", "cup", "cups", "pt")),
    key=len,
    reverse=True,
)
_UNIT = "|".join(re.escape(w).replace(r"\ ", r"\s?") for w in _WORDS)
# bounded tokens only (a word, a number, a unit word): linear in the title's length
_STATED = re.compile(
    r"(?:([^\s\d]{1,20})\s+)?(?<![\d.,])(\d{1,6}(?:[.,]\d{1,3})?)\s?(" + _UNIT + r")(?![a-z])"
)
#: how many items a multipack holds: "6 x 500 ml", "500 ml x 6", "pack of 6", "6-pack",
#: "12 bottles", "6er"
_COUNT = re.compile(
    r"(?<![\d.,])(\d{1,3})\s?(?:[x×*]|-?\s?(?:pack|pk|er|pcs|bottles|cans|cartons|jars|tins|"
    r"tubes|pieces|count|ct)\b)|(?:[x×*]|pack of|set of|case of|box of)\s?(\d{1,3})(?![\d.,])"
)
#: a range between two quantities: the title names several variants' volumes
_RANGE = re.compile(r"[~\u301c\uff5e]|\d\s?(?:" + _UNIT + r")?\s?[-\u2013]\s?\d")
_PREFILTER = r"\d\s?(?:" + _UNIT + r")(?:[^a-z]|$)"


@cache
def _context_words() -> frozenset[str]:
    return frozenset(wordlist("measures/title_volume_context"))


def stated_litres(title: str) -> list[tuple[float, str]]:
    """Every volume the (folded) ``title`` states as the product's, in litres with its
    words, and each times every pack count the title gives ("6 x 500 ml": 0.5 and 3.0);
    empty when it states none, a range, or only other things' volumes."""
    if _RANGE.search(title):
        return []
    skip = _context_words()
    stated: list[tuple[float, str]] = []
    for m in _STATED.finditer(title):
        before, number, word = m.groups()
        if before and before.strip("'’.:-(").lower() in skip:
            continue
        unit = volume_unit(word)
        if unit is None:
            continue
        litres = read_number(number) * VOLUME_TO_L[unit]
        if litres > 0:
            stated.append((litres, f"{number} {word}"))
    if not stated:
        return []
    counts = {int(a or b) for a, b in _COUNT.findall(title)} - {0, 1}
    totals = [
        (litres * n, f"{n} x {words} ({format_volume(litres * n)} in all)")
        for litres, words in stated
        for n in sorted(counts)
    ]
    return stated + totals


def _near(a: float, b: float) -> bool:
    return max(a, b) <= OFF_BY * min(a, b)


class TitleVolumeMismatch(MeasuresRule):
    """The volume column disagrees with the volume the title states.

    Why: "Shampoo 500 ml" listed with a volume of 5 l (or 500 l, a unit slip) shows
    buyers a wrong size and a wrong unit price (Google computes it from
    ``unit_pricing_measure``; EU and UK shops must show the price per litre). A column
    within a factor of 1.5 of any volume the title states, or of a stated volume times
    the pack count ("6 x 500 ml" as 3 l), agrees; another thing's volume ("for 1.5 l
    bottles", "2 ml per spray") and ranges of variants are not compared.

    Fails:
        "Argan Shampoo 500 ml" with volume ``5 l``; "Olive Oil 750ml" with volume ``750 l``

    Passes:
        "Argan Shampoo 500 ml" with volume ``0.5 l``; "Sparkling Water 6 x 500 ml" with
        volume ``3 l`` or ``500 ml``; "Bottle cage for 750 ml bottles" with volume ``0.1 l``
    """

    code = "MS206"
    name = "title-volume-mismatch"
    severity = Severity.WARNING
    summary = "Volume column disagrees with the volume the title states"
    fields = ("volume",)

    def check(self, batch: Batch, analysis: MeasuresAnalysis) -> Iterator[Hit]:
        if "volume_l" not in batch.frame.columns or "title" not in batch.frame.columns:
            return
        found = titled_rows(batch, batch.frame["volume_l"], _PREFILTER)
        if not found:
            return
        link = self.link()
        raws = batch.frame["volume"]
        sizes = batch.frame["size"] if "size" in batch.frame.columns else None
        for i, title, litres in found:
            stated = stated_litres(title)
            if not stated or any(_near(litres, s) for s, _ in stated):
                continue
            if sizes is not None and parse_volume(sizes[i]) is not None:
                continue  # the variant's own volume is its size; the title names the range
            first = stated[0]
            raw = str(raws[i]).strip()
            read = format_volume(litres)
            # the reading is shown when it says more than the cell ("750" -> "750 ml")
            shown = "" if raw.replace(" ", "").lower() == read.replace(" ", "") else f" ({read})"
            yield Hit(
                message=f"the title says {first[1]} but the volume is {raw!r}{shown}; "
                "one of them is wrong",
                index=i,
                field="volume",
                match=raw,
                suggestion=f"enter the volume the title states ({format_volume(first[0])}, "
                "with its unit), or correct the title",
                policy=link,
            )


__all__ = ["OFF_BY", "TitleVolumeMismatch", "stated_litres"]
