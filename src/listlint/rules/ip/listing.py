"""What a listing with brand evidence says about itself, read once per such row: the
product type it sells (for price floors and the brand's lines), whether it is second-hand
or claims a licence, which character properties it shows, and what its brand column
names. Only rows the brand analysis kept are read (a few per thousand).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from listlint.rules.ip.distinct import Distinct, where
from listlint.rules.ip.families import Character, Families, key
from listlint.rules.ip.prices import ACCESSORY, PriceBook
from listlint.rules.ip.wording import licence_claim, second_hand
from listlint.text.lazyregex import has_chars
from listlint.text.matcher import PhraseMatcher
from listlint.text.normalize import fold

if TYPE_CHECKING:
    import polars as pl

#: where a title's head segment ends: extras ("with case"), purposes ("for iPhone"),
#: options after a dash or a comma, brackets
_HEAD_END = re.compile(
    r"\s(?:-|–|\||/)\s|[,(\[;]|\s(?:with|w/|incl\.?|including|plus|\+|for|para|pour|für|untuk|"
    r"cho|con|com|avec|mit|dengan|kèm)\s"
)
#: product types whose copies are made by look (a replica grade means something there)
BRAND_PRONE_TYPES = frozenset(
    {"watch", "bag", "wallet", "belt", "shoes", "apparel", "outerwear", "cap", "scarf",
     "jewelry", "eyewear", "perfume"}
)  # fmt: skip
#: product types on which a character is the design, not the product (carriers)
CARRIER_TYPES = frozenset(
    {"apparel", "outerwear", "cap", "scarf", "bag", "wallet", "jewelry", "toy", "home",
     "accessory"}
)  # fmt: skip


#: the brand category groups (brands.tsv, category_groups.tsv) each product type belongs to
TYPE_GROUPS: dict[str, frozenset[str]] = {
    t: frozenset(g.split())
    for t, g in {
        "watch": "watches", "bag": "bags", "wallet": "bags fashion", "belt": "fashion",
        "shoes": "fashion shoes sports", "apparel": "fashion sports", "outerwear": "fashion",
        "cap": "fashion sports", "scarf": "fashion", "jewelry": "jewelry", "eyewear": "eyewear",
        "perfume": "beauty", "cosmetic": "beauty", "skincare": "beauty personal_care",
        "haircare": "beauty personal_care", "phone": "electronics", "earbuds": "electronics",
        "headphones": "electronics", "speaker": "electronics", "smartwatch": "electronics watches",
        "tablet": "electronics", "laptop": "electronics", "console": "electronics",
        "camera": "electronics", "hair_tool": "beauty personal_care", "pen": "stationery",
        "home": "home", "toy": "toys",
    }.items()
}  # fmt: skip
#: the same for the shared product analysis's groups (listlint.product)
PRODUCT_GROUPS: dict[str, frozenset[str]] = {
    g: frozenset(v.split())
    for g, v in {
        "apparel": "fashion sports", "jewelry_accessory": "jewelry bags eyewear watches fashion",
        "toy_game": "toys", "electronics": "electronics", "device_accessory": "electronics",
        "cosmetic": "beauty personal_care", "food_drink": "food drinks", "alcohol": "drinks",
        "home": "home household", "kitchen": "home", "office": "stationery",
        "vehicle_part": "auto", "medicine": "pharma", "supplement": "pharma",
        "vape_tobacco": "tobacco", "print_decor": "home", "garden": "home",
    }.items()
}  # fmt: skip


@dataclass(slots=True)
class ListingFacts:
    ptype: str | None = None  # the price type of what is sold
    ptype_field: str | None = None  # where it was read
    used: str | None = None  # the second-hand wording
    licence: str | None = None  # the licence wording
    brand_column: str | None = None  # as written
    characters: list[tuple[Character, str, int, int]] = field(default_factory=list)


class CharacterIndex:
    """Character and licensed properties (characters.tsv) found as whole words."""

    def __init__(self, families: Families) -> None:
        chars = [(fold(c.name), c) for c in families.characters]
        self.matcher: PhraseMatcher[Character] = PhraseMatcher(
            [(t, c) for t, c in chars if not has_chars(t)]
        )
        self.terms = sorted({t for t, _ in chars if len(t) >= 4})

    def find(self, folded: str | None) -> list[tuple[Character, int, int]]:
        if not folded:
            return []
        return [(m.payload, m.start, m.end) for m in self.matcher.longest(folded)]

    def rows(self, series: pl.Series | Distinct) -> list[int]:
        """Rows of a folded column that may name a property (a polars prefilter)."""
        return where(series, lambda s: s.str.contains_any(self.terms)).arg_true().to_list()


#: what may follow a model name that is the product itself ("AirPods Pro 2nd generation",
#: "iPhone 8 64 GB gold", "Submariner 41mm 126610LN"): numbers, sizes, colours, editions
_MODELISH = re.compile(
    r"^(?:\s|[\d.,/+-]|\b(?:\d+(?:gb|tb|mm|ml|cm|in|inch|w|mah)|gb|tb|mm|ml|pro|max|plus|ultra|"
    r"mini|lite|se|air|generation|gen|series|edition|new|original|genuine|black|white|silver|gold|"
    r"rose|blue|red|green|grey|gray|pink|purple|space|midnight|starlight|titanium|steel|"
    r"unlocked|dual|sim|dial|bezel|automatic|quartz|oyster|jubilee|president|date|chronograph|"
    r"everose|rolesor|ceramic|mens|ladies|unisex|[a-z]?\d+[a-z]*)\b)*$"
)


#: where a purpose clause ends ("for wallet, keys, bag & pet - real-time ...")
_HARD_END = re.compile(r"\s(?:-|–|\|)\s|[(\[;]")
_PURPOSE = re.compile(
    r"\s(?:with|w/|incl\.?|including|plus|\+|for|para|pour|für|untuk|cho|con|com|avec|mit|"
    r"dengan|kèm)\s"
)


#: the field of a type read from a model name alone ("Lost Cherry" is a perfume's name):
#: the type is the model's, not a word of the listing
MODEL_FIELD = "title's model name"


def _plain_segments(title: str) -> str:
    """The title without its purpose and extras clauses ("... tracker for wallet, keys",
    "... with case"): what the words there name is not what is sold."""
    out, pos = [], 0
    for m in _HEAD_END.finditer(title):
        if m.start() < pos:
            continue  # inside a purpose clause already skipped
        if not _PURPOSE.fullmatch(m.group(0)):
            out.append(title[pos : m.start()])
        else:
            out.append(title[pos : m.start()])
            nxt = _HARD_END.search(title, m.end())
            pos = nxt.end() if nxt else len(title)
            continue
        pos = m.end()
    out.append(title[pos:])
    return " | ".join(out)


def product_type(
    prices: PriceBook,
    title: str | None,
    ptype_col: str | None,
    category: str | None,
    models: list[tuple[int, int, str]] = (),  # type: ignore[assignment]
) -> tuple[str | None, str | None]:
    """(type, field) of what the listing sells: the title's head segment first (an
    accessory word there makes it an accessory: "iPhone 15 case"), then a model the head
    segment is ("AirPods Pro 2nd generation": ``models`` are (start, end, type) of the
    title's model names), then the rest of the title, the product-type column, the
    category. A category naming a product wins over an accessory word ("rubber strap"
    on a listing filed under Watches)."""
    side = None
    for text, name in ((ptype_col, "product type"), (category, "category")):
        found = [t for _, t in prices.types_in(text) if t != ACCESSORY]
        if found:
            side = (found[-1], name)  # a category path's last level is the most specific
            break
    if title:
        cut = _HEAD_END.search(title)
        head = title[: cut.start()] if cut else title
        types = [t for _, t in prices.types_in(head)]
        if types:
            if ACCESSORY in types and types[-1] == ACCESSORY:
                return side if side else (ACCESSORY, "title")
            real = [t for t in types if t != ACCESSORY]
            if real:
                return real[0], "title"
        for _start, end, ptype in sorted(models):
            # a shoe, bag or watch model is followed by its colourway ("Air Jordan 4 retro
            # military black"); a device model may be followed by another product ("iPhone
            # SmartTalk"): only numbers, sizes and colours may follow it
            if end <= len(head) and (ptype in BRAND_PRONE_TYPES or _MODELISH.match(head[end:])):
                return ptype, MODEL_FIELD
        rest = [t for _, t in prices.types_in(_plain_segments(title)) if t != ACCESSORY]
        if rest:
            return rest[0], "title"
    return side if side else (None, None)


def read_facts(
    prices: PriceBook,
    title: str | None,
    ptype_col: str | None,
    category: str | None,
    condition: str | None,
    description: str | None,
    brand_column: str | None,
    models: list[tuple[int, int, str]] = (),  # type: ignore[assignment]
) -> ListingFacts:
    ptype, where = product_type(prices, title, ptype_col, category, models)
    return ListingFacts(
        ptype,
        where,
        second_hand(title, condition),
        licence_claim(title, description),
        brand_column,
    )


def column_key(value: str | None) -> str:
    return key(value)
