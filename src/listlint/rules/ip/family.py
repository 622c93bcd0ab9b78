"""The ``ip`` family (lookalike brands, counterfeit wording, brand misuse): what its
rules share, and how they quote and link.

Resources (once per rule set): the brand index (shipped brands, the user's own from any
ip rule's ``brands`` option and the packs' ``ip.brands``, minus ``authorized-brands``),
the counterfeit-signal matcher, the price book (list-price floors and rates), the brand
families and licensees, and the character properties. Analysis (once per batch): brand mentions,
lookalikes and signals per listing (:mod:`~listlint.rules.ip.analysis`). The rules live
in :mod:`~listlint.rules.ip.rules` and :mod:`~listlint.rules.ip.brand_rules`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from listlint.rules.family import Family, FamilyRule
from listlint.rules.ip.analysis import Mention, RowEvidence, analyse
from listlint.rules.ip.families import Families, families
from listlint.rules.ip.index import Brand, BrandIndex
from listlint.rules.ip.listing import MODEL_FIELD, CharacterIndex, ListingFacts, read_facts
from listlint.rules.ip.policy import KEY, IPSection, ip_of
from listlint.rules.ip.prices import PriceBook, is_miniature
from listlint.rules.ip.signals import SignalMatcher
from listlint.text.spans import seller_span

if TYPE_CHECKING:
    from collections.abc import Callable

    from listlint.batch import Batch
    from listlint.gtin import GtinColumn
    from listlint.rules.context import BatchContext
    from listlint.rules.ip.assess import Seller

COUNTERFEIT_POLICY = "https://support.google.com/merchants/answer/6149993"
BRAND_MISUSE_POLICY = "https://www.ebay.com/help/policies/listing-policies/search-manipulation-policy/brand-name-misuse-policy?id=5051"
#: category groups where replica wording alone is a counterfeit signal
BRAND_PRONE = {"fashion", "bags", "watches", "jewelry", "beauty", "eyewear"}


@dataclass(frozen=True)
class Resources:
    index: BrandIndex
    signals: SignalMatcher
    prices: PriceBook
    families: Families
    characters: CharacterIndex


@dataclass(eq=False)
class IpAnalysis:
    """The batch's brand evidence (row position -> evidence, rows with anything only),
    and the batch context for facts other families share (the GTIN readings)."""

    rows: dict[int, RowEvidence]
    context: BatchContext

    @property
    def gtin(self) -> GtinColumn:
        """The GTIN column as the specs rules read it (one reading per batch)."""
        return self.context.gtin

    #: set by IpFamily.analyse: the family, for the brand index and families
    family: Any = None

    @cached_property
    def stores(self) -> frozenset[str]:
        """Brand-column values that say nothing about each product's brand, read as no
        brand column: a store's own name (one value fills nine rows in ten of a batch of
        twenty or more listings with varied titles: a Shopify "Vendor"), or every value of
        a column that names another protected brand than the title on one row in five of
        ten or more (a marketplace scrape's shop filter, not the product's brand)."""
        batch = self.context.batch
        if not batch.has("brand"):
            return frozenset()
        col = batch.frame.get_column("brand")
        values = col.drop_nulls()
        if values.len() >= 20:
            value, n = values.value_counts(sort=True).row(0)
            titles = batch.frame.get_column("title").n_unique() if batch.has("title") else 0
            if n >= 0.9 * values.len() and titles >= 5:
                return frozenset({value})
        if self.family is not None and self._column_contradicts_titles(col):
            return frozenset(values.unique().to_list())
        return frozenset()

    def house_brand(self, value: str) -> bool:
        """Is ``value`` (a brand-column value) a brand this batch sells by name: a title
        of a row filed under it names it ("Sunplay" on "Sunplay Skin Aqua UV Milk")? A
        listing that names another brand under it is likelier mis-filed than a copy."""
        return value in self._house

    @cached_property
    def _house(self) -> frozenset[str]:
        # only asked for rows whose column names an unknown brand: one columnar pass
        import polars as pl

        batch = self.context.batch
        if not (batch.has("brand") and batch.has("title")):
            return frozenset()
        frame = pl.DataFrame(
            {
                "value": batch.frame.get_column("brand"),
                "b": batch.folded_series("brand"),
                "t": batch.folded_series("title"),
            }
        ).filter(pl.col("b").str.len_chars() >= 3)
        hit = frame.filter(pl.col("t").str.contains(pl.col("b"), literal=True))
        return frozenset(hit.get_column("value").unique().drop_nulls().to_list())

    @cached_property
    def spelled(self) -> dict[str, int]:
        """Brand -> how many listings of the batch spell its name right in the title: a
        catalogue that spells a brand right on other listings and wrong on one made a
        typo there, not a disguise (a retailer's "Sennheisser")."""
        out: dict[str, int] = {}
        for ev in self.rows.values():
            for name in {m.name.brand.name for m in ev.mentions
                         if m.field == "title" and not m.disguise and m.name.kind == "name"}:  # fmt: skip
                out[name] = out.get(name, 0) + 1
        return out

    def _column_contradicts_titles(self, col: Any) -> bool:
        index = self.family.resources.index
        related = self.family.resources.families.related
        checked = wrong = 0
        # the kept rows' values in one gather: indexing a Series row by row costs
        # microseconds a call, on every kept row of every batch
        values = col.gather(list(self.rows)).to_list()
        for value, ev in zip(values, self.rows.values(), strict=True):
            named = {
                m.name.brand
                for m in ev.mentions
                if m.field == "title" and not m.disguise and not m.coded
            }
            if not value or not named:
                continue
            claimed = index.claimed_brand(value)
            checked += 1
            if (
                claimed is not None
                and claimed not in named
                and not any(related(value, b.name) for b in named)
            ):
                wrong += 1
        return checked >= 10 and wrong >= 0.2 * checked

    @cached_property
    def product(self) -> Any:
        """The shared product analysis (listlint.product): the context's when the engine
        made one, else made here on first use (only TM106 asks, for rows showing a
        character, to tell merchandise from the property's own products)."""
        made = getattr(self.context, "product", None)
        if made is not None:
            return made
        from listlint.product import analyse_batch

        return analyse_batch(self.context.batch)


class IpFamily(Family[Resources, IpAnalysis]):
    name: ClassVar[str] = "ip"
    section = (KEY, IPSection)

    def build(self) -> Resources:
        # the user's own brands may sit under any ip rule's options; they serve the family
        extra = tuple(
            dict.fromkeys(
                [
                    *(
                        b
                        for code, opts in sorted(self.config.rules.items())
                        if code.startswith("TM")
                        for b in opts.get("brands", ())
                    ),
                    *(b for p in self.packs for b in ip_of(p).brands),
                ]
            )
        )
        authorized = tuple(self.config.authorized_brands)
        fam = families()
        return Resources(
            BrandIndex(extra_brands=extra, authorized=authorized),
            SignalMatcher(),
            PriceBook(),
            fam,
            CharacterIndex(fam),
        )

    def analyse(self, context: BatchContext) -> IpAnalysis:
        res = self.resources
        made = IpAnalysis({}, context)
        made.family = self
        # the product analysis is read only for the few rows that need it (lazily)
        made.rows = analyse(
            context.batch, res.index, res.signals, res.prices, res.characters, lambda: made.product
        )
        return made

    def clone_price(
        self, batch: Batch, i: int, brand: Brand, ptype: str | None, model: str | None
    ) -> str | None:
        """ "price 70 CNY is about 5% of the lowest list price (Apple AirPods Pro lists
        from 199 USD new (2025-06))", or None."""
        amount, currency = price_of(batch, i)
        found = self.resources.prices.clone_price(brand.name, ptype, model, amount, currency)
        if found is None:
            return None
        title = batch.folded("title")[i] or ""
        if ptype in (None, "perfume", "cosmetic", "skincare") and is_miniature(title):
            return None  # a 5 ml sample is sold far below a full bottle's floor
        return found.describe(str(selling_price(batch, i)[2]))

    def facts_of(self, batch: Batch, i: int) -> ListingFacts:
        """What listing ``i`` sells and says, for a row the brand analysis did not keep."""

        def folded(name: str) -> str | None:
            return folded_cell(batch, name, i) if batch.has(name) else None

        return read_facts(
            self.resources.prices,
            folded("title"),
            folded("product_type"),
            folded("category"),
            folded("condition"),
            folded("description"),
            cell(batch, "brand", i),
        )

    def genuine_price(
        self, batch: Batch, i: int, brand: Brand, ptype: str | None, model: str | None
    ) -> bool:
        """The price is at or above the brand's floor for the type (a genuine price)."""
        from listlint.rules.ip.prices import to_usd

        usd = to_usd(*price_of(batch, i))
        floor = self.resources.prices.floor(brand.name, ptype, model) if ptype else None
        return usd is not None and floor is not None and usd >= floor.usd


class BrandOptions(BaseModel):
    """Options of every ip rule (``[tool.listlint.rules.TM101]``)."""

    model_config = ConfigDict(extra="forbid")

    #: the user's own protected brands, checked like the shipped list
    brands: list[str] = Field(default_factory=list)


class TrademarkRule(FamilyRule[IpFamily, IpAnalysis]):
    group: ClassVar[str] = "ip"
    family_type: ClassVar[type[Family[Any, Any]]] = IpFamily
    fields: ClassVar[tuple[str, ...]] = ("title",)
    options_model: ClassVar[type[BaseModel] | None] = BrandOptions
    #: the batch's store-name brand-column values (IpAnalysis.stores), set by ``check``
    stores: frozenset[str] = frozenset()
    #: is a brand-column value a brand the batch's titles name (IpAnalysis.house_brand)
    house: Callable[[str], bool] | None = None

    @property
    def index(self) -> BrandIndex:
        return self.family.resources.index

    def seller_of(self, ev: RowEvidence, brand: Brand, batch: Batch, i: int) -> Seller:
        """What listing ``i``'s brand column says about who sells ``brand``."""
        from listlint.rules.ip.assess import seller

        column = cell(batch, "brand", i)
        return seller(self.family, ev, brand, column, batch.has("brand"), self.stores, self.house)

    def marketplaces(self) -> tuple[str, ...]:
        return self.family.marketplaces()

    def policy_link(self) -> str | None:
        """The first selected marketplace's own IP page (a page inherited from another
        marketplace's pack is skipped, see :mod:`listlint.policy.links`), else the rule's."""
        if not self.family.packs:
            return self.policy_url
        return self.family.first_link(
            lambda p: (ip_of(p).policy_url, self.policy_url, COUNTERFEIT_POLICY)
        )

    def listing_groups(self, batch: Batch, i: int) -> set[str]:
        text = " ".join(
            t for t in (folded_cell(batch, "category", i), batch.folded("title")[i]) if t
        )
        return self.index.groups_of(text)

    def brand_ok(self, m: Mention, ev: RowEvidence, batch: Batch, i: int, signals: bool) -> bool:
        """Is this mention a brand use at all (not an ordinary word or a vague alias)?"""
        if m.disguise:
            return True
        plain_name = m.name.kind in ("name", "variant")
        if m.name.brand.ordinary_in_category and plain_name:
            return signals  # "off-white linen dress" is a colour, "off-white replica" is not
        if (
            m.name.ptype == "perfume"
            and not signals
            and not (
                ev.facts and ev.facts.ptype == "perfume" and ev.facts.ptype_field != MODEL_FIELD
            )
            and not any(n.name.brand is m.name.brand and not n.name.is_coded for n in ev.mentions)
        ):
            return (
                False  # a fragrance's name alone is also a flavour or a shade ("Lost Cherry" vape)
            )
        if m.name.ptype and m.name.context_only:
            # "Monaco", "Tank", "Explorer": the model only on a listing of its type
            sold = ev.facts.ptype if ev.facts else None
            return signals or sold == m.name.ptype
        if m.name.context_only or (m.name.brand.common_word and plain_name):
            if signals:
                return True
            if m.name.brand.common_word and plain_name and not self._named_as_brand(m, ev):
                return False  # "Sour Apple Ice", "Double Apple": the word, not the maker
            return bool(m.name.brand.groups & self.listing_groups(batch, i))
        return True

    def _named_as_brand(self, m: Mention, ev: RowEvidence) -> bool:
        """Is an ordinary-word brand ("Apple", "Coach", "Dove") written as the maker: first
        in the title (brand-first titles), or right before one of its models or a product
        word of its category ("Apple charger")? "Sour Apple Ice" is a flavour."""
        if m.field != "title":
            return False  # "the ordinary", "apple" in running text: a word, not the maker
        if not m.source[: m.start].strip(" -|([{\"'"):
            return True
        if any(n.name.brand is m.name.brand and n.name.is_model and 0 <= n.start - m.end <= 2
               for n in ev.mentions):  # fmt: skip
            return True
        after = m.source[m.end : m.end + 30].split()[:2]
        return any(
            self.index.groups.get(w.strip(",.-"), frozenset()) & m.name.brand.groups for w in after
        )


def price_of(batch: Batch, i: int) -> tuple[float | None, str | None]:
    """(amount, currency) of the price a buyer pays: the currency written in the price,
    else the file's currency column ("price: 192.00", "currency: CNY")."""
    amount, currency, _ = selling_price(batch, i)
    if not currency:
        value = cell(batch, "currency", i)
        currency = value.strip().upper()[:3] if isinstance(value, str) and value.strip() else None
    return amount, currency


def selling_price(batch: Batch, i: int) -> tuple[float | None, str | None, object]:
    """(amount, currency, seller's text) of the price a buyer pays today: the sale price
    when the listing has one below its price (a copy is judged on what it sells for)."""
    amount, currency = cell(batch, "price_amount", i), cell(batch, "price_currency", i)
    sale = cell(batch, "sale_price_amount", i)
    if sale is not None and sale > 0 and (amount is None or sale < amount):
        return sale, cell(batch, "sale_price_currency", i) or currency, cell(batch, "sale_price", i)
    return amount, currency, cell(batch, "price", i)


def cell(batch: Batch, name: str, i: int) -> Any:
    """One value of a column: the rules read a few rows, never the whole column."""
    return batch.frame.get_column(name)[i] if name in batch.frame.columns else None


def folded_cell(batch: Batch, name: str, i: int) -> str | None:
    return batch.folded_series(name)[i]


def seller_text(batch: Batch, field: str, i: int, folded_match: str) -> str:
    """The seller's own spelling of a folded span ("أصلية", "Guccı", "ＧＵＣＣＩ"), through
    the shared span map (:func:`listlint.text.spans.seller_span`); the folded span when
    the cell does not hold it."""
    raw = cell(batch, field, i) or ""
    span = seller_span(raw, folded_match)
    return raw[span[0] : span[1]] if span else folded_match
