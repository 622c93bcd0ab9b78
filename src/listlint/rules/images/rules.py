"""Per-listing image rules: links that are not web addresses, use http where https is
required, point to a format the marketplace does not take, or to a placeholder; too few
or too many images (IM1xx)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl

from listlint.batch import Batch
from listlint.report import Severity
from listlint.rules.base import Hit
from listlint.rules.images.family import ImagesAnalysis, ImagesRule, per_listing
from listlint.rules.images.links import image_extensions
from listlint.rules.images.local import local_path


def _more(n: int) -> str:
    return f" (and {n - 1} more link(s) like it)" if n > 1 else ""


class InvalidImageUrl(ImagesRule):
    """An image link that is not an absolute http(s) address a marketplace can fetch:
    a relative or local path, another scheme (ftp:, file:, data:), a link with spaces,
    or, where the marketplace requires it (Google), non-ASCII characters.

    Why: marketplaces download each image from its link (Google image_link 6324350:
    "http or https, RFC 3986"); anything else leaves the listing without that image.
    A relative path to a file that sits beside the catalogue is read as a local image
    (IM3xx), not reported here. An image column whose cells are all prose, not one of
    them a link (rows a cell short of their header put a feature list under "Url
    imagen"), is reported once, at its first listing, and the other image rules leave
    it: the listings' images are in some other column.

    Fails:
        ``images/mug.jpg`` (no such file beside the catalogue); ``ftp://host/mug.jpg``;
        ``https://shop.example/my mug.jpg``; ``//cdn.shop/mug.jpg``

    Passes:
        ``https://cdn.shopify.com/s/files/1/0001/products/mug.jpg?v=123``;
        ``https://down-vn.img.susercontent.com/file/vn-11134258-7ras8-m466mp4h2eu8a8``
    """

    code = "IM101"
    name = "invalid-image-url"
    severity = Severity.ERROR
    summary = "Image link is not an absolute http(s) URL"

    def check(self, batch: Batch, analysis: ImagesAnalysis) -> Iterator[Hit]:
        if analysis.holds_text:
            yield self._text_column(batch, analysis)
            return
        ascii_packs = [p.label for p in self.cfg.packs if p.section.ascii_only]
        rows = analysis.links
        if not rows.height:
            return
        bad_shape = ~pl.col("web") | pl.col("spaces")
        if ascii_packs:
            bad_shape = bad_shape | pl.col("url").str.contains(r"[^\x00-\x7f]")
        bad = rows.filter(bad_shape)
        if not bad.height:
            return
        link = self.link()
        for r in per_listing(bad).iter_rows(named=True):
            url = r["url"]
            if not r["web"] and r["scheme"] is None and not url.startswith("//"):
                if local_path(batch, url) is not None:
                    continue  # a local image file: IM3xx reads it
                why = "is a relative path, not a web address (no such file beside the catalogue)"
                fix = "upload the image and give its full https:// link"
            elif not r["web"]:
                why = (
                    "has no scheme (starts with //)"
                    if url.startswith("//")
                    else f"uses {r['scheme']!r}, not http or https"
                )
                fix = "give the image's full https:// link"
            elif r["spaces"]:
                why = "contains spaces"
                fix = "encode spaces as %20 (or rename the file without spaces)"
            else:
                why = f"contains non-ASCII characters, which {', '.join(ascii_packs)} rejects"
                fix = "percent-encode the link (e.g. %C3%A9 for é)"
            yield Hit(
                message=f"image link {url!r} {why}{_more(r['n'])}",
                index=r["i"],
                field="images",
                match=url[:300],
                suggestion=fix,
                policy=link,
            )

    def _text_column(self, batch: Batch, analysis: ImagesAnalysis) -> Hit:
        """One finding for an image column that holds prose, at its first listing."""
        cells = analysis.all_links
        first = cells.row(0, named=True)
        header = batch.column_name("images") or "images"
        n = cells["i"].n_unique()
        return Hit(
            message=f"the image column {header!r} holds text, not image links, in all {n} "
            f"listing(s) that fill it (first: {first['url'][:60]!r}); the header may be "
            "one field off from the rows, or the column mapped wrongly",
            index=first["i"],
            field="images",
            match=first["url"][:300],
            suggestion="check that every row has as many cells as the header (DT101), or "
            "name the image column with --map images=HEADER",
            policy=self.link(),
        )


class InsecureImageUrl(ImagesRule):
    """An image link uses http where the marketplace requires https.

    Why: eBay accepts self-hosted pictures only from https servers (Trading API
    PictureSourceCodeType "Vendor"; Media API createImageFromUrl: "HTTP is not
    permitted"); browsers also block http images on https pages. Packs set
    ``images.require_https``.

    Fails:
        ``http://shop.example/mug.jpg`` with ``--policy ebay``

    Passes:
        ``https://shop.example/mug.jpg``; ``http://...`` for a marketplace that takes it
    """

    code = "IM102"
    name = "insecure-image-url"
    severity = Severity.ERROR
    summary = "Image link uses http where the marketplace requires https"

    def check(self, batch: Batch, analysis: ImagesAnalysis) -> Iterator[Hit]:
        packs = [p for p in self.cfg.packs if p.section.require_https]
        if not packs or not analysis.links.height:
            return
        bad = analysis.links.filter(pl.col("web") & (pl.col("scheme") == "http"))
        labels = tuple(p.label for p in packs)
        for r in per_listing(bad).iter_rows(named=True):
            yield Hit(
                message=f"image link {r['url']!r} uses http; {', '.join(labels)} requires "
                f"https{_more(r['n'])}",
                index=r["i"],
                field="images",
                match=r["url"][:300],
                suggestion="serve the images over https and use https:// links",
                policy=packs[0].link or self.link(),
                marketplaces=labels,
            )


class UnsupportedImageFormat(ImagesRule):
    """An image link ends in a file type the marketplace does not accept (.heic,
    .webp for Amazon, .svg, .pdf, .mp4...).

    Why: Google takes JPEG, WebP, PNG, GIF, BMP and TIFF (6324350), Amazon JPEG, TIFF,
    PNG and GIF (G9FUUH87RBNXGKB7), TikTok Shop JPG, JPEG and PNG, eBay also AVIF, HEIC
    and WEBP; other files are rejected. Only the extension the link's path ends in is
    read (".../a.jpg?v=123" is a jpg); links without one (CDN resizing paths, ".php?id=")
    are not judged.

    Fails:
        ``https://cdn.shopify.com/s/files/1/IMG_1891.heic?v=1753394993`` for Google;
        ``https://shop.example/mug.webp`` for Amazon

    Passes:
        ``https://shop.example/mug.jpg?width=800``; ``https://img.example/p/12345``
    """

    code = "IM103"
    name = "unsupported-image-format"
    severity = Severity.ERROR
    summary = "Image link is a file type the marketplace does not accept"

    def check(self, batch: Batch, analysis: ImagesAnalysis) -> Iterator[Hit]:
        rows = analysis.links
        if not rows.height:
            return
        known = image_extensions()
        exts = [e for e in rows["ext"].drop_nulls().unique().to_list() if e in known]
        if not exts:
            return
        link = self.link()
        for ext in sorted(exts):
            kind, fmt = known[ext]
            refusing = [
                p
                for p in self.cfg.packs
                if kind != "image" or (p.section.formats and ext not in p.section.formats)
            ]
            if not refusing:
                continue
            labels = tuple(p.label for p in refusing if p.label)
            who = ", ".join(labels) if labels else "marketplaces"
            what = f"a {fmt} file" if kind == "image" else f"a {fmt}, not an image"
            for r in per_listing(rows.filter(pl.col("ext") == ext)).iter_rows(named=True):
                yield Hit(
                    message=f"image link {r['url']!r} is {what}, which {who} does not accept"
                    f"{_more(r['n'])}",
                    index=r["i"],
                    field="images",
                    match=r["url"][:300],
                    suggestion="convert the image to JPEG or PNG and link that file",
                    policy=refusing[0].link or link,
                    marketplaces=labels,
                )


class PlaceholderImage(ImagesRule):
    """An image link points to a placeholder ("no-image", "placeholder", "coming-soon",
    a placeholder service such as via.placeholder.com, example.com).

    Why: marketplaces require a photo of the product: Google (image_link 6324350: no
    placeholder images) and eBay (picture policy 4370) remove such listings, and a
    shop platform's "no image" file shows when the real image was never uploaded. A
    listing whose own title names the word ("Coming Soon Sign") is not reported.

    Fails:
        ``https://shop.example/wp-content/uploads/woocommerce-placeholder.png``;
        ``https://via.placeholder.com/300x300?text=Mug``

    Passes:
        ``https://shop.example/images/mug-front.jpg``; a "Coming Soon Neon Sign" whose
        image is ``coming-soon-neon-sign.jpg``
    """

    code = "IM104"
    name = "placeholder-image"
    severity = Severity.ERROR
    summary = "Image link is a placeholder, not a photo of the product"

    def check(self, batch: Batch, analysis: ImagesAnalysis) -> Iterator[Hit]:
        rows = analysis.links
        if not rows.height:
            return
        bad = rows.filter(pl.col("placeholder"))
        if not bad.height:
            return
        titles = batch.folded_series("title") if "title" in batch.frame.columns else None
        link = self.link()
        for r in per_listing(bad).iter_rows(named=True):
            if titles is not None and _title_names(titles[r["i"]], r["url"]):
                continue
            yield Hit(
                message=f"image link {r['url']!r} is a placeholder, not a photo of the product"
                f"{_more(r['n'])}",
                index=r["i"],
                field="images",
                match=r["url"][:300],
                suggestion="upload a real photo of the product and link it",
                policy=link,
            )


def _title_names(title: str | None, url: str) -> bool:
    """The title says what the placeholder word says ("Coming Soon Sign")."""
    if not title:
        return False
    words = {w for w in title.replace("-", " ").split() if len(w) > 2}
    name = Path(url.split("?")[0]).stem.lower().replace("_", "-").split("-")
    hits = [w for w in name if w in {"placeholder", "coming", "soon", "dummy"}]
    return bool(hits) and all(h in words for h in hits)


class ImageCount(ImagesRule):
    """A listing has fewer images than the marketplace requires, or more than it keeps.

    Why: packs set ``images.min_images`` (a marketplace or a seller's own pack may ask
    for several views) and ``images.max_images`` (TikTok Shop keeps 9 main images,
    Amazon 9, Google 1 main and 10 additional, eBay 24): extra images are dropped
    silently. A listing with no image at all is IM201.

    Fails:
        12 image links with ``--policy tiktok-shop-us`` (9 kept)

    Passes:
        5 image links there
    """

    code = "IM105"
    name = "image-count"
    severity = Severity.WARNING
    summary = "Listing has fewer or more images than the marketplace takes"

    def check(self, batch: Batch, analysis: ImagesAnalysis) -> Iterator[Hit]:
        packs = self.cfg.packs
        lo = max(p.section.min_images for p in packs)
        caps = [p for p in packs if p.section.max_images is not None]
        hi = min((p.section.max_images for p in caps), default=None)  # type: ignore[type-var]
        frame = pl.DataFrame({"n": analysis.counts, "live": analysis.live}).with_row_index("i")
        few = (pl.col("n") > 0) & (pl.col("n") < lo)
        many = pl.col("n") > hi if hi is not None else pl.lit(False)
        link = self.link()
        for i, n, _ in frame.filter(pl.col("live") & (few | many)).iter_rows():
            if n < lo:
                who = [p.label for p in packs if p.section.min_images > n and p.label]
                msg = f"listing has {n} image(s); {', '.join(who) or 'the pack'} asks for at least {lo}"
                fix = "add photos from other angles, in use and of the details"
            else:
                who = [p.label for p in caps if n > p.section.max_images]
                msg = f"listing has {n} images; {', '.join(who)} keeps only {hi}"
                fix = f"keep the {hi} best images, main image first"
            yield Hit(message=msg, index=i, field="images", suggestion=fix, policy=link)
