"""Rule family ``ip``: character and licensed properties on merchandise (TM106)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from listlint.report import Severity
from listlint.rules.base import Hit
from listlint.rules.ip import risk as w
from listlint.rules.ip.family import (
    COUNTERFEIT_POLICY,
    IpAnalysis,
    TrademarkRule,
    cell,
    seller_text,
)
from listlint.rules.ip.listing import CARRIER_TYPES

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.rules.ip.analysis import RowEvidence
    from listlint.rules.ip.families import Character, Families

#: product groups (listlint.product) on which a property is the design of the goods
_CARRIER_GROUPS = frozenset(
    {
        "apparel",
        "jewelry_accessory",
        "print_decor",
        "toy_game",
        "home",
        "device_accessory",
        "office",
    }
)
#: words of the property's own products, resold as they are (a trading card, a game, a
#: book, a DVD): first sale, not merchandise made under a licence
_OWN_PRODUCTS = ("card", "cards", "tcg", "booster", "game", "games", "book", "books", "dvd",
                 "blu-ray", "manga", "comic", "vinyl record")  # fmt: skip


class UnlicensedCharacter(TrademarkRule):
    """A character or licensed property (Pokémon, Barbie, Disney, Marvel, Hello Kitty,
    Bluey, a football club...) on merchandise (apparel, toys, prints, accessories, phone
    cases, home textiles) with no licence signal: the brand column names neither the owner,
    one of its brands, nor a licensee, and the listing does not say "officially licensed".

    Why:
        Merchandise showing a character must be made by its owner or a licensee; Amazon
        and eBay remove unlicensed character goods on the owner's report (VeRO).
        https://www.ebay.com/help/policies/listing-policies/selling-policies/intellectual-property-vero-program?id=4349
        A warning, not an error: the listing alone cannot show whether the seller holds
        a licence, only that it needs one.

    Fails:
        title: "Pokemon Pikachu graphic hoodie unisex", brand: "StreetVibe"
        title: "Bluey and Bingo birthday party banner"

    Passes:
        title: "Officially licensed Pokemon Pikachu plush"
        title: "Star Wars Darth Vader figure", brand: "Hasbro"   (a licensee)
        title: "Pokemon Scarlet for Nintendo Switch"   (the property's own product)
        title: "Disney Stitch plush, pre-owned"   (second-hand)
    """

    code = "TM106"
    name = "unlicensed-character"
    severity = Severity.WARNING
    summary = "Character or licensed property on merchandise with no licence signal"
    fields = ("title", "brand")
    policy_url = COUNTERFEIT_POLICY

    def check(self, batch: Batch, analysis: IpAnalysis) -> Iterator[Hit]:
        product = (
            analysis.product
            if any(ev.facts and ev.facts.characters for ev in analysis.rows.values())
            else None
        )
        for i, ev in analysis.rows.items():
            facts = ev.facts
            if facts is None or not facts.characters or facts.used or facts.licence:
                continue
            if any(s.strength not in ("assurance", "weak") for s, *_ in ev.signals):
                continue  # counterfeit wording: TM102's
            found = self._unlicensed(batch, i, ev, product)
            if found is None:
                continue
            char, a, b, carrier = found
            quote = seller_text(batch, "title", i, (batch.folded("title")[i] or "")[a:b])
            risk = w.Risk()
            risk.add(f'"{quote}" is {char.owner}\'s property', "title", "depiction", w.W_CODED)
            risk.add(f"on {carrier}", "title", "product", 0.0)
            col = cell(batch, "brand", i)
            what = (
                f'brand column "{col}" names no owner or licensee'
                if col
                else "no brand column names a licensee"
            )
            risk.add(what, "brand", "seller", 0.0)
            yield self.hit(
                f'"{quote}" shows {char.owner}\'s property on {carrier} with no licence signal: '
                f"{risk.explain()} The seller must hold {char.owner}'s licence.",
                index=i,
                field="title",
                match=quote,
                suggestion=f"Sell {char.name} merchandise only if it is made by {char.owner} or "
                'a licensee: name the licensee in the brand column or say "officially licensed"; '
                "otherwise remove the character.",
                severity=Severity.WARNING,
            )

    def _unlicensed(
        self, batch: Batch, i: int, ev: RowEvidence, product: object
    ) -> tuple[Character, int, int, str] | None:
        fam = self.family.resources.families
        facts = ev.facts
        assert facts is not None
        title = batch.folded("title")[i] or ""
        if any(w in title.split() for w in _OWN_PRODUCTS):
            return None
        column = facts.brand_column
        owners = {c.owner for c, *_ in facts.characters}
        if column and (fam.is_licensee(column) or any(fam.related(column, o) for o in owners)):
            return None
        # a licensee or the owner named in the title ("Funko Pop! Marvel", "by Oral-B")
        if any(fam.is_licensee(m.name.brand.name) or any(fam.related(m.name.brand.name, o) for o in owners)
               for m in ev.mentions if not _is_character(fam, m.name.brand.name)):  # fmt: skip
            return None
        if any(fam.is_licensee(word) for word in title.split()[:3]):
            return None
        if column and _collab(title, column):
            return None  # "rom&nd x Sanrio": a collaboration the brand column's maker names
        carrier = self._carrier(facts.ptype, product, i)
        if carrier is None:
            return None
        named = {c.owner for c, *_ in facts.characters if not c.context_only}
        for char, _f, a, b in facts.characters:
            if char.context_only and char.owner not in named:
                continue  # "Stitch", "Frozen": only next to the owner or a sibling property
            if any(m.nominative for m in ev.mentions if m.start <= a < m.end):
                continue
            return char, a, b, carrier
        return None

    @staticmethod
    def _carrier(ptype: str | None, product: object, i: int) -> str | None:
        """What merchandise the listing is, or None when it is not merchandise."""
        if ptype in CARRIER_TYPES:
            return "accessories" if ptype == "accessory" else f"a {ptype} item"
        frame = getattr(product, "frame", None)
        if frame is not None:
            group = frame["product_group"][i]
            if group in _CARRIER_GROUPS:
                return f"{group.replace('_', ' ')} merchandise"
        return None


def _collab(title: str, column: str) -> bool:
    """The title names the brand column's maker joined to another name by "x" or "×"
    ("rom&nd x Sanrio", "Sanrio × Focallure"): a licensed collaboration's own wording."""
    from listlint.text.normalize import fold

    maker = fold(column).strip()
    if not maker or maker not in title:
        return False
    return bool(re.search(r"\s[x×]\s|\bcollab(?:oration)?\b|联名|콜라보", title))


def _is_character(fam: Families, name: str) -> bool:
    from listlint.rules.ip.families import key

    k = key(name)
    return any(key(c.name) == k for c in fam.characters)
