"""Catalogue-level image rules (two-phase, merged per key so Spark and Dask stay
correct): listings without any image, and one image on unrelated products."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import polars as pl

from listlint.batch import Batch
from listlint.fields import GROUP, REC, ROW, SHEET
from listlint.lifecycle import parent_row
from listlint.report import Severity
from listlint.rules.base import Hit
from listlint.rules.images.family import ImagesAnalysis, ImagesCatalogRule, at


def _ids(batch: Batch, idx: pl.Series) -> pl.DataFrame:
    f = batch.frame
    sku = pl.col("sku") if "sku" in f.columns else pl.lit(None, dtype=pl.Utf8).alias("sku")
    return f.select(REC, ROW, SHEET, sku)[idx]


def _group_key(batch: Batch) -> pl.Expr:
    """Sheet + variant group; a listing outside any group is a group of its own."""
    f = batch.frame
    group = pl.col(GROUP) if GROUP in f.columns else pl.lit(None, dtype=pl.Utf8)
    own = pl.concat_str([pl.lit("\x00rec:"), pl.col(REC).cast(pl.Utf8)])
    return pl.concat_str(
        [pl.col(SHEET).fill_null(""), pl.coalesce(group, own)], separator="\x1f"
    ).hash()


class MissingImage(ImagesCatalogRule):
    """A listing on sale has no image, nor does any other variant of its product.

    Why: every marketplace needs a main image (Google image_link, Amazon main image,
    TikTok Shop main_images, eBay: at least one photo); the listing is not shown
    without one. Variant rows that share their product's images (Shopify writes the
    image on the product's first row) are not reported; a product none of whose rows
    has an image is reported once, at its first row. Computed over the whole file
    (two-phase, merged per variant group).

    Fails:
        ``sku=MUG-1, images=""`` on a published listing

    Passes:
        ``images=https://shop.example/mug.jpg``; a Shopify variant row without an image
        whose product's first row has one; a draft without images
    """

    code = "IM201"
    name = "missing-image"
    severity = Severity.ERROR
    summary = "Listing on sale has no image"
    merge_key = ("key",)

    def applies(self, batch: Batch) -> bool:
        return "images" in batch.frame.columns  # a blank image column still counts

    def partial(self, batch: Batch, analysis: ImagesAnalysis) -> pl.DataFrame | None:
        if analysis.holds_text:
            return None  # the image column is not one (IM101): the images may be elsewhere
        f = batch.frame
        keys = f.select(_group_key(batch).alias("key"))["key"]
        frame = pl.DataFrame(
            {"key": keys, "has": analysis.counts > 0, "live": analysis.live}
        ).with_row_index("i")
        missing = frame.filter(~pl.col("has") & pl.col("live"))
        if not missing.height:
            return None
        # groups with an image: one row each clears its group's image-less rows; a parent
        # row with an image also clears the variants that name it as their group by its
        # SKU or id (WooCommerce variations of parent "id:1132" show the parent's image)
        grouped = f.select(pl.col(GROUP).is_not_null() if GROUP in f.columns else pl.lit(False))
        having = frame.filter(pl.col("has") & grouped.to_series()).select("key", "has")
        parents = parent_row(batch) & (analysis.counts > 0)
        if parents.any():
            for col in ("sku", "attr:ID", "attr:id"):
                if col in f.columns:
                    parent_keys = f.select(
                        pl.concat_str([pl.col(SHEET).fill_null(""), pl.col(col)], separator="\x1f")
                        .hash()
                        .alias("key")
                    ).filter(parents & f[col].is_not_null())
                    having = pl.concat(
                        [having, parent_keys.with_columns(pl.lit(True).alias("has"))]
                    )
        having = having.unique("key")
        ids = _ids(batch, missing["i"].cast(pl.Int64))
        out = pl.concat([ids, missing.select("key", "has")], how="horizontal")
        return pl.concat([out, having], how="diagonal_relaxed")

    def merge(self, partials: pl.DataFrame) -> Iterable[Hit]:
        with_image = partials.filter(pl.col("has"))["key"].unique()
        rows = (
            partials.filter(~pl.col("has") & ~pl.col("key").is_in(with_image.implode()))
            .sort(REC)
            .group_by("key", maintain_order=True)
            .agg(pl.col(REC, ROW, SHEET, "sku").first(), pl.len().alias("n"))
        )
        link = self.link()
        for r in rows.iter_rows(named=True):
            also = f" (nor do its {r['n'] - 1} other variant rows)" if r["n"] > 1 else ""
            yield Hit(
                message=f"listing has no image{also}; marketplaces do not show listings "
                "without a main image",
                field="images",
                **at(r),
                suggestion="add a photo of the product as its main image",
                policy=link,
            )


class SharedImage(ImagesCatalogRule):
    """The same main image is used by unrelated products.

    Why: the image is then wrong for all but one of them (Google and Amazon require the
    main image to show the product itself); it is usually a copy-paste slip, a brand
    logo or a stock photo used as the main image. Variants of one product, and
    listings whose titles say they are the same product, may share it. Computed over the
    whole file (two-phase, merged per image link).

    Fails:
        "Ceramic Mug" and "Garden Hose 30 m" both with main image ``.../IMG_001.jpg``

    Passes:
        the red and blue variants of one T-shirt sharing a lifestyle photo; "Linen Shirt"
        and "Linen Shirt - Blue" listed separately with one photo
    """

    code = "IM202"
    name = "shared-image"
    severity = Severity.WARNING
    summary = "One main image is used by unrelated products"
    merge_key = ("url_key",)
    fields = ("images", "title")
    #: titles at least this similar (rapidfuzz token-set ratio) name the same product
    same_title = 60
    #: an image on more products than this is reported once, as a shop-wide image
    mass = 10

    def partial(self, batch: Batch, analysis: ImagesAnalysis) -> pl.DataFrame | None:
        rows = analysis.links.filter((pl.col("pos") == 0) & pl.col("web") & ~pl.col("placeholder"))
        if not rows.height or "title" not in batch.frame.columns:
            return None
        live = analysis.live.gather(rows["i"])
        rows = rows.filter(live)
        if not rows.height:
            return None
        idx = rows["i"]
        titles = batch.folded_series("title").gather(idx).str.slice(0, 80)
        groups = batch.frame.select(_group_key(batch).alias("g"))["g"].gather(idx)
        return pl.concat(
            [
                _ids(batch, idx),
                pl.DataFrame(
                    {"url": rows["url"], "url_key": rows["url"].hash(), "g": groups, "t": titles}
                ),
            ],
            how="horizontal",
        )

    def _unrelated(self, grp: pl.DataFrame, first: dict, fuzz: Any) -> list[dict]:
        """Listings of ``grp`` (one link) after the first that are another product: in
        another variant group and with a title unlike the first's."""
        out = []
        seen = {first["g"]}
        for r in grp.slice(1).iter_rows(named=True):
            if r["g"] in seen:
                continue
            seen.add(r["g"])
            if not r["t"] or not first["t"]:
                continue  # a listing without a title cannot be told apart from the first
            if fuzz.token_set_ratio(r["t"], first["t"]) < self.same_title:
                out.append(r)
        return out

    def merge(self, partials: pl.DataFrame) -> Iterable[Hit]:
        from rapidfuzz import fuzz

        shared = partials.filter(pl.col("g").n_unique().over("url_key") > 1).sort(REC)
        link = self.link()
        for _, grp in shared.group_by("url_key", maintain_order=True):
            first = grp.row(0, named=True)
            unrelated = self._unrelated(grp, first, fuzz)
            if len(unrelated) > self.mass:
                # a logo, banner or stock photo on a whole shop: one finding, not thousands
                r = unrelated[0]
                yield Hit(
                    message=f"main image {r['url']!r} is the main image of "
                    f"{len(unrelated) + 1} unrelated products (first at row {first[ROW]}); it "
                    "looks like a logo, banner or stock photo, not a photo of each product",
                    field="images",
                    match=r["url"][:300],
                    **at(r),
                    suggestion="give each product a photo of itself as its main image",
                    policy=link,
                )
                continue
            for r in unrelated:
                yield Hit(
                    message=f"main image {r['url']!r} is also the main image of row "
                    f"{first[ROW]} ({first['t']!r}), an unrelated product",
                    field="images",
                    match=r["url"][:300],
                    **at(r),
                    suggestion="give each product a photo of itself as its main image",
                    policy=link,
                )
