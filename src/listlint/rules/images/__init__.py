"""Rule family ``images`` (issue 23): image links that are not web addresses, insecure,
of a format the marketplace refuses, placeholders; image counts; listings without an
image and one image on unrelated products; local image files too small, of the wrong
shape or unreadable (IM1xx-IM3xx).

Modules: :mod:`family` (settings, analysis, base rules), :mod:`policy` (the packs'
``images:`` section), :mod:`links` (links split and classified), :mod:`rules` (per
listing), :mod:`catalog_rules` (whole catalogue), :mod:`local` and :mod:`file_rules`
(image files beside the catalogue, read with Pillow).
"""

from listlint.rules.base import Rule
from listlint.rules.images.catalog_rules import MissingImage, SharedImage
from listlint.rules.images.family import ImagesFamily
from listlint.rules.images.file_rules import ImageAspectRatio, ImageTooSmall, UnreadableImage
from listlint.rules.images.rules import (
    ImageCount,
    InsecureImageUrl,
    InvalidImageUrl,
    PlaceholderImage,
    UnsupportedImageFormat,
)

FAMILY = ImagesFamily

RULES: list[type[Rule]] = [
    InvalidImageUrl,
    InsecureImageUrl,
    UnsupportedImageFormat,
    PlaceholderImage,
    ImageCount,
    MissingImage,
    SharedImage,
    ImageTooSmall,
    ImageAspectRatio,
    UnreadableImage,
]

__all__ = ["FAMILY", "RULES"]
