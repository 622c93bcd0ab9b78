"""Image files that sit beside the catalogue, read safely.

A link that is a relative path ("images/mug.jpg") names a file in the catalogue's own
folder. Only such files are opened: the path is resolved (symbolic links followed) and
must stay inside the catalogue's folder, so "../../etc/passwd" or a link pointing out is
never read. Pillow reads only the header (format and pixel size), from at most
``MAX_FILE_BYTES``; an image declaring more than ``MAX_PIXELS`` pixels, or more than
Pillow's own limit (a decompression bomb), is reported, not decoded. Pillow's global
settings are left as the caller set them. Each distinct file is read once per run.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from listlint.batch import Batch

#: a file larger than this is not opened (no marketplace takes images over ~16 MB)
MAX_FILE_BYTES = 64 * 1024 * 1024
#: pixels an image may declare before it is treated as a decompression bomb (Google's
#: own limit is 64 megapixels; Pillow's default warning is at ~89 MP)
MAX_PIXELS = 100_000_000
#: formats Pillow may use to read a header (the rest of its plugins are never tried)
FORMATS = ("JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF", "MPO")


@dataclass(frozen=True)
class ImageFile:
    """What a local image file is: its ``size`` (width, height) and ``format``, or the
    ``problem`` that kept it from being read; ``bytes`` on disk."""

    path: str
    bytes: int
    size: tuple[int, int] | None = None
    format: str | None = None
    problem: str | None = None


def catalogue_folder(batch: Batch) -> Path | None:
    """The folder of the catalogue file (None for records, frames and stdin)."""
    if not batch.path or batch.path == "-":
        return None
    p = Path(batch.path)
    return p.parent.resolve() if p.is_file() else None


def local_path(batch: Batch, link: str) -> Path | None:
    """The file a relative link names inside the catalogue's folder, if it exists."""
    folder = catalogue_folder(batch)
    if folder is None or not link or "://" in link or link.startswith(("/", "\\", "//")):
        return None
    return _inside(str(folder), link)


@lru_cache(maxsize=65536)
def _inside(folder: str, link: str) -> Path | None:
    base = Path(folder)
    try:
        target = (base / link.split("?")[0]).resolve()
        # is_file raises on a name the file system refuses (over 255 bytes: a misaligned
        # CSV put a features text in the image column of a real PrestaShop export)
        if not target.is_relative_to(base) or not target.is_file():
            return None
    except (OSError, RuntimeError, ValueError):
        return None
    return target


@lru_cache(maxsize=65536)
def read_image(path: Path) -> ImageFile:
    """The header of one image file (never raises)."""
    from PIL import Image

    try:
        size = path.stat().st_size
    except OSError as exc:
        return ImageFile(str(path), 0, problem=f"cannot be read ({exc.strerror})")
    if size > MAX_FILE_BYTES:
        return ImageFile(str(path), size, problem=f"is {size / 1e6:,.0f} MB, too large to read")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with path.open("rb") as fh, Image.open(fh, formats=FORMATS) as im:
                w, h = im.size
                fmt = im.format
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return ImageFile(str(path), size, problem="declares too many pixels (a decompression bomb)")
    except Exception:  # any unreadable or truncated file: a finding, never a crash
        return ImageFile(str(path), size, problem="is not an image file listlint can read")
    if w * h > MAX_PIXELS:
        return ImageFile(str(path), size, problem="declares too many pixels (a decompression bomb)")
    return ImageFile(str(path), size, (w, h), fmt)
