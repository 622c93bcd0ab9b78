"""Clone pricing: a listing's price against the brand's dated list-price floor.

A flagship product (a Rolex, an iPhone, a Classic Flap, AirPods) at a fraction of the
cheapest price the brand sells it for new is how copies are priced; Google Merchant
Center names "price far below market value" among counterfeit signs
(https://support.google.com/merchants/answer/6149993) and the shared policy facts put the
line at about 30% of retail for luxury goods (policy_facts.md 3.2). It is EVIDENCE: a
sale, an outlet, a gift-with-purchase miniature or a mislabelled currency can all go
below it, so the family never makes an error of a price alone.

Data (``wordlists/brands/``): ``price_floors.tsv`` (brand, product type, optional model,
floor, currency, list date, source), ``fx_rates.tsv`` (units per USD with the date and
source of each rate), ``price_types.tsv`` (the words that name each product type). The
floor used is the model's when the listing names one, else the product type's; a listing
whose type cannot be told is not judged by price.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from listlint.memo import BoundedMemo
from listlint.resources import table
from listlint.text.lazyregex import has_chars
from listlint.text.matcher import PhraseMatcher
from listlint.text.normalize import fold

#: a price under this share of the floor is "far below" the brand's range: the floors are
#: list prices rounded down by 15-25%, so 0.35 of a floor is about 28-30% of the list
#: price (policy_facts.md 3.2: "price < ~30% of brand's typical retail")
FAR_BELOW = 0.35
#: the type words of accessories and parts: never the product a floor is about
ACCESSORY = "accessory"


@dataclass(frozen=True, slots=True)
class Floor:
    brand: str
    type: str
    model: str  # folded model name, "" for the type's floor
    model_name: str  # as the brand writes it
    usd: float
    amount: float
    currency: str
    as_of: str
    source: str

    def describe(self) -> str:
        what = f"{self.brand} {self.model_name or self.type}"
        money = f"{self.amount:g} {self.currency}"
        return f"{what} lists from {money} new ({self.as_of})"


@dataclass(frozen=True, slots=True)
class ClonePrice:
    """Evidence: ``price_usd`` is ``share`` of ``floor``."""

    floor: Floor
    price_usd: float

    @property
    def share(self) -> float:
        return self.price_usd / self.floor.usd

    def describe(self, seller_price: str) -> str:
        pct = max(1, round(100 * self.share))
        return f"price {seller_price} is about {pct}% of the lowest list price ({self.floor.describe()})"


@lru_cache(maxsize=1)
def per_usd() -> dict[str, float]:
    """Currency code -> units per US dollar (``fx_rates.tsv``)."""
    return {r["currency"].upper(): float(r["per_usd"]) for r in table("brands/fx_rates")}


#: USD value assumed for one unit of a price that names no currency: a strong currency,
#: so a bare number never looks cheaper than it could be (48 may be 48 OMR or 48 GBP)
UNKNOWN_CURRENCY_USD = 1.3


def to_usd(amount: float | None, currency: str | None) -> float | None:
    """``amount`` in USD; a price without a currency is read cautiously (one unit =
    UNKNOWN_CURRENCY_USD); None for a currency the rate table does not know."""
    if amount is None or amount <= 0:
        return None
    if not currency:
        return amount * UNKNOWN_CURRENCY_USD
    rate = per_usd().get(currency.upper())
    return amount / rate if rate else None


class PriceBook:
    """Floors by (brand, type, model) and the product-type vocabulary."""

    def __init__(self) -> None:
        self.floors: dict[str, dict[tuple[str, str], Floor]] = {}
        for r in table("brands/price_floors"):
            usd = to_usd(float(r["floor"]), r["currency"])
            if usd is None:
                raise ValueError(f"price_floors.tsv: no rate for {r['currency']!r}")
            f = Floor(
                r["brand"],
                r["type"],
                fold(r.get("model", "")),
                r.get("model", ""),
                usd,
                float(r["floor"]),
                r["currency"].upper(),
                r["as_of"],
                r["source"],
            )
            self.floors.setdefault(r["brand"], {})[(f.type, f.model)] = f
        words: list[tuple[str, str]] = []
        for r in table("brands/price_types"):
            for kw in r["keywords"].split():
                words.append((fold(kw.replace("-", " ")), r["type"]))
        latin = [(w, t) for w, t in words if not has_chars(w)]
        other = [(w, t) for w, t in words if has_chars(w)]
        self._latin: PhraseMatcher[str] = PhraseMatcher(latin)
        self._other: PhraseMatcher[str] = PhraseMatcher(other, word_boundaries=False)
        #: what a kept listing's title, type, category, condition and brand column say
        #: (:func:`listlint.rules.ip.listing.read_facts`, which reads this book only):
        #: filled by the analysis, which sees the same listings batch after batch
        self.facts_seen: dict[tuple[object, ...], Any] = {}
        self._types_seen: BoundedMemo[str, tuple[tuple[int, str], ...]] = BoundedMemo(_TYPES_LIMIT)

    def types_in(self, folded: str | None) -> tuple[tuple[int, str], ...]:
        """(position, type) of every product-type word in a folded text, in text order.
        Remembered per text (bounded): the same category paths and title heads are read
        for thousands of listings (200k text-heavy listings: 85,000 reads, 13 category
        paths)."""
        if not folded:
            return ()
        if len(folded) > _TYPES_LONGEST:
            return self._types_in(folded)  # a long text rarely repeats
        found = self._types_seen.get(folded)
        if found is None:
            found = self._types_seen.keep(folded, self._types_in(folded))
        return found

    def _types_in(self, folded: str) -> tuple[tuple[int, str], ...]:
        found = [(m.start, m.payload) for m in self._latin.longest(folded)]
        if not folded.isascii():
            found += [(m.start, m.payload) for m in self._other.iter(folded)]
        return tuple(sorted(found))

    def floor(self, brand: str, ptype: str | None, model: str | None = None) -> Floor | None:
        """The floor for ``brand``'s ``model`` / ``ptype``; None for an unknown type, an
        accessory or a brand without floors."""
        table_ = self.floors.get(brand)
        if not table_ or not ptype or ptype == ACCESSORY:
            return None
        if model:
            # the listing's model is the floor's model or a variant of it ("neverfull mm")
            for (t, m), f in table_.items():
                if m and t == ptype and (m == model or model.startswith(m + " ")):
                    return f
        # an unknown type has no floor: a brand's cheapest flagship says nothing about its
        # ink cartridges, cables or spare parts (the floors cover flagship types only)
        return table_.get((ptype, "")) if ptype else None

    def clone_price(
        self,
        brand: str,
        ptype: str | None,
        model: str | None,
        amount: float | None,
        currency: str | None,
    ) -> ClonePrice | None:
        """Evidence when the price is under FAR_BELOW of the floor, else None."""
        usd = to_usd(amount, currency)
        if usd is None:
            return None
        f = self.floor(brand, ptype, model)
        if f is None or usd >= FAR_BELOW * f.usd:
            return None
        return ClonePrice(f, usd)


#: texts whose types are remembered (a few MB at most), and the longest one remembered
_TYPES_LIMIT = 100_000
_TYPES_LONGEST = 400
_SIZE = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:ml|m l|g|oz)\b")


def is_miniature(folded: str) -> bool:
    """A travel size or sample (5 ml, 10 ml) is sold far below a full bottle's floor."""
    for m in _SIZE.finditer(folded):
        num = float(re.sub(r"[^\d.]", "", m.group(0).replace(",", ".")) or 0)
        if 0 < num <= 15 and m.group(0).rstrip().endswith(("ml", "m l")):
            return True
    return False
