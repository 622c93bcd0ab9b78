"""The category rules: a category that is not in the marketplace's taxonomy (CT101), a
category that disagrees with what the listing sells (CT102)."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from listlint.batch import Batch
from listlint.product.lexicon import lexicon
from listlint.report import Severity
from listlint.rules.base import Hit
from listlint.rules.category.family import CategoryAnalysis, CategoryRule


class UnknownCategory(CategoryRule):
    """A category in a column that names Google's product taxonomy is not one of its
    ids or full paths.

    Why: Google Merchant Center reads google_product_category as an id or a full path of
    its taxonomy (6324436); any other value is an invalid value, the product is
    categorised by guess, and category rules (apparel attributes, restricted goods)
    apply to the wrong category. Paths are compared case-, accent- and space-blind and
    in every locale Google publishes; the nearest real path is suggested.

    Fails:
        ``google_product_category="Apparel & Accessories > Clothing > Outerwear >
        Hoodies & Sweatshirts"``; ``google_product_category=99999999``

    Passes:
        ``"Apparel & Accessories > Clothing > Shirts & Tops"``; ``"1604"``;
        ``"Bekleidung & Accessoires > Bekleidung"``; a shop's own "Category" column
    """

    code = "CT101"
    name = "unknown-category"
    severity = Severity.WARNING
    summary = "Category is not in the marketplace's taxonomy"

    def check(self, batch: Batch, analysis: CategoryAnalysis) -> Iterator[Hit]:
        bad = {v: r for v, r in analysis.resolutions.items() if r.gid is None}
        if not bad:
            return
        header = batch.column_name("category") or "category"
        link = self.link()
        rows = batch.frame.select(
            pl.int_range(pl.len(), dtype=pl.Int64).alias("i"), pl.col("category")
        ).filter(pl.col("category").is_in(list(bad)))
        for i, value in rows.iter_rows():
            res = bad[value]
            if value.strip().isdigit():
                msg = f"{value!r} in {header!r} is not a Google product category id"
                hint = "use an id or a full path from Google's product taxonomy"
            else:
                where = f"after {res.known!r}" if res.known else "at the top level"
                msg = (
                    f"{value!r} in {header!r} is not a Google product category: its part "
                    f"{res.depth + 1} is not a category {where}"
                )
                hint = (
                    f"did you mean {res.nearest!r}?"
                    if res.nearest
                    else "use an id or a full path from Google's product taxonomy"
                )
            yield Hit(
                message=msg, index=i, field="category", match=value, suggestion=hint, policy=link
            )


class CategoryMismatch(CategoryRule):
    """The category names one kind of product and the title another: a phone case in
    "Food > Snacks".

    Why: a listing in the wrong category is hard to find, gets the wrong category rules
    (required attributes, restricted goods checks) and marketplaces remove or re-file
    it (Amazon "product classification", TikTok Shop "wrong category" violations).
    Reported only when both are known with confidence: the title's head noun and the
    category (a Google path or id, or a leaf that is itself a product noun) each name a
    product group, the groups differ, and they are not groups that share categories
    (a mug under "Home & Garden", leggings under "Sporting Goods": wordlists/category/
    compatible_groups.tsv).

    Fails:
        ``title="Slim Silicone Phone Case for iPhone 15", category="Food > Snacks"``

    Passes:
        ``title="Ceramic Coffee Mug", category="Home & Garden > Kitchen & Dining"``;
        ``title="Dog Treats", category="Animals & Pet Supplies"``; a category
        "Gifts" (no product group)
    """

    code = "CT102"
    name = "category-mismatch"
    severity = Severity.WARNING
    summary = "Category disagrees with what the title says the listing sells"
    fields = ("category", "title")

    def applies(self, batch: Batch) -> bool:
        return self.cfg.mismatch and batch.has("category") and batch.has("title")

    def check(self, batch: Batch, analysis: CategoryAnalysis) -> Iterator[Hit]:
        lex = lexicon()
        # a carrier category (clothing, jewellery, prints, toys, media) takes any design:
        # "Anchor" or "HD style motorcycle" earrings name their motif, not their type
        carriers = [g for g, grp in lex.groups.items() if grp.carrier]
        frame = pl.DataFrame({"all": analysis.category_groups}).with_row_index("i")
        frame = frame.with_columns(
            pl.col("all").list.eval(pl.element().filter(~pl.element().is_in(carriers))).alias("c")
        ).filter(pl.col("c").list.len() > 0)
        if not frame.height:
            return
        groups, trusted = analysis.titles(frame["i"].cast(pl.Int64))
        cand = frame.with_columns(groups.alias("t"), trusted.alias("sure")).filter(
            pl.col("sure") & pl.col("t").is_not_null() & ~pl.col("all").list.contains(pl.col("t"))
        )
        if not cand.height:
            return
        compatible = self.cfg.compatible
        link = self.link()
        cats = batch.frame["category"]
        titles = batch.frame["title"]
        folded = batch.folded_series("title")
        for i, t, cs in cand.select("i", "t", "c").iter_rows():
            if any(frozenset((t, c)) in compatible for c in cs):
                continue
            # a title that names anything of the category's kind is not a mismatch: its
            # head noun was the wrong pick ("HABITAT T-shirt", "ブラック" read as "rack")
            named = {m.payload.group for m in lex.type_matches(folded[i] or "")}
            if named & set(cs) or any(frozenset((g, c)) in compatible for g in named for c in cs):
                continue
            value = cats[i]
            shown = " or ".join(lex.label(c) for c in cs)
            yield Hit(
                message=f"the category {value!r} is for {shown}, but the title "
                f"({titles[i]!r}) names {lex.label(t)}",
                index=i,
                field="category",
                match=value,
                suggestion=f"move the listing to a category for {lex.label(t)}, or correct the "
                "title if the category is right",
                policy=link,
            )
