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

from listlint.rules.base import Hit
from listlint.rules.family import Family, FamilyRule
from listlint.rules.ip import catalog_facts
from listlint.rules.ip.analysis import Mention, RowEvidence, analyse
from listlint.rules.ip.catalog_facts import BrandColumnFacts
from listlint.rules.ip.families import Families, families
from listlint.rules.ip.index import Brand, BrandIndex
from listlint.rules.ip.listing import (
    MODEL_FIELD,
    PRODUCT_GROUPS,
    CharacterIndex,
    ListingFacts,
    read_facts,
)
from listlint.rules.ip.policy import KEY, IPSection, ip_of
from listlint.rules.ip.prices import PriceBook, is_miniature
from listlint.rules.ip.signals import SignalMatcher
from listlint.text.spans import seller_span

if TYPE_CHECKING:
    import polars as pl

    from listlint.batch import Batch
    from listlint.gtin import GtinColumn
    from listlint.report import Severity
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
    def column(self) -> BrandColumnFacts:
        """What the catalogue's brand column says as a whole (a store's name, the brands
        the file sells by name, whether it holds any value): facts of the whole file
        (:mod:`~listlint.rules.ip.catalog_facts`), whatever batch a listing falls in."""
        facts = self.context.facts(self.family) if self.family is not None else None
        return BrandColumnFacts.read(facts)

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

    #: stores and house brands are facts of the whole file (phase one)
    gathers: ClassVar[bool] = True

    def evidence(self, batch: Batch) -> pl.DataFrame | None:
        res = self.resources
        return catalog_facts.evidence(batch, res.index, res.families)

    def combine(self, frames: list[pl.DataFrame]) -> pl.DataFrame | None:
        return catalog_facts.combine(frames)

    def kept_rows(self, context: BatchContext) -> list[int]:
        # the rules find nothing on a row the analysis did not keep
        if "brand" not in context.batch.frame.columns:
            return []
        return list(context.analysis(self).rows)

    def same_judgement(
        self, own: pl.DataFrame | None, whole: pl.DataFrame | None, batch: Batch
    ) -> bool:
        if "brand" not in batch.frame.columns:
            return True
        values = set(batch.frame.get_column("brand").drop_nulls().to_list())
        return BrandColumnFacts.read(own).same_for(BrandColumnFacts.read(whole), values)

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
    #: the catalogue's brand-column facts (IpAnalysis.column), set by :meth:`start`
    column: BrandColumnFacts = BrandColumnFacts(frozenset(), frozenset())

    #: the batch's analysis (set by :meth:`start`), for the product roles of its words
    analysis: IpAnalysis | None = None

    def start(self, analysis: IpAnalysis) -> None:
        """Take the batch's analysis facts every check weighs (call first in ``check``)."""
        self.column = analysis.column
        self.analysis = analysis

    def hit(self, message: str, *, index: int, field: str, match: str, suggestion: str,
            severity: Severity | None) -> Hit:  # fmt: skip
        """A finding on listing ``index``, with the family's marketplaces and policy link
        (every ip rule reports this way)."""
        return Hit(
            message,
            index=index,
            field=field,
            match=match,
            suggestion=suggestion,
            severity=severity,
            marketplaces=self.marketplaces(),
            policy=self.policy_link(),
        )

    @property
    def index(self) -> BrandIndex:
        return self.family.resources.index

    def seller_of(self, ev: RowEvidence, brand: Brand, batch: Batch, i: int) -> Seller:
        """What listing ``i``'s brand column says about who sells ``brand``."""
        from listlint.rules.ip.assess import seller

        value = cell(batch, "brand", i)
        facts = self.column
        return seller(
            self.family, ev, brand, value, facts.filled, facts.stores, facts.house.__contains__
        )

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

    def listing_groups(self, batch: Batch, i: int) -> frozenset[str]:
        text = " ".join(
            t for t in (folded_cell(batch, "category", i), batch.folded("title")[i]) if t
        )
        return self.index.groups_of(text)

    def brand_ok(self, m: Mention, ev: RowEvidence, batch: Batch, i: int, signals: bool) -> bool:
        """Is this mention a brand use at all (not an ordinary word or a vague alias)?"""
        if m.disguise:
            return True
        # last, and only where the word would count: the role costs ~0.4 ms a listing
        return self._used_as_brand(m, ev, batch, i, signals) and (
            signals or not self._taste_or_look(m, ev, batch, i)
        )

    def _used_as_brand(
        self, m: Mention, ev: RowEvidence, batch: Batch, i: int, signals: bool
    ) -> bool:
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

    def _taste_or_look(self, m: Mention, ev: RowEvidence, batch: Batch, i: int) -> bool:
        """Does the brand word name what the product tastes, smells or looks like, on a
        product the brand does not make? The shared product analysis reads its role
        ("Yeti Mint" nicotine pouches: a flavour, what the pouch contains; a scent of a
        candle), and the brand's groups miss both the listing's category words and its
        product group. A drinks brand on a flavoured drink stays a brand use, and so does a
        brand named with one of its models ("Rolex Daydate olive": a shade of a watch)."""
        if m.field != "title" or self.analysis is None:
            return False
        if any(n.name.brand is m.name.brand and n.name.is_model for n in ev.mentions):
            return False
        if m.name.brand.groups & self.listing_groups(batch, i):
            return False  # the cheap test first: the role costs ~0.4 ms a listing
        from listlint.product import Role

        product = self.analysis.product
        group = product.frame["product_group"][i]
        if m.name.brand.groups & PRODUCT_GROUPS.get(group or "", frozenset()):
            return False
        role = product.role(i, "title", m.start, m.end).role
        return role in (Role.INGREDIENT, Role.ATTRIBUTE)

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
    """One value of a column: the rules read a few rows, never the whole column (the
    batch's columns by name are looked up once: ``DataFrame.columns`` builds its list on
    every call, and the rules read ~8,000 cells a 50k-row batch)."""
    column = batch.cached("columns-by-name", _columns).get(name)
    return None if column is None else column[i]


def _columns(batch: Batch) -> dict[str, pl.Series]:
    return dict(zip(batch.frame.columns, batch.frame.get_columns(), strict=True))


def folded_cell(batch: Batch, name: str, i: int) -> str | None:
    return batch.folded_series(name)[i]


def seller_text(batch: Batch, field: str, i: int, folded_match: str) -> str:
    """The seller's own spelling of a folded span ("أصلية", "Guccı", "ＧＵＣＣＩ"), through
    the shared span map (:func:`listlint.text.spans.seller_span`); the folded span when
    the cell does not hold it."""
    raw = cell(batch, field, i) or ""
    span = seller_span(raw, folded_match)
    return raw[span[0] : span[1]] if span else folded_match
