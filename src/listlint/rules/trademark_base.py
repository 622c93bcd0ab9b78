"""Shared base of the ``ip`` rules (issue 5): the brand index, the per-batch analysis,
links and quoting. The rules themselves live in :mod:`listlint.rules.trademarks` and
:mod:`listlint.rules.trademarks_brand`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from listlint.rules.base import Rule

if TYPE_CHECKING:
    from listlint.batch import Batch
    from listlint.brands.analysis import Mention, RowEvidence
    from listlint.brands.index import Brand, BrandIndex

COUNTERFEIT_POLICY = "https://support.google.com/merchants/answer/6149993"
BRAND_MISUSE_POLICY = "https://www.ebay.com/help/policies/listing-policies/search-manipulation-policy/brand-name-misuse-policy?id=5051"
#: category groups where replica wording alone is a counterfeit signal
BRAND_PRONE = {"fashion", "bags", "watches", "jewelry", "beauty", "eyewear"}
#: brand index + signal matcher per (extra brands, authorised brands): built once per run
_SHARED: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[BrandIndex, object]] = {}


class BrandOptions(BaseModel):
    """Options of every ip rule (``[tool.listlint.rules.TM101]``)."""

    model_config = ConfigDict(extra="forbid")

    #: the user's own protected brands, checked like the shipped list
    brands: list[str] = Field(default_factory=list)


class TrademarkRule(Rule):
    group: ClassVar[str] = "ip"
    fields: ClassVar[tuple[str, ...]] = ("title",)
    options_model: ClassVar[type[BaseModel] | None] = BrandOptions

    def _resources(self) -> tuple[BrandIndex, object]:
        # the user's own brands may sit under any ip rule's options; they serve the family
        extra = tuple(
            dict.fromkeys(
                [
                    *(
                        b
                        for code, opts in sorted(self.ctx.config.rules.items())
                        if code.startswith("TM")
                        for b in opts.get("brands", ())
                    ),
                    *self.ctx.options.get("brands", ()),
                    *(b for p in self.ctx.policies for b in p.ip.brands),
                ]
            )
        )
        authorized = tuple(self.ctx.config.authorized_brands)
        key = (extra, authorized)
        if key not in _SHARED:  # one index for the four rules of a run
            from listlint.brands.index import BrandIndex
            from listlint.brands.signals import SignalMatcher

            _SHARED[key] = (BrandIndex(extra_brands=extra, authorized=authorized), SignalMatcher())
        return _SHARED[key]

    def evidence(self, batch: Batch) -> dict[int, RowEvidence]:
        from listlint.brands.analysis import analyse

        index, signals = self._resources()
        return batch.cached("trademarks", lambda b: analyse(b, index, signals))  # type: ignore[arg-type]

    def marketplaces(self) -> tuple[str, ...]:
        return tuple(p.label for p in self.ctx.policies if p.marketplace)

    def policy_link(self) -> str | None:
        """The first selected marketplace's own IP page (a page inherited from another
        marketplace's pack is skipped, see :mod:`listlint.policy.links`), else the rule's."""
        from listlint.policy.links import official_link

        for p in self.ctx.policies:
            return official_link(p, p.ip.policy_url, self.policy_url, COUNTERFEIT_POLICY)
        return self.policy_url

    def listing_groups(self, batch: Batch, i: int) -> set[str]:
        index, _ = self._resources()
        text = " ".join(
            t for t in (folded_cell(batch, "category", i), batch.folded("title")[i]) if t
        )
        return index.groups_of(text)

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
    from listlint.brands.evidence import price_far_below

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


def cell(batch: Batch, name: str, i: int):  # type: ignore[no-untyped-def]
    """One value of a column: the rules read a few rows, never the whole column."""
    return batch.frame.get_column(name)[i] if name in batch.frame.columns else None


def folded_cell(batch: Batch, name: str, i: int) -> str | None:
    return batch.folded_series(name)[i]


def seller_text(batch: Batch, field: str, i: int, folded_match: str) -> str:
    """The seller's own spelling of a folded span ("أصلية", "Guccı", "ＧＵＣＣＩ"), found by
    folding the raw text one character at a time; the folded span when it is not there."""
    from listlint.text.normalize import fold

    raw = cell(batch, field, i) or ""
    pos = raw.lower().find(folded_match)
    if pos >= 0 and len(raw.lower()) == len(raw):
        return raw[pos : pos + len(folded_match)]
    owner: list[int] = []  # folded position -> raw position
    for k, ch in enumerate(raw):
        owner.extend([k] * len(fold(ch)))
    folded = "".join(fold(ch) for ch in raw)
    pos = folded.find(folded_match)
    if pos < 0 or not folded_match:
        return folded_match
    return raw[owner[pos] : owner[pos + len(folded_match) - 1] + 1]
