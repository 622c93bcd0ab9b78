"""Rules on image files that sit beside the catalogue (a relative link to a file in
the catalogue's folder, read by :mod:`.local`): too small or too large in pixels, a main
image of the wrong shape, a file that cannot be read (IM3xx)."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from listlint.batch import Batch
from listlint.report import Severity
from listlint.rules.base import Hit
from listlint.rules.images.family import ImagesAnalysis, ImagesRule
from listlint.rules.images.local import ImageFile, catalogue_folder, local_path, read_image


def local_images(batch: Batch, analysis: ImagesAnalysis) -> list[tuple[int, int, str, ImageFile]]:
    """(listing, position, link, file) of every local image link of the batch."""

    def compute(b: Batch) -> list[tuple[int, int, str, ImageFile]]:
        if catalogue_folder(b) is None or not analysis.links.height:
            return []
        rows = analysis.links.filter(~pl.col("web") & pl.col("scheme").is_null())
        out = []
        for i, pos, url in rows.select("i", "pos", "url").iter_rows():
            path = local_path(b, url)
            if path is not None:
                out.append((i, pos, url, read_image(path)))
        return out

    return batch.cached("images:local", compute)


class ImageTooSmall(ImagesRule):
    """A local image file is smaller (or larger) in pixels than the marketplace takes.

    Why: Google needs at least 100 x 100 pixels (250 x 250 for apparel, 6324350),
    Amazon 1,000 pixels on the longest side for zoom and at most 10,000
    (G9FUUH87RBNXGKB7), eBay 500 on the longest side (picture policy 4370), TikTok Shop
    300 x 300 to 4,000 x 4,000. Read from the file's header when the catalogue sits beside
    its images.

    Fails:
        ``images/mug.jpg`` of 80 x 80 pixels with ``--policy google-shopping``

    Passes:
        a 1,200 x 1,200 pixel ``images/mug.jpg``; an image given as a web link (not
        downloaded)
    """

    code = "IM301"
    name = "image-too-small"
    severity = Severity.ERROR
    summary = "Local image file is outside the marketplace's pixel limits"

    def check(self, batch: Batch, analysis: ImagesAnalysis) -> Iterator[Hit]:
        files = local_images(batch, analysis)
        if not files:
            return
        link = self.link()
        for i, _pos, url, img in files:
            if img.size is None:
                continue
            w, h = img.size
            for p in self.cfg.packs:
                s = p.section
                why = None
                if (s.min_width and w < s.min_width) or (s.min_height and h < s.min_height):
                    why = f"below the {s.min_width or 1} x {s.min_height or 1} minimum"
                elif s.min_longest_side and max(w, h) < s.min_longest_side:
                    why = f"below {s.min_longest_side} pixels on the longest side"
                elif s.max_longest_side and max(w, h) > s.max_longest_side:
                    why = f"above {s.max_longest_side} pixels on the longest side"
                if why:
                    who = p.label or "the marketplace"
                    yield Hit(
                        message=f"image {url!r} is {w} x {h} pixels, {why} of {who}",
                        index=i,
                        field="images",
                        match=url,
                        suggestion="use a larger original photo (1,000 pixels or more on the "
                        "longest side suits every marketplace)",
                        policy=p.link or link,
                        marketplaces=(p.label,) if p.label else (),
                    )
                    break


class ImageAspectRatio(ImagesRule):
    """A local main image is too wide or too tall for the marketplace.

    Why: TikTok Shop asks for a main image between 3:4 and 4:3 (its upload template);
    marketplaces crop or pad other shapes, often cutting the product. Packs set
    ``images.min_aspect`` and ``max_aspect`` (width / height).

    Fails:
        a 1,600 x 400 pixel main image with ``--policy tiktok-shop-us``

    Passes:
        a 1,000 x 1,000 pixel main image
    """

    code = "IM302"
    name = "image-aspect-ratio"
    severity = Severity.WARNING
    summary = "Local main image is too wide or too tall"

    def check(self, batch: Batch, analysis: ImagesAnalysis) -> Iterator[Hit]:
        files = [f for f in local_images(batch, analysis) if f[1] == 0 and f[3].size]
        if not files:
            return
        for i, _pos, url, img in files:
            w, h = img.size  # type: ignore[misc]
            ratio = w / h
            for p in self.cfg.packs:
                s = p.section
                if (s.min_aspect and ratio < s.min_aspect) or (
                    s.max_aspect and ratio > s.max_aspect
                ):
                    yield Hit(
                        message=f"main image {url!r} is {w} x {h} pixels (width/height "
                        f"{ratio:.2f}); {p.label or 'the marketplace'} takes "
                        f"{s.min_aspect or 0:.2f} to {s.max_aspect or 99:.2f}",
                        index=i,
                        field="images",
                        match=url,
                        suggestion="crop or pad the main image to a square",
                        policy=p.link or self.link(),
                        marketplaces=(p.label,) if p.label else (),
                    )
                    break


class UnreadableImage(ImagesRule):
    """A local image file cannot be used: not an image, truncated, a decompression bomb,
    or larger than the marketplace's file-size limit.

    Why: the marketplace rejects the upload (Google up to 16 MB, Amazon 10 MB, TikTok
    Shop 5 MB). The file is only ever read inside the catalogue's folder, header
    first; a file that declares more pixels than listlint reads is not decoded.

    Fails:
        ``images/mug.jpg`` that is a text file; a 12 MB image with ``--policy tiktok-shop-us``

    Passes:
        a 300 KB JPEG
    """

    code = "IM303"
    name = "unreadable-image"
    severity = Severity.ERROR
    summary = "Local image file cannot be read or is too large"

    def check(self, batch: Batch, analysis: ImagesAnalysis) -> Iterator[Hit]:
        link = self.link()
        limit = self.cfg.strictest("max_file_mb", low=True)
        for i, _pos, url, img in local_images(batch, analysis):
            if img.problem:
                msg = f"image file {url!r} {img.problem}"
            elif limit and img.bytes > limit * 1e6:
                who = [
                    p.label
                    for p in self.cfg.packs
                    if p.section.max_file_mb and img.bytes > p.section.max_file_mb * 1e6
                ]
                msg = f"image file {url!r} is {img.bytes / 1e6:.1f} MB; {', '.join(who)} takes up to {limit:g} MB"
            else:
                continue
            yield Hit(
                message=msg,
                index=i,
                field="images",
                match=url,
                suggestion="save the photo again as a JPEG under the size limit",
                policy=link,
            )
