"""Per-listing pricing rules: a price that is missing, zero or negative; a sale or
compare-at price that does not make sense beside the price; sale dates that end before
they start (PC1xx, PC2xx)."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from listlint.batch import Batch
from listlint.report import Severity
from listlint.rules.base import Hit
from listlint.rules.pricing.contexts import contexts_of
from listlint.rules.pricing.dates import period, reversed_dates
from listlint.rules.pricing.family import PricingAnalysis, PricingRule, money


def _raw(batch: Batch, field: str, i: int) -> str | None:
    return batch.frame[field][i] if field in batch.frame.columns else None


class MissingPrice(PricingRule):
    """A listing on sale has no price.

    Why: every marketplace requires a price (Google Merchant Center price [price],
    Amazon standard_price, TikTok Shop SKU price); the listing is rejected or cannot be
    bought. Drafts, archived or unpublished listings and rows that only describe a
    product whose variants are sold (Amazon "parent", WooCommerce "variable", Magento
    "configurable") are not judged.

    Fails:
        ``sku=MUG-1, price=""`` on a published listing

    Passes:
        ``price=12.50``; a draft without a price; a WooCommerce "variable" parent row
    """

    code = "PC101"
    name = "missing-price"
    severity = Severity.ERROR
    summary = "Listing on sale has no price"
    fields = ("price",)

    def applies(self, batch: Batch) -> bool:
        return "price" in batch.frame.columns  # a blank price column still counts

    def check(self, batch: Batch, analysis: PricingAnalysis) -> Iterator[Hit]:
        f = batch.frame
        blank = f["price"].is_null()
        rows = analysis.frame.filter(blank & pl.col("live"))
        link = self.link()
        for i, sale in rows.select("i", "sale").iter_rows():
            extra = f" (it has a sale price of {money(sale)})" if sale is not None else ""
            yield Hit(
                message=f"listing has no price{extra}; marketplaces reject listings without one",
                index=i,
                field="price",
                suggestion="enter the regular price (or mark the listing as a draft)",
                policy=link,
            )


class NonPositivePrice(PricingRule):
    """A listing on sale is priced at zero or below.

    Why: marketplaces reject a price of 0 or less (Google allows 0 only for phones sold
    with a contract); a 0 is usually an export default or a price that was never set.
    A listing that says it is given away ("free sample", "gift with purchase") is not
    reported.

    Fails:
        ``title="Ceramic Mug 350 ml", price=0``; ``price=-5``

    Passes:
        ``price=12.50``; ``title="Free Sample - Hand Cream 5 ml", price=0``
    """

    code = "PC102"
    name = "non-positive-price"
    severity = Severity.ERROR
    summary = "Price is zero or negative"
    fields = ("price",)

    def check(self, batch: Batch, analysis: PricingAnalysis) -> Iterator[Hit]:
        a = analysis.frame
        bad = (pl.col("price") <= 0) & pl.col("live")
        rows = a.filter(bad)
        if not rows.height:
            return
        free = contexts_of(batch, rows["i"], "free")
        link = self.link()
        for (i, price), given in zip(rows.select("i", "price").iter_rows(), free, strict=True):
            if given:
                continue
            raw = _raw(batch, "price", i)
            state = "0" if price == 0 else "negative"
            yield Hit(
                message=f"price is {state} ({raw!r}); marketplaces reject such prices",
                index=i,
                field="price",
                match=raw,
                suggestion="enter the real price; if the item is a free sample or gift, say "
                "so in the title",
                policy=link,
            )


class SaleNotLower(PricingRule):
    """The sale price is not below the regular price, or the compare-at ("was") price is
    not above the price.

    Why: Google requires the sale price to be lower than the price (sale_price
    1196048) and disapproves the offer otherwise; WooCommerce and Shopify show no
    discount, or a discount that is not one, when the two are swapped or equal.

    Fails:
        ``price=20, sale_price=25``; ``price=30, compare_at_price=30``

    Passes:
        ``price=30, sale_price=24``; ``price=24, compare_at_price=30``
    """

    code = "PC201"
    name = "sale-price-not-lower"
    severity = Severity.ERROR
    summary = "Sale price is not below the regular price"
    fields = ("sale_price", "compare_at_price")

    def check(self, batch: Batch, analysis: PricingAnalysis) -> Iterator[Hit]:
        a = analysis.frame.filter(pl.col("live") & (pl.col("price") > 0))
        sale = a.filter((pl.col("sale") > 0) & (pl.col("sale") >= pl.col("price")))
        was = a.filter((pl.col("compare") > 0) & (pl.col("compare") <= pl.col("price")))
        link = self.link()
        for i, price, amount in sale.select("i", "price", "sale").iter_rows():
            same = "equals" if amount == price else "is above"
            yield Hit(
                message=f"sale price {money(amount)} {same} the regular price {money(price)}; "
                "a sale price must be lower",
                index=i,
                field="sale_price",
                match=_raw(batch, "sale_price", i),
                suggestion="check the two prices (swapped?) or clear the sale price",
                policy=link,
            )
        for i, price, amount in was.select("i", "price", "compare").iter_rows():
            same = "equals" if amount == price else "is below"
            yield Hit(
                message=f"compare-at price {money(amount)} {same} the price {money(price)}; "
                "it should be the higher, former price",
                index=i,
                field="compare_at_price",
                match=_raw(batch, "compare_at_price", i),
                suggestion="check the two prices (swapped?) or clear the compare-at price",
                policy=link,
            )


class InflatedReferencePrice(PricingRule):
    """The "was" price (compare-at, or the regular price beside a sale price) is so far
    above today's price that the discount reads as invented.

    Why: a former price must be one the item was really offered at (FTC 16 CFR 233.1;
    in the EU the lowest price of the last 30 days, Directive 98/6/EC art. 6a);
    marketplaces remove strike-through prices they cannot verify. The limit is the
    pack's ``pricing.max_discount`` (default 80% off).

    Fails:
        ``price=19.99, compare_at_price=199.99`` (90% off)

    Passes:
        ``price=29.99, compare_at_price=59.99`` (50% off); a clearance at 70% off
    """

    code = "PC202"
    name = "inflated-reference-price"
    severity = Severity.WARNING
    summary = "Compare-at or regular price is inflated far above the selling price"
    fields = ("sale_price", "compare_at_price")

    def check(self, batch: Batch, analysis: PricingAnalysis) -> Iterator[Hit]:
        limit = self.cfg.first.max_discount
        a = analysis.frame.filter(pl.col("live"))
        # the reference and today's price: compare-at vs price, else price vs sale price
        pairs = (
            ("compare_at_price", "compare-at price", pl.col("compare"), pl.col("price")),
            ("price", "regular price", pl.col("price"), pl.col("sale")),
        )
        link = self.link()
        seen: set[int] = set()
        for field, label, ref, now in pairs:
            rows = a.filter((now > 0) & (ref > 0) & (now < ref * (1 - limit))).select(
                "i", ref.alias("ref"), now.alias("now")
            )
            for i, r, n in rows.iter_rows():
                if i in seen:
                    continue
                seen.add(i)
                off = 100 * (1 - n / r)
                yield Hit(
                    message=f"{label} {money(r)} is {r / n:,.1f} times the selling price "
                    f"{money(n)} ({off:.0f}% off); a discount this deep reads as an invented "
                    "former price",
                    index=i,
                    field=field,
                    match=_raw(batch, field, i),
                    suggestion="show as the former price only a price the item was really "
                    "sold at recently",
                    policy=link,
                )


class ReversedSaleDates(PricingRule):
    """The sale ends before it starts.

    Why: the marketplace (Google sale_price_effective_date 6324460, WooCommerce sale
    schedule) cannot apply such a sale: the sale price is ignored or the feed rejects
    the value. Day-first and month-first dates are read both ways; only dates that are
    reversed on every reading are reported.

    Fails:
        ``sale_start=2025-03-01, sale_end=2025-02-01``;
        ``sale_price_effective_date=2025-03-01T00:00Z/2025-02-01T00:00Z``

    Passes:
        ``sale_start=2025-02-01, sale_end=2025-03-01``; ``03/04/2025`` to ``04/03/2025``
        (reversed only if read day-first)
    """

    code = "PC203"
    name = "reversed-sale-dates"
    severity = Severity.ERROR
    summary = "Sale end date is before its start date"
    fields = ("sale_start", "sale_end", "sale_period")

    def check(self, batch: Batch, analysis: PricingAnalysis) -> Iterator[Hit]:
        f = batch.frame
        link = self.link()
        idx = pl.int_range(pl.len(), dtype=pl.Int64).alias("i")
        if "sale_start" in f.columns and "sale_end" in f.columns:
            pairs = f.select(idx, pl.col("sale_start").alias("a"), pl.col("sale_end").alias("b"))
            for i, start, end in _reversed(pairs.drop_nulls()).iter_rows():
                yield self._hit(i, "sale_end", end, start, end, link)
        if "sale_period" in f.columns:
            cells = f.select(idx, pl.col("sale_period").alias("p")).drop_nulls()
            # each distinct interval is read once (a feed repeats a few campaign periods)
            table = [(p, *(period(p) or (None, None))) for p in cells["p"].unique().to_list()]
            split = pl.DataFrame(
                table, schema={"p": pl.Utf8, "a": pl.Utf8, "b": pl.Utf8}, orient="row"
            )
            pairs = cells.join(split, on="p", maintain_order="left").drop_nulls()
            for i, text, start, end in _reversed(pairs).select("i", "p", "a", "b").iter_rows():
                yield self._hit(i, "sale_period", text, start, end, link)

    def _hit(self, i: int, field: str, match: str, start: str, end: str, link: str) -> Hit:
        return Hit(
            message=f"the sale ends ({end}) before it starts ({start})",
            index=i,
            field=field,
            match=match,
            suggestion="swap the dates or correct the end date",
            policy=link,
        )


def _reversed(pairs: pl.DataFrame) -> pl.DataFrame:
    """Rows of ``pairs`` (``a`` start, ``b`` end) whose sale ends before it starts, each
    distinct pair of dates read once."""
    uniq = pairs.select("a", "b").unique()
    flags = [reversed_dates(a, b) for a, b in uniq.iter_rows()]
    bad = uniq.filter(pl.Series(flags, dtype=pl.Boolean))
    return pairs.join(bad, on=["a", "b"], maintain_order="left")
