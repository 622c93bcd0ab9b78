"""Weigh a listing's evidence about one brand into a :class:`~listlint.rules.ip.risk.Risk`.

Every ip rule asks the same questions of a listing that names a protected brand (or a
lookalike, a model, a nickname of one), and each answer is a piece of evidence with its
field, its role and its weight (:mod:`listlint.rules.ip.risk`):

* **who sells it**: the brand column names the brand, its owner's family or a licensee
  (the goods are the rights holder's: nothing to weigh), names both brands of a bundle or
  a collaboration, names another brand, is blank or a placeholder ("Generic"), or the file
  has none;
* **second-hand or licensed**: a used item is resold genuine goods (first sale), so its
  price and its blank brand column say nothing; "officially licensed" claims the licence;
* **what is sold**: the product type (for the price floor) and whether the brand sells
  that type at all (a Rolex pen is not a Rolex line);
* **the price** against the brand's dated list-price floor (:mod:`listlint.rules.ip.prices`);
* **fame**: the most counterfeited luxury brands weigh a little more.

The rules add their own first piece (a disguised spelling, copy wording, a coded model
name) and report the sum.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from listlint.rules.ip import risk as w
from listlint.rules.ip.listing import TYPE_GROUPS
from listlint.rules.ip.prices import ACCESSORY

if TYPE_CHECKING:
    from collections.abc import Callable

    from listlint.batch import Batch
    from listlint.rules.ip.analysis import Mention, RowEvidence
    from listlint.rules.ip.family import IpFamily
    from listlint.rules.ip.index import Brand

#: brand-column values that say "no brand" (marketplace placeholders)
PLACEHOLDERS = frozenset(
    {"generic", "unbranded", "no brand", "nobrand", "none", "other", "others", "n/a", "na",
     "oem", "-", "no", "unknown", "brand", "無", "无", "无品牌", "其他"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Seller:
    """What the brand column says about who sells ``brand``."""

    status: str  # claims | family | licensee | cobrand | other | blank | none
    value: str | None

    @property
    def rights_holder(self) -> bool:
        """The owner, a sister brand, a licensee or a co-brand: not brand misuse."""
        return self.status in ("claims", "family", "licensee", "cobrand")


def seller(
    fam: IpFamily,
    ev: RowEvidence,
    brand: Brand,
    value: str | None,
    has_column: bool,
    stores: frozenset[str] = frozenset(),
    house: Callable[[str], bool] | None = None,
) -> Seller:
    """What the brand column says about who sells ``brand``. ``stores``: values that
    fill the column of a whole file, the store's own name (a Shopify "Vendor"), which say
    nothing about the brand of each product: read as no brand column. ``house``: is a
    column value a brand the file's own titles name on its rows?"""
    if not has_column or (value is not None and value in stores):
        return Seller("none", None)
    v = (value or "").strip()
    if not v or v.lower() in PLACEHOLDERS:
        return Seller("blank", value)
    index, families = fam.resources.index, fam.resources.families
    if index.matches_brand(brand, v):
        return Seller("claims", v)
    if families.related(v, brand.name):
        return Seller("family", v)
    if families.is_licensee(v):
        return Seller("licensee", v)
    # a bundle or a collaboration: the column names another brand the title names too
    if any(m.name.brand is not brand and index.matches_brand(m.name.brand, v) for m in ev.mentions):
        return Seller("cobrand", v)
    if ev.facts and ev.facts.licence:
        return Seller("licensee", v)
    if index.claimed_brand(v) is not None or (house is not None and house(v)):
        # another protected brand: a counterfeiter puts its own name or "Generic" there,
        # not a rival famous brand; a multi-brand store's mis-filed listing is likelier.
        # So is a brand the file sells by name (a "Sunplay" column on a Bioré sunscreen
        # in a shop whose Sunplay listings say "Sunplay": ``house``)
        return Seller("other_brand", v)
    return Seller("other", v)


def context_evidence(
    fam: IpFamily,
    batch: Batch,
    i: int,
    ev: RowEvidence,
    m: Mention,
    sold_by: Seller,
    risk: w.Risk,
    *,
    with_column: bool = True,
) -> None:
    """Add what the listing's seller, type, price and fame say about ``m``'s brand."""
    brand = m.name.brand
    facts = ev.facts
    used = bool(facts and facts.used)
    if with_column and not used:
        if sold_by.status == "other":
            risk.add(
                f'brand column names another brand ("{sold_by.value}")',
                "brand",
                "seller",
                w.W_COLUMN_OTHER,
            )
        elif sold_by.status == "other_brand":
            risk.add(
                f'brand column names another known brand ("{sold_by.value}"): likely mis-filed',
                "brand",
                "seller",
                w.W_COLUMN_BLANK / 2,
            )
        elif sold_by.status == "blank":
            # "Generic" says the goods are unbranded while the title names a brand; an
            # empty cell is often a column the seller never fills (weighs half, except
            # for the most counterfeited brands)
            placeholder = bool((sold_by.value or "").strip())
            weight = w.W_COLUMN_BLANK if placeholder or brand.fame >= 3 else w.W_COLUMN_BLANK / 2
            what = f'"{sold_by.value}"' if placeholder else "empty"
            risk.add(f"brand column is {what}", "brand", "seller", weight)
    if brand.fame >= 3:
        risk.add(f"{brand.name} is among the most counterfeited brands", "title", "brand", w.W_FAME)
    ptype = facts.ptype if facts else None
    types = fam.resources.index.types.get(brand.name, set())
    known = bool(ptype) and ptype != ACCESSORY
    line = known and (
        ptype in types or bool(TYPE_GROUPS.get(ptype or "", frozenset()) & brand.groups)
    )
    groups = brand.groups & fam.resources.index.groups_of(
        " ".join(t for t in (batch.folded_series("category")[i], batch.folded("title")[i]) if t)
    )
    where = facts.ptype_field if facts and facts.ptype_field else "title"
    if line:
        risk.add(
            f"the listing sells a {ptype}, a {brand.name} line", where, "product", w.W_TYPE_MATCH
        )
    elif groups and not known:
        risk.add(
            f"the listing's words name a {brand.name} category ({', '.join(sorted(groups))})",
            "title",
            "product",
            w.W_TYPE_MATCH,
        )
    elif (
        known
        and brand.fame >= 2
        and not m.nominative
        and (types or brand.groups)
        and not _other_makes(fam, ev, brand, ptype or "")
    ):
        risk.add(
            f"{brand.name} makes no {ptype}: a product the brand does not sell",
            where,
            "product",
            w.W_NOT_BRAND_LINE,
        )
    if used:
        return  # second-hand prices are not list prices
    model = _model_of(ev, brand)
    price = fam.clone_price(batch, i, brand, ptype, model)
    if price is not None:
        risk.add(price, "price", "price", w.W_CLONE_PRICE)
    elif fam.genuine_price(batch, i, brand, ptype, model):
        risk.add("the price is within the brand's list range", "price", "price", -1.0)


def _other_makes(fam: IpFamily, ev: RowEvidence, brand: Brand, ptype: str) -> bool:
    """Another brand the title names makes this type: ``brand`` is a co-brand or an
    edition ("Apple Watch Nike", "Puma Ferrari backpack"), not the maker."""
    types = fam.resources.index.types
    groups = TYPE_GROUPS.get(ptype, frozenset())
    return any(
        m.name.brand is not brand
        and (ptype in types.get(m.name.brand.name, ()) or bool(groups & m.name.brand.groups))
        for m in ev.mentions
    )


def _model_of(ev: RowEvidence, brand: Brand) -> str | None:
    """The longest model name of ``brand`` the listing names, if any."""
    models = [m.name.text for m in ev.mentions if m.name.brand is brand and m.name.is_model]
    return max(models, key=len) if models else None


def severity_of(risk: w.Risk, cap: str | None = None) -> str:
    level = risk.level
    if cap == "warning" and level == "error":
        return "warning"
    return level
