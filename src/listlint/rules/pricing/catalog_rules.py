"""Catalogue-level pricing rules (two-phase, so they hold when a file is split across
batches, processes or Spark/Dask partitions): placeholder prices judged against the
file's own prices, currencies, and prices far from their variants or product type."""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import cache
from typing import Any, ClassVar

import polars as pl

from listlint.batch import Batch
from listlint.fields import GROUP, REC, ROW, SHEET
from listlint.product import product_analysis
from listlint.product.confidence import confident_heads
from listlint.report import Severity
from listlint.resources import table
from listlint.robust import outliers
from listlint.rules.base import Hit
from listlint.rules.pricing.contexts import KINDS, contexts_of
from listlint.rules.pricing.family import PricingAnalysis, PricingCatalogRule, money
from listlint.rules.pricing.quantity import quantities

#: histogram bins per decade of price (the file's median is read from them: 2% steps)
BINS_PER_DECADE = 50
#: fewer priced listings than this give no median worth judging a price against
MIN_FOR_MEDIAN = 10


def at(r: dict[str, Any]) -> dict[str, Any]:
    """Where a catalogue-level hit is: the record, row, sheet and SKU of partial row ``r``."""
    return {"rec": r[REC], "row": r[ROW], "sheet": r[SHEET], "sku": r["sku"]}


def _sku(f: pl.DataFrame) -> pl.Expr:
    return pl.col("sku") if "sku" in f.columns else pl.lit(None, dtype=pl.Utf8).alias("sku")


@cache
def placeholder_table() -> pl.DataFrame:
    rows = table("pricing/placeholders")
    return pl.DataFrame(
        {
            "amount": [float(r["amount"]) for r in rows],
            "side": [r["side"] for r in rows],
            "limit": [float(r["ratio"]) for r in rows],
            "why": [r["why"] for r in rows],
        }
    )


class PlaceholderPrice(PricingCatalogRule):
    """A price that reads as a placeholder: 0.01, 9999, 99999, 12345, far from every
    other price of the file.

    Why: sellers and tools type such values to get past a required price field; the
    listing then sells at a cent or sits unsold at an absurd price (Amazon suppresses
    prices far from a product's reference price). Judged against the file's own median
    price (at least 10 priced listings), so a 9,999 yen T-shirt or a 9,999 rupee phone
    is a price and a 9,999 dollar phone case in a shop of 20 dollar items is not.

    Fails:
        a listing at ``0.01`` in a shop whose median price is 24.99; ``99999`` there

    Passes:
        ``9999`` in a shop of 5,000-20,000 yen clothing; ``0.01`` on a free sample
    """

    code = "PC103"
    name = "placeholder-price"
    severity = Severity.WARNING
    summary = "Price reads as a placeholder (0.01, 9999, 12345) for this catalogue"

    def partial(self, batch: Batch, analysis: PricingAnalysis) -> pl.DataFrame | None:
        f = batch.frame
        a = analysis.frame.filter(pl.col("live") & (pl.col("price") > 0))
        if not a.height:
            return None
        bins = (
            a.select(
                (pl.col("price").log10() * BINS_PER_DECADE).floor().cast(pl.Int32).alias("bin")
            )
            .group_by("bin")
            .len("n")
        )
        table_ = placeholder_table()
        cands = a.with_columns(pl.col("price").round(3).alias("amount")).join(
            table_, on="amount", how="inner"
        )
        if cands.height:  # a free sample at 0.01 or a gift card is not a placeholder
            given = contexts_of(batch, cands["i"], "free", "giftcard")
            cands = cands.filter(~given)
        parts = [bins.with_columns(pl.lit("bin").alias("kind"))]
        if cands.height:
            idx = cands["i"]
            extra = f.select(REC, ROW, SHEET, _sku(f), pl.col("price").alias("raw"))[idx]
            parts.append(
                pl.concat(
                    [extra, cands.select("price", "side", "limit", "why")], how="horizontal"
                ).with_columns(pl.lit("cand").alias("kind"))
            )
        return pl.concat(parts, how="diagonal_relaxed")

    def merge(self, partials: pl.DataFrame) -> Iterable[Hit]:
        bins = (
            partials.filter(pl.col("kind") == "bin")
            .group_by("bin")
            .agg(pl.col("n").sum())
            .sort("bin")
        )
        total = int(bins["n"].sum() or 0)
        cands = partials.filter(pl.col("kind") == "cand")
        if total < MIN_FOR_MEDIAN or not cands.height:
            return
        half = (total + 1) / 2
        cum = bins.with_columns(pl.col("n").cum_sum().alias("c"))
        mbin = cum.filter(pl.col("c") >= half)["bin"][0]
        median = 10 ** ((mbin + 0.5) / BINS_PER_DECADE)
        link = self.link()
        for r in cands.sort(REC).iter_rows(named=True):
            price, limit = r["price"], r["limit"]
            off = median / price if r["side"] == "low" else price / median
            if off < limit:
                continue
            how = "below" if r["side"] == "low" else "above"
            yield Hit(
                message=f"price {r['raw']!r} reads as a placeholder ({r['why']}): {off:,.0f} "
                f"times {how} this file's median price of about {money(median)}",
                field="price",
                match=r["raw"],
                **at(r),
                suggestion="enter the real price before the listing goes live",
                policy=link,
            )


class _Currencies(PricingCatalogRule):
    """Shared partial: per currency, how many listings and the first of them."""

    fields: ClassVar[tuple[str, ...]] = ("price", "currency")

    def partial(self, batch: Batch, analysis: PricingAnalysis) -> pl.DataFrame | None:
        f = batch.frame
        a = analysis.frame.filter(pl.col("currency").is_not_null())
        if not a.height:
            return None
        first = f.select(REC, ROW, SHEET, _sku(f))[a["i"]]
        return (
            pl.concat([a.select("currency"), first], how="horizontal")
            .sort(REC)
            .group_by("currency", maintain_order=True)
            .agg(pl.len().alias("n"), pl.col(REC, ROW, SHEET, "sku").first())
        )

    @staticmethod
    def summed(partials: pl.DataFrame) -> pl.DataFrame:
        return (
            partials.sort(REC)
            .group_by("currency", maintain_order=True)
            .agg(pl.col("n").sum(), pl.col(REC, ROW, SHEET, "sku").first())
            .sort("n", REC, descending=[True, False])
        )


class CurrencyMismatch(_Currencies):
    """Prices in a currency the marketplace does not sell in.

    Why: TikTok Shop US and Amazon US take US dollars, TikTok Shop UK pounds sterling
    (SKU price currency); a listing priced in another currency is rejected or shown at
    a wrong price. Reported once per currency and file, at its first listing, with the
    number of listings (the fix is the same for all: convert, or choose the pack of the
    marketplace the file is for). Packs list their currencies (``pricing.currencies``);
    a pack without a list (Google Shopping sells in many countries) accepts any.

    Fails:
        ``price=4800 JPY`` with ``--policy tiktok-shop-us``

    Passes:
        ``price=19.99 USD`` there; ``price=19.99`` (no currency named)
    """

    code = "PC301"
    name = "currency-mismatch"
    severity = Severity.ERROR
    summary = "Price currency is not the marketplace's"

    def merge(self, partials: pl.DataFrame) -> Iterable[Hit]:
        wanted = self.cfg.currencies
        if not wanted:
            return
        for r in self.summed(partials).iter_rows(named=True):
            code = r["currency"]
            bad = [(label, cur, page) for label, cur, page in wanted if code not in cur]
            if not bad:
                continue
            takes = "; ".join(f"{label} sells in {', '.join(sorted(cur))}" for label, cur, _ in bad)
            n = r["n"]
            yield Hit(
                message=f"{n} listing(s) of this file are priced in {code} (first here); {takes}",
                field="currency",
                match=code,
                **at(r),
                suggestion="convert the prices to the marketplace's currency, or lint the file "
                "with the pack of the marketplace it is for (--policy)",
                policy=bad[0][2] or self.link(),
                marketplaces=tuple(label for label, _, _ in bad),
            )


class MixedCurrencies(_Currencies):
    """One file prices its listings in several currencies.

    Why: a marketplace feed is for one country and one currency (Google Merchant Center
    price [price]: the currency of the country of sale); a file mixing EUR and USD is
    usually two exports pasted together or a currency column filled by hand. Reported
    once per minority currency, at its first listing.

    Fails:
        300 listings in USD and 12 in EUR in one file

    Passes:
        every listing in USD; listings whose price names no currency
    """

    code = "PC302"
    name = "mixed-currencies"
    severity = Severity.WARNING
    summary = "Listings of one file are priced in several currencies"

    def merge(self, partials: pl.DataFrame) -> Iterable[Hit]:
        summed = self.summed(partials)
        if summed.height < 2:
            return
        top = summed.row(0, named=True)
        for r in summed.slice(1).iter_rows(named=True):
            yield Hit(
                message=f"{r['n']} listing(s) are priced in {r['currency']} (first here) while "
                f"{top['n']} are in {top['currency']}; one file should use one currency",
                field="currency",
                match=r["currency"],
                **at(r),
                suggestion=f"convert these prices to {top['currency']} or move them to their "
                "own file",
                policy=self.link(),
            )


class _PriceOutlier(PricingCatalogRule):
    """Shared partial and merge of the price outlier rules."""

    what: ClassVar[str] = "variants"
    #: outliers are judged within one group: a hash of the sheet and the group key
    merge_key = ("key",)

    def thresholds(self) -> tuple[int, float, float]:  # pragma: no cover - abstract
        raise NotImplementedError

    def group_key(self, batch: Batch) -> pl.Series | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def partial(self, batch: Batch, analysis: PricingAnalysis) -> pl.DataFrame | None:
        key = self.group_key(batch)
        if key is None:
            return None
        f = batch.frame
        q = quantities(batch)
        # explained prices are not reported: contexts (packs, samples...) and placeholder
        # values, which are PC103's
        placeholder = pl.col("price").round(3).is_in(placeholder_table()["amount"].implode())
        a = analysis.frame.with_columns(
            key.alias("g"),
            (analysis.contexts.select(pl.any_horizontal(*KINDS)).to_series() | placeholder).alias(
                "skip"
            ),
            q["qty"],
            q["dim"],
        ).filter(pl.col("live") & (pl.col("price") > 0) & pl.col("g").is_not_null())
        if not a.height:
            return None
        sheet_key = pl.concat_str([f[SHEET].fill_null("").gather(a["i"]), a["g"]], separator="\x1f")
        ids = f.select(REC, ROW, SHEET, _sku(f), pl.col("price").alias("raw"))[a["i"]]
        return pl.concat(
            [ids, a.select("price", "qty", "dim", "skip")], how="horizontal"
        ).with_columns(sheet_key.hash().alias("key"))

    def merge(self, partials: pl.DataFrame) -> Iterable[Hit]:
        min_n, min_ratio, min_z = self.thresholds()
        found = outliers(partials, "key", "price", min_n=min_n, min_ratio=min_ratio, min_z=min_z)
        if not found.height:
            return
        found = self._unexplained(partials, found, min_ratio)
        link = self.link()
        for r in found.sort(REC).iter_rows(named=True):
            ratio = r["ratio"]
            how = f"{ratio:,.3g} times" if ratio >= 1 else f"1/{1 / ratio:,.3g} of"
            yield Hit(
                message=f"price {r['raw']!r} is {how} the median price of its {r['n']} "
                f"{self.what} ({money(r['median'])}); robust z-score {r['z']:.1f} (distance "
                "from the median of log prices, in median absolute deviations)",
                field="price",
                match=r["raw"],
                **at(r),
                suggestion=f"check this price against its {self.what} (about "
                f"{money(r['median'])}); if it is a pack, a sample or another size, say so "
                "in the title or size",
                policy=link,
            )

    @staticmethod
    def _unexplained(partials: pl.DataFrame, found: pl.DataFrame, min_ratio: float) -> pl.DataFrame:
        """Drop outliers whose size explains the price: a quantity of another dimension
        than the group's usual one, or one that differs from it as much as the price."""
        typical = (
            partials.filter(
                pl.col("key").is_in(found["key"].implode()) & pl.col("qty").is_not_null()
            )
            .group_by("key", "dim")
            .agg(pl.col("qty").median().alias("q_med"), pl.len().alias("q_n"))
            .sort("q_n", descending=True)
            .unique("key", keep="first", maintain_order=True)
        )
        found = found.join(typical, on="key", how="left", suffix="_g")
        # sizes explain the price: another dimension than the siblings', a price that is
        # ordinary per unit (a "Single" at 9.95 beside "10-Pack"s at 98.99), or no
        # quantity where the siblings name one (cannot be compared)
        per_unit = (pl.col("ratio").log10() - (pl.col("qty") / pl.col("q_med")).log10()).abs()
        sized = (
            pl.col("qty").is_not_null()
            & (
                (pl.col("dim") != pl.col("dim_g")).fill_null(True)
                | (per_unit < math.log10(min_ratio))
            )
        ) | (pl.col("qty").is_null() & pl.col("q_med").is_not_null())
        return found.filter(~sized.fill_null(False))


class VariantPriceOutlier(_PriceOutlier):
    """One variant's price is far from its siblings' (median/MAD over the variant group:
    at least 3 variants, at least 5 times off the median, robust z-score 3.5).

    Why: sizes and colours of one product cost about the same; the classic error is a
    price typed in cents, a misplaced decimal point or a stray digit (1999 for 19.99).
    Variants whose size explains the price (a 5 L canister among 250 ml bottles, a pack
    of 24) and marked samples, packs and gift cards are not reported. Computed over the
    whole catalogue (two-phase, merged per variant group), so it holds when the file is
    split into batches.

    Fails:
        variants of TEE-BLK priced ``19.99``, ``1999``, ``21.99``

    Passes:
        ``250 ml`` at 4.99, ``1 L`` at 14.99, ``5 L`` at 59.99 (the price follows the size)
    """

    code = "PC401"
    name = "variant-price-outlier"
    severity = Severity.WARNING
    summary = "A variant's price is far from its siblings'"

    def thresholds(self) -> tuple[int, float, float]:
        s = self.cfg.first
        return s.variant_min_n, s.variant_min_ratio, s.variant_min_z

    def group_key(self, batch: Batch) -> pl.Series | None:
        f = batch.frame
        if GROUP not in f.columns or f[GROUP].null_count() == f.height:
            return None
        return f[GROUP]


class TypePriceOutlier(_PriceOutlier):
    """A listing's price is extreme for its product type within this catalogue (at
    least 10 listings of the type, 20 times off their median price, robust z-score 5).

    Why: uses the seller's own catalogue as the reference: one "T-shirt" at 2,500 among
    T-shirts at 15-30 is a typo or a price in the wrong currency unit. The product type
    comes from the title's head noun (listlint.product). Digital downloads (plans,
    patterns, templates), wholesale packs, samples, deposits and gift cards are not
    reported: they are priced apart from the product they name.

    Off by default (``--select PC402`` or ``extend-select``): it reads every title's
    product type, which costs about 100 microseconds per distinct title.

    Fails:
        one "Cotton T-Shirt" at ``2500`` among 40 T-shirts at 15-30

    Passes:
        "Dining Table Plans - PDF Digital Download" at 12 among tables at 400-900;
        "Wholesale T-Shirts Case of 50" at 450
    """

    code = "PC402"
    name = "type-price-outlier"
    severity = Severity.WARNING
    # off by default: it needs the product analysis of every title (about 100 us per
    # distinct title today); on once the detection families share that analysis
    default_enabled = False
    summary = "Price is extreme for its product type in this catalogue"
    what = "listings of this product type"
    fields = ("price", "title")

    def thresholds(self) -> tuple[int, float, float]:
        s = self.cfg.first
        return s.type_min_n, s.type_min_ratio, s.type_min_z

    def group_key(self, batch: Batch) -> pl.Series | None:
        if "title" not in batch.frame.columns:
            return None
        pa = product_analysis(batch)
        # the type the title names, where the title's head noun is trusted (a type read
        # from a category alone is too coarse; a CJK title's head too uncertain)
        types = pa.frame.select(
            pl.when(pl.col("product_field") == "title").then(pl.col("product_type"))
        ).to_series()
        keep = confident_heads(pa, batch.folded_series("title"))
        return types.set(~keep, None)
