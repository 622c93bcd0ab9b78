"""The ``ip`` family (lookalike brands, counterfeit wording, brand misuse): what its
rules share, and how they quote and link.

Resources (once per rule set): the brand index (shipped brands, the user's own from any
ip rule's ``brands`` option and the packs' ``ip.brands``, minus ``authorized-brands``)
and the counterfeit-signal matcher. Analysis (once per batch): brand mentions,
lookalikes and signals per listing (:mod:`~listlint.rules.ip.analysis`). The rules live
in :mod:`~listlint.rules.ip.rules` and :mod:`~listlint.rules.ip.brand_rules`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from listlint.rules.family import Family, FamilyRule
from listlint.rules.ip.analysis import Mention, RowEvidence, analyse
from listlint.rules.ip.evidence import price_far_below
from listlint.rules.ip.index import Brand, BrandIndex
from listlint.rules.ip.policy import KEY, IPSection, ip_of
from listlint.rules.ip.signals import SignalMatcher
from listlint.text.spans import seller_span

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.gtin import GtinColumn
    from listlint.rules.context import BatchContext

COUNTERFEIT_POLICY = "https://support.google.com/merchants/answer/6149993"
BRAND_MISUSE_POLICY = "https://www.ebay.com/help/policies/listing-policies/search-manipulation-policy/brand-name-misuse-policy?id=5051"
#: category groups where replica wording alone is a counterfeit signal
BRAND_PRONE = {"fashion", "bags", "watches", "jewelry", "beauty", "eyewear"}


@dataclass(frozen=True)
class Resources:
    index: BrandIndex
    signals: SignalMatcher


@dataclass
class IpAnalysis:
    """The batch's brand evidence (row position -> evidence, rows with anything only),
    and the batch context for facts other families share (the GTIN readings)."""

    rows: dict[int, RowEvidence]
    context: BatchContext

    @property
    def gtin(self) -> GtinColumn:
        """The GTIN column as the specs rules read it (one reading per batch)."""
        return self.context.gtin


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
        return Resources(BrandIndex(extra_brands=extra, authorized=authorized), SignalMatcher())

    def analyse(self, context: BatchContext) -> IpAnalysis:
        res = self.resources
        return IpAnalysis(analyse(context.batch, res.index, res.signals), context)


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

    @property
    def index(self) -> BrandIndex:
        return self.family.resources.index

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

    def brand_ok(self, m: Mention, batch: Batch, i: int, signals: bool) -> bool:
        """Is this mention a brand use at all (not an ordinary word or a vague alias)?"""
        if m.disguise:
            return True
        plain_name = m.name.kind in ("name", "variant")
        if m.name.brand.ordinary_in_category and plain_name:
            return signals  # "off-white linen dress" is a colour, "off-white replica" is not
        if m.name.context_only or (m.name.brand.common_word and plain_name):
            return signals or bool(m.name.brand.groups & self.listing_groups(batch, i))
        return True


def price_evidence(rule: TrademarkRule, batch: Batch, i: int, brand: Brand) -> str | None:
    """ "price 320 far below genuine Rolex" when the listing's price supports a copy."""
    amount, currency, raw = selling_price(batch, i)
    if amount is None or not price_far_below(
        brand, amount, currency, rule.listing_groups(batch, i)
    ):
        return None
    return f"price {raw} far below genuine {brand.name}"


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
